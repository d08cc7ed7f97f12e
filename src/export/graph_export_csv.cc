#include <algorithm>
#include <set>

#include "export/graph_export.h"
#include "export/graph_export_links.h"
#include "graph/aggregate.h"
#include "graph/dates.h"

namespace orbat::exporter {

namespace {
const char* Plover(const std::string& p) {
  if (p == "attack" || p == "clash" || p == "capture") return "ASSAULT";
  if (p == "arrest") return "COERCE";
  if (p == "threaten") return "THREATEN";
  return "OTHER";
}
}  // namespace

void WriteCsvNodes(const graph::GraphData& g, const ExportOptions& o, std::ostream& out) {
  ExportGraph eg = SelectLinks(g, o);
  std::set<int64_t> linked(eg.nodes.begin(), eg.nodes.end());
  out << "id,name,type,aliases,documents,mentions,lexicon_id,linked\n";
  std::vector<int64_t> ids;
  for (const auto& [id, e] : g.entities) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  for (int64_t id : ids) {
    const graph::EntityRec& e = g.entities.at(id);
    std::string aliases;
    for (const auto& a : e.aliases) aliases += (aliases.empty() ? "" : "; ") + a;
    out << "n" << id << "," << CsvField(e.name) << "," << e.type << "," << CsvField(aliases) << ","
        << e.docs << "," << e.mentions << "," << CsvField(e.lexicon_id) << ","
        << (linked.count(id) ? "true" : "false") << "\n";
  }
}

void WriteCsvEdges(const graph::GraphData& g, const ExportOptions& o, std::ostream& out) {
  ExportGraph eg = SelectLinks(g, o);
  out << "source,target,source_name,target_name,relation,symmetric,start,end,end_reason,"
         "corroboration,hedged,sources,evidence\n";
  for (const graph::Link& l : eg.links) {
    out << "n" << l.a << ",n" << l.b << "," << CsvField(g.EntityName(l.a)) << ","
        << CsvField(g.EntityName(l.b)) << "," << l.p << "," << (l.symmetric ? "true" : "false") << ","
        << l.start << "," << l.end << "," << CsvField(l.end_reason) << "," << l.corroboration << ","
        << (l.hedged ? "true" : "false") << "," << CsvField(SourceKeys(g, l)) << ","
        << CsvField(l.claims.empty() ? "" : l.claims[0]->sentence) << "\n";
  }
}

void WriteCsvEvents(const graph::GraphData& g, const ExportOptions& o, std::ostream& out) {
  out << "event_date,date_precision,actor1,actor2,event_type,sub_event_type,location,source,"
         "notes,evidence\n";
  std::vector<const graph::ClaimRec*> events;
  for (const graph::ClaimRec& c : g.claims) {
    if (!graph::IsEvent(c.p)) continue;
    if (o.at && !c.start.empty() && graph::DateLo(c.start) > graph::DateLo(*o.at)) continue;
    events.push_back(&c);
  }
  std::stable_sort(events.begin(), events.end(), [](auto* a, auto* b) {
    std::string da = graph::DateLo(a->start), db = graph::DateLo(b->start);
    if (da.empty() != db.empty()) return !da.empty();
    return da < db;
  });
  for (const graph::ClaimRec* c : events) {
    const graph::EntityRec* target = c->o ? g.entity(c->o) : nullptr;
    std::string actor2 = target ? target->name : c->o_text;
    std::string location;
    if (target && target->type == "place") location = target->name;
    const graph::DocRec* d = g.doc(c->doc);
    std::string source = d ? (d->source.empty() ? d->key : d->key + " (" + d->source + ")") : "";
    std::string notes = c->hedge.empty() ? "" : "hedge: " + c->hedge;
    if (c->value) notes += std::string(notes.empty() ? "" : "; ") + "value: " + std::to_string(*c->value);
    out << c->start << "," << graph::Precision(c->start) << "," << CsvField(g.EntityName(c->s)) << ","
        << CsvField(actor2) << "," << Plover(c->p) << "," << c->p << "," << CsvField(location) << ","
        << CsvField(source) << "," << CsvField(notes) << "," << CsvField(c->sentence) << "\n";
  }
}

}  // namespace orbat::exporter
