// The compiled-in national table (cn-national, 2008-2026): internal consistency, plausibility
// against independently known festival dates, and the make-up days listed in domain.md.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "calendar_test_util.hpp"
#include "xinfang/calendar.hpp"

namespace xinfang {
namespace {

using test::IsWeekend;

constexpr int kFirstYear = 2008;
constexpr int kLastYear = 2026;

// The entries a year's notice set: its own dates plus any in the December before it (a New Year
// break that starts on 30 or 31 December is published in the next year's notice).
std::vector<SpecialDay> NoticeEntries(const Calendar& c, int year) {
  std::vector<SpecialDay> out;
  for (int y : {year - 1, year}) {
    for (const auto& s : c.special_days(y)) {
      if (s.source == c.year_source(year)) out.push_back(s);
    }
  }
  return out;
}

bool ContainsText(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(CalendarTable, NationalCalendarIdentity) {
  const Calendar& c = Calendar::national();
  EXPECT_EQ(c.name(), "cn-national");
  EXPECT_EQ(c.time_zone(), "Asia/Shanghai");
  EXPECT_EQ(c.utc_offset_minutes(), 8 * 60);
  EXPECT_FALSE(c.has_business_hours());
  EXPECT_EQ(c.year_range(), std::make_pair(kFirstYear, kLastYear));
}

TEST(CalendarTable, EveryYear2008To2026IsPublishedWithItsNotice) {
  const Calendar& c = Calendar::national();
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    SCOPED_TRACE(y);
    EXPECT_EQ(c.year_status(y), YearStatus::published);
    const std::string source = c.year_source(y);
    EXPECT_FALSE(source.empty());
    // Every yearly notice is titled "国务院办公厅关于<year>年部分节假日安排的通知".
    EXPECT_NE(source.find(std::to_string(y) + "年部分节假日安排"), std::string::npos) << source;
  }
  EXPECT_EQ(c.year_status(2007), YearStatus::unknown);
  EXPECT_EQ(c.year_status(2027), YearStatus::unknown);
  EXPECT_EQ(c.year_source(2027), "");
}

TEST(CalendarTable, SpecialDaysAreOrderedUniqueAndNamedWithTheirNotice) {
  const Calendar& c = Calendar::national();
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    SCOPED_TRACE(y);
    const auto days = c.special_days(y);
    ASSERT_FALSE(days.empty());
    for (std::size_t i = 0; i < days.size(); ++i) {
      const SpecialDay& s = days[i];
      SCOPED_TRACE(format_date(s.date));
      EXPECT_EQ(s.date.year(), y);
      // Strictly increasing: one entry per date, so no day is both holiday and make-up day.
      if (i > 0) {
        EXPECT_LT(days[i - 1].date, s.date);
      }
      EXPECT_TRUE(s.kind == DayKind::holiday || s.kind == DayKind::makeup_workday);
      EXPECT_FALSE(s.name.empty());
      // A day's source is its own year's notice, or the next year's for a December New Year break.
      const bool own = s.source == c.year_source(y);
      const bool next = s.date.month() == 12 && s.source == c.year_source(y + 1);
      EXPECT_TRUE(own || next) << s.source;
      // special_day() and day_info() agree with the list.
      const SpecialDay* one = c.special_day(s.date);
      ASSERT_NE(one, nullptr);
      EXPECT_EQ(one->kind, s.kind);
      EXPECT_EQ(one->name, s.name);
      const DayInfo info = c.day_info(s.date);
      EXPECT_EQ(info.kind, s.kind);
      EXPECT_EQ(info.working, s.kind == DayKind::makeup_workday);
      EXPECT_EQ(info.name, s.name);
      EXPECT_EQ(info.source, s.source);
      EXPECT_FALSE(info.estimated);
    }
  }
}

TEST(CalendarTable, EveryMakeupWorkdayFallsOnASaturdayOrSunday) {
  const Calendar& c = Calendar::national();
  int makeups = 0;
  // 2007 is included for 2007-12-29, the make-up Saturday of the 2008 notice.
  for (int y = kFirstYear - 1; y <= kLastYear; ++y) {
    for (const auto& s : c.special_days(y)) {
      if (s.kind != DayKind::makeup_workday) continue;
      ++makeups;
      EXPECT_TRUE(IsWeekend(s.date)) << format_date(s.date) << " is a make-up day on a weekday";
    }
  }
  // The notices 2008..2026 list 6+6+8+5+7+12+5+5+6+5+6+7+6+7+7+7+8+5+6 = 124 make-up days.
  EXPECT_EQ(makeups, 124);
}

TEST(CalendarTable, EveryNoticeHasTheSevenFestivals) {
  const Calendar& c = Calendar::national();
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    SCOPED_TRACE(y);
    std::set<std::string> names;
    for (const auto& s : NoticeEntries(c, y)) {
      if (s.kind == DayKind::holiday) names.insert(s.name);
    }
    // Joint breaks are named "国庆节、中秋节" or "中秋节、国庆节"; search by substring.
    for (const char* festival : {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆"}) {
      bool found = false;
      for (const auto& n : names) found = found || ContainsText(n, festival);
      EXPECT_TRUE(found) << "no " << festival << " holiday in the " << y << " notice";
    }
  }
}

// The lunar festivals move every year; their dates are astronomical facts independent of the
// notices, so each must lie inside the break the notice names after it.
TEST(CalendarTable, LunarFestivalsFallInsideTheirNamedBreaks) {
  struct Festival {
    const char* name;
    int y, m, d;
  };
  const Festival festivals[] = {
      // 春节 (正月初一)
      {"春节", 2008, 2, 7},
      {"春节", 2009, 1, 26},
      {"春节", 2010, 2, 14},
      {"春节", 2011, 2, 3},
      {"春节", 2012, 1, 23},
      {"春节", 2013, 2, 10},
      {"春节", 2014, 1, 31},
      {"春节", 2015, 2, 19},
      {"春节", 2016, 2, 8},
      {"春节", 2017, 1, 28},
      {"春节", 2018, 2, 16},
      {"春节", 2019, 2, 5},
      {"春节", 2020, 1, 25},
      {"春节", 2021, 2, 12},
      {"春节", 2022, 2, 1},
      {"春节", 2023, 1, 22},
      {"春节", 2024, 2, 10},
      {"春节", 2025, 1, 29},
      {"春节", 2026, 2, 17},
      // 中秋节 (八月十五)
      {"中秋节", 2008, 9, 14},
      {"中秋节", 2009, 10, 3},
      {"中秋节", 2010, 9, 22},
      {"中秋节", 2011, 9, 12},
      {"中秋节", 2012, 9, 30},
      {"中秋节", 2013, 9, 19},
      {"中秋节", 2014, 9, 8},
      {"中秋节", 2015, 9, 27},
      {"中秋节", 2016, 9, 15},
      {"中秋节", 2017, 10, 4},
      {"中秋节", 2018, 9, 24},
      {"中秋节", 2019, 9, 13},
      {"中秋节", 2020, 10, 1},
      {"中秋节", 2021, 9, 21},
      {"中秋节", 2022, 9, 10},
      {"中秋节", 2023, 9, 29},
      {"中秋节", 2024, 9, 17},
      {"中秋节", 2025, 10, 6},
      {"中秋节", 2026, 9, 25},
      // 端午节 (五月初五)
      {"端午节", 2008, 6, 8},
      {"端午节", 2009, 5, 28},
      {"端午节", 2010, 6, 16},
      {"端午节", 2011, 6, 6},
      {"端午节", 2012, 6, 23},
      {"端午节", 2013, 6, 12},
      {"端午节", 2014, 6, 2},
      {"端午节", 2015, 6, 20},
      {"端午节", 2016, 6, 9},
      {"端午节", 2017, 5, 30},
      {"端午节", 2018, 6, 18},
      {"端午节", 2019, 6, 7},
      {"端午节", 2020, 6, 25},
      {"端午节", 2021, 6, 14},
      {"端午节", 2022, 6, 3},
      {"端午节", 2023, 6, 22},
      {"端午节", 2024, 6, 10},
      {"端午节", 2025, 5, 31},
      {"端午节", 2026, 6, 19},
  };
  const Calendar& c = Calendar::national();
  for (const auto& f : festivals) {
    const Date day(f.y, f.m, f.d);
    const DayInfo info = c.day_info(day);
    EXPECT_EQ(info.kind, DayKind::holiday) << f.name << " " << format_date(day);
    EXPECT_TRUE(ContainsText(info.name, f.name)) << format_date(day) << " is named " << info.name;
  }
  // And the fixed-date ones: 1 January, 1 May and 1 October are holidays every year.
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    EXPECT_TRUE(ContainsText(c.day_info(Date(y, 1, 1)).name, "元旦")) << y;
    EXPECT_TRUE(ContainsText(c.day_info(Date(y, 5, 1)).name, "劳动节")) << y;
    EXPECT_TRUE(ContainsText(c.day_info(Date(y, 10, 1)).name, "国庆") ||
                ContainsText(c.day_info(Date(y, 10, 1)).name, "中秋"))
        << y;
    EXPECT_FALSE(c.is_working_day(Date(y, 10, 1))) << y;
  }
}

// How many weekdays a notice takes off. Checked against the data (see the report): the raw
// number of holiday days falling Monday-Friday is NOT 11 or 13 — it is 16 to 23, because a
// notice bridges a holiday to the weekend by taking extra weekdays off and pays each one back
// with a weekend make-up day (调休). What is fixed by law is the number of statutory days
// (全国年节及纪念日放假办法): a statutory day that falls on a weekend is compensated with a
// weekday off, and a bridging weekday is repaid by a make-up day, so
//     (holiday days on Monday-Friday) - (make-up working days) = statutory days,
// counted per notice (a December New Year break belongs to the next year's notice):
//   - 11 until 2024: 元旦 1, 春节 3, 清明 1, 劳动节 1, 端午 1, 中秋 1, 国庆 3.
//   - 13 from 2025: 春节 4 (除夕 added) and 劳动节 2.
//   - 2015: 12. The one-off 抗战胜利70周年纪念日 (2015-09-03, a Thursday) is an extra day; the
//     bridging Friday 09-04 was repaid on Sunday 09-06, so the net is +1.
//   - 2020: 13. The extension (国办发明电〔2020〕1号) took Friday 01-31 off (+1) and cancelled the
//     make-up Saturday 02-01 (+1): +2.
//   - 2019's May Day change (05-01..05-04 with make-ups 04-28 and 05-05) added two weekdays
//     and two make-up days: still 11.
// By hand for 2024: holidays on weekdays 元旦 1 (01-01) + 春节 5 (02-12..16) + 清明 2 (04-04,05)
// + 劳动节 3 (05-01..03) + 端午 1 (06-10) + 中秋 2 (09-16,17) + 国庆 5 (10-01..04, 10-07) = 19,
// make-ups 8: 19 - 8 = 11. For 2025: 1 + 6 (01-28..31, 02-03,04) + 1 (04-04) + 3 (05-01,02,05)
// + 1 (06-02) + 6 (10-01..03, 10-06..08) = 18, make-ups 5: 18 - 5 = 13.
TEST(CalendarTable, WeekdaysOffMinusMakeupDaysEqualTheStatutoryDayCount) {
  const Calendar& c = Calendar::national();
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    int weekday_holidays = 0;
    int makeups = 0;
    for (const auto& s : NoticeEntries(c, y)) {
      if (s.kind == DayKind::holiday && !IsWeekend(s.date)) ++weekday_holidays;
      if (s.kind == DayKind::makeup_workday) ++makeups;
    }
    int expected = y < 2025 ? 11 : 13;
    if (y == 2015) expected = 12;
    if (y == 2020) expected = 13;
    EXPECT_EQ(weekday_holidays - makeups, expected)
        << y << ": " << weekday_holidays << " weekday holidays, " << makeups << " make-up days";
    if (y == 2024) {
      EXPECT_EQ(weekday_holidays, 19);
      EXPECT_EQ(makeups, 8);
    }
    if (y == 2025) {
      EXPECT_EQ(weekday_holidays, 18);
      EXPECT_EQ(makeups, 5);
    }
  }
}

TEST(CalendarTable, OneOffChangesOf2015And2020ArePresent) {
  const Calendar& c = Calendar::national();
  // 2015-09-03 (Thu) was the 70th anniversary holiday, 09-04 (Fri) bridged, 09-06 (Sun) made up.
  EXPECT_EQ(c.day_info(Date(2015, 9, 3)).kind, DayKind::holiday);
  EXPECT_TRUE(ContainsText(c.day_info(Date(2015, 9, 3)).name, "抗战胜利"));
  EXPECT_EQ(c.day_info(Date(2015, 9, 4)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2015, 9, 6)).kind, DayKind::makeup_workday);
  // 2020: 春节 extended to 02-02; Friday 01-31 off and Saturday 02-01 no longer a make-up day;
  // work resumed on Monday 02-03.
  EXPECT_EQ(c.day_info(Date(2020, 1, 31)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2020, 2, 1)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2020, 2, 2)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2020, 2, 3)).kind, DayKind::workday);
  EXPECT_NE(c.year_source(2020).find("延长2020年春节假期"), std::string::npos);
  // 2019: 劳动节 lengthened to 05-01..05-04 with make-ups on Sundays 04-28 and 05-05.
  EXPECT_EQ(c.day_info(Date(2019, 5, 3)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2019, 4, 28)).kind, DayKind::makeup_workday);
  EXPECT_EQ(c.day_info(Date(2019, 5, 5)).kind, DayKind::makeup_workday);
}

TEST(CalendarTable, OrdinaryDaysHaveNoNameOrSource) {
  const Calendar& c = Calendar::national();
  const DayInfo weekday = c.day_info(Date(2025, 3, 4));  // a Tuesday in no break
  EXPECT_EQ(weekday.kind, DayKind::workday);
  EXPECT_TRUE(weekday.working);
  EXPECT_TRUE(weekday.name.empty());
  EXPECT_TRUE(weekday.source.empty());
  EXPECT_EQ(c.special_day(Date(2025, 3, 4)), nullptr);
  const DayInfo saturday = c.day_info(Date(2025, 3, 8));
  EXPECT_EQ(saturday.kind, DayKind::weekend);
  EXPECT_FALSE(saturday.working);
  EXPECT_TRUE(saturday.name.empty());
  EXPECT_EQ(saturday.date, Date(2025, 3, 8));
}

TEST(CalendarTable, DayKindNamesAreStable) {
  EXPECT_STREQ(day_kind_name(DayKind::workday), "workday");
  EXPECT_STREQ(day_kind_name(DayKind::weekend), "weekend");
  EXPECT_STREQ(day_kind_name(DayKind::holiday), "holiday");
  EXPECT_STREQ(day_kind_name(DayKind::makeup_workday), "makeup_workday");
  EXPECT_EQ(static_cast<int>(DayKind::makeup_workday), 3);  // part of the C ABI
}

// domain.md's make-up days are exactly the make-up days of 2024, 2025 and 2026, each a working
// Saturday or Sunday named after the holiday it makes up for (from the notices' text).
void ExpectMakeupDaysExactly(int year, const std::map<Date, std::string>& expected) {
  const Calendar& c = Calendar::national();
  std::map<Date, std::string> actual;
  for (const auto& s : c.special_days(year)) {
    if (s.kind == DayKind::makeup_workday) actual[s.date] = s.name;
  }
  EXPECT_EQ(actual, expected) << year;
  for (const auto& [date, name] : expected) {
    SCOPED_TRACE(format_date(date));
    EXPECT_TRUE(IsWeekend(date));
    EXPECT_TRUE(c.is_working_day(date));
    const DayInfo info = c.day_info(date);
    EXPECT_EQ(info.kind, DayKind::makeup_workday);
    EXPECT_TRUE(info.working);
    EXPECT_EQ(info.name, name);
    EXPECT_EQ(info.source, c.year_source(year));
  }
}

TEST(CalendarMakeup, MakeupDaysOf2024AreExactlyThoseInDomainMd) {
  ExpectMakeupDaysExactly(2024, {{Date(2024, 2, 4), "春节"},
                                 {Date(2024, 2, 18), "春节"},
                                 {Date(2024, 4, 7), "清明节"},
                                 {Date(2024, 4, 28), "劳动节"},
                                 {Date(2024, 5, 11), "劳动节"},
                                 {Date(2024, 9, 14), "中秋节"},
                                 {Date(2024, 9, 29), "国庆节"},
                                 {Date(2024, 10, 12), "国庆节"}});
}

TEST(CalendarMakeup, MakeupDaysOf2025AreExactlyThoseInDomainMd) {
  ExpectMakeupDaysExactly(2025, {{Date(2025, 1, 26), "春节"},
                                 {Date(2025, 2, 8), "春节"},
                                 {Date(2025, 4, 27), "劳动节"},
                                 {Date(2025, 9, 28), "国庆节、中秋节"},
                                 {Date(2025, 10, 11), "国庆节、中秋节"}});
}

TEST(CalendarMakeup, MakeupDaysOf2026AreExactlyThoseInDomainMd) {
  ExpectMakeupDaysExactly(2026, {{Date(2026, 1, 4), "元旦"},
                                 {Date(2026, 2, 14), "春节"},
                                 {Date(2026, 2, 28), "春节"},
                                 {Date(2026, 5, 9), "劳动节"},
                                 {Date(2026, 9, 20), "国庆节"},
                                 {Date(2026, 10, 10), "国庆节"}});
}

TEST(CalendarMakeup, Holiday2026SpringFestivalIsNineDays) {
  // The 2026 notice: 春节 02-15 (Sun) .. 02-23 (Mon), nine days, with make-ups 02-14 and 02-28.
  const Calendar& c = Calendar::national();
  EXPECT_TRUE(c.is_working_day(Date(2026, 2, 13)));
  for (Date d(2026, 2, 15); d <= Date(2026, 2, 23); d += boost::gregorian::days(1)) {
    EXPECT_EQ(c.day_info(d).kind, DayKind::holiday) << format_date(d);
    EXPECT_EQ(c.day_info(d).name, "春节") << format_date(d);
  }
  EXPECT_EQ(c.day_info(Date(2026, 2, 24)).kind, DayKind::workday);
}

}  // namespace
}  // namespace xinfang
