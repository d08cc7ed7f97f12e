#include "extract/extractor.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "base/utf8.h"
#include "extract/stages.h"
#include "text/normalize.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

// Sentences longer than this are cut at white space: patterns look at clauses, and a
// runaway "sentence" (a file with no punctuation) must not cost quadratic time.
constexpr size_t kMaxSentenceBytes = 2000;
// Text read per window of sentences (see Extract).
constexpr size_t kWindowBytes = 256 * 1024;

std::vector<Span> Chunk(std::string_view text, Span s) {
  std::vector<Span> out;
  while (s.end - s.begin > kMaxSentenceBytes) {
    size_t cut = s.begin + kMaxSentenceBytes;
    size_t space = text.rfind(' ', cut);
    if (space == std::string_view::npos || space <= s.begin + kMaxSentenceBytes / 2) {
      // No space: cut at a code point boundary.
      while (cut > s.begin && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    } else {
      cut = space;
    }
    out.push_back({s.begin, cut});
    s.begin = cut;
    while (s.begin < s.end && text[s.begin] == ' ') ++s.begin;
  }
  if (s.end > s.begin) out.push_back(s);
  return out;
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

// A news page's own date: a short line near the top that is a date, or is labelled
// as the publication date ("PUBLISHED : Thursday, 05 July, 2007", "Sunday, December 19,
// 2010"). Profile headers ("Updated: ...") date the page's edit, not its content.
// Returns the date and sets *body to the offset in `line` where the report begins.
std::optional<PartialDate> NewsDateline(std::string_view line, size_t* body) {
  size_t dash = std::string_view::npos;
  std::string_view start = line.substr(0, 110);  // the dash comes within 100 bytes
  for (std::string_view d : {" \xE2\x80\x94", " \xE2\x80\x93", " - ", " -- "}) {
    size_t at = start.find(d);
    if (at != std::string_view::npos && at < dash) dash = at;
  }
  if (dash == std::string_view::npos || dash > 100) return std::nullopt;
  std::string_view head = line.substr(0, dash);
  size_t caps = 0;
  while (caps < head.size() && ((head[caps] >= 'A' && head[caps] <= 'Z') || head[caps] == ' ' || head[caps] == '.'))
    ++caps;
  if (caps < 3 || (caps < head.size() && head[caps] >= 'a' && head[caps] <= 'z')) return std::nullopt;
  auto d = ParseDateString(head.substr(caps));
  if (!d || d->day <= 0) return std::nullopt;
  size_t b = line.find_first_of(" ", dash + 1);
  while (b < line.size() && line[b] == ' ') ++b;
  *body = std::min(b, line.size());
  return d;
}

// `*body_begin` is set past a news dateline that opens a paragraph (else left alone):
// its date is the document's, not that of the first sentence's events.
std::optional<PartialDate> DatelineDate(std::string_view text, size_t* body_begin) {
  size_t pos = 0;
  for (int line = 0; line < 8 && pos < text.size(); ++line) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    pos = nl + 1;
    // A news dateline opens the first paragraph: "MAIDUGURI, Nigeria, March 4, 2021 —
    // Fighters ...", "BEIRUT, Oct. 3 (Reuters) - ...": a place in capitals, a date, a dash.
    size_t body = 0;
    if (auto d = NewsDateline(l, &body)) {
      *body_begin = (l.data() - text.data()) + body;
      return d;
    }
    if (l.size() > 80 || l.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (l.size() > 80) ++line;
      continue;
    }
    std::string folded = FoldName(l);
    bool labelled = folded.rfind("published", 0) == 0 || folded.rfind("posted", 0) == 0 ||
                    folded.rfind("date ", 0) == 0 || folded.rfind("dated", 0) == 0;
    size_t words = 0;
    for (size_t i = 0; i < folded.size(); ++i) words += folded[i] == ' ';
    // "Foundation: 27 February 2018" is an infobox line about the group, not a dateline.
    if (!labelled && (words > 5 || l.find(':') != std::string_view::npos)) continue;
    if (folded.rfind("updated", 0) == 0 || folded.rfind("formed", 0) == 0) continue;
    auto d = ParseDateString(l);
    if (d && d->day > 0) return d;
  }
  return std::nullopt;
}

// The group the document's first line (its title) names, or -1.
int TitleGroup(const DocState& doc) {
  if (doc.sentences.empty()) return -1;
  for (const auto& m : doc.sentences.front().mentions)
    if (m.entity >= 0 && doc.entities[m.entity].type == EntityType::kGroup && m.first <= 1) return m.entity;
  return -1;
}

// The document's main entity: the title's group when the first line names one, else
// the group mentioned most often (ties: first mentioned).
int MainEntity(const DocState& doc) {
  if (int title = TitleGroup(doc); title >= 0) return title;
  int best = -1;
  for (int e = 0; e < doc.entities.size(); ++e) {
    if (doc.entities[e].type != EntityType::kGroup) continue;
    if (best < 0 || doc.entities[e].mentions > doc.entities[best].mentions) best = e;
  }
  return best;
}

std::string Trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

}  // namespace

Result<Resources> Resources::Load(const std::string& data_dir) {
  auto lexicon = Lexicon::Load(data_dir + "/lexicon");
  if (!lexicon) return lexicon.error();
  std::string pdir = data_dir + "/patterns";
  auto words = MentionWords::Load(pdir, data_dir + "/lexicon");
  if (!words) return words.error();
  std::vector<std::string> rule_files;
  for (const auto& entry : std::filesystem::directory_iterator(pdir))
    if (entry.path().extension() == ".rules"sv) rule_files.push_back(entry.path().string());
  std::sort(rule_files.begin(), rule_files.end());
  if (rule_files.empty()) return Error{pdir, 0, "no *.rules pattern files"};
  auto patterns = PatternSet::Load(rule_files);
  if (!patterns) return patterns.error();
  Resources res{std::move(*lexicon), std::move(*words), std::move(*patterns), {}, {}, {}, {}, {}};
  for (const auto& line : ReadLines(pdir + "/infobox.tsv")) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) return Error{pdir + "/infobox.tsv", 0, "expected label<TAB>predicate: " + line};
    res.infobox[FoldName(line.substr(0, tab))] = Trimmed(line.substr(tab + 1));
  }
  for (const auto& line : ReadLines(pdir + "/hedges.tsv")) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) return Error{pdir + "/hedges.tsv", 0, "expected cue<TAB>hedge: " + line};
    res.hedge_cues.Add(FoldName(line.substr(0, tab)), static_cast<int>(res.hedges.size()));
    res.hedges.push_back(Trimmed(line.substr(tab + 1)));
  }
  for (const auto& line : ReadLines(pdir + "/negation.txt")) res.negations.push_back(FoldName(line));
  for (const auto& line : ReadLines(pdir + "/ideologies.txt")) res.ideologies.Add(FoldName(line), 0);
  return res;
}

struct Extractor::Impl {
  Resources res;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

Result<std::unique_ptr<Extractor>> Extractor::Create(const std::string& data_dir) {
  auto res = Resources::Load(data_dir);
  if (!res) return res.error();
  auto impl = std::make_unique<Impl>(Impl{std::move(*res)});
  return std::unique_ptr<Extractor>(new Extractor(std::move(impl)));
}

const Lexicon& Extractor::lexicon() const { return impl_->res.lexicon; }

std::string DefaultDataDir() {
  if (const char* env = std::getenv("ORBAT_DATA"); env && *env) return env;
  if (std::filesystem::exists(ORBAT_SOURCE_DATA_DIR "/patterns")) return ORBAT_SOURCE_DATA_DIR;
  return "data";
}

DocumentFacts Extractor::Extract(const Document& document) const {
  const Resources& res = impl_->res;
  DocState doc(res.lexicon);
  doc.text = document.text;

  std::optional<PartialDate> doc_date;
  if (!document.date.empty()) doc_date = ParseDateString(document.date);
  size_t body_begin = 0;
  std::optional<PartialDate> dateline = DatelineDate(doc.text, &body_begin);
  if (!doc_date) doc_date = dateline;
  DateResolver dates(doc_date);

  std::vector<Span> spans;
  for (Span s : SplitSentences(doc.text)) {
    if (s.begin < body_begin && body_begin < s.end) s.begin = body_begin;
    for (Span c : Chunk(doc.text, s)) spans.push_back(c);
  }

  // ORBAT_DEBUG=1 traces each sentence's abstract form and the facts it gave (stderr).
  static const bool debug = std::getenv("ORBAT_DEBUG") != nullptr;
  int topic = -1;
  std::string open_label;
  std::optional<DateMention> paragraph_date;
  size_t prev_end = 0;
  // A document is read in windows of sentences so that a huge one (a 50 MB file with no
  // line breaks) costs bounded memory; ordinary documents are one window.
  for (size_t first = 0; first < spans.size();) {
    size_t last = first;
    for (size_t bytes = 0; last < spans.size() && (last == first || bytes < kWindowBytes); ++last)
      bytes += spans[last].end - spans[last].begin;

    // Pass 1: sentences, mentions, dates; aliases declared so far feed later mentions.
    doc.sentences.clear();
    doc.sentences.reserve(last - first);
    for (size_t i = first; i < last; ++i) {
      Sentence s;
      s.span = spans[i];
      s.starts_line = i == 0 || doc.text.substr(prev_end, s.span.begin - prev_end).find('\n') != std::string_view::npos;
      prev_end = s.span.end;
      AnalyzeSentence(res, doc, s, dates);
      // Until the whole window is seen, the first group named stands for its subject.
      if (doc.main_entity < 0)
        for (const auto& m : s.mentions)
          if (m.entity >= 0 && doc.entities[m.entity].type == EntityType::kGroup) {
            doc.main_entity = m.entity;
            break;
          }
      FindDeclaredAliases(res, doc, s);
      doc.sentences.push_back(std::move(s));
    }
    // Entities merged by declared aliases: point every mention at the survivor.
    for (Sentence& s : doc.sentences)
      for (Mention& m : s.mentions)
        if (m.entity >= 0) m.entity = doc.entities.Root(m.entity);
    for (DraftFact& f : doc.facts) {
      f.s = doc.entities.Root(f.s);
      if (f.o >= 0) f.o = doc.entities.Root(f.o);
    }
    if (first == 0) {
      doc.main_entity = MainEntity(doc);
      topic = doc.main_entity;
      doc.main_in_title = doc.main_entity >= 0 && doc.main_entity == TitleGroup(doc);
    }

    // Pass 2: coreference, abstraction, infobox lines and relations, in order.
    for (Sentence& s : doc.sentences) {
      if (s.starts_line) paragraph_date.reset();
      s.context_date = paragraph_date;
      ResolveCoreference(res, doc, s, topic);
      BuildAbstract(res, doc, s);
      if (debug) {
        std::cerr << "  | " << s.abstract << "\n";
        for (const auto& m : s.mentions)
          if (m.entity >= 0)
            std::cerr << "  |   " << doc.entities[m.entity].name << " ["
                      << EntityTypeName(doc.entities[m.entity].type) << "] #" << m.entity << "\n";
      }
      size_t before = doc.facts.size();
      if (!ExtractInfobox(res, doc, s, open_label)) ExtractRelations(res, doc, s);
      if (debug)
        for (size_t k = before; k < doc.facts.size(); ++k)
          std::cerr << "  +> " << doc.entities[doc.facts[k].s].name << " " << doc.facts[k].p << " "
                    << (doc.facts[k].o >= 0 ? doc.entities[doc.facts[k].o].name : doc.facts[k].o_text)
                    << "\n";
      if (!s.dates.empty()) paragraph_date = s.dates.back();
    }
    first = last;
  }
  doc.sentences.clear();

  FinalizeFacts(doc);

  // Output: entities that carry a fact or are mentioned, facts named and deduplicated.
  DocumentFacts out;
  out.doc = document.id;
  out.date = doc_date ? doc_date->Iso() : "";
  out.title = document.title;
  out.source = document.source;
  CodePointIndex cps(doc.text);
  for (int e = 0; e < doc.entities.size(); ++e) {
    const DocEntity& de = doc.entities[e];
    if (de.mentions == 0 || doc.entities.merged(e)) continue;
    EntityOut eo;
    eo.name = doc.entities.DisplayName(e);
    eo.type = de.type;
    eo.lexicon_id = de.lexicon_id;
    std::set<std::string> seen = {MatchKey(eo.name)};
    if (seen.insert(MatchKey(de.name)).second) eo.aliases.push_back(de.name);
    for (const auto& w : de.written)
      if (seen.insert(MatchKey(w)).second) eo.aliases.push_back(w);
    for (const auto& w : de.declared)
      if (seen.insert(MatchKey(w)).second) eo.aliases.push_back(w);
    out.entities.push_back(std::move(eo));
  }
  std::vector<std::string> names;
  for (int e = 0; e < doc.entities.size(); ++e) names.push_back(doc.entities.DisplayName(e));
  std::set<std::string> seen_facts;
  Span last_span{SIZE_MAX, SIZE_MAX};
  std::pair<size_t, size_t> last_cp;
  for (DraftFact& f : doc.facts) {
    f.s = doc.entities.Root(f.s);
    if (f.o >= 0) f.o = doc.entities.Root(f.o);
    if (f.s == f.o) continue;
    Fact fact;
    fact.s = names[f.s];
    fact.p = f.p;
    fact.o = f.o >= 0 ? names[f.o] : f.o_text;
    // After merges an alias may have become the entity's own display name.
    if (fact.p == "alias"sv && MatchKey(fact.o) == MatchKey(fact.s)) continue;
    fact.value = f.value;
    fact.time = f.time;
    fact.hedge = f.hedge;
    fact.confidence = f.confidence;
    fact.evidence.sentence = std::string(doc.text.substr(f.evidence.begin, f.evidence.end - f.evidence.begin));
    // Facts of one sentence share its offsets: convert each sentence once.
    if (f.evidence.begin != last_span.begin || f.evidence.end != last_span.end) {
      last_span = f.evidence;
      last_cp = {cps.ToCodePoint(f.evidence.begin), cps.ToCodePoint(f.evidence.end)};
    }
    fact.evidence.begin = last_cp.first;
    fact.evidence.end = last_cp.second;
    std::string key = fact.s + "\t" + fact.p + "\t" + fact.o + "\t" + fact.time.start + "\t" + fact.time.end;
    if (!seen_facts.insert(key).second) continue;
    out.facts.push_back(std::move(fact));
  }
  return out;
}

}  // namespace orbat
