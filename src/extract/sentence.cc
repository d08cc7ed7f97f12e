#include <algorithm>

#include "extract/stages.h"
#include "text/normalize.h"

namespace orbat {

std::string SentenceText(const DocState& doc, const Sentence& s) {
  return std::string(doc.text.substr(s.span.begin, s.span.end - s.span.begin));
}

TimeSpan TimeOf(const DateMention& d) {
  TimeSpan t;
  t.start = d.date.Iso();
  if (d.is_range && d.range_end.valid()) t.end = d.range_end.Iso();
  return t;
}

void AddFact(DocState& doc, DraftFact f) {
  if (f.s < 0 || (f.o < 0 && f.o_text.empty())) return;
  if (f.o >= 0 && f.o == f.s) return;
  doc.facts.push_back(std::move(f));
}

namespace {

// Ideology terms: longest match of the folded term list at each token.
void FindIdeologies(const Resources& res, std::string_view text, Sentence& s) {
  const auto& toks = s.tokens;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind != TokenKind::kWord) continue;
    std::string joined;
    size_t best_end = 0;
    std::string best;
    for (size_t j = i; j < toks.size() && j < i + 4; ++j) {
      if (toks[j].kind != TokenKind::kWord) break;
      if (!joined.empty()) joined += ' ';
      joined += toks[j].fold;
      if (res.ideology_set.count(joined)) { best_end = j + 1; best = joined; }
    }
    if (best_end == 0) continue;
    bool covered = false;
    for (const auto& m : s.mentions)
      if (m.first < best_end && i < m.last) covered = true;
    if (covered) continue;
    IdeologyMention im;
    im.first = i;
    im.last = best_end;
    im.text = std::string(text.substr(toks[i].begin, toks[best_end - 1].end - toks[i].begin));
    s.ideologies.push_back(im);
    i = best_end - 1;
  }
}

}  // namespace

void AnalyzeSentence(const Resources& res, DocState& doc, Sentence& s, DateResolver& dates) {
  s.tokens = SplitPossessives(doc.text, Tokenize(doc.text, s.span.begin, s.span.end));
  s.dates = dates.Find(doc.text, s.span.begin, s.span.end);
  s.mentions = FindMentions(doc.text, s.tokens, res.lexicon, res.words, doc.entities);
  // Mentions never overlap dates ("May" the month is not a name).
  std::erase_if(s.mentions, [&](const Mention& m) {
    for (const auto& d : s.dates)
      if (s.tokens[m.first].begin < d.end && d.begin < s.tokens[m.last - 1].end) return true;
    return false;
  });
  // "Split: Fatah": an infobox label is not a name (Split, the Croatian city).
  {
    size_t i = 0;
    while (i < s.tokens.size() && s.tokens[i].kind == TokenKind::kPunct) ++i;
    std::string label;
    for (size_t j = i; j < s.tokens.size() && j < i + 7; ++j) {
      if (s.tokens[j].fold == ":") {
        if (res.infobox.count(label))
          std::erase_if(s.mentions, [&](const Mention& m) { return m.first < j; });
        break;
      }
      if (!label.empty()) label += ' ';
      label += s.tokens[j].fold;
    }
  }
  s.quantities = FindQuantities(doc.text, s.tokens, res.words);
  std::erase_if(s.quantities, [&](const Quantity& q) {
    for (const auto& d : s.dates)
      if (s.tokens[q.first].begin < d.end && d.begin < s.tokens[q.last - 1].end) return true;
    for (const auto& m : s.mentions)
      if (q.first < m.last && m.first < q.last) return true;
    return false;
  });
  FindIdeologies(res, doc.text, s);

  // Hedge: the first cue in the sentence.
  std::string folded = " ";
  for (const auto& t : s.tokens) folded += t.fold + " ";
  for (const auto& [cue, hedge] : res.hedges) {
    if (folded.find(" " + cue + " ") != std::string::npos) {
      s.hedge = hedge;
      break;
    }
  }
}

}  // namespace orbat
