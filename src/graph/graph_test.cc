// Entity resolution, intervals, aggregation and queries on hand-built data.
#include <gtest/gtest.h>

#include "graph/aggregate.h"
#include "graph/links.h"
#include "graph/names.h"
#include "graph/queries.h"
#include "graph/report.h"
#include "graph/resolve.h"

namespace orbat::graph {
namespace {

MentionIn M(int64_t id, int64_t doc, const std::string& name, const std::string& type = "group",
            const std::string& lex = "", std::vector<std::string> aliases = {},
            std::vector<std::string> countries = {}) {
  MentionIn m;
  m.id = id;
  m.doc = doc;
  m.doc_key = "doc" + std::to_string(doc);
  m.name = name;
  m.type = type;
  m.lexicon_id = lex;
  m.aliases = std::move(aliases);
  m.countries = std::move(countries);
  return m;
}

size_t EntityOf(const Resolution& r, int64_t mention) { return r.of_mention.at(mention); }

TEST(Resolve, SpellingsAcrossDocumentsMeet) {
  std::vector<MentionIn> ms = {
      M(1, 1, "al-Nusra Front"), M(2, 2, "Jabhat al-Nusra"),
      // A third document declares both names: it bridges the first two.
      M(3, 3, "Nusra Front", "group", "", {"Jabhat al-Nusra"}),
      M(4, 4, "Jaysh al-Ummah"), M(5, 5, "Jaish al-Umma"), M(6, 6, "Jeish al Ummah"),
      M(7, 7, "Islamic State", "group", "ucdp:1"), M(8, 8, "ISIS", "group", "ucdp:1"),
      M(9, 9, "Daesh", "group", "ucdp:1"),
      M(10, 10, "جيش الأمة", "group", "", {"Jaysh al-Ummah"}),
      M(11, 11, "Al-Qa'ida"), M(12, 12, "al-Qaeda")};
  Resolution r = Resolve(ms, {}, {});
  EXPECT_EQ(EntityOf(r, 1), EntityOf(r, 2));
  EXPECT_EQ(EntityOf(r, 1), EntityOf(r, 3));
  EXPECT_EQ(EntityOf(r, 4), EntityOf(r, 5));
  EXPECT_EQ(EntityOf(r, 4), EntityOf(r, 6));
  EXPECT_EQ(EntityOf(r, 4), EntityOf(r, 10));
  EXPECT_EQ(EntityOf(r, 7), EntityOf(r, 8));
  EXPECT_EQ(EntityOf(r, 7), EntityOf(r, 9));
  EXPECT_EQ(EntityOf(r, 11), EntityOf(r, 12));
  EXPECT_NE(EntityOf(r, 1), EntityOf(r, 4));
  EXPECT_NE(EntityOf(r, 1), EntityOf(r, 7));
  EXPECT_EQ(r.entities[EntityOf(r, 7)].name, "Islamic State");  // full name over acronym
}

TEST(Resolve, SameNameDifferentGroupsStayApart) {
  std::vector<MentionIn> ms = {
      // Strong context: each mention's own area claims / qualifier.
      M(1, 1, "Ansar al-Sharia", "group", "", {}, {"LY"}),
      M(2, 2, "Ansar al-Sharia", "group", "", {}, {"YE"}),
      M(3, 3, "Ansar al-Sharia in Libya", "group", "", {"Ansar al-Sharia"}, {"LY"}),
      M(4, 4, "Ansar al-Sharia", "group", "", {}, {"TN"}),
      // Weak context only: the document talks about Yemen and AQAP.
      M(5, 5, "Ansar al-Sharia"), M(6, 5, "Yemen", "place"), M(7, 5, "AQAP"),
      M(8, 2, "AQAP"), M(9, 2, "Yemen", "place")};
  std::unordered_map<int64_t, std::vector<std::string>> doc_countries = {
      {1, {"LY"}}, {2, {"YE"}}, {3, {"LY"}}, {4, {"TN"}}, {5, {"YE"}}};
  Resolution r = Resolve(ms, doc_countries, {});
  EXPECT_NE(EntityOf(r, 1), EntityOf(r, 2));
  EXPECT_NE(EntityOf(r, 1), EntityOf(r, 4));
  EXPECT_NE(EntityOf(r, 2), EntityOf(r, 4));
  EXPECT_EQ(EntityOf(r, 1), EntityOf(r, 3));
  EXPECT_EQ(EntityOf(r, 5), EntityOf(r, 2));  // Yemen + AQAP context
  // Display names stay distinguishable.
  EXPECT_NE(r.entities[EntityOf(r, 2)].name, r.entities[EntityOf(r, 4)].name);
}

TEST(Resolve, DifferentLexiconIdsNeverJoinAutomatically) {
  std::vector<MentionIn> ms = {M(1, 1, "Ansar al-Sharia", "group", "ucdp:ly"),
                               M(2, 2, "Ansar al-Sharia", "group", "ucdp:ye")};
  Resolution r = Resolve(ms, {}, {});
  EXPECT_NE(EntityOf(r, 1), EntityOf(r, 2));
}

TEST(Resolve, PersonAndGroupWithOneNameStayApart) {
  std::vector<MentionIn> ms = {M(1, 1, "Abu Bakr", "person"), M(2, 2, "Abu Bakr", "group")};
  Resolution r = Resolve(ms, {}, {});
  EXPECT_NE(EntityOf(r, 1), EntityOf(r, 2));
}

TEST(Resolve, CorrectionsMergeAndSplit) {
  std::vector<MentionIn> ms = {M(1, 1, "Jaysh al-Fatah"), M(2, 2, "Army of Conquest"),
                               M(3, 3, "Ansar al-Sharia"), M(4, 4, "Ansar al-Sharia")};
  Correction merge{1, "merge", "Army of Conquest", "Jaysh al-Fatah", {}, ""};
  Correction split{2, "split", "Ansar al-Sharia", "", {"doc4"}, "Ansar al-Sharia (Tunisia)"};
  Resolution r = Resolve(ms, {}, {merge, split});
  EXPECT_EQ(EntityOf(r, 1), EntityOf(r, 2));
  EXPECT_EQ(r.entities[EntityOf(r, 1)].name, "Army of Conquest");
  EXPECT_NE(EntityOf(r, 3), EntityOf(r, 4));
  EXPECT_EQ(r.entities[EntityOf(r, 4)].name, "Ansar al-Sharia (Tunisia)");
  EXPECT_TRUE(r.notes.empty());
  Correction bad{3, "merge", "Nobody", "Jaysh al-Fatah", {}, ""};
  EXPECT_EQ(Resolve(ms, {}, {bad}).notes.size(), 1u);
}

TEST(Resolve, OrderOfDocumentsDoesNotMatter) {
  std::vector<MentionIn> ms = {M(1, 1, "Ansar al-Sharia", "group", "", {}, {"LY"}),
                               M(2, 2, "Ansar al-Sharia", "group", "", {}, {"YE"}),
                               M(3, 3, "Ansar al-Sharia")};
  std::vector<MentionIn> rev(ms.rbegin(), ms.rend());
  Resolution a = Resolve(ms, {}, {}), b = Resolve(rev, {}, {});
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) EXPECT_EQ(a.entities[i].ekey, b.entities[i].ekey);
}

TEST(Names, LooseKey) {
  EXPECT_EQ(LooseKey("Jaysh al-Ummah"), LooseKey("Jaish al-Umma"));
  EXPECT_EQ(LooseKey("al-Qaeda"), LooseKey("al-Qaida"));
  EXPECT_EQ(LooseKey("Muhajireen wa Ansar"), LooseKey("Muhajirin wa-Ansar"));
  EXPECT_NE(LooseKey("Hamas"), LooseKey("Hezbollah"));
}

// A small graph shaped like the Jund al-Aqsa article.
struct Fixture {
  GraphData g;
  int64_t next = 1;
  ClaimRec& Add(int64_t s, const std::string& p, int64_t o, const std::string& text, const std::string& start = "",
                const std::string& end = "", int64_t doc = 1, const std::string& hedge = "") {
    ClaimRec c;
    c.id = next++;
    c.doc = doc;
    c.s = s;
    c.p = p;
    c.o = o;
    c.o_text = text;
    c.start = start;
    c.end = end;
    c.hedge = hedge;
    c.sentence = "sentence about " + p + " " + text;
    g.claims.push_back(c);
    return g.claims.back();
  }
  Fixture() {
    auto ent = [&](int64_t id, const std::string& name, const std::string& type = "group") {
      g.entities[id] = EntityRec{id, name, type, "", {}, 1, 1};
    };
    ent(1, "Jund al-Aqsa");
    ent(2, "al-Nusra Front");
    ent(3, "Islamic State");
    ent(4, "Jabhat Fateh al-Sham");
    ent(5, "Army of Conquest");
    ent(6, "Abu Abdul Aziz al-Qatari", "person");
    ent(7, "Ahrar al-Sham");
    ent(8, "Jaysh al-Ummah");
    g.docs[1] = {1, "jund-al-aqsa", "", "2016-11-01", "examples/jund-al-aqsa.txt"};
    g.docs[2] = {2, "jaysh-al-ummah", "", "", ""};
    g.docs[3] = {3, "other-report", "", "2017-01-01", ""};
    Add(1, "founder", 6, "Abu Abdul Aziz al-Qatari");
    Add(1, "splinter_of", 2, "al-Nusra Front");
    Add(1, "merged_into", 4, "Jabhat Fateh al-Sham", "2017-01");
    Add(1, "member_of", 5, "Army of Conquest", "", "2015-10-23");
    Add(1, "ally", 3, "Islamic State", "2016-02");
    Add(1, "affiliate_of", 4, "Jabhat Fateh al-Sham", "2016-10");
    Add(1, "clash", 7, "Ahrar al-Sham", "2016-10");
    Add(1, "rival", 7, "Ahrar al-Sham", "2016-10");
    Add(1, "ally", 3, "Islamic State", "2016-02", "", 3);  // corroborated by another report
    Add(8, "founded", 0, "2005", "", "", 2, "claimed");
    Add(8, "founded", 0, "2007", "", "", 2, "reported");
    Add(8, "founded", 0, "2008", "", "", 2, "reported");
    Add(8, "rival", 3, "Islamic State", "", "", 2);
  }
};

TEST(Links, RelationsAtADate) {
  Fixture f;
  RelationsQuery q;
  q.at = "2016-02";
  RelationsResult r = Relations(f.g, 1, q);
  std::set<std::string> got;
  for (const auto& v : r.rows) got.insert(v.link->p + ":" + f.g.EntityName(v.other));
  EXPECT_TRUE(got.count("ally:Islamic State"));
  EXPECT_FALSE(got.count("affiliate_of:Jabhat Fateh al-Sham"));  // October 2016
  EXPECT_FALSE(got.count("member_of:Army of Conquest"));         // left 2015-10-23
  EXPECT_FALSE(got.count("merged_into:Jabhat Fateh al-Sham"));
  EXPECT_EQ(r.undated_skipped, 1);  // splinter_of al-Nusra carries no date
  q.include_undated = true;
  EXPECT_EQ(Relations(f.g, 1, q).rows.size(), 2u);

  q = {};
  q.at = "2015-06";
  r = Relations(f.g, 1, q);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].link->p, "member_of");
}

TEST(Links, EndsAtMergerAndNewLinkType) {
  Fixture f;
  f.Add(1, "rival", 3, "Islamic State", "2016-08");
  auto links = BuildLinks(f.g);
  const Link* ally = nullptr;
  const Link* affiliate = nullptr;
  for (const auto& l : links) {
    if (l.p == "ally" && l.b == 3) ally = &l;
    if (l.p == "affiliate_of") affiliate = &l;
  }
  ASSERT_TRUE(ally && affiliate);
  EXPECT_EQ(ally->end, "2016-08");
  EXPECT_EQ(ally->end_reason, "superseded by rival");
  EXPECT_EQ(ally->corroboration, 2);
  EXPECT_EQ(affiliate->end, "2017-01");  // the merger into JFS
  RelationsQuery q;
  q.at = "2016-09";
  for (const auto& v : Relations(f.g, 1, q).rows) EXPECT_NE(v.link->p, "ally");
}

TEST(Aggregate, FoundingDisagreementKeepsEverySource) {
  Fixture f;
  Profile p = BuildProfile(f.g, 8);
  ASSERT_EQ(p.disagreements.size(), 1u);
  EXPECT_EQ(p.disagreements[0].p, "founded");
  EXPECT_NE(p.disagreements[0].description.find("2005"), std::string::npos);
  EXPECT_NE(p.disagreements[0].description.find("2007"), std::string::npos);
  EXPECT_NE(p.disagreements[0].description.find("claimed"), std::string::npos);
  std::string text = ProfileText(f.g, p);
  EXPECT_NE(text.find("DISPUTED"), std::string::npos);
  EXPECT_NE(text.find("jaysh-al-ummah"), std::string::npos);
  auto j = ProfileJson(f.g, p);
  EXPECT_EQ(j["attributes"]["founded"].size(), 3u);
  EXPECT_EQ(j["disagreements"].size(), 1u);
}

TEST(Aggregate, CorroborationRanksFirst) {
  Fixture f;
  f.Add(1, "ideology", 0, "Salafi jihadism", "", "", 1);
  f.Add(1, "ideology", 0, "Salafi Jihadism", "", "", 3);
  f.Add(1, "ideology", 0, "Takfiri", "", "", 1, "alleged");
  Profile p = BuildProfile(f.g, 1);
  const ProfileSection* s = nullptr;
  for (const auto& sec : p.sections)
    if (sec.p == "ideology") s = &sec;
  ASSERT_TRUE(s);
  ASSERT_EQ(s->items.size(), 2u);
  EXPECT_EQ(s->items[0].corroboration, 2);
  EXPECT_EQ(s->items[1].hedge, "alleged");
}

TEST(Queries, ProfileShowsFounderSplitAndMerger) {
  Fixture f;
  Profile p = BuildProfile(f.g, 1);
  std::string text = ProfileText(f.g, p);
  EXPECT_NE(text.find("Abu Abdul Aziz al-Qatari"), std::string::npos);
  EXPECT_NE(text.find("splinter_of  al-Nusra Front"), std::string::npos);
  EXPECT_NE(text.find("merged_into  Jabhat Fateh al-Sham"), std::string::npos);
  EXPECT_NE(text.find("\"sentence about founder"), std::string::npos);
}

TEST(Queries, PathNetworkTimeline) {
  Fixture f;
  auto links = BuildLinks(f.g);
  auto path = FindPath(links, 8, 7);  // Jaysh al-Ummah -> IS -> Jund al-Aqsa -> Ahrar al-Sham
  ASSERT_EQ(path.size(), 3u);
  EXPECT_EQ(path[0].to, 3);
  EXPECT_EQ(path[2].to, 7);
  NetworkQuery q;
  q.around = 8;
  q.depth = 1;
  Network n = BuildNetwork(f.g, q);
  EXPECT_EQ(n.nodes.size(), 2u);
  q.depth = 2;  // + Jund al-Aqsa through the Islamic State
  EXPECT_EQ(BuildNetwork(f.g, q).nodes.size(), 3u);
  q.depth = 3;
  EXPECT_GT(BuildNetwork(f.g, q).nodes.size(), 3u);
  auto t = Timeline(f.g, 1);
  ASSERT_FALSE(t.empty());
  for (size_t i = 1; i < t.size(); ++i) {
    if (t[i].date.empty()) continue;
    EXPECT_LE(t[i - 1].date.substr(0, 4), t[i].date.substr(0, 4));
  }
}

}  // namespace
}  // namespace orbat::graph
