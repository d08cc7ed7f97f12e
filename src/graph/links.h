// Relations over time. A Link is one relation type between two entities, aggregated
// over every claim that states it, with the interval during which it holds.
//
// Interval rules (the "time" section):
//  - start: the earliest start any supporting claim gives ("" = unknown);
//  - end: the latest explicit end a claim gives; else the start of a NEW link type
//    between the same pair (ally -> rival, part_of -> splinter_of, ...); else the
//    dissolution or merger (dissolved / merged_into date) of either side;
//  - HoldsAt(at): start <= at < end at the periods' first days; a link with neither
//    start nor end is "undated" and holds at a date only when undated links are asked for.
// defected_to (members moving) neither ends nor is ended by other links.
#pragma once

#include <string>
#include <vector>

#include "graph/model.h"

namespace orbat::graph {

struct Link {
  int64_t a = 0, b = 0;   // subject and object (for symmetric types a < b)
  std::string p;
  bool symmetric = false;
  std::string start, end;
  std::string end_reason;  // "stated", "superseded by rival", "X dissolved", ...
  std::vector<const ClaimRec*> claims;
  int corroboration = 0;   // distinct documents
  bool hedged = false;     // every supporting claim is hedged
  bool dated = false;      // some claim gives a start or an end (implied ends don't count)
  bool undated() const { return !dated; }
};

std::vector<Link> BuildLinks(const GraphData& g);

bool HoldsAt(const Link& link, const std::string& at, bool include_undated);

// Parses "ally,rival" into predicate names; unknown names are returned in *bad.
std::vector<std::string> ParseTypes(const std::string& csv, std::vector<std::string>* bad);

}  // namespace orbat::graph
