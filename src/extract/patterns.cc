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
      screened.push_back(expanded);
      set.patterns_.push_back(std::move(p));
      set.regexes_.push_back(std::move(re));
    }
  }
  Result<PatternScreen> screen = PatternScreen::Compile(screened);
  if (!screen.ok()) return screen.error();
  set.screen_ = std::make_unique<PatternScreen>(std::move(*screen));
  return set;
}

size_t PatternSet::unscreened() const { return screen_ ? screen_->unscreened() : 0; }

std::vector<PatternMatch> PatternSet::MatchAll(std::string_view abstract) const {
  std::vector<PatternMatch> out;
  if (patterns_.empty()) return out;
  std::vector<int> hits;
  screen_->Candidates(abstract, &hits);
  for (int h : hits) {
    const RE2& re = *regexes_[h];
    const auto& names = re.NamedCapturingGroups();
    int ngroups = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> groups(ngroups);
    int s_idx = names.count("s") ? names.at("s") : -1;
    int o_idx = names.count("o") ? names.at("o") : names.count("t") ? names.at("t") : names.at("s");
    bool text_object = !names.count("o") && names.count("t");
    size_t pos = 0;
    while (pos <= abstract.size() &&
           re.Match(abstract, pos, abstract.size(), RE2::UNANCHORED, groups.data(), ngroups)) {
      PatternMatch m;
      m.pattern = &patterns_[h];
      m.begin = groups[0].data() - abstract.data();
      m.end = m.begin + groups[0].size();
      m.trigger_pos = m.begin;
      if (s_idx >= 0 && groups[s_idx].data()) {
        m.s = std::string(groups[s_idx]);
        m.s_pos = groups[s_idx].data() - abstract.data();
      }
      if (groups[o_idx].data()) {
        (text_object ? m.text : m.o) = std::string(groups[o_idx]);
        m.o_pos = groups[o_idx].data() - abstract.data();
      }
      out.push_back(std::move(m));
      // Next search starts inside this match, so a slot can serve two rules' matches
      // ("A and B clashed ... B captured C").
      pos = std::max(m.begin + 1, pos + 1);
      if (groups[o_idx].data()) pos = std::max(pos, out.back().o_pos);
    }
  }
  return out;
}

}  // namespace orbat
