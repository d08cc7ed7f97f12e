// The name and value folding of eval/score.py, code point for code point.
//
// This is deliberately not text/normalize.h's FoldName: the scorer's norm() keeps the
// article spelling ("ash" stays "ash") and folds Arabic letters only by NFKD, and a
// port that disagrees with score.py would report numbers nobody else can reproduce.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "eval/pyvalue.h"

namespace orbat {

// norm(): NFKD, combining marks (combining class != 0) removed, lower-cased (full
// mapping, final sigma), the marks ‘ ’ ʿ ʾ ʼ ' ` ´ removed, every run of non-word
// characters made one space, trimmed, a leading "the " dropped.
std::string ScoreNorm(std::string_view name);

// norm(value) on a JSON value: null -> "", anything else folds its str().
std::string ScoreNormValue(const PyJson& value);

// norm_text(): norm plus jihadist(s) -> jihadism, salafist(s)/salafism -> salafi.
std::string ScoreNormText(const PyJson& value);

// year_of(): the first four digits after leading white space of str(t), or nothing
// (also for falsy t). Digits are returned as written (Unicode digits stay themselves).
std::optional<std::string> ScoreYearOf(const PyJson& t);

// number_of(): a JSON number as itself, else the first "1,600.5"-like number in str(x).
std::optional<double> ScoreNumberOf(const PyJson& x);

}  // namespace orbat
