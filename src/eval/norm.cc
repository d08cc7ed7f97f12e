#include "eval/norm.h"

#include <cstdlib>
#include <vector>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "base/utf8.h"

namespace orbat {

namespace {

bool IsDroppedMark(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x02BF: case 0x02BE: case 0x02BC:
    case '\'': case '`': case 0x00B4:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string ScoreNorm(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString decomposed =
      nfkd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), name.size())),
                      status);
  if (U_FAILURE(status)) return std::string();  // only on allocation failure

  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_getCombiningClass(c) == 0) bare.append(c);
    i += U16_LENGTH(c);
  }
  // Whole-string lowering, so final sigma sees its context as str.lower() does.
  bare.toLower(icu::Locale::getRoot());

  std::string out;
  bool pending_space = false;
  for (int32_t i = 0; i < bare.length();) {
    UChar32 c = bare.char32At(i);
    i += U16_LENGTH(c);
    if (IsDroppedMark(c)) continue;
    if (!PyIsWord(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';  // strip(): no leading space
    pending_space = false;
    AppendUtf8(out, static_cast<char32_t>(c));
  }
  if (out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  return out;
}

std::string ScoreNormValue(const PyJson& value) {
  if (value.is_null()) return std::string();
  if (value.is_string()) return ScoreNorm(value.get_ref<const std::string&>());
  return ScoreNorm(PyStr(value));
}

std::string ScoreNormText(const PyJson& value) {
  // After norm() the text is word characters separated by single spaces, so the
  // \b...\b substitutions of score.py are whole-word replacements.
  std::string s = ScoreNormValue(value);
  std::string out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    std::string word = s.substr(i, j - i);
    if (word == "jihadist" || word == "jihadists") word = "jihadism";
    else if (word == "salafist" || word == "salafists" || word == "salafism") word = "salafi";
    if (i > 0) out += ' ';
    out += word;
    i = j + 1;
  }
  return out;
}

std::optional<std::string> ScoreYearOf(const PyJson& t) {
  if (!PyTruthy(t)) return std::nullopt;
  std::string s = PyStr(t);
  size_t i = 0;
  while (i < s.size()) {
    size_t at = i;
    if (!PyIsSpace(DecodeUtf8(s, i))) { i = at; break; }
  }
  size_t start = i;
  for (int k = 0; k < 4; ++k) {
    if (i >= s.size() || !PyIsDigit(DecodeUtf8(s, i))) return std::nullopt;
  }
  return s.substr(start, i - start);
}

std::optional<double> ScoreNumberOf(const PyJson& x) {
  if (x.is_boolean()) return x.get<bool>() ? 1.0 : 0.0;  // bool is an int in Python
  if (x.is_number()) return x.get<double>();
  std::string s = PyTruthy(x) ? PyStr(x) : std::string();
  // re.search(r"\d[\d,]*(\.\d+)?"): find the first digit, then extend greedily.
  std::vector<std::pair<char32_t, size_t>> cps;  // code point, byte offset after it
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeUtf8(s, i);
    cps.emplace_back(c, i);
  }
  for (size_t k = 0; k < cps.size(); ++k) {
    if (!PyIsDigit(cps[k].first)) continue;
    // float() accepts any Unicode decimal digit; rewrite them as ASCII for strtod.
    std::string ascii;
    size_t m = k;
    for (; m < cps.size() && (PyIsDigit(cps[m].first) || cps[m].first == ','); ++m) {
      if (cps[m].first != ',') ascii += static_cast<char>('0' + u_charDigitValue(cps[m].first));
    }
    if (m + 1 < cps.size() && cps[m].first == '.' && PyIsDigit(cps[m + 1].first)) {
      ascii += '.';
      for (++m; m < cps.size() && PyIsDigit(cps[m].first); ++m) {
        ascii += static_cast<char>('0' + u_charDigitValue(cps[m].first));
      }
    }
    return std::strtod(ascii.c_str(), nullptr);
  }
  return std::nullopt;
}

}  // namespace orbat
