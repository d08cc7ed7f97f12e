#include "lexicon/lexicon.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "text/segment.h"

namespace orbat {
namespace {

std::vector<Token> Tok(const std::string& s) { return Tokenize(s, 0, s.size()); }

LexEntry Entry(std::string id, std::string name, EntityType type,
               std::vector<std::string> aliases = {}, long population = 0) {
  LexEntry e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = type;
  e.aliases = std::move(aliases);
  e.population = population;
  return e;
}

// The text a match covers.
std::string Covered(const std::string& s, const std::vector<Token>& t, const LexMatch& m) {
  return s.substr(t[m.first].begin, t[m.last - 1].end - t[m.first].begin);
}

class SmallLexiconTest : public ::testing::Test {
 protected:
  void SetUp() override {
    nusra_ = lex_.Add(Entry("t:1", "al-Nusra Front", EntityType::kGroup,
                            {"Jabhat al-Nusra", "Nusra Front", "JN"}));
    ahrar_ = lex_.Add(Entry("t:2", "Ahrar al-Sham", EntityType::kGroup,
                            {"Harakat Ahrar al-Sham al-Islamiyya"}));
    is_ = lex_.Add(Entry("t:3", "Islamic State", EntityType::kGroup,
                         {"IS", "ISIS", "ISIL", "Daesh",
                          "Islamic State of Iraq and the Levant"}));
    LexEntry syria = Entry("t:4", "Syria", EntityType::kState, {"Syrian Arab Republic", "SYR"});
    syria.demonyms = {"Syrian"};
    syria_ = lex_.Add(std::move(syria));
    aleppo_city_ = lex_.Add(Entry("t:5", "Aleppo", EntityType::kPlace, {"Halab"}, 1602264));
    aleppo_gov_ = lex_.Add(Entry("t:6", "Aleppo Governorate", EntityType::kPlace, {"Aleppo"}));
    jaysh_ = lex_.Add(Entry("t:7", "Jaysh al-Ummah", EntityType::kGroup, {"جيش الأمة"}));
  }
  Lexicon lex_;
  uint32_t nusra_ = 0, ahrar_ = 0, is_ = 0, syria_ = 0, aleppo_city_ = 0, aleppo_gov_ = 0,
           jaysh_ = 0;
};

TEST_F(SmallLexiconTest, TwoGroupsInOneSentence) {
  std::string s = "clashes between Jabhat al-Nusra and Ahrar ash-Sham";
  auto t = Tok(s);
  auto m = lex_.Match(t);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(Covered(s, t, m[0]), "Jabhat al-Nusra");
  EXPECT_EQ(m[0].entries, std::vector<uint32_t>{nusra_});
  EXPECT_EQ(Covered(s, t, m[1]), "Ahrar ash-Sham");
  EXPECT_EQ(m[1].entries, std::vector<uint32_t>{ahrar_});
}

TEST_F(SmallLexiconTest, LeadingArticleIsPartOfTheMatch) {
  std::string s = "fighters of the al-Nusra Front left";
  auto t = Tok(s);
  auto m = lex_.Match(t);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(Covered(s, t, m[0]), "al-Nusra Front");
}

TEST_F(SmallLexiconTest, LeadingTheIsNot) {
  std::string s = "The Islamic State of Iraq and the Levant claimed it";
  auto t = Tok(s);
  auto m = lex_.Match(t);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].first, 1u);
  EXPECT_EQ(Covered(s, t, m[0]), "Islamic State of Iraq and the Levant");
  EXPECT_EQ(m[0].entries[0], is_);
}

TEST_F(SmallLexiconTest, AcronymsMatchOnlyCapitals) {
  EXPECT_TRUE(lex_.Match(Tok("this is what it is")).empty());
  EXPECT_TRUE(lex_.Match(Tok("Is it true?")).empty());
  auto m = lex_.Match(Tok("IS fighters and ISIS supporters"));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].entries[0], is_);
  EXPECT_EQ(m[1].entries[0], is_);
}

TEST_F(SmallLexiconTest, LowerCaseProseIsNotAName) {
  EXPECT_TRUE(lex_.Match(Tok("they wanted an islamic state")).empty());
  EXPECT_TRUE(lex_.Match(Tok("daesh")).empty());  // one-word aliases need a capital
  EXPECT_EQ(lex_.Match(Tok("Daesh")).size(), 1u);
}

TEST_F(SmallLexiconTest, AllNamesOfOneGroupResolveToIt) {
  for (const char* n : {"ISIS", "ISIL", "Daesh", "Islamic State of Iraq and the Levant",
                        "the Islamic State", "IS"}) {
    auto ids = lex_.Lookup(n);
    ASSERT_FALSE(ids.empty()) << n;
    EXPECT_EQ(ids[0], is_) << n;
  }
  EXPECT_TRUE(lex_.Lookup("Islamic Front").empty());
}

TEST_F(SmallLexiconTest, ArticleAndSpellingOfArticleIgnored) {
  EXPECT_EQ(lex_.Lookup("Jabhat Nusra"), std::vector<uint32_t>{nusra_});
  EXPECT_EQ(lex_.Lookup("Ahrar as-Sham"), std::vector<uint32_t>{ahrar_});
  EXPECT_EQ(lex_.Lookup("Ahrar el-Sham"), std::vector<uint32_t>{ahrar_});
}

TEST_F(SmallLexiconTest, ArabicScript) {
  std::string s = "أعلن جيش الأمة مسؤوليته";
  auto t = Tok(s);
  auto m = lex_.Match(t);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].entries, std::vector<uint32_t>{jaysh_});
  EXPECT_EQ(lex_.Lookup("جيش الامة"), std::vector<uint32_t>{jaysh_});  // hamza folded
}

TEST_F(SmallLexiconTest, CandidatesOrderedByTypeThenPopulation) {
  auto ids = lex_.Lookup("Aleppo");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], aleppo_city_);  // named so and the larger population
  EXPECT_EQ(ids[1], aleppo_gov_);

  Lexicon l;
  uint32_t place = l.Add(Entry("p", "Hamas", EntityType::kPlace, {}, 5000));
  uint32_t state = l.Add(Entry("s", "Hamas Land", EntityType::kState, {"Hamas"}));
  uint32_t group = l.Add(Entry("g", "Harakat al-Muqawama", EntityType::kGroup, {"Hamas"}));
  EXPECT_EQ(l.Lookup("Hamas"), (std::vector<uint32_t>{group, state, place}));
}

TEST_F(SmallLexiconTest, LongestMatchWins) {
  std::string s = "the Aleppo Governorate council";
  auto t = Tok(s);
  auto m = lex_.Match(t);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(Covered(s, t, m[0]), "Aleppo Governorate");
  EXPECT_EQ(m[0].entries, std::vector<uint32_t>{aleppo_gov_});
}

TEST_F(SmallLexiconTest, Demonyms) {
  EXPECT_EQ(lex_.LookupDemonym("Syrian"), std::optional<uint32_t>(syria_));
  EXPECT_EQ(lex_.LookupDemonym("Syrians"), std::optional<uint32_t>(syria_));
  EXPECT_EQ(lex_.LookupDemonym("Iraqi"), std::nullopt);
}

TEST(EntityTypeTest, NamesRoundTrip) {
  for (EntityType t : {EntityType::kGroup, EntityType::kState, EntityType::kPerson,
                       EntityType::kPlace, EntityType::kMedia, EntityType::kOther}) {
    EXPECT_EQ(ParseEntityType(EntityTypeName(t)), std::optional<EntityType>(t));
  }
  EXPECT_EQ(ParseEntityType("army"), std::nullopt);
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("orbat-lex-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(path_ / name) << text;
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

const char* kHeader = "id\tname\ttype\taliases\tcountry\tkind\tpopulation\tdemonyms\n";

TEST(LexiconLoadTest, ReadsTsvAndLocalRowsExtendEntries) {
  TempDir d;
  d.Write("groups.tsv", std::string("# comment\n") + kHeader +
                            "g:1\tJund al-Aqsa\tgroup\tSoldiers of al-Aqsa|JAA\tSY\t\t\t\n");
  d.Write("states.tsv", std::string(kHeader) + "iso:SY\tSyria\tstate\tSYR\tSY\tstate\t\tSyrian\n");
  d.Write("places.tsv", std::string(kHeader) + "geo:1\tIdlib\tplace\t\tSY\tcity\t165000\t\n");
  // local.tsv sorts before places.tsv and states.tsv but is read last.
  d.Write("local.tsv", std::string(kHeader) + "iso:SY\tSyria\tstate\tSyrian government\t\t\t\t\n" +
                           "local:1\tLiwa al-Test\tgroup\t\t\t\t\t\n");
  auto lex = Lexicon::Load(d.path());
  ASSERT_TRUE(lex.ok()) << lex.error().ToString();
  EXPECT_EQ(lex->size(), 4u);  // the local iso:SY row extends the state
  auto ids = lex->Lookup("Soldiers of Aqsa");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(lex->entry(ids[0]).id, "g:1");
  EXPECT_EQ(lex->entry(ids[0]).country, "SY");
  ids = lex->Lookup("Syrian government");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(lex->entry(ids[0]).id, "iso:SY");
  EXPECT_EQ(lex->entry(lex->Lookup("Idlib")[0]).population, 165000);
  ASSERT_TRUE(lex->LookupDemonym("Syrian").has_value());
}

TEST(LexiconLoadTest, MalformedLineNamesFileAndLine) {
  TempDir d;
  d.Write("groups.tsv", std::string(kHeader) + "g:1\tHamas\tgroup\t\t\t\t\t\n" +
                            "g:2\tBad Row\tarmy\t\t\t\t\t\n");
  auto lex = Lexicon::Load(d.path());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.error().file.find("groups.tsv"), std::string::npos);
  EXPECT_EQ(lex.error().line, 3);

  TempDir d2;
  d2.Write("places.tsv", std::string(kHeader) + "geo:1\tIdlib\n");
  auto lex2 = Lexicon::Load(d2.path());
  ASSERT_FALSE(lex2.ok());
  EXPECT_EQ(lex2.error().line, 2);

  EXPECT_FALSE(Lexicon::Load("/nonexistent/orbat/lexicon").ok());
}

// ---- The real data files ----------------------------------------------------------

std::string DataDir() {
#ifdef ORBAT_SOURCE_DATA_DIR
  return std::string(ORBAT_SOURCE_DATA_DIR) + "/lexicon";
#else
  return "data/lexicon";
#endif
}

class RealLexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(DataDir() + "/groups.tsv")) return;
    auto start = std::chrono::steady_clock::now();
    auto r = Lexicon::Load(DataDir());
    load_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                   .count();
    if (!r.ok()) {
      error_ = r.error().ToString();
      return;
    }
    lex_ = new Lexicon(std::move(*r));
  }
  static void TearDownTestSuite() {
    delete lex_;
    lex_ = nullptr;
  }
  void SetUp() override {
    if (!std::filesystem::exists(DataDir() + "/groups.tsv")) GTEST_SKIP() << "no data/lexicon";
    ASSERT_TRUE(lex_ != nullptr) << error_;
  }
  // The first candidate of a name, or nullptr.
  const LexEntry* First(const std::string& name) {
    auto ids = lex_->Lookup(name);
    return ids.empty() ? nullptr : &lex_->entry(ids[0]);
  }
  static inline Lexicon* lex_ = nullptr;
  static inline std::string error_;
  static inline double load_ms_ = 0;
};

TEST_F(RealLexiconTest, LoadsEveryFile) {
  EXPECT_GT(lex_->size(), 20000u);
  std::printf("lexicon: %zu entries loaded in %.0f ms\n", lex_->size(), load_ms_);
}

TEST_F(RealLexiconTest, IslamicStateNamesResolveToOneGroup) {
  const LexEntry* is = First("Islamic State");
  ASSERT_NE(is, nullptr);
  EXPECT_EQ(is->type, EntityType::kGroup);
  for (const char* n : {"ISIS", "ISIL", "Daesh", "Islamic State of Iraq and the Levant",
                        "Islamic State of Iraq and Syria", "IS"}) {
    const LexEntry* e = First(n);
    ASSERT_NE(e, nullptr) << n;
    EXPECT_EQ(e->id, is->id) << n;
  }
}

TEST_F(RealLexiconTest, TwoGroupsInASentence) {
  std::string s = "clashes between Jabhat al-Nusra and Ahrar ash-Sham in Idlib";
  auto t = Tok(s);
  auto m = lex_->Match(t);
  ASSERT_GE(m.size(), 3u);
  EXPECT_EQ(Covered(s, t, m[0]), "Jabhat al-Nusra");
  EXPECT_EQ(lex_->entry(m[0].entries[0]).type, EntityType::kGroup);
  EXPECT_EQ(Covered(s, t, m[1]), "Ahrar ash-Sham");
  EXPECT_EQ(lex_->entry(m[1].entries[0]).type, EntityType::kGroup);
  EXPECT_NE(m[0].entries[0], m[1].entries[0]);
  EXPECT_EQ(Covered(s, t, m[2]), "Idlib");
  EXPECT_EQ(lex_->entry(m[2].entries[0]).type, EntityType::kPlace);
}

TEST_F(RealLexiconTest, LowerCaseIsIsNothing) {
  for (const auto& m : lex_->Match(Tok("It is what it is, and so is this."))) {
    ADD_FAILURE() << "unexpected match of " << lex_->entry(m.entries[0]).name;
  }
}

TEST_F(RealLexiconTest, ArabicNamesFromTheUnList) {
  const LexEntry* aq = First("القاعدة");
  ASSERT_NE(aq, nullptr);
  EXPECT_EQ(aq->id, First("al-Qaeda")->id);
  const LexEntry* asbat = First("عصبة الأنصار");
  ASSERT_NE(asbat, nullptr);
  EXPECT_EQ(asbat->id, First("Asbat al-Ansar")->id);
  const LexEntry* nusra = First("جبهة النصرة");
  ASSERT_NE(nusra, nullptr);
  EXPECT_EQ(nusra->id, First("Jabhat al-Nusra")->id);
}

TEST_F(RealLexiconTest, StatesAndDemonyms) {
  auto syria = lex_->LookupDemonym("Syrian");
  ASSERT_TRUE(syria.has_value());
  EXPECT_EQ(lex_->entry(*syria).name, "Syria");
  EXPECT_EQ(lex_->entry(*syria).type, EntityType::kState);
  for (const char* d : {"Israeli", "Iranian", "American", "Pakistani", "Yemeni", "Lebanese",
                        "Somali", "Malian", "French", "Turkish", "Iraqi"}) {
    EXPECT_TRUE(lex_->LookupDemonym(d).has_value()) << d;
  }
  for (auto [alias, name] : std::vector<std::pair<const char*, const char*>>{
           {"USA", "United States"}, {"U.S.", "United States"}, {"UAE", "United Arab Emirates"},
           {"ISR", "Israel"}, {"IRN", "Iran"}, {"RUS", "Russia"},
           {"Islamic Republic of Iran", "Iran"}, {"Russian Federation", "Russia"}}) {
    const LexEntry* e = First(alias);
    ASSERT_NE(e, nullptr) << alias;
    EXPECT_EQ(e->name, name) << alias;
  }
}

TEST_F(RealLexiconTest, Places) {
  const LexEntry* idlib = First("Idlib Governorate");
  ASSERT_NE(idlib, nullptr);
  EXPECT_EQ(idlib->type, EntityType::kPlace);
  EXPECT_EQ(idlib->country, "SY");
  const LexEntry* aleppo = First("Aleppo");
  ASSERT_NE(aleppo, nullptr);
  EXPECT_EQ(aleppo->type, EntityType::kPlace);
  EXPECT_EQ(aleppo->kind, "city");
  const LexEntry* gaza = First("Gaza Strip");
  ASSERT_NE(gaza, nullptr);
  EXPECT_EQ(gaza->type, EntityType::kPlace);
}

}  // namespace
}  // namespace orbat
