#include "text/dates.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <unordered_set>

namespace orbat {

using namespace std::string_view_literals;

namespace {

// ---- Calendar ----

enum class Unit { kDay, kWeek, kMonth, kYear };

int Precision(const PartialDate& d) { return d.day ? 3 : d.month ? 2 : 1; }

PartialDate Truncate(PartialDate d, int precision) {
  if (precision < 3) d.day = 0;
  if (precision < 2) d.month = 0;
  return d;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool ValidDate(const PartialDate& d) {
  if (d.year <= 0 || d.month < 0 || d.month > 12 || d.day < 0) return false;
  if (d.day > 0 && (d.month == 0 || d.day > DaysInMonth(d.year, d.month))) return false;
  return true;
}

// Days since 1970-01-01 and back (H. Hinnant's proleptic Gregorian algorithms).
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

PartialDate CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

long DaysOf(const PartialDate& d) {
  return DaysFromCivil(d.year, std::max(d.month, 1), std::max(d.day, 1));
}

int WeekdayOf(long days) {  // 0 = Sunday
  return static_cast<int>(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

// `base` moved by n units. The result is never more precise than either the unit
// ("a year later" gives a year) or the base (two days after "2014" is still 2014).
PartialDate Shift(const PartialDate& base, Unit unit, int n) {
  PartialDate r;
  int unit_precision = 3;
  switch (unit) {
    case Unit::kYear:
      r = {base.year + n, 0, 0};
      unit_precision = 1;
      break;
    case Unit::kMonth: {
      int index = base.year * 12 + std::max(base.month, 1) - 1 + n;
      r = {index / 12, index % 12 + 1, 0};
      unit_precision = 2;
      break;
    }
    case Unit::kWeek:
      r = CivilFromDays(DaysOf(base) + 7L * n);
      break;
    case Unit::kDay:
      r = CivilFromDays(DaysOf(base) + n);
      break;
  }
  return Truncate(r, std::min(unit_precision, Precision(base)));
}

// Orders two dates by their given parts; a missing part sorts first.
bool Before(const PartialDate& a, const PartialDate& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// ---- Words ----

bool In(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

struct Named {
  std::string_view name;
  int value;
  bool full;  // a full name; abbreviations alone need a period to stand for a month
};

constexpr Named kMonths[] = {
    {"january", 1, true},   {"jan", 1, false},  {"february", 2, true}, {"feb", 2, false},
    {"march", 3, true},     {"mar", 3, false},  {"april", 4, true},    {"apr", 4, false},
    {"may", 5, true},       {"june", 6, true},  {"jun", 6, false},     {"july", 7, true},
    {"jul", 7, false},      {"august", 8, true}, {"aug", 8, false},    {"september", 9, true},
    {"sep", 9, false},      {"sept", 9, false}, {"october", 10, true}, {"oct", 10, false},
    {"november", 11, true}, {"nov", 11, false}, {"december", 12, true}, {"dec", 12, false},
};

constexpr Named kWeekdays[] = {
    {"sunday", 0, true},   {"sun", 0, false},    {"monday", 1, true},   {"mon", 1, false},
    {"tuesday", 2, true},  {"tue", 2, false},    {"tues", 2, false},    {"wednesday", 3, true},
    {"wed", 3, false},     {"thursday", 4, true}, {"thu", 4, false},    {"thur", 4, false},
    {"thurs", 4, false},   {"friday", 5, true},  {"fri", 5, false},     {"saturday", 6, true},
    {"sat", 6, false},
};

constexpr Named kCounts[] = {
    {"a", 1, true},     {"an", 1, true},    {"one", 1, true},   {"two", 2, true},
    {"three", 3, true}, {"four", 4, true},  {"five", 5, true},  {"six", 6, true},
    {"seven", 7, true}, {"eight", 8, true}, {"nine", 9, true},  {"ten", 10, true},
    {"eleven", 11, true}, {"twelve", 12, true},
};

template <size_t N>
const Named* Lookup(const Named (&table)[N], std::string_view w) {
  for (const Named& n : table) {
    if (n.name == w) return &n;
  }
  return nullptr;
}

// Nouns that make a preceding four-digit number a count, not a year.
bool IsCountNoun(std::string_view w) {
  return In(w, {"fighters", "fighter", "people", "members", "killed", "dead", "deaths",
                "wounded", "injured", "men", "women", "children", "soldiers", "troops",
                "militants", "rebels", "civilians", "persons", "casualties", "rockets",
                "missiles", "mortars", "shells", "recruits", "followers", "supporters",
                "jihadists", "combatants", "personnel", "policemen", "police", "officers",
                "prisoners", "hostages", "detainees", "families", "homes", "houses",
                "refugees", "attacks", "operations", "strong", "km", "kilometers",
                "kilometres", "miles", "meters", "metres", "feet", "tons", "tonnes",
                "dollars", "euros", "pounds", "usd", "times", "%", "percent", "per"});
}

bool IsPronoun(std::string_view w) {
  return In(w, {"he", "she", "they", "it", "we", "i", "you"});
}

std::optional<Unit> UnitOf(std::string_view w) {
  if (w == "day"sv || w == "days"sv) return Unit::kDay;
  if (w == "week"sv || w == "weeks"sv) return Unit::kWeek;
  if (w == "month"sv || w == "months"sv) return Unit::kMonth;
  if (w == "year"sv || w == "years"sv) return Unit::kYear;
  return std::nullopt;
}

int PrecisionOf(Unit u) {
  return u == Unit::kYear ? 1 : u == Unit::kMonth ? 2 : 3;
}

int DigitsValue(std::string_view s) {
  if (s.empty() || s.size() > 4) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Only these tokens can begin a date expression; checking first keeps the scanner's
// many pattern tests off ordinary words.
bool MayStart(const Token& t) {
  static const std::unordered_set<std::string_view>* const kStarters = [] {
    auto* set = new std::unordered_set<std::string_view>{
        "between", "from", "the", "early", "mid", "late", "spring", "summer", "autumn",
        "fall", "winter", "end", "beginning", "start", "middle", "that", "today",
        "tonight", "yesterday", "this", "last", "next"};
    for (const Named& n : kMonths) set->insert(n.name);
    for (const Named& n : kWeekdays) set->insert(n.name);
    for (const Named& n : kCounts) set->insert(n.name);
    return set;
  }();
  if (t.kind == TokenKind::kNumber) return true;
  if (t.kind != TokenKind::kWord || t.fold.empty()) return false;
  return (t.fold[0] >= '0' && t.fold[0] <= '9') || kStarters->count(t.fold) > 0;
}

// ---- Scanner ----

// A date as written, before context fills in what it leaves out.
struct Piece {
  size_t first = 0;  // token range [first, last)
  size_t last = 0;
  PartialDate date;  // year 0 when the text gives none
  bool modified = false;  // "early", "the end of": a bare month is then a date
};

struct Found {
  size_t first = 0;
  size_t last = 0;
  DateMention mention;
};

class Scanner {
 public:
  Scanner(const std::vector<Token>& tokens, const std::optional<PartialDate>& document_date,
          std::optional<PartialDate>& anchor)
      : t_(tokens), doc_(document_date), anchor_(anchor) {}

  std::vector<DateMention> Run() {
    std::vector<DateMention> out;
    size_t i = 0;
    while (i < t_.size()) {
      std::optional<Found> f = MayStart(t_[i]) ? At(i) : std::nullopt;
      if (!f) {
        ++i;
        continue;
      }
      const DateMention& m = f->mention;
      anchor_ = m.is_range && m.range_end.valid() ? m.range_end : m.date;
      dated_sentence_ = true;
      out.push_back(f->mention);
      i = f->last;
    }
    return out;
  }

 private:
  // ---- token tests ----
  std::string_view F(size_t i) const {
    return i < t_.size() ? std::string_view(t_[i].fold) : std::string_view();
  }
  bool Is(size_t i, std::string_view w) const { return F(i) == w; }
  bool IsNumber(size_t i) const { return i < t_.size() && t_[i].kind == TokenKind::kNumber; }
  bool Joined(size_t i) const { return i < t_.size() && !t_[i].space_before; }


  bool IsDash(size_t i) const {
    return In(F(i), {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x92", "\xE2\x80\x95", "-"});
  }

  // Where a second date starts after a dash that follows the token range ending at
  // `last`; 0 when no dash follows.
  size_t AfterDash(size_t last) const {
    if (last > 0 && t_[last - 1].hyphen_after) return last;
    if (IsDash(last)) return last + 1;
    return 0;
  }

  struct MonthWord {
    int month = 0;
    size_t next = 0;
    bool standalone = false;  // full name, or abbreviation with its period
  };

  MonthWord MonthAt(size_t i) const {
    MonthWord r;
    if (i >= t_.size() || t_[i].kind != TokenKind::kWord || !t_[i].capitalized) return r;
    const Named* n = Lookup(kMonths, F(i));
    if (n == nullptr) return r;
    r.month = n->value;
    r.next = i + 1;
    r.standalone = n->full;
    if (!n->full && Is(i + 1, ".") && Joined(i + 1)) {
      r.next = i + 2;
      r.standalone = true;
    }
    return r;
  }

  // Weekday name at i (abbreviations only when `abbrev`); returns the next index or 0.
  size_t WeekdayAt(size_t i, bool abbrev, int* weekday) const {
    if (i >= t_.size() || !t_[i].capitalized) return 0;
    const Named* n = Lookup(kWeekdays, F(i));
    if (n == nullptr || (!n->full && !abbrev)) return 0;
    *weekday = n->value;
    return !n->full && Is(i + 1, ".") && Joined(i + 1) ? i + 2 : i + 1;
  }

  int DayAt(size_t i) const {
    if (i >= t_.size()) return 0;
    std::string_view f = F(i);
    if (t_[i].kind == TokenKind::kWord && f.size() >= 3 &&
        In(f.substr(f.size() - 2), {"st", "nd", "rd", "th"})) {
      f.remove_suffix(2);
    } else if (t_[i].kind != TokenKind::kNumber) {
      return 0;
    }
    int v = f.size() <= 2 ? DigitsValue(f) : -1;
    return v >= 1 && v <= 31 ? v : 0;
  }

  int YearAt(size_t i) const {
    if (!IsNumber(i) || F(i).size() != 4) return 0;
    int v = DigitsValue(F(i));
    return v >= 1900 && v <= 2099 ? v : 0;
  }

  // A four-digit number standing alone is a year unless money, a count or a
  // comparison surrounds it ("$2000", "2000 fighters", "more than 2000").
  bool BareYearOk(size_t i) const {
    if (i > 0 && In(F(i - 1), {"$", "\xE2\x82\xAC", "\xC2\xA3", "#", "than", "least",
                               "nearly", "approximately", "roughly", "over"})) {
      return false;
    }
    return !IsCountNoun(F(i + 1));
  }

  // ---- absolute forms ----

  std::optional<Piece> Iso(size_t i) const {
    int y = YearAt(i);
    if (!y || !t_[i].hyphen_after || !IsNumber(i + 1) || F(i + 1).size() != 2 ||
        !t_[i + 1].hyphen_after || !IsNumber(i + 2) || F(i + 2).size() != 2) {
      return std::nullopt;
    }
    PartialDate d{y, DigitsValue(F(i + 1)), DigitsValue(F(i + 2))};
    if (d.month == 0 || d.day == 0 || !ValidDate(d)) return std::nullopt;
    return Piece{i, i + 3, d};
  }

  // US order "2/17/2016"; a first number over 12 can only be the day.
  std::optional<Piece> Slashed(size_t i) const {
    if (!IsNumber(i) || F(i).size() > 2 || !Is(i + 1, "/") || !Joined(i + 1) ||
        !IsNumber(i + 2) || F(i + 2).size() > 2 || !Joined(i + 2) || !Is(i + 3, "/") ||
        !Joined(i + 3) || !Joined(i + 4) || !YearAt(i + 4)) {
      return std::nullopt;
    }
    int a = DigitsValue(F(i)), b = DigitsValue(F(i + 2));
    PartialDate d{YearAt(i + 4), a, b};
    if (a > 12) d = {d.year, b, a};
    if (d.month == 0 || d.day == 0 || !ValidDate(d)) return std::nullopt;
    return Piece{i, i + 5, d};
  }

  // "17 February 2016", "23rd of October", "05 July, 2007", "20 February".
  std::optional<Piece> DayFirst(size_t i) const {
    int d = DayAt(i);
    if (!d) return std::nullopt;
    size_t j = Is(i + 1, "of") ? i + 2 : i + 1;
    MonthWord m = MonthAt(j);
    if (!m.month || d > DaysInMonth(2000, m.month)) return std::nullopt;
    size_t k = Is(m.next, ",") ? m.next + 1 : m.next;
    if (int y = YearAt(k)) {
      PartialDate date{y, m.month, d};
      if (!ValidDate(date)) return std::nullopt;
      return Piece{i, k + 1, date};
    }
    return Piece{i, m.next, {0, m.month, d}};
  }

  // "February 17, 2016", "Dec. 13", "February 2014", "Feb. 2014", "November".
  std::optional<Piece> MonthFirst(size_t i) const {
    MonthWord m = MonthAt(i);
    if (!m.month) return std::nullopt;
    if (int d = DayAt(m.next); d && d <= DaysInMonth(2000, m.month)) {
      size_t k = Is(m.next + 1, ",") ? m.next + 2 : m.next + 1;
      if (int y = YearAt(k)) {
        PartialDate date{y, m.month, d};
        if (!ValidDate(date)) return std::nullopt;
        return Piece{i, k + 1, date};
      }
      return Piece{i, m.next + 1, {0, m.month, d}};
    }
    size_t k = Is(m.next, ",") || Is(m.next, "of") ? m.next + 1 : m.next;
    if (int y = YearAt(k)) return Piece{i, k + 1, {y, m.month, 0}};
    if (m.standalone) return Piece{i, m.next, {0, m.month, 0}};
    return std::nullopt;
  }

  std::optional<Piece> YearOnly(size_t i) const {
    if (int y = YearAt(i); y && BareYearOk(i)) return Piece{i, i + 1, {y, 0, 0}};
    // A decade ("1990s") is dated by its first year.
    std::string_view f = F(i);
    if (i < t_.size() && t_[i].kind == TokenKind::kWord && f.size() == 5 && f[4] == 's' &&
        f[3] == '0') {
      int y = DigitsValue(f.substr(0, 4));
      if (y >= 1900 && y <= 2099) return Piece{i, i + 1, {y, 0, 0}};
    }
    return std::nullopt;
  }

  std::optional<Piece> Core(size_t i) const {
    int weekday;
    if (size_t j = WeekdayAt(i, true, &weekday)) {
      if (Is(j, ",")) ++j;
      std::optional<Piece> p = DayFirst(j);
      if (!p) p = MonthFirst(j);
      if (p && p->date.day) {
        p->first = i;
        return p;
      }
    }
    if (auto p = Iso(i)) return p;
    if (auto p = Slashed(i)) return p;
    if (auto p = DayFirst(i)) return p;
    if (auto p = MonthFirst(i)) return p;
    return YearOnly(i);
  }

  // Core date with a fuzzy modifier that keeps its precision: "early 2014",
  // "mid-2015", "late August 2016", "the summer of 2004", "the end of 2014".
  std::optional<Piece> Modified(size_t i) const {
    size_t j = Is(i, "the") ? i + 1 : i;
    if (In(F(j), {"early", "mid", "late"})) {
      if (auto p = Core(j + 1)) {
        p->first = j;
        p->modified = true;
        return p;
      }
    }
    bool season = In(F(j), {"spring", "summer", "autumn", "fall", "winter"});
    bool part = In(F(j), {"end", "beginning", "start", "middle"}) && Is(j + 1, "of");
    if (season || part) {
      size_t k = Is(j + 1, "of") ? j + 2 : j + 1;
      std::optional<Piece> p = Core(k);
      if (p && (p->date.year || part)) {
        p->first = i;
        p->modified = true;
        return p;
      }
    }
    return Core(i);
  }

  // ---- context ----

  std::optional<PartialDate> AnchorOrDocument() const { return anchor_ ? anchor_ : doc_; }

  // A month (and day) written without a year takes the anchor's year, else the
  // document's, unless that would put it months after the document was written.
  std::optional<PartialDate> FillYear(PartialDate d) const {
    if (anchor_) {
      d.year = anchor_->year;
    } else if (doc_ && doc_->month) {
      d.year = doc_->year;
      if ((d.year * 12 + d.month) - (doc_->year * 12 + doc_->month) >= 2) --d.year;
    } else if (doc_) {
      d.year = doc_->year;
    } else {
      return std::nullopt;
    }
    if (!ValidDate(d)) return std::nullopt;
    return d;
  }

  bool MonthContext(size_t first) const {
    return first > 0 &&
           In(F(first - 1), {"in", "on", "since", "until", "till", "by", "during", "of", "from",
                             "to", "through", "throughout", "before", "after", "last", "this",
                             "next", "around", "between", "and", "early", "late", "mid",
                             "the"});
  }

  Found Make(size_t first, size_t last, PartialDate date, bool relative) const {
    Found f{first, last, {}};
    f.mention.begin = t_[first].begin;
    f.mention.end = t_[last - 1].end;
    f.mention.date = date;
    f.mention.relative = relative;
    return f;
  }

  std::optional<Found> Single(const Piece& p) const {
    if (p.date.year) return Make(p.first, p.last, p.date, false);
    if (!p.date.day && !p.modified && !MonthContext(p.first)) return std::nullopt;
    std::optional<PartialDate> d = FillYear(p.date);
    if (!d) return std::nullopt;
    return Make(p.first, p.last, *d, true);
  }

  // `first`..`last` spans x to y; y without a year is filled from context and x
  // takes y's year, one less when it would otherwise come after y ("November–
  // February 2018").
  std::optional<Found> Range(size_t first, size_t last, Piece x, const Piece& y) const {
    bool relative = false;
    PartialDate end = y.date;
    if (!end.year) {
      std::optional<PartialDate> filled = FillYear(end);
      if (!filled) return std::nullopt;
      end = *filled;
      relative = true;
    }
    if (!x.date.year) {
      x.date.year = end.year;
      if (Before(end, x.date)) --x.date.year;
      if (!ValidDate(x.date)) return std::nullopt;
    }
    if (Before(end, x.date)) return std::nullopt;
    Found f = Make(first, last, x.date, relative);
    f.mention.is_range = true;
    f.mention.range_end = end;
    return f;
  }

  Found OpenRange(size_t first, size_t last, const PartialDate& start) const {
    Found f = Make(first, last, start, false);
    f.mention.is_range = true;
    return f;
  }

  std::optional<Found> Absolute(size_t i) const {
    // "between August and November 2017", "from 2012 to 2014", "from 2005 to present"
    bool between = Is(i, "between");
    if (between || Is(i, "from")) {
      std::optional<Piece> x = Modified(i + 1);
      size_t k = x ? x->last : 0;
      if (x && (between ? Is(k, "and") : In(F(k), {"to", "until", "till", "through"}))) {
        if (!between && x->date.year && In(F(k + 1), {"present", "now"})) {
          return OpenRange(i, k + 2, x->date);
        }
        if (std::optional<Piece> y = Modified(k + 1)) {
          if (auto f = Range(i, y->last, *x, *y)) return f;
        }
      }
    }
    // "17–19 February 2016"
    if (int d = DayAt(i)) {
      size_t k = AfterDash(i + 1);
      std::optional<Piece> y = k ? Core(k) : std::nullopt;
      if (y && y->date.day > d && y->first == k) {
        Piece x = *y;
        x.date.day = d;
        if (auto f = Range(i, y->last, x, *y)) return f;
      }
    }
    std::optional<Piece> x = Modified(i);
    if (!x) return std::nullopt;
    if (size_t k = AfterDash(x->last)) {
      if (x->date.year && In(F(k), {"present", "now"})) return OpenRange(x->first, k + 1, x->date);
      std::optional<Piece> y = Modified(k);
      // "2006–08"
      if (!y && Precision(x->date) == 1 && IsNumber(k) && F(k).size() == 2) {
        int yy = x->date.year / 100 * 100 + DigitsValue(F(k));
        if (yy > x->date.year) y = Piece{k, k + 1, {yy, 0, 0}};
      }
      if (y) {
        if (auto f = Range(x->first, y->last, *x, *y)) return f;
      }
    }
    return Single(*x);
  }

  // ---- relative forms ----

  std::optional<Found> Shifted(size_t first, size_t last, const std::optional<PartialDate>& base,
                               Unit unit, int n) const {
    if (!base) return std::nullopt;
    return Make(first, last, Shift(*base, unit, n), true);
  }

  // Same period as the base, at the unit's precision ("that year", "the same month").
  std::optional<Found> Same(size_t first, size_t last, const std::optional<PartialDate>& base,
                            Unit unit) const {
    if (!base) return std::nullopt;
    int p = unit == Unit::kWeek ? 3 : PrecisionOf(unit);
    return Make(first, last, Truncate(*base, std::min(p, Precision(*base))), true);
  }

  std::optional<Found> Relative(size_t i) const {
    const std::optional<PartialDate> base = AnchorOrDocument();
    // "two days later", "a year after", "three weeks earlier", "two years ago"
    const Named* count = Lookup(kCounts, F(i));
    int n = count ? count->value : IsNumber(i) && F(i).size() <= 2 ? DigitsValue(F(i)) : 0;
    if (n > 0) {
      if (std::optional<Unit> unit = UnitOf(F(i + 1))) {
        std::string_view dir = F(i + 2);
        if (In(dir, {"later", "afterwards", "afterward"})) return Shifted(i, i + 3, base, *unit, n);
        if (dir == "earlier"sv) return Shifted(i, i + 3, base, *unit, -n);
        if (dir == "ago"sv) return Shifted(i, i + 3, doc_, *unit, -n);
        if (dir == "after"sv || dir == "before"sv) {
          int sign = dir == "after"sv ? 1 : -1;
          bool clause = i + 3 < t_.size() && t_[i + 3].kind != TokenKind::kPunct;
          // "On 19 February, a day after the front was established": the clause names
          // another event, a day before the date this sentence gave.
          if (clause && dated_sentence_) return Shifted(i, i + 3, base, *unit, -sign * n);
          // Without a date in the sentence the anchor is taken for the event ("a day
          // after the attack"), but not when a new clause starts ("after he was").
          if (!IsPronoun(F(i + 3))) return Shifted(i, i + 3, base, *unit, sign * n);
        }
      }
    }
    // "the following year", "the next day", "the previous month", "the same year",
    // "the year after"
    if (Is(i, "the")) {
      if (std::optional<Unit> unit = UnitOf(F(i + 2))) {
        std::string_view w = F(i + 1);
        if (In(w, {"following", "next", "subsequent"})) return Shifted(i, i + 3, base, *unit, 1);
        if (In(w, {"previous", "preceding"})) return Shifted(i, i + 3, base, *unit, -1);
        if (w == "same"sv) return Same(i, i + 3, base, *unit);
      }
      if (std::optional<Unit> unit = UnitOf(F(i + 1)); unit && !IsPronoun(F(i + 3))) {
        if (Is(i + 2, "after")) return Shifted(i, i + 3, base, *unit, 1);
        if (Is(i + 2, "before")) return Shifted(i, i + 3, base, *unit, -1);
      }
    }
    // "that year"
    if (Is(i, "that")) {
      if (std::optional<Unit> unit = UnitOf(F(i + 1)); unit && *unit != Unit::kWeek) {
        if (F(i + 1).back() != 's') return Same(i, i + 2, base, *unit);
      }
    }
    // "the end of the year", "the beginning of that month"
    size_t j = Is(i, "the") ? i + 1 : i;
    if (In(F(j), {"end", "beginning", "start", "middle"}) && Is(j + 1, "of") &&
        In(F(j + 2), {"the", "that"}) && In(F(j + 3), {"year", "month"})) {
      return Same(i, j + 4, base, *UnitOf(F(j + 3)));
    }
    return DocumentRelative(i);
  }

  // Expressions that only the document date resolves: "yesterday", "this week",
  // "last month", "on Friday".
  std::optional<Found> DocumentRelative(size_t i) const {
    if (!doc_) return std::nullopt;
    const PartialDate& doc = *doc_;
    bool day_known = doc.day > 0;
    std::string_view w = F(i);
    if (w == "today"sv || w == "tonight"sv) return Make(i, i + 1, doc, true);
    if (w == "yesterday"sv && day_known) return Shifted(i, i + 1, doc, Unit::kDay, -1);
    if ((w == "this"sv && In(F(i + 1), {"morning", "afternoon", "evening"})) ||
        (w == "last"sv && Is(i + 1, "night") && day_known)) {
      return Shifted(i, i + 2, doc, Unit::kDay, w == "this"sv ? 0 : -1);
    }
    bool counted_back = i > 0 && In(F(i - 1), {"the", "past"});  // "the last year" = a span
    if (In(w, {"this", "last", "next"}) && !counted_back) {
      int step = w == "this"sv ? 0 : w == "last"sv ? -1 : 1;
      if (std::optional<Unit> unit = UnitOf(F(i + 1)); unit && F(i + 1).back() != 's') {
        if (*unit == Unit::kWeek) {
          // A week has no calendar precision of its own: give its month.
          if (step != 0 && !day_known) return std::nullopt;
          PartialDate d = step ? Shift(doc, Unit::kWeek, step) : doc;
          if (!d.month) return std::nullopt;
          return Make(i, i + 2, Truncate(d, 2), true);
        }
        if (*unit == Unit::kDay) return std::nullopt;
        if (*unit == Unit::kMonth && !doc.month) return std::nullopt;
        return Shifted(i, i + 2, doc, *unit, step);
      }
    }
    // "on Friday", "by Thursday", "last Friday": the latest such day not after the
    // document date ("last" excludes the document's own day).
    size_t first = i;
    bool last_one = w == "last"sv;
    size_t k = last_one ? i + 1 : i;
    int weekday = 0;
    bool cue = last_one || (k > 0 && In(F(k - 1), {"on", "by", "until", "till", "since",
                                                   "before", "after", "this"}));
    if (day_known && WeekdayAt(k, false, &weekday) && cue) {
      long days = DaysOf(doc);
      int back = (WeekdayOf(days) - weekday + 7) % 7;
      if (back == 0 && last_one) back = 7;
      return Make(first, k + 1, CivilFromDays(days - back), true);
    }
    return std::nullopt;
  }

  std::optional<Found> At(size_t i) const {
    if (auto f = Absolute(i)) return f;
    return Relative(i);
  }

  const std::vector<Token>& t_;
  const std::optional<PartialDate>& doc_;
  std::optional<PartialDate>& anchor_;
  bool dated_sentence_ = false;  // a date was found earlier in this sentence
};

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" at the start of s; *used receives its length.
std::optional<PartialDate> IsoPrefix(std::string_view s, size_t* used) {
  auto digits = [&](size_t at, size_t n) {
    return at + n <= s.size() ? DigitsValue(s.substr(at, n)) : -1;
  };
  PartialDate d{digits(0, 4), 0, 0};
  if (d.year <= 0) return std::nullopt;
  *used = 4;
  if (s.size() > 4 && s[4] == '-') {
    d.month = digits(5, 2);
    if (d.month < 1 || (s.size() > 7 && s[7] >= '0' && s[7] <= '9')) return std::nullopt;
    *used = 7;
    if (s.size() > 7 && s[7] == '-') {
      d.day = digits(8, 2);
      if (d.day < 1 || (s.size() > 10 && s[10] >= '0' && s[10] <= '9')) return std::nullopt;
      *used = 10;
    }
  }
  if (!ValidDate(d)) return std::nullopt;
  return d;
}

}  // namespace

std::string PartialDate::Iso() const {
  if (!valid()) return "";
  char buf[40];
  if (day) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  } else if (month) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d", year);
  }
  return buf;
}

std::optional<PartialDate> PartialDate::ParseIso(std::string_view s) {
  size_t used = 0;
  std::optional<PartialDate> d = IsoPrefix(s, &used);
  if (!d || used != s.size()) return std::nullopt;
  return d;
}

DateResolver::DateResolver(std::optional<PartialDate> document_date)
    : document_date_(document_date && document_date->valid() ? document_date : std::nullopt) {}

std::vector<DateMention> DateResolver::Find(std::string_view text, size_t begin, size_t end) {
  return Find(Tokenize(text, begin, end));
}

std::vector<DateMention> DateResolver::Find(const std::vector<Token>& tokens) {
  return Scanner(tokens, document_date_, anchor_).Run();
}

std::optional<PartialDate> ParseDateString(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' ||
                        s.back() == '\r')) {
    s.remove_suffix(1);
  }
  size_t used = 0;
  if (std::optional<PartialDate> d = IsoPrefix(s, &used)) {
    // A time may follow: "2010-12-19T10:00:00Z", "2016-11-01 08:00".
    if (used == s.size() || s[used] == 'T' || s[used] == ' ') return d;
  }
  // Written as ISO but not a valid one ("2016-13-01"): not a date, not its year.
  if (s.size() > 4 && s[4] == '-' && DigitsValue(s.substr(0, 4)) >= 0) return std::nullopt;
  DateResolver resolver;
  for (const DateMention& m : resolver.Find(s, 0, s.size())) {
    if (!m.relative) return m.date;
  }
  return std::nullopt;
}

}  // namespace orbat
