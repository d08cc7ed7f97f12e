#include "extract/patterns.h"

#include <fstream>
#include <sstream>

namespace orbat {

namespace {

// Type letters of slots: g group, s state, p place, h person, m media, o other.
std::string SlotClass(std::string_view letters) {
  if (letters == "*") return "gsphmo";
  return std::string(letters);
}

std::string Slot(std::string_view name, std::string_view letters) {
  std::string cls = SlotClass(letters);
  std::string body = "<[" + cls + "][0-9_" + cls + "]*>";
  if (name.empty()) return "(?:" + body + ")";
  return "(?P<" + std::string(name) + ">" + body + ")";
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == '\t') { out.push_back(cur); cur.clear(); }
    else cur += c;
  }
  out.push_back(cur);
  return out;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \r");
  size_t e = s.find_last_not_of(" \r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

PatternSet::PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;
PatternSet::~PatternSet() = default;

std::string PatternSet::Expand(std::string_view pattern) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] != '{') { out += pattern[i++]; continue; }
    size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) { out += pattern.substr(i); break; }
    std::string_view macro = pattern.substr(i + 1, close - i - 1);
    std::string_view name = macro, letters;
    if (size_t colon = macro.find(':'); colon != std::string_view::npos) {
      name = macro.substr(0, colon);
      letters = macro.substr(colon + 1);
    }
    // Counted repetition like a{2,3} is regex syntax, not a macro.
    if (!name.empty() && (isdigit(static_cast<unsigned char>(name[0])) || name[0] == ',')) {
      out += pattern.substr(i, close - i + 1);
    } else if (name == "S") {
      out += Slot("s", letters.empty() ? "gs" : letters);
    } else if (name == "O") {
      out += Slot("o", letters.empty() ? "gs" : letters);
    } else if (name == "E") {
      out += Slot("", letters.empty() ? "gs" : letters);
    } else if (name == "N") {
      out += "(?P<n><n[0-9]+>)";
    } else if (name == "T") {
      out += "(?P<t>(?:[^<\\s]\\S* ){0,5}?[^<\\s]\\S*)";
    } else if (name == "PAREN") {
      // A parenthesis, or an appositive between commas ("Hezbollah, a Shiite militant
      // group based in Lebanon, was founded"): what it says does not change the clause.
      out += "(?:\\( (?:[^()]* )?\\) )?"
             "(?:, (?:a|an|the|which|who|whose|once|formerly|now|also|one|long|itself|officially|known|commonly|"
             "popularly|better) (?:[^,\\s]+ )*?, )?";
    } else if (name == "POSS") {
      // A possessive: "its", "their", or a resolved "its" that became a slot.
      out += "(?:(?:its|their|his|her|<[gsh][0-9_gsh]*>) (?:'s )?)?";
    } else if (name == "D") {
      out += "(?:<d[0-9]+>)";
    } else if (name.substr(0, 3) == "GAP") {
      // Up to N words that are not entity slots (default 4).
      std::string n = name.size() > 3 ? std::string(name.substr(3)) : "4";
      out += "(?:[^<\\s]\\S* ){0," + n + "}?";
    } else if (name == "AUX") {
      out += "(?:(?:has|have|had|was|were|is|are|been|being|be|will|would|also|later|then|reportedly|"
             "allegedly|officially|formally|publicly|subsequently|eventually|initially|once|still|"
             "now|previously|repeatedly|soon|quickly|temporarily|openly|already|first|itself|"
             "themselves|both|all|effectively|fully|partly|largely|primarily|mainly|mostly|frequently|"
             "often|regularly|jointly|directly|successfully|briefly|heavily|actively|"
             "increasingly|particularly|especially|reportedly|generally|recently|finally|"
             "again|since|indeed|currently|long|"
             // "ISWAP fighters attacked", "Hamas militants clashed": the group's members.
             "fighters|militants|members|gunmen|commanders|operatives|insurgents|loyalists|"
             // "US warplanes struck", "Syrian troops shelled": the state's forces.
             "troops|soldiers|forces|warplanes|aircraft|jets|drones|planes|gunboats) )*";
    } else {
      out += pattern.substr(i, close - i + 1);
    }
    i = close + 1;
  }
  return out;
}

Result<PatternSet> PatternSet::Load(const std::vector<std::string>& files) {
  PatternSet set;
  RE2::Options options;
  options.set_log_errors(false);
  std::vector<std::string> screened;
  for (const std::string& file : files) {
    std::ifstream in(file);
    if (!in) return Error{file, 0, "cannot open pattern file"};
    std::string line;
    long lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      if (Trim(line).empty() || line[0] == '#') continue;
      std::vector<std::string> cols = SplitTabs(line);
      if (cols.size() != 3) return Error{file, lineno, "expected 3 tab-separated columns"};
      Pattern p;
      p.file = file;
      p.line = lineno;
      p.source = Trim(cols[2]);
      std::stringstream preds(Trim(cols[0]));
      for (std::string pred; std::getline(preds, pred, '+');) p.predicates.push_back(pred);
      std::stringstream opts(Trim(cols[1]));
      for (std::string opt; opts >> opt;) {
        if (opt == "-") continue;
        if (opt == "start") p.time_role = Pattern::TimeRole::kStart;
        else if (opt == "end") p.time_role = Pattern::TimeRole::kEnd;
        else if (opt == "notime") p.time_role = Pattern::TimeRole::kNone;
        else if (opt == "swap") p.swap = true;
        else if (opt == "pairs") p.pairs = true;
        else if (opt.rfind("hedge=", 0) == 0) p.hedge = opt.substr(6);
        else if (opt.rfind("conf=", 0) == 0) p.confidence = std::atof(opt.c_str() + 5);
        else return Error{file, lineno, "unknown option '" + opt + "'"};
      }
      // Rules match whole words: anchor to the spaces that separate abstract tokens
      // (a rule that starts with ^ is anchored to the sentence start instead).
      std::string expanded = (p.source[0] == '^' ? "" : "(?:^| )") + Expand(p.source) + "(?: |$)";
      auto re = std::make_unique<RE2>(expanded, options);
      if (!re->ok()) return Error{file, lineno, "bad pattern: " + re->error()};
      const auto& names = re->NamedCapturingGroups();
      if (!names.count("o") && !names.count("t") && !(p.pairs && names.count("s")))
        return Error{file, lineno, "pattern has no object slot {O} (or {S} with pairs)"};
      p.needs_subject = !names.count("s");
      // The screen only has to let every match through: without the word-boundary
      // anchors its database is smaller and a quarter faster (RE2 still checks them).
      screened.push_back(Expand(p.source));
      set.regexes_.push_back(Compile(p, std::move(re)));
      set.patterns_.push_back(std::move(p));
    }
  }
  Result<PatternScreen> screen = PatternScreen::Compile(screened);
  if (!screen.ok()) return screen.error();
  set.screen_ = std::make_unique<PatternScreen>(std::move(*screen));
  return set;
}

size_t PatternSet::unscreened() const { return screen_ ? screen_->unscreened() : 0; }

namespace {

// The slot macro ({S}, {O:g}, ...) a rule starts or ends with: 'S', 'O', or 0.
char LeadingSlot(std::string_view src) {
  if (src.size() < 3 || src[0] != '{' || (src[1] != 'S' && src[1] != 'O')) return 0;
  if (src[2] != '}' && src[2] != ':') return 0;
  return src[1];
}

char TrailingSlot(std::string_view src) {
  if (src.empty() || src.back() != '}') return 0;
  size_t open = src.rfind('{');
  if (open == std::string_view::npos) return 0;
  std::string_view macro = src.substr(open);
  if (macro.find(' ') != std::string_view::npos) return 0;
  return LeadingSlot(macro);
}

// The slot token at the start ("<g0> attacked" or " <g0> attacked") or at the end
// ("... <g1>" or "... <g1> ") of a match; npos when the match does not have one there.
size_t FirstSlot(std::string_view text, size_t begin, size_t end, size_t* len) {
  if (begin < end && text[begin] == ' ') ++begin;
  if (begin >= end || text[begin] != '<') return std::string_view::npos;
  size_t close = text.find('>', begin);
  if (close == std::string_view::npos || close >= end) return std::string_view::npos;
  *len = close + 1 - begin;
  return begin;
}

size_t LastSlot(std::string_view text, size_t begin, size_t end, size_t* len) {
  if (end > begin && text[end - 1] == ' ') --end;
  if (end <= begin || text[end - 1] != '>') return std::string_view::npos;
  size_t open = text.rfind('<', end - 1);
  if (open == std::string_view::npos || open < begin) return std::string_view::npos;
  *len = end - open;
  return open;
}

}  // namespace

PatternSet::Compiled PatternSet::Compile(const Pattern& p, std::unique_ptr<RE2> re) {
  Compiled c;
  const auto& names = re->NamedCapturingGroups();
  c.ngroups = re->NumberOfCapturingGroups() + 1;
  c.s_idx = names.count("s") ? names.at("s") : -1;
  c.o_idx = names.count("o") ? names.at("o") : names.count("t") ? names.at("t") : names.at("s");
  c.text_object = !names.count("o") && names.count("t");
  char first = LeadingSlot(p.source), last = TrailingSlot(p.source);
  auto edge = [&](char slot) {
    return first == slot ? Compiled::Edge::kFirst : last == slot ? Compiled::Edge::kLast : Compiled::Edge::kNone;
  };
  c.s_edge = c.s_idx >= 0 ? edge('S') : Compiled::Edge::kNone;
  c.o_edge = names.count("o") ? edge('O') : Compiled::Edge::kNone;
  size_t slots = names.count("s") + names.count("o");
  c.edges_only = !p.pairs && names.size() == slots && names.count("o") && c.o_edge != Compiled::Edge::kNone &&
                 (c.s_idx < 0 || (c.s_edge != Compiled::Edge::kNone && c.s_edge != c.o_edge));
  c.re = std::move(re);
  return c;
}

std::vector<PatternMatch> PatternSet::MatchAll(std::string_view abstract) const {
  std::vector<PatternMatch> out;
  if (patterns_.empty()) return out;
  std::vector<int> hits;
  screen_->Candidates(abstract, &hits);
  std::vector<re2::StringPiece> groups;
  for (int h : hits) {
    const Compiled& c = regexes_[h];
    groups.assign(c.ngroups, re2::StringPiece());
    size_t pos = 0;
    while (pos <= abstract.size()) {
      bool captured = !c.edges_only;
      if (!c.re->Match(abstract, pos, abstract.size(), RE2::UNANCHORED, groups.data(), captured ? c.ngroups : 1))
        break;
      PatternMatch m;
      m.pattern = &patterns_[h];
      m.begin = groups[0].data() - abstract.data();
      m.end = m.begin + groups[0].size();
      m.trigger_pos = m.begin;
      if (!captured) {
        auto read = [&](Compiled::Edge e, int idx) {
          size_t len = 0;
          size_t at = e == Compiled::Edge::kFirst ? FirstSlot(abstract, m.begin, m.end, &len)
                                                  : LastSlot(abstract, m.begin, m.end, &len);
          if (at == std::string_view::npos) return false;
          groups[idx] = re2::StringPiece(abstract.data() + at, len);
          return true;
        };
        bool ok = read(c.o_edge, c.o_idx) && (c.s_idx < 0 || read(c.s_edge, c.s_idx));
        // Cannot happen for a rule whose slots are its ends; if it does, ask RE2.
        if (!ok && !c.re->Match(abstract, m.begin, abstract.size(), RE2::ANCHOR_START, groups.data(), c.ngroups))
          break;
      }
      if (c.s_idx >= 0 && groups[c.s_idx].data()) {
        m.s = std::string(groups[c.s_idx]);
        m.s_pos = groups[c.s_idx].data() - abstract.data();
      }
      if (groups[c.o_idx].data()) {
        (c.text_object ? m.text : m.o) = std::string(groups[c.o_idx]);
        m.o_pos = groups[c.o_idx].data() - abstract.data();
      }
      out.push_back(std::move(m));
      // Next search starts inside this match, so a slot can serve two rules' matches
      // ("A and B clashed ... B captured C").
      pos = std::max(out.back().begin + 1, pos + 1);
      if (groups[c.o_idx].data()) pos = std::max(pos, out.back().o_pos);
    }
  }
  return out;
}

}  // namespace orbat
