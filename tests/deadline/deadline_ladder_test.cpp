// Hour clocks and ladders: the hotline's 2-hour emergency limit over a lunch break, business
// hours, steps held to the next business window, steps marked fired once they are in the log,
// and the refusals of bad inputs. Every expected instant is worked out by hand in the comment
// above it (Asia/Shanghai local time; business windows 08:30-12:00 and 13:30-17:30).
#include <gtest/gtest.h>

#include "../lifecycle/lifecycle_test_util.hpp"
#include "deadline_test_util.hpp"
#include "lifecycle/command_args.hpp"
#include "xinfang/deadline.hpp"

namespace xinfang::testing {
namespace {

namespace bpt = boost::posix_time;

const Policy& hotline() {
  static const Policy policy = Policy::preset("hotline-12345");
  return policy;
}

const Calendar& office_hours() {
  static const Calendar calendar = Calendar::from_json(
      R"({"name": "某市工作时间", "business_hours": [["08:30", "12:00"], ["13:30", "17:30"]]})", Calendar::national());
  return calendar;
}

Actor operator_on_duty() {
  return Actor{"op-1", "city_government", "call_center", {"registrar"}};
}

Json hotline_call(const std::string& category, Instant at) {
  return {{"channel", "hotline"},
          {"type", "claim"},
          {"category", category},
          {"region", "central"},
          {"subject", "小区燃气泄漏"},
          {"content", "楼道内有明显燃气味，请尽快派人处置。"},
          {"petitioners", Json::array({{{"name", "王某"}, {"phone", "13900000000"}}})},
          {"received_at", lifecycle_detail::format_instant(at)}};
}

TestCase hotline_case(const std::string& category, Instant at) {
  TestCase c;
  c.policy = &hotline();
  c.number = "20250304000001";
  c.intake(hotline_call(category, at), at, operator_on_duty());
  return c;
}

// The escalation event the engine's sweep appends for a step (docs/deadlines.md).
Event fired(const ClockReport& report, const std::string& step, const std::string& type, Instant at) {
  return Event{type,
               at,
               Actor{"system", "", "", {}},
               {{"clock", report.id},
                {"step", step},
                {"run", report.run},
                {"due_at", lifecycle_detail::format_instant(step_of(report, step).due)}}};
}

TEST(DeadlineLadder, TheEmergencyLimitRunsThroughTheLunchBreak) {
  // Called in at 11:00 on Tue 4 Mar 2025.
  const TestCase c = hotline_case("emergency", local("2025-03-04 11:00"));
  const ClockRules& emergency = *hotline().find_clock("emergency");
  const ClockReport report = evaluate_clock(c.state(), emergency, office_hours(), local("2025-03-04 11:10"));
  // Exact hours: 11:00 + 2 h = 13:00, inside the lunch break, which an emergency does not wait for.
  EXPECT_EQ(report.deadline, local("2025-03-04 13:00"));
  // Remind at half the limit: 12:00. Supervise at breach, 13:00; escalate 1 hour after, 14:00.
  EXPECT_EQ(step_of(report, "remind").due, local("2025-03-04 12:00"));
  EXPECT_EQ(step_of(report, "supervise").due, local("2025-03-04 13:00"));
  EXPECT_EQ(step_of(report, "escalate").due, local("2025-03-04 14:00"));

  // The same limit counted in business hours stops for lunch: 11:00-12:00 is the first hour,
  // 13:30-14:30 the second, so it ends at 14:30; half of it has passed at 12:00.
  ClockRules business = emergency;
  business.period.unit = PeriodUnit::business_hours;
  const ClockReport counted = evaluate_clock(c.state(), business, office_hours(), local("2025-03-04 11:10"));
  EXPECT_EQ(counted.deadline, local("2025-03-04 14:30"));
  EXPECT_EQ(step_of(counted, "remind").due, local("2025-03-04 12:00"));

  // Status on the hour: running at 13:00 exactly, breached a minute later.
  EXPECT_EQ(evaluate_clock(c.state(), emergency, office_hours(), local("2025-03-04 13:00")).status,
            ClockStatus::running);
  const ClockReport late = evaluate_clock(c.state(), emergency, office_hours(), local("2025-03-04 13:01"));
  EXPECT_EQ(late.status, ClockStatus::breached);
  EXPECT_EQ(late.late_by, bpt::minutes(1));
}

TEST(DeadlineLadder, EachStepIsMarkedFiredOnceItIsInTheLog) {
  TestCase c = hotline_case("emergency", local("2025-03-04 11:00"));
  const ClockRules& emergency = *hotline().find_clock("emergency");
  CaseState state = c.state();
  ClockReport report = evaluate_clock(state, emergency, office_hours(), local("2025-03-04 12:05"));
  EXPECT_EQ(report.next_due, local("2025-03-04 12:00"));

  state = apply(state, fired(report, "remind", "reminded", local("2025-03-04 12:05")));
  report = evaluate_clock(state, emergency, office_hours(), local("2025-03-04 12:06"));
  EXPECT_TRUE(step_of(report, "remind").fired);
  EXPECT_EQ(step_of(report, "remind").fired_at, local("2025-03-04 12:05"));
  EXPECT_TRUE(step_of(report, "remind").due.is_special());
  EXPECT_EQ(report.next_due, local("2025-03-04 13:00"));

  // A sweep that comes back at 15:00, after downtime, finds both the breach and the escalation
  // due; once both are in the log, nothing is left.
  report = evaluate_clock(state, emergency, office_hours(), local("2025-03-04 15:00"));
  EXPECT_EQ(report.next_due, local("2025-03-04 13:00"));
  state = apply(state, fired(report, "supervise", "supervised", local("2025-03-04 15:00")));
  state = apply(state, fired(report, "escalate", "escalated", local("2025-03-04 15:00")));
  report = evaluate_clock(state, emergency, office_hours(), local("2025-03-04 15:00"));
  EXPECT_TRUE(report.next_due.is_special());
  EXPECT_EQ(report.status, ClockStatus::breached);

  // A step fired in another clock, or in an earlier run, does not count for this one.
  CaseState other = c.state();
  Event foreign = fired(evaluate_clock(other, emergency, office_hours(), local("2025-03-04 12:05")), "remind",
                        "reminded", local("2025-03-04 12:05"));
  foreign.payload["run"] = 7;
  other = apply(other, foreign);
  EXPECT_FALSE(step_of(evaluate_clock(other, emergency, office_hours(), local("2025-03-04 12:06")), "remind").fired);
}

TEST(DeadlineLadder, StepsHeldToTheNextBusinessWindow) {
  // A general request called in at 16:00 on Fri 7 Mar 2025: 7 calendar days reach Fri 14 Mar,
  // whose 24:00 is the deadline (calendar days do not roll).
  const TestCase c = hotline_case("community", local("2025-03-07 16:00"));
  ClockRules general = *hotline().find_clock("general");
  ClockReport report = evaluate_clock(c.state(), general, office_hours(), local("2025-03-07 16:10"));
  EXPECT_EQ(report.deadline, local("2025-03-15 00:00"));
  // Remind 1 calendar day before: 24:00 of Thu 13 Mar. Supervise at breach, 24:00 of Fri 14;
  // escalate 2 calendar days after: 24:00 of Sun 16 Mar.
  EXPECT_EQ(step_of(report, "remind").due, local("2025-03-14 00:00"));
  EXPECT_EQ(step_of(report, "escalate").due, local("2025-03-17 00:00"));

  for (EscalationStep& step : general.ladder) step.hold_to_business_hours = true;
  report = evaluate_clock(c.state(), general, office_hours(), local("2025-03-07 16:10"));
  // Held: 00:00 Fri 14 waits for 08:30 that morning; 00:00 Sat 15 (breach) and 00:00 Mon 17
  // (escalation) both wait for Monday 17 March, 08:30.
  EXPECT_EQ(step_of(report, "remind").due, local("2025-03-14 08:30"));
  EXPECT_EQ(step_of(report, "supervise").due, local("2025-03-17 08:30"));
  EXPECT_EQ(step_of(report, "escalate").due, local("2025-03-17 08:30"));
  // The deadline itself is not moved by holding its steps.
  EXPECT_EQ(report.deadline, local("2025-03-15 00:00"));

  // Without business hours a held step waits only for a working day: Sat 15 00:00 becomes
  // Mon 17 00:00, and Fri 14 00:00 stays.
  report = evaluate_clock(c.state(), general, national_calendar(), local("2025-03-07 16:10"));
  EXPECT_EQ(step_of(report, "remind").due, local("2025-03-14 00:00"));
  EXPECT_EQ(step_of(report, "supervise").due, local("2025-03-17 00:00"));
}

TEST(DeadlineLadder, BusinessHourStepsCountBackThroughWindows) {
  // A 24-business-hour clock from 09:00 Mon 3 Mar 2025 (7.5 business hours a day): Mon 7.0 h
  // (09:00-12:00, 13:30-17:30), Tue 7.5 (14.5), Wed 7.5 (22.0), and 2 more on Thu from 08:30:
  // 10:30 Thu 6 Mar.
  const TestCase c = hotline_case("water", local("2025-03-03 09:00"));
  ClockRules utilities = *hotline().find_clock("utilities");
  utilities.period.unit = PeriodUnit::business_hours;
  for (EscalationStep& step : utilities.ladder) {
    if (step.at != "breach") step.offset_unit = PeriodUnit::business_hours;
  }
  const ClockReport report = evaluate_clock(c.state(), utilities, office_hours(), local("2025-03-03 09:10"));
  EXPECT_EQ(report.deadline, local("2025-03-06 10:30"));
  // 4 business hours before: back from 10:30 Thu, 2 h to 08:30, then 2 h of Wed's 13:30-17:30
  // window: 15:30 Wed 5 Mar.
  EXPECT_EQ(step_of(report, "remind").due, local("2025-03-05 15:30"));
  // 12 business hours after: Thu 10:30-12:00 (1.5), 13:30-17:30 (5.5), Fri 08:30-12:00 (9.0),
  // and 3 more from 13:30: 16:30 Fri 7 Mar.
  EXPECT_EQ(step_of(report, "escalate").due, local("2025-03-07 16:30"));
}

TEST(DeadlineLadder, ClocksThatDoNotRunForTheCase) {
  const TestCase c = hotline_case("emergency", local("2025-03-04 11:00"));
  // Of the time-limit clocks the emergency category runs the emergency clock only; the response
  // and follow-up clocks run for every category (not started yet).
  const std::vector<ClockReport> reports =
      evaluate_clocks(c.state(), hotline(), office_hours(), local("2025-03-04 11:30"));
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0].id, "response");
  EXPECT_EQ(reports[0].status, ClockStatus::not_started);
  EXPECT_EQ(reports[1].id, "emergency");
  EXPECT_EQ(reports[1].status, ClockStatus::running);
  EXPECT_EQ(reports[2].id, "follow_up");
  EXPECT_EQ(reports[2].status, ClockStatus::not_started);
  EXPECT_EQ(next_due(reports), local("2025-03-04 12:00"));
  // Evaluated for a clock of another category, the report is empty and not started.
  const ClockReport other =
      evaluate_clock(c.state(), *hotline().find_clock("general"), office_hours(), local("2025-03-04 11:30"));
  EXPECT_EQ(other.status, ClockStatus::not_started);
  EXPECT_EQ(other.run, 0);
  EXPECT_TRUE(other.deadline.is_special());
  EXPECT_TRUE(other.next_due.is_special());
  // Evaluated before the case existed, nothing has started.
  EXPECT_EQ(
      evaluate_clock(c.state(), *hotline().find_clock("emergency"), office_hours(), local("2025-03-04 10:00")).status,
      ClockStatus::not_started);
}

TEST(DeadlineLadder, ErrorsOfTheArithmetic) {
  const TestCase c = hotline_case("emergency", local("2025-03-04 11:00"));
  ClockRules emergency = *hotline().find_clock("emergency");
  emergency.period.unit = PeriodUnit::business_hours;
  // Business hours on a calendar that has none: a clear error, not a wrong instant.
  EXPECT_EQ(code_of([&] { evaluate_clock(c.state(), emergency, national_calendar(), local("2025-03-04 11:10")); }),
            ErrorCode::invalid_argument);
  // A count that reaches a year without a holiday table.
  TestCase far = hotline_case("complex", local("2025-03-04 11:00"));
  ClockRules long_clock = *hotline().find_clock("complex");
  long_clock.period = {3000, PeriodUnit::working_days, ""};
  EXPECT_EQ(code_of([&] { evaluate_clock(far.state(), long_clock, national_calendar(), local("2025-03-05 10:00")); }),
            ErrorCode::calendar_range);
}

}  // namespace
}  // namespace xinfang::testing
