// Internal to the graph exporters: the links and nodes an export shows.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "export/graph_export.h"
#include "graph/links.h"

namespace orbat::exporter {

struct ExportGraph {
  std::vector<graph::Link> links;
  std::vector<int64_t> nodes;  // entities taking part in a link, by id
};

ExportGraph SelectLinks(const graph::GraphData& g, const ExportOptions& o);
// Distinct document keys of a link's claims, ";"-joined.
std::string SourceKeys(const graph::GraphData& g, const graph::Link& l);

}  // namespace orbat::exporter
