#include "export/graph_export_links.h"

#include <algorithm>

namespace orbat::exporter {

ExportGraph SelectLinks(const graph::GraphData& g, const ExportOptions& o) {
  ExportGraph eg;
  std::set<int64_t> nodes;
  for (graph::Link& l : graph::BuildLinks(g)) {
    if (o.at && !graph::HoldsAt(l, *o.at, o.include_undated)) continue;
    nodes.insert(l.a);
    nodes.insert(l.b);
    eg.links.push_back(std::move(l));
  }
  eg.nodes.assign(nodes.begin(), nodes.end());
  return eg;
}

std::string SourceKeys(const graph::GraphData& g, const graph::Link& l) {
  std::vector<std::string> keys;
  for (const graph::ClaimRec* c : l.claims) {
    const graph::DocRec* d = g.doc(c->doc);
    std::string k = d ? d->key : "";
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  }
  std::string s;
  for (const auto& k : keys) s += (s.empty() ? "" : ";") + k;
  return s;
}

}  // namespace orbat::exporter
