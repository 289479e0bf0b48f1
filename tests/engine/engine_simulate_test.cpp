// Engine::simulate() and the pure replay of simulate.hpp: what another policy would have done.
// The central check: a year replayed under a 30-day handling limit reports as new breaches
// exactly the cases whose handling took longer than 30 days and not longer than 60 — worked out
// here from the calendar alone, not from the clocks under test.
#include <algorithm>
#include <set>
#include <tuple>

#include "engine_test_util.hpp"
#include "xinfang/simulate.hpp"

namespace xinfang::testing {
namespace {

const char* const kThirtyDays = R"({"extends": "cn-national-2022", "name": "district", "version": "30",
  "clocks": {"handling": {"limit": 30}}})";

// One step of the year, for the manual clock to visit in time order.
struct Action {
  Instant at;
  std::size_t index;
  enum Kind { intake, accept, route, reply } kind;
  bool operator<(const Action& other) const {
    return std::tie(at, index, kind) < std::tie(other.at, other.index, other.kind);
  }
};

struct YearCase {
  Instant received;
  int handling_days = -1;  // days from acceptance to the reply; -1: never replied
  std::string number;
  Instant accepted;
  Instant replied;
};

Json distinct_letter(Instant at, std::size_t index) {
  Json args = letter_at(at);
  // Each case its own petitioner, so that none is a repeat of another.
  args["petitioners"][0]["name"] = "信访人" + std::to_string(index);
  args["petitioners"][0]["id_number"] = "1101011980" + std::to_string(100000 + index) + "1";
  args["petitioners"][0]["phone"] = "139" + std::to_string(10000000 + index);
  return args;
}

class SimulateYear : public ::testing::Test {
 protected:
  void SetUp() override {
    te_.add_staff();
    // A case every 4 days through 2025, handled in 3 to 90 days (both sides of 30 and of 60,
    // and the boundaries themselves); the last ones stay open at the end.
    const int durations[] = {3, 15, 29, 30, 31, 32, 44, 58, 59, 60, 61, 62, 90};
    for (std::size_t i = 0; i < 91; ++i) {
      YearCase c;
      c.received = local("2025-01-02 09:00") + boost::gregorian::days(static_cast<long>(4 * i));
      c.handling_days = i >= 85 ? -1 : durations[i % std::size(durations)];
      cases_.push_back(c);
    }
    std::vector<Action> actions;
    for (std::size_t i = 0; i < cases_.size(); ++i) {
      const Instant received = cases_[i].received;
      cases_[i].accepted = received + boost::posix_time::hours(2);
      actions.push_back({received, i, Action::intake});
      actions.push_back({cases_[i].accepted, i, Action::accept});
      actions.push_back({cases_[i].accepted + boost::posix_time::hours(1), i, Action::route});
      if (cases_[i].handling_days >= 0) {
        cases_[i].replied = cases_[i].accepted + boost::gregorian::days(cases_[i].handling_days) +
                            boost::posix_time::hours(5);  // in the afternoon of that day
        actions.push_back({cases_[i].replied, i, Action::reply});
      }
    }
    std::sort(actions.begin(), actions.end());
    for (const Action& action : actions) {
      te_.clock->set(action.at);
      YearCase& c = cases_[action.index];
      switch (action.kind) {
        case Action::intake:
          c.number = te_.engine.intake_json(kRegistrar, distinct_letter(action.at, action.index)).number;
          break;
        case Action::accept: te_.engine.accept(c.number, kDispatcher); break;
        case Action::route: te_.engine.route(c.number, kDispatcher, "social_assistance", kHandlerA); break;
        case Action::reply: te_.engine.reply(c.number, kHandlerA, Outcome::supported, "已办结。"); break;
      }
      // A daily sweep, as a host runs one: the recorded run has its own escalation events.
      if (action.kind == Action::reply) te_.engine.sweep();
    }
    te_.clock->set(until_);
  }

  // The end of a period of @p days from the acceptance day, by the calendar alone.
  Instant end_of_period(Instant accepted, int days) const {
    const Calendar& calendar = te_.engine.calendar();
    return calendar.end_of_day(calendar.statutory_period_end(calendar.local_date(accepted), days));
  }

  TempDir dir_;
  TestEngine te_{dir_.file("year.db"), local("2025-01-02 08:00")};
  std::vector<YearCase> cases_;
  const Instant until_ = local("2026-02-01 00:00");
};

TEST_F(SimulateYear, ThirtyDaysReportExactlyTheCasesHandledInThirtyOneToSixtyDaysAsNewBreaches) {
  std::set<std::string> expected;
  for (const YearCase& c : cases_) {
    const Instant done = c.handling_days >= 0 ? c.replied : until_;
    if (done > end_of_period(c.accepted, 30) && done <= end_of_period(c.accepted, 60)) expected.insert(c.number);
  }
  ASSERT_GE(expected.size(), 20u);  // the year has plenty on both sides

  const std::string before = database_dump(dir_.file("year.db"));
  SimulateOptions options;
  options.list_limit = 100000;
  const SimulationReport report = te_.engine.simulate(Policy::from_json(kThirtyDays), options);
  EXPECT_EQ(database_dump(dir_.file("year.db")), before) << "the file was written";

  std::set<std::string> added;
  for (const ClockChange& change : report.breaches_added) {
    EXPECT_EQ(change.clock, "handling") << change.number;
    EXPECT_FALSE(change.breached_before);
    EXPECT_TRUE(change.breached_after);
    added.insert(change.number);
  }
  EXPECT_EQ(added, expected);
  EXPECT_EQ(report.total.breaches_added, static_cast<std::int64_t>(expected.size()));
  EXPECT_EQ(report.breaches_removed.size(), 0u);
  EXPECT_EQ(report.cases, static_cast<std::int64_t>(cases_.size()));
  EXPECT_EQ(report.until, until_);
  EXPECT_EQ(report.policy_after, "district 30");
  EXPECT_EQ(report.policy_before, "cn-national-2022 2022.1");
  // Every case's handling deadline moves earlier; the other clocks do not move.
  EXPECT_EQ(report.total.deadlines_moved, static_cast<std::int64_t>(cases_.size()));
  EXPECT_EQ(report.deadlines_earlier, static_cast<std::int64_t>(cases_.size()));
  EXPECT_EQ(report.units.at("social_assistance").breaches_added, report.total.breaches_added);

  // 按期办结率 counts a run once it has settled: a reply in 31-60 days is on time under 60 and
  // late under 30; a case still open past its 30 days has settled (late) only under 30.
  std::int64_t replied_late = 0;
  std::int64_t open_late = 0;
  for (const YearCase& c : cases_) {
    if (expected.count(c.number) > 0) ++(c.handling_days >= 0 ? replied_late : open_late);
  }
  ASSERT_GT(open_late, 0);
  const Ratio& in_force = report.total.before[Indicator::on_time_completion];
  const Ratio& what_if = report.total.after[Indicator::on_time_completion];
  EXPECT_EQ(what_if.denominator - in_force.denominator, open_late);
  EXPECT_EQ(in_force.numerator - what_if.numerator, static_cast<double>(replied_late));

  const Json json = report.to_json();
  EXPECT_EQ(json["total"]["breaches_added"], expected.size());
  EXPECT_LT(json["total"]["indicators"]["on_time_completion"]["delta"].get<double>(), 0.0);
  const std::string markdown = report.to_markdown(Policy::from_json(kThirtyDays), te_.engine.calendar());
  EXPECT_NE(markdown.find("| New breaches (breached or late only under district 30) | " +
                          std::to_string(expected.size()) + " |"),
            std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find(*expected.begin()), std::string::npos);
}

TEST_F(SimulateYear, TheSamePolicyChangesNothing) {
  const SimulationReport report = te_.engine.simulate(te_.engine.policy());
  EXPECT_EQ(report.total.breaches_added, 0);
  EXPECT_EQ(report.total.breaches_removed, 0);
  EXPECT_EQ(report.total.deadlines_moved, 0);
  EXPECT_EQ(report.total.escalations_added, 0);
  EXPECT_EQ(report.total.escalations_removed, 0);
  for (const Indicator indicator : all_indicators()) {
    EXPECT_EQ(report.total.before[indicator].value(), report.total.after[indicator].value()) << indicator_id(indicator);
  }
}

// The replay under the policy in force counts as the engine counts its own file: the indicators
// of the period, unit by unit, are the engine's (its SQL over what each case counts for).
TEST_F(SimulateYear, TheReplayInForceCountsTheIndicatorsTheEngineCounts) {
  const IndicatorReport engine_counts = te_.engine.indicators("2025-01-01..2026-01-31");
  ASSERT_EQ(engine_counts.period.to, until_);
  SimulateOptions options;
  options.from = engine_counts.period.from;
  options.until = engine_counts.period.to;
  const SimulationReport report = te_.engine.simulate(Policy::from_json(kThirtyDays), options);
  for (const Indicator indicator : all_indicators()) {
    EXPECT_EQ(report.total.before[indicator].numerator, engine_counts.total[indicator].numerator)
        << indicator_id(indicator);
    EXPECT_EQ(report.total.before[indicator].denominator, engine_counts.total[indicator].denominator)
        << indicator_id(indicator);
  }
  ASSERT_FALSE(engine_counts.units.empty());
  for (const RankedEntry& unit : engine_counts.units) {
    const Ratio& replayed = report.units.at(unit.id).before[Indicator::on_time_completion];
    EXPECT_EQ(replayed.numerator, unit.indicators[Indicator::on_time_completion].numerator) << unit.id;
    EXPECT_EQ(replayed.denominator, unit.indicators[Indicator::on_time_completion].denominator) << unit.id;
  }
}

TEST_F(SimulateYear, ALongerLimitAvoidsBreachesAndALadderWithoutOwnershipRemovesIt) {
  const Policy ninety = Policy::from_json(R"({"extends": "cn-national-2022", "name": "ninety", "version": "1",
    "clocks": {"handling": {"limit": 90, "escalation": {"own": null}}}})");
  SimulateOptions options;
  options.list_limit = 3;
  const SimulationReport report = te_.engine.simulate(ninety, options);
  std::int64_t expected_avoided = 0;
  for (const YearCase& c : cases_) {
    const Instant done = c.handling_days >= 0 ? c.replied : until_;
    if (done > end_of_period(c.accepted, 60) && done <= end_of_period(c.accepted, 90)) ++expected_avoided;
  }
  EXPECT_GT(expected_avoided, 0);
  EXPECT_EQ(report.total.breaches_removed, expected_avoided);
  EXPECT_EQ(report.total.breaches_added, 0);
  EXPECT_EQ(report.breaches_removed.size(), 3u);  // listed up to the limit, counted in full
  EXPECT_EQ(report.deadlines_later, static_cast<std::int64_t>(cases_.size()));
  // Ownership (包案) at 15 working days after the breach: none under a ladder without it.
  EXPECT_GT(report.total.escalations_removed, 0);
  for (const EscalationChange& change : report.escalations) {
    EXPECT_EQ(change.clock, "handling");
  }
  EXPECT_EQ(report.total.escalations_added, 0);
}

TEST_F(SimulateYear, BadOptionsAreRefused) {
  SimulateOptions options;
  options.list_limit = -1;
  EXPECT_EQ(code_of([&] { te_.engine.simulate(te_.engine.policy(), options); }), ErrorCode::invalid_argument);
  options.list_limit = 100001;
  EXPECT_EQ(code_of([&] { te_.engine.simulate(te_.engine.policy(), options); }), ErrorCode::invalid_argument);
  options.list_limit = 10;
  options.until = local("2025-06-01 00:00");
  options.from = local("2025-07-01 00:00");
  EXPECT_EQ(code_of([&] { te_.engine.simulate(te_.engine.policy(), options); }), ErrorCode::invalid_argument);
}

TEST_F(SimulateYear, ProgressIsReportedAsCasesAreReplayed) {
  SimulateOptions options;
  std::vector<std::int64_t> seen;
  options.progress = [&](std::int64_t cases) { seen.push_back(cases); };
  // 91 cases: fewer than one report's worth; the callback is optional and never called then.
  te_.engine.simulate(te_.engine.policy(), options);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_LE(seen.size(), 1u);
}

// The pure replay: a step fires at its due time, once; a stop before it keeps it from firing;
// the recorded run's escalation events are set aside and derived again.
TEST(Replay, StepsFireAtTheirDueTimesAndNotAfterTheClockStops) {
  TempDir dir;
  TestEngine te(dir.file("replay.db"));
  te.add_staff();
  const CommandResult slow = te.intake_letter();
  te.engine.accept(slow.number, kDispatcher);
  te.engine.route(slow.number, kDispatcher, "social_assistance", kHandlerA);
  te.clock->set(local("2025-06-20 10:00"));
  te.engine.sweep();  // late: the steps fire stamped at the sweep, not at their due times
  const CaseRecord record = te.engine.get(slow.number);
  std::vector<Event> events;
  for (const StoredEvent& stored : record.events) events.push_back(stored.event);
  ASSERT_TRUE(std::any_of(events.begin(), events.end(), [](const Event& e) { return e.type == "owner_assigned"; }));

  const CaseState replayed = replay_case(events, te.engine.policy(), te.engine.calendar(), te.clock->now(),
                                         [](const std::string&) { return std::string("boss"); });
  std::vector<std::tuple<std::string, Instant>> fired;
  for (const ClockMark& mark : replayed.timeline) {
    if (is_escalation_event(mark.type) && mark.clock == "handling") fired.emplace_back(mark.step, mark.at);
  }
  // The handling ladder of 2025-03-03's acceptance (docs: the reminder at the end of 04-25, the
  // breach at 05-06 24:00, escalation at the end of 05-13, ownership at the end of 05-27).
  const std::vector<std::tuple<std::string, Instant>> expected = {{"remind", local("2025-04-26 00:00")},
                                                                  {"supervise", local("2025-05-07 00:00")},
                                                                  {"escalate", local("2025-05-14 00:00")},
                                                                  {"own", local("2025-05-28 00:00")}};
  EXPECT_EQ(fired, expected);
  EXPECT_EQ(replayed.owner_leader, "boss");
  EXPECT_EQ(replayed.escalation_level, 4);

  // Replied on 04-20, before the reminder: nothing of the handling ladder fires.
  std::vector<Event> replied;
  for (const Event& e : events) {
    if (!is_escalation_event(e.type)) replied.push_back(e);
  }
  Event reply{"replied",
              local("2025-04-20 10:00"),
              replied.back().actor,
              {{"outcome", "supported"}, {"text", "x"}, {"replied_by", kHandlerA}}};
  reply.actor.id = kHandlerA;
  reply.actor.unit = "social_assistance";
  replied.push_back(reply);
  const CaseState on_time =
      replay_case(replied, te.engine.policy(), te.engine.calendar(), local("2025-12-31 00:00"), nullptr);
  for (const ClockMark& mark : on_time.timeline) {
    EXPECT_FALSE(is_escalation_event(mark.type) && mark.clock == "handling") << mark.step;
  }
  EXPECT_EQ(on_time.status, CaseStatus::replied);
}

}  // namespace
}  // namespace xinfang::testing
