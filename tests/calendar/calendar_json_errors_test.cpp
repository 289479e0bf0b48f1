// Malformed calendar documents: each is refused with the right ErrorCode and a message that
// points at the offending value (JSON path, or line for syntax errors).
#include <gtest/gtest.h>

#include <string>

#include "calendar_test_util.hpp"
#include "xinfang/calendar.hpp"

namespace xinfang {
namespace {

using test::ReadTestData;
using test::ThrowsXf;

// Loading tests/calendar/data/<file> fails with @p code and a message containing @p needle,
// both alone and layered over the national calendar.
void ExpectRejected(const std::string& file, ErrorCode code, const std::string& needle) {
  SCOPED_TRACE(file);
  const std::string json = ReadTestData(file);
  ASSERT_FALSE(json.empty());
  EXPECT_TRUE(ThrowsXf([&] { Calendar::from_json(json); }, code, needle));
  if (code != ErrorCode::not_found) {
    EXPECT_TRUE(ThrowsXf([&] { Calendar::from_json(json, Calendar::national()); }, code, needle));
  }
}

// The JSON-path part of an invalid_data message: "calendar <path>: <what>".
std::string AtPath(const std::string& path) {
  return "calendar " + path + ":";
}

TEST(CalendarJsonErrors, SyntaxErrorIsAParseErrorWithLineAndColumn) {
  // The trailing comma is on line 4 of the file.
  ExpectRejected("syntax_error.json", ErrorCode::parse_error, "line 4");
  ExpectRejected("syntax_error.json", ErrorCode::parse_error, "column");
}

TEST(CalendarJsonErrors, InvalidUtf8IsRefusedWithItsOffset) {
  // Byte 17 is 0xFF: '{' '\n', two spaces, "name" (6), ':', ' ', '"', "bad", ' ' = 17 bytes before it.
  ExpectRejected("invalid_utf8.json", ErrorCode::invalid_utf8, "offset 17");
}

TEST(CalendarJsonErrors, TopLevelMustBeAnObject) {
  ExpectRejected("not_an_object.json", ErrorCode::invalid_data, AtPath("/"));
}

TEST(CalendarJsonErrors, UnknownKeysAreRefusedAtEveryLevel) {
  ExpectRejected("unknown_top_key.json", ErrorCode::invalid_data, AtPath("/yeras"));
  ExpectRejected("unknown_year_key.json", ErrorCode::invalid_data, AtPath("/years/2025/holiday"));
  ExpectRejected("unknown_holiday_key.json", ErrorCode::invalid_data, AtPath("/years/2025/holidays/0/until"));
}

TEST(CalendarJsonErrors, MissingRequiredMembersAreNamed) {
  ExpectRejected("missing_name.json", ErrorCode::invalid_data, AtPath("/name"));
  ExpectRejected("missing_source.json", ErrorCode::invalid_data, AtPath("/years/2025/source"));
  ExpectRejected("missing_holiday_name.json", ErrorCode::invalid_data, AtPath("/years/2025/holidays/0/name"));
}

TEST(CalendarJsonErrors, ImpossibleDateIsRefused) {
  ExpectRejected("bad_date.json", ErrorCode::invalid_data, AtPath("/years/2025/holidays/0/from"));
  ExpectRejected("bad_date.json", ErrorCode::invalid_data, "2025-02-30");
}

TEST(CalendarJsonErrors, DateOutsideItsYearsTableIsRefused) {
  // "from" 2025-12-31 is fine; "to" 2026-01-01 is not part of the 2025 table.
  ExpectRejected("date_outside_year.json", ErrorCode::invalid_data, AtPath("/years/2025/holidays/0/to"));
}

TEST(CalendarJsonErrors, HolidayEndingBeforeItStartsIsRefused) {
  ExpectRejected("to_before_from.json", ErrorCode::invalid_data, AtPath("/years/2025/holidays/0/to"));
}

TEST(CalendarJsonErrors, MakeupWorkdayOnAWeekdayIsRefused) {
  // 2025-03-05 is a Wednesday.
  ExpectRejected("makeup_on_weekday.json", ErrorCode::invalid_data, AtPath("/years/2025/workdays/0/date"));
}

TEST(CalendarJsonErrors, DayListedTwiceIsRefused) {
  // 2025-03-05 ends holiday 0 and starts holiday 1.
  ExpectRejected("day_listed_twice.json", ErrorCode::invalid_data, AtPath("/years/2025/holidays/1"));
  ExpectRejected("day_listed_twice.json", ErrorCode::invalid_data, "2025-03-05");
  // A day both holiday and make-up working day.
  ExpectRejected("holiday_and_makeup.json", ErrorCode::invalid_data, AtPath("/years/2025/workdays/0/date"));
}

TEST(CalendarJsonErrors, UnsupportedTimeZoneIsRefused) {
  ExpectRejected("bad_time_zone.json", ErrorCode::invalid_data, AtPath("/time_zone"));
}

TEST(CalendarJsonErrors, BadWeekendDayNameIsRefused) {
  ExpectRejected("bad_weekend_day.json", ErrorCode::invalid_data, AtPath("/weekend/1"));
}

TEST(CalendarJsonErrors, OverlappingBusinessWindowsAreRefused) {
  ExpectRejected("overlapping_windows.json", ErrorCode::invalid_data, AtPath("/business_hours/1"));
}

TEST(CalendarJsonErrors, WindowEndingBeforeItStartsIsRefused) {
  ExpectRejected("window_end_before_start.json", ErrorCode::invalid_data, AtPath("/business_hours/0"));
}

TEST(CalendarJsonErrors, BadYearKeyIsRefused) {
  ExpectRejected("bad_year_key.json", ErrorCode::invalid_data, AtPath("/years/25"));
}

TEST(CalendarJsonErrors, UnknownBaseIsNotFound) {
  ExpectRejected("unknown_base.json", ErrorCode::not_found, "cn-mars");
  ExpectRejected("unknown_base.json", ErrorCode::not_found, AtPath("/base"));
}

// Further malformed values, inline: each document and the path its message must name.
TEST(CalendarJsonErrors, OtherMalformedValuesNameTheirPath) {
  struct Case {
    const char* json;
    const char* path;
  };
  const Case cases[] = {
      {R"({"name": ""})", "/name"},
      {R"({"name": 7})", "/name"},
      {R"({"name": "x", "years": []})", "/years"},
      {R"({"name": "x", "years": {"2025": []}})", "/years/2025"},
      {R"({"name": "x", "years": {"2025": {"source": ""}}})", "/years/2025/source"},
      {R"({"name": "x", "years": {"1899": {"source": "s"}}})", "/years/1899"},
      {R"({"name": "x", "years": {"2025": {"source": "s", "holidays": {}}}})", "/years/2025/holidays"},
      {R"({"name": "x", "years": {"2025": {"source": "s", "holidays": [{"name": "h", "from": "2025-1-1"}]}}})",
       "/years/2025/holidays/0/from"},
      {R"({"name": "x", "years": {"2025": {"source": "s", "holidays": [{"name": "h", "from": "2025-01-01",
          "to": "2025-03-01"}]}}})",
       "/years/2025/holidays/0/to"},
      {R"({"name": "x", "years": {"2025": {"source": "s", "workdays": [{"date": "2025-03-08", "when": 1}]}}})",
       "/years/2025/workdays/0/when"},
      {R"({"name": "x", "years": {"2025": {"source": "s", "workdays": [{"for": "h"}]}}})",
       "/years/2025/workdays/0/date"},
      {R"({"name": "x", "weekend": ["sat", "sat"]})", "/weekend/1"},
      {R"({"name": "x", "weekend": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]})", "/weekend"},
      {R"({"name": "x", "weekend": "sat"})", "/weekend"},
      {R"({"name": "x", "time_zone": "UTC+15:00"})", "/time_zone"},
      {R"({"name": "x", "business_hours": [["08:30", "24:01"]]})", "/business_hours/0/1"},
      {R"({"name": "x", "business_hours": [["8:30", "12:00"]]})", "/business_hours/0/0"},
      {R"({"name": "x", "business_hours": [["08:30"]]})", "/business_hours/0"},
      {R"({"name": "x", "business_hours": [["13:30", "17:30"], ["08:30", "12:00"]]})", "/business_hours/1"},
      {R"({"name": "x", "business_hours_by_weekday": {"friday": []}})", "/business_hours_by_weekday/friday"},
      {R"({"name": "x", "estimate_years": [2201]})", "/estimate_years/0"},
      {R"({"name": "x", "estimate_years": ["2027"]})", "/estimate_years/0"},
      {R"({"name": "x", "base": 1})", "/base"},
  };
  for (const auto& k : cases) {
    EXPECT_TRUE(ThrowsXf([&] { Calendar::from_json(k.json); }, ErrorCode::invalid_data, AtPath(k.path))) << k.json;
  }
}

TEST(CalendarJsonErrors, EmptyDocumentIsAParseError) {
  EXPECT_TRUE(ThrowsXf([] { Calendar::from_json(""); }, ErrorCode::parse_error, "line"));
  EXPECT_TRUE(ThrowsXf([] { Calendar::from_json("{\"name\": \"x\"} trailing"); }, ErrorCode::parse_error));
}

TEST(CalendarJsonErrors, WellFormedVariantsOfTheTestFilesLoad) {
  // The same shapes, corrected, load: the refusals above are about the faults, not the shapes.
  const Calendar c = Calendar::from_json(R"({
    "name": "ok", "time_zone": "Asia/Shanghai", "weekend": ["sat", "sun"],
    "business_hours": [["08:30", "12:00"], ["12:00", "17:30"]],
    "business_hours_by_weekday": {"sun": []},
    "estimate_years": [2025, 2027],
    "years": {"2025": {"source": "s",
                       "holidays": [{"name": "a", "from": "2025-03-03", "to": "2025-03-05"},
                                    {"name": "b", "from": "2025-03-06", "to": "2025-03-06"}],
                       "workdays": [{"date": "2025-03-08", "for": "a"}]}}
  })");
  // 2025 is both loaded and listed for estimation: its table wins.
  EXPECT_EQ(c.year_status(2025), YearStatus::published);
  EXPECT_FALSE(c.day_info(Date(2025, 3, 3)).estimated);
  EXPECT_EQ(c.year_status(2027), YearStatus::estimated);
  EXPECT_EQ(c.day_info(Date(2025, 3, 6)).name, "b");
  EXPECT_EQ(c.day_info(Date(2025, 3, 8)).kind, DayKind::makeup_workday);
  // Adjacent windows (12:00 end, 12:00 start) are allowed: 3.5h + 5.5h = 9h on a working day.
  EXPECT_EQ(c.business_time_between(c.start_of_day(Date(2025, 3, 10)), c.end_of_day(Date(2025, 3, 10))),
            boost::posix_time::hours(9));
}

}  // namespace
}  // namespace xinfang

namespace {

xinfang::ErrorCode load_code(const std::string& json) {
  try {
    xinfang::Calendar::from_json(json);
  } catch (const xinfang::Error& e) {
    return e.code();
  }
  return xinfang::ErrorCode::ok;
}

}  // namespace

// Regression: sscanf's %d let a sign stand where a digit belongs ("+8:00" read as 08:00).
TEST(CalendarJsonErrors, SignedOrSpacedTimesAndOffsetsAreRefused) {
  EXPECT_EQ(load_code(R"({"name":"x","business_hours":[["+8:00","12:00"]]})"), xinfang::ErrorCode::invalid_data);
  EXPECT_EQ(load_code(R"({"name":"x","business_hours":[[" 8:00","12:00"]]})"), xinfang::ErrorCode::invalid_data);
  EXPECT_EQ(load_code(R"({"name":"x","time_zone":"UTC+-1:00"})"), xinfang::ErrorCode::invalid_data);
  EXPECT_EQ(load_code(R"({"name":"x","time_zone":"UTC+ 8:00"})"), xinfang::ErrorCode::invalid_data);
  EXPECT_EQ(load_code(R"({"name":"x","time_zone":"UTC+08:00","business_hours":[["08:00","12:00"]]})"),
            xinfang::ErrorCode::ok);
}

// Regression: counting between a day and itself skipped the unknown-year check.
TEST(CalendarRange, WorkingDaysBetweenADayAndItselfInAnUnknownYearIsRefused) {
  const auto day = xinfang::parse_date("2027-03-01");
  try {
    xinfang::Calendar::national().working_days_between(day, day);
    FAIL() << "expected calendar_range";
  } catch (const xinfang::Error& e) {
    EXPECT_EQ(e.code(), xinfang::ErrorCode::calendar_range);
  }
}
