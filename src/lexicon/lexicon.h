// The lexicon: known names (armed groups, states, places, persons, media) with their
// aliases, loaded from the TSV files under data/lexicon/ (see data/lexicon/README.md
// for the columns; scripts/build_lexicon.py builds them from public data sets, and
// analysts add names by editing data/lexicon/local.tsv without recompiling).
//
// Matching is on MatchKey (folded, article-free) token sequences, leftmost-longest.
// Acronym aliases ("IS", "AQAP", "PRC") match only tokens written in capitals, so
// "is" and "Is" never become the Islamic State.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "text/segment.h"
#include "base/string_map.h"

namespace orbat {

enum class EntityType { kGroup, kState, kPerson, kPlace, kMedia, kOther };
const char* EntityTypeName(EntityType t);                 // "group", "state", ...
std::optional<EntityType> ParseEntityType(std::string_view s);

struct LexEntry {
  std::string id;                    // stable id, e.g. "ucdp:1234", "geo:170063", "local:3"
  std::string name;                  // canonical display name
  EntityType type = EntityType::kOther;
  std::vector<std::string> aliases;  // every other written form (Latin and Arabic)
  std::string country;               // ISO 3166 alpha-2 where known (base/operations)
  std::string kind;                  // places: country/admin1/admin2/city/region;
                                     // states: "state"; groups: free (e.g. "wing")
  long population = 0;               // places only: ranks ambiguous place names
  std::vector<std::string> demonyms; // states: "Syrian", "Israeli" (adjective forms)
};

struct LexMatch {
  size_t first = 0;          // token index range [first, last)
  size_t last = 0;
  std::vector<uint32_t> entries;  // candidates, best first (groups before states before
                                  // places; among places the larger population first)
};

class Lexicon {
 public:
  // Loads every *.tsv in `dir`. A malformed line is an Error naming file and line.
  static Result<Lexicon> Load(const std::string& dir);

  // Adds an entry (also used by tests to build small lexicons in memory).
  uint32_t Add(LexEntry entry);

  size_t size() const { return entries_.size(); }
  const LexEntry& entry(uint32_t i) const { return entries_[i]; }

  // Leftmost-longest, non-overlapping matches over a tokenized sentence.
  std::vector<LexMatch> Match(const std::vector<Token>& tokens) const;

  // Entries whose name or alias has this MatchKey (best first); empty when none.
  std::vector<uint32_t> Lookup(std::string_view name) const;

  // The state entry a demonym ("Syrian", "Israeli", "Iranian") refers to.
  std::optional<uint32_t> LookupDemonym(std::string_view word) const;

 private:
  void Index(uint32_t id, std::string_view written);

  std::vector<LexEntry> entries_;
  StringMap<std::vector<uint32_t>> by_key_;
  StringMap<uint32_t> by_demonym_;  // FoldWord(demonym) -> state
  StringMap<size_t> max_len_by_first_;  // first key word -> longest alias in words
  StringMap<bool> acronym_key_;  // key -> alias written all caps
  // In by_key_ an id carries kAcronymOnly when that entry's only writings of the key are
  // acronyms (so the key matches it only in capitals); Lookup strips the bit.
  static constexpr uint32_t kAcronymOnly = 0x80000000u;
  std::vector<std::string> name_keys_;  // MatchKey(entries_[i].name)
};

}  // namespace orbat
