// Host-loaded calendars: local holidays layered over cn-national, loaded years, time zones and
// business hours.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "calendar_test_util.hpp"
#include "xinfang/calendar.hpp"

namespace xinfang {
namespace {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;
using test::cn;
using test::LocalTime;
using test::office;
using test::Utc;

constexpr const char* kDistrict = R"({
  "name": "district",
  "base": "cn-national",
  "years": {"2025": {"source": "local notice",
                     "holidays": [{"name": "local festival", "from": "2025-03-03", "to": "2025-03-03"}]}}
})";

// ---- layering ----

TEST(CalendarHost, LocalHolidayLayersOverTheNationalTable) {
  const Calendar c = Calendar::from_json(kDistrict);
  EXPECT_EQ(c.name(), "district");
  EXPECT_EQ(c.time_zone(), "Asia/Shanghai");
  // 2025-03-03 is a Monday: a working day nationally, a holiday in the district.
  EXPECT_TRUE(cn().is_working_day(Date(2025, 3, 3)));
  const DayInfo local = c.day_info(Date(2025, 3, 3));
  EXPECT_EQ(local.kind, DayKind::holiday);
  EXPECT_FALSE(local.working);
  EXPECT_EQ(local.name, "local festival");
  EXPECT_EQ(local.source, "local notice");
  // National days stay.
  EXPECT_EQ(c.day_info(Date(2025, 10, 1)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2025, 9, 28)).kind, DayKind::makeup_workday);
  EXPECT_EQ(c.day_info(Date(2025, 10, 1)).source, cn().year_source(2025));
  EXPECT_EQ(c.year_status(2024), YearStatus::published);
  EXPECT_TRUE(c.is_working_day(Date(2025, 3, 4)));
  // Both notices stand behind 2025 now.
  const std::string source = c.year_source(2025);
  EXPECT_NE(source.find(cn().year_source(2025)), std::string::npos);
  EXPECT_NE(source.find("local notice"), std::string::npos);
  // Counting sees the local day: Friday 02-28 + 1 working day skips Monday 03-03.
  EXPECT_EQ(c.add_working_days(Date(2025, 2, 28), 1), Date(2025, 3, 4));
  EXPECT_EQ(cn().add_working_days(Date(2025, 2, 28), 1), Date(2025, 3, 3));
  // 2025-02-16 (Sun) + 15 = 03-03: nationally the last day, in the district it rolls to 03-04.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 2, 16), 15), Date(2025, 3, 3));
  EXPECT_EQ(c.statutory_period_end(Date(2025, 2, 16), 15), Date(2025, 3, 4));
}

TEST(CalendarHost, FromJsonWithBaseLayersOverTheGivenCalendar) {
  const Calendar district = Calendar::from_json(kDistrict);
  // A town layered over the district (by value, without naming a base in the document).
  const Calendar town = Calendar::from_json(R"({
    "name": "town",
    "years": {"2025": {"source": "town notice",
                       "holidays": [{"name": "town fair", "from": "2025-03-04", "to": "2025-03-04"}]}}
  })",
                                            district);
  EXPECT_EQ(town.name(), "town");
  EXPECT_EQ(town.day_info(Date(2025, 3, 3)).name, "local festival");   // from the district
  EXPECT_EQ(town.day_info(Date(2025, 3, 4)).name, "town fair");        // its own
  EXPECT_EQ(town.day_info(Date(2025, 10, 1)).kind, DayKind::holiday);  // from the nation
  // The district itself is unchanged.
  EXPECT_TRUE(district.is_working_day(Date(2025, 3, 4)));
  // A document may name its base when it matches the calendar given.
  const Calendar named = Calendar::from_json(R"({"name": "t2", "base": "district"})", district);
  EXPECT_FALSE(named.is_working_day(Date(2025, 3, 3)));
  // ... and is refused when it names another.
  XF_EXPECT_ERROR_MSG(Calendar::from_json(R"({"name": "t3", "base": "cn-national"})", district),
                      ErrorCode::invalid_data, "/base");
}

TEST(CalendarHost, ALayerReplacesTheBaseEntryForADate) {
  // The district makes the national make-up Sunday 2025-09-28 a local holiday.
  const Calendar c = Calendar::from_json(R"({
    "name": "d", "base": "cn-national",
    "years": {"2025": {"source": "s", "holidays": [{"name": "local", "from": "2025-09-28"}]}}
  })");
  EXPECT_EQ(c.day_info(Date(2025, 9, 28)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2025, 9, 28)).name, "local");
  // "to" defaults to "from": 09-29 (Mon) is untouched.
  EXPECT_TRUE(c.is_working_day(Date(2025, 9, 29)));
  // Friday 09-26 + 1 working day is now Monday 09-29 instead of Sunday 09-28.
  EXPECT_EQ(cn().next_working_day(Date(2025, 9, 26)), Date(2025, 9, 28));
  EXPECT_EQ(c.next_working_day(Date(2025, 9, 26)), Date(2025, 9, 29));
}

TEST(CalendarHost, LoadingAYearTheBaseLacksMakesItPublished) {
  const Calendar c = Calendar::from_json(R"({
    "name": "with-2027",
    // comments are allowed in calendar files
    "years": {"2027": {"source": "国务院办公厅关于2027年部分节假日安排的通知, as loaded by the host",
                       "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
                       "workdays": [{"date": "2027-01-09", "for": "元旦"}]}}  /* block comment */
  })",
                                         cn());
  EXPECT_EQ(c.year_status(2027), YearStatus::published);
  EXPECT_EQ(c.year_range(), std::make_pair(2008, 2027));
  const DayInfo new_year = c.day_info(Date(2027, 1, 1));  // a Friday
  EXPECT_EQ(new_year.kind, DayKind::holiday);
  EXPECT_FALSE(new_year.estimated);
  EXPECT_EQ(c.day_info(Date(2027, 1, 9)).kind, DayKind::makeup_workday);  // a Saturday
  EXPECT_TRUE(c.is_working_day(Date(2027, 1, 4)));                        // Monday
  // Thursday 2026-12-31 + 1 working day: 01-01..01-03 off -> Monday 2027-01-04.
  EXPECT_EQ(c.add_working_days(Date(2026, 12, 31), 1), Date(2027, 1, 4));
  // Without a "for", a make-up day's name defaults to something non-empty.
  const Calendar plain = Calendar::from_json(
      R"({"name": "p", "years": {"2027": {"source": "s", "workdays": [{"date": "2027-01-09"}]}}})", cn());
  EXPECT_FALSE(plain.day_info(Date(2027, 1, 9)).name.empty());
}

TEST(CalendarHost, DecemberOfThePreviousYearBelongsToATable) {
  // A 2027 table may list the New Year break from 2026-12-31 (only December is allowed).
  const Calendar c = Calendar::from_json(R"({
    "name": "x", "base": "cn-national",
    "years": {"2027": {"source": "s", "holidays": [{"name": "元旦", "from": "2026-12-31", "to": "2027-01-01"}]}}
  })");
  EXPECT_EQ(c.day_info(Date(2026, 12, 31)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2026, 12, 31)).source, "s");
  XF_EXPECT_ERROR_MSG(Calendar::from_json(R"({
    "name": "x", "years": {"2027": {"source": "s", "holidays": [{"name": "h", "from": "2026-11-30"}]}}
  })"),
                      ErrorCode::invalid_data, "/years/2027/holidays/0/from");
}

TEST(CalendarHost, CustomWeekendChangesOrdinaryDays) {
  const Calendar c = Calendar::from_json(R"({"name": "w", "weekend": ["fri", "sat"], "estimate_years": [2030]})");
  EXPECT_EQ(c.year_status(2030), YearStatus::estimated);
  // 2030-01-04 is a Friday, 2030-01-06 a Sunday.
  EXPECT_EQ(c.day_info(Date(2030, 1, 4)).kind, DayKind::weekend);
  EXPECT_EQ(c.day_info(Date(2030, 1, 6)).kind, DayKind::workday);
}

// ---- time zones ----

TEST(CalendarHost, ShanghaiDaysAreEightHoursAheadOfUtc) {
  EXPECT_EQ(cn().start_of_day(Date(2025, 10, 1)), Utc(2025, 9, 30, 16, 0));
  EXPECT_EQ(cn().end_of_day(Date(2025, 10, 1)), Utc(2025, 10, 1, 16, 0));
  EXPECT_EQ(cn().local_date(Utc(2025, 9, 30, 16, 0)), Date(2025, 10, 1));
  EXPECT_EQ(cn().local_date(Utc(2025, 9, 30, 15, 59, 59)), Date(2025, 9, 30));
  EXPECT_EQ(cn().local_date(Utc(2025, 10, 1, 15, 59, 59)), Date(2025, 10, 1));
}

TEST(CalendarHost, TimeZoneNamesAndOffsets) {
  struct Case {
    const char* zone;
    int offset;
    Instant end_of_oct_1;  // 24:00 local of 2025-10-01, in UTC
  };
  const Case cases[] = {
      {"UTC", 0, Utc(2025, 10, 2, 0, 0)},
      {"Asia/Urumqi", 360, Utc(2025, 10, 1, 18, 0)},
      {"Asia/Hong_Kong", 480, Utc(2025, 10, 1, 16, 0)},
      {"UTC+05:30", 330, Utc(2025, 10, 1, 18, 30)},
      {"UTC-03:00", -180, Utc(2025, 10, 2, 3, 0)},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.zone);
    const Calendar c =
        Calendar::from_json(std::string(R"({"name": "z", "base": "cn-national", "time_zone": ")") + k.zone + "\"}");
    EXPECT_EQ(c.time_zone(), k.zone);
    EXPECT_EQ(c.utc_offset_minutes(), k.offset);
    EXPECT_EQ(c.end_of_day(Date(2025, 10, 1)), k.end_of_oct_1);
    EXPECT_EQ(c.local_date(k.end_of_oct_1), Date(2025, 10, 2));
    EXPECT_EQ(c.local_date(k.end_of_oct_1 - bpt::seconds(1)), Date(2025, 10, 1));
  }
}

// ---- business hours ----

// office(): business hours 08:30-12:00 and 13:30-17:30 (calendar_test_util.hpp).

Instant Sh(int y, int m, int d, int h, int mi) {
  return LocalTime(Date(y, m, d), h, mi);
}

TEST(CalendarBusinessHours, WindowsOfWorkingAndNonWorkingDays) {
  EXPECT_TRUE(office().has_business_hours());
  const auto tuesday = office().business_windows(Date(2025, 3, 4));
  ASSERT_EQ(tuesday.size(), 2u);
  EXPECT_EQ(tuesday[0].start_minute, 8 * 60 + 30);
  EXPECT_EQ(tuesday[0].end_minute, 12 * 60);
  EXPECT_EQ(tuesday[1].start_minute, 13 * 60 + 30);
  EXPECT_EQ(tuesday[1].end_minute, 17 * 60 + 30);
  EXPECT_TRUE(office().business_windows(Date(2025, 3, 8)).empty());    // Saturday
  EXPECT_TRUE(office().business_windows(Date(2025, 10, 1)).empty());   // 国庆节
  EXPECT_EQ(office().business_windows(Date(2025, 9, 28)).size(), 2u);  // make-up Sunday
}

TEST(CalendarBusinessHours, AddBusinessTimeSkipsTheLunchBreak) {
  // Tuesday 2025-03-04 11:00 local: 11:00-12:00 is one hour, the second starts at 13:30 and
  // ends at 14:30 local = 06:30 UTC.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 11, 0), bpt::hours(2)), Sh(2025, 3, 4, 14, 30));
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 11, 0), bpt::hours(2)), Utc(2025, 3, 4, 6, 30));
}

TEST(CalendarBusinessHours, AddBusinessTimeFromFridayAfternoonEndsMondayMorning) {
  // Friday 2025-03-07 16:30: one hour to 17:30, weekend, Monday 03-10 08:30 + 1h = 09:30.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 7, 16, 30), bpt::hours(2)), Sh(2025, 3, 10, 9, 30));
}

TEST(CalendarBusinessHours, AddBusinessTimeSkipsAHolidayAndUsesMakeupDays) {
  // Tuesday 2025-09-30 16:30: one hour, then 10-01..10-08 off, Thursday 10-09 09:30.
  EXPECT_EQ(office().add_business_time(Sh(2025, 9, 30, 16, 30), bpt::hours(2)), Sh(2025, 10, 9, 9, 30));
  // Friday 2025-09-26 16:30: one hour, Saturday 09-27 off, make-up Sunday 09-28 09:30.
  EXPECT_EQ(office().add_business_time(Sh(2025, 9, 26, 16, 30), bpt::hours(2)), Sh(2025, 9, 28, 9, 30));
  // Forty business hours from Tuesday 2025-09-30 08:30: 9-30 gives 7.5h, then 10-09, 10-10,
  // 10-11 (make-up Sat), 10-13 (Mon) give 30h more (37.5h at 17:30 on 10-13); the last 2.5h
  // run 08:30-11:00 on Tuesday 10-14.
  EXPECT_EQ(office().add_business_time(Sh(2025, 9, 30, 8, 30), bpt::hours(40)), Sh(2025, 10, 14, 11, 0));
}

TEST(CalendarBusinessHours, InstantOutsideWindowsStartsAtTheNextOpening) {
  // Before opening: 07:00 + 30 min = 09:00.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 7, 0), bpt::minutes(30)), Sh(2025, 3, 4, 9, 0));
  // In the lunch break: 12:15 + 30 min = 14:00.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 12, 15), bpt::minutes(30)), Sh(2025, 3, 4, 14, 0));
  // Exactly at a window's end is outside it: 12:00 + 30 min = 14:00.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 12, 0), bpt::minutes(30)), Sh(2025, 3, 4, 14, 0));
  // After closing: Tuesday 18:00 + 1h = Wednesday 09:30.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 18, 0), bpt::hours(1)), Sh(2025, 3, 5, 9, 30));
  // On a Saturday: 2025-03-08 10:00 + 1h = Monday 09:30.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 8, 10, 0), bpt::hours(1)), Sh(2025, 3, 10, 9, 30));
  // On a holiday: 2025-10-01 10:00 + 1h = Thursday 10-09 09:30.
  EXPECT_EQ(office().add_business_time(Sh(2025, 10, 1, 10, 0), bpt::hours(1)), Sh(2025, 10, 9, 9, 30));
  // Late on Monday 2025-03-03 in UTC terms is already Tuesday morning locally: 2025-03-03
  // 23:00 UTC = 03-04 07:00 local; + 1h = 09:30 local on 03-04.
  EXPECT_EQ(office().add_business_time(Utc(2025, 3, 3, 23, 0), bpt::hours(1)), Sh(2025, 3, 4, 9, 30));
}

TEST(CalendarBusinessHours, ResultExactlyAtAWindowsEndStaysAtThatEnd) {
  // 11:00 + 1h ends at 12:00, not at 13:30.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 11, 0), bpt::hours(1)), Sh(2025, 3, 4, 12, 0));
  // 16:30 + 1h ends at 17:30 the same day, not 08:30 the next.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 16, 30), bpt::hours(1)), Sh(2025, 3, 4, 17, 30));
  // A full day (3.5h + 4h) from opening ends at that day's close.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 8, 30), bpt::minutes(450)), Sh(2025, 3, 4, 17, 30));
  // Starting before opening, 3.5h ends at 12:00.
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 6, 0), bpt::minutes(210)), Sh(2025, 3, 4, 12, 0));
}

TEST(CalendarBusinessHours, ZeroAmountReturnsTheStartEvenOutsideWindows) {
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 8, 3, 0), bpt::seconds(0)), Sh(2025, 3, 8, 3, 0));
  EXPECT_EQ(office().add_business_time(Sh(2025, 3, 4, 9, 0), bpt::seconds(0)), Sh(2025, 3, 4, 9, 0));
}

TEST(CalendarBusinessHours, NegativeAmountsAndCalendarsWithoutHoursAreRefused) {
  XF_EXPECT_ERROR(office().add_business_time(Sh(2025, 3, 4, 9, 0), bpt::minutes(-1)), ErrorCode::invalid_argument);
  XF_EXPECT_ERROR(cn().add_business_time(Sh(2025, 3, 4, 9, 0), bpt::hours(1)), ErrorCode::invalid_argument);
  XF_EXPECT_ERROR(cn().business_time_between(Sh(2025, 3, 4, 9, 0), Sh(2025, 3, 4, 10, 0)), ErrorCode::invalid_argument);
  XF_EXPECT_ERROR(office().add_business_time(Sh(2025, 3, 4, 9, 0), bpt::time_duration(bpt::not_a_date_time)),
                  ErrorCode::invalid_argument);
}

TEST(CalendarBusinessHours, BusinessTimePastTheTableThrowsCalendarRange) {
  // Thursday 2026-12-31 16:00: 1.5h are left in the table; 2h need 2027.
  EXPECT_EQ(office().add_business_time(Sh(2026, 12, 31, 16, 0), bpt::minutes(90)), Sh(2026, 12, 31, 17, 30));
  XF_EXPECT_ERROR(office().add_business_time(Sh(2026, 12, 31, 16, 0), bpt::hours(2)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(office().add_business_time(Sh(2027, 1, 4, 9, 0), bpt::hours(1)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(office().business_time_between(Sh(2026, 12, 31, 9, 0), Sh(2027, 1, 4, 9, 0)),
                  ErrorCode::calendar_range);
}

TEST(CalendarBusinessHours, BusinessTimeBetweenByHand) {
  EXPECT_EQ(office().business_time_between(Sh(2025, 3, 4, 11, 0), Sh(2025, 3, 4, 14, 30)), bpt::hours(2));
  EXPECT_EQ(office().business_time_between(Sh(2025, 3, 7, 16, 30), Sh(2025, 3, 10, 9, 30)), bpt::hours(2));
  EXPECT_EQ(office().business_time_between(Sh(2025, 3, 10, 9, 30), Sh(2025, 3, 7, 16, 30)), -bpt::hours(2));
  // 2025-09-30 08:00 to 10-09 08:00: all of 09-30 (7.5h), nothing in the break or before
  // opening on 10-09.
  EXPECT_EQ(office().business_time_between(Sh(2025, 9, 30, 8, 0), Sh(2025, 10, 9, 8, 0)), bpt::minutes(450));
  // Inside the lunch break nothing accrues.
  EXPECT_EQ(office().business_time_between(Sh(2025, 3, 4, 12, 0), Sh(2025, 3, 4, 13, 30)), bpt::seconds(0));
  EXPECT_EQ(office().business_time_between(Sh(2025, 3, 4, 9, 0), Sh(2025, 3, 4, 9, 0)), bpt::seconds(0));
}

// The naive business time: for each local day in range, the overlap of [from, to] with each
// hard-coded window, if the day is working.
bpt::time_duration NaiveBusinessTime(Instant from, Instant to) {
  if (to < from) return -NaiveBusinessTime(to, from);
  bpt::time_duration total = bpt::seconds(0);
  const Calendar& c = office();
  for (Date d = c.local_date(from); d <= c.local_date(to); d += bg::days(1)) {
    if (!cn().is_working_day(d)) continue;
    for (const auto& [start, end] : {std::pair{510, 720}, std::pair{810, 1050}}) {
      const Instant ws = LocalTime(d, 0, start);
      const Instant we = LocalTime(d, 0, end);
      const Instant a = std::max(ws, from);
      const Instant b = std::min(we, to);
      if (a < b) total += b - a;
    }
  }
  return total;
}

TEST(CalendarBusinessHours, BusinessTimeBetweenIsConsistentWithAddBusinessTime) {
  // Starts every 47 minutes from 2025-09-20 to 2025-10-20 (the 国庆 break and its make-up days),
  // with amounts from one second to a working week.
  const std::vector<bpt::time_duration> amounts = {bpt::seconds(1), bpt::minutes(1),   bpt::minutes(59),
                                                   bpt::hours(1),   bpt::minutes(210), bpt::minutes(450),
                                                   bpt::hours(8),   bpt::hours(40)};
  long checked = 0;
  for (Instant start = Sh(2025, 9, 20, 0, 0); start < Sh(2025, 10, 20, 0, 0); start += bpt::minutes(47)) {
    for (const auto& amount : amounts) {
      const Instant end = office().add_business_time(start, amount);
      ASSERT_GT(end, start);
      ASSERT_EQ(office().business_time_between(start, end), amount) << start << " + " << amount;
      ASSERT_EQ(NaiveBusinessTime(start, end), amount) << start << " + " << amount;
      // The end is the earliest such instant: one second less is not enough.
      ASSERT_LT(office().business_time_between(start, end - bpt::seconds(1)), amount) << start << " + " << amount;
      ++checked;
    }
  }
  EXPECT_GT(checked, 7000);
}

TEST(CalendarBusinessHours, BusinessTimeBetweenMatchesANaiveSumForRandomPairs) {
  std::mt19937 random(12345);
  std::uniform_int_distribution<int> minute(0, 60 * 24 * 120);
  const Instant origin = Sh(2025, 8, 1, 0, 0);
  for (int i = 0; i < 2000; ++i) {
    const Instant a = origin + bpt::minutes(minute(random));
    const Instant b = origin + bpt::minutes(minute(random));
    ASSERT_EQ(office().business_time_between(a, b), NaiveBusinessTime(a, b)) << a << " .. " << b;
  }
}

TEST(CalendarBusinessHours, PerWeekdayOverrides) {
  // Friday afternoons closed; make-up Saturdays open 09:00-12:00.
  const Calendar c = Calendar::from_json(R"({
    "name": "office2", "base": "cn-national",
    "business_hours": [["08:30", "12:00"], ["13:30", "17:30"]],
    "business_hours_by_weekday": {"fri": [["08:30", "12:00"]], "sat": [["09:00", "12:00"]]}
  })");
  const auto friday = c.business_windows(Date(2025, 3, 7));
  ASSERT_EQ(friday.size(), 1u);
  EXPECT_EQ(friday[0].end_minute, 12 * 60);
  EXPECT_EQ(c.business_windows(Date(2025, 3, 4)).size(), 2u);           // Tuesday: the default
  EXPECT_TRUE(c.business_windows(Date(2025, 3, 8)).empty());            // ordinary Saturday
  const auto makeup_saturday = c.business_windows(Date(2025, 10, 11));  // make-up Saturday
  ASSERT_EQ(makeup_saturday.size(), 1u);
  EXPECT_EQ(makeup_saturday[0].start_minute, 9 * 60);
  // Friday 2025-03-07 11:00 + 2h: 11:00-12:00, closed after; Monday 03-10 08:30 + 1h = 09:30.
  EXPECT_EQ(c.add_business_time(Sh(2025, 3, 7, 11, 0), bpt::hours(2)), Sh(2025, 3, 10, 9, 30));
  // Friday 2025-10-10 11:00 + 2h: 1h, then make-up Saturday 10-11 09:00 + 1h = 10:00.
  EXPECT_EQ(c.add_business_time(Sh(2025, 10, 10, 11, 0), bpt::hours(2)), Sh(2025, 10, 11, 10, 0));
  // Friday 16:00 is after the Friday close: + 30 min = Monday 09:00.
  EXPECT_EQ(c.add_business_time(Sh(2025, 3, 7, 16, 0), bpt::minutes(30)), Sh(2025, 3, 10, 9, 0));
  EXPECT_EQ(c.business_time_between(Sh(2025, 3, 7, 8, 0), Sh(2025, 3, 8, 0, 0)), bpt::minutes(210));
}

TEST(CalendarBusinessHours, OnlyPerWeekdayHoursStillCountAsBusinessHours) {
  const Calendar c = Calendar::from_json(R"({
    "name": "mon-only", "base": "cn-national", "business_hours_by_weekday": {"mon": [["09:00", "10:00"]]}
  })");
  EXPECT_TRUE(c.has_business_hours());
  EXPECT_TRUE(c.business_windows(Date(2025, 3, 4)).empty());  // Tuesday
  // Tuesday 2025-03-04 09:00 + 90 min: Monday 03-10 09:00-10:00 (1h), Monday 03-17 09:00-09:30.
  EXPECT_EQ(c.add_business_time(Sh(2025, 3, 4, 9, 0), bpt::minutes(90)), Sh(2025, 3, 17, 9, 30));
}

TEST(CalendarBusinessHours, BusinessHoursFollowTheCalendarsTimeZone) {
  // The same windows in a UTC calendar: 11:00Z + 2h = 14:30Z.
  const Calendar utc = Calendar::from_json(R"({
    "name": "utc-office", "base": "cn-national", "time_zone": "UTC",
    "business_hours": [["08:30", "12:00"], ["13:30", "17:30"]]
  })");
  EXPECT_EQ(utc.add_business_time(Utc(2025, 3, 4, 11, 0), bpt::hours(2)), Utc(2025, 3, 4, 14, 30));
  // A layer over the office keeps its hours (and zone) unless it changes them.
  const Calendar layered = Calendar::from_json(R"({"name": "layer", "base": "office"})", office());
  EXPECT_TRUE(layered.has_business_hours());
  EXPECT_EQ(layered.add_business_time(Sh(2025, 3, 4, 11, 0), bpt::hours(2)), Sh(2025, 3, 4, 14, 30));
}

}  // namespace
}  // namespace xinfang
