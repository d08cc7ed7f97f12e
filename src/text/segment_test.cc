#include "text/segment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace orbat {
namespace {

std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> out;
  for (Span s : SplitSentences(text)) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

using Strings = std::vector<std::string>;

TEST(SplitSentences, Offsets) {
  std::string_view text = "One. Two.";
  std::vector<Span> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].begin, 0u);
  EXPECT_EQ(s[0].end, 4u);
  EXPECT_EQ(s[1].begin, 5u);
  EXPECT_EQ(s[1].end, 9u);
}

TEST(SplitSentences, TrimsAndSkipsEmptyLines) {
  std::string_view text = "  Hello world.  \n\nSecond line";
  std::vector<Span> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].begin, 2u);
  EXPECT_EQ(s[0].end, 14u);
  EXPECT_EQ(s[1].begin, 18u);
  EXPECT_EQ(s[1].end, 29u);
}

TEST(SplitSentences, EmptyInput) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences(" \n\t\n \r\n").empty());
}

TEST(SplitSentences, NeverAcrossLineBreaks) {
  EXPECT_EQ(Sentences("Leaders: Khalid al-Aruri\nSami al-Oraydi\nFoundation: 27 February 2018"),
            (Strings{"Leaders: Khalid al-Aruri", "Sami al-Oraydi", "Foundation: 27 February 2018"}));
  EXPECT_EQ(Sentences("Windows line\r\nNext line"), (Strings{"Windows line", "Next line"}));
}

TEST(SplitSentences, QuestionAndExclamation) {
  EXPECT_EQ(Sentences("Why? Because! Done."), (Strings{"Why?", "Because!", "Done."}));
}

TEST(SplitSentences, Abbreviations) {
  EXPECT_EQ(Sentences("U.S. troops arrived. They left."),
            (Strings{"U.S. troops arrived.", "They left."}));
  EXPECT_EQ(Sentences("Gen. Smith spoke. He left."), (Strings{"Gen. Smith spoke.", "He left."}));
  EXPECT_EQ(Sentences("He moved to St. Louis in 2000. Later he left."),
            (Strings{"He moved to St. Louis in 2000.", "Later he left."}));
  EXPECT_EQ(Sentences("Mr. Johnston was freed. Dr. Ali spoke."),
            (Strings{"Mr. Johnston was freed.", "Dr. Ali spoke."}));
  EXPECT_EQ(Sentences("Lt. Col. Hassan led it. It fell."),
            (Strings{"Lt. Col. Hassan led it.", "It fell."}));
}

TEST(SplitSentences, AbbreviationsBeforeNumbers) {
  EXPECT_EQ(Sentences("Shabaab seized the city on Dec. 13 and threatened to behead them. Then it ended."),
            (Strings{"Shabaab seized the city on Dec. 13 and threatened to behead them.",
                     "Then it ended."}));
  EXPECT_EQ(Sentences("It began in Jan. 2008 in Gaza. It ended."),
            (Strings{"It began in Jan. 2008 in Gaza.", "It ended."}));
  EXPECT_EQ(Sentences("On Dec. 13 Shabaab seized Burhakaba. Aweys fled."),
            (Strings{"On Dec. 13 Shabaab seized Burhakaba.", "Aweys fled."}));
  EXPECT_EQ(Sentences("Bomb No. 5 exploded. Police came."),
            (Strings{"Bomb No. 5 exploded.", "Police came."}));
}

TEST(SplitSentences, Initials) {
  EXPECT_EQ(Sentences("It planned to murder President George W. Bush. It failed."),
            (Strings{"It planned to murder President George W. Bush.", "It failed."}));
  EXPECT_EQ(Sentences("Troops of the U.N. Security Council came. They left."),
            (Strings{"Troops of the U.N. Security Council came.", "They left."}));
}

TEST(SplitSentences, NoBreakWithoutSpace) {
  EXPECT_EQ(Sentences("(lit.'Guardians of Religion Organization') also known as Al-Qaeda in Syria."),
            (Strings{"(lit.'Guardians of Religion Organization') also known as Al-Qaeda in Syria."}));
}

TEST(SplitSentences, QuotesStayWithTheirSentence) {
  std::string_view text = "He said \"go.\" Then left.";
  std::vector<Span> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].end, 13u);
  EXPECT_EQ(s[1].begin, 14u);
  EXPECT_EQ(s[1].end, 24u);
}

TEST(SplitSentences, MultiByteOffsets) {
  // "Ma’an" is 7 bytes (’ takes 3).
  std::string_view text = "Ma’an fell. Next.";
  std::vector<Span> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].begin, 0u);
  EXPECT_EQ(s[0].end, 13u);
  EXPECT_EQ(s[1].begin, 14u);
  EXPECT_EQ(s[1].end, 19u);
}

TEST(SplitSentences, ArabicOffsets) {
  // جيش = 6 bytes, space, الأمة = 10 bytes, "." -> first sentence is bytes [0, 18).
  std::string_view text = "جيش الأمة. Second.";
  std::vector<Span> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].begin, 0u);
  EXPECT_EQ(s[0].end, 18u);
  EXPECT_EQ(s[1].begin, 19u);
  EXPECT_EQ(s[1].end, 26u);
}

TEST(SplitSentences, TrimsUnicodeSpace) {
  // NBSP (2 bytes) before and after.
  std::string_view text = "\xC2\xA0Hamas.\xC2\xA0";
  std::vector<Span> s = SplitSentences(text);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].begin, 2u);
  EXPECT_EQ(s[0].end, 8u);
}

TEST(SplitSentences, CorpusParagraph) {
  EXPECT_EQ(
      Sentences("Hizbul Islam's demise came to a head on Dec. 13, when Shabaab seized the vital "
                "city of Burhakaba. Hizbul Islam abandoned several villages south of Mogadishu "
                "on Dec. 14. And yesterday, Hizbul Islam commanders in Luk broke ranks."),
      (Strings{"Hizbul Islam's demise came to a head on Dec. 13, when Shabaab seized the vital "
               "city of Burhakaba.",
               "Hizbul Islam abandoned several villages south of Mogadishu on Dec. 14.",
               "And yesterday, Hizbul Islam commanders in Luk broke ranks."}));
}

// ---- Tokenize ----

std::vector<Token> Tok(std::string_view s) { return Tokenize(s, 0, s.size()); }

std::vector<std::string> Folds(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tok(s)) out.push_back(t.fold);
  return out;
}

TEST(Tokenize, InnerApostrophes) {
  std::vector<Token> t = Tok("Asa’ib Ahl al-Haq");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].begin, 0u);
  EXPECT_EQ(t[0].end, 8u);
  EXPECT_EQ(t[0].fold, "asaib");
  EXPECT_TRUE(t[0].capitalized);
  EXPECT_EQ(t[1].begin, 9u);
  EXPECT_EQ(t[1].end, 12u);
  EXPECT_EQ(t[2].begin, 13u);
  EXPECT_EQ(t[2].end, 15u);
  EXPECT_EQ(t[2].fold, "al");
  EXPECT_TRUE(t[2].hyphen_after);
  EXPECT_FALSE(t[2].capitalized);
  EXPECT_EQ(t[3].begin, 16u);
  EXPECT_EQ(t[3].end, 19u);
  EXPECT_FALSE(t[3].space_before);
  EXPECT_TRUE(t[1].space_before);

  EXPECT_EQ(Folds("Hay'at Tahrir"), (Strings{"hayat", "tahrir"}));
  EXPECT_EQ(Folds("Qa'ida don't"), (Strings{"qaida", "dont"}));
}

TEST(Tokenize, MaanOffsets) {
  std::vector<Token> t = Tok("town of Ma’an and");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[2].begin, 8u);
  EXPECT_EQ(t[2].end, 15u);
  EXPECT_EQ(t[2].fold, "maan");
  EXPECT_EQ(t[3].begin, 16u);
}

TEST(Tokenize, ArticleSpellingsFoldToAl) {
  EXPECT_EQ(Folds("Ahrar ash-Sham"), (Strings{"ahrar", "al", "sham"}));
  EXPECT_EQ(Folds("Hurras ad-Din"), (Strings{"hurras", "al", "din"}));
  EXPECT_EQ(Folds("El-Baghdadi"), (Strings{"al", "baghdadi"}));
  EXPECT_EQ(Folds("Ad-Dawla"), (Strings{"al", "dawla"}));
  EXPECT_EQ(Folds("as well as"), (Strings{"as", "well", "as"}));
}

TEST(Tokenize, HyphenJoinsButSpacedHyphenIsPunct) {
  std::vector<Token> t = Tok("movements - the pro-ISIS");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[1].kind, TokenKind::kPunct);
  EXPECT_EQ(t[1].fold, "-");
  EXPECT_TRUE(t[1].space_before);
  EXPECT_FALSE(t[0].hyphen_after);
  EXPECT_EQ(t[3].fold, "pro");
  EXPECT_TRUE(t[3].hyphen_after);
  EXPECT_EQ(t[4].fold, "isis");
  EXPECT_FALSE(t[4].space_before);
  EXPECT_TRUE(t[4].all_caps);
  // An infobox bullet.
  EXPECT_EQ(Folds("- Logo:"), (Strings{"-", "logo", ":"}));
}

TEST(Tokenize, Dashes) {
  std::vector<Token> t = Tok("2000–2006 — end");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].kind, TokenKind::kNumber);
  EXPECT_EQ(t[0].end, 4u);
  EXPECT_EQ(t[1].kind, TokenKind::kPunct);
  EXPECT_EQ(t[1].fold, "–");
  EXPECT_EQ(t[1].begin, 4u);
  EXPECT_EQ(t[1].end, 7u);
  EXPECT_FALSE(t[1].space_before);
  EXPECT_EQ(t[2].begin, 7u);
  EXPECT_EQ(t[2].end, 11u);
  EXPECT_EQ(t[3].fold, "—");
  EXPECT_EQ(t[3].begin, 12u);
  EXPECT_EQ(t[4].begin, 16u);
  EXPECT_TRUE(t[4].space_before);
}

TEST(Tokenize, Numbers) {
  std::vector<Token> t = Tok("1,600 fighters, 3.5 km, 1,000–2,000+");
  ASSERT_EQ(t.size(), 10u);
  EXPECT_EQ(t[0].kind, TokenKind::kNumber);
  EXPECT_EQ(t[0].fold, "1,600");
  EXPECT_EQ(t[0].end, 5u);
  EXPECT_EQ(t[1].kind, TokenKind::kWord);
  EXPECT_EQ(t[2].fold, ",");
  EXPECT_EQ(t[3].fold, "3.5");
  EXPECT_EQ(t[3].kind, TokenKind::kNumber);
  EXPECT_EQ(t[6].fold, "1,000");
  EXPECT_EQ(t[7].fold, "–");
  EXPECT_EQ(t[8].fold, "2,000");
  EXPECT_EQ(t[9].fold, "+");
  // A comma not followed by exactly three digits separates.
  EXPECT_EQ(Folds("2009, 2010"), (Strings{"2009", ",", "2010"}));
  EXPECT_EQ(Folds("1,60"), (Strings{"1", ",", "60"}));
}

TEST(Tokenize, SlashedDateSplits) {
  std::vector<Token> t = Tok("2/17/2016");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].fold, "2");
  EXPECT_EQ(t[1].fold, "/");
  EXPECT_FALSE(t[1].space_before);
  EXPECT_EQ(t[2].fold, "17");
  EXPECT_EQ(t[4].fold, "2016");
  EXPECT_EQ(t[4].kind, TokenKind::kNumber);
}

TEST(Tokenize, DigitsWithLettersAreWords) {
  std::vector<Token> t = Tok("the 1990s and 23rd");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[1].fold, "1990s");
  EXPECT_EQ(t[1].kind, TokenKind::kWord);
  EXPECT_FALSE(t[1].capitalized);
  EXPECT_EQ(t[3].fold, "23rd");
}

TEST(Tokenize, CaseFlags) {
  std::vector<Token> t = Tok("ISIS AQAP Is is U iPhone");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_TRUE(t[0].all_caps);
  EXPECT_TRUE(t[0].capitalized);
  EXPECT_TRUE(t[1].all_caps);
  EXPECT_FALSE(t[2].all_caps);
  EXPECT_TRUE(t[2].capitalized);
  EXPECT_FALSE(t[3].capitalized);
  EXPECT_FALSE(t[4].all_caps);  // one letter
  EXPECT_TRUE(t[4].capitalized);
  EXPECT_FALSE(t[5].capitalized);
}

TEST(Tokenize, Initialisms) {
  std::vector<Token> t = Tok("U.S. troops");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].begin, 0u);
  EXPECT_EQ(t[0].end, 4u);
  EXPECT_EQ(t[0].fold, "us");
  EXPECT_TRUE(t[0].all_caps);
  EXPECT_EQ(Folds("U.S.-backed"), (Strings{"us", "backed"}));
  EXPECT_TRUE(Tok("U.S.-backed")[0].hyphen_after);
  EXPECT_EQ(Folds("e.g. this"), (Strings{"eg", "this"}));

  std::vector<Token> bush = Tok("George W. Bush");
  ASSERT_EQ(bush.size(), 3u);
  EXPECT_EQ(bush[1].begin, 7u);
  EXPECT_EQ(bush[1].end, 9u);
  EXPECT_EQ(bush[1].fold, "w");
  // Not after a capitalized word, a letter and its period stay apart.
  EXPECT_EQ(Folds("plan b. Then"), (Strings{"plan", "b", ".", "then"}));
  // An abbreviation keeps its period as punctuation.
  EXPECT_EQ(Folds("Dec. 13"), (Strings{"dec", ".", "13"}));
}

TEST(Tokenize, Possessive) {
  std::vector<Token> t = Tok("Hamas’s leader");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].fold, "hamas");
  EXPECT_EQ(t[0].end, 5u);
  EXPECT_EQ(t[1].kind, TokenKind::kPunct);
  EXPECT_EQ(t[1].fold, "'s");
  EXPECT_EQ(t[1].begin, 5u);
  EXPECT_EQ(t[1].end, 9u);
  EXPECT_FALSE(t[1].space_before);
  EXPECT_EQ(t[2].begin, 10u);
  EXPECT_EQ(Folds("Jaysh al-Ummah's leader"), (Strings{"jaysh", "al", "ummah", "'s", "leader"}));
  EXPECT_EQ(Folds("the 1990's"), (Strings{"the", "1990", "'s"}));
  // Plural possessive: the apostrophe is punctuation.
  EXPECT_EQ(Folds("rebels’ positions"), (Strings{"rebels", "’", "positions"}));
}

TEST(Tokenize, QuotesVersusAyn) {
  std::vector<Token> q = Tok("'aggressors' and");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].fold, "'");
  EXPECT_EQ(q[1].fold, "aggressors");
  EXPECT_EQ(q[1].begin, 1u);
  EXPECT_EQ(q[1].end, 11u);
  EXPECT_EQ(q[2].fold, "'");

  std::vector<Token> a = Tok("Abdul ‘Aziz al-Qatari");
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[1].begin, 6u);
  EXPECT_EQ(a[1].end, 13u);
  EXPECT_EQ(a[1].fold, "aziz");
  EXPECT_TRUE(a[1].capitalized);
  EXPECT_EQ(a[2].begin, 14u);
  EXPECT_EQ(a[3].begin, 17u);
  EXPECT_EQ(a[3].end, 23u);

  EXPECT_EQ(Folds("al-Shaʿbiyya"), (Strings{"al", "shabiyya"}));
  EXPECT_EQ(Folds("ʿAbd"), (Strings{"abd"}));
}

TEST(Tokenize, ArabicScript) {
  std::vector<Token> t = Tok("جيش الأمة");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].begin, 0u);
  EXPECT_EQ(t[0].end, 6u);
  EXPECT_EQ(t[0].fold, "جيش");
  EXPECT_TRUE(t[0].capitalized);
  EXPECT_FALSE(t[0].all_caps);
  EXPECT_EQ(t[1].begin, 7u);
  EXPECT_EQ(t[1].end, 17u);
  EXPECT_EQ(t[1].fold, "الامه");
  // Arabic comma and parentheses are punctuation.
  EXPECT_EQ(Folds("(جيش، الأمة)"), (Strings{"(", "جيش", "،", "الامه", ")"}));
}

TEST(Tokenize, DiacriticsInLatin) {
  std::vector<Token> t = Tok("Tanẓīm Ḥurrās ad-Dīn");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].fold, "tanzim");
  EXPECT_EQ(t[0].end, 9u);  // ẓ is 3 bytes, ī 2
  EXPECT_EQ(t[1].fold, "hurras");
  EXPECT_TRUE(t[1].capitalized);
  EXPECT_EQ(t[2].fold, "al");
  EXPECT_EQ(t[3].fold, "din");
}

TEST(Tokenize, SubRange) {
  std::string_view text = "xx Hello yy";
  std::vector<Token> t = Tokenize(text, 3, 8);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].begin, 3u);
  EXPECT_EQ(t[0].end, 8u);
  EXPECT_TRUE(t[0].space_before);
  // A hyphen at the end of the range has nothing to join.
  EXPECT_EQ(Tokenize("al-Nusra", 0, 3).size(), 2u);
}

TEST(Tokenize, Punctuation) {
  std::vector<Token> t = Tok("(AQAP) “dozens.”");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].fold, "(");
  EXPECT_TRUE(t[1].all_caps);
  EXPECT_EQ(t[2].fold, ")");
  EXPECT_FALSE(t[2].space_before);
  EXPECT_EQ(t[3].fold, "“");
  EXPECT_TRUE(t[3].space_before);
  EXPECT_EQ(t[4].fold, "dozens");
  EXPECT_EQ(t[5].fold, ".");
  EXPECT_EQ(t[6].fold, "”");
}

}  // namespace
}  // namespace orbat
