// Python value semantics over parsed JSON, for the scorer port (eval/score.py).
//
// score.py folds whatever the system wrote with str(), tests it with truthiness and
// rounds with round(); matching it on odd input ("o": 1600, "o": ["a", "b"], a float
// year) needs the same conversions. Values are what json.loads would have produced.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace orbat {

using PyJson = nlohmann::ordered_json;

// bool(v): null, false, 0, "", [] and {} are false.
bool PyTruthy(const PyJson& v);

// str(v): strings as they are, None/True/False, ints in decimal, floats as repr(),
// lists and dicts as Python prints them ("['a', 1]", "{'start': '2014'}").
std::string PyStr(const PyJson& v);

// repr(v): as PyStr, but strings quoted and escaped the way Python does.
std::string PyRepr(const PyJson& v);
std::string PyStrRepr(std::string_view s);

// repr(float): shortest round-trip digits; exponent form below 1e-4 and from 1e16.
std::string PyFloatRepr(double d);

// round(x, ndigits) on a float: correctly rounded, exact ties to even.
double PyRound(double x, int ndigits);

// str.isspace() / the \s class of Python's re for one code point.
bool PyIsSpace(char32_t c);

// The \w class of Python's re for str patterns: letters, numerics and '_'.
bool PyIsWord(char32_t c);

// The \d class: Unicode decimal digits (category Nd).
bool PyIsDigit(char32_t c);

}  // namespace orbat
