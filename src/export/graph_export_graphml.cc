#include "export/graph_export.h"
#include "export/graph_export_links.h"

namespace orbat::exporter {

void WriteGraphml(const graph::GraphData& g, const ExportOptions& o, std::ostream& out) {
  ExportGraph eg = SelectLinks(g, o);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  struct Key {
    const char* id;
    const char* for_;
    const char* name;
    const char* type;
  };
  const Key keys[] = {
      {"label", "node", "label", "string"},     {"type", "node", "type", "string"},
      {"aliases", "node", "aliases", "string"}, {"documents", "node", "documents", "int"},
      {"lexicon_id", "node", "lexicon_id", "string"},
      {"relation", "edge", "relation", "string"}, {"symmetric", "edge", "symmetric", "boolean"},
      {"start", "edge", "start", "string"},     {"end", "edge", "end", "string"},
      {"end_reason", "edge", "end_reason", "string"},
      {"weight", "edge", "weight", "double"},   {"corroboration", "edge", "corroboration", "int"},
      {"hedged", "edge", "hedged", "boolean"},  {"sources", "edge", "sources", "string"},
      {"evidence", "edge", "evidence", "string"},
  };
  for (const Key& k : keys)
    out << "  <key id=\"" << k.id << "\" for=\"" << k.for_ << "\" attr.name=\"" << k.name
        << "\" attr.type=\"" << k.type << "\"/>\n";
  out << "  <graph id=\"orbat\" edgedefault=\"directed\">\n";
  if (o.at) out << "    <desc>" << XmlEscape("links holding at " + *o.at) << "</desc>\n";
  for (int64_t id : eg.nodes) {
    const graph::EntityRec* e = g.entity(id);
    std::string aliases;
    if (e)
      for (const auto& a : e->aliases) aliases += (aliases.empty() ? "" : "; ") + a;
    out << "    <node id=\"n" << id << "\">\n"
        << "      <data key=\"label\">" << XmlEscape(e ? e->name : "") << "</data>\n"
        << "      <data key=\"type\">" << XmlEscape(e ? e->type : "") << "</data>\n"
        << "      <data key=\"aliases\">" << XmlEscape(aliases) << "</data>\n"
        << "      <data key=\"documents\">" << (e ? e->docs : 0) << "</data>\n"
        << "      <data key=\"lexicon_id\">" << XmlEscape(e ? e->lexicon_id : "") << "</data>\n"
        << "    </node>\n";
  }
  int n = 0;
  for (const graph::Link& l : eg.links) {
    out << "    <edge id=\"e" << ++n << "\" source=\"n" << l.a << "\" target=\"n" << l.b << "\">\n"
        << "      <data key=\"relation\">" << l.p << "</data>\n"
        << "      <data key=\"symmetric\">" << (l.symmetric ? "true" : "false") << "</data>\n"
        << "      <data key=\"start\">" << XmlEscape(l.start) << "</data>\n"
        << "      <data key=\"end\">" << XmlEscape(l.end) << "</data>\n"
        << "      <data key=\"end_reason\">" << XmlEscape(l.end_reason) << "</data>\n"
        << "      <data key=\"weight\">" << l.corroboration << "</data>\n"
        << "      <data key=\"corroboration\">" << l.corroboration << "</data>\n"
        << "      <data key=\"hedged\">" << (l.hedged ? "true" : "false") << "</data>\n"
        << "      <data key=\"sources\">" << XmlEscape(SourceKeys(g, l)) << "</data>\n"
        << "      <data key=\"evidence\">" << XmlEscape(l.claims.empty() ? "" : l.claims[0]->sentence)
        << "</data>\n"
        << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

}  // namespace orbat::exporter
