// Claims, not truths: claims that state the same thing (same subject, predicate, object
// or value, and time) are grouped into one Assertion that keeps every source. Ranking is
// by corroboration (distinct documents), then confidence. Disagreements between
// assertions of single-valued attributes are detected and described:
//  - founded / dissolved: different years;
//  - leader at a time, size at a time: different persons / numbers for the same year.
#pragma once

#include <string>
#include <vector>

#include "graph/model.h"

namespace orbat::graph {

struct Assertion {
  std::string p;
  int64_t s = 0, o = 0;
  std::string object;  // display: entity name, text or value
  std::string start, end;
  std::vector<const ClaimRec*> sources;
  int corroboration = 0;
  double confidence = 0;
  std::string hedge;   // "" when at least one source states it as fact, else the hedges
  bool disputed = false;
};

struct Disagreement {
  std::string p;
  std::string description;                 // "founded: 2005 (1 source) vs 2007 (1 source)"
  std::vector<const Assertion*> assertions;
};

// Groups claims into assertions (stable order: corroboration desc, confidence desc,
// date, object).
std::vector<Assertion> Aggregate(const GraphData& g, const std::vector<const ClaimRec*>& claims);

// Finds disagreements among assertions about one subject and marks them disputed.
std::vector<Disagreement> FindDisagreements(std::vector<Assertion>& assertions);

// "2005" for founded claims whether the year is the object or the time.
std::string AttributeValue(const ClaimRec& c);

}  // namespace orbat::graph
