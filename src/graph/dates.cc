#include "graph/dates.h"

#include <cctype>

namespace orbat::graph {

namespace {
bool Digits(std::string_view s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}
}  // namespace

bool IsIsoDate(std::string_view s) {
  if (s.size() == 4) return Digits(s, 0, 4);
  if (s.size() == 7) return Digits(s, 0, 4) && s[4] == '-' && Digits(s, 5, 2);
  if (s.size() == 10) return Digits(s, 0, 4) && s[4] == '-' && Digits(s, 5, 2) && s[7] == '-' && Digits(s, 8, 2);
  return false;
}

std::string DateLo(std::string_view iso) {
  if (iso.size() > 10 && IsIsoDate(iso.substr(0, 10))) iso = iso.substr(0, 10);
  if (!IsIsoDate(iso)) return {};
  std::string s(iso);
  if (s.size() == 4) s += "-01-01";
  else if (s.size() == 7) s += "-01";
  return s;
}

std::string YearOf(std::string_view iso) {
  if (iso.size() >= 4 && Digits(iso, 0, 4)) return std::string(iso.substr(0, 4));
  return {};
}

std::string Precision(std::string_view iso) {
  if (!IsIsoDate(iso.substr(0, std::min<size_t>(iso.size(), 10)))) return {};
  if (iso.size() == 4) return "year";
  if (iso.size() == 7) return "month";
  return "day";
}

}  // namespace orbat::graph
