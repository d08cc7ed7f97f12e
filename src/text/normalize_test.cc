#include "text/normalize.h"

#include <gtest/gtest.h>

namespace orbat {
namespace {

TEST(Nfc, AsciiUnchanged) { EXPECT_EQ(Nfc("Jund al-Aqsa"), "Jund al-Aqsa"); }

TEST(Nfc, ComposesCombiningMarks) {
  EXPECT_EQ(Nfc("e\xCC\x81"), "\xC3\xA9");                   // e + U+0301 -> é
  EXPECT_EQ(Nfc("H\xCC\xA3urra\xCC\x84s"), "Ḥurrās");        // decomposed Ḥurrās
}

TEST(Nfc, ReplacesInvalidUtf8) {
  EXPECT_EQ(Nfc("a\xFF" "b"), "a\xEF\xBF\xBD" "b");  // U+FFFD in place of the bad byte
}

TEST(FoldWord, AsciiCaseAndApostrophes) {
  EXPECT_EQ(FoldWord("ISIS"), "isis");
  EXPECT_EQ(FoldWord("Qa'ida"), "qaida");
  EXPECT_EQ(FoldWord("Hay`at"), "hayat");
  EXPECT_EQ(FoldWord("1,600"), "1,600");
  EXPECT_EQ(FoldWord(""), "");
}

TEST(FoldWord, CurlyApostrophes) {
  EXPECT_EQ(FoldWord("Ma’an"), "maan");
  EXPECT_EQ(FoldWord("Asa’ib"), "asaib");
  EXPECT_EQ(FoldWord("‘Aziz"), "aziz");
}

TEST(FoldWord, AynAndHamzaModifierLetters) {
  EXPECT_EQ(FoldWord("Shaʿbiyya"), "shabiyya");
  EXPECT_EQ(FoldWord("Qurʾan"), "quran");
  EXPECT_EQ(FoldWord("Hawaiʻi"), "hawaii");
}

TEST(FoldWord, Diacritics) {
  EXPECT_EQ(FoldWord("Ḥurrās"), "hurras");
  EXPECT_EQ(FoldWord("Dīn"), "din");
  EXPECT_EQ(FoldWord("Tanẓīm"), "tanzim");
  EXPECT_EQ(FoldWord("Lijān"), "lijan");
  EXPECT_EQ(FoldWord("Muqāwama"), "muqawama");
  EXPECT_EQ(FoldWord("Société"), "societe");
}

TEST(FoldWord, FullCaseFolding) {
  EXPECT_EQ(FoldWord("Straße"), "strasse");
  EXPECT_EQ(FoldWord("İstanbul"), "istanbul");  // İ folds to i + dot above; the dot goes
  EXPECT_EQ(FoldWord("ΑΘΗΝΑ"), "αθηνα");
}

TEST(FoldWord, ArabicAlefForms) {
  EXPECT_EQ(FoldWord("الأمة"), "الامه");  // أ -> ا, ة -> ه
  EXPECT_EQ(FoldWord("إسلام"), "اسلام");  // إ -> ا
  EXPECT_EQ(FoldWord("آل"), "ال");        // آ -> ا
  EXPECT_EQ(FoldWord("ٱلله"), "الله");    // alef wasla -> ا
}

TEST(FoldWord, ArabicYehAndTehMarbuta) {
  EXPECT_EQ(FoldWord("مصطفى"), "مصطفي");  // ى -> ي
  EXPECT_EQ(FoldWord("جماعة"), "جماعه");  // ة -> ه
}

TEST(FoldWord, ArabicTatweelAndHarakat) {
  EXPECT_EQ(FoldWord("جـيـش"), "جيش");   // tatweel
  EXPECT_EQ(FoldWord("جَيْش"), "جيش");    // fatha, sukun
  EXPECT_EQ(FoldWord("الدِّين"), "الدين");  // kasra, shadda
}

TEST(FoldWord, ArabicPresentationForms) {
  EXPECT_EQ(FoldWord("\xEF\xBB\xBB"), "لا");  // U+FEFB lam-alef ligature
}

TEST(FoldWord, CompatibilityCharacters) {
  EXPECT_EQ(FoldWord("ﬁghters"), "fighters");  // U+FB01 ligature
  EXPECT_EQ(FoldWord("Ｇａｚａ"), "gaza");       // fullwidth
}

TEST(FoldName, ArabicArticleSpellings) {
  EXPECT_EQ(FoldName("Ahrar ash-Sham"), "ahrar al sham");
  EXPECT_EQ(FoldName("Jabhat Fateh al-Sham"), "jabhat fateh al sham");
  EXPECT_EQ(FoldName("Tanẓīm Ḥurrās ad-Dīn"), "tanzim hurras al din");
  EXPECT_EQ(FoldName("Abu Bakr el-Baghdadi"), "abu bakr al baghdadi");
  EXPECT_EQ(FoldName("As-Sahab"), "al sahab");
  EXPECT_EQ(FoldName("Ansar at-Tawhid"), "ansar al tawhid");
  EXPECT_EQ(FoldName("Jund az-Zubayr"), "jund al zubayr");
  EXPECT_EQ(FoldName("Ansar ar-Rahman"), "ansar al rahman");
  EXPECT_EQ(FoldName("Jabhat an-Nusra"), "jabhat al nusra");
  EXPECT_EQ(FoldName("Katibat adh-Dhahab"), "katibat al dhahab");
  EXPECT_EQ(FoldName("Dar ath-Thaqafa"), "dar al thaqafa");
}

TEST(FoldName, ArticleOnlyBeforeHyphen) {
  // "as" and "at" without a hyphen are English words.
  EXPECT_EQ(FoldName("known as Sham"), "known as sham");
  EXPECT_EQ(FoldName("Al Qaeda"), "al qaeda");
}

TEST(FoldName, LeadingTheDropped) {
  EXPECT_EQ(FoldName("The Islamic State"), "islamic state");
  EXPECT_EQ(FoldName("the Army of the Men"), "army of the men");
}

TEST(FoldName, PunctuationSplitsAndDisappears) {
  EXPECT_EQ(FoldName("Hay'at Tahrir al-Sham (HTS)"), "hayat tahrir al sham hts");
  EXPECT_EQ(FoldName("U.S. Department of State"), "us department of state");
  EXPECT_EQ(FoldName("Jaysh al-Ummah's"), "jaysh al ummah");
  EXPECT_EQ(FoldName("  Ma’an  "), "maan");
  EXPECT_EQ(FoldName(""), "");
}

TEST(FoldName, ArabicScript) {
  EXPECT_EQ(FoldName("جيش الأمة"), "جيش الامه");
}

TEST(MatchKey, ArticleFree) {
  EXPECT_EQ(MatchKey("Jabhat al-Nusra"), "jabhat nusra");
  EXPECT_EQ(MatchKey("Jabhat Nusra"), "jabhat nusra");
  EXPECT_EQ(MatchKey("Jabhat an-Nusra"), "jabhat nusra");
  EXPECT_EQ(MatchKey("al-Nusra Front"), "nusra front");
  EXPECT_EQ(MatchKey("Ahrar ash-Sham"), "ahrar sham");
  EXPECT_EQ(MatchKey("The Islamic State"), "islamic state");
  EXPECT_EQ(MatchKey("Al Qaeda"), "qaeda");
}

}  // namespace
}  // namespace orbat
