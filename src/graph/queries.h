// The analyst's questions over a loaded GraphData: profile, relations (optionally at a
// date and of some types), timeline, network (optionally around an entity) and path.
// Pure functions: the CLI loads the data (store), calls these, renders (report.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/aggregate.h"
#include "graph/links.h"
#include "graph/model.h"

namespace orbat::graph {

struct ProfileSection {
  std::string title;   // "Founded", "Leaders", ...
  std::string p;       // predicate
  std::vector<Assertion> items;
};

struct RelationView {
  const Link* link = nullptr;
  int64_t other = 0;
  bool outgoing = true;  // subject is the profiled entity (always true for symmetric)
};

struct Profile {
  EntityRec entity;
  std::vector<ProfileSection> sections;  // attributes
  std::vector<Assertion> events;         // sorted by date, undated last
  std::vector<Link> links;               // every link touching the entity
  std::vector<RelationView> relations;   // views into `links`
  std::vector<Disagreement> disagreements;
  std::vector<Assertion> storage;        // owns section items for disagreements
};

Profile BuildProfile(const GraphData& g, int64_t entity);

struct RelationsQuery {
  std::optional<std::string> at;
  std::vector<std::string> types;  // empty = all relation types
  bool include_undated = false;    // with --at: also links that carry no date at all
};

struct RelationsResult {
  std::vector<Link> links;
  std::vector<RelationView> rows;  // sorted: type, then other's name
  int undated_skipped = 0;         // with --at, links with no date left out
};

RelationsResult Relations(const GraphData& g, int64_t entity, const RelationsQuery& q);

struct TimelineItem {
  std::string date;    // sort key (the period's first day) is DateLo(date)
  std::string kind;    // "event", "relation", "relation-end", "attribute"
  std::string text;    // one-line description
  std::vector<const ClaimRec*> sources;
  std::string hedge;
};

std::vector<TimelineItem> Timeline(const GraphData& g, int64_t entity);

struct NetworkQuery {
  std::optional<std::string> at;
  std::optional<int64_t> around;
  int depth = 1;
  std::vector<std::string> types;  // empty = all relation types
  bool include_undated = true;     // with --at
};

struct Network {
  std::vector<int64_t> nodes;  // sorted by name
  std::vector<Link> edges;
};

Network BuildNetwork(const GraphData& g, const NetworkQuery& q);

struct PathStep {
  int64_t from = 0, to = 0;
  const Link* link = nullptr;
};

// Shortest chain of links from a to b (BFS over relation links, both directions);
// empty when not connected.
std::vector<PathStep> FindPath(const std::vector<Link>& links, int64_t a, int64_t b);

}  // namespace orbat::graph
