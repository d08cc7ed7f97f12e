#include <ctime>
#include <map>

#include "export/graph_export.h"
#include "export/graph_export_links.h"
#include "graph/dates.h"

namespace orbat::exporter {

namespace {
std::string Today() {
  std::time_t t = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
  return buf;
}
}  // namespace

void WriteGexf(const graph::GraphData& g, const ExportOptions& o, std::ostream& out) {
  ExportGraph eg = SelectLinks(g, o);
  // Nodes appear from their founding (earliest founded claim) and leave at dissolution.
  std::map<int64_t, std::string> founded, dissolved;
  for (const graph::ClaimRec& c : g.claims) {
    std::string d = graph::DateLo(graph::IsIsoDate(c.o_text) ? c.o_text : c.start);
    if (d.empty()) continue;
    if (c.p == "founded" && (!founded.count(c.s) || d < founded[c.s])) founded[c.s] = d;
    if (c.p == "dissolved" && (!dissolved.count(c.s) || d > dissolved[c.s])) dissolved[c.s] = d;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://www.gexf.net/1.2draft\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\"\n"
         "    version=\"1.2\">\n"
         "  <meta lastmodifieddate=\"" << Today() << "\">\n"
         "    <creator>orbat</creator>\n"
         "    <description>" << XmlEscape(o.at ? "armed-group relations holding at " + *o.at
                                                : std::string("armed-group relations over time"))
      << "</description>\n"
         "  </meta>\n"
         "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n"
         "    <attributes class=\"node\" mode=\"static\">\n"
         "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
         "      <attribute id=\"aliases\" title=\"aliases\" type=\"string\"/>\n"
         "      <attribute id=\"documents\" title=\"documents\" type=\"integer\"/>\n"
         "    </attributes>\n"
         "    <attributes class=\"edge\" mode=\"static\">\n"
         "      <attribute id=\"relation\" title=\"relation\" type=\"string\"/>\n"
         "      <attribute id=\"symmetric\" title=\"symmetric\" type=\"boolean\"/>\n"
         "      <attribute id=\"corroboration\" title=\"corroboration\" type=\"integer\"/>\n"
         "      <attribute id=\"hedged\" title=\"hedged\" type=\"boolean\"/>\n"
         "      <attribute id=\"sources\" title=\"sources\" type=\"string\"/>\n"
         "      <attribute id=\"evidence\" title=\"evidence\" type=\"string\"/>\n"
         "      <attribute id=\"end_reason\" title=\"end_reason\" type=\"string\"/>\n"
         "    </attributes>\n"
         "    <nodes>\n";
  for (int64_t id : eg.nodes) {
    const graph::EntityRec* e = g.entity(id);
    std::string aliases;
    if (e)
      for (const auto& a : e->aliases) aliases += (aliases.empty() ? "" : "; ") + a;
    out << "      <node id=\"n" << id << "\" label=\"" << XmlEscape(e ? e->name : "") << "\"";
    if (founded.count(id)) out << " start=\"" << founded[id] << "\"";
    if (dissolved.count(id) && (!founded.count(id) || founded[id] <= dissolved[id]))
      out << " end=\"" << dissolved[id] << "\"";
    out << ">\n        <attvalues>\n"
        << "          <attvalue for=\"type\" value=\"" << XmlEscape(e ? e->type : "") << "\"/>\n"
        << "          <attvalue for=\"aliases\" value=\"" << XmlEscape(aliases) << "\"/>\n"
        << "          <attvalue for=\"documents\" value=\"" << (e ? e->docs : 0) << "\"/>\n"
        << "        </attvalues>\n      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  int n = 0;
  for (const graph::Link& l : eg.links) {
    std::string start = graph::DateLo(l.start), end = graph::DateLo(l.end);
    out << "      <edge id=\"e" << ++n << "\" source=\"n" << l.a << "\" target=\"n" << l.b << "\""
        << " type=\"" << (l.symmetric ? "mutual" : "directed") << "\" label=\"" << l.p << "\""
        << " weight=\"" << l.corroboration << "\"";
    if (!start.empty()) out << " start=\"" << start << "\"";
    if (!end.empty() && (start.empty() || start <= end)) out << " end=\"" << end << "\"";
    out << ">\n        <attvalues>\n"
        << "          <attvalue for=\"relation\" value=\"" << l.p << "\"/>\n"
        << "          <attvalue for=\"symmetric\" value=\"" << (l.symmetric ? "true" : "false") << "\"/>\n"
        << "          <attvalue for=\"corroboration\" value=\"" << l.corroboration << "\"/>\n"
        << "          <attvalue for=\"hedged\" value=\"" << (l.hedged ? "true" : "false") << "\"/>\n"
        << "          <attvalue for=\"sources\" value=\"" << XmlEscape(SourceKeys(g, l)) << "\"/>\n"
        << "          <attvalue for=\"evidence\" value=\""
        << XmlEscape(l.claims.empty() ? "" : l.claims[0]->sentence) << "\"/>\n"
        << "          <attvalue for=\"end_reason\" value=\"" << XmlEscape(l.end_reason) << "\"/>\n"
        << "        </attvalues>\n      </edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

}  // namespace orbat::exporter
