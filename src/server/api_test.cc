// The JSON API of `orbat serve`, in-process (no sockets): every endpoint, its bad
// inputs, ingest jobs, and concurrent use.
#include "server/api.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "store/hash.h"
#include "store/store.h"

namespace orbat::server {
namespace {

using nlohmann::json;
using store::StoredClaim;
using store::StoredDoc;

std::string TempDb(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("orbat-api-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + s);
  return p.string();
}

StoredClaim Claim(size_t s, const std::string& p, std::optional<size_t> o, const std::string& o_text,
                  const std::string& sentence, int64_t begin, const std::string& start = "",
                  const std::string& hedge = "") {
  StoredClaim c;
  c.s = s;
  c.p = p;
  c.o = o;
  c.o_text = o_text;
  c.sentence = sentence;
  c.begin = begin;
  c.end_offset = begin + static_cast<int64_t>(sentence.size());
  c.start = start;
  c.hedge = hedge;
  c.confidence = 0.8;
  return c;
}

StoredDoc Doc(const std::string& key, const std::string& date, std::vector<std::string> sentences) {
  StoredDoc d;
  d.key = key;
  d.date = date;
  d.source = "test/" + key + ".txt";
  d.title = "Report " + key;
  for (const auto& s : sentences) d.text += s + " ";
  d.hash = store::HexHash(store::Fnv1a64(d.text));
  return d;
}

// Offset of a sentence in the document text (ASCII here, so bytes = code points).
int64_t At(const StoredDoc& d, const std::string& s) { return static_cast<int64_t>(d.text.find(s)); }

void BuildGraph(const std::string& path) {
  auto opened = store::Store::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  store::Store& st = **opened;
  std::vector<StoredDoc> docs;
  {
    std::string s1 = "Jaysh al-Ummah was founded in 2005, the group claimed.";
    std::string s2 = "Since October 2016 Jaysh al-Ummah has fought Ahrar al-Sham.";
    std::string s3 = "Jaysh al-Ummah follows Salafi jihadism and operates in the Gaza Strip.";
    std::string s4 = "In 2008 it had about 25 fighters.";
    StoredDoc d = Doc("d1", "2016-11-01", {s1, s2, s3, s4});
    d.mentions = {{"Jaysh al-Ummah", "group", "", {"Army of the Nation"}, {"PS"}},
                  {"Ahrar al-Sham", "group", "", {}, {"SY"}},
                  {"Gaza Strip", "place", "", {}, {"PS"}}};
    d.claims = {Claim(0, "founded", std::nullopt, "2005", s1, At(d, s1), "2005", "claimed"),
                Claim(0, "rival", 1, "Ahrar al-Sham", s2, At(d, s2), "2016-10"),
                Claim(0, "ideology", std::nullopt, "Salafi jihadism", s3, At(d, s3)),
                Claim(0, "area", 2, "Gaza Strip", s3, At(d, s3))};
    StoredClaim size = Claim(0, "size", std::nullopt, "25", s4, At(d, s4), "2008");
    size.value = 25;
    d.claims.push_back(size);
    docs.push_back(d);
  }
  {
    std::string s1 = "Jaish al-Umma was established in 2007.";
    std::string s2 = "From 2012 to 2014 Jaish al-Umma was allied with Hamas.";
    StoredDoc d = Doc("d2", "2017-03", {s1, s2});
    d.mentions = {{"Jaish al-Umma", "group", "", {}, {"PS"}}, {"Hamas", "group", "", {}, {"PS"}}};
    StoredClaim ally = Claim(0, "ally", 1, "Hamas", s2, At(d, s2), "2012");
    ally.end = "2014";
    d.claims = {Claim(0, "founded", std::nullopt, "2007", s1, At(d, s1), "2007"), ally};
    docs.push_back(d);
  }
  {
    // Markup in names and quotes must come back verbatim (the page escapes it).
    std::string s1 = "The <script>alert(1)</script> Brigade attacked Hamas <img src=x onerror=alert(2)> in 2015.";
    StoredDoc d = Doc("xss", "2015-05-01", {s1});
    d.mentions = {{"<script>alert(1)</script> Brigade", "group", "", {}, {}}, {"Hamas", "group", "", {}, {"PS"}}};
    d.claims = {Claim(0, "attack", 1, "Hamas", s1, At(d, s1), "2015")};
    docs.push_back(d);
  }
  ASSERT_TRUE(st.WriteBatch(docs).ok());
  auto r = st.Resolve();
  ASSERT_TRUE(r.ok()) << r.error().ToString();
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::string(TempDb("api.db"));
    BuildGraph(*path_);
    ApiOptions o;
    o.db = *path_;
    o.max_ingest_documents = 5;
    o.max_document_bytes = 4096;
    api_ = new Api(o);
    ASSERT_EQ(api_->Init(), "");
  }
  static void TearDownTestSuite() {
    delete api_;
    delete path_;
  }

  static ApiResponse Get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
    ApiRequest r;
    r.path = path;
    r.params = std::move(params);
    return api_->Handle(r);
  }
  static ApiResponse Post(const std::string& path, const std::string& body,
                          const std::string& ct = "application/json") {
    ApiRequest r;
    r.method = "POST";
    r.path = path;
    r.body = body;
    r.content_type = ct;
    return api_->Handle(r);
  }
  static int64_t IdOf(const std::string& name) {
    auto r = Get("/api/entities", {{"q", name}, {"limit", "1"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(r.json["results"].empty()) << name;
    return r.json["results"].empty() ? 0 : r.json["results"][0]["id"].get<int64_t>();
  }

  static Api* api_;
  static std::string* path_;
};

Api* ApiTest::api_ = nullptr;
std::string* ApiTest::path_ = nullptr;

void ExpectError(const ApiResponse& r, int status, const std::string& fragment) {
  EXPECT_EQ(r.status, status) << r.Body();
  ASSERT_TRUE(r.json.contains("error")) << r.Body();
  EXPECT_NE(r.json["error"].get<std::string>().find(fragment), std::string::npos) << r.json["error"];
}

TEST_F(ApiTest, Stats) {
  auto r = Get("/api/stats");
  ASSERT_EQ(r.status, 200) << r.Body();
  EXPECT_EQ(r.json["documents"], 3);
  EXPECT_GE(r.json["entities"].get<int>(), 4);
  ExpectError(Get("/api/stats", {{"x", "1"}}), 400, "unknown parameter 'x'");
}

TEST_F(ApiTest, NetworkWithAttributesAndDates) {
  auto r = Get("/api/network");
  ASSERT_EQ(r.status, 200) << r.Body();
  EXPECT_EQ(r.json["edges"].size(), 2u);  // rival and ally; the brigade's attack is an event, not a link
  EXPECT_EQ(r.json["dates"]["min"], "2012");
  EXPECT_EQ(r.json["dates"]["max"], "2016-10");
  bool found = false;
  for (const auto& n : r.json["nodes"]) {
    if (n["name"] != "Jaysh al-Ummah") continue;
    found = true;
    EXPECT_EQ(n["region"], "PS");
    EXPECT_EQ(n["ideology"], "Salafi jihadism");
    EXPECT_EQ(n["size"], 25.0);
    EXPECT_EQ(n["size_date"], "2008");
    EXPECT_EQ(n["area"], "Gaza Strip");
    EXPECT_EQ(n["founded"], "2005");
    EXPECT_EQ(n["degree"], 2);
    EXPECT_GE(n["claims"].get<int>(), 6);
  }
  EXPECT_TRUE(found);
  ASSERT_FALSE(r.json["edges"][0]["sources"].empty());
  EXPECT_TRUE(r.json["edges"][0]["sources"][0].contains("quote"));
}

TEST_F(ApiTest, NetworkAtDateTypesAroundCompact) {
  auto r2013 = Get("/api/network", {{"at", "2013"}});
  ASSERT_EQ(r2013.status, 200);
  ASSERT_EQ(r2013.json["edges"].size(), 1u);
  EXPECT_EQ(r2013.json["edges"][0]["type"], "ally");
  EXPECT_EQ(r2013.json["at"], "2013");
  auto r2017 = Get("/api/network", {{"at", "2017-01"}});
  ASSERT_EQ(r2017.json["edges"].size(), 1u);
  EXPECT_EQ(r2017.json["edges"][0]["type"], "rival");
  auto rivals = Get("/api/network", {{"types", "rival"}});
  ASSERT_EQ(rivals.json["edges"].size(), 1u);
  auto around = Get("/api/network", {{"around", "Hamas"}, {"depth", "1"}});
  ASSERT_EQ(around.status, 200);
  EXPECT_EQ(around.json["edges"].size(), 1u);
  auto compact = Get("/api/network", {{"compact", "1"}});
  EXPECT_FALSE(compact.json["edges"][0].contains("sources"));
  EXPECT_TRUE(compact.json["edges"][0]["first_source"].contains("quote"));
  auto no_undated = Get("/api/network", {{"at", "2017"}, {"undated", "0"}});
  EXPECT_EQ(no_undated.status, 200);
}

TEST_F(ApiTest, NetworkBadInput) {
  ExpectError(Get("/api/network", {{"at", "June 2016"}}), 400, "ISO date");
  ExpectError(Get("/api/network", {{"at", "2016-13"}}), 400, "ISO date");
  ExpectError(Get("/api/network", {{"types", "ally,friend"}}), 400, "unknown relation type \"friend\"");
  ExpectError(Get("/api/network", {{"depth", "-1"}}), 400, "depth");
  ExpectError(Get("/api/network", {{"depth", "99"}}), 400, "depth");
  ExpectError(Get("/api/network", {{"undated", "maybe"}}), 400, "undated");
  ExpectError(Get("/api/network", {{"at", "2016"}, {"at", "2017"}}), 400, "more than once");
  auto r = Get("/api/network", {{"around", "Jaysh al-Ummax"}});
  ExpectError(r, 404, "no entity named");
  EXPECT_FALSE(r.json["suggestions"].empty());
  ExpectError(Get("/api/network", {{"at", std::string(5000, '9')}}), 400, "too long");
}

TEST_F(ApiTest, EntitiesAutocompleteThroughAliases) {
  auto r = Get("/api/entities", {{"q", "umma"}});
  ASSERT_EQ(r.status, 200) << r.Body();
  ASSERT_FALSE(r.json["results"].empty());
  EXPECT_EQ(r.json["results"][0]["name"], "Jaysh al-Ummah");
  auto alias = Get("/api/entities", {{"q", "army of the"}});
  ASSERT_FALSE(alias.json["results"].empty());
  EXPECT_EQ(alias.json["results"][0]["name"], "Jaysh al-Ummah");
  EXPECT_EQ(alias.json["results"][0]["matched"], "Army of the Nation");
  auto all = Get("/api/entities", {{"limit", "100"}});
  EXPECT_GE(all.json["results"].size(), 4u);
  auto places = Get("/api/entities", {{"type", "place"}});
  for (const auto& e : places.json["results"]) EXPECT_EQ(e["type"], "place");
  EXPECT_TRUE(Get("/api/entities", {{"q", "zzzzqqq"}}).json["results"].empty());
  ExpectError(Get("/api/entities", {{"limit", "0"}}), 400, "limit");
  ExpectError(Get("/api/entities", {{"limit", "ten"}}), 400, "limit");
}

TEST_F(ApiTest, ProfileByNameAliasAndId) {
  auto r = Get("/api/profile", {{"name", "Jaish al-Umma"}});
  ASSERT_EQ(r.status, 200) << r.Body();
  EXPECT_EQ(r.json["name"], "Jaysh al-Ummah");
  EXPECT_EQ(r.json["documents"], 2);
  ASSERT_FALSE(r.json["disagreements"].empty());  // founded 2005 vs 2007
  EXPECT_EQ(r.json["disagreements"][0]["p"], "founded");
  EXPECT_EQ(r.json["disagreements"][0]["claims"].size(), 2u);
  ASSERT_TRUE(r.json["attributes"].contains("founded"));
  const json& src = r.json["attributes"]["founded"][0]["sources"][0];
  EXPECT_TRUE(src.contains("quote"));
  EXPECT_TRUE(src.contains("doc"));
  EXPECT_EQ(r.json["relations"].size(), 2u);
  int64_t id = r.json["id"];
  auto by_id = Get("/api/profile", {{"id", std::to_string(id)}});
  ASSERT_EQ(by_id.status, 200);
  EXPECT_EQ(by_id.json["name"], "Jaysh al-Ummah");
}

TEST_F(ApiTest, ProfileErrors) {
  auto miss = Get("/api/profile", {{"name", "Jaysh al-Ummax"}});
  ExpectError(miss, 404, "did you mean");
  ASSERT_TRUE(miss.json["suggestions"].is_array());
  EXPECT_EQ(miss.json["suggestions"][0], "Jaysh al-Ummah");
  ExpectError(Get("/api/profile"), 400, "missing parameter 'name'");
  ExpectError(Get("/api/profile", {{"id", "abc"}}), 400, "'id'");
  ExpectError(Get("/api/profile", {{"id", "987654"}}), 404, "no entity with id");
  ExpectError(Get("/api/profile", {{"nme", "Hamas"}}), 400, "unknown parameter 'nme'");
}

TEST_F(ApiTest, MarkupComesBackVerbatimAsJson) {
  auto r = Get("/api/profile", {{"name", "<script>alert(1)</script> Brigade"}});
  ASSERT_EQ(r.status, 200) << r.Body();
  EXPECT_EQ(r.json["name"], "<script>alert(1)</script> Brigade");
  EXPECT_EQ(r.content_type, "application/json");
  ASSERT_FALSE(r.json["events"].empty());
  EXPECT_NE(r.json["events"][0]["sources"][0]["quote"].get<std::string>().find("<img src=x onerror=alert(2)>"),
            std::string::npos);
}

TEST_F(ApiTest, RelationsAtAndTypes) {
  auto all = Get("/api/relations", {{"name", "Jaysh al-Ummah"}});
  ASSERT_EQ(all.status, 200) << all.Body();
  EXPECT_EQ(all.json["relations"].size(), 2u);
  auto at = Get("/api/relations", {{"name", "Jaysh al-Ummah"}, {"at", "2016-11"}});
  ASSERT_EQ(at.json["relations"].size(), 1u);
  EXPECT_EQ(at.json["relations"][0]["type"], "rival");
  EXPECT_EQ(at.json["relations"][0]["other"], "Ahrar al-Sham");
  auto ally = Get("/api/relations", {{"name", "Jaysh al-Ummah"}, {"types", "ally"}});
  ASSERT_EQ(ally.json["relations"].size(), 1u);
  EXPECT_EQ(ally.json["relations"][0]["end"], "2014");
  ExpectError(Get("/api/relations", {{"name", "Jaysh al-Ummah"}, {"at", "yesterday"}}), 400, "ISO date");
  ExpectError(Get("/api/relations", {{"name", "Jaysh al-Ummah"}, {"types", "enemy"}}), 400, "enemy");
  ExpectError(Get("/api/relations", {{"name", "Nobody At All"}}), 404, "no entity named");
  ExpectError(Get("/api/relations"), 400, "missing parameter");
}

TEST_F(ApiTest, Timeline) {
  auto r = Get("/api/timeline", {{"name", "Jaysh al-Ummah"}});
  ASSERT_EQ(r.status, 200) << r.Body();
  ASSERT_GE(r.json["timeline"].size(), 3u);
  EXPECT_EQ(r.json["entity"], "Jaysh al-Ummah");
  std::string prev;
  for (const auto& it : r.json["timeline"]) {
    if (it["date"].is_null()) continue;
    std::string d = it["date"];
    EXPECT_LE(prev, d);
    prev = d;
    EXPECT_FALSE(it["sources"].empty());
  }
  ExpectError(Get("/api/timeline", {{"name", "Jaysh al-Ummax"}}), 404, "did you mean");
  ExpectError(Get("/api/timeline"), 400, "missing parameter");
}

TEST_F(ApiTest, Path) {
  auto r = Get("/api/path", {{"from", "Ahrar al-Sham"}, {"to", "Hamas"}});
  ASSERT_EQ(r.status, 200) << r.Body();
  EXPECT_EQ(r.json["length"], 2);
  EXPECT_TRUE(r.json["connected"]);
  auto at = Get("/api/path", {{"from", "Ahrar al-Sham"}, {"to", "Hamas"}, {"at", "2013"}});
  EXPECT_EQ(at.json["length"], 0);
  EXPECT_FALSE(at.json["connected"]);
  ExpectError(Get("/api/path", {{"from", "Hamas"}}), 400, "missing parameter 'to'");
  ExpectError(Get("/api/path", {{"from", "Hamas"}, {"to", "Hamaz Front"}}), 404, "no entity named");
}

TEST_F(ApiTest, Search) {
  auto r = Get("/api/search", {{"q", "founded"}});
  ASSERT_EQ(r.status, 200) << r.Body();
  ASSERT_EQ(r.json["results"].size(), 1u);
  EXPECT_EQ(r.json["results"][0]["doc"], "d1");
  EXPECT_FALSE(r.json["results"][0]["facts"].empty());
  auto limited = Get("/api/search", {{"q", "Jaysh"}, {"limit", "1"}});
  EXPECT_EQ(limited.json["results"].size(), 1u);
  ExpectError(Get("/api/search"), 400, "missing parameter 'q'");
  ExpectError(Get("/api/search", {{"q", "x"}, {"limit", "100000"}}), 400, "limit");
  // FTS syntax characters are quoted, not passed to SQLite raw: no 500.
  for (std::string q : {"\"unbalanced", "a OR", "NEAR(", "*", "al-Ummah)", "'; DROP TABLE claims; --"}) {
    auto odd = Get("/api/search", {{"q", q}});
    EXPECT_TRUE(odd.status == 200 || odd.status == 400) << q << " -> " << odd.Body();
  }
  EXPECT_EQ(Get("/api/stats").json["claims"], 8);
}

TEST_F(ApiTest, DocumentsAndDocument) {
  auto r = Get("/api/documents");
  ASSERT_EQ(r.status, 200) << r.Body();
  EXPECT_EQ(r.json["total"], 3);
  ASSERT_EQ(r.json["documents"].size(), 3u);
  EXPECT_EQ(r.json["documents"][0]["key"], "xss");  // newest first
  auto page = Get("/api/documents", {{"limit", "1"}, {"offset", "1"}});
  ASSERT_EQ(page.json["documents"].size(), 1u);
  EXPECT_EQ(page.json["documents"][0]["key"], "d2");
  auto d = Get("/api/document", {{"key", "d1"}});
  ASSERT_EQ(d.status, 200) << d.Body();
  EXPECT_EQ(d.json["title"], "Report d1");
  EXPECT_NE(d.json["text"].get<std::string>().find("Jaysh al-Ummah was founded"), std::string::npos);
  ASSERT_EQ(d.json["evidence"].size(), 4u);
  EXPECT_EQ(d.json["evidence"][0]["begin"], 0);
  ExpectError(Get("/api/document", {{"key", "nope"}}), 404, "no document");
  ExpectError(Get("/api/document"), 400, "missing parameter 'key'");
  ExpectError(Get("/api/documents", {{"limit", "-3"}}), 400, "limit");
}

TEST_F(ApiTest, Export) {
  auto g = Get("/api/export", {{"format", "graphml"}});
  ASSERT_EQ(g.status, 200);
  EXPECT_TRUE(g.is_raw);
  EXPECT_NE(g.raw.find("<graphml"), std::string::npos);
  EXPECT_EQ(g.filename, "orbat.graphml");
  // Names with markup are XML-escaped in the export.
  EXPECT_EQ(g.raw.find("<script>"), std::string::npos);
  auto gexf = Get("/api/export", {{"format", "gexf"}, {"at", "2013"}});
  EXPECT_EQ(gexf.filename, "orbat-2013.gexf");
  EXPECT_NE(gexf.raw.find("<gexf"), std::string::npos);
  EXPECT_NE(Get("/api/export", {{"format", "dot"}}).raw.find("digraph"), std::string::npos);
  auto jsonl = Get("/api/export", {{"format", "jsonl"}});
  EXPECT_NE(jsonl.raw.find("\"kind\""), std::string::npos);
  auto ev = Get("/api/export", {{"format", "csv"}, {"table", "events"}});
  EXPECT_EQ(ev.filename, "orbat-events.csv");
  EXPECT_EQ(ev.raw.rfind("event_date", 0), 0u);
  EXPECT_EQ(Get("/api/export", {{"format", "csv"}}).filename, "orbat-edges.csv");
  ExpectError(Get("/api/export"), 400, "missing parameter 'format'");
  ExpectError(Get("/api/export", {{"format", "pdf"}}), 400, "unknown format");
  ExpectError(Get("/api/export", {{"format", "csv"}, {"table", "claims"}}), 400, "table");
  ExpectError(Get("/api/export", {{"format", "dot"}, {"table", "edges"}}), 400, "only applies");
  ExpectError(Get("/api/export", {{"format", "dot"}, {"at", "2016/02"}}), 400, "ISO date");
}

TEST_F(ApiTest, RoutingAndMethods) {
  auto r = Get("/api/nothing");
  ExpectError(r, 404, "no endpoint");
  EXPECT_FALSE(r.json["endpoints"].empty());
  ApiRequest del;
  del.method = "DELETE";
  del.path = "/api/profile";
  ExpectError(api_->Handle(del), 405, "not allowed");
  ExpectError(Post("/api/network", "{}"), 405, "not allowed");
  EXPECT_EQ(Get("/api/stats/").status, 200);  // trailing slash
}

TEST_F(ApiTest, IngestBadInput) {
  ExpectError(Post("/api/ingest", "{}", "text/plain"), 415, "application/json");
  ExpectError(Post("/api/ingest", "{\"documents\": [", "application/json"), 400, "not valid JSON");
  ExpectError(Post("/api/ingest", "[]"), 400, "JSON object");
  ExpectError(Post("/api/ingest", "{}"), 400, "'documents'");
  ExpectError(Post("/api/ingest", R"({"documents": []})"), 400, "non-empty");
  ExpectError(Post("/api/ingest", R"({"documents": [{"name": "a"}]})"), 400, "text must be a string");
  ExpectError(Post("/api/ingest", R"({"documents": [{"text": "   "}]})"), 400, "empty");
  ExpectError(Post("/api/ingest", R"({"documents": [{"text": 5}]})"), 400, "text must be a string");
  ExpectError(Post("/api/ingest", R"({"documents": ["hello"]})"), 400, "must be an object");
  ExpectError(Post("/api/ingest", R"({"documents": [{"text": "x", "url": "y"}]})"), 400, "unknown field 'url'");
  ExpectError(Post("/api/ingest", R"({"documents": [{"text": "x"}], "date": "soon"})"), 400, "'date'");
  ExpectError(Post("/api/ingest", R"({"documents": [{"text": "x"}], "force": "yes"})"), 400, "'force'");
  ExpectError(Post("/api/ingest", R"({"docs": []})"), 400, "unknown field 'docs'");
  json many{{"documents", json::array()}};
  for (int i = 0; i < 6; ++i) many["documents"].push_back({{"text", "x"}});
  ExpectError(Post("/api/ingest", many.dump()), 413, "too many documents");
  json big{{"documents", {{{"text", std::string(5000, 'a')}}}}};
  ExpectError(Post("/api/ingest", big.dump()), 413, "too large");
  ExpectError(Get("/api/ingest"), 400, "missing parameter 'job'");
  ExpectError(Get("/api/ingest", {{"job", "424242"}}), 404, "no ingest job");
  ExpectError(Get("/api/ingest", {{"job", "x"}}), 400, "job");
}

TEST(ApiIngest, IngestsPastedTextAndUpdatesTheNetwork) {
  std::string path = TempDb("ingest.db");
  ApiOptions o;
  o.db = path;
  Api api(o);
  ASSERT_EQ(api.Init(), "");
  ApiRequest stats;
  stats.path = "/api/stats";
  EXPECT_EQ(api.Handle(stats).json["documents"], 0);
  ApiRequest net;
  net.path = "/api/network";
  EXPECT_TRUE(api.Handle(net).json["edges"].empty());
  json body{{"documents",
             {{{"name", "../../etc/report one.txt"},
               {"text", "Jund al-Aqsa is a Salafist jihadist group. In October 2016 Jund al-Aqsa fought "
                        "Ahrar al-Sham. Jund al-Aqsa pledged allegiance to al-Qaeda in 2015."}},
              {{"text", "Hamas clashed with Jaysh al-Ummah in Gaza in 2008."}}}},
            {"date", "2016-11"}};
  ApiRequest post;
  post.method = "POST";
  post.path = "/api/ingest";
  post.content_type = "application/json; charset=utf-8";
  post.body = body.dump();
  auto r = api.Handle(post);
  ASSERT_EQ(r.status, 202) << r.Body();
  int64_t job = r.json["job"];
  ASSERT_TRUE(api.WaitForJob(job, 60000));
  ApiRequest status;
  status.path = "/api/ingest";
  status.params = {{"job", std::to_string(job)}};
  auto s = api.Handle(status);
  ASSERT_EQ(s.json["state"], "done") << s.Body();
  EXPECT_EQ(s.json["new"], 2);
  EXPECT_EQ(s.json["processed"], 2);
  // The name became a key without its path: nothing was written outside the store.
  EXPECT_EQ(s.json["documents"][0], "report one");
  EXPECT_EQ(s.json["documents"][1], "pasted-" + std::to_string(job) + "-2");
  EXPECT_EQ(api.Handle(stats).json["documents"], 2);
  EXPECT_FALSE(api.Handle(net).json["nodes"].empty());  // the cached snapshot was refreshed
  ApiRequest doc;
  doc.path = "/api/document";
  doc.params = {{"key", "report one"}};
  auto d = api.Handle(doc);
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(d.json["date"], "2016-11");
  // The same text again is unchanged (content hash), not re-extracted.
  auto again = api.Handle(post);
  ASSERT_EQ(again.status, 202);
  ASSERT_TRUE(api.WaitForJob(again.json["job"], 60000));
  status.params = {{"job", std::to_string(again.json["job"].get<int64_t>())}};
  auto s2 = api.Handle(status);
  EXPECT_EQ(s2.json["unchanged"], 1) << s2.Body();  // the second had a generated name: new again
  // JSONL: many documents in one upload.
  json jl{{"documents", {{{"name", "feed.jsonl"},
                          {"text", "{\"id\": \"j1\", \"text\": \"Hurras al-Din was founded in 2018.\"}\n"
                                   "{\"id\": \"j2\", \"text\": \"Tahrir al-Sham fought Hurras al-Din in 2020.\"}\n"}}}}};
  post.body = jl.dump();
  auto r3 = api.Handle(post);
  ASSERT_EQ(r3.status, 202) << r3.Body();
  ASSERT_TRUE(api.WaitForJob(r3.json["job"], 60000));
  status.params = {{"job", std::to_string(r3.json["job"].get<int64_t>())}};
  auto s3 = api.Handle(status);
  EXPECT_EQ(s3.json["state"], "done") << s3.Body();
  EXPECT_EQ(s3.json["new"], 2) << s3.Body();
  EXPECT_EQ(s3.json["total"], 2) << s3.Body();
}

TEST_F(ApiTest, ConcurrentReadersGetConsistentAnswers) {
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        ApiResponse r;
        switch ((t + i) % 5) {
          case 0: r = Get("/api/network", {{"at", "2013"}}); break;
          case 1: r = Get("/api/profile", {{"name", "Hamas"}}); break;
          case 2: r = Get("/api/entities", {{"q", "al"}}); break;
          case 3: r = Get("/api/search", {{"q", "Jaysh"}}); break;
          default: r = Get("/api/stats"); break;
        }
        if (r.status != 200) ++bad;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace orbat::server
