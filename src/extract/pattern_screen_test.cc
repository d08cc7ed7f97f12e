#include "extract/pattern_screen.h"

#include <gtest/gtest.h>
#include <re2/re2.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

namespace orbat {
namespace {

namespace fs = std::filesystem;

std::string TempDir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("orbat-screen-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(d);
  return d.string();
}

// Rules of the kinds the relation file has: named groups, lazy counted gaps, anchors,
// long alternations, and a huge counted repetition Hyperscan may not take exactly.
const std::vector<std::string> kRegexes = {
    "(?:^| )(?P<s><g[0-9]+>) (?:has |was )*allied with (?P<o><g[0-9]+>)(?: |$)",
    "(?:^| )(?P<s><g[0-9]+>) (?:\\S+ ){0,6}?claimed responsibility (?:\\S+ ){0,4}?for (?P<o><[gp][0-9]+>)(?: |$)",
    "^founded in (?P<o><d[0-9]+>)",
    "(?:^| )(?:pledged|swore) (?:allegiance|bay'ah) to (?P<o><g[0-9]+>)$",
    "(?:a|b){0,1000}c{2}",
};

const std::vector<std::string> kTexts = {
    "<g1> allied with <g2>",
    "<g1> has was allied with <g2> in <d0>",
    "<g3> , the group , claimed responsibility yesterday for the <p4>",
    "<g3> claimed responsibility for <p4>",
    "founded in <d0> by <h1>",
    "it was founded in <d0>",
    "they swore bay'ah to <g5>",
    "they swore bay'ah to <g5> and more",
    "abababcc",
    "nothing here at all",
    "",
};

// Every regex RE2 finds in a text must be a candidate.
void ExpectNoMisses(const PatternScreen& screen) {
  for (const std::string& text : kTexts) {
    std::vector<int> ids;
    screen.Candidates(text, &ids);
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
    for (size_t i = 0; i < kRegexes.size(); ++i) {
      RE2 re(kRegexes[i]);
      ASSERT_TRUE(re.ok()) << kRegexes[i];
      if (RE2::PartialMatch(text, re)) {
        EXPECT_NE(std::find(ids.begin(), ids.end(), static_cast<int>(i)), ids.end())
            << "regex " << i << " matches \"" << text << "\" but was screened out";
      }
    }
  }
}

TEST(PatternScreen, NeverMissesAMatch) {
  auto screen = PatternScreen::Compile(kRegexes, "");
  ASSERT_TRUE(screen.ok()) << screen.error().ToString();
  ExpectNoMisses(*screen);
}

TEST(PatternScreen, ScreensOutRulesThatCannotMatch) {
  auto screen = PatternScreen::Compile(kRegexes, "");
  ASSERT_TRUE(screen.ok());
  std::vector<int> ids;
  screen->Candidates("nothing here at all", &ids);
  // Only rules Hyperscan could not take at all may come back for an unrelated text.
  EXPECT_EQ(ids.size(), screen->unscreened());
  screen->Candidates("<g1> allied with <g2>", &ids);
  EXPECT_NE(std::find(ids.begin(), ids.end(), 0), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), 2), ids.end());  // "^founded in" cannot match
}

TEST(PatternScreen, CachedDatabaseIsReusedAndEquivalent) {
  std::string dir = TempDir("cache");
  auto first = PatternScreen::Compile(kRegexes, dir);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->from_cache());
  auto second = PatternScreen::Compile(kRegexes, dir);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->from_cache());
  EXPECT_EQ(second->unscreened(), first->unscreened());
  EXPECT_EQ(second->approximate(), first->approximate());
  ExpectNoMisses(*second);
  // A different rule set has its own key: the cache is not confused by an edit.
  std::vector<std::string> edited = kRegexes;
  edited[0] += "x";
  auto third = PatternScreen::Compile(edited, dir);
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->from_cache());
  fs::remove_all(dir);
}

TEST(PatternScreen, CorruptCacheIsRecompiled) {
  std::string dir = TempDir("corrupt");
  ASSERT_TRUE(PatternScreen::Compile(kRegexes, dir).ok());
  size_t files = 0;
  for (const auto& f : fs::directory_iterator(dir)) {
    std::ofstream(f.path(), std::ios::trunc) << "orbat-screen 1 0 0\ngarbage";
    ++files;
  }
  ASSERT_EQ(files, 1u);
  auto screen = PatternScreen::Compile(kRegexes, dir);
  ASSERT_TRUE(screen.ok());
  EXPECT_FALSE(screen->from_cache());
  ExpectNoMisses(*screen);
  EXPECT_TRUE(PatternScreen::Compile(kRegexes, dir)->from_cache());  // rewritten
  fs::remove_all(dir);
}

TEST(PatternScreen, CacheFilesUnusedFor30DaysArePruned) {
  std::string dir = TempDir("prune");
  auto age = [](const fs::path& p, int days) {
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(24 * days));
  };
  ASSERT_TRUE(PatternScreen::Compile(kRegexes, dir).ok());
  fs::path current = fs::directory_iterator(dir)->path();
  std::ofstream(fs::path(dir) / "screen-0000000000000001.hs") << "old";
  std::ofstream(fs::path(dir) / "screen-0000000000000002.hs") << "recent";
  std::ofstream(fs::path(dir) / "notes.txt") << "not ours";
  age(fs::path(dir) / "screen-0000000000000001.hs", 31);
  age(fs::path(dir) / "screen-0000000000000002.hs", 29);
  age(fs::path(dir) / "notes.txt", 400);
  age(current, 45);
  // Loading the current file marks it as in use...
  ASSERT_TRUE(PatternScreen::Compile(kRegexes, dir)->from_cache());
  // ...so writing another one (an edited rule set) prunes only the stale file.
  std::vector<std::string> edited = kRegexes;
  edited[0] += "x";
  ASSERT_FALSE(PatternScreen::Compile(edited, dir)->from_cache());
  EXPECT_FALSE(fs::exists(fs::path(dir) / "screen-0000000000000001.hs"));
  EXPECT_TRUE(fs::exists(fs::path(dir) / "screen-0000000000000002.hs"));
  EXPECT_TRUE(fs::exists(fs::path(dir) / "notes.txt"));
  EXPECT_TRUE(fs::exists(current));
  EXPECT_TRUE(PatternScreen::Compile(kRegexes, dir)->from_cache());
  fs::remove_all(dir);
}

TEST(PatternScreen, UnwritableCacheFolderStillWorks) {
  auto screen = PatternScreen::Compile(kRegexes, "/proc/orbat-no-such-folder");
  ASSERT_TRUE(screen.ok());
  ExpectNoMisses(*screen);
}

TEST(PatternScreen, CacheDirFollowsTheEnvironment) {
  setenv("ORBAT_CACHE_DIR", "/tmp/x-orbat", 1);
  EXPECT_EQ(PatternScreen::CacheDir(), "/tmp/x-orbat");
  unsetenv("ORBAT_CACHE_DIR");
  setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(PatternScreen::CacheDir(), "/tmp/xdg/orbat");
  unsetenv("XDG_CACHE_HOME");
}

}  // namespace
}  // namespace orbat
