// The graph's data model: plain records loaded from the store (src/store) and consumed
// by resolution, aggregation, interval logic, queries and exports. No SQLite here, so
// everything in src/graph can be tested on hand-built data.
//
// Ids are the store's row ids; 0 means "none" (e.g. a claim whose object is text).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace orbat::graph {

struct DocRec {
  int64_t id = 0;
  std::string key;     // document id (file base name / JSONL id)
  std::string title;
  std::string date;    // ISO at its precision, or ""
  std::string source;  // path or URL
};

struct EntityRec {
  int64_t id = 0;
  std::string name;                  // canonical display name
  std::string type;                  // group/state/person/place/media/other
  std::string lexicon_id;            // "" when none
  std::vector<std::string> aliases;  // other written forms, most frequent first
  int mentions = 0;                  // mention count over all documents
  int docs = 0;                      // documents mentioning it
};

struct ClaimRec {
  int64_t id = 0;
  int64_t doc = 0;       // DocRec id
  int64_t s = 0;         // subject entity id
  std::string p;         // predicate (spec/facts.md)
  int64_t o = 0;         // object entity id, 0 when the object is text
  std::string o_text;    // object as written (always set: the written name or value)
  std::optional<double> value;
  std::string start;     // ISO partial dates or ""
  std::string end;
  std::string hedge;     // "", claimed, reported, alleged, estimated
  double confidence = 0.5;
  std::string sentence;  // evidence
  int64_t begin = 0;     // code-point offsets into the document
  int64_t end_offset = 0;
};

// A slice of the graph: the claims loaded for a query plus every entity and document
// those claims refer to.
struct GraphData {
  std::unordered_map<int64_t, EntityRec> entities;
  std::unordered_map<int64_t, DocRec> docs;
  std::vector<ClaimRec> claims;

  const EntityRec* entity(int64_t id) const {
    auto it = entities.find(id);
    return it == entities.end() ? nullptr : &it->second;
  }
  const DocRec* doc(int64_t id) const {
    auto it = docs.find(id);
    return it == docs.end() ? nullptr : &it->second;
  }
  std::string EntityName(int64_t id) const {
    const EntityRec* e = entity(id);
    return e ? e->name : std::string();
  }
};

// Predicate families (spec/facts.md).
bool IsRelation(const std::string& p);     // ally rival affiliate_of part_of splinter_of
                                           // merged_into member_of defected_to
bool IsEvent(const std::string& p);        // attack clash arrest capture threaten
bool IsSymmetric(const std::string& p);    // ally rival clash
bool IsEntityObject(const std::string& p); // relations, events, founder leader area
                                           // designated_by media_outlet
const std::vector<std::string>& RelationTypes();

}  // namespace orbat::graph
