#include "text/phrase_set.h"

#include <gtest/gtest.h>

#include "text/normalize.h"

namespace orbat {
namespace {

std::vector<Token> Toks(std::string_view s) { return Tokenize(s, 0, s.size()); }

TEST(PhraseSet, FindsMultiWordPhrasesOnFoldedTokens) {
  PhraseSet set;
  set.Add(FoldName("according to"), 0);
  set.Add(FoldName("Salafi-jihadism"), 1);
  set.Add(FoldName("Salafi"), 2);
  auto m = set.FindAll(Toks("According to officials, the Salafi-Jihadism of the group..."));
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].first, 0u);
  EXPECT_EQ(m[0].last, 2u);
  EXPECT_EQ(m[0].value, 0);
  // Both phrases at "Salafi", the shorter first.
  EXPECT_EQ(m[1].value, 2);
  EXPECT_EQ(m[2].value, 1);
  EXPECT_EQ(m[2].last, m[2].first + 2);
}

TEST(PhraseSet, NeedsConsecutiveWordsAndWholeTokens) {
  PhraseSet set;
  set.Add("is said to", 7);
  EXPECT_TRUE(set.FindAll(Toks("He is said, to be sure")).empty());
  EXPECT_TRUE(set.FindAll(Toks("It is said")).empty());       // runs off the end
  EXPECT_TRUE(set.FindAll(Toks("This said to")).empty());     // "this" is not "is"
  EXPECT_EQ(set.FindAll(Toks("It is said to be")).size(), 1u);
}

TEST(PhraseSet, EmptyPhrasesAreIgnored) {
  PhraseSet set;
  set.Add("", 1);
  set.Add("   ", 2);
  EXPECT_TRUE(set.empty());
  EXPECT_TRUE(set.FindAll(Toks("anything at all")).empty());
}

}  // namespace
}  // namespace orbat
