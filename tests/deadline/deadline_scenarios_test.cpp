// Deadlines of real cases under cn-national-2022, driven by real commands, each checked against
// a value worked out by hand from the published holiday tables (国办发明电〔2024〕12号 for 2025;
// the notice of 2025-11-04 for 2026). The reasoning is in the comment above each value.
//
// 2025: 国庆节、中秋节 Oct 1-8 off, Sep 28 (Sun) and Oct 11 (Sat) worked; 劳动节 May 1-5 off,
// Apr 27 (Sun) worked. 2026: 元旦 Jan 1-3 off, Jan 4 (Sun) worked; 春节 Feb 15-23 off, Feb 14 (Sat)
// and Feb 28 (Sat) worked.
#include <gtest/gtest.h>

#include "../lifecycle/lifecycle_test_util.hpp"
#include "deadline_test_util.hpp"
#include "xinfang/deadline.hpp"

namespace xinfang::testing {
namespace {

ClockReport clock_at(const TestCase& c, const char* id, Instant now) {
  const ClockRules* clock = c.policy->find_clock(id);
  EXPECT_NE(clock, nullptr) << id;
  return evaluate_clock(c.state(), *clock, national_calendar(), now);
}

// Registered, accepted and routed to social assistance's handler.
TestCase accepted_case(Instant registered, Instant accepted) {
  TestCase c;
  c.intake(claim_letter_args(), registered);
  c.run("accept", Json::object(), dispatcher(), accepted);
  c.run("route", {{"unit", "social_assistance"}, {"handler", "h-social_assistance"}}, dispatcher(),
        accepted + boost::posix_time::hours(1));
  return c;
}

TEST(DeadlineScenarios, ALetterReceivedOnTheEveOfNationalDay) {
  TestCase c;
  c.intake(claim_letter_args("2025-09-30T17:00:00+08:00"), local("2025-09-30 17:00"));
  const ClockReport routing = clock_at(c, "routing", local("2025-10-02 10:00"));
  EXPECT_EQ(routing.status, ClockStatus::running);
  // 15 statutory days from Tue 30 Sep, the day itself not counted: Oct 1 is day 1, Oct 15 day
  // 15. The holiday inside the period counts (民法典 Art. 201, 203: only a last day that is a
  // holiday rolls), and Wed 15 Oct is a working day: the period ends at its 24:00.
  EXPECT_EQ(routing.deadline, local("2025-10-16 00:00"));
  EXPECT_TRUE(routing.rolled_from.is_special());
  // The reminder is 3 working days before that end: back from Wed 15 Oct, Tue 14 is the 1st,
  // Mon 13 the 2nd, Sun 12 is a rest day, and Sat 11 — a make-up working day for National Day —
  // is the 3rd. The step is due at the end of Sat 11 Oct, with 3 working days (13, 14, 15) left.
  EXPECT_EQ(step_of(routing, "remind").due, local("2025-10-12 00:00"));
  EXPECT_EQ(step_of(routing, "supervise").due, local("2025-10-16 00:00"));
  EXPECT_EQ(routing.next_due, local("2025-10-12 00:00"));

  // The same letter two weeks earlier: 15 days from Tue 16 Sep reach Wed 1 Oct, a holiday, and
  // the period rolls forward once to the next working day after Oct 1-8: Thu 9 Oct.
  TestCase early;
  early.intake(claim_letter_args("2025-09-16T10:00:00+08:00"), local("2025-09-16 10:00"));
  const ClockReport rolled = clock_at(early, "notification", local("2025-09-20 10:00"));
  EXPECT_EQ(rolled.deadline, local("2025-10-10 00:00"));
  EXPECT_EQ(rolled.rolled_from, Date(2025, 10, 1));
}

TEST(DeadlineScenarios, SixtyDaysWithAThirtyDayExtensionAndAPauseOverSpringFestival) {
  // Accepted Mon 1 Dec 2025; 60 statutory days: Dec 31 is day 30, Jan 30 day 60, a Friday and a
  // working day: the deadline is Fri 30 Jan 2026, 24:00.
  TestCase c = accepted_case(local("2025-12-01 09:00"), local("2025-12-01 10:00"));
  EXPECT_EQ(clock_at(c, "handling", local("2025-12-02 10:00")).deadline, local("2026-01-31 00:00"));

  c.run("request_extension", {{"amount", 30}, {"reason", "涉及多部门，需联合调查"}}, handler_in("social_assistance"),
        local("2026-01-19 10:00"));
  c.run("approve_extension", Json::object(), org_leader(), local("2026-01-20 10:00"));
  // 60 + 30 = 90 days from Dec 1: Feb 28 is day 89, Sun 1 Mar day 90, a rest day: rolled once to
  // Mon 2 Mar. The extension is counted from the start, never from the rolled day.
  const ClockReport extended = clock_at(c, "handling", local("2026-01-21 10:00"));
  EXPECT_EQ(extended.extension_total, 30);
  EXPECT_EQ(extended.deadline, local("2026-03-03 00:00"));
  EXPECT_EQ(extended.rolled_from, Date(2026, 3, 1));

  c.run("suspend", {{"reason", "等待司法鉴定结论"}}, handler_in("social_assistance"), local("2026-02-10 10:00"));
  // While paused the deadline moves day by day: on Mon 16 Feb, 6 calendar days in (Feb 10, Feb 16]
  // are added: 96 days from Dec 1 reach Sat 7 Mar, rolled to Mon 9 Mar.
  const ClockReport paused = clock_at(c, "handling", local("2026-02-16 15:00"));
  EXPECT_EQ(paused.status, ClockStatus::paused);
  EXPECT_EQ(paused.paused_days, 6);
  EXPECT_EQ(paused.deadline, local("2026-03-10 00:00"));
  EXPECT_TRUE(paused.next_due.is_special());  // nothing fires while the clock stands still

  c.run("resume", {{"reason", "鉴定结论已出"}}, handler_in("social_assistance"), local("2026-02-26 09:00"));
  // Paused from Tue 10 Feb to Thu 26 Feb: the calendar days in (10, 26] are 16, the Spring
  // Festival holiday among them (a statutory-day clock counts holidays). 60 + 30 + 16 = 106
  // days from Dec 1: Feb 28 is day 89, Mar 17 day 106, a Tuesday: deadline Tue 17 Mar, 24:00.
  const ClockReport resumed = clock_at(c, "handling", local("2026-02-27 10:00"));
  EXPECT_EQ(resumed.status, ClockStatus::running);
  EXPECT_EQ(resumed.paused_days, 16);
  EXPECT_EQ(resumed.deadline, local("2026-03-18 00:00"));
  EXPECT_TRUE(resumed.rolled_from.is_special());
  // Remind 5 working days before: back from Tue 17 Mar, Mon 16, Fri 13, Thu 12, Wed 11, Tue 10:
  // due at the end of Tue 10 Mar.
  EXPECT_EQ(step_of(resumed, "remind").due, local("2026-03-11 00:00"));
  // Escalate 5 working days after: Wed 18, Thu 19, Fri 20, Mon 23, Tue 24: end of Tue 24 Mar.
  EXPECT_EQ(step_of(resumed, "escalate").due, local("2026-03-25 00:00"));

  c.run("reply", {{"outcome", "supported"}, {"text", "经核查，已恢复发放。"}}, handler_in("social_assistance"),
        local("2026-03-16 16:00"));
  const ClockReport met = clock_at(c, "handling", local("2026-04-01 10:00"));
  EXPECT_EQ(met.status, ClockStatus::met);
  EXPECT_EQ(met.late_by, Duration(0, 0, 0));
  EXPECT_EQ(met.stopped_by, "replied");
  EXPECT_TRUE(met.next_due.is_special());
}

TEST(DeadlineScenarios, APauseOverTheHolidayCostsAWorkingDayClockNothing) {
  TestCase c = accepted_case(local("2026-02-02 09:00"), local("2026-02-02 10:00"));
  c.run("suspend", {{"reason", "信访人春节期间外出"}}, handler_in("social_assistance"), local("2026-02-15 10:00"));
  c.run("resume", Json::object(), handler_in("social_assistance"), local("2026-02-23 16:00"));
  ClockRules working = *c.policy->find_clock("handling");
  working.period = {40, PeriodUnit::working_days, "（测试用：40个工作日）"};
  const ClockReport report = evaluate_clock(c.state(), working, national_calendar(), local("2026-02-24 09:00"));
  // Paused Sun 15 Feb to Mon 23 Feb: every day in (15, 23] is a Spring Festival holiday, so the
  // pause adds no working day.
  EXPECT_EQ(report.paused_days, 0);
  // 40 working days after Mon 2 Feb: Feb 3-6 (4), Feb 9-13 (9), Sat 14 worked (10), Feb 24-27
  // (14), Sat 28 worked (15), Mar 2-6 (20), 9-13 (25), 16-20 (30), 23-27 (35), Mar 30-Apr 3 (40):
  // Fri 3 Apr, 24:00 (Apr 4-6 is Qingming, after the last day).
  EXPECT_EQ(report.deadline, local("2026-04-04 00:00"));
  // The statutory clock of the same case counts the 8 calendar days of the same pause.
  EXPECT_EQ(clock_at(c, "handling", local("2026-02-24 09:00")).paused_days, 8);
}

TEST(DeadlineScenarios, AnExtensionIsRefusedAfterBreach) {
  TestCase c = accepted_case(local("2025-03-03 09:00"), local("2025-03-03 10:00"));
  // 60 statutory days from Mon 3 Mar: Mar 31 is day 28, Apr 30 day 58, Fri 2 May day 60 — inside
  // the Labour Day holiday (May 1-5): rolled to Tue 6 May, 24:00.
  const ClockReport running = clock_at(c, "handling", local("2025-05-06 23:00"));
  EXPECT_EQ(running.deadline, local("2025-05-07 00:00"));
  EXPECT_EQ(running.rolled_from, Date(2025, 5, 2));
  EXPECT_EQ(running.status, ClockStatus::running);
  const ClockReport late = clock_at(c, "handling", local("2025-05-07 09:00"));
  EXPECT_EQ(late.status, ClockStatus::breached);
  EXPECT_EQ(late.late_by, boost::posix_time::hours(9));

  const Json request = {{"amount", 30}, {"reason", "情况复杂"}};
  EXPECT_EQ(c.attempt("request_extension", request, handler_in("social_assistance"), local("2025-05-07 09:00")),
            ErrorCode::out_of_window);
  EXPECT_NE(c.refusal("request_extension", request, handler_in("social_assistance"), local("2025-05-07 09:00"))
                .find("2025-05-06"),
            std::string::npos);
  // The evening before, it was still in time.
  EXPECT_EQ(c.attempt("request_extension", request, handler_in("social_assistance"), local("2025-05-06 18:00")),
            ErrorCode::ok);
  // A request made in time but approved after breach is refused too.
  c.run("request_extension", request, handler_in("social_assistance"), local("2025-05-06 18:00"));
  EXPECT_EQ(c.attempt("approve_extension", Json::object(), org_leader(), local("2025-05-07 08:00")),
            ErrorCode::out_of_window);
}

TEST(DeadlineScenarios, ATransferCarriesTheClockAndItsPausesOver) {
  TestCase c = accepted_case(local("2025-03-03 09:00"), local("2025-03-03 10:00"));
  c.run("suspend", {{"reason", "等待鉴定"}}, handler_in("social_assistance"), local("2025-03-10 09:00"));
  c.run("resume", Json::object(), handler_in("social_assistance"), local("2025-03-20 09:00"));
  // Paused (Mar 10, Mar 20]: 10 days. 60 + 10 = 70 days from Mon 3 Mar: Apr 30 is day 58, Mon 12
  // May day 70, a working day: 24:00 of 12 May.
  const Instant before_transfer = clock_at(c, "handling", local("2025-03-24 10:00")).deadline;
  EXPECT_EQ(before_transfer, local("2025-05-13 00:00"));
  c.run("transfer", {{"unit", "pensions"}, {"handler", "h-pensions"}, {"reason", "属优抚事项"}}, dispatcher(),
        local("2025-03-25 10:00"));
  const ClockReport carried = clock_at(c, "handling", local("2025-03-26 10:00"));
  EXPECT_EQ(carried.run, 1);
  EXPECT_EQ(carried.deadline, before_transfer);
  EXPECT_EQ(carried.paused_days, 10);

  // A clock that restarts on transfer starts again from the transfer, without the old pauses:
  // 60 days from Tue 25 Mar reach Sat 24 May, a rest day: rolled to Mon 26 May, 24:00.
  ClockRules restarting = *c.policy->find_clock("handling");
  restarting.carry_over_on_transfer = false;
  const ClockReport restarted = evaluate_clock(c.state(), restarting, national_calendar(), local("2025-03-26 10:00"));
  EXPECT_EQ(restarted.run, 2);
  EXPECT_EQ(restarted.started_by, "transferred");
  EXPECT_EQ(restarted.paused_days, 0);
  EXPECT_EQ(restarted.deadline, local("2025-05-27 00:00"));
}

TEST(DeadlineScenarios, AMakeUpWorkingSaturdayIsAWorkingDay) {
  TestCase c;
  c.intake(claim_letter_args("2025-10-09T10:00:00+08:00"), local("2025-10-09 10:00"));
  ClockRules two_days = *c.policy->find_clock("routing");
  two_days.period = {2, PeriodUnit::working_days, "（测试用：2个工作日）"};
  // Two working days after Thu 9 Oct: Fri 10 (1) and Sat 11 (2), worked in exchange for National
  // Day: 24:00 of Saturday 11 Oct, not Monday 13.
  EXPECT_EQ(evaluate_clock(c.state(), two_days, national_calendar(), local("2025-10-10 10:00")).deadline,
            local("2025-10-12 00:00"));
}

TEST(DeadlineScenarios, ExplainSaysWhereTheDeadlineComesFrom) {
  TestCase c = accepted_case(local("2025-03-03 09:00"), local("2025-03-03 10:00"));
  const ClockReport report = clock_at(c, "handling", local("2025-03-05 10:00"));
  const DeadlineExplanation why = explain(report, national_calendar());
  EXPECT_EQ(why.data["start"]["event"], "accepted");
  EXPECT_EQ(why.data["start"]["local_day"], "2025-03-03");
  EXPECT_EQ(why.data["counted"], 60);
  EXPECT_EQ(why.data["day_reached"], "2025-05-02");
  EXPECT_EQ(why.data["rolled_forward"], true);
  EXPECT_EQ(why.data["deadline"], "2025-05-06T16:00:00Z");
  EXPECT_EQ(why.data["status"], "running");
  EXPECT_EQ(why.data["ladder"].size(), 4u);
  for (const char* piece : {"2025-03-03 10:00", "60日", "2025-05-02", "劳动节", "顺延", "2025-05-06 24:00"}) {
    EXPECT_NE(why.sentence.find(piece), std::string::npos) << piece << " in " << why.sentence;
  }
  const DeadlineExplanation none =
      explain(clock_at(c, "review_decision", local("2025-03-05 10:00")), national_calendar());
  EXPECT_TRUE(none.data["deadline"].is_null());
  EXPECT_NE(none.sentence.find("尚未起算"), std::string::npos);
}

}  // namespace
}  // namespace xinfang::testing
