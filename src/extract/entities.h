// The entities of one document. Every mention resolves to one entry here: by lexicon
// entry when the lexicon knows the name, else by the name's MatchKey; aliases the text
// declares and short forms ("Zenki" for "Nour al-Din al-Zenki Movement", "Dughmush"
// for "Mumtaz Dughmush") join the entity they name.
#pragma once

#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/lexicon.h"
#include "base/string_map.h"

namespace orbat {

struct DocEntity {
  std::string name;                  // canonical (lexicon) or first full written form
  EntityType type = EntityType::kOther;
  std::vector<std::string> written;  // forms seen in the text, first seen first
  std::vector<int> written_count;    // parallel to `written`
  std::vector<size_t> written_at;    // parallel: byte offset of each form's first use
  std::string initials;              // first letters of the folded name's words
  std::vector<std::string> declared; // aliases the text declares ("also known as")
  std::string lexicon_id;
  std::string country;               // ISO2 from the lexicon, when known
  int mentions = 0;
  size_t first_offset = 0;           // byte offset of the first mention
};

// "PRC" for "Popular Resistance Committees", "AAH" for "Asa'ib Ahl al-Haq": the
// acronym's letters are, in order, initials of the name's words.
bool IsAcronymOf(std::string_view acronym, std::string_view name);

class EntityTable {
 public:
  explicit EntityTable(const Lexicon& lexicon) : lexicon_(lexicon) {}

  // The entity for a lexicon entry, created on first use.
  int FromLexicon(uint32_t entry, std::string_view written, size_t offset);
  // The entity for a name found by its shape; joins an existing entity with the same
  // key or (for a single distinctive word) the entity whose name contains it.
  int FromShape(std::string_view written, EntityType type, size_t offset);
  // A known entity by any written form or alias, without creating one.
  std::optional<int> Find(std::string_view written) const;
  // The entity of type `type` whose name contains the distinctive word `word`
  // ("Aweys" -> "Hassan Dahir Aweys"); generic words ("Army", "Islamic") never match.
  std::optional<int> FindByWord(std::string_view word, EntityType type) const;
  // Records that `alias` names entity `e` (declared by the text). An entity already
  // known by that name (say the lexicon's separate entry for an acronym) is merged
  // into `e`.
  void Declare(int e, std::string_view alias);
  // Whether this document already has an entity for lexicon entry `entry`.
  bool Uses(uint32_t entry) const { return by_lexicon_.count(lexicon_.entry(entry).id) > 0; }
  // How often states and places of each country (ISO2) were mentioned so far.
  std::unordered_map<std::string, int> CountryMentions() const;
  // The entity an index now stands for, after merges.
  int Root(int e) const {
    while (parent_[e] != e) e = parent_[e];
    return e;
  }
  bool merged(int e) const { return parent_[e] != e; }
  void Retype(int e, EntityType type) { entities_[e].type = type; }

  // The name to print: the first full (non-acronym) form this document uses for the
  // entity, so output reads like its source; a group the text names only by an acronym
  // prints as that acronym; otherwise the lexicon's canonical name.
  std::string DisplayName(int e) const;

  const DocEntity& operator[](int e) const { return entities_[e]; }
  DocEntity& operator[](int e) { return entities_[e]; }
  int size() const { return static_cast<int>(entities_.size()); }

 private:
  int Create(std::string_view name, EntityType type, size_t offset);
  void Remember(int e, std::string_view written, size_t offset, const std::string* key = nullptr);

  const Lexicon& lexicon_;
  void Merge(int from, int into);

  std::vector<DocEntity> entities_;
  std::vector<int> parent_;
  StringMap<int> by_key_;      // MatchKey of every form and alias
  StringMap<int> by_lexicon_;  // lexicon id -> entity
  StringMap<int> declared_;    // MatchKey of text-declared aliases
  std::unordered_multimap<std::string, int> by_word_;  // each word of each entity's name
};

}  // namespace orbat
