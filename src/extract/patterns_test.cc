// Tests of the trigger-pattern engine (extract/patterns.h): macro expansion, loading
// rule files (errors name file and line) and matching over hand-written abstract
// sentences. The rules here are written by the test, so the expectations follow from
// the documented syntax alone and not from the current contents of data/patterns/.
#include "extract/patterns.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <re2/re2.h>

namespace orbat {
namespace {

namespace fs = std::filesystem;

// True when the expansion of `pattern` matches the whole of `text`.
bool ExpandedMatches(const std::string& pattern, const std::string& text) {
  RE2 re(PatternSet::Expand(pattern));
  EXPECT_TRUE(re.ok()) << pattern << " -> " << PatternSet::Expand(pattern) << ": " << re.error();
  return RE2::FullMatch(text, re);
}

// The named group `name` of the expansion when it matches the whole of `text`.
std::string Captured(const std::string& pattern, const std::string& text, const std::string& name) {
  RE2 re(PatternSet::Expand(pattern));
  if (!re.ok()) return "<bad regex>";
  auto names = re.NamedCapturingGroups();
  if (!names.count(name)) return "<no group " + name + ">";
  int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(n);
  if (!re.Match(text, 0, text.size(), RE2::ANCHOR_BOTH, groups.data(), n)) return "<no match>";
  const re2::StringPiece& g = groups[names.at(name)];
  return g.data() ? std::string(g) : "<unset>";
}

bool HasGroup(const std::string& pattern, const std::string& name) {
  RE2 re(PatternSet::Expand(pattern));
  return re.ok() && re.NamedCapturingGroups().count(name) > 0;
}

// ---------------------------------------------------------------- Expand

TEST(PatternExpand, SubjectAndObjectSlotsDefaultToGroupsAndStates) {
  EXPECT_TRUE(HasGroup("{S}", "s"));
  EXPECT_TRUE(HasGroup("{O}", "o"));
  EXPECT_TRUE(ExpandedMatches("{S}", "<g1>"));
  EXPECT_TRUE(ExpandedMatches("{S}", "<s12>"));
  EXPECT_TRUE(ExpandedMatches("{O}", "<g3_s9_g10>"));  // a list is one slot
  EXPECT_FALSE(ExpandedMatches("{S}", "<p3>"));
  EXPECT_FALSE(ExpandedMatches("{O}", "<h4>"));
  EXPECT_FALSE(ExpandedMatches("{O}", "g1"));
  EXPECT_FALSE(ExpandedMatches("{O}", "<g1> <g2>"));  // one slot, not two
  EXPECT_EQ(Captured("{S} joined {O}", "<g1_g2> joined <s7>", "s"), "<g1_g2>");
  EXPECT_EQ(Captured("{S} joined {O}", "<g1_g2> joined <s7>", "o"), "<s7>");
}

TEST(PatternExpand, TypedSlots) {
  EXPECT_TRUE(ExpandedMatches("{O:p}", "<p3>"));
  EXPECT_TRUE(ExpandedMatches("{O:p}", "<p3_p4>"));
  EXPECT_FALSE(ExpandedMatches("{O:p}", "<g3>"));
  EXPECT_FALSE(ExpandedMatches("{O:p}", "<s3>"));
  EXPECT_TRUE(ExpandedMatches("{S:g}", "<g1>"));
  EXPECT_FALSE(ExpandedMatches("{S:g}", "<s1>"));
  EXPECT_TRUE(ExpandedMatches("{O:ps}", "<s2>"));
  EXPECT_TRUE(ExpandedMatches("{O:ps}", "<p2>"));
  EXPECT_FALSE(ExpandedMatches("{O:ps}", "<g2>"));
  for (const char* any : {"<g1>", "<s1>", "<p1>", "<h1>", "<m1>", "<o1>"})
    EXPECT_TRUE(ExpandedMatches("{O:*}", any)) << any;
  EXPECT_TRUE(ExpandedMatches("{O:d}", "<d0>"));
  EXPECT_TRUE(ExpandedMatches("{O:n}", "<n2>"));
  EXPECT_TRUE(ExpandedMatches("{O:i}", "<i1>"));
  EXPECT_FALSE(ExpandedMatches("{O:d}", "<n0>"));
  EXPECT_EQ(Captured("{O:h}", "<h15>", "o"), "<h15>");
}

TEST(PatternExpand, UncapturedSlotAndDateAndQuantity) {
  EXPECT_FALSE(HasGroup("{E}", "s"));
  EXPECT_FALSE(HasGroup("{E}", "o"));
  EXPECT_TRUE(ExpandedMatches("{E}", "<g1>"));
  EXPECT_TRUE(ExpandedMatches("{E:p}", "<p1>"));
  EXPECT_FALSE(ExpandedMatches("{E:p}", "<g1>"));
  EXPECT_TRUE(ExpandedMatches("{D}", "<d3>"));
  EXPECT_FALSE(ExpandedMatches("{D}", "<g3>"));
  EXPECT_EQ(Captured("{N}", "<n4>", "n"), "<n4>");
}

TEST(PatternExpand, GapTakesUpToNPlainWords) {
  // {GAP2}: zero to two words, each followed by its space; never an entity slot.
  EXPECT_TRUE(ExpandedMatches("a {GAP2}b", "a b"));
  EXPECT_TRUE(ExpandedMatches("a {GAP2}b", "a x b"));
  EXPECT_TRUE(ExpandedMatches("a {GAP2}b", "a x y b"));
  EXPECT_FALSE(ExpandedMatches("a {GAP2}b", "a x y z b"));
  EXPECT_FALSE(ExpandedMatches("a {GAP2}b", "a <g1> b"));
  // {GAP}: up to four.
  EXPECT_TRUE(ExpandedMatches("a {GAP}b", "a w x y z b"));
  EXPECT_FALSE(ExpandedMatches("a {GAP}b", "a v w x y z b"));
  EXPECT_TRUE(ExpandedMatches("a {GAP8}b", "a 1 2 3 4 5 6 7 8 b"));
  EXPECT_FALSE(ExpandedMatches("a {GAP8}b", "a 1 2 3 4 5 6 7 8 9 b"));
}

TEST(PatternExpand, AuxiliariesAndAdverbs) {
  EXPECT_TRUE(ExpandedMatches("{S} {AUX}joined {O}", "<g1> joined <g2>"));
  EXPECT_TRUE(ExpandedMatches("{S} {AUX}joined {O}", "<g1> has joined <g2>"));
  EXPECT_TRUE(ExpandedMatches("{S} {AUX}joined {O}", "<g1> had also reportedly joined <g2>"));
  EXPECT_TRUE(ExpandedMatches("{S} {AUX}joined {O}", "<g1> was later formally joined <g2>"));
  // Only auxiliaries and adverbs: an ordinary word is not skipped.
  EXPECT_FALSE(ExpandedMatches("{S} {AUX}joined {O}", "<g1> said it joined <g2>"));
  EXPECT_FALSE(ExpandedMatches("{S} {AUX}joined {O}", "<g1> near <p3> joined <g2>"));
}

TEST(PatternExpand, Possessive) {
  const std::string p = "pledged {POSS}allegiance";
  EXPECT_TRUE(ExpandedMatches(p, "pledged allegiance"));
  EXPECT_TRUE(ExpandedMatches(p, "pledged its allegiance"));
  EXPECT_TRUE(ExpandedMatches(p, "pledged their allegiance"));
  EXPECT_TRUE(ExpandedMatches(p, "pledged <g3> 's allegiance"));  // a resolved "its"
  EXPECT_FALSE(ExpandedMatches(p, "pledged <p3> 's allegiance"));  // places own nothing here
  EXPECT_FALSE(ExpandedMatches(p, "pledged full allegiance"));
}

TEST(PatternExpand, Parenthesis) {
  const std::string p = "{S} {PAREN}joined {O}";
  EXPECT_TRUE(ExpandedMatches(p, "<g1> joined <g2>"));
  EXPECT_TRUE(ExpandedMatches(p, "<g1> ( jaa ) joined <g2>"));
  EXPECT_TRUE(ExpandedMatches(p, "<g1> ( also jund al aqsa ) joined <g2>"));
  EXPECT_TRUE(ExpandedMatches(p, "<g1> ( ) joined <g2>"));
  EXPECT_FALSE(ExpandedMatches(p, "<g1> ( jaa joined <g2>"));
}

TEST(PatternExpand, TextValue) {
  const std::string p = "through {T} \\.";
  EXPECT_TRUE(HasGroup(p, "t"));
  EXPECT_EQ(Captured(p, "through bitcoin donations .", "t"), "bitcoin donations");
  EXPECT_EQ(Captured(p, "through zakat .", "t"), "zakat");
  EXPECT_EQ(Captured(p, "through a b c d e f .", "t"), "a b c d e f");  // up to six words
  EXPECT_FALSE(ExpandedMatches(p, "through a b c d e f g ."));
  EXPECT_FALSE(ExpandedMatches(p, "through <s1> ."));  // a slot is not text
}

TEST(PatternExpand, CountedRepetitionIsLeftAlone) {
  EXPECT_EQ(PatternSet::Expand("a{2,3}"), "a{2,3}");
  EXPECT_EQ(PatternSet::Expand("(?:\\S+ ){0,2}?x"), "(?:\\S+ ){0,2}?x");
  EXPECT_EQ(PatternSet::Expand("x{4}"), "x{4}");
  EXPECT_EQ(PatternSet::Expand("x{,3}"), "x{,3}");
  EXPECT_TRUE(ExpandedMatches("{S} (?:\\S+ ){0,2}?won", "<g1> a b won"));
  EXPECT_FALSE(ExpandedMatches("{S} (?:\\S+ ){0,2}?won", "<g1> a b c won"));
}

TEST(PatternExpand, PlainRegexPassesThrough) {
  EXPECT_EQ(PatternSet::Expand("(?:split|broke) from (?:the )?"), "(?:split|broke) from (?:the )?");
  EXPECT_EQ(PatternSet::Expand(""), "");
}

// ---------------------------------------------------------------- Load

class PatternFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("orbat_patterns_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p.string();
  }
  // Loads `content` as one rule file; the error (when loading failed) goes to *error.
  Result<PatternSet> LoadText(const std::string& content, std::string* path = nullptr) {
    std::string p = Write("test.rules", content);
    if (path) *path = p;
    return PatternSet::Load({p});
  }
  // Expects `content` to fail to load at `line` with a message containing `what`.
  void ExpectError(const std::string& content, long line, const std::string& what) {
    std::string path;
    Result<PatternSet> r = LoadText(content, &path);
    ASSERT_FALSE(r.ok()) << content;
    EXPECT_EQ(r.error().file, path);
    EXPECT_EQ(r.error().line, line);
    EXPECT_NE(r.error().message.find(what), std::string::npos) << r.error().message;
    // The printed form names both, as the CLI shows it.
    EXPECT_NE(r.error().ToString().find(path + ":" + std::to_string(line)), std::string::npos)
        << r.error().ToString();
  }

  fs::path dir_;
};

const char kHeader[] = "# a comment\n\n";  // lines 1 and 2: skipped, still counted

TEST_F(PatternFileTest, LoadsRulesSkippingCommentsAndBlankLines) {
  Result<PatternSet> r = LoadText(std::string(kHeader) +
                                  "ally\t-\t{S} allied with {O}\n"
                                  "# another comment\n"
                                  "   \n"
                                  "clash+rival\tpairs\tclashes between {S}\n");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->size(), 2u);
}

TEST_F(PatternFileTest, SeveralFilesAreOneSet) {
  std::string a = Write("a.rules", "ally\t-\t{S} allied with {O}\n");
  std::string b = Write("b.rules", "rival\t-\t{S} opposed {O}\n");
  Result<PatternSet> r = PatternSet::Load({a, b});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->size(), 2u);
  auto matches = r->MatchAll("<g1> opposed <g2> .");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].pattern->file, b);
  EXPECT_EQ(matches[0].pattern->line, 1);
}

TEST_F(PatternFileTest, WrongColumnCount) {
  ExpectError(std::string(kHeader) + "ally\t-\t{S} allied with {O}\nally\t{S} allied with {O}\n", 4,
              "column");
  ExpectError(std::string(kHeader) + "ally\t-\t{S} allied with {O}\textra\n", 3, "column");
}

TEST_F(PatternFileTest, UnknownOption) {
  ExpectError(std::string(kHeader) + "ally\tsometimes\t{S} allied with {O}\n", 3, "sometimes");
  ExpectError(std::string(kHeader) + "ally\tstart hedge=claimed swop\t{S} allied with {O}\n", 3,
              "swop");
}

TEST_F(PatternFileTest, BadRegex) {
  ExpectError(std::string(kHeader) + "ally\t-\t{S} allied with {O}\nally\t-\t{S} (?:allied with {O}\n",
              4, "bad pattern");
  ExpectError(std::string(kHeader) + "ally\t-\t{S} allied with [ {O}\n", 3, "bad pattern");
}

TEST_F(PatternFileTest, MissingObjectSlot) {
  ExpectError(std::string(kHeader) + "ally\t-\t{S} allied with the rebels\n", 3, "object");
  // {S} alone is an object only for a "pairs" rule...
  ExpectError(std::string(kHeader) + "clash\t-\tclashes between {S}\n", 3, "object");
  // ...and an uncaptured slot is no object.
  ExpectError(std::string(kHeader) + "ally\t-\t{S} allied with {E}\n", 3, "object");
  // These are fine: a pairs rule, a text object, an object without subject.
  for (const char* ok : {"clash\tpairs\tclashes between {S}\n", "funding\tnotime\tthrough {T} \\.\n",
                         "ally\t-\tallied with {O}\n"}) {
    Result<PatternSet> r = LoadText(ok);
    EXPECT_TRUE(r.ok()) << ok << ": " << r.error().ToString();
  }
}

TEST_F(PatternFileTest, MissingFileIsAnError) {
  std::string missing = (dir_ / "nope.rules").string();
  Result<PatternSet> r = PatternSet::Load({missing});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().file, missing);
}

TEST_F(PatternFileTest, OptionsAreParsed) {
  Result<PatternSet> r = LoadText(
      "member_of\tend\t{S:g} left {O:g}\n"
      "attack\thedge=claimed conf=0.8\t{S} claimed {O:*}\n"
      "ally+funding\tnotime swap\t{O:g} backed by {S:s}\n"
      "clash+rival\tpairs start\tclashes between {S}\n"
      "ally\t-\tallied with {O}\n");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  auto one = [&](const std::string& abstract) -> const Pattern* {
    auto m = r->MatchAll(abstract);
    EXPECT_EQ(m.size(), 1u) << abstract;
    return m.empty() ? nullptr : m[0].pattern;
  };
  const Pattern* left = one("<g1> left <g2> .");
  ASSERT_NE(left, nullptr);
  EXPECT_EQ(left->time_role, Pattern::TimeRole::kEnd);
  EXPECT_EQ(left->predicates, std::vector<std::string>{"member_of"});
  EXPECT_EQ(left->line, 1);

  const Pattern* claimed = one("<g1> claimed <p2> .");
  ASSERT_NE(claimed, nullptr);
  EXPECT_EQ(claimed->hedge, "claimed");
  EXPECT_DOUBLE_EQ(claimed->confidence, 0.8);
  EXPECT_EQ(claimed->time_role, Pattern::TimeRole::kWhen);  // the default
  EXPECT_FALSE(claimed->swap);

  const Pattern* backed = one("<g1> backed by <s2> .");
  ASSERT_NE(backed, nullptr);
  EXPECT_EQ(backed->predicates, (std::vector<std::string>{"ally", "funding"}));
  EXPECT_EQ(backed->time_role, Pattern::TimeRole::kNone);
  EXPECT_TRUE(backed->swap);

  const Pattern* clashes = one("clashes between <g1_g2> .");
  ASSERT_NE(clashes, nullptr);
  EXPECT_TRUE(clashes->pairs);
  EXPECT_EQ(clashes->time_role, Pattern::TimeRole::kStart);

  const Pattern* allied = one("it allied with <g2> .");
  ASSERT_NE(allied, nullptr);
  EXPECT_TRUE(allied->needs_subject);
  EXPECT_FALSE(left->needs_subject);
}

// ---------------------------------------------------------------- MatchAll

class MatchTest : public PatternFileTest {
 protected:
  void SetUp() override {
    PatternFileTest::SetUp();
    Result<PatternSet> r = LoadText(
        "affiliate_of\tstart\t{S:g} {AUX}(?:pledged|swore) {POSS}(?:allegiance|loyalty) to (?:the )?{O:g}\n"
        "clash+rival\tpairs\t(?:clashes|fighting) between (?:the )?{S}\n"
        "part_of\tswap\t{S:g} 's (?:military |armed )?wing ,? (?:the )?{O:g}\n"
        "ally\t-\t(?:fought|fighting) alongside (?:the )?{O}\n"
        "capture\t-\t{S} {AUX}captured (?:the )?(?:\\S+ ){0,3}?{O:p}\n"
        "funding\tnotime\tfinances? (?:itself|themselves) through {T} \\.\n");
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    set_ = std::make_unique<PatternSet>(std::move(*r));
  }

  std::vector<PatternMatch> Matches(const std::string& abstract, const std::string& predicate) {
    abstract_ = abstract;
    std::vector<PatternMatch> out;
    for (PatternMatch& m : set_->MatchAll(abstract_))
      if (m.pattern->predicates[0] == predicate) out.push_back(std::move(m));
    return out;
  }

  // The slot positions point at the slot texts in the abstract.
  void ExpectPositions(const PatternMatch& m) {
    if (!m.s.empty()) {
      ASSERT_NE(m.s_pos, std::string::npos);
      EXPECT_EQ(abstract_.substr(m.s_pos, m.s.size()), m.s);
    }
    if (!m.o.empty()) {
      ASSERT_NE(m.o_pos, std::string::npos);
      EXPECT_EQ(abstract_.substr(m.o_pos, m.o.size()), m.o);
    }
    EXPECT_LE(m.begin, m.end);
    EXPECT_LE(m.end, abstract_.size());
  }

  std::unique_ptr<PatternSet> set_;
  std::string abstract_;
};

TEST_F(MatchTest, SubjectAndObject) {
  auto m = Matches("<g1> pledged allegiance to <g2> .", "affiliate_of");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].s, "<g1>");
  EXPECT_EQ(m[0].o, "<g2>");
  EXPECT_TRUE(m[0].text.empty());
  ExpectPositions(m[0]);
  EXPECT_EQ(m[0].s_pos, 0u);
  EXPECT_EQ(m[0].o_pos, abstract_.find("<g2>"));
}

TEST_F(MatchTest, MacrosInsideARule) {
  for (const char* a : {"<g1> has reportedly pledged its allegiance to the <g2> .",
                        "on <d0> , <g1> swore loyalty to <g2> .",
                        "<g1> pledged <g1> 's allegiance to <g2>"}) {
    auto m = Matches(a, "affiliate_of");
    ASSERT_EQ(m.size(), 1u) << a;
    EXPECT_EQ(m[0].s, "<g1>") << a;
    EXPECT_EQ(m[0].o, "<g2>") << a;
    ExpectPositions(m[0]);
  }
}

TEST_F(MatchTest, ListSlots) {
  auto m = Matches("<g1_g5> pledged allegiance to <g2> .", "affiliate_of");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].s, "<g1_g5>");
  EXPECT_EQ(m[0].o, "<g2>");
  ExpectPositions(m[0]);
}

TEST_F(MatchTest, Pairs) {
  auto m = Matches("there were clashes between the <g1_g4_s7> in <d0> .", "clash");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].pattern->pairs);
  EXPECT_EQ(m[0].pattern->predicates, (std::vector<std::string>{"clash", "rival"}));
  EXPECT_EQ(m[0].s, "<g1_g4_s7>");
  ExpectPositions(m[0]);
}

TEST_F(MatchTest, Swap) {
  // "Hamas's military wing, the Qassam Brigades": the captured s is the fact's o.
  auto m = Matches("<g3> 's military wing , the <g8> , fired rockets .", "part_of");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].pattern->swap);
  EXPECT_EQ(m[0].s, "<g3>");
  EXPECT_EQ(m[0].o, "<g8>");
  ExpectPositions(m[0]);
}

TEST_F(MatchTest, RuleWithoutSubject) {
  auto m = Matches("it fought alongside the <s4> .", "ally");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].s.empty());
  EXPECT_EQ(m[0].s_pos, std::string::npos);
  EXPECT_EQ(m[0].o, "<s4>");
  ExpectPositions(m[0]);
}

TEST_F(MatchTest, TextObject) {
  auto m = Matches("<g1> finances itself through bitcoin donations .", "funding");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].text, "bitcoin donations");
  EXPECT_TRUE(m[0].o.empty());
}

TEST_F(MatchTest, EveryMatchOfARule) {
  auto m = Matches("<g1> captured <p2> and <g3> captured the town of <p4> .", "capture");
  ASSERT_EQ(m.size(), 2u);
  std::sort(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
  EXPECT_EQ(m[0].s, "<g1>");
  EXPECT_EQ(m[0].o, "<p2>");
  EXPECT_EQ(m[1].s, "<g3>");
  EXPECT_EQ(m[1].o, "<p4>");
  for (const auto& x : m) ExpectPositions(x);
}

TEST_F(MatchTest, ASlotServesTwoRules) {
  // "<g1> fought alongside <g2>" and "<g2> captured <p3>" share <g2>.
  auto all = set_->MatchAll("<g1> fought alongside <g2> captured <p3> .");
  bool ally = false, capture = false;
  for (const auto& m : all) {
    if (m.pattern->predicates[0] == "ally" && m.o == "<g2>") ally = true;
    if (m.pattern->predicates[0] == "capture" && m.s == "<g2>" && m.o == "<p3>") capture = true;
  }
  EXPECT_TRUE(ally);
  EXPECT_TRUE(capture);
}

TEST_F(MatchTest, WhatCannotMatchDoesNot) {
  // The object type is restricted to groups.
  EXPECT_TRUE(Matches("<g1> pledged allegiance to <p2> .", "affiliate_of").empty());
  EXPECT_TRUE(Matches("<s1> pledged allegiance to <g2> .", "affiliate_of").empty());
  // Whole words only: "unpledged" is not "pledged", "<g2>s" not a slot boundary.
  EXPECT_TRUE(Matches("<g1> unpledged allegiance to <g2> .", "affiliate_of").empty());
  EXPECT_TRUE(Matches("<g1> pledged allegiances to <g2> .", "affiliate_of").empty());
  // A word that is neither auxiliary nor in the rule breaks it.
  EXPECT_TRUE(Matches("<g1> said it pledged allegiance to <g2> .", "affiliate_of").empty());
  // Too many words between the verb and the place.
  EXPECT_TRUE(Matches("<g1> captured a b c d <p2> .", "capture").empty());
  // A pairs rule still needs its list slot.
  EXPECT_TRUE(Matches("clashes between rebels and soldiers .", "clash").empty());
  EXPECT_TRUE(set_->MatchAll("").empty());
  EXPECT_TRUE(set_->MatchAll("nothing to see here .").empty());
}

TEST(PatternSetEmpty, MatchesNothing) {
  auto dir = fs::temp_directory_path() / ("orbat_patterns_empty_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string path = (dir / "empty.rules").string();
  { std::ofstream(path) << "# nothing\n"; }
  Result<PatternSet> r = PatternSet::Load({path});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->size(), 0u);
  EXPECT_TRUE(r->MatchAll("<g1> pledged allegiance to <g2> .").empty());
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// ---------------------------------------------------------------- the shipped rules

// The rule files the extractor ships load, and the textbook sentence of each of a few
// relations matches a rule for it with the right roles. (Any correct rule set must:
// these are the definitions' own examples in abstract form.)
TEST(ShippedRules, TextbookSentences) {
  std::string dir = std::string(ORBAT_SOURCE_DATA_DIR) + "/patterns";
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".rules") files.push_back(e.path().string());
  if (files.empty()) GTEST_SKIP() << "no rule files in " << dir;
  std::sort(files.begin(), files.end());
  Result<PatternSet> r = PatternSet::Load(files);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  // Every shipped rule goes through the one-pass screen; a rule Hyperscan rejects would
  // run on every sentence of every document.
  EXPECT_EQ(r->unscreened(), 0u);

  struct Case {
    const char* abstract;
    const char* predicate;
    const char* s;  // after applying swap
    const char* o;
  };
  const Case cases[] = {
      {"<g1> pledged allegiance to <g2> .", "affiliate_of", "<g1>", "<g2>"},
      {"<g1> left the <g2> on <d0> .", "member_of", "<g1>", "<g2>"},
      {"<g1> joined the <g2> in <d0> .", "member_of", "<g1>", "<g2>"},
      {"<g1> split from <g2> .", "splinter_of", "<g1>", "<g2>"},
      {"<g1> merged into <g2> .", "merged_into", "<g1>", "<g2>"},
      {"<g1> captured the town of <p2> .", "capture", "<g1>", "<p2>"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.abstract);
    bool found = false;
    for (const PatternMatch& m : r->MatchAll(c.abstract)) {
      const auto& preds = m.pattern->predicates;
      if (std::find(preds.begin(), preds.end(), c.predicate) == preds.end()) continue;
      std::string s = m.s, o = m.o;
      if (m.pattern->swap) std::swap(s, o);
      if (s == c.s && o == c.o) found = true;
    }
    EXPECT_TRUE(found);
  }
}

// Rules whose slots sit at the ends of the match are matched without captures and
// their slots read off the match (patterns.h). Whatever the shortcut, every match must
// equal the one RE2's own captures give: here each shipped rule is re-run the plain
// way, and both lists of (rule, span, slots) must be the same.
TEST(ShippedRules, SlotsReadAtTheEdgesEqualCapturedSlots) {
  std::string path = std::string(ORBAT_SOURCE_DATA_DIR) + "/patterns/relations.rules";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no " << path;
  Result<PatternSet> set = PatternSet::Load({path});
  ASSERT_TRUE(set.ok()) << set.error().ToString();

  const std::vector<std::string> abstracts = {
      "<g0> attacked <p1> on <d0> .",
      "<g0> , a jihadist group , was founded in <d0> by <h1> .",
      "<g1> pledged allegiance to <g2> in <d0> .",
      "<g0> clashed with <g3> near <p4> .",
      "in <d1> , <g2> merged with <g5> and <g6> to form <g7> .",
      "<g0> split from <g1> in <d0> .",
      "<s3> designated <g0> as a foreign terrorist organization in <d0> .",
      "<g0> is led by <h2> , its emir .",
      "<g0> claimed responsibility for the attack on <p2> .",
      "<h1> was arrested by <s2> in <p3> .",
      "<g0> has around <n0> fighters .",
      "<g1_g2> fought against <g3> in <p0> .",
      "<g0> captured <p1> from <s2> in <d0> .",
      "<g0> is an affiliate of <g4> and a rival of <g5> .",
      "<g0> operates mainly in <p1> and <p2> .",
      "<g0> left <g5> on <d2> and joined <g6> .",
      "<g0> threatened to attack <s1> .",
      "<g3> was attacked by <g0> in <p1> .",
      "<s1> forces killed <h2> , a commander of <g0> .",
      "the group finances itself through kidnapping and extortion .",
  };
  struct Row {
    std::string source, s, o, text;
    size_t begin, end, s_pos, o_pos;
    bool operator<(const Row& r) const {
      return std::tie(source, begin, end, s, o, text, s_pos, o_pos) <
             std::tie(r.source, r.begin, r.end, r.s, r.o, r.text, r.s_pos, r.o_pos);
    }
    bool operator==(const Row& r) const { return !(*this < r) && !(r < *this); }
  };
  // The rules as the file has them, matched with every capture.
  std::vector<std::pair<std::string, std::unique_ptr<RE2>>> plain;
  std::ifstream rules(path);
  for (std::string line; std::getline(rules, line);) {
    if (line.empty() || line[0] == '#' || line.find('\t') == std::string::npos) continue;
    std::string src = line.substr(line.rfind('\t') + 1);
    src.erase(0, src.find_first_not_of(' '));
    src.erase(src.find_last_not_of(" \r") + 1);
    std::string re = (src[0] == '^' ? "" : "(?:^| )") + PatternSet::Expand(src) + "(?: |$)";
    plain.emplace_back(src, std::make_unique<RE2>(re));
  }
  ASSERT_EQ(plain.size(), set->size());

  size_t compared = 0;
  for (const std::string& a : abstracts) {
    SCOPED_TRACE(a);
    std::vector<Row> got, want;
    for (const PatternMatch& m : set->MatchAll(a))
      got.push_back({m.pattern->source, m.s, m.o, m.text, m.begin, m.end, m.s_pos, m.o_pos});
    for (const auto& [src, re] : plain) {
      const auto& names = re->NamedCapturingGroups();
      int n = re->NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> g(n);
      int si = names.count("s") ? names.at("s") : -1;
      int oi = names.count("o") ? names.at("o") : names.count("t") ? names.at("t") : names.at("s");
      bool text = !names.count("o") && names.count("t");
      size_t pos = 0;
      while (pos <= a.size() && re->Match(a, pos, a.size(), RE2::UNANCHORED, g.data(), n)) {
        Row r{src, "", "", "", size_t(g[0].data() - a.data()), 0, std::string::npos, std::string::npos};
        r.end = r.begin + g[0].size();
        if (si >= 0 && g[si].data()) r.s = std::string(g[si]), r.s_pos = g[si].data() - a.data();
        if (g[oi].data()) (text ? r.text : r.o) = std::string(g[oi]), r.o_pos = g[oi].data() - a.data();
        want.push_back(r);
        pos = std::max(r.begin + 1, pos + 1);
        if (g[oi].data()) pos = std::max(pos, r.o_pos);
      }
    }
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_TRUE(got == want) << got.size() << " matches, expected " << want.size();
    compared += want.size();
  }
  EXPECT_GE(compared, 25u);  // the sentences above do exercise the rules
}

}  // namespace
}  // namespace orbat
