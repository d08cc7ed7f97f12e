// Exports of the knowledge graph for other tools. Input is the whole graph as loaded
// by the store (GraphData); output is written to a stream.
//  - GraphML (graphml.graphdrawing.org, loads in Gephi, networkx, yEd): one node per
//    entity that takes part in a link, one edge per link (relation type between a pair)
//    with type, interval, corroboration, sources and the first quote.
//  - GEXF 1.2 (dynamic mode, timeformat=date): the same with start/end on edges so
//    Gephi's timeline plays the network's evolution.
//  - DOT (Graphviz): colored by relation type; symmetric links drawn both ways.
//  - CSV: nodes, edges and an ACLED-like events table (event_date, date_precision,
//    actor1, actor2, event_type, sub_event_type, location, source, notes, evidence).
//  - JSONL: one object per line: entities, links, then every claim with its evidence.
// With `at`, only links holding at that date (undated links included unless
// include_undated is false).
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "graph/model.h"

namespace orbat::exporter {

struct ExportOptions {
  std::optional<std::string> at;
  bool include_undated = true;
};

void WriteGraphml(const graph::GraphData& g, const ExportOptions& o, std::ostream& out);
void WriteGexf(const graph::GraphData& g, const ExportOptions& o, std::ostream& out);
void WriteDot(const graph::GraphData& g, const ExportOptions& o, std::ostream& out);
void WriteCsvNodes(const graph::GraphData& g, const ExportOptions& o, std::ostream& out);
void WriteCsvEdges(const graph::GraphData& g, const ExportOptions& o, std::ostream& out);
void WriteCsvEvents(const graph::GraphData& g, const ExportOptions& o, std::ostream& out);
void WriteGraphJsonl(const graph::GraphData& g, const ExportOptions& o, std::ostream& out);

// Helpers shared by the writers (graph_export_common.cc).
std::string XmlEscape(const std::string& s);
std::string CsvField(const std::string& s);

}  // namespace orbat::exporter
