// Tests of the per-document entity table (extract/entities.h) over a tiny lexicon
// built in memory: how mentions resolve to entities, when short forms and declared
// aliases join an entity and when they must not, and the name the entity is printed
// under.
#include "extract/entities.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lexicon/lexicon.h"

namespace orbat {
namespace {

LexEntry Entry(std::string id, std::string name, EntityType type,
               std::vector<std::string> aliases = {}) {
  LexEntry e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = type;
  e.aliases = std::move(aliases);
  return e;
}

class EntityTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    jaa_ = lex_.Add(Entry("t:jaa", "Jund al-Aqsa", EntityType::kGroup, {"Sarayat al-Quds", "JAA"}));
    prc_ = lex_.Add(Entry("t:prc", "Popular Resistance Committees", EntityType::kGroup, {"PRC"}));
    hamas_ = lex_.Add(Entry("t:hamas", "Hamas", EntityType::kGroup, {"Harakat al-Muqawama al-Islamiya"}));
    fatah_ = lex_.Add(Entry("t:fatah", "Fatah", EntityType::kGroup));
    ttp_ = lex_.Add(Entry("t:ttp", "Tehrik-i-Taliban Pakistan", EntityType::kGroup));
    ttp_acronym_ = lex_.Add(Entry("t:ttp2", "TTP", EntityType::kGroup));
    zenki_ = lex_.Add(Entry("t:zenki", "Nour al-Din Zenki", EntityType::kGroup,
                            {"Nour al-Din al-Zenki Movement"}));
    syria_ = lex_.Add(Entry("t:sy", "Syria", EntityType::kState));
  }

  const std::vector<std::string>& Written(const EntityTable& t, int e) { return t[t.Root(e)].written; }
  static bool Contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }

  Lexicon lex_;
  uint32_t jaa_, prc_, hamas_, fatah_, ttp_, ttp_acronym_, zenki_, syria_;
};

// ---------------------------------------------------------------- lexicon entries

TEST_F(EntityTableTest, SameLexiconEntryIsOneEntity) {
  EntityTable t(lex_);
  int a = t.FromLexicon(jaa_, "Jund al-Aqsa", 10);
  int b = t.FromLexicon(jaa_, "Sarayat al-Quds", 200);
  int c = t.FromLexicon(jaa_, "Jund al-Aqsa", 300);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
  EXPECT_EQ(t[a].name, "Jund al-Aqsa");
  EXPECT_EQ(t[a].lexicon_id, "t:jaa");
  EXPECT_EQ(t[a].type, EntityType::kGroup);
  EXPECT_EQ(t[a].mentions, 3);
  EXPECT_EQ(t[a].first_offset, 10u);
  EXPECT_TRUE(Contains(t[a].written, "Jund al-Aqsa"));
  EXPECT_TRUE(Contains(t[a].written, "Sarayat al-Quds"));
  EXPECT_EQ(t[a].written.size(), 2u);  // each form once
}

TEST_F(EntityTableTest, DifferentLexiconEntriesAreDifferentEntities) {
  EntityTable t(lex_);
  int a = t.FromLexicon(hamas_, "Hamas", 0);
  int b = t.FromLexicon(fatah_, "Fatah", 10);
  int c = t.FromLexicon(syria_, "Syria", 20);
  EXPECT_NE(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(b, c);
  EXPECT_EQ(t[c].type, EntityType::kState);
}

TEST_F(EntityTableTest, FindByAnyFormWithoutCreating) {
  EntityTable t(lex_);
  int a = t.FromLexicon(hamas_, "Hamas", 0);
  int before = t.size();
  EXPECT_EQ(t.Find("Hamas"), a);
  EXPECT_EQ(t.Find("hamas"), a);
  EXPECT_EQ(t.Find("Fatah"), std::nullopt);
  EXPECT_EQ(t.size(), before);
}

// ---------------------------------------------------------------- names found by shape

TEST_F(EntityTableTest, ShapeNamesWithTheSameKeyJoin) {
  EntityTable t(lex_);
  int a = t.FromShape("Jaysh al-Ummah", EntityType::kGroup, 0);
  int b = t.FromShape("Jaysh Ummah", EntityType::kGroup, 50);    // article dropped
  int c = t.FromShape("JAYSH AL UMMAH", EntityType::kGroup, 90);  // case, hyphen
  int d = t.FromShape("Jaysh al-Umma", EntityType::kGroup, 120);  // another name
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
  EXPECT_NE(a, d);
  EXPECT_EQ(t[a].name, "Jaysh al-Ummah");
  EXPECT_EQ(t[a].mentions, 3);
  EXPECT_TRUE(t[a].lexicon_id.empty());
}

TEST_F(EntityTableTest, ShapeNameOfALexiconEntityJoinsIt) {
  EntityTable t(lex_);
  int a = t.FromLexicon(jaa_, "Jund al-Aqsa", 0);
  EXPECT_EQ(t.FromShape("Jund al Aqsa", EntityType::kGroup, 40), a);
}

TEST_F(EntityTableTest, DistinctiveWordJoinsTheEntityWhoseNameHasIt) {
  EntityTable t(lex_);
  int movement = t.FromShape("Nour al-Din al-Zenki Movement", EntityType::kGroup, 0);
  EXPECT_EQ(t.FromShape("Zenki", EntityType::kGroup, 100), movement);
  EXPECT_EQ(t.FindByWord("Zenki", EntityType::kGroup), movement);
  // Persons the same way: "Dughmush" is Mumtaz Dughmush.
  int person = t.FromShape("Mumtaz Dughmush", EntityType::kPerson, 200);
  EXPECT_EQ(t.FromShape("Dughmush", EntityType::kPerson, 300), person);
}

TEST_F(EntityTableTest, DistinctiveWordJoinsALexiconEntity) {
  EntityTable t(lex_);
  int zenki = t.FromLexicon(zenki_, "Nour al-Din al-Zenki Movement", 0);
  EXPECT_EQ(t.FromShape("Zenki", EntityType::kGroup, 100), zenki);
}

TEST_F(EntityTableTest, GenericWordDoesNotJoin) {
  EntityTable t(lex_);
  int fsa = t.FromShape("Free Syrian Army", EntityType::kGroup, 0);
  int islamic = t.FromShape("Islamic Front", EntityType::kGroup, 20);
  int army = t.FromShape("Army", EntityType::kGroup, 100);
  EXPECT_NE(army, fsa);
  EXPECT_FALSE(t.FindByWord("Army", EntityType::kGroup).has_value());
  EXPECT_FALSE(t.FindByWord("Front", EntityType::kGroup).has_value());
  EXPECT_FALSE(t.FindByWord("Islamic", EntityType::kGroup).has_value());
  EXPECT_NE(t.FromShape("Front", EntityType::kGroup, 120), islamic);
}

TEST_F(EntityTableTest, WordOfAnotherTypeDoesNotJoin) {
  EntityTable t(lex_);
  int group = t.FromShape("Nour al-Din al-Zenki Movement", EntityType::kGroup, 0);
  EXPECT_NE(t.FromShape("Zenki", EntityType::kPerson, 100), group);
  EXPECT_FALSE(t.FindByWord("Zenki", EntityType::kPlace).has_value());
}

TEST_F(EntityTableTest, SeveralWordsAreNotAWordMatch) {
  EntityTable t(lex_);
  int movement = t.FromShape("Nour al-Din al-Zenki Movement", EntityType::kGroup, 0);
  // FindByWord is about one word; a name of several is a different entity.
  EXPECT_FALSE(t.FindByWord("Zenki Brigade", EntityType::kGroup).has_value());
  EXPECT_NE(t.FromShape("Zenki Brigade", EntityType::kGroup, 50), movement);
}

// ---------------------------------------------------------------- declared aliases

TEST_F(EntityTableTest, DeclareMergesAShapeOnlyEntity) {
  EntityTable t(lex_);
  int prc = t.FromLexicon(prc_, "Popular Resistance Committees", 0);
  // The Arabic romanization was found by shape first, even mistyped as a person.
  int lijan = t.FromShape("Lijan al-Muqawama", EntityType::kPerson, 40);
  ASSERT_NE(t.Root(lijan), t.Root(prc));
  t.Declare(prc, "Lijan al-Muqawama");
  EXPECT_EQ(t.Root(lijan), t.Root(prc));
  EXPECT_TRUE(t.merged(lijan));
  EXPECT_FALSE(t.merged(prc));
  EXPECT_TRUE(Contains(Written(t, prc), "Lijan al-Muqawama"));
  EXPECT_TRUE(Contains(t[prc].declared, "Lijan al-Muqawama"));
  // The survivor keeps the lexicon identity.
  EXPECT_EQ(t[t.Root(prc)].lexicon_id, "t:prc");
  EXPECT_EQ(t.Find("Lijan al-Muqawama"), t.Root(prc));
}

TEST_F(EntityTableTest, DeclareMergesTheLexiconEntryOfAnAcronym) {
  EntityTable t(lex_);
  int full = t.FromLexicon(ttp_, "Tehrik-i-Taliban Pakistan", 0);
  int acronym = t.FromLexicon(ttp_acronym_, "TTP", 30);
  ASSERT_NE(full, acronym);
  t.Declare(full, "TTP");
  EXPECT_EQ(t.Root(acronym), t.Root(full));
  // Later mentions of the acronym resolve to the merged entity.
  EXPECT_EQ(t.Root(t.FromLexicon(ttp_acronym_, "TTP", 90)), t.Root(full));
}

TEST_F(EntityTableTest, DeclareNeverMergesTwoKnownGroups) {
  EntityTable t(lex_);
  int hamas = t.FromLexicon(hamas_, "Hamas", 0);
  int fatah = t.FromLexicon(fatah_, "Fatah", 20);
  t.Declare(hamas, "Fatah");  // a wrong declaration must not fuse two known groups
  EXPECT_NE(t.Root(hamas), t.Root(fatah));
  EXPECT_FALSE(t.merged(hamas));
  EXPECT_FALSE(t.merged(fatah));
  EXPECT_EQ(t[fatah].lexicon_id, "t:fatah");
  EXPECT_EQ(t[hamas].lexicon_id, "t:hamas");
}

TEST_F(EntityTableTest, DeclareOfANewNameIsRemembered) {
  EntityTable t(lex_);
  int jaa = t.FromLexicon(jaa_, "Jund al-Aqsa", 0);
  t.Declare(jaa, "Soldiers of al-Aqsa");
  EXPECT_TRUE(Contains(t[jaa].declared, "Soldiers of al-Aqsa"));
  EXPECT_EQ(t.Find("Soldiers of al-Aqsa"), jaa);
  // A later mention of the declared name found by shape joins the entity.
  EXPECT_EQ(t.Root(t.FromShape("Soldiers of al-Aqsa", EntityType::kGroup, 80)), jaa);
  // Declaring the same name twice records it once.
  t.Declare(jaa, "Soldiers of al-Aqsa");
  EXPECT_EQ(std::count(t[jaa].declared.begin(), t[jaa].declared.end(), "Soldiers of al-Aqsa"), 1);
}

// ---------------------------------------------------------------- display name

TEST_F(EntityTableTest, DisplayNamePrefersAFullFormOverAnAcronym) {
  EntityTable t(lex_);
  int e = t.FromLexicon(prc_, "PRC", 0);
  t.FromLexicon(prc_, "PRC", 10);
  t.FromLexicon(prc_, "PRC", 20);
  t.FromLexicon(prc_, "Popular Resistance Committees", 30);
  EXPECT_EQ(t.DisplayName(e), "Popular Resistance Committees");
}

// A group the text names only by an acronym prints as that acronym (entities.h): the
// reader saw "PRC", not the lexicon's canonical name.
TEST_F(EntityTableTest, DisplayNameWhenOnlyAnAcronymWasWritten) {
  EntityTable t(lex_);
  int e = t.FromLexicon(prc_, "PRC", 0);
  t.FromLexicon(prc_, "PRC", 10);
  EXPECT_EQ(t.DisplayName(e), "PRC");
}

TEST_F(EntityTableTest, DisplayNameDropsASentenceInitialArticle) {
  EntityTable t(lex_);
  int e = t.FromLexicon(prc_, "The Popular Resistance Committees", 0);
  EXPECT_EQ(t.DisplayName(e), "Popular Resistance Committees");
}

TEST_F(EntityTableTest, DisplayNameFollowsTheText) {
  // The text introduces the group under its full name and uses it most: that form
  // is printed, not the lexicon's canonical "Nour al-Din Zenki".
  EntityTable t(lex_);
  int e = t.FromLexicon(zenki_, "Nour al-Din al-Zenki Movement", 0);
  t.FromLexicon(zenki_, "Nour al-Din al-Zenki Movement", 100);
  t.FromLexicon(zenki_, "Nour al-Din Zenki", 200);
  EXPECT_EQ(t.DisplayName(e), "Nour al-Din al-Zenki Movement");
}

TEST_F(EntityTableTest, DisplayNameOfAShapeEntity) {
  EntityTable t(lex_);
  int e = t.FromShape("Jaysh al-Ummah", EntityType::kGroup, 0);
  t.FromShape("Jaysh al-Ummah", EntityType::kGroup, 30);
  EXPECT_EQ(t.DisplayName(e), "Jaysh al-Ummah");
}

// ---------------------------------------------------------------- IsAcronymOf

TEST(IsAcronymOf, Initials) {
  EXPECT_TRUE(IsAcronymOf("PRC", "Popular Resistance Committees"));
  EXPECT_TRUE(IsAcronymOf("AAH", "Asa'ib Ahl al-Haq"));
  EXPECT_TRUE(IsAcronymOf("AQAP", "al-Qaeda in the Arabian Peninsula"));
  EXPECT_TRUE(IsAcronymOf("TTP", "Tehrik-i-Taliban Pakistan"));
  EXPECT_TRUE(IsAcronymOf("HTS", "Hay'at Tahrir al-Sham"));
  EXPECT_TRUE(IsAcronymOf("JAA", "Jund al-Aqsa"));
}

TEST(IsAcronymOf, NotAcronyms) {
  EXPECT_FALSE(IsAcronymOf("PRC", "Hamas"));
  EXPECT_FALSE(IsAcronymOf("CRP", "Popular Resistance Committees"));  // order matters
  EXPECT_FALSE(IsAcronymOf("PRCX", "Popular Resistance Committees"));  // a letter too many
  EXPECT_FALSE(IsAcronymOf("prc", "Popular Resistance Committees"));   // not in capitals
  EXPECT_FALSE(IsAcronymOf("Prc", "Popular Resistance Committees"));
  EXPECT_FALSE(IsAcronymOf("P", "Popular Resistance Committees"));     // too short
  EXPECT_FALSE(IsAcronymOf("", "Popular Resistance Committees"));
  EXPECT_FALSE(IsAcronymOf("ABCDEFGHI", "A B C D E F G H I"));         // too long
  EXPECT_FALSE(IsAcronymOf("PRC", ""));
}

}  // namespace
}  // namespace orbat
