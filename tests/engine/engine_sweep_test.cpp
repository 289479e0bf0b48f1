// The sweep fires each due escalation step once — across repeated sweeps, late ones after
// downtime, and bounded batches — with notifications the host polls and acknowledges at least
// once; the deadline queries find overdue cases; stale clock columns are worked out again.
#include <boost/date_time/posix_time/posix_time.hpp>

#include "engine_test_util.hpp"

namespace xinfang::testing {
namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;

std::int64_t to_unix_micros(Instant instant) {
  return (instant - Instant(boost::gregorian::date(1970, 1, 1))).total_microseconds();
}

class EngineSweep : public ::testing::Test {
 protected:
  EngineSweep() : db(dir.file("sweep.db")), t(db) { t.add_staff(); }

  std::vector<std::string> escalation_events(const std::string& number) const {
    std::vector<std::string> types;
    for (const auto& stored : t.engine.get(number).events) {
      if (stored.event.payload.contains("step")) {
        types.push_back(stored.event.type + ":" + stored.event.payload.value("clock", "") + "." +
                        stored.event.payload.value("step", ""));
      }
    }
    return types;
  }

  TempDir dir;
  std::string db;
  TestEngine t;
};

TEST_F(EngineSweep, EachStepFiresOnceAcrossRepeatedAndLateSweeps) {
  // Registered Mon 3 Mar 2025, 09:00. The routing and notification clocks run 15 statutory days:
  // to Tue 18 Mar, 24:00. Their reminders are 3 working days before — Mon 17, Fri 14, Thu 13 —
  // at 24:00 of Thu 13 Mar; their supervision steps at the deadline.
  const std::string number = t.intake_letter().number;
  t.clock->set(local("2025-03-10 09:00"));
  SweepResult early = t.engine.sweep();
  EXPECT_TRUE(early.fired.empty());
  EXPECT_EQ(early.cases, 0);  // the due index said so: no case was read

  t.clock->set(local("2025-03-14 09:00"));
  const SweepResult reminders = t.engine.sweep();
  ASSERT_EQ(reminders.fired.size(), 2u);
  for (const FiredStep& step : reminders.fired) {
    EXPECT_EQ(step.number, number);
    EXPECT_EQ(step.step, "remind");
    EXPECT_EQ(step.event_type, "reminded");
    EXPECT_EQ(step.due_at, local("2025-03-14 00:00"));
    EXPECT_EQ(step.swept_at, local("2025-03-14 09:00"));
    EXPECT_EQ(step.notifications, 1);  // the dispatcher of the city office
  }
  EXPECT_TRUE(t.engine.sweep().fired.empty());  // again at the same time: nothing

  // Nobody sweeps for a week; the deadline passes on 19 Mar, 00:00. The late sweep fires the two
  // supervision steps once each, stamped with the time they were due and the time they fired.
  t.clock->set(local("2025-03-25 10:00"));
  const SweepResult late = t.engine.sweep();
  ASSERT_EQ(late.fired.size(), 2u);
  for (const FiredStep& step : late.fired) {
    EXPECT_EQ(step.event_type, "supervised");
    EXPECT_EQ(step.due_at, local("2025-03-19 00:00"));
    EXPECT_EQ(step.swept_at, local("2025-03-25 10:00"));
  }
  EXPECT_TRUE(t.engine.sweep().fired.empty());
  t.clock->advance(hours(24 * 30));
  EXPECT_TRUE(t.engine.sweep().fired.empty());  // the ladders are done

  EXPECT_EQ(escalation_events(number),
            (std::vector<std::string>{"reminded:routing.remind", "reminded:notification.remind",
                                      "supervised:routing.supervise", "supervised:notification.supervise"}));
  const CaseRecord record = t.engine.get(number);
  const Json& payload = record.events.back().event.payload;
  EXPECT_EQ(payload["due_at"], "2025-03-18T16:00:00Z");
  EXPECT_EQ(payload["swept_at"], "2025-03-25T02:00:00Z");
  EXPECT_EQ(record.events.back().event.actor.id, "system");
  EXPECT_TRUE(t.engine.verify().ok);  // the escalation events are in the chain
}

TEST_F(EngineSweep, AcceptingTheCaseStopsItsNotificationClock) {
  const std::string number = t.intake_letter().number;
  t.clock->set(local("2025-03-05 10:00"));
  t.engine.accept(number, kDispatcher);
  // The notification clock stopped on acceptance; the routing clock runs until routing.
  t.clock->set(local("2025-03-14 09:00"));
  const SweepResult result = t.engine.sweep();
  ASSERT_EQ(result.fired.size(), 1u);
  EXPECT_EQ(result.fired[0].clock, "routing");
  // Every clock that runs for a claim, started or not, in the policy's order.
  const std::vector<ClockReport> clocks = t.engine.clocks(number);
  std::vector<std::string> states;
  for (const ClockReport& clock : clocks) states.push_back(clock.id + ":" + clock_status_name(clock.status));
  EXPECT_EQ(states, (std::vector<std::string>{"routing:running", "notification:met", "handling:running",
                                              "report_back:not_started", "follow_up:not_started",
                                              "review_decision:not_started", "rereview_decision:not_started"}));
  EXPECT_EQ(code_of([&] { t.engine.clocks("MZJ-2099-000001"); }), ErrorCode::not_found);
}

TEST_F(EngineSweep, TheOutboxHandsOutUntilAcknowledged) {
  t.intake_letter();
  t.clock->set(local("2025-03-14 09:00"));
  t.engine.sweep();
  std::vector<Notification> first = t.engine.poll_outbox(10, 60);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].recipient_kind, "staff");
  EXPECT_EQ(first[0].recipient, kDispatcher);
  EXPECT_EQ(first[0].kind, "remind");
  EXPECT_EQ(first[0].attempts, 1);
  EXPECT_EQ(first[0].parameters["clock"], "routing");
  EXPECT_EQ(first[0].parameters["deadline"], "2025-03-18T16:00:00Z");
  EXPECT_EQ(first[0].leased_until, local("2025-03-14 09:01"));
  // Leased: not handed out again while the lease runs.
  EXPECT_TRUE(t.engine.poll_outbox(10, 60).empty());
  t.engine.acknowledge(first[0].id);
  t.engine.acknowledge(first[0].id);  // twice is harmless
  // The lease of the other runs out unacknowledged: it comes back.
  t.clock->advance(minutes(2));
  const std::vector<Notification> again = t.engine.poll_outbox(10, 60);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, first[1].id);
  EXPECT_EQ(again[0].attempts, 2);
  t.engine.acknowledge(again[0].id);
  t.clock->advance(minutes(2));
  EXPECT_TRUE(t.engine.poll_outbox(10, 60).empty());
  const std::vector<Notification> all = t.engine.notifications(first[0].number);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_FALSE(all[0].acknowledged_at.is_special());

  EXPECT_EQ(code_of([&] { t.engine.acknowledge(999); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { t.engine.poll_outbox(0, 60); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { t.engine.poll_outbox(10, 0); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { t.engine.notifications("MZJ-2099-000001"); }), ErrorCode::not_found);
}

TEST_F(EngineSweep, StepsGoToThePeopleWhoHoldTheRoleWhereTheCaseIs) {
  const std::string number = t.intake_letter().number;
  t.clock->set(local("2025-03-25 10:00"));
  t.engine.sweep();
  // Before routing the case sits with the petition office, which has no unit leader in the
  // directory: the supervision is addressed to the role, for the host to route.
  std::vector<std::string> addressed;
  for (const Notification& n : t.engine.notifications(number))
    addressed.push_back(n.kind + ">" + n.recipient_kind + ":" + n.recipient);
  EXPECT_EQ(addressed, (std::vector<std::string>{"remind>staff:disp-1", "remind>staff:disp-1",
                                                 "supervise>role:unit_leader", "supervise>role:unit_leader"}));
  // With a leader of the office in the directory, the next case's supervision goes to that person.
  t.engine.put_staff(kAdmin, StaffMember{"lead-po", "主任", "city", "petition_office", {"unit_leader"}, true});
  const std::string second = t.intake_letter().number;
  t.clock->set(local("2025-04-20 10:00"));
  t.engine.sweep();
  addressed.clear();
  for (const Notification& n : t.engine.notifications(second)) addressed.push_back(n.kind + ">" + n.recipient);
  EXPECT_EQ(addressed,
            (std::vector<std::string>{"remind>disp-1", "remind>disp-1", "supervise>lead-po", "supervise>lead-po"}));
}

TEST_F(EngineSweep, ASweepWorksInBoundedTransactions) {
  for (int i = 0; i < 30; ++i) t.intake_letter();
  t.clock->set(local("2025-03-14 09:00"));
  SweepOptions capped;
  capped.cases_per_transaction = 4;
  capped.max_cases = 10;
  const SweepResult part = t.engine.sweep(capped);
  EXPECT_EQ(part.cases, 10);
  EXPECT_EQ(part.transactions, 3);  // 4 + 4 + 2
  EXPECT_EQ(part.fired.size(), 20u);
  EXPECT_TRUE(part.more_due);
  SweepOptions rest;
  rest.cases_per_transaction = 7;
  const SweepResult remainder = t.engine.sweep(rest);
  EXPECT_EQ(remainder.cases, 20);
  EXPECT_EQ(remainder.fired.size(), 40u);
  EXPECT_FALSE(remainder.more_due);
  EXPECT_EQ(remainder.transactions, 3);  // 7 + 7 + 6, the last shorter than a full batch
  EXPECT_TRUE(t.engine.sweep().fired.empty());

  SweepOptions bad;
  bad.cases_per_transaction = 0;
  EXPECT_EQ(code_of([&] { t.engine.sweep(bad); }), ErrorCode::invalid_argument);
  bad.cases_per_transaction = 10;
  bad.max_cases = -1;
  EXPECT_EQ(code_of([&] { t.engine.sweep(bad); }), ErrorCode::invalid_argument);
}

TEST_F(EngineSweep, OverdueAndDueSoonAreQueries) {
  const std::string late = t.intake_letter().number;
  t.clock->set(local("2025-03-10 09:00"));
  const std::string later = t.intake_letter().number;  // 15 days from Mon 10 Mar: Tue 25 Mar
  t.clock->set(local("2025-03-20 09:00"));
  CaseFilter overdue;
  overdue.deadline_to = t.clock->now();
  const std::vector<CaseSummary> found = t.engine.list(overdue);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].number, late);
  CaseFilter due_soon;
  due_soon.deadline_from = t.clock->now();
  due_soon.deadline_to = t.clock->now() + hours(24 * 7);
  EXPECT_EQ(t.engine.count(due_soon), 1);
  EXPECT_EQ(t.engine.list(due_soon)[0].number, later);
  // By JSON, as the CLI and the C ABI pass it.
  const CaseFilter parsed = CaseFilter::from_json({{"deadline_to", "2025-03-20T01:00:00Z"}});
  EXPECT_EQ(t.engine.count(parsed), 1);
  EXPECT_EQ(code_of([&] { CaseFilter::from_json({{"deadline_to", "tomorrow"}}); }), ErrorCode::invalid_data);
}

TEST_F(EngineSweep, StaleClockColumnsAreWorkedOutAgainOnOpen) {
  const std::string number = t.intake_letter().number;
  const std::string before = raw_query(db, "SELECT next_due || '/' || next_deadline FROM cases");
  EXPECT_NE(before, "<null>");
  // As a file upgraded from schema 2 has them: empty, and marked stale.
  raw_sql(db,
          "UPDATE cases SET next_due = NULL, next_deadline = NULL;"
          "INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_columns', 'stale')");
  {
    TestEngine reopened(db, local("2025-03-14 09:00"));
    EXPECT_EQ(raw_query(db, "SELECT next_due || '/' || next_deadline FROM cases"), before);
    EXPECT_EQ(raw_query(db, "SELECT value FROM meta WHERE key = 'clock_columns'"), "current");
    EXPECT_EQ(reopened.engine.sweep().fired.size(), 2u);
  }
}

TEST_F(EngineSweep, AnotherPolicyOrCalendarWorksTheColumnsOutAgain) {
  t.intake_letter();
  // 15 days from Mon 3 Mar: Tue 18 Mar, 24:00.
  EXPECT_EQ(raw_query(db, "SELECT next_deadline FROM cases"),
            std::to_string(to_unix_micros(local("2025-03-19 00:00"))));
  Json policy = Json::parse(Policy::preset("cn-national-2022").to_json());
  policy["version"] = "2025.local";
  policy["clocks"]["routing"]["limit"] = 10;
  policy["clocks"]["notification"]["limit"] = 10;
  {
    // Opened with a policy of 10-day clocks: 10 days from 3 Mar reach Thu 13 Mar.
    TestEngine reopened(db, local("2025-03-04 09:00"), HashAlgorithm::sha256, policy.dump());
    EXPECT_EQ(raw_query(db, "SELECT next_deadline FROM cases"),
              std::to_string(to_unix_micros(local("2025-03-14 00:00"))));
  }
  {
    // The same policy on a calendar with a local holiday on Thu 13 Mar: the 10th day rolls to
    // Fri 14 Mar.
    EngineOptions options;
    options.database = db;
    options.clock = std::make_shared<ManualClock>(local("2025-03-04 09:00"));
    options.calendar = Calendar::from_json(
        R"({"name": "local", "years": {"2025": {"source": "local notice",
             "holidays": [{"name": "local day", "from": "2025-03-13"}]}}})",
        Calendar::national());
    Engine local_calendar = Engine::open(options);
    EXPECT_EQ(raw_query(db, "SELECT next_deadline FROM cases"),
              std::to_string(to_unix_micros(local("2025-03-15 00:00"))));
  }
}

TEST_F(EngineSweep, ACountIntoAYearWithoutATableDoesNotStopIntake) {
  // Registered on Mon 21 Dec 2026: 15 days reach 5 Jan 2027, a year the built-in calendar has no
  // published table for. Intake goes on; the due index is worked out on the weekend alone, and
  // asking for the clocks says what is missing.
  TempDir other;
  TestEngine december(other.file("december.db"), local("2026-12-21 09:00"));
  december.add_staff();
  const std::string number = december.intake_letter().number;
  EXPECT_NE(raw_query(other.file("december.db"), "SELECT next_due FROM cases"), "<null>");
  EXPECT_EQ(code_of([&] { december.engine.clocks(number); }), ErrorCode::calendar_range);
}

}  // namespace
}  // namespace xinfang::testing
