// Dates that are not real dates are refused; ISO dates parse and format exactly.
#include <gtest/gtest.h>

#include <string>

#include "calendar_test_util.hpp"
#include "xinfang/calendar.hpp"

namespace xinfang {
namespace {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;
using test::cn;
using test::office;

TEST(CalendarDates, SpecialDatesPassedToQueriesAreInvalidArguments) {
  const Date good(2025, 3, 4);
  for (const Date bad : {Date(bg::not_a_date_time), Date(bg::pos_infin), Date(bg::neg_infin)}) {
    SCOPED_TRACE(bg::to_simple_string(bad));
    XF_EXPECT_ERROR(cn().day_info(bad), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().is_working_day(bad), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().next_working_day(bad), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().previous_working_day(bad), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().add_working_days(bad, 0), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().add_working_days(bad, 3), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().add_calendar_days(bad, 3), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().statutory_period_end(bad, 15), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().working_days_between(bad, good), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().working_days_between(good, bad), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().start_of_day(bad), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(cn().end_of_day(bad), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(office().business_windows(bad), ErrorCode::invalid_argument);
    EXPECT_EQ(cn().special_day(bad), nullptr);  // noexcept: reports "no entry"
  }
}

TEST(CalendarDates, SpecialInstantsPassedToQueriesAreInvalidArguments) {
  const Instant good = test::Utc(2025, 3, 4, 2, 0);
  for (const Instant bad : {Instant(bpt::not_a_date_time), Instant(bpt::pos_infin), Instant(bpt::neg_infin)}) {
    SCOPED_TRACE(bpt::to_simple_string(bad));
    XF_EXPECT_ERROR(cn().local_date(bad), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(office().add_business_time(bad, bpt::hours(1)), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(office().business_time_between(bad, good), ErrorCode::invalid_argument);
    XF_EXPECT_ERROR(office().business_time_between(good, bad), ErrorCode::invalid_argument);
  }
}

TEST(CalendarDates, ParseDateRefusesAnythingButARealIsoDate) {
  for (const char* text :
       {"2025-13-01",       "2025-02-29", "2025-1-1",      "",           "2025-00-10",  "2025-01-32",
        "2025-04-31",       "1900-02-29", "2025/01/01",    "20250101",   " 2025-01-01", "2025-01-01 ",
        "2025-01-01T00:00", "+025-01-01", "-025-01-01",    "2025--1-01", "2025-01--1",  "0000-01-01",
        "abcd-ef-gh",       "2025-0a-01", "２０２５-01-01"}) {
    EXPECT_TRUE(test::ThrowsXf([&] { parse_date(text); }, ErrorCode::invalid_argument)) << '"' << text << '"';
  }
}

TEST(CalendarDates, ParseDateAcceptsLeapDaysAndTheBoundsOfTheDateRange) {
  EXPECT_EQ(parse_date("2024-02-29"), Date(2024, 2, 29));
  EXPECT_EQ(parse_date("2000-02-29"), Date(2000, 2, 29));
  EXPECT_EQ(parse_date("2025-09-28"), Date(2025, 9, 28));
  EXPECT_EQ(parse_date("1400-01-01"), Date(1400, 1, 1));
  EXPECT_EQ(parse_date("9999-12-31"), Date(9999, 12, 31));
}

TEST(CalendarDates, FormatDatePadsToIso) {
  EXPECT_EQ(format_date(Date(2025, 1, 5)), "2025-01-05");
  EXPECT_EQ(format_date(Date(2025, 10, 11)), "2025-10-11");
  EXPECT_EQ(format_date(Date(1400, 1, 1)), "1400-01-01");
}

TEST(CalendarDates, ParseAndFormatRoundTripEveryDayOfTheTable) {
  int failures = 0;
  for (Date d(2007, 1, 1); d <= Date(2028, 12, 31); d += bg::days(1)) {
    const std::string text = format_date(d);
    if (text.size() != 10 || parse_date(text) != d || text != bg::to_iso_extended_string(d)) ++failures;
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace xinfang
