// PhraseSet: finds folded multi-word phrases (hedge cues, ideology terms) in a token
// sequence without building strings per position.
//
// Phrases are given in folded form, words separated by single spaces (what FoldName
// returns); they match consecutive tokens whose `fold` equals each word. Each phrase
// carries a value (an index into the caller's table). Lookup is one hash probe per
// token on the phrase's first word.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/segment.h"
#include "base/string_map.h"

namespace orbat {

class PhraseSet {
 public:
  struct Match {
    size_t first = 0;  // token index of the first word
    size_t last = 0;   // one past the last word
    int value = 0;
  };

  // Adds a phrase; empty phrases are ignored. A phrase added twice keeps both values.
  void Add(std::string_view folded_phrase, int value);
  bool empty() const { return by_first_.empty(); }

  // Every occurrence of every phrase, ordered by first token, then length (shortest first).
  std::vector<Match> FindAll(const std::vector<Token>& tokens) const;

 private:
  struct Entry {
    std::vector<std::string> rest;  // the words after the first
    int value = 0;
  };
  StringMap<std::vector<Entry>> by_first_;
};

}  // namespace orbat
