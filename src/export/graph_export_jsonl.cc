#include <nlohmann/json.hpp>

#include "export/graph_export.h"
#include "export/graph_export_links.h"
#include "graph/report.h"

namespace orbat::exporter {

void WriteGraphJsonl(const graph::GraphData& g, const ExportOptions& o, std::ostream& out) {
  using nlohmann::json;
  ExportGraph eg = SelectLinks(g, o);
  std::vector<int64_t> ids;
  for (const auto& [id, e] : g.entities) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  for (int64_t id : ids) {
    const graph::EntityRec& e = g.entities.at(id);
    out << json{{"kind", "entity"}, {"id", id}, {"name", e.name}, {"type", e.type},
                {"aliases", e.aliases}, {"documents", e.docs}, {"lexicon_id", e.lexicon_id}}
               .dump(-1, ' ', false, json::error_handler_t::replace)
        << "\n";
  }
  for (const graph::Link& l : eg.links) {
    json j = graph::LinkJson(g, l);
    j["kind"] = "link";
    out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  }
  for (const graph::ClaimRec& c : g.claims) {
    json j = graph::SourceJson(g, c);
    j["kind"] = "claim";
    j["s"] = g.EntityName(c.s);
    j["p"] = c.p;
    j["o"] = c.o ? json(g.EntityName(c.o)) : json(c.o_text);
    out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  }
}

}  // namespace orbat::exporter
