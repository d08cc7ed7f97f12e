// Quality floor and scorer agreement, end to end through the built binary:
//  - `orbat eval examples/` (the bundled documents and their *.gold.json) must reach
//    the minimum scores below; raise them as the extractor improves.
//  - `orbat eval GOLD SYSTEM.jsonl --json` must agree number for number with the
//    reference scorer `python3 $ORBAT_SHARED/eval/score.py GOLD SYSTEM.jsonl --json`,
//    SYSTEM.jsonl being what `orbat extract $ORBAT_SHARED/corpus/dev` prints.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

// Minimum scores on examples/ (fact micro F1; F1 of the gold group entities listed).
constexpr double kMinExamplesFactF1 = 0.80;
constexpr double kMinExamplesGroupEntityF1 = 0.90;

namespace fs = std::filesystem;
using nlohmann::json;

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command; returns its exit status (-1 when it did not exit) and stdout.
int Shell(const std::string& cmd, std::string* out) {
  out->clear();
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Orbat() { return Quote(ORBAT_BINARY); }

std::string SharedDir() {
  if (const char* env = std::getenv("ORBAT_SHARED"); env && *env) return env;
  return std::string(ORBAT_SOURCE_DIR) + "/../shared";
}

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("orbat-examples-" + std::to_string(getpid()) + "-" + name)).string();
}

TEST(Examples, EvalReachesTheFloor) {
  std::string examples = std::string(ORBAT_SOURCE_DIR) + "/examples";
  if (!fs::is_directory(examples)) GTEST_SKIP() << "no " << examples;
  std::string err = TempPath("eval-stderr.txt");
  std::string out;
  int code = Shell(Orbat() + " eval " + Quote(examples) + " --json 2>" + Quote(err), &out);
  ASSERT_EQ(code, 0) << out;
  json j = json::parse(out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << out;
  EXPECT_GT(j["documents"].get<int>(), 0);
  double f1 = j["facts"]["f1"].get<double>();
  double group_f1 = j["entities"]["group"]["f1"].get<double>();
  EXPECT_GE(f1, kMinExamplesFactF1) << out;
  EXPECT_GE(group_f1, kMinExamplesGroupEntityF1) << out;
  // Every fact carries its evidence.
  EXPECT_EQ(j["facts_without_evidence"].get<int>(), 0);
  std::error_code ec;
  fs::remove(err, ec);
}

// --min-f1 turns the floor into an exit code (what CI uses).
TEST(Examples, MinF1ExitCode) {
  std::string examples = std::string(ORBAT_SOURCE_DIR) + "/examples";
  if (!fs::is_directory(examples)) GTEST_SKIP() << "no " << examples;
  std::string out;
  EXPECT_EQ(Shell(Orbat() + " eval " + Quote(examples) + " --json --min-f1 0 2>/dev/null", &out), 0);
  EXPECT_EQ(Shell(Orbat() + " eval " + Quote(examples) + " --json --min-f1 1.01 2>/dev/null", &out), 1);
}

// Compares two score summaries field by field (all numbers and the per-predicate and
// per-type tables), for readable failures, then as whole JSON values.
void ExpectSameScores(const json& mine, const json& ref) {
  EXPECT_EQ(mine["documents"], ref["documents"]);
  for (const char* k : {"tp", "fp", "fn", "precision", "recall", "f1"})
    EXPECT_EQ(mine["facts"][k], ref["facts"][k]) << "facts." << k;
  for (const char* k : {"time_accuracy", "time_checked", "facts_without_evidence"})
    EXPECT_EQ(mine[k], ref[k]) << k;
  ASSERT_TRUE(ref["per_predicate"].is_object());
  EXPECT_EQ(mine["per_predicate"].size(), ref["per_predicate"].size());
  for (const auto& [p, row] : ref["per_predicate"].items()) {
    ASSERT_TRUE(mine["per_predicate"].contains(p)) << p;
    for (const char* k : {"tp", "fp", "fn", "f1"}) EXPECT_EQ(mine["per_predicate"][p][k], row[k]) << p << "." << k;
  }
  ASSERT_TRUE(ref["entities"].is_object());
  EXPECT_EQ(mine["entities"].size(), ref["entities"].size());
  for (const auto& [t, row] : ref["entities"].items()) {
    ASSERT_TRUE(mine["entities"].contains(t)) << t;
    for (const char* k : {"tp", "fp", "fn", "f1"}) EXPECT_EQ(mine["entities"][t][k], row[k]) << t << "." << k;
  }
  EXPECT_EQ(mine, ref);
}

TEST(Examples, EvalAgreesWithScorePy) {
  std::string shared = SharedDir();
  std::string gold = shared + "/corpus/dev";
  std::string score_py = shared + "/eval/score.py";
  if (!fs::is_directory(gold) || !fs::exists(score_py)) GTEST_SKIP() << "no " << shared << " (corpus/dev, eval/score.py)";
  if (std::system("python3 -c pass >/dev/null 2>&1") != 0) GTEST_SKIP() << "no python3";

  std::string system = TempPath("dev.jsonl");
  std::string out;
  int code = Shell(Orbat() + " extract " + Quote(gold) + " --format jsonl >" + Quote(system) + " 2>/dev/null", &out);
  ASSERT_TRUE(code == 0 || code == 1) << "extract exit " << code;  // 1: some file skipped
  ASSERT_GT(fs::file_size(system), 0u);

  std::string mine_text, ref_text;
  ASSERT_EQ(Shell(Orbat() + " eval " + Quote(gold) + " " + Quote(system) + " --json 2>/dev/null", &mine_text), 0);
  ASSERT_EQ(Shell("python3 " + Quote(score_py) + " " + Quote(gold) + " " + Quote(system) + " --json 2>/dev/null", &ref_text), 0);
  json mine = json::parse(mine_text, nullptr, false);
  json ref = json::parse(ref_text, nullptr, false);
  ASSERT_TRUE(mine.is_object()) << mine_text;
  ASSERT_TRUE(ref.is_object()) << ref_text;
  ExpectSameScores(mine, ref);
  // A real comparison: the extraction found something.
  EXPECT_GT(ref["facts"]["tp"].get<int>(), 0);
  // Scoring in memory (no system file) gives the same numbers as scoring the file.
  std::string in_memory_text;
  ASSERT_EQ(Shell(Orbat() + " eval " + Quote(gold) + " --json 2>/dev/null", &in_memory_text), 0);
  json in_memory = json::parse(in_memory_text, nullptr, false);
  ASSERT_TRUE(in_memory.is_object());
  EXPECT_EQ(in_memory["facts"], mine["facts"]);
  EXPECT_EQ(in_memory["entities"], mine["entities"]);
  std::error_code ec;
  fs::remove(system, ec);
}

}  // namespace
