#include "text/dates.h"

#include <gtest/gtest.h>

#include <string>

namespace orbat {
namespace {

// "written=resolved" per mention, "; " between; ranges as "start..end", "rel" when the
// date came from context.
std::string Show(std::string_view text, const std::vector<DateMention>& mentions) {
  std::string out;
  for (const DateMention& m : mentions) {
    if (!out.empty()) out += "; ";
    out += std::string(text.substr(m.begin, m.end - m.begin)) + "=" + m.date.Iso();
    if (m.is_range) out += ".." + (m.range_end.valid() ? m.range_end.Iso() : "present");
    if (m.relative) out += " rel";
  }
  return out;
}

std::string Dates(DateResolver& r, std::string_view s) { return Show(s, r.Find(s, 0, s.size())); }

std::string Dates(std::string_view s) {
  DateResolver r;
  return Dates(r, s);
}

std::string DatesOn(std::string_view document_date, std::string_view s) {
  DateResolver r(PartialDate::ParseIso(document_date));
  return Dates(r, s);
}

TEST(PartialDate, Iso) {
  EXPECT_EQ((PartialDate{2014, 0, 0}).Iso(), "2014");
  EXPECT_EQ((PartialDate{2014, 2, 0}).Iso(), "2014-02");
  EXPECT_EQ((PartialDate{2016, 2, 17}).Iso(), "2016-02-17");
  EXPECT_EQ(PartialDate{}.Iso(), "");
}

TEST(PartialDate, ParseIso) {
  EXPECT_EQ(PartialDate::ParseIso("2014"), (PartialDate{2014, 0, 0}));
  EXPECT_EQ(PartialDate::ParseIso("2014-02"), (PartialDate{2014, 2, 0}));
  EXPECT_EQ(PartialDate::ParseIso("2016-02-17"), (PartialDate{2016, 2, 17}));
  EXPECT_EQ(PartialDate::ParseIso("2016-02-29"), (PartialDate{2016, 2, 29}));
  EXPECT_FALSE(PartialDate::ParseIso("2015-02-29"));
  EXPECT_FALSE(PartialDate::ParseIso("2016-02-30"));
  EXPECT_FALSE(PartialDate::ParseIso("2016-13"));
  EXPECT_FALSE(PartialDate::ParseIso("2016-2-17"));
  EXPECT_FALSE(PartialDate::ParseIso("2016-02-17T00:00"));
  EXPECT_FALSE(PartialDate::ParseIso("abcd"));
  EXPECT_FALSE(PartialDate::ParseIso(""));
}

TEST(ParseDateString, Metadata) {
  EXPECT_EQ(ParseDateString("2016-11-01"), (PartialDate{2016, 11, 1}));
  EXPECT_EQ(ParseDateString("Thursday, 05 July, 2007"), (PartialDate{2007, 7, 5}));
  EXPECT_EQ(ParseDateString("December 19, 2010"), (PartialDate{2010, 12, 19}));
  EXPECT_EQ(ParseDateString("Sunday, December 19, 2010"), (PartialDate{2010, 12, 19}));
  EXPECT_EQ(ParseDateString("2010-12-19T10:00:00Z"), (PartialDate{2010, 12, 19}));
  EXPECT_EQ(ParseDateString(" 2016-11-01 08:00 "), (PartialDate{2016, 11, 1}));
  EXPECT_EQ(ParseDateString("Tue, 19 Dec 2010 10:00:00 GMT"), (PartialDate{2010, 12, 19}));
  EXPECT_EQ(ParseDateString("May 2014"), (PartialDate{2014, 5, 0}));
  EXPECT_EQ(ParseDateString("2014"), (PartialDate{2014, 0, 0}));
  EXPECT_FALSE(ParseDateString("2016-13-01"));
  EXPECT_FALSE(ParseDateString("not a date"));
  EXPECT_FALSE(ParseDateString("yesterday"));
  EXPECT_FALSE(ParseDateString(""));
}

TEST(Find, Years) {
  EXPECT_EQ(Dates("In 2014 the group formed."), "2014=2014");
  EXPECT_EQ(Dates("Size: 25+ (2008)"), "2008=2008");
  EXPECT_EQ(Dates("It fought in the 2012 Gaza War and the 2014 Gaza War."),
            "2012=2012; 2014=2014");
}

TEST(Find, NumbersThatAreNotYears) {
  EXPECT_EQ(Dates("increasing its strength up to 1,600 fighters."), "");
  EXPECT_EQ(Dates("Some 2000 fighters and 2015 people and 1950 members were killed."), "");
  EXPECT_EQ(Dates("It paid $2000 for it."), "");
  EXPECT_EQ(Dates("more than 2000 and at least 2010"), "");
  EXPECT_EQ(Dates("It won 14 seats."), "");
  EXPECT_EQ(Dates("over 400 fighters; 800 other rebels; 1850; 2100"), "");
  EXPECT_EQ(Dates("a 2000-strong force"), "");
  EXPECT_EQ(Dates("(4 killed, 4 wounded)"), "");
  EXPECT_EQ(Dates("the 16-week-long abduction and their two-week captivity"), "");
}

TEST(Find, MonthYear) {
  EXPECT_EQ(Dates("In February 2014 Jund al-Aqsa captured the town."), "February 2014=2014-02");
  EXPECT_EQ(Dates("in Feb. 2014"), "Feb. 2014=2014-02");
  EXPECT_EQ(Dates("In the February 2016 Khanasir offensive"), "February 2016=2016-02");
  EXPECT_EQ(Dates("Formed: January 2009"), "January 2009=2009-01");
  EXPECT_EQ(Dates("in May of 2014"), "May of 2014=2014-05");
}

TEST(Find, DayMonthYear) {
  EXPECT_EQ(Dates("On 17 February 2016, over 400 fighters defected."),
            "17 February 2016=2016-02-17");
  EXPECT_EQ(Dates("On the 23 October 2015, Jund al-Aqsa left."), "23 October 2015=2015-10-23");
  EXPECT_EQ(Dates("on the 23rd of October 2015"), "23rd of October 2015=2015-10-23");
  EXPECT_EQ(Dates("PUBLISHED : Thursday, 05 July, 2007, 12:00am"),
            "Thursday, 05 July, 2007=2007-07-05");
  EXPECT_EQ(Dates("on 31 February 2016"), "February 2016=2016-02");
}

TEST(Find, MonthDayYear) {
  EXPECT_EQ(Dates("February 17, 2016"), "February 17, 2016=2016-02-17");
  EXPECT_EQ(Dates("First Attack: March 15, 2009: AQAP claimed"), "March 15, 2009=2009-03-15");
  EXPECT_EQ(Dates("May 31, 2008"), "May 31, 2008=2008-05-31");
  EXPECT_EQ(Dates("Sunday, December 19, 2010"), "Sunday, December 19, 2010=2010-12-19");
  EXPECT_EQ(Dates("on Dec. 13, 2010"), "Dec. 13, 2010=2010-12-13");
}

TEST(Find, NumericForms) {
  EXPECT_EQ(Dates("on 2/17/2016 it"), "2/17/2016=2016-02-17");
  EXPECT_EQ(Dates("on 17/2/2016 it"), "17/2/2016=2016-02-17");
  EXPECT_EQ(Dates("updated 2016-02-17 by"), "2016-02-17=2016-02-17");
  EXPECT_EQ(Dates("on 2/30/2016"), "2016=2016");
}

TEST(Find, FuzzyModifiersKeepPrecision) {
  EXPECT_EQ(Dates("In early 2014, the group"), "early 2014=2014");
  EXPECT_EQ(Dates("by mid-2015 it had"), "mid-2015=2015");
  EXPECT_EQ(Dates("In late August 2016 Jund al-Aqsa announced"), "late August 2016=2016-08");
  EXPECT_EQ(Dates("in the summer of 2004"), "the summer of 2004=2004");
  EXPECT_EQ(Dates("in spring 2011"), "spring 2011=2011");
  EXPECT_EQ(Dates("by the end of 2014"), "the end of 2014=2014");
  EXPECT_EQ(Dates("at the beginning of March 2012"), "the beginning of March 2012=2012-03");
  EXPECT_EQ(Dates("In late 2005, he established"), "late 2005=2005");
  EXPECT_EQ(Dates("the late Abu Musab"), "");
  EXPECT_EQ(Dates("the fall of Mosul"), "");
}

TEST(Find, Decades) {
  EXPECT_EQ(Dates("reach back to the 1990s, when"), "1990s=1990");
  EXPECT_EQ(Dates("in the early 1990s"), "early 1990s=1990");
  EXPECT_EQ(Dates("in the early 2000s"), "early 2000s=2000");
}

TEST(Find, YearRanges) {
  EXPECT_EQ(Dates("Islamic Jihad (2000–2006) was"), "2000–2006=2000..2006");
  EXPECT_EQ(Dates("active 2000-2006 only"), "2000-2006=2000..2006");
  EXPECT_EQ(Dates("(2006–2008)"), "2006–2008=2006..2008");
  EXPECT_EQ(Dates("which lasted from 1990-1994 and was"), "1990-1994=1990..1994");
  EXPECT_EQ(Dates("in 2006 – 2008"), "2006 – 2008=2006..2008");
  EXPECT_EQ(Dates("2006–08"), "2006–08=2006..2008");
  EXPECT_EQ(Dates("from 2012 to 2014"), "from 2012 to 2014=2012..2014");
  EXPECT_EQ(Dates("from 2012 until 2014"), "from 2012 until 2014=2012..2014");
  EXPECT_EQ(Dates("between 2012 and 2014"), "between 2012 and 2014=2012..2014");
  // A backwards range is two dates, not a range.
  EXPECT_EQ(Dates("2014–2012"), "2014=2014; 2012=2012");
}

TEST(Find, OpenRanges) {
  EXPECT_EQ(Dates("2000–present"), "2000–present=2000..present");
  EXPECT_EQ(Dates("Dates of operation: 27 February 2018–present"),
            "27 February 2018–present=2018-02-27..present");
  EXPECT_EQ(Dates("from 2005 to present"), "from 2005 to present=2005..present");
  EXPECT_EQ(Dates("Dates: 2005 (or 2007/08) – present"), "2005=2005; 2007=2007");
}

TEST(Find, MonthRanges) {
  EXPECT_EQ(Dates("between August and November 2017."),
            "between August and November 2017=2017-08..2017-11");
  EXPECT_EQ(Dates("in July-August 2006"), "July-August 2006=2006-07..2006-08");
  EXPECT_EQ(Dates("in July–August 2006"), "July–August 2006=2006-07..2006-08");
  EXPECT_EQ(Dates("between November and February 2018"),
            "between November and February 2018=2017-11..2018-02");
  EXPECT_EQ(Dates("from March 2011 to June 2012"), "from March 2011 to June 2012=2011-03..2012-06");
  EXPECT_EQ(Dates("17–19 February 2016"), "17–19 February 2016=2016-02-17..2016-02-19");
  EXPECT_EQ(Dates("17 February–3 March 2016"), "17 February–3 March 2016=2016-02-17..2016-03-03");
}

TEST(Find, OffsetsAreBytesIntoTheDocument) {
  // "Ma’an" is 7 bytes; the date starts at byte 16.
  std::string_view text = "Ma’an fell on 17 February 2016.";
  DateResolver r;
  std::vector<DateMention> m = r.Find(text, 0, text.size());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].begin, 16u);
  EXPECT_EQ(m[0].end, 32u);

  // جيش (6 bytes) + space + الأمة (10) + space + في (4) + space: "2008" is [23, 27).
  std::string_view arabic = "جيش الأمة في 2008";
  m = r.Find(arabic, 0, arabic.size());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].begin, 23u);
  EXPECT_EQ(m[0].end, 27u);

  // A sentence inside a larger text keeps document offsets.
  std::string_view doc = "First. In 2014 it began.";
  m = r.Find(doc, 7, doc.size());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].begin, 10u);
  EXPECT_EQ(m[0].end, 14u);
  EXPECT_FALSE(m[0].relative);
  EXPECT_FALSE(m[0].is_range);
}

TEST(Find, RangeFields) {
  DateResolver r;
  std::string_view text = "(2000–present)";
  std::vector<DateMention> m = r.Find(text, 0, text.size());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].is_range);
  EXPECT_EQ(m[0].date, (PartialDate{2000, 0, 0}));
  EXPECT_FALSE(m[0].range_end.valid());
  EXPECT_EQ(m[0].begin, 1u);
  EXPECT_EQ(m[0].end, 15u);  // 1 + "2000" 4 + "–" 3 + "present" 7
}

// ---- relative to the anchor ----

TEST(Relative, CountedUnitsFromAnchor) {
  DateResolver r;
  EXPECT_EQ(Dates(r, "On 1 September 2008, the group held a session."), "1 September 2008=2008-09-01");
  EXPECT_EQ(Dates(r, "Two days later, Hamas arrested its leader."), "Two days later=2008-09-03 rel");
  // The relative date is the new anchor.
  EXPECT_EQ(Dates(r, "Two days later he was freed."), "Two days later=2008-09-05 rel");
  EXPECT_EQ(Dates(r, "Three weeks later it struck."), "Three weeks later=2008-09-26 rel");
  EXPECT_EQ(Dates(r, "A year later it was gone."), "A year later=2009 rel");
}

TEST(Relative, CountedUnitsCrossMonthAndYear) {
  DateResolver r;
  Dates(r, "On 30 December 2015 it began.");
  EXPECT_EQ(Dates(r, "three days later"), "three days later=2016-01-02 rel");
  EXPECT_EQ(Dates(r, "two months later"), "two months later=2016-03 rel");
  EXPECT_EQ(Dates(r, "a month earlier"), "a month earlier=2016-02 rel");
}

TEST(Relative, PrecisionNeverExceedsTheAnchor) {
  DateResolver r;
  Dates(r, "In February 2014 it began.");
  EXPECT_EQ(Dates(r, "Two days later it ended."), "Two days later=2014-02 rel");
  DateResolver y;
  Dates(y, "In 2014 it began.");
  EXPECT_EQ(Dates(y, "Two months later it ended."), "Two months later=2014 rel");
}

TEST(Relative, DayAfter) {
  DateResolver r;
  Dates(r, "On 3 March 2012 a bomb exploded.");
  EXPECT_EQ(Dates(r, "A day after the attack, police came."), "A day after=2012-03-04 rel");
  // With a date in the same sentence, the clause after "after" is the earlier event.
  DateResolver s;
  EXPECT_EQ(Dates(s, "On 19 February 2018, a day after the SLF was established, clashes erupted."),
            "19 February 2018=2018-02-19; a day after=2018-02-18 rel");
}

TEST(Relative, MonthsAfterAClause) {
  DateResolver r(PartialDate{2007, 7, 5});
  Dates(r, "In January 2007, relations deteriorated.");
  EXPECT_EQ(Dates(r, "It abducted him on May 9 - nearly two months after he was snatched."),
            "May 9=2007-05-09 rel; two months after=2007-03 rel");
  // Without a date in the sentence, "after he ..." is left alone.
  EXPECT_EQ(Dates(r, "Two weeks after he was freed, he spoke."), "");
}

TEST(Relative, FollowingPreviousSameYear) {
  DateResolver r;
  Dates(r, "In 2014 the group formed.");
  EXPECT_EQ(Dates(r, "The following year it split."), "The following year=2015 rel");
  EXPECT_EQ(Dates(r, "The previous year it had formed."), "The previous year=2014 rel");
  EXPECT_EQ(Dates(r, "the next year"), "the next year=2015 rel");
  EXPECT_EQ(Dates(r, "later that year"), "that year=2015 rel");
  EXPECT_EQ(Dates(r, "in the same year"), "the same year=2015 rel");
  EXPECT_EQ(Dates(r, "By the end of the year, it grew."), "the end of the year=2015 rel");
  EXPECT_EQ(Dates(r, "the year after"), "the year after=2016 rel");
}

TEST(Relative, NextDayAndSameMonth) {
  DateResolver r;
  Dates(r, "On 31 January 2016 it began.");
  EXPECT_EQ(Dates(r, "The next day it ended."), "The next day=2016-02-01 rel");
  EXPECT_EQ(Dates(r, "later that month"), "that month=2016-02 rel");
}

TEST(Relative, AnchorFallsBackToDocumentDate) {
  DateResolver r(PartialDate{2015, 6, 10});
  EXPECT_EQ(Dates(r, "The following year it split."), "The following year=2016 rel");
  DateResolver none;
  EXPECT_EQ(Dates(none, "Two days later it split."), "");
  EXPECT_EQ(Dates(none, "the following year"), "");
}

// ---- month and day without a year ----

TEST(Yearless, TakesTheAnchorYear) {
  DateResolver r(PartialDate{2010, 12, 19});
  Dates(r, "In February 2010, The Ras Kamboni Brigade broke ties.");
  EXPECT_EQ(Dates(r, "Its demise came to a head on Dec. 13, when Shabaab seized it."),
            "Dec. 13=2010-12-13 rel");
  EXPECT_EQ(Dates(r, "It abandoned villages on Dec. 14."), "Dec. 14=2010-12-14 rel");
}

TEST(Yearless, DayMonthAndMonthAlone) {
  DateResolver r;
  Dates(r, "On 19 February 2018, clashes erupted.");
  EXPECT_EQ(Dates(r, "On 20 February, HTS advanced."), "20 February=2018-02-20 rel");
  EXPECT_EQ(Dates(r, "On 24 February, it stopped."), "24 February=2018-02-24 rel");
  EXPECT_EQ(Dates(r, "It pledged allegiance in November."), "November=2018-11 rel");
  EXPECT_EQ(Dates(r, "in early November"), "early November=2018-11 rel");
}

TEST(Yearless, MonthNeedsContext) {
  DateResolver r(PartialDate{2015, 6, 1});
  // A bare month name that is not after a preposition could be a name or a verb.
  EXPECT_EQ(Dates(r, "March toward the city"), "");
  EXPECT_EQ(Dates(r, "The group may attack."), "");
  EXPECT_EQ(Dates(r, "in may"), "");
  // An abbreviation alone is not a month.
  EXPECT_EQ(Dates(r, "in Mar Elias"), "");
}

TEST(Yearless, DocumentDateAndThePreviousYear) {
  // November 2015 would be ten months after the document: it was November 2014.
  EXPECT_EQ(DatesOn("2015-01-05", "It pledged allegiance in November."), "November=2014-11 rel");
  // One month ahead stays in the year (announced plans).
  EXPECT_EQ(DatesOn("2015-10-20", "Elections are due in November."), "November=2015-11 rel");
  EXPECT_EQ(DatesOn("2010-12-19", "on Dec. 13"), "Dec. 13=2010-12-13 rel");
  EXPECT_EQ(DatesOn("2015-03-10", "on 20 December"), "20 December=2014-12-20 rel");
  EXPECT_EQ(DatesOn("2015-12-20", "claimed the November attack"), "November=2015-11 rel");
  // Neither an anchor nor a document date: nothing.
  EXPECT_EQ(Dates("It pledged allegiance to the Islamic State in November."), "");
  EXPECT_EQ(Dates("on Dec. 13"), "");
}

TEST(Yearless, LeapDay) {
  EXPECT_EQ(DatesOn("2016-03-05", "on 29 February"), "29 February=2016-02-29 rel");
  EXPECT_EQ(DatesOn("2015-03-05", "on 29 February"), "");
}

// ---- relative to the document date ----

TEST(DocumentRelative, Days) {
  EXPECT_EQ(DatesOn("2010-12-19", "Aweys joined Shabaab today."), "today=2010-12-19 rel");
  EXPECT_EQ(DatesOn("2010-12-19", "And yesterday, commanders broke ranks."),
            "yesterday=2010-12-18 rel");
  EXPECT_EQ(DatesOn("2016-03-01", "yesterday"), "yesterday=2016-02-29 rel");
  EXPECT_EQ(DatesOn("2016-01-01", "last night"), "last night=2015-12-31 rel");
  EXPECT_EQ(DatesOn("2016-01-01", "this morning"), "this morning=2016-01-01 rel");
}

TEST(DocumentRelative, WeeksMonthsYears) {
  EXPECT_EQ(DatesOn("2015-05-07", "Hamas arrested men this week."), "this week=2015-05 rel");
  EXPECT_EQ(DatesOn("2015-05-03", "last week"), "last week=2015-04 rel");
  EXPECT_EQ(DatesOn("2007-07-05", "Hamas overran Fatah in Gaza last month."),
            "last month=2007-06 rel");
  EXPECT_EQ(DatesOn("2010-01-10", "last month"), "last month=2009-12 rel");
  EXPECT_EQ(DatesOn("2010-01-10", "last year"), "last year=2009 rel");
  EXPECT_EQ(DatesOn("2010-01-10", "this year"), "this year=2010 rel");
  EXPECT_EQ(DatesOn("2010-01-10", "next year"), "next year=2011 rel");
  EXPECT_EQ(DatesOn("2007-07-05", "first came to prominence a year ago"), "a year ago=2006 rel");
  EXPECT_EQ(DatesOn("2007-07-05", "two weeks ago"), "two weeks ago=2007-06-21 rel");
  // "over the last year" is a span, not a calendar year.
  EXPECT_EQ(DatesOn("2010-01-10", "over the last year"), "");
}

TEST(DocumentRelative, Weekdays) {
  // 2010-12-19 was a Sunday.
  EXPECT_EQ(DatesOn("2010-12-19", "The bombings on Friday followed."), "Friday=2010-12-17 rel");
  EXPECT_EQ(DatesOn("2010-12-19", "if not released by Thursday."), "Thursday=2010-12-16 rel");
  EXPECT_EQ(DatesOn("2010-12-19", "on Sunday"), "Sunday=2010-12-19 rel");
  EXPECT_EQ(DatesOn("2010-12-19", "last Sunday"), "last Sunday=2010-12-12 rel");
  EXPECT_EQ(DatesOn("2007-07-05", "on Thursday"), "Thursday=2007-07-05 rel");
  EXPECT_EQ(DatesOn("2007-07-05", "on Monday"), "Monday=2007-07-02 rel");
  // A weekday without a cue word is left alone.
  EXPECT_EQ(DatesOn("2010-12-19", "Friday prayers"), "");
}

TEST(DocumentRelative, NothingWithoutADocumentDate) {
  EXPECT_EQ(Dates("Hamas officials indeed arrested a large number this week."), "");
  EXPECT_EQ(Dates("if the men were not released by Thursday. The bombings on Friday"), "");
  EXPECT_EQ(Dates("yesterday and today, last month and last year"), "");
  // A month-precision document date cannot say which day was yesterday.
  EXPECT_EQ(DatesOn("2010-12", "yesterday"), "");
  EXPECT_EQ(DatesOn("2010-12", "last year"), "last year=2009 rel");
}

// ---- anchors across sentences ----

TEST(Anchor, AbsoluteDatesMoveIt) {
  DateResolver r(PartialDate{2007, 7, 5});
  EXPECT_EQ(Dates(r, "PUBLISHED : Thursday, 05 July, 2007, 12:00am"),
            "Thursday, 05 July, 2007=2007-07-05");
  EXPECT_EQ(Dates(r, "In late 2005, he established his own militia."), "late 2005=2005");
  EXPECT_EQ(Dates(r, "The following year it grew."), "The following year=2006 rel");
  EXPECT_EQ(Dates(r, "In January 2007, relations deteriorated."), "January 2007=2007-01");
  EXPECT_EQ(Dates(r, "It claimed the abduction on May 9."), "May 9=2007-05-09 rel");
}

TEST(Anchor, RangeEndAnchors) {
  DateResolver r;
  Dates(r, "It was active (2000–2006).");
  EXPECT_EQ(Dates(r, "The following year it disbanded."), "The following year=2007 rel");
  DateResolver open;
  Dates(open, "27 February 2018–present");
  EXPECT_EQ(Dates(open, "On 1 March, it attacked."), "1 March=2018-03-01 rel");
}

TEST(Anchor, ManyInOneSentence) {
  DateResolver r;
  EXPECT_EQ(Dates(r, "A ceasefire was reached on 24 April 2018. Fighting resumed on 1 January "
                     "2019, ending on 9 January."),
            "24 April 2018=2018-04-24; 1 January 2019=2019-01-01; 9 January=2019-01-09 rel");
}

TEST(Find, SharedTokens) {
  std::string_view text = "On 17 February 2016, over 400 fighters defected.";
  DateResolver r;
  std::vector<DateMention> m = r.Find(Tokenize(text, 0, text.size()));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].date, (PartialDate{2016, 2, 17}));
  EXPECT_EQ(m[0].begin, 3u);
  EXPECT_EQ(m[0].end, 19u);
}

}  // namespace
}  // namespace orbat
