// Graph exports: GraphML and GEXF validate against their published XML schemas and load
// in networkx; DOT renders with Graphviz; CSV has the ACLED-like event columns.
#include "export/graph_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/xml_schema.h"

namespace orbat::exporter {
namespace {

// The python that has networkx: Debian's (python3-networkx, installed by setup.sh) lives
// in /usr/bin, which need not be the python3 first on PATH.
std::string Python() { return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"; }

graph::GraphData Sample() {
  graph::GraphData g;
  g.entities[1] = {1, "Jund al-Aqsa", "group", "", {"Sarayat al-Quds"}, 3, 2};
  g.entities[2] = {2, "Islamic State", "group", "ucdp:1", {"ISIS", "Daesh"}, 5, 2};
  g.entities[3] = {3, "Ahrar al-Sham \"&\" <co>", "group", "", {}, 1, 1};
  g.entities[4] = {4, "Ma'an", "place", "", {}, 1, 1};
  g.docs[1] = {1, "jund-al-aqsa", "", "2016-11-01", "examples/jund-al-aqsa.txt"};
  auto add = [&](int64_t id, int64_t s, const std::string& p, int64_t o, const std::string& start,
                 const std::string& end = "") {
    graph::ClaimRec c;
    c.id = id;
    c.doc = 1;
    c.s = s;
    c.p = p;
    c.o = o;
    c.o_text = g.entities.count(o) ? g.entities[o].name : "";
    c.start = start;
    c.end = end;
    c.sentence = "In February 2016, Jund al-Aqsa & ISIS cut the \"supply\" route <to Aleppo>.";
    g.claims.push_back(c);
  };
  add(1, 1, "ally", 2, "2016-02");
  add(2, 1, "rival", 3, "2016-10");
  add(3, 1, "clash", 3, "2016-10");
  add(4, 1, "capture", 4, "2014-02");
  add(5, 1, "founded", 0, "2012");
  g.claims.back().o_text = "2012";
  return g;
}

std::string Dir() {
  auto d = std::filesystem::temp_directory_path() / ("orbat-export-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(d);
  return d.string();
}

std::string Write(const std::string& name, const std::string& content) {
  std::string p = Dir() + "/" + name;
  std::ofstream(p) << content;
  return p;
}

int Sh(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }
bool Have(const std::string& tool) { return Sh("command -v " + tool) == 0; }

TEST(GraphExport, GraphmlWellFormedAndLoadsInNetworkx) {
  std::ostringstream out;
  WriteGraphml(Sample(), {}, out);
  std::string p = Write("g.graphml", out.str());
  ASSERT_TRUE(Have("xmllint"));
  EXPECT_EQ(Sh("xmllint --noout " + p), 0);
  auto valid = orbat::testing::ValidateXml("graphml", p);
  EXPECT_EQ(valid.code, 0) << valid.messages;
  if (Sh(Python() + " -c 'import networkx'") == 0) {
    std::string py = Python() + " -c \"import networkx as nx; g=nx.read_graphml('" + p +
                     "'); assert g.number_of_nodes()==3, g.number_of_nodes(); assert g.number_of_edges()==2; "
                     "assert g.nodes['n2']['label']=='Islamic State'\"";
    EXPECT_EQ(std::system(py.c_str()), 0);
  }
}

TEST(GraphExport, GexfCarriesIntervalsAndLoadsInNetworkx) {
  std::ostringstream out;
  WriteGexf(Sample(), {}, out);
  std::string s = out.str();
  EXPECT_NE(s.find("mode=\"dynamic\""), std::string::npos);
  EXPECT_NE(s.find("start=\"2016-02-01\""), std::string::npos);
  std::string p = Write("g.gexf", s);
  EXPECT_EQ(Sh("xmllint --noout " + p), 0);
  auto valid = orbat::testing::ValidateXml("gexf", p);
  EXPECT_EQ(valid.code, 0) << valid.messages;
  if (Sh(Python() + " -c 'import networkx'") == 0) {
    std::string py = Python() + " -c \"import networkx as nx; g=nx.read_gexf('" + p +
                     "'); assert g.number_of_nodes()==3, g.number_of_nodes(); assert g.number_of_edges()>=3\"";
    EXPECT_EQ(std::system(py.c_str()), 0);
  }
}

// The schema check must be able to fail: an edge without a target, and a GEXF edge with
// an attribute the schema does not define, are rejected.
TEST(GraphExport, SchemaCheckRejectsInvalidFiles) {
  std::string g = Write("bad.graphml",
                        "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
                        "<graph edgedefault=\"directed\"><node id=\"a\"/><edge source=\"a\"/></graph></graphml>\n");
  EXPECT_NE(orbat::testing::ValidateXml("graphml", g).code, 0);
  std::string x = Write("bad.gexf",
                        "<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">"
                        "<graph><nodes><node id=\"a\" label=\"a\"/></nodes>"
                        "<edges><edge id=\"e\" source=\"a\" target=\"a\" colour=\"red\"/></edges></graph></gexf>\n");
  EXPECT_NE(orbat::testing::ValidateXml("gexf", x).code, 0);
}

TEST(GraphExport, AtFiltersLinks) {
  std::ostringstream out;
  ExportOptions o;
  o.at = "2016-03";
  WriteGraphml(Sample(), o, out);
  EXPECT_NE(out.str().find("<data key=\"relation\">ally</data>"), std::string::npos);
  EXPECT_EQ(out.str().find("<data key=\"relation\">rival</data>"), std::string::npos);
}

TEST(GraphExport, DotRendersWithGraphviz) {
  std::ostringstream out;
  WriteDot(Sample(), {}, out);
  std::string p = Write("g.dot", out.str());
  ASSERT_TRUE(Have("dot"));
  EXPECT_EQ(Sh("dot -Tsvg " + p + " -o " + p + ".svg"), 0);
  EXPECT_GT(std::filesystem::file_size(p + ".svg"), 100u);
}

TEST(GraphExport, CsvEventsHaveAcledColumns) {
  std::ostringstream out;
  WriteCsvEvents(Sample(), {}, out);
  std::string s = out.str();
  EXPECT_EQ(s.substr(0, s.find('\n')),
            "event_date,date_precision,actor1,actor2,event_type,sub_event_type,location,source,notes,evidence");
  EXPECT_NE(s.find("2014-02,month,Jund al-Aqsa,Ma'an,ASSAULT,capture,Ma'an,"), std::string::npos);
  std::ostringstream edges;
  WriteCsvEdges(Sample(), {}, edges);
  EXPECT_NE(edges.str().find("\"Ahrar al-Sham \"\"&\"\" <co>\""), std::string::npos);
}

TEST(GraphExport, JsonlOneObjectPerLine) {
  std::ostringstream out;
  WriteGraphJsonl(Sample(), {}, out);
  std::istringstream in(out.str());
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.front(), '{');
    ++n;
  }
  EXPECT_EQ(n, 4 + 2 + 5);  // entities, links (clash/capture are events), claims
}

}  // namespace
}  // namespace orbat::exporter
