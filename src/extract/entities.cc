#include "extract/entities.h"

#include <set>

#include "text/normalize.h"
#include "base/string_map.h"

namespace orbat {

namespace {

// Words that name a kind of organization or place rather than one in particular; a
// lone such word never identifies an entity.
const StringSet& GenericWords() {
  static const StringSet words = {
      "army", "front", "brigade", "brigades", "movement", "group", "islamic", "islam",
      "state", "jihad", "party", "council", "alliance", "forces", "force", "organization",
      "organisation", "committees", "network", "jaysh", "jaish", "jabhat", "harakat",
      "ansar", "hizb", "liwa", "katib", "kataib", "saraya", "sarayat", "jund", "of", "the",
      "and", "al", "wa", "fi", "in", "for", "province", "wilayat", "union", "national",
      "liberation", "popular", "resistance", "democratic", "coalition", "battalion",
      "battalions", "syrian", "free", "sham", "shams", "people", "peoples", "revolutionary",
      "government", "clan", "faction", "militia", "tahrir", "hayat", "haiat", "hayat",
      "ahl", "ahrar", "abu", "bin", "ibn", "abd", "din", "deen", "haq", "haqq", "muslim",
      "muslims", "mujahideen", "mujahidin", "legion", "new", "operations", "room",
      "support", "supporters", "guardians", "religion", "taliban", "pakistani", "afghan"};
  return words;
}

}  // namespace

bool IsAcronymOf(std::string_view acronym, std::string_view name) {
  if (acronym.size() < 2 || acronym.size() > 8) return false;
  for (char c : acronym)
    if (!isupper(static_cast<unsigned char>(c))) return false;
  std::string initials;
  std::string folded = FoldName(name);
  for (std::string_view w : FoldedWords(folded)) initials += w[0];
  size_t k = 0;
  for (char c : initials)
    if (k < acronym.size() && tolower(static_cast<unsigned char>(acronym[k])) == c) ++k;
  return k == acronym.size();
}

int EntityTable::Create(std::string_view name, EntityType type, size_t offset) {
  DocEntity e;
  e.name = std::string(name);
  std::string key = MatchKey(name);
  for (std::string_view w : FoldedWords(key)) {
    e.initials += w[0];
    by_word_.emplace(std::string(w), static_cast<int>(entities_.size()));
  }
  e.type = type;
  e.first_offset = offset;
  entities_.push_back(std::move(e));
  parent_.push_back(size() - 1);
  return size() - 1;
}

void EntityTable::Remember(int e, std::string_view written, size_t offset, const std::string* key) {
  DocEntity& ent = entities_[e];
  ++ent.mentions;
  if (offset < ent.first_offset) ent.first_offset = offset;
  std::string w(written);
  size_t i = 0;
  while (i < ent.written.size() && ent.written[i] != w) ++i;
  if (i == ent.written.size()) {
    ent.written.push_back(w);
    ent.written_count.push_back(0);
    ent.written_at.push_back(offset);
  }
  ++ent.written_count[i];
  ent.written_at[i] = std::min(ent.written_at[i], offset);
  if (i + 1 == ent.written.size() && ent.written_count[i] == 1) {
    // A new written form: index its key (computing it only when not given).
    std::string k = key ? *key : MatchKey(written);
    if (!k.empty()) by_key_.emplace(std::move(k), e);
  }
}

int EntityTable::FromLexicon(uint32_t entry, std::string_view written, size_t offset) {
  const LexEntry& lex = lexicon_.entry(entry);
  // A name the text declared for one of its entities ("... (TTP)") means that entity,
  // whatever the lexicon files it under.
  const std::string key = MatchKey(written);
  if (auto d = declared_.find(key); d != declared_.end()) {
    Remember(Root(d->second), written, offset, &key);
    return Root(d->second);
  }
  auto it = by_lexicon_.find(lex.id);
  int e;
  if (it != by_lexicon_.end()) {
    e = Root(it->second);
  } else {
    // A shape-found entity with this name may already exist (its alias declared earlier).
    auto k = by_key_.find(key);
    if (k != by_key_.end() && entities_[Root(k->second)].lexicon_id.empty() &&
        entities_[Root(k->second)].type == lex.type) {
      e = Root(k->second);
      entities_[e].lexicon_id = lex.id;
    } else if (auto plural = (lex.type == EntityType::kGroup && key.size() > 4 && key.back() == 's' &&
                               key.find(' ') == std::string::npos)
                                  ? FindByWord(key.substr(0, key.size() - 1), lex.type)
                                  : std::nullopt) {
      // "the Houthis" after "the Houthi movement": one group, however the lexicon files it.
      e = *plural;
    } else {
      e = Create(lex.name, lex.type, offset);
      entities_[e].lexicon_id = lex.id;
      entities_[e].country = lex.country;
      entities_[e].mentions = 0;
    }
    // Other spellings of a lexicon entry reach it through the lexicon itself; only the
    // canonical name is keyed here (for names found by shape that equal it).
    by_lexicon_[lex.id] = e;
    by_key_.emplace(MatchKey(lex.name), e);
  }
  Remember(e, written, offset, &key);
  return e;
}

int EntityTable::FromShape(std::string_view written, EntityType type, size_t offset) {
  std::string key = MatchKey(written);
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    Remember(Root(it->second), written, offset);
    return Root(it->second);
  }
  // "Houthis" for the "Houthi movement": a plural of a name's word.
  if (key.size() > 4 && key.back() == 's' && key.find(' ') == std::string::npos) {
    if (auto found = FindByWord(key.substr(0, key.size() - 1), type)) {
      Remember(*found, written, offset);
      return *found;
    }
  }
  // A single distinctive word that is part of a known entity's name refers to it
  // ("Zenki", "Dughmush", "Khazali").
  if (auto found = FindByWord(written, type)) {
    Remember(*found, written, offset);
    return *found;
  }
  int e = Create(written, type, offset);
  Remember(e, written, offset);
  return e;
}

std::optional<int> EntityTable::FindByWord(std::string_view word, EntityType type) const {
  std::string key = MatchKey(word);
  if (key.empty() || key.find(' ') != std::string::npos || key.size() < 3 ||
      GenericWords().count(key))
    return std::nullopt;
  // The earliest entity of that type with the word in its name.
  int best = -1;
  auto [lo, hi] = by_word_.equal_range(key);
  for (auto it = lo; it != hi; ++it) {
    int e = it->second;
    if (entities_[e].type == type && !merged(e) && (best < 0 || e < best)) best = e;
  }
  if (best < 0) return std::nullopt;
  return best;
}

std::string EntityTable::DisplayName(int e) const {
  const DocEntity& ent = entities_[e];
  auto acronym = [](const std::string& w) {
    bool lower = false;
    for (char c : w) lower |= islower(static_cast<unsigned char>(c)) != 0;
    return !lower;
  };
  // The first full form: texts introduce a name in full before they shorten it.
  int best = -1;
  for (size_t i = 0; i < ent.written.size(); ++i)
    if (!acronym(ent.written[i]) && (best < 0 || ent.written_at[i] < ent.written_at[best]))
      best = static_cast<int>(i);
  if (best >= 0) {
    // "The Arakan Army" at the start of a sentence is the Arakan Army; the article is
    // not part of the name (matching ignores it too).
    std::string_view w = ent.written[best];
    if ((w.starts_with("The ") || w.starts_with("the ")) && w.size() > 4) w.remove_prefix(4);
    return std::string(w);
  }
  // Only acronyms were written: the text's own short form reads better than a
  // transliterated canonical name the reader never saw.
  if (!ent.written.empty() && ent.type == EntityType::kGroup) return ent.written.front();
  return ent.name;
}

std::optional<int> EntityTable::Find(std::string_view written) const {
  auto it = by_key_.find(MatchKey(written));
  if (it == by_key_.end()) return std::nullopt;
  return Root(it->second);
}

void EntityTable::Merge(int from, int into) {
  from = Root(from);
  into = Root(into);
  if (from == into) return;
  parent_[from] = into;
  DocEntity& src = entities_[from];
  DocEntity& dst = entities_[into];
  for (size_t i = 0; i < src.written.size(); ++i) {
    size_t j = 0;
    while (j < dst.written.size() && dst.written[j] != src.written[i]) ++j;
    if (j == dst.written.size()) {
      dst.written.push_back(src.written[i]);
      dst.written_count.push_back(0);
      dst.written_at.push_back(src.written_at[i]);
    }
    dst.written_count[j] += src.written_count[i];
    dst.written_at[j] = std::min(dst.written_at[j], src.written_at[i]);
  }
  dst.mentions += src.mentions;
  if (dst.lexicon_id.empty()) dst.lexicon_id = src.lexicon_id;
  if (dst.country.empty()) dst.country = src.country;
  dst.first_offset = std::min(dst.first_offset, src.first_offset);
  for (auto& [id, ent] : by_lexicon_)
    if (ent == from) ent = into;
}

std::unordered_map<std::string, int> EntityTable::CountryMentions() const {
  std::unordered_map<std::string, int> out;
  for (size_t e = 0; e < entities_.size(); ++e) {
    const DocEntity& ent = entities_[e];
    if (parent_[e] == static_cast<int>(e) && !ent.country.empty() &&
        (ent.type == EntityType::kState || ent.type == EntityType::kPlace))
      out[ent.country] += std::max(ent.mentions, 1);
  }
  return out;
}

void EntityTable::Declare(int e, std::string_view alias) {
  e = Root(e);
  if (auto other = by_key_.find(MatchKey(alias)); other != by_key_.end()) {
    int o = Root(other->second);
    // Merge what the shape rules or the lexicon split wrongly: an entity found only by
    // its shape (perhaps mistyped: "Lijān al-Muqāwama" as a person), or the lexicon's
    // separate entry for this entity's acronym ("TTP"). Two known entities of different
    // countries are never merged on a declaration alone.
    bool shape_only = entities_[o].lexicon_id.empty() ||
                      (entities_[e].lexicon_id.empty() && entities_[o].type == entities_[e].type);
    bool acronym = entities_[o].type == entities_[e].type && IsAcronymOf(alias, entities_[e].name);
    // The lexicon may keep one group under two entries (its English name from one
    // source, its Spanish name and acronym from another): "National Liberation Army
    // (..., ELN)" declares the acronym of the other entry's name, and both are groups
    // of one country. (A descriptive alias such as "also known as al-Qaeda in Syria"
    // merges nothing.)
    bool same_place = entities_[o].type == entities_[e].type && !entities_[o].country.empty() &&
                      entities_[o].country == entities_[e].country && IsAcronymOf(alias, entities_[o].name);
    if (o != e && (shape_only || acronym || same_place)) Merge(o, e);
  }
  DocEntity& ent = entities_[e];
  std::string a(alias);
  for (const auto& x : ent.declared) if (x == a) return;
  if (a == ent.name) return;
  ent.declared.push_back(a);
  by_key_.emplace(MatchKey(alias), e);
  declared_.emplace(MatchKey(alias), e);
}

}  // namespace orbat
