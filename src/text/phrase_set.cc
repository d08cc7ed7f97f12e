#include "text/phrase_set.h"

#include <algorithm>

namespace orbat {

void PhraseSet::Add(std::string_view folded_phrase, int value) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < folded_phrase.size()) {
    size_t sp = folded_phrase.find(' ', i);
    if (sp == std::string_view::npos) sp = folded_phrase.size();
    if (sp > i) words.emplace_back(folded_phrase.substr(i, sp - i));
    i = sp + 1;
  }
  if (words.empty()) return;
  Entry e;
  e.rest.assign(words.begin() + 1, words.end());
  e.value = value;
  by_first_[words[0]].push_back(std::move(e));
}

std::vector<PhraseSet::Match> PhraseSet::FindAll(const std::vector<Token>& tokens) const {
  std::vector<Match> out;
  if (by_first_.empty()) return out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto it = by_first_.find(tokens[i].fold);
    if (it == by_first_.end()) continue;
    size_t found = out.size();
    for (const Entry& e : it->second) {
      if (i + 1 + e.rest.size() > tokens.size()) continue;
      bool all = true;
      for (size_t k = 0; k < e.rest.size() && all; ++k) all = tokens[i + 1 + k].fold == e.rest[k];
      if (all) out.push_back({i, i + 1 + e.rest.size(), e.value});
    }
    std::stable_sort(out.begin() + found, out.end(),
                     [](const Match& a, const Match& b) { return a.last < b.last; });
  }
  return out;
}

}  // namespace orbat
