// Period arithmetic on the national calendar, with every expected date worked out by hand from
// the published holiday table (weekdays checked against a perpetual calendar).
#include <gtest/gtest.h>

#include "calendar_test_util.hpp"
#include "xinfang/calendar.hpp"

namespace xinfang {
namespace {

using test::cn;

// ---- statutory periods (民法典 Art. 201, 203) ----

TEST(CalendarPeriod, StatutoryPeriodEndingOnAWorkingDayDoesNotRoll) {
  // A letter received on 2025-09-28, a make-up Sunday. The day of receipt is not counted:
  // 09-29, 09-30 are days 1-2, 10-01..10-13 days 3-15. 2025-10-13 is a Monday outside the
  // 10-01..10-08 break, so the period ends that day.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 9, 28), 15), Date(2025, 10, 13));
}

TEST(CalendarPeriod, StatutoryPeriodEndingOnHolidayRollsToNextWorkingDay) {
  // 2025-09-16 (Tue) + 15 days = 2025-10-01, the first day of the 国庆节、中秋节 break
  // (10-01..10-08); the first working day after it is Thursday 10-09.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 9, 16), 15), Date(2025, 10, 9));
  // 2025-09-23 (Tue) + 15 = 2025-10-08 (Wed), the last day of the break: also 10-09.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 9, 23), 15), Date(2025, 10, 9));
  // 2025-09-24 + 15 = 10-09 itself, a working Thursday: no roll.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 9, 24), 15), Date(2025, 10, 9));
}

TEST(CalendarPeriod, StatutoryPeriodAcrossSpringFestivalRollsPastTheBreak) {
  // 2025: 春节 01-28..02-04. 2025-01-20 (Mon) + 15 = 02-04 (Tue, holiday) -> Wednesday 02-05.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 1, 20), 15), Date(2025, 2, 5));
  // 2026: 春节 02-15..02-23. 2026-02-05 (Thu) + 15 = 02-20 (Fri, holiday); 02-21..02-23 are
  // holidays too (Sat, Sun, Mon), so the period ends Tuesday 02-24.
  EXPECT_EQ(cn().statutory_period_end(Date(2026, 2, 5), 15), Date(2026, 2, 24));
}

TEST(CalendarPeriod, StatutoryPeriodLastDayOnAMakeupSaturdayDoesNotRoll) {
  // 2025-09-26 (Fri) + 15 = 2025-10-11, a make-up Saturday: a working day, so the period ends
  // there and not on Monday 10-13.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 9, 26), 15), Date(2025, 10, 11));
  // 2026-02-13 (Fri) + 15 = 2026-02-28, the make-up Saturday after 春节.
  EXPECT_EQ(cn().statutory_period_end(Date(2026, 2, 13), 15), Date(2026, 2, 28));
}

TEST(CalendarPeriod, StatutoryPeriodRollsOntoAMakeupWeekendDay) {
  // A roll lands on a make-up day when a break ends right before one. Found in the table:
  // 2023 春节 01-21..01-27 is followed by make-up Saturday 01-28. 2023-01-06 (Fri) + 15 =
  // 01-21 (Sat, holiday) -> Saturday 01-28.
  EXPECT_EQ(cn().statutory_period_end(Date(2023, 1, 6), 15), Date(2023, 1, 28));
  // 2023 中秋节、国庆节 09-29..10-06, followed by make-up Saturday 10-07. 2023-09-15 + 15 =
  // 09-30 (holiday) -> Saturday 10-07.
  EXPECT_EQ(cn().statutory_period_end(Date(2023, 9, 15), 15), Date(2023, 10, 7));
  // 2024 春节 02-10..02-17 is followed by make-up Sunday 02-18. 2024-01-31 + 15 = 02-15 (Thu,
  // holiday) -> Sunday 02-18.
  EXPECT_EQ(cn().statutory_period_end(Date(2024, 1, 31), 15), Date(2024, 2, 18));
  // 2026 元旦 01-01..01-03 is followed by make-up Sunday 01-04. 2025-12-17 (Wed) + 15 =
  // 2026-01-01 (holiday) -> Sunday 2026-01-04.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 12, 17), 15), Date(2026, 1, 4));
}

TEST(CalendarPeriod, StatutoryPeriodOnAPlainWeekendRollsToMonday) {
  // 2025-03-07 (Fri) + 15 = 03-22 (Sat, ordinary weekend) -> Monday 03-24.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 3, 7), 15), Date(2025, 3, 24));
  // 2025-03-08 (Sat) + 15 = 03-23 (Sun) -> Monday 03-24.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 3, 8), 15), Date(2025, 3, 24));
}

TEST(CalendarPeriod, HandlingPeriodOfSixtyDaysWithAndWithoutExtension) {
  // Art. 34: 60 days, extendable by at most 30. Received 2025-09-28: 09-29..09-30 are days
  // 1-2, October days 3-33, November 1..27 days 34-60. 2025-11-27 is a Thursday: no roll.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 9, 28), 60), Date(2025, 11, 27));
  // With the 30-day extension (DESIGN: count limit + extension from the start, roll once):
  // 90 days -> 2025-12-27, a Saturday -> Monday 2025-12-29.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 9, 28), 60 + 30), Date(2025, 12, 29));
  // Counting the extension from the unrolled end of the first 60 days gives the same day here.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 11, 27), 30), Date(2025, 12, 29));
}

TEST(CalendarPeriod, ReviewPeriodsOfThirtyDays) {
  // Art. 35: 30 days. From 2026-09-01 (Tue): 30 days -> 10-01 (国庆节 10-01..10-07) -> Thursday
  // 10-08.
  EXPECT_EQ(cn().statutory_period_end(Date(2026, 9, 1), 30), Date(2026, 10, 8));
  // From 2026-08-26 (Wed): 30 days -> 09-25, 中秋节 (09-25..09-27) -> Monday 09-28.
  EXPECT_EQ(cn().statutory_period_end(Date(2026, 8, 26), 30), Date(2026, 9, 28));
}

TEST(CalendarPeriod, ZeroDayPeriodEndsOnTheStartOrTheNextWorkingDay) {
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 3, 4), 0), Date(2025, 3, 4));
  // 2025-10-01 is a holiday; a zero-length period rolls like any other to 10-09.
  EXPECT_EQ(cn().statutory_period_end(Date(2025, 10, 1), 0), Date(2025, 10, 9));
}

TEST(CalendarPeriod, NegativeStatutoryPeriodIsRefused) {
  XF_EXPECT_ERROR(cn().statutory_period_end(Date(2025, 3, 4), -1), ErrorCode::invalid_argument);
}

TEST(CalendarPeriod, AddCalendarDaysNeedsNoTable) {
  EXPECT_EQ(cn().add_calendar_days(Date(2025, 9, 28), 15), Date(2025, 10, 13));
  EXPECT_EQ(cn().add_calendar_days(Date(2025, 3, 1), -1), Date(2025, 2, 28));
  // 2030 has no table, but calendar days need none.
  EXPECT_EQ(cn().add_calendar_days(Date(2030, 1, 1), 31), Date(2030, 2, 1));
}

TEST(CalendarPeriod, DateArithmeticLeavingBoostsRangeIsAnInvalidArgument) {
  // boost::gregorian dates cover 1400-9999. Leaving that range must be a xinfang::Error, not a
  // boost exception escaping from a later call (nor a silently wrong date).
  XF_EXPECT_ERROR(cn().add_calendar_days(Date(9999, 12, 31), 1), ErrorCode::invalid_argument);
  XF_EXPECT_ERROR(cn().add_calendar_days(Date(1400, 1, 1), -1), ErrorCode::invalid_argument);
  XF_EXPECT_ERROR(cn().add_calendar_days(Date(2025, 1, 1), 3000000), ErrorCode::invalid_argument);
  XF_EXPECT_ERROR(cn().statutory_period_end(Date(2025, 1, 1), 2147483647), ErrorCode::invalid_argument);
  EXPECT_EQ(cn().add_calendar_days(Date(9999, 12, 30), 1), Date(9999, 12, 31));
}

// ---- working days ----

TEST(CalendarPeriod, FiveWorkingDaysAcrossNationalDay) {
  // Art. 23: objections within 5 working days. From 2025-09-26 (Fri): 09-28 (make-up Sun) 1,
  // 09-29 (Mon) 2, 09-30 (Tue) 3, [10-01..10-08 break], 10-09 (Thu) 4, 10-10 (Fri) 5.
  EXPECT_EQ(cn().add_working_days(Date(2025, 9, 26), 5), Date(2025, 10, 10));
  EXPECT_EQ(cn().working_days_between(Date(2025, 9, 26), Date(2025, 10, 10)), 5);
  // One more lands on the make-up Saturday 10-11.
  EXPECT_EQ(cn().add_working_days(Date(2025, 9, 26), 6), Date(2025, 10, 11));
  // Backwards: 5 working days before 10-10 is 09-26 again.
  EXPECT_EQ(cn().add_working_days(Date(2025, 10, 10), -5), Date(2025, 9, 26));
  EXPECT_EQ(cn().working_days_between(Date(2025, 10, 10), Date(2025, 9, 26)), -5);
}

TEST(CalendarPeriod, WorkingDaysBetweenIsAntisymmetricAsDocumented) {
  // The header: for to < from, minus the working days after to up to and including from.
  // From holiday 2025-10-01 back one working day is Tuesday 09-30; (09-30, 10-01] holds no
  // working day, so the count back is 0, not -1.
  EXPECT_EQ(cn().add_working_days(Date(2025, 10, 1), -1), Date(2025, 9, 30));
  EXPECT_EQ(cn().working_days_between(Date(2025, 10, 1), Date(2025, 9, 30)), 0);
  // From the working Thursday 10-09 back one is also 09-30, and (09-30, 10-09] holds 10-09: -1.
  EXPECT_EQ(cn().add_working_days(Date(2025, 10, 9), -1), Date(2025, 9, 30));
  EXPECT_EQ(cn().working_days_between(Date(2025, 10, 9), Date(2025, 9, 30)), -1);
  EXPECT_EQ(cn().working_days_between(Date(2025, 9, 30), Date(2025, 10, 9)), 1);
  EXPECT_EQ(cn().working_days_between(Date(2025, 10, 9), Date(2025, 10, 9)), 0);
}

TEST(CalendarPeriod, NextAndPreviousWorkingDayAroundSpringFestival2025) {
  // 2025: make-up Sun 01-26, 春节 01-28..02-04, make-up Sat 02-08.
  EXPECT_EQ(cn().next_working_day(Date(2025, 1, 24)), Date(2025, 1, 26));  // Fri -> make-up Sun
  EXPECT_EQ(cn().next_working_day(Date(2025, 1, 27)), Date(2025, 2, 5));   // Mon -> after the break
  EXPECT_EQ(cn().previous_working_day(Date(2025, 2, 5)), Date(2025, 1, 27));
  EXPECT_EQ(cn().previous_working_day(Date(2025, 1, 27)), Date(2025, 1, 26));
  EXPECT_EQ(cn().next_working_day(Date(2025, 2, 7)), Date(2025, 2, 8));   // Fri -> make-up Sat
  EXPECT_EQ(cn().next_working_day(Date(2025, 2, 8)), Date(2025, 2, 10));  // make-up Sat -> Mon
  // Between Friday 01-24 and Wednesday 02-05 the working days are 01-26, 01-27, 02-05.
  EXPECT_EQ(cn().working_days_between(Date(2025, 1, 24), Date(2025, 2, 5)), 3);
}

// ---- year boundaries ----

TEST(CalendarPeriod, AddWorkingDaysAcrossNewYear2026CountsTheMakeupSunday) {
  // 2025-12-31 (Wed). 2026-01-01..01-03 元旦 holiday; 01-04 (Sun) is a make-up working day
  // for 元旦, so it counts: 01-04 = 1, 01-05 (Mon) = 2, 01-06 (Tue) = 3.
  EXPECT_EQ(cn().add_working_days(Date(2025, 12, 31), 1), Date(2026, 1, 4));
  EXPECT_EQ(cn().add_working_days(Date(2025, 12, 31), 3), Date(2026, 1, 6));
  EXPECT_EQ(cn().working_days_between(Date(2025, 12, 31), Date(2026, 1, 6)), 3);
  EXPECT_EQ(cn().add_working_days(Date(2026, 1, 4), -1), Date(2025, 12, 31));
  EXPECT_EQ(cn().add_working_days(Date(2026, 1, 6), -3), Date(2025, 12, 31));
}

TEST(CalendarPeriod, AddWorkingDaysAcrossNewYear2019WithDecemberBreak) {
  // 2019 notice: make-up Sat 2018-12-29, 元旦 2018-12-30..2019-01-01. From Friday 2018-12-28:
  // 12-29 = 1, then 12-30, 12-31, 01-01 off, 2019-01-02 (Wed) = 2.
  EXPECT_EQ(cn().add_working_days(Date(2018, 12, 28), 1), Date(2018, 12, 29));
  EXPECT_EQ(cn().add_working_days(Date(2018, 12, 28), 2), Date(2019, 1, 2));
  EXPECT_EQ(cn().working_days_between(Date(2018, 12, 28), Date(2019, 1, 2)), 2);
  EXPECT_FALSE(cn().is_working_day(Date(2018, 12, 31)));  // a Monday, but 元旦
  EXPECT_EQ(cn().previous_working_day(Date(2019, 1, 2)), Date(2018, 12, 29));
}

TEST(CalendarPeriod, AddWorkingDaysAcrossNewYear2024) {
  // 2024 notice: 元旦 2023-12-30..2024-01-01 (Sat..Mon), no make-up. Friday 2023-12-29 + 1
  // working day = Tuesday 2024-01-02.
  EXPECT_EQ(cn().add_working_days(Date(2023, 12, 29), 1), Date(2024, 1, 2));
  EXPECT_EQ(cn().working_days_between(Date(2023, 12, 29), Date(2024, 1, 2)), 1);
}

TEST(CalendarPeriod, DecemberNewYearBreakIsListedInItsOwnYearWithTheNextYearsNotice) {
  const Calendar& c = cn();
  const std::string notice2019 = c.year_source(2019);
  ASSERT_NE(notice2019, c.year_source(2018));
  std::vector<SpecialDay> december;
  for (const auto& s : c.special_days(2018)) {
    if (s.date >= Date(2018, 12, 29)) december.push_back(s);
  }
  ASSERT_EQ(december.size(), 3u);
  EXPECT_EQ(december[0].date, Date(2018, 12, 29));
  EXPECT_EQ(december[0].kind, DayKind::makeup_workday);
  EXPECT_EQ(december[1].date, Date(2018, 12, 30));
  EXPECT_EQ(december[1].kind, DayKind::holiday);
  EXPECT_EQ(december[2].date, Date(2018, 12, 31));
  EXPECT_EQ(december[2].kind, DayKind::holiday);
  for (const auto& s : december) {
    EXPECT_EQ(s.name, "元旦");
    EXPECT_EQ(s.source, notice2019);
  }
  EXPECT_EQ(c.day_info(Date(2018, 12, 31)).source, notice2019);
  // special_days(2019) starts with 01-01, the last day of that break, and not with December.
  const auto y2019 = c.special_days(2019);
  ASSERT_FALSE(y2019.empty());
  EXPECT_EQ(y2019.front().date, Date(2019, 1, 1));
}

}  // namespace
}  // namespace xinfang

namespace {

xinfang::Instant at_local(const char* date, int hour, int minute) {
  const auto& cal = xinfang::Calendar::national();
  return cal.start_of_day(xinfang::parse_date(date)) + boost::posix_time::hours(hour) +
         boost::posix_time::minutes(minute);
}

}  // namespace

// period_end is the one rule behind every deadline: each unit counted by hand from the 2025
// table (National Day break 10-01..10-08, make-up days 09-28 Sun and 10-11 Sat).
TEST(CalendarPeriod, PeriodEndCountsEachUnitFromTheLocalStartDay) {
  const auto& cal = xinfang::Calendar::national();
  using xinfang::PeriodUnit;
  // Received 2025-09-28 15:00 local. 15 statutory days: day 15 is 10-13 (Mon, working), so the
  // period ends 10-13 24:00 local = 10-13 16:00Z.
  const auto received = at_local("2025-09-28", 15, 0);
  EXPECT_EQ(cal.period_end(received, 15, PeriodUnit::statutory_days),
            cal.end_of_day(xinfang::parse_date("2025-10-13")));
  // 15 calendar days: same day, no roll either way.
  EXPECT_EQ(cal.period_end(received, 15, PeriodUnit::calendar_days), cal.end_of_day(xinfang::parse_date("2025-10-13")));
  // Received 2025-09-20: day 15 is 10-05 inside the break; calendar days do not roll,
  // statutory days roll to 10-09.
  const auto early = at_local("2025-09-20", 9, 0);
  EXPECT_EQ(cal.period_end(early, 15, PeriodUnit::calendar_days), cal.end_of_day(xinfang::parse_date("2025-10-05")));
  EXPECT_EQ(cal.period_end(early, 15, PeriodUnit::statutory_days), cal.end_of_day(xinfang::parse_date("2025-10-09")));
  // 5 working days after Tue 09-30: 10-09, 10-10, 10-11 (make-up Sat), 10-13, 10-14.
  EXPECT_EQ(cal.period_end(at_local("2025-09-30", 17, 0), 5, PeriodUnit::working_days),
            cal.end_of_day(xinfang::parse_date("2025-10-14")));
  // Hours are exact, across midnight and holidays alike.
  EXPECT_EQ(cal.period_end(received, 2, PeriodUnit::hours), received + boost::posix_time::hours(2));
  // The national calendar has no business hours.
  EXPECT_THROW(cal.period_end(received, 2, PeriodUnit::business_hours), xinfang::Error);
  EXPECT_THROW(cal.period_end(received, -1, PeriodUnit::calendar_days), xinfang::Error);
  // A period whose end lies in 2027 is refused, not guessed.
  EXPECT_THROW(cal.period_end(at_local("2026-12-20", 9, 0), 15, PeriodUnit::statutory_days), xinfang::Error);
}

TEST(CalendarPeriod, PeriodUnitNamesRoundTrip) {
  using xinfang::PeriodUnit;
  for (PeriodUnit unit : {PeriodUnit::calendar_days, PeriodUnit::working_days, PeriodUnit::statutory_days,
                          PeriodUnit::hours, PeriodUnit::business_hours}) {
    EXPECT_EQ(xinfang::parse_period_unit(xinfang::period_unit_name(unit)), unit);
  }
  EXPECT_FALSE(xinfang::parse_period_unit("days").has_value());
}
