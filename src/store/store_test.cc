// The SQLite store: batches, idempotence, replacement, resolution, corrections, FTS.
#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/hash.h"

namespace orbat::store {
namespace {

std::string TempDb(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("orbat-store-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + s);
  return p.string();
}

StoredDoc Doc(const std::string& key, const std::string& group_name, const std::string& founded,
              const std::string& hedge = "") {
  StoredDoc d;
  d.key = key;
  d.hash = HexHash(Fnv1a64(key + group_name + founded));
  d.date = "2016-11-01";
  d.text = group_name + " was founded in " + founded + ". It fought Ahrar al-Sham.";
  d.mentions = {{group_name, "group", "", {}, {}}, {"Ahrar al-Sham", "group", "", {}, {}}};
  StoredClaim c;
  c.s = 0;
  c.p = "founded";
  c.o_text = founded;
  c.hedge = hedge;
  c.sentence = group_name + " was founded in " + founded + ".";
  c.begin = 0;
  c.end_offset = static_cast<int64_t>(c.sentence.size());
  d.claims.push_back(c);
  StoredClaim r;
  r.s = 0;
  r.p = "rival";
  r.o = 1;
  r.o_text = "Ahrar al-Sham";
  r.start = "2016-10";
  r.sentence = "It fought Ahrar al-Sham.";
  r.begin = c.end_offset + 1;
  r.end_offset = r.begin + 24;
  d.claims.push_back(r);
  return d;
}

int64_t Count(Store& s, const std::string& table) {
  auto st = s.db().Prepare("SELECT count(*) FROM " + table);
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(*st->Step());
  return st->Int(0);
}

TEST(Store, WriteResolveQuery) {
  auto s = Store::Open(TempDb("a.db"));
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  Store& st = **s;
  ASSERT_TRUE(st.WriteBatch({Doc("d1", "Jaysh al-Ummah", "2005", "claimed"), Doc("d2", "Jaish al-Umma", "2007")}).ok());
  EXPECT_TRUE(*st.Dirty());
  auto r = st.Resolve();
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_FALSE(*st.Dirty());
  EXPECT_EQ(r->entities, 2u);  // the group (two spellings) and Ahrar al-Sham
  auto hits = st.FindEntity("Jaysh al-Umma");
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  auto g = st.LoadAround((*hits)[0].entity);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->claims.size(), 4u);
  EXPECT_EQ(g->docs.size(), 2u);
  auto sug = st.Suggest("Jaysh al-Umah");
  ASSERT_TRUE(sug.ok());
  auto miss = st.FindEntity("Jaysh al-Umah");
  ASSERT_TRUE(miss.ok());
  if (miss->empty()) {
    ASSERT_FALSE(sug->empty());
  }
  auto none = st.Suggest("Ahrar al-Shem");
  ASSERT_TRUE(none.ok());
  ASSERT_FALSE(none->empty());
  EXPECT_EQ((*none)[0], "Ahrar al-Sham");
  // Full-text search over evidence, with hyphenated names.
  auto found = st.Search("Ahrar al-Sham", 10);
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  EXPECT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].claims.size(), 1u);
}

TEST(Store, ReplaceChangedDocumentAndKeepCounts) {
  auto s = Store::Open(TempDb("b.db"));
  ASSERT_TRUE(s.ok());
  Store& st = **s;
  ASSERT_TRUE(st.WriteBatch({Doc("d1", "Jund al-Aqsa", "2012")}).ok());
  ASSERT_TRUE(st.Resolve().ok());
  auto h = st.HashOf("d1");
  ASSERT_TRUE(h.ok() && h->has_value());
  EXPECT_EQ(**h, Doc("d1", "Jund al-Aqsa", "2012").hash);
  EXPECT_EQ(Count(st, "claims"), 2);
  ASSERT_TRUE(st.WriteBatch({Doc("d1", "Jund al-Aqsa", "2013")}).ok());
  ASSERT_TRUE(st.Resolve().ok());
  EXPECT_EQ(Count(st, "documents"), 1);
  EXPECT_EQ(Count(st, "claims"), 2);
  EXPECT_EQ(Count(st, "evidence"), 2);
  auto found = st.Search("2012", 10);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());  // the old evidence left the FTS index too
  auto st2 = st.db().Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(st2.ok());
  ASSERT_TRUE(*st2->Step());
  EXPECT_EQ(st2->Text(0), "ok");
  ASSERT_TRUE(st.db().Exec("INSERT INTO evidence_fts(evidence_fts) VALUES('integrity-check')").ok());
}

TEST(Store, CorrectionsSurviveReingest) {
  std::string path = TempDb("c.db");
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->WriteBatch({Doc("d1", "Army of Conquest", "2015"), Doc("d2", "Jaysh al-Fatah", "2015")}).ok());
    ASSERT_TRUE((*s)->Resolve().ok());
    EXPECT_EQ(Count(**s, "entities"), 3);
    graph::Correction c;
    c.kind = "merge";
    c.a = "Army of Conquest";
    c.b = "Jaysh al-Fatah";
    ASSERT_TRUE((*s)->AddCorrection(c).ok());
    ASSERT_TRUE((*s)->Resolve().ok());
    EXPECT_EQ(Count(**s, "entities"), 2);
  }
  auto s = Store::Open(path);  // reopen: migrations are idempotent
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->WriteBatch({Doc("d2", "Jaysh al-Fatah", "2016")}).ok());  // changed document
  ASSERT_TRUE((*s)->EnsureResolved().ok());
  EXPECT_EQ(Count(**s, "entities"), 2);
  auto hits = (*s)->FindEntity("Jaysh al-Fatah");
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].name, "Army of Conquest");
}

TEST(Store, RefusesNewerSchema) {
  std::string path = TempDb("d.db");
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->db().Exec("UPDATE meta SET value='99' WHERE key='schema_version'").ok());
  }
  auto s = Store::Open(path);
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace orbat::store
