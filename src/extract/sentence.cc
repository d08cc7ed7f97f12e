#include <algorithm>

#include "extract/stages.h"
#include "text/normalize.h"

namespace orbat {

using namespace std::string_view_literals;

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

// Ideology terms: the longest term at each word, left to right, outside mentions.
void FindIdeologies(const Resources& res, std::string_view text, Sentence& s) {
  const auto& toks = s.tokens;
  std::vector<PhraseSet::Match> found = res.ideologies.FindAll(toks);
  size_t next_free = 0;
  for (size_t k = 0; k < found.size(); ++k) {
    // FindAll orders matches at one word shortest first: take the last of the run.
    if (k + 1 < found.size() && found[k + 1].first == found[k].first) continue;
    const PhraseSet::Match& m = found[k];
    if (m.first < next_free) continue;
    bool words = true;
    for (size_t i = m.first; i < m.last; ++i) words = words && toks[i].kind == TokenKind::kWord;
    if (!words) continue;
    bool covered = false;
    for (const auto& mention : s.mentions)
      if (mention.first < m.last && m.first < mention.last) covered = true;
    if (covered) continue;
    IdeologyMention im;
    im.first = m.first;
    im.last = m.last;
    im.text = std::string(text.substr(toks[m.first].begin, toks[m.last - 1].end - toks[m.first].begin));
    s.ideologies.push_back(im);
    next_free = m.last;
  }
}

}  // namespace

void AnalyzeSentence(const Resources& res, DocState& doc, Sentence& s, DateResolver& dates) {
  std::vector<Token> tokens = Tokenize(doc.text, s.span.begin, s.span.end);
  s.dates = dates.Find(tokens);  // before possessives are split: dates see the plain tokens
  s.tokens = SplitPossessives(doc.text, std::move(tokens));
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
      if (s.tokens[j].fold == ":"sv) {
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

  // Hedge cues and where they stand: relations.cc decides which facts each one covers.
  for (const auto& m : res.hedge_cues.FindAll(s.tokens)) {
    int after = 0;
    for (size_t t = m.last; t < s.tokens.size(); ++t) after += s.tokens[t].kind != TokenKind::kPunct;
    s.hedge_cues.push_back({s.tokens[m.first].begin, s.tokens[m.last - 1].end, m.value, after <= 2});
  }
}

}  // namespace orbat
