// Infobox and profile-header lines: "- Leader: Abu Hafs Al-Maqdisi", "Formed: 2006",
// "Opponents: ISR, IRN", and the colon-less form of copied Wikipedia infoboxes
// ("Allies Turkistan Islamic Party" followed by one name per line). The label table
// is data (data/patterns/infobox.tsv); the subject is the document's main entity.
#include <set>

#include "extract/stages.h"
#include "text/normalize.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

// The label at the start of the sentence's folded words, longest first.
std::string MatchLabel(const Resources& res, const Sentence& s, size_t* value_token) {
  size_t i = 0;
  // List bullets ("- Leader: ..."); a "== Heading ==" is not a label line.
  while (i < s.tokens.size() && (s.tokens[i].fold == "-"sv || s.tokens[i].fold == "*"sv ||
                                 s.tokens[i].fold == "\xE2\x80\xA2"sv))
    ++i;
  std::string best;
  std::string joined;
  for (size_t j = i; j < s.tokens.size() && j < i + 6; ++j) {
    if (s.tokens[j].kind != TokenKind::kWord) break;
    if (!joined.empty()) joined += ' ';
    joined += s.tokens[j].fold;
    if (res.infobox.count(joined)) {
      best = joined;
      *value_token = j + 1;
    }
  }
  if (best.empty()) return "";
  // Labels are capitalized and followed by ":" or a value; skip prose like
  // "Leaders from Ansar Dine made ...".
  if (!s.tokens[i].capitalized) return "";
  size_t v = *value_token;
  if (v < s.tokens.size() && s.tokens[v].fold == ":"sv) {
    *value_token = v + 1;
    // A heading followed by prose ("Ideology: In early 2014, the group was ...") is a
    // sentence, not a list of values.
    size_t words = 0;
    for (size_t k = v + 1; k < s.tokens.size(); ++k) words += s.tokens[k].kind == TokenKind::kWord;
    bool prose = words > 6 && s.tokens.back().fold == "."sv;
    return prose ? "" : best;
  }
  // Without a colon only short lines count ("Allies Turkistan Islamic Party").
  if (s.tokens.size() - v > 8) return "";
  char last = s.tokens.empty() ? 0 : s.tokens.back().fold.empty() ? 0 : s.tokens.back().fold[0];
  if (last == '.') return "";
  return best;
}

void AddItem(const Resources& res, DocState& doc, Sentence& s, const std::string& predicate,
             int subject, const Mention* m, const DateMention* when) {
  DraftFact f;
  f.s = subject;
  f.p = predicate;
  f.evidence = s.span;
  f.confidence = 0.85;
  if (m) f.o = m->entity;
  if (when) f.time = TimeOf(*when);
  if (predicate == "part_or_member"sv) {
    std::string key = MatchKey(doc.entities[m->entity].name);
    bool coalition = false;
    for (const char* w : {"alliance", "coalition", "room", "council", "front", "union", "army of"})
      coalition |= key.find(w) != std::string::npos;
    f.p = coalition ? "member_of" : "part_of";
  }
  if (predicate == "has_part"sv) {
    f.p = "part_of";
    std::swap(f.s, f.o);
  }
  AddFact(doc, std::move(f));
}

}  // namespace

bool ExtractInfobox(const Resources& res, DocState& doc, Sentence& s, std::string& open_label) {
  size_t value = 0;
  std::string label = s.starts_line ? MatchLabel(res, s, &value) : "";
  bool continuation = false;
  if (label.empty()) {
    // A short line right after a colon-less label continues its list.
    if (!s.starts_line || open_label.empty() || s.tokens.size() > 10 ||
        (!s.tokens.empty() && s.tokens.back().fold == "."sv)) {
      if (s.starts_line) open_label.clear();
      return false;
    }
    label = open_label;
    continuation = true;
  }
  const std::string& predicate = res.infobox.at(label);
  if (predicate == "sentence"sv) return false;  // "First Attack: 2007: ..." is prose
  open_label = label;
  int subject = doc.main_entity;
  if (subject < 0 || predicate == "skip"sv) return true;
  size_t value_begin = continuation ? 0 : value;
  size_t value_byte = value_begin < s.tokens.size() ? s.tokens[value_begin].begin : s.span.end;

  if (predicate == "founded"sv || predicate == "dissolved"sv || predicate == "founded_range"sv) {
    for (const auto& d : s.dates) {
      if (d.begin < value_byte) continue;
      DraftFact f;
      f.s = subject;
      f.p = predicate == "dissolved"sv ? "dissolved" : "founded";
      f.o_text = std::to_string(d.date.year);
      f.time.start = d.date.Iso();
      f.evidence = s.span;
      f.confidence = 0.85;
      AddFact(doc, f);
      if (predicate == "founded_range"sv && d.is_range && d.range_end.valid()) {
        f.p = "dissolved";
        f.o_text = std::to_string(d.range_end.year);
        f.time.start = d.range_end.Iso();
        AddFact(doc, f);
      }
    }
    return true;
  }
  if (predicate == "ideology"sv) {
    std::string text(doc.text.substr(value_byte, s.span.end - value_byte));
    std::string cur;
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || text[i] == ',' || text[i] == ';') {
        size_t b = cur.find_first_not_of(" ");
        size_t e = cur.find_last_not_of(" ");
        if (b != std::string::npos) {
          DraftFact f;
          f.s = subject;
          f.p = "ideology";
          f.o_text = cur.substr(b, e - b + 1);
          f.evidence = s.span;
          f.confidence = 0.85;
          AddFact(doc, std::move(f));
        }
        cur.clear();
      } else {
        cur += text[i];
      }
    }
    return true;
  }
  if (predicate == "size"sv) {
    // "25+ (2008)", "1,000–2,000+": each bound is a claim.
    const DateMention* when = nullptr;
    for (const auto& d : s.dates) if (d.begin >= value_byte) when = &d;
    for (const auto& q : s.quantities) {
      if (s.tokens[q.first].begin < value_byte) continue;
      for (double v : {q.value, q.high}) {
        DraftFact f;
        f.s = subject;
        f.p = "size";
        f.value = v;
        f.o_text = std::to_string(static_cast<long long>(v));
        if (when) f.time = TimeOf(*when);
        f.hedge = q.approximate ? "estimated" : "";
        f.evidence = s.span;
        f.confidence = 0.8;
        AddFact(doc, std::move(f));
        if (q.high == q.value) break;
      }
    }
    return true;
  }

  // Entity-valued labels: every mention in the value, each with the date range that
  // follows it ("Jamal Abu Samhadana , (2000–2006)") or a "since/until YEAR" note.
  std::vector<const Mention*> items;
  for (const auto& m : s.mentions)
    if (m.entity >= 0 && s.tokens[m.first].begin >= value_byte && m.entity != subject)
      items.push_back(&m);
  for (size_t k = 0; k < items.size(); ++k) {
    size_t from = s.tokens[items[k]->last - 1].end;
    size_t to = k + 1 < items.size() ? s.tokens[items[k + 1]->first].begin : s.span.end;
    const DateMention* when = nullptr;
    for (const auto& d : s.dates)
      if (d.begin >= from && d.begin < to) { when = &d; break; }
    DateMention bounded;
    if (when && !when->is_range) {
      // "(Sometimes, until 2020)" ends the link; "since 2020" starts it.
      std::string between(doc.text.substr(from, when->begin - from));
      std::string folded = FoldName(between);
      bounded = *when;
      if (folded.find("until") != std::string::npos) {
        bounded.is_range = true;
        bounded.range_end = when->date;
        bounded.date = PartialDate{};
      }
      when = &bounded;
    }
    if (when && !when->date.valid() && when->is_range) {
      DraftFact f;
      f.s = subject;
      f.p = predicate;
      f.o = items[k]->entity;
      f.time.end = when->range_end.Iso();
      f.evidence = s.span;
      f.confidence = 0.85;
      if (predicate == "part_or_member"sv || predicate == "has_part"sv) {
        AddItem(res, doc, s, predicate, subject, items[k], nullptr);
      } else {
        AddFact(doc, std::move(f));
      }
      continue;
    }
    AddItem(res, doc, s, predicate, subject, items[k], when);
  }
  return true;
}

}  // namespace orbat
