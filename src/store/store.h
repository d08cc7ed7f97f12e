// The knowledge-graph store: one SQLite file (WAL) holding documents, their mentions and
// claims with evidence, the entities resolution derived from them, and the analyst's
// corrections.
//
// Contract:
//  - WriteBatch stores a batch of documents in ONE transaction: a document whose key is
//    already stored is replaced (its mentions, evidence and claims deleted first). The
//    same transaction marks the store "dirty" (resolution pending). A process killed at
//    any moment leaves either the whole batch or none of it.
//  - Resolve() recomputes entities and aliases from all mentions plus the corrections
//    (graph/resolve.h), in one transaction, and clears the dirty mark. EnsureResolved()
//    does it only when dirty. Entity ids are kept for entities whose stable key persists.
//  - Queries read a consistent snapshot; they never change facts.
#pragma once

#include <map>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "graph/model.h"
#include "graph/resolve.h"
#include "store/sqlite.h"

namespace orbat::store {

struct StoredMention {
  std::string name;
  std::string type;  // group/state/person/place/media/other
  std::string lexicon_id;
  std::vector<std::string> aliases;
  std::vector<std::string> countries;  // strong context (see graph/resolve.h)
};

struct StoredClaim {
  size_t s = 0;                 // index into StoredDoc::mentions
  std::string p;
  std::optional<size_t> o;      // index into mentions, or none (o_text only)
  std::string o_text;
  std::optional<double> value;
  std::string start, end, hedge;
  double confidence = 0.5;
  std::string sentence;
  int64_t begin = 0, end_offset = 0;
};

struct StoredDoc {
  std::string key, source, path, hash, date, title, text;
  std::vector<std::string> countries;  // weak context: countries the document names
  std::vector<StoredMention> mentions;
  std::vector<StoredClaim> claims;
};

struct NameHit {
  int64_t entity = 0;
  std::string name;
  std::string type;
  int docs = 0;
  int claims = 0;
};

struct SearchHit {
  int64_t evidence_id = 0;
  std::string doc_key, doc_date, snippet, sentence;
  int64_t begin = 0, end = 0;
  std::vector<graph::ClaimRec> claims;  // facts drawn from that sentence
};

struct Stats {
  int64_t documents = 0, bytes = 0, mentions = 0, entities = 0, aliases = 0, claims = 0,
          evidence = 0, corrections = 0, db_bytes = 0;
  std::vector<std::pair<std::string, int64_t>> entities_by_type, claims_by_predicate,
      claims_by_hedge;
  std::string first_date, last_date;
};

struct ResolveStats {
  size_t mentions = 0, entities = 0;
  std::vector<std::string> notes;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& path);

  // Content hash stored for a document key, if any.
  Result<std::optional<std::string>> HashOf(const std::string& doc_key);
  Result<Ok> WriteBatch(const std::vector<StoredDoc>& docs);
  Result<bool> Dirty();
  Result<ResolveStats> Resolve();
  Result<Ok> EnsureResolved();

  Result<int64_t> AddCorrection(const graph::Correction& c);
  Result<std::vector<graph::Correction>> Corrections();

  // Entities known by this name (MatchKey over names and aliases), best first
  // (groups first, then by number of claims).
  Result<std::vector<NameHit>> FindEntity(const std::string& name);
  // Near misses for "did you mean" (edit distance over alias keys), best first.
  Result<std::vector<std::string>> Suggest(const std::string& name, size_t n = 3);
  // Claims whose subject or object is the entity, plus the end-of-life claims
  // (dissolved, merged_into) of every entity they touch.
  Result<graph::GraphData> LoadAround(int64_t entity);
  // Every claim (optionally only relations and events, for network/path).
  Result<graph::GraphData> LoadAll(bool links_only);
  Result<graph::EntityRec> Entity(int64_t id);
  Result<std::vector<SearchHit>> Search(const std::string& query, size_t limit);
  Result<Stats> GetStats();

  Db& db() { return *db_; }

 private:
  explicit Store(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  Result<Ok> LoadEntities(graph::GraphData& g, const std::string& where);
  Result<Ok> LoadClaims(graph::GraphData& g, const std::string& where, int64_t bind);
  std::unique_ptr<Db> db_;
};

// Entity names by id for one listing (search results): each looked up once; "" for id
// 0 (no entity), "?" for an id no longer stored.
class EntityNames {
 public:
  explicit EntityNames(Store& store) : store_(store) {}
  std::string operator()(int64_t id);

 private:
  Store& store_;
  std::map<int64_t, std::string> names_;
};

// Joins/splits lists stored in one TEXT column (unit separator).
std::string JoinList(const std::vector<std::string>& v);
std::vector<std::string> SplitList(const std::string& s);

}  // namespace orbat::store
