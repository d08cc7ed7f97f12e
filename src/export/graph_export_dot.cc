#include <map>

#include "export/graph_export.h"
#include "export/graph_export_links.h"

namespace orbat::exporter {

namespace {
std::string DotString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

const char* Color(const std::string& p) {
  static const std::map<std::string, const char*> kColors = {
      {"ally", "forestgreen"},  {"rival", "red3"},          {"affiliate_of", "royalblue"},
      {"part_of", "steelblue"}, {"splinter_of", "darkorange"}, {"merged_into", "purple"},
      {"member_of", "teal"},    {"defected_to", "goldenrod"}};
  auto it = kColors.find(p);
  return it == kColors.end() ? "gray40" : it->second;
}

const char* Shape(const std::string& type) {
  if (type == "state") return "box";
  if (type == "person") return "plaintext";
  if (type == "place") return "house";
  return "ellipse";
}
}  // namespace

void WriteDot(const graph::GraphData& g, const ExportOptions& o, std::ostream& out) {
  ExportGraph eg = SelectLinks(g, o);
  out << "digraph orbat {\n  graph [overlap=false, splines=true, label="
      << DotString(o.at ? "relations holding at " + *o.at : std::string("relations")) << "];\n"
      << "  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n";
  for (int64_t id : eg.nodes) {
    const graph::EntityRec* e = g.entity(id);
    out << "  n" << id << " [label=" << DotString(e ? e->name : "?") << ", shape=" << Shape(e ? e->type : "")
        << "];\n";
  }
  for (const graph::Link& l : eg.links) {
    std::string label = l.p;
    if (!l.start.empty() || !l.end.empty()) label += "\n" + l.start + "–" + l.end;
    out << "  n" << l.a << " -> n" << l.b << " [label=" << DotString(label) << ", color=" << Color(l.p)
        << ", penwidth=" << (1 + (l.corroboration > 4 ? 4 : l.corroboration - 1))
        << (l.symmetric ? ", dir=both" : "") << (l.hedged ? ", style=dashed" : "") << "];\n";
  }
  out << "}\n";
}

}  // namespace orbat::exporter
