#include "extract/pattern_screen.h"

#include <hs/hs.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <cstdint>
#include <numeric>

namespace orbat {

struct PatternScreen::Database {
  hs_database_t* db = nullptr;
  ~Database() { hs_free_database(db); }
};

namespace {

int OnMatch(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  static_cast<std::vector<int>*>(ctx)->push_back(static_cast<int>(id));
  return 0;  // keep scanning: every rule that matches is wanted
}

// One scratch space per thread, grown by hs_alloc_scratch to fit every database the
// thread scans with. Growing is not free, so it happens only when hs_scan says the
// scratch does not fit (HS_INVALID).
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  ~ThreadScratch() { hs_free_scratch(scratch); }
};

hs_error_t Scan(const hs_database_t* db, std::string_view text, std::vector<int>* ids) {
  thread_local ThreadScratch local;
  hs_error_t rc = HS_INVALID;
  if (local.scratch) rc = hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, local.scratch, OnMatch, ids);
  if (rc == HS_INVALID) {
    if (hs_alloc_scratch(db, &local.scratch) != HS_SUCCESS) return HS_NOMEM;
    rc = hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, local.scratch, OnMatch, ids);
  }
  return rc;
}

}  // namespace

PatternScreen::PatternScreen() = default;
PatternScreen::PatternScreen(PatternScreen&&) noexcept = default;
PatternScreen& PatternScreen::operator=(PatternScreen&&) noexcept = default;
PatternScreen::~PatternScreen() = default;

namespace {

// FNV-1a: a stable 64-bit hash (std::hash may differ between builds).
uint64_t Fnv1a(std::string_view data, uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string CacheKey(const std::vector<std::string>& regexes, unsigned flags) {
  hs_platform_info_t platform{};
  hs_populate_platform(&platform);
  uint64_t h = Fnv1a(hs_version());
  h = Fnv1a(std::to_string(flags), h);
  h = Fnv1a(std::string_view(reinterpret_cast<const char*>(&platform), sizeof platform), h);
  for (const std::string& re : regexes) h = Fnv1a(std::string_view(re.c_str(), re.size() + 1), h);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// Cache file: one text line "orbat-screen 1 <approximate> <n> <id>..." naming the
// regexes left out of the database, then the serialized database.
constexpr std::string_view kMagic = "orbat-screen 1";

// Every rule is reported once per text (all we need to know), and may match empty.
constexpr unsigned kFlags = HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY;

}  // namespace

std::string PatternScreen::CacheDir() {
  if (const char* d = std::getenv("ORBAT_CACHE_DIR"); d && *d) return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return std::string(d) + "/orbat";
  if (const char* d = std::getenv("HOME"); d && *d) return std::string(d) + "/.cache/orbat";
  return "";
}

bool PatternScreen::LoadCached(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line) || line.rfind(kMagic, 0) != 0) return false;
  std::istringstream head(line.substr(kMagic.size()));
  size_t n = 0;
  if (!(head >> approximate_ >> n)) return false;
  always_.clear();
  for (size_t i = 0; i < n; ++i) {
    int id;
    if (!(head >> id) || id < 0 || static_cast<size_t>(id) >= count_) return false;
    always_.push_back(id);
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return false;
  db_->db = db;
  return true;
}

void PatternScreen::SaveCached(const std::string& dir, const std::string& path) const {
  char* bytes = nullptr;
  size_t size = 0;
  if (hs_serialize_database(db_->db, &bytes, &size) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  // Written aside and renamed, so a concurrent reader sees the old file or the whole new one.
  std::string tmp = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    out << kMagic << ' ' << approximate_ << ' ' << always_.size();
    for (int id : always_) out << ' ' << id;
    out << '\n';
    out.write(bytes, static_cast<std::streamsize>(size));
    if (!out) ec = std::make_error_code(std::errc::io_error);
  }
  std::free(bytes);
  if (!ec) std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);  // no cache is fine; a broken one is not
  PruneCache(dir, path);
}

// Every edit of a rule file makes a new cache file (1-2 MB); the old ones are deleted
// once nothing has loaded them for 30 days (loading one touches it).
void PatternScreen::PruneCache(const std::string& dir, const std::string& keep) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(24 * 30);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (name.rfind("screen-", 0) != 0 || p.extension() != ".hs" || p.string() == keep) continue;
    std::error_code time_ec;
    auto written = fs::last_write_time(p, time_ec);
    if (!time_ec && written < cutoff) fs::remove(p, time_ec);
  }
}

Result<PatternScreen> PatternScreen::Compile(const std::vector<std::string>& regexes,
                                             const std::string& cache_dir) {
  PatternScreen screen;
  screen.count_ = regexes.size();
  screen.db_ = std::make_unique<Database>();
  std::string cache_path =
      cache_dir.empty() ? "" : cache_dir + "/screen-" + CacheKey(regexes, kFlags) + ".hs";
  if (!cache_path.empty() && screen.LoadCached(cache_path)) {
    screen.from_cache_ = true;
    std::error_code ec;  // marks the file as in use (see PruneCache)
    std::filesystem::last_write_time(cache_path, std::filesystem::file_time_type::clock::now(), ec);
    return screen;
  }
  // A rule Hyperscan rejects is retried as a prefilter, and if that fails too it is
  // left out of the database and always handed to RE2.
  std::vector<unsigned> flags(regexes.size(), kFlags);
  std::vector<bool> left_out(regexes.size(), false);
  for (;;) {
    std::vector<const char*> exprs;
    std::vector<unsigned> fl, ids;
    for (size_t i = 0; i < regexes.size(); ++i) {
      if (left_out[i]) continue;
      exprs.push_back(regexes[i].c_str());
      fl.push_back(flags[i]);
      ids.push_back(static_cast<unsigned>(i));
    }
    if (exprs.empty()) break;
    hs_compile_error_t* err = nullptr;
    hs_database_t* db = nullptr;
    hs_error_t rc = hs_compile_multi(exprs.data(), fl.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                                     HS_MODE_BLOCK, nullptr, &db, &err);
    if (rc == HS_SUCCESS) {
      screen.db_->db = db;
      break;
    }
    int bad = err ? err->expression : -1;
    std::string message = err && err->message ? err->message : "unknown error";
    hs_free_compile_error(err);
    if (bad < 0) return Error{"", 0, "Hyperscan cannot compile the rule screen: " + message};
    size_t i = ids[bad];
    if (!(flags[i] & HS_FLAG_PREFILTER)) {
      flags[i] |= HS_FLAG_PREFILTER;
    } else {
      left_out[i] = true;
    }
  }
  for (size_t i = 0; i < regexes.size(); ++i) {
    if (left_out[i]) screen.always_.push_back(static_cast<int>(i));
    else if (flags[i] & HS_FLAG_PREFILTER) ++screen.approximate_;
  }
  if (!cache_path.empty() && screen.db_->db) screen.SaveCached(cache_dir, cache_path);
  return screen;
}

void PatternScreen::Candidates(std::string_view text, std::vector<int>* ids) const {
  ids->assign(always_.begin(), always_.end());
  if (!db_ || !db_->db) return;
  if (text.size() > UINT32_MAX || Scan(db_->db, text, ids) != HS_SUCCESS) {
    // No scratch space (out of memory) or a text too long for one scan: every rule is
    // a candidate. Slower, never wrong.
    ids->resize(count_);
    std::iota(ids->begin(), ids->end(), 0);
    return;
  }
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

}  // namespace orbat
