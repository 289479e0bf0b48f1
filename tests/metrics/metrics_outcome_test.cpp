// What cases driven by real commands count for: each clock run with its settling instant, its
// result and its unit, each answer with its rating, and a period's counts. Every instant is
// worked out by hand in the comment above it (Asia/Shanghai; 2025 holidays: 劳动节 May 1-5).
#include <gtest/gtest.h>

#include "../lifecycle/lifecycle_test_util.hpp"
#include "lifecycle/command_args.hpp"
#include "xinfang/metrics.hpp"

namespace xinfang::testing {
namespace {

namespace bpt = boost::posix_time;

CaseOutcomes outcomes_at(const TestCase& c, Instant at) {
  return case_outcomes(c.state(), evaluate_clocks(c.state(), *c.policy, national_calendar(), at), *c.policy,
                       national_calendar());
}

const ClockOutcome& clock_of(const CaseOutcomes& o, const std::string& id, int run = 1) {
  for (const ClockOutcome& c : o.clocks) {
    if (c.clock == id && c.run == run) return c;
  }
  throw std::runtime_error("no outcome of " + id + " run " + std::to_string(run));
}

bool has_clock(const CaseOutcomes& o, const std::string& id) {
  for (const ClockOutcome& c : o.clocks) {
    if (c.clock == id) return true;
  }
  return false;
}

// Registered Mon 3 Mar 2025 09:00, accepted Tue 4 Mar 10:00, routed to social assistance Wed
// 5 Mar 10:00.
TestCase routed_letter() {
  TestCase c;
  c.intake(claim_letter_args(), local("2025-03-03 09:00"));
  c.run("accept", Json::object(), dispatcher(), local("2025-03-04 10:00"));
  c.run("route", {{"unit", "social_assistance"}, {"handler", "h-social_assistance"}}, dispatcher(),
        local("2025-03-05 10:00"));
  return c;
}

TEST(MetricsOutcome, ALetterHandledOnTimeCountsForTheOfficeThenTheUnit) {
  TestCase c = routed_letter();
  c.run("reply", {{"outcome", "supported"}, {"text", "已恢复发放"}}, handler_in("social_assistance"),
        local("2025-03-20 10:00"));
  c.run("rate", {{"level", "basically_satisfied"}, {"resolved", true}}, petitioner(), local("2025-03-21 10:00"));
  const CaseOutcomes o = outcomes_at(c, local("2025-03-21 10:00"));

  // The routing clock (15 statutory days from 3 Mar, to 18 Mar 24:00) stopped when the case was
  // routed: on time, settled then, for the petition office that routed it.
  const ClockOutcome& routing = clock_of(o, "routing");
  EXPECT_EQ(routing.deadline, local("2025-03-19 00:00"));
  EXPECT_EQ(routing.settled_at, local("2025-03-05 10:00"));
  EXPECT_TRUE(routing.on_time);
  EXPECT_EQ(routing.unit, "petition_office");
  // The notification clock stopped on acceptance.
  EXPECT_EQ(clock_of(o, "notification").settled_at, local("2025-03-04 10:00"));
  EXPECT_EQ(clock_of(o, "notification").unit, "petition_office");
  // Handling: 60 statutory days from 4 Mar reach Sat 3 May, inside 劳动节; rolled to Tue 6 May,
  // 24:00. Replied on 20 Mar: on time, for social assistance.
  const ClockOutcome& handling = clock_of(o, "handling");
  EXPECT_EQ(handling.started_at, local("2025-03-04 10:00"));
  EXPECT_EQ(handling.deadline, local("2025-05-07 00:00"));
  EXPECT_EQ(handling.settled_at, local("2025-03-20 10:00"));
  EXPECT_TRUE(handling.on_time);
  EXPECT_FALSE(handling.extended);
  EXPECT_EQ(handling.unit, "social_assistance");
  EXPECT_FALSE(has_clock(o, "report_back"));  // never started: counts nowhere

  // The reply may be rated for 30 calendar days: to 19 Apr 24:00. Rated the next day.
  ASSERT_EQ(o.answers.size(), 1u);
  const AnswerOutcome& reply = o.answers[0];
  EXPECT_EQ(reply.kind, "reply");
  EXPECT_EQ(reply.unit, "social_assistance");
  EXPECT_EQ(reply.window_end, local("2025-04-20 00:00"));
  EXPECT_EQ(reply.settled_at, local("2025-03-21 10:00"));
  EXPECT_EQ(reply.level, "basically_satisfied");
  EXPECT_DOUBLE_EQ(reply.credit, 1.0);  // the national presets count 基本满意 in full
  EXPECT_TRUE(reply.satisfied);
  EXPECT_EQ(reply.resolved, true);

  // March counts everything: 2 acceptance runs on time, 1 completion on time, 1 rated answer.
  PeriodCounts march;
  count_in_period(o, *c.policy, local("2025-03-01 00:00"), local("2025-04-01 00:00"), march);
  EXPECT_EQ(march.total[Indicator::timely_acceptance].denominator, 2);
  EXPECT_DOUBLE_EQ(march.total[Indicator::timely_acceptance].numerator, 2);
  EXPECT_EQ(march.units["petition_office"][Indicator::timely_acceptance].denominator, 2);
  EXPECT_EQ(march.units["social_assistance"][Indicator::on_time_completion].denominator, 1);
  EXPECT_EQ(march.units["social_assistance"][Indicator::participation].denominator, 1);
  EXPECT_DOUBLE_EQ(march.units["social_assistance"][Indicator::satisfaction].numerator, 1.0);
  EXPECT_EQ(march.units["social_assistance"][Indicator::resolution].denominator, 1);
  EXPECT_EQ(march.total[Indicator::response].denominator, 0);  // the national preset counts no response clock
  EXPECT_NEAR(*composite_score(march.total, c.policy->indicator_weights()), 100.0, 1e-9);
}

TEST(MetricsOutcome, PeriodBoundariesIncludeTheStartAndExcludeTheEnd) {
  TestCase c = routed_letter();
  const CaseOutcomes o = outcomes_at(c, local("2025-03-05 10:00"));
  const auto acceptance_in = [&](Instant from, Instant to) {
    PeriodCounts counts;
    count_in_period(o, *c.policy, from, to, counts);
    return counts.total[Indicator::timely_acceptance].denominator;
  };
  // The routing run settled at 5 Mar 10:00 exactly, the notification run at 4 Mar 10:00.
  EXPECT_EQ(acceptance_in(local("2025-03-05 10:00"), local("2025-03-06 00:00")), 1);
  EXPECT_EQ(acceptance_in(local("2025-03-04 00:00"), local("2025-03-05 10:00")), 1);
  EXPECT_EQ(acceptance_in(local("2025-03-04 10:00"), local("2025-03-05 10:00") + bpt::microseconds(1)), 2);
  EXPECT_EQ(acceptance_in(local("2025-03-06 00:00"), local("2025-04-01 00:00")), 0);
}

TEST(MetricsOutcome, AConclusionOnTheLastDayIsOnTimeAndOneAfterItIsLateFromTheDeadline) {
  // Replied at 23:59 of Tue 6 May, the last day: on time.
  TestCase last_day = routed_letter();
  last_day.run("reply", {{"outcome", "explained"}, {"text", "说明"}}, handler_in("social_assistance"),
               local("2025-05-06 23:59"));
  const ClockOutcome on_time = clock_of(outcomes_at(last_day, local("2025-05-06 23:59")), "handling");
  EXPECT_TRUE(on_time.on_time);
  EXPECT_EQ(on_time.settled_at, local("2025-05-06 23:59"));

  // Replied at 00:30 of Wed 7 May: late, and it settled at the deadline, 24:00 of 6 May — in
  // the period of the deadline, not of the reply.
  TestCase next_day = routed_letter();
  next_day.run("reply", {{"outcome", "explained"}, {"text", "说明"}}, handler_in("social_assistance"),
               local("2025-05-07 00:30"));
  const ClockOutcome late = clock_of(outcomes_at(next_day, local("2025-05-07 00:30")), "handling");
  EXPECT_FALSE(late.on_time);
  EXPECT_EQ(late.stopped_at, local("2025-05-07 00:30"));
  EXPECT_EQ(late.settled_at, local("2025-05-07 00:00"));

  // Not replied at all: while the deadline is ahead the run settles at it; once it has passed
  // it counts as late there. Nothing stops it: the outcome is the same at both times.
  const TestCase open = routed_letter();
  const ClockOutcome pending = clock_of(outcomes_at(open, local("2025-04-01 10:00")), "handling");
  const ClockOutcome overdue = clock_of(outcomes_at(open, local("2025-06-01 10:00")), "handling");
  EXPECT_EQ(pending.settled_at, local("2025-05-07 00:00"));
  EXPECT_EQ(overdue.settled_at, local("2025-05-07 00:00"));
  EXPECT_FALSE(overdue.on_time);
  EXPECT_TRUE(overdue.stopped_at.is_special());
}

TEST(MetricsOutcome, AnExtensionMovesTheDeadlineTheRunIsJudgedBy) {
  TestCase c = routed_letter();
  // 30 more days: 90 statutory days from 4 Mar reach Mon 2 Jun, 端午节 (31 May - 2 Jun); rolled
  // to Tue 3 Jun, 24:00.
  c.run("request_extension", {{"amount", 30}, {"reason", "情况复杂"}}, handler_in("social_assistance"),
        local("2025-04-25 10:00"));
  c.run("approve_extension", Json::object(), org_leader(), local("2025-04-28 09:00"));
  c.run("reply", {{"outcome", "explained"}, {"text", "说明"}}, handler_in("social_assistance"),
        local("2025-05-20 10:00"));
  const ClockOutcome handling = clock_of(outcomes_at(c, local("2025-05-20 10:00")), "handling");
  EXPECT_EQ(handling.deadline, local("2025-06-04 00:00"));
  EXPECT_TRUE(handling.extended);
  EXPECT_TRUE(handling.on_time);  // after the original deadline, before the extended one
}

TEST(MetricsOutcome, ATransferredCaseCountsForTheUnitThatHeldItWhenTheRunSettled) {
  // Transferred to pensions on 10 Mar, replied by pensions on 25 Mar: the carried-over handling
  // run counts for pensions.
  TestCase moved = routed_letter();
  moved.run("transfer", {{"unit", "pensions"}, {"handler", "h-pensions"}}, dispatcher(), local("2025-03-10 10:00"));
  moved.run("reply", {{"outcome", "supported"}, {"text", "已办"}}, handler_in("pensions"), local("2025-03-25 10:00"));
  const CaseOutcomes o = outcomes_at(moved, local("2025-03-25 10:00"));
  EXPECT_EQ(clock_of(o, "handling").unit, "pensions");
  EXPECT_EQ(clock_of(o, "handling").started_at, local("2025-03-04 10:00"));  // carried over
  EXPECT_EQ(o.answers.at(0).unit, "pensions");

  // Left overdue at social assistance (deadline 6 May 24:00), then transferred on 10 May and
  // replied by pensions on 12 May: late, settled at the deadline, for social assistance.
  TestCase late = routed_letter();
  late.run("transfer", {{"unit", "pensions"}, {"handler", "h-pensions"}}, dispatcher(), local("2025-05-10 10:00"));
  late.run("reply", {{"outcome", "supported"}, {"text", "已办"}}, handler_in("pensions"), local("2025-05-12 10:00"));
  const ClockOutcome handling = clock_of(outcomes_at(late, local("2025-05-12 10:00")), "handling");
  EXPECT_FALSE(handling.on_time);
  EXPECT_EQ(handling.settled_at, local("2025-05-07 00:00"));
  EXPECT_EQ(handling.unit, "social_assistance");
}

TEST(MetricsOutcome, APausedRunDoesNotSettleUntilItResumes) {
  TestCase c = routed_letter();
  c.run("suspend", {{"reason", "等待鉴定"}}, handler_in("social_assistance"), local("2025-03-10 10:00"));
  const CaseOutcomes paused = outcomes_at(c, local("2025-06-30 10:00"));
  EXPECT_TRUE(clock_of(paused, "handling").settled_at.is_special());
  PeriodCounts counts;
  count_in_period(paused, *c.policy, local("2025-01-01 00:00"), local("2026-01-01 00:00"), counts);
  EXPECT_EQ(counts.total[Indicator::on_time_completion].denominator, 0);
  // Resumed after 20 days: the deadline moves and the run can settle again.
  c.run("resume", Json::object(), handler_in("social_assistance"), local("2025-03-30 10:00"));
  const ClockOutcome resumed = clock_of(outcomes_at(c, local("2025-03-30 10:00")), "handling");
  EXPECT_FALSE(resumed.settled_at.is_special());
  EXPECT_GT(resumed.deadline, local("2025-05-07 00:00"));
}

TEST(MetricsOutcome, AnUnratedAnswerCountsAgainstParticipationWhenItsWindowCloses) {
  TestCase c = routed_letter();
  c.run("reply", {{"outcome", "supported"}, {"text", "已办"}}, handler_in("social_assistance"),
        local("2025-03-20 10:00"));
  const CaseOutcomes o = outcomes_at(c, local("2025-05-01 10:00"));
  ASSERT_EQ(o.answers.size(), 1u);
  EXPECT_TRUE(o.answers[0].rated_at.is_special());
  EXPECT_EQ(o.answers[0].settled_at, local("2025-04-20 00:00"));
  PeriodCounts april;
  count_in_period(o, *c.policy, local("2025-04-01 00:00"), local("2025-05-01 00:00"), april);
  EXPECT_EQ(april.total[Indicator::participation].denominator, 1);
  EXPECT_DOUBLE_EQ(april.total[Indicator::participation].numerator, 0);
  EXPECT_EQ(april.total[Indicator::satisfaction].denominator, 0);  // unrated: not in 满意率
  // A rating after the window is refused, so nothing changes.
  EXPECT_EQ(c.attempt("rate", {{"level", "satisfied"}}, petitioner(), local("2025-04-20 00:00")),
            ErrorCode::out_of_window);
}

TEST(MetricsOutcome, TheReviewOpinionsRatingCountsForTheReviewer) {
  TestCase c = routed_letter();
  c.run("reply", {{"outcome", "not_supported"}, {"text", "不予支持"}}, handler_in("social_assistance"),
        local("2025-03-20 10:00"));
  c.run("rate", {{"level", "dissatisfied"}, {"resolved", false}}, petitioner(), local("2025-03-21 10:00"));
  c.run("request_review", Json::object(), petitioner(), local("2025-03-22 10:00"));
  c.run("decide_review", {{"outcome", "supported"}, {"text", "复查支持"}}, reviewer(), local("2025-04-10 10:00"));
  c.run("rate", {{"level", "satisfied"}, {"resolved", true}}, petitioner(), local("2025-04-11 10:00"));
  const CaseOutcomes o = outcomes_at(c, local("2025-04-11 10:00"));
  ASSERT_EQ(o.answers.size(), 2u);
  EXPECT_EQ(o.answers[0].kind, "reply");
  EXPECT_EQ(o.answers[0].level, "dissatisfied");  // not replaced by the later rating
  EXPECT_EQ(o.answers[0].resolved, false);
  EXPECT_EQ(o.answers[1].kind, "review");
  EXPECT_EQ(o.answers[1].unit, "petition_office_province");
  EXPECT_EQ(o.answers[1].level, "satisfied");
  PeriodCounts counts;
  count_in_period(o, *c.policy, local("2025-03-01 00:00"), local("2025-05-01 00:00"), counts);
  EXPECT_EQ(counts.units["social_assistance"][Indicator::satisfaction].denominator, 1);
  EXPECT_DOUBLE_EQ(counts.units["social_assistance"][Indicator::satisfaction].numerator, 0);
  EXPECT_DOUBLE_EQ(counts.units["petition_office_province"][Indicator::satisfaction].numerator, 1);
  // 解决率 over both ratings: one of two said resolved.
  EXPECT_DOUBLE_EQ(*counts.total[Indicator::resolution].value(), 0.5);
  // The dissatisfied rating asked for a 回访: a follow-up clock started and is running.
  EXPECT_TRUE(c.state().follow_up_pending);
  EXPECT_EQ(clock_of(o, "follow_up").started_at, local("2025-03-21 10:00"));
}

// The hotline's response clock restarts at each unit: a run that missed its deadline at the
// first unit counts, late, for that unit; the new unit's run for the new unit.
TEST(MetricsOutcome, ARestartedResponseClockCountsEachRunForItsUnit) {
  static const Policy hotline = Policy::preset("hotline-12345");
  TestCase c;
  c.policy = &hotline;
  c.number = "20250304000001";
  const Actor operator_on_duty{"op-1", "city_government", "call_center", {"registrar"}};
  const Actor dispatch{"disp-h", "city_government", "dispatch_center", {"dispatcher"}};
  c.intake({{"channel", "hotline"},
            {"type", "claim"},
            {"category", "water"},
            {"region", "east"},
            {"subject", "小区停水"},
            {"content", "小区自昨日起停水。"},
            {"petitioners", Json::array({{{"name", "王某"}, {"phone", "13900000000"}}})},
            {"received_at", lifecycle_detail::format_instant(local("2025-03-04 08:00"))}},
           local("2025-03-04 08:00"), operator_on_duty);
  c.run("accept", Json::object(), dispatch, local("2025-03-04 08:10"));
  c.run("assign", {{"unit", "water_supply"}}, dispatch, local("2025-03-04 08:20"));
  // Nobody at water supply calls back within 24 hours; on 5 Mar 14:20 the ticket moves to the
  // district, whose handler calls the petitioner at 15:00.
  c.run("transfer", {{"unit", "district_service"}, {"handler", "h-qjs"}}, dispatch, local("2025-03-05 14:20"));
  c.run("contact", {{"method", "phone"}}, Actor{"h-qjs", "district", "district_service", {"handler"}},
        local("2025-03-05 15:00"));
  const CaseOutcomes o = outcomes_at(c, local("2025-03-05 15:00"));
  const ClockOutcome& first = clock_of(o, "response", 1);
  EXPECT_EQ(first.deadline, local("2025-03-05 08:20"));
  EXPECT_EQ(first.settled_at, local("2025-03-05 08:20"));
  EXPECT_FALSE(first.on_time);
  EXPECT_EQ(first.unit, "water_supply");
  const ClockOutcome& second = clock_of(o, "response", 2);
  EXPECT_EQ(second.started_at, local("2025-03-05 14:20"));
  EXPECT_TRUE(second.on_time);
  EXPECT_EQ(second.settled_at, local("2025-03-05 15:00"));
  EXPECT_EQ(second.unit, "district_service");
  // The 24-hour utilities clock (from 08:00 on 4 Mar) carried over and is overdue by then: it
  // settled late at 5 Mar 08:00, while water supply held the ticket.
  const ClockOutcome& utilities = clock_of(o, "utilities");
  EXPECT_EQ(utilities.settled_at, local("2025-03-05 08:00"));
  EXPECT_EQ(utilities.unit, "water_supply");
  EXPECT_EQ(c.state().contacted_at, local("2025-03-05 15:00"));

  PeriodCounts week;
  count_in_period(o, hotline, local("2025-03-03 00:00"), local("2025-03-10 00:00"), week);
  EXPECT_DOUBLE_EQ(*week.units["water_supply"][Indicator::response].value(), 0.0);
  EXPECT_DOUBLE_EQ(*week.units["district_service"][Indicator::response].value(), 1.0);
  EXPECT_DOUBLE_EQ(*week.total[Indicator::response].value(), 0.5);
  EXPECT_DOUBLE_EQ(*week.total[Indicator::on_time_completion].value(), 0.0);
  EXPECT_EQ(c.state().holders.size(), 3u);  // the call centre (acceptance keeps it there), water supply, district
}

// A hotline that rates on five stars, four counting 0.8, and calls back after two stars or fewer.
TEST(MetricsOutcome, AFiveStarScaleCountsItsCredits) {
  static const Policy stars = Policy::from_json(R"({
    "extends": "cn-national-2022", "name": "某市五星评价", "version": "2026.1",
    "rating": {"scale": {
      "basically_satisfied": null, "dissatisfied": null, "satisfied": null,
      "five_stars": {"name": "五星", "credit": 1, "satisfied": true, "follow_up": false},
      "four_stars": {"name": "四星", "credit": 0.8, "satisfied": true, "follow_up": false},
      "three_stars": {"name": "三星", "credit": 0.6, "satisfied": false, "follow_up": false},
      "two_stars": {"name": "二星", "credit": 0.3, "satisfied": false, "follow_up": true},
      "one_star": {"name": "一星", "credit": 0, "satisfied": false, "follow_up": true}}}})");
  const auto rated = [&](const char* level) {
    TestCase c = routed_letter();
    c.policy = &stars;
    c.run("reply", {{"outcome", "supported"}, {"text", "已办"}}, handler_in("social_assistance"),
          local("2025-03-20 10:00"));
    c.run("rate", {{"level", level}}, petitioner(), local("2025-03-21 10:00"));
    return c;
  };
  PeriodCounts counts;
  for (const char* level : {"five_stars", "four_stars", "two_stars"}) {
    const TestCase c = rated(level);
    count_in_period(outcomes_at(c, local("2025-03-21 10:00")), stars, local("2025-03-01 00:00"),
                    local("2025-04-01 00:00"), counts);
    EXPECT_EQ(c.state().follow_up_pending, std::string(level) == "two_stars") << level;
  }
  // 满意率 (1 + 0.8 + 0.3) / 3 = 0.7.
  EXPECT_NEAR(*counts.total[Indicator::satisfaction].value(), 0.7, 1e-12);
  EXPECT_EQ(rated("one_star").attempt("rate", {{"level", "satisfied"}}, petitioner(), local("2025-03-22 10:00")),
            ErrorCode::invalid_state);  // one rating per reply
}

TEST(MetricsOutcome, HolderAtTakesTheSpellBegunBeforeTheInstant) {
  const std::vector<HolderSpell> holders = {{local("2025-03-03 09:00"), "petition_office"},
                                            {local("2025-03-05 10:00"), "social_assistance"}};
  EXPECT_EQ(holder_at(holders, local("2025-03-05 10:00")), "petition_office");
  EXPECT_EQ(holder_at(holders, local("2025-03-05 10:01")), "social_assistance");
  EXPECT_EQ(holder_at(holders, local("2025-03-01 00:00")), "petition_office");
  EXPECT_EQ(holder_at({}, local("2025-03-01 00:00")), "");
}

}  // namespace
}  // namespace xinfang::testing
