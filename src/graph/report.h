// Rendering query results for people (text) and programs (JSON). Every fact shown
// carries its sources: document key, document date, hedge and the evidence quote.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "graph/queries.h"

namespace orbat::graph {

nlohmann::json SourceJson(const GraphData& g, const ClaimRec& c);
nlohmann::json LinkJson(const GraphData& g, const Link& l, int64_t perspective = 0);

std::string ProfileText(const GraphData& g, const Profile& p);
nlohmann::json ProfileJson(const GraphData& g, const Profile& p);

std::string RelationsText(const GraphData& g, int64_t entity, const RelationsResult& r,
                          const RelationsQuery& q);
nlohmann::json RelationsJson(const GraphData& g, int64_t entity, const RelationsResult& r,
                             const RelationsQuery& q);

std::string TimelineText(const GraphData& g, int64_t entity, const std::vector<TimelineItem>& t);
nlohmann::json TimelineJson(const GraphData& g, int64_t entity, const std::vector<TimelineItem>& t);

std::string NetworkText(const GraphData& g, const Network& n);
nlohmann::json NetworkJson(const GraphData& g, const Network& n);

std::string PathText(const GraphData& g, const std::vector<PathStep>& path);
nlohmann::json PathJson(const GraphData& g, const std::vector<PathStep>& path);

// "2016-02 – 2016-10", "from 2016-02", "until 2015-10-23", "undated".
std::string IntervalText(const std::string& start, const std::string& end);

}  // namespace orbat::graph
