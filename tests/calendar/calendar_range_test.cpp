// Years without a table are unknown: every query needing one of their days fails with
// calendar_range unless the host loads the year or asks for a weekend-only estimate.
#include <gtest/gtest.h>

#include "calendar_test_util.hpp"
#include "xinfang/calendar.hpp"

namespace xinfang {
namespace {

using test::cn;

TEST(CalendarRange, QueriesIn2007Throw) {
  XF_EXPECT_ERROR_MSG(cn().day_info(Date(2007, 6, 1)), ErrorCode::calendar_range, "2007");
  XF_EXPECT_ERROR(cn().is_working_day(Date(2007, 12, 31)), ErrorCode::calendar_range);
  // 2007-12-30/31 are set by the 2008 notice, but 2007 as a year has no table.
  XF_EXPECT_ERROR(cn().day_info(Date(2007, 12, 31)), ErrorCode::calendar_range);
  EXPECT_EQ(cn().special_day(Date(2007, 12, 31)), nullptr);
  // Wednesday 2008-01-02: the day before is 元旦, the working day before that is in 2007.
  XF_EXPECT_ERROR_MSG(cn().add_working_days(Date(2008, 1, 2), -1), ErrorCode::calendar_range, "2007");
  XF_EXPECT_ERROR(cn().previous_working_day(Date(2008, 1, 2)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(cn().working_days_between(Date(2007, 12, 1), Date(2008, 1, 10)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(cn().statutory_period_end(Date(2007, 12, 1), 15), ErrorCode::calendar_range);
  EXPECT_EQ(cn().year_status(2007), YearStatus::unknown);
}

TEST(CalendarRange, QueriesIn2027Throw) {
  XF_EXPECT_ERROR_MSG(cn().day_info(Date(2027, 1, 4)), ErrorCode::calendar_range, "2027");
  XF_EXPECT_ERROR(cn().is_working_day(Date(2027, 1, 4)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(cn().next_working_day(Date(2027, 3, 1)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(cn().add_working_days(Date(2027, 3, 1), 0), ErrorCode::calendar_range);
  EXPECT_EQ(cn().year_status(2027), YearStatus::unknown);
  EXPECT_EQ(cn().year_status(2100), YearStatus::unknown);
}

TEST(CalendarRange, AddWorkingDaysRunningPast2026Throws) {
  // 2026-12-28 (Mon): 12-29, 12-30, 12-31 are working; a fourth would be in 2027.
  EXPECT_EQ(cn().add_working_days(Date(2026, 12, 28), 3), Date(2026, 12, 31));
  XF_EXPECT_ERROR_MSG(cn().add_working_days(Date(2026, 12, 28), 4), ErrorCode::calendar_range, "2027");
  XF_EXPECT_ERROR(cn().add_working_days(Date(2026, 12, 31), 1), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(cn().next_working_day(Date(2026, 12, 31)), ErrorCode::calendar_range);
}

TEST(CalendarRange, StatutoryPeriodEndingIn2027Throws) {
  // 2026-12-16 + 15 = 12-31 (Thu, working): fine. 2026-12-20 + 15 = 2027-01-04: unknown.
  EXPECT_EQ(cn().statutory_period_end(Date(2026, 12, 16), 15), Date(2026, 12, 31));
  XF_EXPECT_ERROR_MSG(cn().statutory_period_end(Date(2026, 12, 20), 15), ErrorCode::calendar_range, "2027");
}

TEST(CalendarRange, WorkingDaysBetweenSpanning2027Throws) {
  XF_EXPECT_ERROR(cn().working_days_between(Date(2026, 12, 1), Date(2027, 1, 15)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(cn().working_days_between(Date(2027, 1, 15), Date(2026, 12, 1)), ErrorCode::calendar_range);
  // (2026-12-30, 2026-12-31] lies inside the table.
  EXPECT_EQ(cn().working_days_between(Date(2026, 12, 30), Date(2026, 12, 31)), 1);
}

TEST(CalendarRange, HugeWorkingDayCountsThrowCalendarRange) {
  XF_EXPECT_ERROR(cn().add_working_days(Date(2025, 1, 2), 2147483647), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(cn().add_working_days(Date(2025, 1, 2), -2147483647 - 1), ErrorCode::calendar_range);
}

TEST(CalendarRange, EstimatedYearIsWeekendOnlyAndMarkedEstimated) {
  const Calendar c = cn().with_estimated_years(2027, 2027);
  EXPECT_EQ(c.year_status(2027), YearStatus::estimated);
  EXPECT_EQ(c.year_status(2026), YearStatus::published);
  EXPECT_EQ(c.year_status(2028), YearStatus::unknown);
  EXPECT_EQ(c.year_range(), std::make_pair(2008, 2027));
  EXPECT_EQ(c.year_source(2027), "");
  // 2027-01-01 is a Friday. The estimate knows nothing of 元旦: a working day, flagged estimated.
  const DayInfo friday = c.day_info(Date(2027, 1, 1));
  EXPECT_EQ(friday.kind, DayKind::workday);
  EXPECT_TRUE(friday.working);
  EXPECT_TRUE(friday.estimated);
  EXPECT_TRUE(friday.name.empty());
  const DayInfo saturday = c.day_info(Date(2027, 1, 2));
  EXPECT_EQ(saturday.kind, DayKind::weekend);
  EXPECT_FALSE(saturday.working);
  EXPECT_TRUE(saturday.estimated);
  // 2026 keeps its table, not estimated.
  const DayInfo national_day = c.day_info(Date(2026, 10, 1));
  EXPECT_EQ(national_day.kind, DayKind::holiday);
  EXPECT_FALSE(national_day.estimated);
  EXPECT_EQ(c.day_info(Date(2026, 10, 10)).kind, DayKind::makeup_workday);
  // Counting now runs into 2027: Thursday 2026-12-31 + 1 = Friday 2027-01-01, + 2 = Monday 01-04.
  EXPECT_EQ(c.add_working_days(Date(2026, 12, 31), 1), Date(2027, 1, 1));
  EXPECT_EQ(c.add_working_days(Date(2026, 12, 31), 2), Date(2027, 1, 4));
  // 2026-12-20 + 15 = 2027-01-04 (Mon).
  EXPECT_EQ(c.statutory_period_end(Date(2026, 12, 20), 15), Date(2027, 1, 4));
  // 2028 is still unknown.
  XF_EXPECT_ERROR(c.add_working_days(Date(2027, 12, 31), 1), ErrorCode::calendar_range);
  // The national calendar itself is an immutable value and is unchanged.
  EXPECT_EQ(cn().year_status(2027), YearStatus::unknown);
  XF_EXPECT_ERROR(cn().day_info(Date(2027, 1, 1)), ErrorCode::calendar_range);
}

TEST(CalendarRange, EstimatingPublishedYearsKeepsTheirTables) {
  const Calendar c = cn().with_estimated_years(2025, 2027);
  EXPECT_EQ(c.year_status(2025), YearStatus::published);
  EXPECT_EQ(c.day_info(Date(2025, 10, 1)).kind, DayKind::holiday);
  EXPECT_EQ(c.day_info(Date(2025, 9, 28)).kind, DayKind::makeup_workday);
  EXPECT_EQ(c.year_status(2027), YearStatus::estimated);
}

TEST(CalendarRange, EstimatedYearsBeforeTheTableWork) {
  const Calendar c = cn().with_estimated_years(2006, 2007);
  EXPECT_EQ(c.year_range(), std::make_pair(2006, 2026));
  // 2006-07-03 was a Monday; as an estimate it is a working day.
  EXPECT_TRUE(c.is_working_day(Date(2006, 7, 3)));
  EXPECT_TRUE(c.day_info(Date(2006, 7, 3)).estimated);
  XF_EXPECT_ERROR(c.day_info(Date(2005, 12, 30)), ErrorCode::calendar_range);
}

TEST(CalendarRange, EstimateRangeMustBeNonEmptyAndWithin1900To2200) {
  XF_EXPECT_ERROR(cn().with_estimated_years(2028, 2027), ErrorCode::invalid_argument);
  XF_EXPECT_ERROR(cn().with_estimated_years(1899, 1900), ErrorCode::invalid_argument);
  XF_EXPECT_ERROR(cn().with_estimated_years(2200, 2201), ErrorCode::invalid_argument);
  EXPECT_EQ(cn().with_estimated_years(2200, 2200).year_status(2200), YearStatus::estimated);
}

// A host that loads the 2028 notice but not 2027's: 2027 is a gap and stays refused.
TEST(CalendarRange, GapYearBetweenTablesIsStillRefused) {
  const Calendar c = Calendar::from_json(R"({
    "name": "host-2028",
    "base": "cn-national",
    "years": {"2028": {"source": "2028 notice, host-loaded",
                       "holidays": [{"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"}]}}
  })");
  EXPECT_EQ(c.year_status(2026), YearStatus::published);
  EXPECT_EQ(c.year_status(2027), YearStatus::unknown);
  EXPECT_EQ(c.year_status(2028), YearStatus::published);
  EXPECT_EQ(c.year_range(), std::make_pair(2008, 2028));
  // 2028-01-03 is a Monday made a holiday by the loaded table; 01-04 (Tue) is working.
  EXPECT_EQ(c.day_info(Date(2028, 1, 3)).kind, DayKind::holiday);
  EXPECT_TRUE(c.is_working_day(Date(2028, 1, 4)));
  XF_EXPECT_ERROR_MSG(c.day_info(Date(2027, 6, 1)), ErrorCode::calendar_range, "2027");
  // Counting must not jump silently over 2027 from either side.
  XF_EXPECT_ERROR_MSG(c.add_working_days(Date(2026, 12, 31), 1), ErrorCode::calendar_range, "2027");
  XF_EXPECT_ERROR_MSG(c.add_working_days(Date(2028, 1, 4), -1), ErrorCode::calendar_range, "2027");
  XF_EXPECT_ERROR(c.working_days_between(Date(2026, 12, 30), Date(2028, 1, 5)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(c.statutory_period_end(Date(2026, 12, 20), 15), ErrorCode::calendar_range);
  // Inside 2028 it counts: from Tue 01-04, 3 working days is Fri 01-07.
  EXPECT_EQ(c.add_working_days(Date(2028, 1, 4), 3), Date(2028, 1, 7));
}

TEST(CalendarRange, EmptyCalendarRefusesEveryDay) {
  const Calendar c = Calendar::from_json(R"({"name": "empty"})");
  EXPECT_EQ(c.year_range(), std::make_pair(0, -1));
  EXPECT_EQ(c.year_status(2025), YearStatus::unknown);
  XF_EXPECT_ERROR(c.is_working_day(Date(2025, 3, 4)), ErrorCode::calendar_range);
  XF_EXPECT_ERROR(c.add_working_days(Date(2025, 3, 4), 1), ErrorCode::calendar_range);
  EXPECT_TRUE(c.special_days(2025).empty());
}

TEST(CalendarRange, SpecialDaysOfYearsOutsideDateRangeAreEmpty) {
  EXPECT_TRUE(cn().special_days(2030).empty());
  // boost dates cover 1400..9999; a year outside has no days, so nothing is listed (rather than a
  // boost exception escaping).
  EXPECT_TRUE(cn().special_days(0).empty());
  EXPECT_TRUE(cn().special_days(-5).empty());
  EXPECT_TRUE(cn().special_days(10000).empty());
  EXPECT_EQ(cn().year_status(-1), YearStatus::unknown);
}

}  // namespace
}  // namespace xinfang
