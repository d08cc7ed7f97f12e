// End-to-end tests of `orbat extract` (the built binary, ORBAT_BINARY) on bad input:
// an empty file, a binary file, invalid UTF-8, a 50 MB file with no newline, an
// unreadable file, a malformed JSONL line. Each is reported on stderr with its file
// name (and line for JSONL) while the other documents are still extracted; the exit
// code is 1 when anything was skipped, 0 otherwise; never a crash or a hang (every run
// is bounded and killed when it overruns). Also the output forms: JSONL is one object
// per line per document and the same bytes on every run; the pretty form names the
// document and quotes its evidence.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct RunResult {
  bool finished = false;  // exited on its own before the time limit
  bool crashed = false;   // killed by a signal it did not get from us
  int code = -1;
  std::string out, err;
};

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs the orbat binary with `args` (no shell), stdout and stderr into files under
// `dir`; kills it after `timeout`.
RunResult RunOrbat(const std::vector<std::string>& args, const fs::path& dir,
             std::chrono::seconds timeout = std::chrono::seconds(60)) {
  RunResult r;
  fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  std::vector<std::string> argv_s = {ORBAT_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return r;
  if (pid == 0) {
    int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    if (o < 0 || e < 0 || in < 0) _exit(126);
    dup2(o, 1);
    dup2(e, 2);
    dup2(in, 0);
    execv(argv[0], argv.data());
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) {
      r.finished = true;
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (r.finished) {
    if (WIFEXITED(status)) r.code = WEXITSTATUS(status);
    else r.crashed = WIFSIGNALED(status);
  }
  r.out = ReadAll(out);
  r.err = ReadAll(err);
  return r;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The "doc" ids of JSONL output, failing the test on a line that is not an object.
std::vector<std::string> DocIds(const std::string& jsonl) {
  std::vector<std::string> ids;
  for (const std::string& line : Lines(jsonl)) {
    json j = json::parse(line, nullptr, false);
    EXPECT_TRUE(j.is_object()) << line.substr(0, 200);
    if (j.is_object() && j.contains("doc") && j["doc"].is_string()) ids.push_back(j["doc"]);
  }
  return ids;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

const char kGood[] = "Jund al-Aqsa pledged allegiance to Jabhat Fateh al-Sham in October 2016.\n";

class ExtractCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(ORBAT_BINARY)) GTEST_SKIP() << "no binary at " << ORBAT_BINARY;
    static int counter = 0;
    root_ = fs::temp_directory_path() /
            ("orbat-extract-cli-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
    Write("good.txt", kGood);
  }
  void TearDown() override {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      fs::permissions(it->path(), fs::perms::owner_all, ec);
    fs::remove_all(root_, ec);
  }
  fs::path Write(const std::string& name, const std::string& content) {
    fs::path p = root_ / "in" / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  std::string In() const { return (root_ / "in").string(); }
  RunResult Extract(std::chrono::seconds timeout = std::chrono::seconds(60)) {
    return RunOrbat({"extract", In(), "--format", "jsonl"}, root_, timeout);
  }

  // The common expectations for one bad file beside the good one.
  void ExpectSkipped(const RunResult& r, const std::string& name, const std::string& where = "") {
    ASSERT_TRUE(r.finished) << "did not finish in time";
    ASSERT_FALSE(r.crashed) << r.err;
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
    if (!where.empty()) {
      EXPECT_NE(r.err.find(where), std::string::npos) << r.err;
    }
    // Only the bad file is reported.
    EXPECT_EQ(r.err.find("good.txt"), std::string::npos) << r.err;
    // The good document is still extracted, with its fact.
    std::vector<std::string> ids = DocIds(r.out);
    EXPECT_TRUE(Has(ids, "good")) << r.out;
    EXPECT_NE(r.out.find("affiliate_of"), std::string::npos) << r.out;
  }

  fs::path root_;
};

TEST_F(ExtractCli, AllGoodExitsZero) {
  Write("second.txt", "Jund al-Aqsa left the Army of Conquest on 23 October 2015.\n");
  RunResult r = Extract();
  ASSERT_TRUE(r.finished);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<std::string> ids = DocIds(r.out);
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_TRUE(Has(ids, "good"));
  EXPECT_TRUE(Has(ids, "second"));
}

TEST_F(ExtractCli, EmptyFile) {
  Write("empty.txt", "");
  ExpectSkipped(Extract(), "empty.txt");
}

TEST_F(ExtractCli, BlankFile) {
  Write("blank.txt", "  \n\t\n\n");
  ExpectSkipped(Extract(), "blank.txt");
}

TEST_F(ExtractCli, BinaryFile) {
  static const char kHeader[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  std::string png(kHeader, sizeof kHeader - 1);  // NULs inside: the length is the array's
  for (int i = 0; i < 64; ++i) png += static_cast<char>(i * 37 % 256);
  Write("image.txt", png);
  ExpectSkipped(Extract(), "image.txt");
}

TEST_F(ExtractCli, InvalidUtf8) {
  // Latin-1 bytes in an otherwise English text, on line 2.
  Write("latin1.txt", "Hamas arrested members of Jaysh al-Ummah.\nThe caf\xE9 in Rafah was closed \xFF\xFE.\n");
  ExpectSkipped(Extract(), "latin1.txt");
}

TEST_F(ExtractCli, MalformedJsonlLine) {
  Write("docs.jsonl",
        "{\"id\": \"first\", \"text\": \"Hamas arrested members of Jaysh al-Ummah in Gaza.\"}\n"
        "{\"id\": \"broken\", \"text\": \n"
        "{\"id\": \"third\", \"text\": \"Jund al-Aqsa left the Army of Conquest on 23 October 2015.\"}\n");
  RunResult r = Extract();
  ExpectSkipped(r, "docs.jsonl", "docs.jsonl:2");
  std::vector<std::string> ids = DocIds(r.out);
  // The lines around the broken one are documents of their own.
  EXPECT_TRUE(Has(ids, "first")) << r.out;
  EXPECT_TRUE(Has(ids, "third")) << r.out;
  EXPECT_FALSE(Has(ids, "broken")) << r.out;
  EXPECT_EQ(r.err.find("docs.jsonl:1"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("docs.jsonl:3"), std::string::npos) << r.err;
}

TEST_F(ExtractCli, UnreadableFile) {
  fs::path p = Write("secret.txt", "Hamas arrested members of Jaysh al-Ummah.\n");
  ::chmod(p.c_str(), 0);
  int fd = ::open(p.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::close(fd);
    GTEST_SKIP() << "running with rights that read a mode-000 file (root?)";
  }
  ExpectSkipped(Extract(), "secret.txt");
}

TEST_F(ExtractCli, MissingPathAmongGoodOnes) {
  RunResult r = RunOrbat({"extract", In(), (root_ / "nope.txt").string(), "--format", "jsonl"}, root_);
  ExpectSkipped(r, "nope.txt");
}

// 50 MB without a newline (and without sentence punctuation): the extractor must not
// go quadratic on one endless "sentence". Bounded generously; it must finish.
TEST_F(ExtractCli, FiftyMegabytesWithoutNewline) {
  {
    const std::string chunk = "Jund al-Aqsa fighters moved along the road near Idlib and rested ";
    std::ofstream out(root_ / "in" / "huge.txt", std::ios::binary);
    const size_t total = 50u * 1024 * 1024;
    size_t written = 0;
    while (written + chunk.size() <= total) {
      out << chunk;
      written += chunk.size();
    }
    out << std::string(total - written, 'x');
  }
  ASSERT_EQ(fs::file_size(root_ / "in" / "huge.txt"), 50u * 1024 * 1024);
  RunResult r = Extract(std::chrono::seconds(300));
  ASSERT_TRUE(r.finished) << "still running after 300 s";
  ASSERT_FALSE(r.crashed) << r.err;
  EXPECT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.err;
  std::vector<std::string> ids = DocIds(r.out);
  EXPECT_TRUE(Has(ids, "huge"));
  EXPECT_TRUE(Has(ids, "good"));
}

// ---------------------------------------------------------------- output forms

TEST_F(ExtractCli, JsonlIsOneObjectPerDocumentAndStable) {
  Write("b.txt",
        "Jund al-Aqsa, also known as Sarayat al-Quds, was founded in 2012.\n"
        "In October 2016, clashes broke out between Jund al-Aqsa and Ahrar al-Sham.\n");
  Write("c.md", "# Jaysh al-Ummah\n\nHamas reportedly arrested members of Jaysh al-Ummah in Gaza.\n");
  Write("d.html",
        "<html><head><title>Hamas</title></head><body><p>Hamas arrested members of "
        "Jaysh al-Ummah.</p>\n<p>It claimed responsibility for an attack on Israel.</p></body></html>");
  RunResult first = Extract();
  ASSERT_TRUE(first.finished);
  EXPECT_EQ(first.code, 0) << first.err;
  std::vector<std::string> lines = Lines(first.out);
  ASSERT_EQ(lines.size(), 4u) << first.out;
  std::set<std::string> ids;
  for (const std::string& line : lines) {
    json j = json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << line;
    ASSERT_TRUE(j["doc"].is_string());
    ids.insert(j["doc"].get<std::string>());
    EXPECT_TRUE(j.contains("date"));
    EXPECT_TRUE(j["entities"].is_array());
    ASSERT_TRUE(j["facts"].is_array());
    for (const json& f : j["facts"]) {
      EXPECT_TRUE(f["s"].is_string() && f["p"].is_string() && f["o"].is_string()) << f.dump();
      ASSERT_TRUE(f["evidence"].is_object()) << f.dump();
      EXPECT_TRUE(f["evidence"]["sentence"].is_string());
      EXPECT_LT(f["evidence"]["begin"].get<long>(), f["evidence"]["end"].get<long>());
    }
  }
  EXPECT_EQ(ids, (std::set<std::string>{"good", "b", "c", "d"}));
  RunResult second = Extract();
  ASSERT_TRUE(second.finished);
  EXPECT_EQ(second.code, 0);
  EXPECT_EQ(second.out, first.out);  // byte for byte
}

// Documents are extracted on several threads but printed in input order: the bytes do
// not depend on --jobs (examples/ plus one JSONL file of many small documents).
TEST_F(ExtractCli, OutputDoesNotDependOnJobs) {
  std::string many;
  for (int i = 0; i < 60; ++i)
    many += "{\"id\": \"n" + std::to_string(i) + "\", \"text\": \"In 201" + std::to_string(i % 10) +
            ", Hamas clashed with Fatah in Gaza. Jund al-Aqsa pledged allegiance to the Islamic State.\"}\n";
  Write("many.jsonl", many);
  std::string examples = std::string(ORBAT_SOURCE_DIR) + "/examples";
  RunResult one = RunOrbat({"extract", In(), examples, "--format", "jsonl", "--jobs", "1"}, root_);
  RunResult four = RunOrbat({"extract", In(), examples, "--format", "jsonl", "--jobs", "4"}, root_);
  ASSERT_TRUE(one.finished && four.finished);
  EXPECT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(four.code, 0) << four.err;
  EXPECT_GT(Lines(one.out).size(), 60u);
  EXPECT_EQ(four.out, one.out);
  RunResult pretty1 = RunOrbat({"extract", In(), "--jobs", "1"}, root_);
  RunResult pretty3 = RunOrbat({"extract", In(), "--jobs", "3"}, root_);
  EXPECT_EQ(pretty3.out, pretty1.out);
}

TEST_F(ExtractCli, PrettyNamesTheDocumentAndQuotesEvidence) {
  fs::path p = Write("jund-pledge.txt", kGood);
  RunResult r = RunOrbat({"extract", p.string()}, root_);
  ASSERT_TRUE(r.finished);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("jund-pledge"), std::string::npos) << r.out;
  // The evidence sentence is quoted.
  EXPECT_NE(r.out.find("\"Jund al-Aqsa pledged allegiance to Jabhat Fateh al-Sham in October 2016.\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("affiliate_of"), std::string::npos) << r.out;
  // Not JSON.
  EXPECT_FALSE(json::parse(r.out, nullptr, false).is_object());
}

}  // namespace
