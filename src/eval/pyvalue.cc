#include "eval/pyvalue.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace orbat {

bool PyTruthy(const PyJson& v) {
  switch (v.type()) {
    case PyJson::value_t::null: return false;
    case PyJson::value_t::boolean: return v.get<bool>();
    case PyJson::value_t::number_integer: return v.get<int64_t>() != 0;
    case PyJson::value_t::number_unsigned: return v.get<uint64_t>() != 0;
    case PyJson::value_t::number_float: return v.get<double>() != 0.0;  // NaN is true
    case PyJson::value_t::string: return !v.get_ref<const std::string&>().empty();
    case PyJson::value_t::array:
    case PyJson::value_t::object: return !v.empty();
    default: return false;
  }
}

std::string PyFloatRepr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, r.ptr);  // "-1.2345e+03": shortest round-trip digits
  std::string sign;
  if (sci[0] == '-') { sign = "-"; sci.erase(0, 1); }
  size_t e = sci.find('e');
  std::string digits = sci.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  int exp = std::atoi(sci.c_str() + e + 1);
  int decpt = exp + 1;  // value = 0.DIGITS * 10^decpt, as in CPython's float_repr
  std::string out;
  if (decpt <= -4 || decpt > 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += ebuf;
  } else if (decpt <= 0) {
    out = "0." + std::string(-decpt, '0') + digits;
  } else if (static_cast<size_t>(decpt) >= digits.size()) {
    out = digits + std::string(decpt - digits.size(), '0') + ".0";
  } else {
    out = digits.substr(0, decpt) + "." + digits.substr(decpt);
  }
  return sign + out;
}

double PyRound(double x, int ndigits) {
  if (!std::isfinite(x)) return x;
  // glibc's printf rounds the exact binary value, ties to even, as CPython's round()
  // does through dtoa; strtod then gives the nearest double, as CPython does.
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", ndigits, x);
  return std::strtod(buf, nullptr);
}

namespace {

// Python's str.isprintable(): false for Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs but ' '.
bool PyIsPrintable(char32_t c) {
  if (c == ' ') return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_SURROGATE: case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
    case U_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

}  // namespace

std::string PyStrRepr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = DecodeUtf8(s, i);
    char buf[16];
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < ' ' || c == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else if (c < 0x7f || PyIsPrintable(c)) {
      AppendUtf8(out, c);
    } else if (c <= 0xff) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else if (c <= 0xffff) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
      out += buf;
    }
  }
  out += quote;
  return out;
}

std::string PyStr(const PyJson& v) {
  switch (v.type()) {
    case PyJson::value_t::null: return "None";
    case PyJson::value_t::boolean: return v.get<bool>() ? "True" : "False";
    case PyJson::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case PyJson::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case PyJson::value_t::number_float: return PyFloatRepr(v.get<double>());
    case PyJson::value_t::string: return v.get<std::string>();
    case PyJson::value_t::array: {
      std::string out = "[";
      bool first = true;
      for (const PyJson& x : v) {
        if (!first) out += ", ";
        first = false;
        out += PyRepr(x);
      }
      return out + "]";
    }
    case PyJson::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        out += PyStrRepr(it.key()) + ": " + PyRepr(it.value());
      }
      return out + "}";
    }
    default: return "";
  }
}

std::string PyRepr(const PyJson& v) {
  return v.is_string() ? PyStrRepr(v.get_ref<const std::string&>()) : PyStr(v);
}

bool PyIsSpace(char32_t c) {
  // CPython's _PyUnicode_IsWhitespace: bidi classes WS, B, S and category Zs.
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
    case 0x85: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

bool PyIsWord(char32_t c) {
  if (c == '_') return true;
  UChar32 u = static_cast<UChar32>(c);
  switch (u_charType(u)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
      return true;
    default:
      break;
  }
  // isdecimal() or isdigit() or isnumeric(): any Numeric_Type.
  return u_getIntPropertyValue(u, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

bool PyIsDigit(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER; }

}  // namespace orbat
