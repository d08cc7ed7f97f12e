// PatternScreen: which of many regexes can match a text, in one pass (Hyperscan).
//
// The relation rules are ~200 regexes run over every sentence. An RE2::Set of them
// costs ~100k instructions per sentence (its DFA keeps meeting new states); a
// Hyperscan database answers "which rules match somewhere" at memory speed. The
// answer may include rules that then fail in RE2, never omits one that matches: RE2
// stays the judge and the only source of captures. A rule Hyperscan cannot compile
// exactly is screened by its prefilter approximation (HS_FLAG_PREFILTER), or failing
// that is always a candidate.
//
// Compiling the database takes seconds, so the compiled form is cached on disk
// (CacheDir()), keyed by a hash of the regexes, the Hyperscan version and the CPU;
// editing a rule file changes the key, so the cache never goes stale; files no
// process has loaded for 30 days are deleted. Without a writable cache folder each
// process compiles for itself.
//
// Thread-safe: Candidates() may run on many threads at once (one scratch space per
// thread).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace orbat {

class PatternScreen {
 public:
  // Compiles (or loads from the cache in `cache_dir`, "" for none) the regexes, in
  // RE2 syntax as the rules use it: named groups, lazy quantifiers, ^ $ anchors.
  // Fails only when Hyperscan itself cannot start.
  static Result<PatternScreen> Compile(const std::vector<std::string>& regexes,
                                       const std::string& cache_dir = CacheDir());
  PatternScreen(PatternScreen&&) noexcept;
  PatternScreen& operator=(PatternScreen&&) noexcept;
  ~PatternScreen();

  // Indexes of the regexes that may match somewhere in `text`, ascending, no repeats.
  void Candidates(std::string_view text, std::vector<int>* ids) const;

  // $ORBAT_CACHE_DIR, else $XDG_CACHE_HOME/orbat, else $HOME/.cache/orbat, else "".
  static std::string CacheDir();

  // Diagnostics (and tests): regexes screened approximately, regexes not screened at
  // all, and whether this screen came from the cache.
  size_t approximate() const { return approximate_; }
  size_t unscreened() const { return always_.size(); }
  bool from_cache() const { return from_cache_; }

 private:
  PatternScreen();
  bool LoadCached(const std::string& path);
  void SaveCached(const std::string& dir, const std::string& path) const;
  static void PruneCache(const std::string& dir, const std::string& keep);
  struct Database;
  std::unique_ptr<Database> db_;
  std::vector<int> always_;  // regexes Hyperscan rejected even as prefilters
  size_t approximate_ = 0;
  size_t count_ = 0;
  bool from_cache_ = false;
};

}  // namespace orbat
