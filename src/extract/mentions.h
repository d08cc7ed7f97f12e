// Mentions in one sentence: lexicon names, organizations and persons found by their
// shape, state organs ("Syrian forces", "the US State Department"), anaphors, and
// quantities. Word lists (organization head words, person titles, organ nouns,
// sentence-initial stop words, unit nouns) are data under data/patterns/.
#pragma once

#include <unordered_set>
#include <string>
#include <vector>

#include "base/result.h"
#include "extract/entities.h"
#include "lexicon/lexicon.h"
#include "text/segment.h"
#include "base/string_map.h"

namespace orbat {

struct Mention {
  size_t first = 0, last = 0;  // token range [first, last)
  int entity = -1;             // index into the document's EntityTable; -1 unresolved
  EntityType type = EntityType::kOther;
  bool anaphor = false;        // "the group", "it", "the pro-ISIS group"
  std::string anaphor_hint;    // for anaphors: a demonym or "pro-X" target, folded
};

struct Quantity {
  size_t first = 0, last = 0;  // token range
  double value = 0;            // lower bound (or the number)
  double high = 0;             // upper bound of a range, else == value
  bool approximate = false;    // "about", "some", "approximately", "dozens"
  std::string unit;            // folded noun after the number ("fighters")
};

// Word lists the mention finder needs, loaded once from data/patterns/.
struct MentionWords {
  StringSet org_heads;       // "brigades", "front", ... (folded)
  StringSet org_prefixes;    // "jaysh", "jabhat", "harakat", ...
  StringSet lower_heads;     // "group", "clan", "network" after a name
  StringSet person_titles;   // "sheikh", "general", "president", ...
  StringSet person_cues;     // words before a person: "leader", "commander"
  StringSet organs;          // "forces", "army", "government", ...
  StringSet offices;         // "state department", "interior ministry": the state itself
  StringSet stopwords;       // capitalized at sentence start but not names
  StringSet units;           // "fighters", "members", "militants", ...
  StringSet media_heads;     // "news", "agency", "post", "times", "online"
  StringSet place_nouns;     // "town", "villages": "the towns of A and B"
  StringSet not_names;       // "Foreign Terrorist Organization"
  StringSet fighter_nouns;   // "rebels", "militants": "Tuareg rebels"
  StringSet descriptors;     // "Islamist", "Shiite": describe, not name
  StringSet given_names;     // "hassan", "ayman": a person's first word
  StringSet directions;      // "northern", "south": "northern Mali" is a place of its own
  StringSet agent_nouns;     // "gunmen", "assailants": unnamed doers

  // The word lists of data/patterns/, and the generated given names of the lexicon
  // folder (optional: an empty list when the file is absent).
  static Result<MentionWords> Load(const std::string& patterns_dir, const std::string& lexicon_dir = "");
};

// Splits possessive "’s"/"'s" off words so "Jaysh al-Ummah’s" matches the lexicon.
std::vector<Token> SplitPossessives(std::string_view text, std::vector<Token> tokens);

// Finds the mentions of one sentence and resolves names to entities (creating them).
std::vector<Mention> FindMentions(std::string_view text, const std::vector<Token>& tokens,
                                  const Lexicon& lexicon, const MentionWords& words,
                                  EntityTable& entities);

// Quantities ("over 400 fighters", "400-500 fighters", "1,000–2,000+", "25+",
// "at least 25 members", "dozens") in a sentence, skipping tokens inside mentions.
std::vector<Quantity> FindQuantities(std::string_view text, const std::vector<Token>& tokens,
                                     const MentionWords& words);

}  // namespace orbat
