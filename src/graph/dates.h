// ISO partial dates as the graph compares them: "2014", "2014-02", "2014-02-17".
// A partial date stands for its whole period; comparisons use the period's first day
// (Lo) so "2016" <= "2016-02" and a link starting "2016-10" does not hold at "2016-02".
#pragma once

#include <string>
#include <string_view>

namespace orbat::graph {

// "2016" -> "2016-01-01", "2016-02" -> "2016-02-01"; "" when not a date.
std::string DateLo(std::string_view iso);
// The year as a string ("2016-02-17" -> "2016"), or "".
std::string YearOf(std::string_view iso);
// True when `s` is an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD).
bool IsIsoDate(std::string_view s);
// Precision name: "year", "month", "day" or "" (used by the CSV export).
std::string Precision(std::string_view iso);

}  // namespace orbat::graph
