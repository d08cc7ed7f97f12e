// Date expressions: finding them in a sentence and resolving them to ISO dates.
//
// Precision follows the text: "2014" -> 2014, "February 2014" -> 2014-02,
// "17 February 2016" / "February 17, 2016" / "2/17/2016" -> 2016-02-17. Fuzzy
// modifiers (early/mid/late, "mid-2015") keep the precision of what they modify.
// Relative expressions ("two days later", "the following year", "by the end of the
// year", "in November", "this week", "on Friday", "Dec. 13", "yesterday") resolve
// against the most recent absolute date seen in the document, else the document date;
// an expression that cannot be resolved yields nothing rather than a guess.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/segment.h"

namespace orbat {

struct PartialDate {
  int year = 0;   // 0 = unknown (then the date is invalid)
  int month = 0;  // 0 = not given
  int day = 0;    // 0 = not given
  bool valid() const { return year > 0; }
  std::string Iso() const;  // "2014", "2014-02", "2014-02-17"; "" when invalid
  static std::optional<PartialDate> ParseIso(std::string_view s);
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

struct DateMention {
  size_t begin = 0;        // byte offsets into the document text
  size_t end = 0;
  PartialDate date;        // resolved; for a range, its start
  PartialDate range_end;   // valid only for ranges ("2000–2006", "between August and
                           // November 2017", "(2011–2012)"); "present" leaves it invalid
  bool is_range = false;
  bool relative = false;   // resolved from context rather than written in full
};

// Walks a document's sentences in order, carrying the context that relative dates
// need. One resolver per document.
class DateResolver {
 public:
  explicit DateResolver(std::optional<PartialDate> document_date = std::nullopt);

  // Date expressions in text[begin, end) (one sentence), in order of position.
  // Absolute dates found here become the anchor for later relative ones.
  std::vector<DateMention> Find(std::string_view text, size_t begin, size_t end);
  // The same over the sentence's tokens when the caller has them already.
  std::vector<DateMention> Find(const std::vector<Token>& tokens);

  const std::optional<PartialDate>& document_date() const { return document_date_; }

 private:
  std::optional<PartialDate> document_date_;
  std::optional<PartialDate> anchor_;  // last absolute (or resolved) date
};

// Parses a date given as metadata ("2016-11-01", "Thursday, 05 July, 2007",
// "December 19, 2010", "2010-12-19T10:00:00Z"); nullopt when it is not a date.
std::optional<PartialDate> ParseDateString(std::string_view s);

}  // namespace orbat
