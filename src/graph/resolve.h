// Entity resolution across documents: which mentions (one per entity per document, as
// the extractor listed them) denote the same real-world entity.
//
// Contract (deterministic; the result depends only on the set of mentions and the
// corrections, never on the order documents were ingested):
//  1. Mentions with the same lexicon_id are one entity; two different lexicon ids are
//     never joined automatically.
//  2. Other mentions join an entity that shares a MatchKey (name or a declared alias)
//     and a compatible type, unless their strong context (countries from the mention's
//     own lexicon entry, its `area` claims or a qualifier in its name such as
//     "Ansar al-Sharia in Libya") is disjoint from the entity's: then they stay apart.
//     When several incompatible entities share the key, the best scored one wins
//     (strong country overlap, document countries, co-mentioned entities).
//     Mentions that bridge compatible entities (a document declaring "X, also known
//     as Y") join them.
//  3. Analyst corrections are replayed last, in the order they were made: merge A B,
//     split NAME by documents or by a written form.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace orbat::graph {

struct MentionIn {
  int64_t id = 0;
  int64_t doc = 0;
  std::string doc_key;
  std::string name;
  std::string type;        // group/state/person/place/media/other
  std::string lexicon_id;
  std::vector<std::string> aliases;
  std::vector<std::string> countries;  // strong context, ISO codes
};

struct Correction {
  int64_t id = 0;
  std::string kind;  // "merge" (a absorbs b) or "split" (out of a: docs or alias)
  std::string a;
  std::string b;                  // merge: the other entity; split: the written form
  std::vector<std::string> docs;  // split: documents whose mentions leave a
  std::string new_name;           // split: name of the new entity (optional)
};

struct ResolvedEntity {
  std::string ekey;  // stable key: "lex:ID", "key:MATCHKEY[@CC]" or "split:..."
  std::string name;
  std::string type;
  std::string lexicon_id;
  std::vector<std::pair<std::string, int>> written;  // written forms, most frequent first
  std::vector<int64_t> mentions;
  int docs = 0;
};

struct Resolution {
  std::vector<ResolvedEntity> entities;             // sorted by ekey
  std::unordered_map<int64_t, size_t> of_mention;   // mention id -> index in entities
  std::vector<std::string> notes;                   // corrections that did not apply
};

// doc_countries: weak context per document (countries of places and states it names).
Resolution Resolve(const std::vector<MentionIn>& mentions,
                   const std::unordered_map<int64_t, std::vector<std::string>>& doc_countries,
                   const std::vector<Correction>& corrections);

}  // namespace orbat::graph
