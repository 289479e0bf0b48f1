// Reporting periods: ISO weeks (including week 53 and weeks across a new year), months,
// quarters, years and ranges, as local days of the calendar (UTC+8), and the periods before them.
#include <gtest/gtest.h>

#include "../lifecycle/lifecycle_test_util.hpp"
#include "xinfang/metrics.hpp"

namespace xinfang::testing {
namespace {

ReportPeriod period(const std::string& text) {
  return parse_report_period(text, national_calendar());
}

TEST(MetricsPeriod, AnIsoWeekRunsMondayToSundayInLocalTime) {
  const ReportPeriod w47 = period("2026-W47");
  EXPECT_EQ(w47.label, "2026-W47");
  EXPECT_EQ(w47.first, parse_date("2026-11-16"));  // a Monday
  EXPECT_EQ(w47.last, parse_date("2026-11-22"));
  // 00:00 local of Monday is 16:00 UTC of Sunday; 24:00 local of Sunday is 16:00 UTC.
  EXPECT_EQ(w47.from, local("2026-11-16 00:00"));
  EXPECT_EQ(w47.from, Instant(parse_date("2026-11-15"), boost::posix_time::hours(16)));
  EXPECT_EQ(w47.to, local("2026-11-23 00:00"));
}

TEST(MetricsPeriod, WeeksAcrossTheNewYearFollowIso8601) {
  // 2026-01-01 is a Thursday: week 1 of 2026 starts Monday 2025-12-29.
  EXPECT_EQ(period("2026-W01").first, parse_date("2025-12-29"));
  // 2020 has 53 weeks (it starts on a Wednesday of a leap year); 2021 has 52.
  EXPECT_EQ(period("2020-W53").first, parse_date("2020-12-28"));
  EXPECT_EQ(period("2020-W53").last, parse_date("2021-01-03"));
  EXPECT_EQ(code_of([] { period("2021-W53"); }), ErrorCode::invalid_argument);
  EXPECT_EQ(message_of([] { period("2021-W53"); }), "period '2021-W53': 2021 has ISO weeks 01..52");
  EXPECT_EQ(code_of([] { period("2026-W00"); }), ErrorCode::invalid_argument);
  // The week before week 1 is the last week of the ISO year before.
  EXPECT_EQ(previous_period(period("2021-W01"), national_calendar()).label, "2020-W53");
  EXPECT_EQ(previous_period(period("2026-W01"), national_calendar()).label, "2025-W52");
  EXPECT_EQ(previous_period(period("2026-W47"), national_calendar()).first, parse_date("2026-11-09"));
}

TEST(MetricsPeriod, MonthsQuartersYearsAndRanges) {
  const ReportPeriod feb = period("2024-02");
  EXPECT_EQ(feb.first, parse_date("2024-02-01"));
  EXPECT_EQ(feb.last, parse_date("2024-02-29"));  // a leap year
  const ReportPeriod q4 = period("2026-Q4");
  EXPECT_EQ(q4.first, parse_date("2026-10-01"));
  EXPECT_EQ(q4.last, parse_date("2026-12-31"));
  const ReportPeriod year = period("2026");
  EXPECT_EQ(year.from, local("2026-01-01 00:00"));
  EXPECT_EQ(year.to, local("2027-01-01 00:00"));
  const ReportPeriod days = period("2026-11-01..2026-11-30");
  EXPECT_EQ(days.label, "2026-11-01..2026-11-30");
  EXPECT_EQ(days.to - days.from, boost::posix_time::hours(24 * 30));
  const ReportPeriod one_day = period("2026-11-27..2026-11-27");
  EXPECT_EQ(one_day.to - one_day.from, boost::posix_time::hours(24));

  EXPECT_EQ(previous_period(feb, national_calendar()).label, "2024-01");
  EXPECT_EQ(previous_period(period("2026-01"), national_calendar()).label, "2025-12");
  EXPECT_EQ(previous_period(period("2026-Q1"), national_calendar()).label, "2025-Q4");
  EXPECT_EQ(previous_period(q4, national_calendar()).label, "2026-Q3");
  EXPECT_EQ(previous_period(year, national_calendar()).label, "2025");
  // A range's previous period is as many days, ending the day before it starts.
  EXPECT_EQ(previous_period(days, national_calendar()).label, "2026-10-02..2026-10-31");
}

TEST(MetricsPeriod, AnythingElseIsRefusedWithWhatIsExpected) {
  for (const char* bad : {"", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "26-W47", "2026W47", "2026-11-31..2026-12-01",
                          "2026-12-01..2026-11-30", "2026-11-01..", "next week", "1899", "2026-W47 ", "２０２６"}) {
    EXPECT_EQ(code_of([&] { period(bad); }), ErrorCode::invalid_argument) << bad;
    EXPECT_NE(message_of([&] { period(bad); }).find("period '"), std::string::npos) << bad;
  }
  EXPECT_EQ(message_of([] { period("2026-12-01..2026-11-30"); }),
            "period '2026-12-01..2026-11-30': the range ends before it starts");
}

}  // namespace
}  // namespace xinfang::testing
