// Trigger patterns: the data-driven rules that turn a sentence into relations and
// events (data/patterns/relations.tsv; its header explains the syntax to analysts).
//
// Patterns run over an abstracted sentence: folded words separated by single spaces,
// with every entity mention replaced by a slot token "<g12>" (type letter + entity
// index: g group, s state, p place, h person, m media, o other), coordinated mentions
// by one list token "<g3_g7_s9>", dates by "<d0>" and quantities by "<n0>". Macros
// such as {S}, {O:p} and {GAP} keep the rules short; they expand to RE2 syntax.
// All patterns are screened at once (PatternScreen, a Hyperscan database), so a
// sentence costs one scan plus the RE2 runs of the few patterns that can match.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "base/result.h"
#include "extract/pattern_screen.h"


namespace orbat {

// One rule: a pattern and what a match of it asserts.
struct Pattern {
  std::vector<std::string> predicates;  // usually one; "clash+rival" gives two
  std::string source;                   // as written in the file (for diagnostics)
  std::string file;
  long line = 0;
  enum class TimeRole { kWhen, kStart, kEnd, kNone } time_role = TimeRole::kWhen;
  std::string hedge;           // forced hedge ("claimed") or empty
  double confidence = 0.7;
  bool swap = false;           // the captured s/o are the fact's o/s
  bool pairs = false;          // the {S} slot is a list whose members relate pairwise
  bool needs_subject = false;  // the regex has no (?P<s>...) group: the clause subject is used
};

struct PatternMatch {
  const Pattern* pattern = nullptr;
  size_t begin = 0, end = 0;            // byte range of the match in the abstract sentence
  std::string s, o;                     // captured slot tokens ("" when not captured)
  std::string text;                     // a {T} text object (folded words)
  size_t s_pos = std::string::npos, o_pos = std::string::npos;
  size_t trigger_pos = 0;               // start of the match
};

class PatternSet {
 public:
  // Loads every rule file; each line is "predicates<TAB>options<TAB>pattern".
  static Result<PatternSet> Load(const std::vector<std::string>& files);
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  ~PatternSet();

  // Every match of every pattern in `abstract` (all non-overlapping matches of each).
  std::vector<PatternMatch> MatchAll(std::string_view abstract) const;

  size_t size() const { return patterns_.size(); }
  // Rules the screen cannot take (Hyperscan rejected them): they run on every sentence.
  size_t unscreened() const;

  // Expands the macros of one pattern to RE2 syntax (exposed for tests).
  static std::string Expand(std::string_view pattern);

 private:
  PatternSet();
  // How a rule's slots are read off a match. Capturing groups make RE2 run its
  // submatch engine (8x the cost of finding the match), so a rule whose slots sit at
  // the ends of the match -- "{S} ... {O}", "{O} ... {S}", no {S} -- is matched without
  // them and the slot tokens are read from the match's first and last tokens.
  struct Compiled {
    std::unique_ptr<re2::RE2> re;
    int ngroups = 1;                 // capturing groups + the whole match
    int s_idx = -1, o_idx = -1;      // group numbers (-1: none)
    bool text_object = false;        // the object is a {T} text, not a slot
    enum class Edge { kNone, kFirst, kLast };
    Edge s_edge = Edge::kNone, o_edge = Edge::kNone;
    bool edges_only = false;         // every slot is read at an edge: no captures needed
  };
  static Compiled Compile(const Pattern& p, std::unique_ptr<re2::RE2> re);
  std::vector<Pattern> patterns_;
  std::vector<Compiled> regexes_;
  std::unique_ptr<PatternScreen> screen_;
};

}  // namespace orbat
