// Running scenarios (src/scenario/scenario_run.cpp) and the reports of their results
// (src/scenario/scenario.cpp): a suite that passes, each kind of expectation failing with its
// path and its expected and actual text, a command that fails unexpectedly, the text, JSON and
// JUnit reports, and the same result on every run.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenario_test_util.hpp"
#include "xinfang/scenario.hpp"

namespace xinfang {
namespace {

using scenario_test::contains;
using scenario_test::kAccept;
using scenario_test::kIntake;
using scenario_test::kRoute;
using scenario_test::run;
using scenario_test::suite;

// A suite of one scenario named @p name with @p steps (a JSON array's text).
std::string one_named(const std::string& name, const std::string& steps) {
  return suite(Json::array({{{"name", name}, {"steps", Json::parse(steps)}}}));
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// The first two scenarios of src/policy/presets/scenarios/cn-national-2022/handling.json as they
// were written with the module (the file itself changes as the presets' suites grow).
const char* const kHandlingScenarios = R"([
  {
    "name": "60 days from acceptance on 2025-03-03 reach Labour Day and roll to 2025-05-06",
    "steps": [
      { "actor": "registrar", "intake": {}, "as": "A",
        "expect": { "status": "registered", "events": ["registered"],
                    "clocks": { "routing": { "status": "running", "deadline": "2025-03-18 24:00" },
                                "handling": { "status": "not_started", "deadline": null } } } },
      { "at": "+1 hours", "actor": "dispatcher", "command": "accept",
        "expect": { "status": "accepted",
                    "clocks": { "handling": { "status": "running", "deadline": "2025-05-06 24:00", "last_day": "2025-05-06" } } } },
      { "at": "+1 hours", "actor": "dispatcher", "command": "route", "args": { "unit": "social_assistance", "handler": "handler" },
        "expect": { "status": "in_handling", "unit": "social_assistance", "handler": "handler",
                    "clocks": { "routing": { "status": "met" } } } },
      { "at": "2025-05-06 17:00", "actor": "handler", "command": "reply", "args": { "outcome": "supported", "text": "已恢复发放。" },
        "expect": { "status": "replied", "clocks": { "handling": { "status": "met" } } } }
    ]
  },
  {
    "name": "an extension of 30 days counts from the start and rolls once, to 2025-06-03",
    "steps": [
      { "actor": "registrar", "intake": {} },
      { "at": "+1 hours", "actor": "dispatcher", "command": "accept" },
      { "at": "+1 hours", "actor": "dispatcher", "command": "route", "args": { "unit": "social_assistance", "handler": "handler" } },
      { "at": "2025-04-28 10:00", "actor": "handler", "command": "request_extension", "args": { "amount": 30, "reason": "需会同人社部门核查" },
        "expect": { "events": ["extension_requested"] } },
      { "at": "+1 hours", "actor": "director", "command": "approve_extension",
        "expect": { "clocks": { "handling": { "deadline": "2025-06-03 24:00", "extension_total": 30 } } } },
      { "at": "+1 hours", "actor": "handler", "command": "request_extension", "args": { "amount": 10, "reason": "再延" },
        "expect": { "error": "invalid_state" } }
    ]
  }
])";

// kAccept or kRoute with an "expect".
std::string with_expect(const char* step, const std::string& expect) {
  Json json = Json::parse(step);
  json["expect"] = Json::parse(expect);
  return json.dump();
}

std::string steps(const std::vector<std::string>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i == 0 ? "" : ", ") + list[i];
  return out + "]";
}

// ---------------------------------------------------------------------------------------------
// A suite that passes.

TEST(ScenarioRun, ASuiteOfTwoScenariosPasses) {
  const ScenarioFileResult file = run_scenarios(suite(Json::parse(kHandlingScenarios)), "handling.json");
  EXPECT_EQ(file.error_code, ErrorCode::ok) << file.error;
  EXPECT_TRUE(file.passed());
  ASSERT_EQ(file.scenarios.size(), 2u);
  // The first checks 6 + 4 + 4 + 2 values in its four steps; the second 1 + 2 + 1 in its six.
  const std::size_t steps[] = {4, 6};
  const std::size_t expectations[] = {16, 4};
  for (std::size_t i = 0; i < 2; ++i) {
    const ScenarioResult& s = file.scenarios[i];
    SCOPED_TRACE(s.name);
    EXPECT_EQ(s.outcome, ScenarioOutcome::passed);
    EXPECT_EQ(s.steps, steps[i]);
    EXPECT_EQ(s.steps_run, s.steps);
    EXPECT_EQ(s.expectations, expectations[i]);
    EXPECT_TRUE(s.mismatches.empty());
    EXPECT_EQ(s.error_code, ErrorCode::ok);
    EXPECT_EQ(s.error, "");
  }
  EXPECT_EQ(file.scenarios[0].name, "60 days from acceptance on 2025-03-03 reach Labour Day and roll to 2025-05-06");

  const std::string text = scenario_report_text({file});
  EXPECT_EQ(text,
            "PASS     handling.json: 60 days from acceptance on 2025-03-03 reach Labour Day and roll to 2025-05-06 "
            "(4 steps, 16 expectations)\n"
            "PASS     handling.json: an extension of 30 days counts from the start and rolls once, to 2025-06-03 "
            "(6 steps, 4 expectations)\n"
            "2 scenarios: 2 passed, 0 failed, 0 invalid\n");
}

TEST(ScenarioRun, EveryKindOfExpectationThatHoldsPasses) {
  const std::string document = one_named(
      "everything holds", steps({kIntake, with_expect(kAccept, R"({
          "status": "accepted", "unit": "", "handler": "", "owner": "", "organisation": "city",
          "key_case": false, "escalation_level": 0, "events": ["accepted"], "outbox": [],
          "clocks": { "handling": { "status": "running", "deadline": "2025-05-06 24:00", "last_day": "2025-05-06",
                                    "run": 1, "extension_total": 0 },
                      "report_back": { "status": "not_started", "deadline": null } } })"),
                                 with_expect(kRoute, R"({ "unit": "social_assistance", "handler": "handler" })"),
                                 R"({ "at": "+1 hours", "actor": "section-chief", "command": "mark_key",
             "expect": { "key_case": true, "events": ["marked_key"] } })",
                                 R"({ "at": "+1 hours", "actor": "handler", "command": "reply",
             "args": { "outcome": "supported", "text": "已恢复发放。" },
             "expect": { "status": "replied", "outcome": "supported", "clocks": { "handling": { "status": "met" } } } })",
                                 R"({ "at": "+1 hours", "actor": "handler", "command": "reply",
             "args": { "outcome": "supported", "text": "again" },
             "expect": { "error": "invalid_state", "error_contains": "not allowed in status replied" } })"}));
  const ScenarioFileResult file = run(document);
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  for (const auto& m : s.mismatches) ADD_FAILURE() << m.path << ": " << m.expected << " / " << m.actual;
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(s.outcome, ScenarioOutcome::passed);
  EXPECT_EQ(s.steps_run, 6u);
  // accept: 8 + outbox + 5 + 2; route 2; mark_key 2; reply 3; the refused reply: error and its text.
  EXPECT_EQ(s.expectations, 16u + 2 + 2 + 3 + 2);
}

// ---------------------------------------------------------------------------------------------
// A failing expectation.

TEST(ScenarioRun, ABrokenDeadlineExpectationFailsWithItsPathAndTheDiffAndTheLaterStepsStillRun) {
  const std::string document = one_named(
      "30 days",
      steps({kIntake, with_expect(kAccept, R"({ "clocks": { "handling": { "deadline": "2025-04-02 24:00",
                                                                            "status": "running" } } })"),
             with_expect(kRoute, R"({ "status": "in_handling" })"),
             R"({ "at": "2025-04-03 00:00", "expect": { "clocks": { "handling": { "status": "running" } } } })"}));
  const ScenarioFileResult file = run(document);
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  EXPECT_FALSE(file.passed());
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::failed);
  EXPECT_EQ(s.steps, 4u);
  EXPECT_EQ(s.steps_run, 4u);
  EXPECT_EQ(s.expectations, 4u);  // the later steps' expectations were checked too
  EXPECT_EQ(s.error_code, ErrorCode::ok);
  EXPECT_EQ(s.error, "");
  ASSERT_EQ(s.mismatches.size(), 1u);
  const ScenarioMismatch& m = s.mismatches[0];
  EXPECT_EQ(m.step, 2u);
  EXPECT_EQ(m.when, "2025-03-03 10:00");
  EXPECT_EQ(m.action, "accept A by dispatcher");
  EXPECT_EQ(m.path, "/scenarios/0/steps/1/expect/clocks/handling/deadline");
  EXPECT_EQ(m.expected, "2025-04-02 24:00");
  EXPECT_EQ(m.actual, "2025-05-06 24:00");

  const Json json = m.to_json();
  EXPECT_EQ(json, Json({{"step", 2},
                        {"when", "2025-03-03 10:00"},
                        {"action", "accept A by dispatcher"},
                        {"path", "/scenarios/0/steps/1/expect/clocks/handling/deadline"},
                        {"expected", "2025-04-02 24:00"},
                        {"actual", "2025-05-06 24:00"}}));

  EXPECT_EQ(scenario_report_text({file}),
            "FAIL     t.json: 30 days\n"
            "         step 2 (2025-03-03 10:00, accept A by dispatcher) "
            "/scenarios/0/steps/1/expect/clocks/handling/deadline\n"
            "           - 2025-04-02 24:00\n"
            "           + 2025-05-06 24:00\n"
            "1 scenario: 0 passed, 1 failed, 0 invalid\n");
}

// One expectation that does not hold, and what the mismatch says.
struct FailingCase {
  const char* label;
  std::string steps;  // the scenario's steps
  const char* path;   // the mismatch's path
  const char* expected;
  const char* actual;
};

std::ostream& operator<<(std::ostream& out, const FailingCase& c) {
  return out << c.label;
}

const char* const kReplyWhileAccepted =
    R"({ "at": "+1 hours", "actor": "handler", "command": "reply", "args": { "outcome": "supported", "text": "x" }, )";
const char* const kReplyRefusal = "command reply: not allowed in status accepted (allowed in: in_handling)";

std::vector<FailingCase> failing_cases() {
  const std::string sweep_at_reminders = R"({ "at": "2025-03-14 00:00", "sweep": true, "expect": { "outbox": [)";
  return {
      {"status", steps({kIntake, with_expect(kAccept, R"({ "status": "in_handling" })")}),
       "/scenarios/0/steps/1/expect/status", "\"in_handling\"", "\"accepted\""},
      {"unit", steps({kIntake, kAccept, with_expect(kRoute, R"({ "unit": "pensions" })")}),
       "/scenarios/0/steps/2/expect/unit", "\"pensions\"", "\"social_assistance\""},
      {"unit_none", steps({kIntake, kAccept, with_expect(kRoute, R"({ "unit": "" })")}),
       "/scenarios/0/steps/2/expect/unit", "\"\"", "\"social_assistance\""},
      {"handler", steps({kIntake, kAccept, with_expect(kRoute, R"({ "handler": "section-chief" })")}),
       "/scenarios/0/steps/2/expect/handler", "\"section-chief\"", "\"handler\""},
      {"owner", steps({kIntake, kAccept, with_expect(kRoute, R"({ "owner": "director" })")}),
       "/scenarios/0/steps/2/expect/owner", "\"director\"", "\"\""},
      {"organisation", steps({kIntake, kAccept, with_expect(kRoute, R"({ "organisation": "province" })")}),
       "/scenarios/0/steps/2/expect/organisation", "\"province\"", "\"city\""},
      {"outcome",
       steps(
           {kIntake, kAccept, kRoute,
            R"({ "at": "+1 hours", "actor": "handler", "command": "reply", "args": { "outcome": "supported", "text": "x" },
                   "expect": { "outcome": "explained" } })"}),
       "/scenarios/0/steps/3/expect/outcome", "\"explained\"", "\"supported\""},
      {"key_case",
       steps(
           {kIntake, kAccept,
            R"({ "at": "+1 hours", "actor": "dispatcher", "command": "mark_key", "expect": { "key_case": false } })"}),
       "/scenarios/0/steps/2/expect/key_case", "false", "true"},
      {"escalation_level", steps({kIntake, with_expect(kAccept, R"({ "escalation_level": 1 })")}),
       "/scenarios/0/steps/1/expect/escalation_level", "1", "0"},
      {"events", steps({kIntake, kAccept, with_expect(kRoute, R"({ "events": ["routed", "note_added"] })")}),
       "/scenarios/0/steps/2/expect/events", R"(["routed","note_added"])", R"(["routed"])"},
      {"events_of_a_sweep",
       steps({kIntake, R"({ "at": "2025-03-14 00:00", "sweep": true, "expect": { "events": ["reminded"] } })"}),
       "/scenarios/0/steps/1/expect/events", R"(["reminded"])", R"(["reminded","reminded"])"},
      {"clock_status",
       steps({kIntake, with_expect(kAccept, R"({ "clocks": { "handling": { "status": "paused" } } })")}),
       "/scenarios/0/steps/1/expect/clocks/handling/status", "\"paused\"", "\"running\""},
      {"clock_not_started",
       steps({kIntake, with_expect(kAccept, R"({ "clocks": { "report_back": { "status": "running" } } })")}),
       "/scenarios/0/steps/1/expect/clocks/report_back/status", "\"running\"", "\"not_started\""},
      {"clock_deadline_null",
       steps({kIntake, with_expect(kAccept, R"({ "clocks": { "handling": { "deadline": null } } })")}),
       "/scenarios/0/steps/1/expect/clocks/handling/deadline", "none", "2025-05-06 24:00"},
      {"clock_deadline_of_a_clock_not_started",
       steps({kIntake, with_expect(kAccept, R"({ "clocks": { "report_back": { "deadline": "2025-05-06 24:00" } } })")}),
       "/scenarios/0/steps/1/expect/clocks/report_back/deadline", "2025-05-06 24:00", "none"},
      // 60 days from 2025-03-03 reach 2025-05-02, in the Labour Day holiday: the last day rolls.
      {"clock_last_day",
       steps({kIntake, with_expect(kAccept, R"({ "clocks": { "handling": { "last_day": "2025-05-02" } } })")}),
       "/scenarios/0/steps/1/expect/clocks/handling/last_day", "2025-05-02", "2025-05-06"},
      {"clock_run", steps({kIntake, with_expect(kAccept, R"({ "clocks": { "handling": { "run": 2 } } })")}),
       "/scenarios/0/steps/1/expect/clocks/handling/run", "2", "1"},
      {"clock_extension_total",
       steps({kIntake, with_expect(kAccept, R"({ "clocks": { "handling": { "extension_total": 30 } } })")}),
       "/scenarios/0/steps/1/expect/clocks/handling/extension_total", "30", "0"},
      {"outbox_none_expected", steps({kIntake, sweep_at_reminders + "] } }"}), "/scenarios/0/steps/1/expect/outbox",
       "(none)",
       R"({"case":"A","clock":"routing","kind":"remind","recipient":"dispatcher","recipient_kind":"staff","step":"remind"})"
       "\n"
       R"({"case":"A","clock":"notification","kind":"remind","recipient":"dispatcher","recipient_kind":"staff","step":"remind"})"},
      {"outbox_one_missing", steps({kIntake, sweep_at_reminders + R"({ "clock": "routing" }] } })"}),
       "/scenarios/0/steps/1/expect/outbox", R"({"clock":"routing"})",
       R"({"case":"A","clock":"routing","kind":"remind","recipient":"dispatcher","recipient_kind":"staff","step":"remind"})"
       "\n"
       R"({"case":"A","clock":"notification","kind":"remind","recipient":"dispatcher","recipient_kind":"staff","step":"remind"})"},
      {"outbox_other_recipient",
       steps({kIntake, sweep_at_reminders +
                           R"({ "clock": "routing", "recipient": "director" }, { "clock": "notification" }] } })"}),
       "/scenarios/0/steps/1/expect/outbox",
       "{\"clock\":\"routing\",\"recipient\":\"director\"}\n{\"clock\":\"notification\"}",
       R"({"case":"A","clock":"routing","kind":"remind","recipient":"dispatcher","recipient_kind":"staff","step":"remind"})"
       "\n"
       R"({"case":"A","clock":"notification","kind":"remind","recipient":"dispatcher","recipient_kind":"staff","step":"remind"})"},
      {"outbox_expected_but_none_written",
       steps({kIntake, with_expect(kAccept, R"({ "outbox": [{ "kind": "remind" }] })")}),
       "/scenarios/0/steps/1/expect/outbox", R"({"kind":"remind"})", "(none)"},
      {"error_but_the_command_succeeded", steps({kIntake, with_expect(kAccept, R"({ "error": "invalid_state" })")}),
       "/scenarios/0/steps/1/expect/error", "invalid_state", "the command succeeded"},
      {"error_but_the_intake_succeeded",
       steps({R"({ "actor": "registrar", "intake": {}, "as": "A", "expect": { "error": "forbidden" } })"}),
       "/scenarios/0/steps/0/expect/error", "forbidden", "the intake succeeded"},
      {"error_of_another_code",
       steps({kIntake, kAccept, std::string(kReplyWhileAccepted) + R"("expect": { "error": "forbidden" } })"}),
       "/scenarios/0/steps/2/expect/error", "forbidden",
       "invalid_state: command reply: not allowed in status accepted (allowed in: in_handling)"},
      {"error_contains",
       steps({kIntake, kAccept,
              std::string(kReplyWhileAccepted) +
                  R"("expect": { "error": "invalid_state", "error_contains": "status replied" } })"}),
       "/scenarios/0/steps/2/expect/error_contains", "status replied", kReplyRefusal},
  };
}

class FailingExpectation : public ::testing::TestWithParam<FailingCase> {};

TEST_P(FailingExpectation, FailsWithOneMismatchAtItsPath) {
  const FailingCase& c = GetParam();
  const ScenarioFileResult file = run(one_named(c.label, c.steps));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  ASSERT_NE(s.outcome, ScenarioOutcome::invalid) << s.error;
  EXPECT_EQ(s.outcome, ScenarioOutcome::failed);
  EXPECT_EQ(s.steps_run, s.steps);  // a mismatch does not stop the scenario
  EXPECT_EQ(s.error_code, ErrorCode::ok) << s.error;
  EXPECT_FALSE(file.passed());
  ASSERT_EQ(s.mismatches.size(), 1u);
  const ScenarioMismatch& m = s.mismatches[0];
  EXPECT_EQ(m.path, c.path);
  EXPECT_EQ(m.expected, c.expected);
  EXPECT_EQ(m.actual, c.actual);
  // The path names the failing step, counted from 0; the mismatch's step counts from 1.
  const std::string prefix = "/scenarios/0/steps/";
  ASSERT_EQ(m.path.rfind(prefix, 0), 0u);
  EXPECT_EQ(m.step, std::stoul(m.path.substr(prefix.size())) + 1);
}

INSTANTIATE_TEST_SUITE_P(Kinds, FailingExpectation, ::testing::ValuesIn(failing_cases()),
                         [](const ::testing::TestParamInfo<FailingCase>& info) {
                           return std::string(info.param.label);
                         });

TEST(ScenarioRun, TheRemindersOfASweepAreTheOutboxItExpects) {
  // Registered 2025-03-03 09:00: routing and notification end 2025-03-18 24:00, and both remind
  // the dispatcher 3 working days before, at the start of 2025-03-14.
  const ScenarioFileResult file = run(one_named("reminders", steps({kIntake, R"({
      "at": "2025-03-13 23:59", "sweep": true, "expect": { "outbox": [], "events": [], "escalation_level": 0 } })",
                                                                    R"({
      "at": "2025-03-14 00:00", "sweep": true, "expect": {
        "outbox": [
          { "kind": "remind", "recipient": "dispatcher", "recipient_kind": "staff", "case": "A", "clock": "routing",
            "step": "remind" },
          { "kind": "remind", "recipient": "dispatcher", "clock": "notification" }],
        "events": ["reminded", "reminded"] } })",
                                                                    R"({
      "at": "+1 hours", "sweep": true, "expect": { "outbox": [], "events": [] } })"})));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  for (const auto& m : s.mismatches) ADD_FAILURE() << m.path << ": " << m.expected << " / " << m.actual;
  EXPECT_EQ(s.outcome, ScenarioOutcome::passed) << s.error;
  EXPECT_EQ(s.expectations, 3u + 2 + 2);
}

// ---------------------------------------------------------------------------------------------
// A command that fails unexpectedly.

TEST(ScenarioRun, AnUnexpectedRefusalIsTheLastMismatchAndStopsTheScenario) {
  const std::string document = one_named(
      "reply too early",
      steps({R"({ "actor": "registrar", "intake": {}, "as": "A", "expect": { "status": "accepted" } })", kAccept,
             R"({ "at": "+1 hours", "actor": "handler", "command": "reply",
                      "args": { "outcome": "supported", "text": "x" }, "expect": { "status": "replied" } })",
             R"({ "at": "+1 hours", "actor": "registrar", "command": "note", "args": { "text": "n" },
                      "expect": { "status": "replied" } })"}));
  const ScenarioFileResult file = run(document);
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::failed);
  EXPECT_EQ(s.steps, 4u);
  EXPECT_EQ(s.steps_run, 3u);     // the failing step's index, from 1
  EXPECT_EQ(s.expectations, 1u);  // neither the failing step's expectation nor the next step's
  EXPECT_EQ(s.error_code, ErrorCode::invalid_state);
  EXPECT_EQ(s.error, std::string("step 3 failed: ") + kReplyRefusal);
  ASSERT_EQ(s.mismatches.size(), 2u);
  EXPECT_EQ(s.mismatches[0].path, "/scenarios/0/steps/0/expect/status");
  const ScenarioMismatch& last = s.mismatches.back();
  EXPECT_EQ(last.step, 3u);
  EXPECT_EQ(last.when, "2025-03-03 11:00");
  EXPECT_EQ(last.action, "reply A by handler");
  EXPECT_EQ(last.path, "/scenarios/0/steps/2");
  EXPECT_EQ(last.expected, "the step succeeds");
  EXPECT_EQ(last.actual, std::string("invalid_state: ") + kReplyRefusal);

  const Json json = s.to_json();
  EXPECT_EQ(json["outcome"], "failed");
  EXPECT_EQ(json["steps_run"], 3);
  EXPECT_EQ(json["error_code"], "invalid_state");
  EXPECT_EQ(json["mismatches"].size(), 2u);

  const std::string text = scenario_report_text({file});
  EXPECT_TRUE(contains(text,
                       "         step 3 (2025-03-03 11:00, reply A by handler) /scenarios/0/steps/2\n"
                       "           - the step succeeds\n"
                       "           + invalid_state: command reply: not allowed in status accepted"))
      << text;
  // The error is the last mismatch already: it is not written a second time.
  EXPECT_EQ(occurrences(text, "not allowed in status accepted"), 1u) << text;
}

TEST(ScenarioRun, AnUnexpectedRefusalOfTheRoleStopsAtTheFirstStep) {
  const ScenarioFileResult file =
      run(one_named("a handler cannot register", steps({R"({ "actor": "handler", "intake": {} })", kAccept})));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::failed);
  EXPECT_EQ(s.steps_run, 1u);
  EXPECT_EQ(s.error_code, ErrorCode::forbidden);
  ASSERT_EQ(s.mismatches.size(), 1u);
  EXPECT_EQ(s.mismatches[0].action, "intake case 1 by handler");
  EXPECT_EQ(s.mismatches[0].path, "/scenarios/0/steps/0");
  EXPECT_EQ(s.mismatches[0].actual.rfind("forbidden: ", 0), 0u) << s.mismatches[0].actual;
}

// ---------------------------------------------------------------------------------------------
// Reports.

// A suite of three: one passes, one fails, one is invalid.
std::string mixed_suite(const std::string& failing_name, const std::string& invalid_key) {
  Json invalid_step = Json::parse(kIntake);
  invalid_step[invalid_key] = 1;
  return suite(
      Json::array({{{"name", "passes"},
                    {"steps", Json::parse(steps({kIntake, with_expect(kAccept, R"({"status": "accepted"})")}))}},
                   {{"name", failing_name},
                    {"steps", Json::parse(steps({kIntake, with_expect(kAccept, R"({"status": "in_handling"})")}))}},
                   {{"name", "invalid"}, {"steps", Json::array({invalid_step})}}}));
}

TEST(ScenarioReport, JsonCountsMatchTheResults) {
  const ScenarioFileResult mixed = run_scenarios(mixed_suite("fails", "bogus"), "mixed.json");
  const ScenarioFileResult unreadable = run_scenarios("[1]", "array.json");
  const Json report = scenario_report_json({mixed, unreadable});
  EXPECT_EQ(report["passed"], false);
  EXPECT_EQ(report["scenarios"], 3);
  EXPECT_EQ(report["failed"], 1);
  EXPECT_EQ(report["invalid"], 1);
  ASSERT_EQ(report["files"].size(), 2u);
  const Json& first = report["files"][0];
  EXPECT_EQ(first["file"], "mixed.json");
  EXPECT_EQ(first["passed"], false);
  EXPECT_FALSE(first.contains("error_code"));
  ASSERT_EQ(first["scenarios"].size(), 3u);
  EXPECT_EQ(first["scenarios"][0]["outcome"], "passed");
  EXPECT_EQ(first["scenarios"][0]["expectations"], 1);
  EXPECT_FALSE(first["scenarios"][0].contains("error"));
  EXPECT_EQ(first["scenarios"][1]["outcome"], "failed");
  EXPECT_EQ(first["scenarios"][1]["mismatches"][0]["path"], "/scenarios/1/steps/1/expect/status");
  EXPECT_EQ(first["scenarios"][1]["mismatches"][0]["expected"], "\"in_handling\"");
  EXPECT_EQ(first["scenarios"][2]["outcome"], "invalid");
  EXPECT_EQ(first["scenarios"][2]["steps_run"], 0);
  EXPECT_EQ(first["scenarios"][2]["error_code"], "invalid_data");
  const Json& second = report["files"][1];
  EXPECT_EQ(second["file"], "array.json");
  EXPECT_EQ(second["passed"], false);
  EXPECT_EQ(second["error_code"], "invalid_data");
  EXPECT_TRUE(second["scenarios"].empty());

  const ScenarioFileResult good = run(one_named("good", steps({kIntake, kAccept})));
  const Json passing = scenario_report_json({good, good});
  EXPECT_EQ(passing["passed"], true);
  EXPECT_EQ(passing["scenarios"], 2);
  EXPECT_EQ(passing["failed"], 0);
  EXPECT_EQ(passing["invalid"], 0);
  // A file that cannot be read is counted as not passing even with no scenario in it.
  EXPECT_EQ(scenario_report_json({good, unreadable})["passed"], false);
}

TEST(ScenarioReport, TextHasALinePerScenarioAndTheTotals) {
  const ScenarioFileResult mixed = run_scenarios(mixed_suite("fails", "bogus"), "mixed.json");
  const ScenarioFileResult unreadable = run_scenarios("[1]", "array.json");
  const std::string text = scenario_report_text({mixed, unreadable});
  EXPECT_TRUE(contains(text, "PASS     mixed.json: passes (2 steps, 1 expectations)\n")) << text;
  EXPECT_TRUE(contains(text,
                       "FAIL     mixed.json: fails\n"
                       "         step 2 (2025-03-03 10:00, accept A by dispatcher) "
                       "/scenarios/1/steps/1/expect/status\n"
                       "           - \"in_handling\"\n"
                       "           + \"accepted\"\n"))
      << text;
  EXPECT_TRUE(contains(text,
                       "INVALID  mixed.json: invalid: invalid_data: scenario /scenarios/2/steps/0/bogus: "
                       "unknown key"))
      << text;
  EXPECT_TRUE(contains(text, "INVALID  array.json: invalid_data: scenario /: must be an object")) << text;
  const std::string totals = "3 scenarios: 1 passed, 1 failed, 1 invalid; 1 file unreadable\n";
  ASSERT_GE(text.size(), totals.size());
  EXPECT_EQ(text.substr(text.size() - totals.size()), totals) << text;
}

TEST(ScenarioReport, JUnitCountsEscapesAndPutsTheDiffInFailureAndTheReasonInError) {
  const std::string name = "a < b & \"c\" > 'd'";
  const std::string key = "<'k'&\"v\">";
  const ScenarioFileResult mixed = run_scenarios(mixed_suite(name, key), "mixed.json");
  ASSERT_EQ(mixed.scenarios.size(), 3u) << mixed.error;
  ASSERT_EQ(mixed.scenarios[1].name, name);
  ASSERT_EQ(mixed.scenarios[2].outcome, ScenarioOutcome::invalid);
  ASSERT_TRUE(contains(mixed.scenarios[2].error, key)) << mixed.scenarios[2].error;
  const ScenarioFileResult unreadable = run_scenarios("[1]", "array.json");
  const std::string xml = scenario_report_junit({mixed, unreadable});

  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u) << xml;
  EXPECT_TRUE(contains(xml, "<testsuites name=\"xinfang policy test\" tests=\"4\" failures=\"1\" errors=\"2\">"))
      << xml;
  EXPECT_TRUE(contains(xml, "<testsuite name=\"mixed.json\" tests=\"3\" failures=\"1\" errors=\"1\">")) << xml;
  EXPECT_TRUE(contains(xml, "<testsuite name=\"array.json\" tests=\"1\" failures=\"0\" errors=\"1\">")) << xml;
  EXPECT_EQ(occurrences(xml, "<testcase "), 4u) << xml;
  EXPECT_EQ(occurrences(xml, "<failure "), 1u) << xml;
  EXPECT_EQ(occurrences(xml, "<error "), 2u) << xml;
  EXPECT_TRUE(contains(xml, "<testcase classname=\"mixed.json\" name=\"passes\"/>")) << xml;

  // The name, escaped in its attribute.
  EXPECT_TRUE(contains(xml, "name=\"a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;\">")) << xml;
  EXPECT_FALSE(contains(xml, name)) << xml;
  // The failure's diff, escaped, in the failure element.
  const auto failure = xml.find("<failure type=\"mismatch\" message=\"1 expectation did not hold\">");
  ASSERT_NE(failure, std::string::npos) << xml;
  const auto failure_end = xml.find("</failure>", failure);
  ASSERT_NE(failure_end, std::string::npos) << xml;
  const std::string diff = xml.substr(failure, failure_end - failure);
  EXPECT_TRUE(contains(diff,
                       "step 2 (2025-03-03 10:00, accept A by dispatcher) /scenarios/1/steps/1/expect/status\n"
                       "  - &quot;in_handling&quot;\n"
                       "  + &quot;accepted&quot;\n"))
      << diff;
  // The invalid scenario's reason, escaped, in the error element; the message quotes the key.
  EXPECT_TRUE(contains(xml,
                       "<error type=\"invalid_data\" message=\"scenario /scenarios/2/steps/0/"
                       "&lt;&apos;k&apos;&amp;&quot;v&quot;&gt;: unknown key"))
      << xml;
  EXPECT_FALSE(contains(xml, key)) << xml;
  EXPECT_TRUE(contains(xml,
                       "<testcase classname=\"array.json\" name=\"(file)\">\n"
                       "      <error type=\"invalid_data\" message=\"scenario /: must be an object"))
      << xml;
  EXPECT_EQ(xml.substr(xml.size() - 29), "  </testsuite>\n</testsuites>\n");
}

TEST(ScenarioReport, AMessageQuotingTheFileStaysOnOneLine) {
  Json step = Json::parse(kIntake);
  step["bad\nkey"] = true;
  const ScenarioFileResult file = run(suite(Json::array({{{"name", "newline"}, {"steps", Json::array({step})}}})));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(s.error.find('\n'), std::string::npos) << s.error;
  EXPECT_TRUE(contains(s.error, "scenario /scenarios/0/steps/0/bad\\nkey: unknown key")) << s.error;
  const std::string text = scenario_report_text({file});
  EXPECT_EQ(occurrences(text, "\n"), 2u) << text;  // the scenario's line and the totals
  const std::string xml = scenario_report_junit({file});
  const auto error = xml.find("<error ");
  ASSERT_NE(error, std::string::npos) << xml;
  EXPECT_EQ(xml.find('\n', error), xml.find("/>\n", error) + 2) << xml;

  // A scenario's name with a line break is written on its line of the text report.
  const ScenarioFileResult named = run(one_named("two\nlines", steps({kIntake})));
  ASSERT_EQ(named.scenarios.size(), 1u) << named.error;
  EXPECT_EQ(named.scenarios[0].outcome, ScenarioOutcome::passed) << named.scenarios[0].error;
  EXPECT_EQ(scenario_report_text({named}),
            "PASS     t.json: two\\nlines (1 steps, 0 expectations)\n1 scenario: 1 passed, 0 failed, 0 invalid\n");
}

// ---------------------------------------------------------------------------------------------
// Determinism.

TEST(ScenarioRun, RunningTheSameFileTwiceGivesTheSameReport) {
  const std::string document = mixed_suite("fails", "bogus");
  const Json first = scenario_report_json({run_scenarios(document, "mixed.json")});
  const Json second = scenario_report_json({run_scenarios(document, "mixed.json")});
  EXPECT_EQ(first.dump(), second.dump());
  const std::string preset = suite(Json::parse(kHandlingScenarios));
  EXPECT_EQ(scenario_report_json({run_scenarios(preset, "handling.json")}).dump(),
            scenario_report_json({run_scenarios(preset, "handling.json")}).dump());
  EXPECT_EQ(scenario_report_junit({run_scenarios(document, "mixed.json")}),
            scenario_report_junit({run_scenarios(document, "mixed.json")}));
}

}  // namespace
}  // namespace xinfang
