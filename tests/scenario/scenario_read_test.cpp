// Reading scenario files (src/scenario/scenario_read*.cpp, scenario_reader.cpp): a scenario that
// names what its policy lacks, misspells a key or a name, or goes back in time is invalid and
// runs nothing, with the error code and the JSON path; a file that is not JSON, not UTF-8 or not
// a scenario is reported as a whole; and the forms of a time mean the instants
// docs/policy-testing.md says.
#include <stdlib.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenario_test_util.hpp"
#include "xinfang/scenario.hpp"

namespace xinfang {
namespace {

using scenario_test::contains;
using scenario_test::kAccept;
using scenario_test::kDefaults;
using scenario_test::kIntake;
using scenario_test::kRoute;
using scenario_test::run;
using scenario_test::suite;

Json scenario(const std::string& name, const std::vector<std::string>& steps) {
  Json list = Json::array();
  for (const auto& step : steps) list.push_back(Json::parse(step));
  return {{"name", name}, {"steps", list}};
}

// A suite of one scenario with @p steps, @p top's keys replacing the defaults.
std::string one(const std::vector<std::string>& steps, const Json& top = Json::object()) {
  return suite(Json::array({scenario("the scenario", steps)}), top);
}

// A step of kAccept's kind with an "expect".
std::string accept_expecting(const std::string& expect) {
  Json json = Json::parse(kAccept);
  json["expect"] = Json::parse(expect);
  return json.dump();
}

// ---------------------------------------------------------------------------------------------
// Validation before running.

struct InvalidCase {
  const char* label;
  std::string document;
  ErrorCode code;
  std::string path;  // where the error is ("scenario PATH: ...")
  std::string says;  // a part of the message
  std::size_t steps;
};

std::ostream& operator<<(std::ostream& out, const InvalidCase& c) {
  return out << c.label;
}

std::vector<InvalidCase> invalid_cases() {
  Json staff = Json::parse(kDefaults)["staff"];
  staff[2]["unit"] = "nowhere";
  Json step_with_unknown_key = Json::parse(kAccept);
  step_with_unknown_key["atx"] = "+1 hours";
  return {
      {"staff_in_a_unit_the_policy_lacks", one({kIntake}, {{"staff", staff}}), ErrorCode::not_found, "/staff/2/unit",
       "'nowhere' is not a unit of this policy", 1},
      {"staff_in_a_role_the_policy_lacks",
       one({kIntake},
           {{"staff", Json::parse(R"([{ "id": "registrar", "unit": "petition_office", "roles": ["clerk"] }])")}}),
       ErrorCode::not_found, "/staff/0/roles/0", "'clerk' is not a role of this policy", 1},
      {"argument_naming_a_missing_unit",
       one({kIntake, kAccept,
            R"({ "at": "+1 hours", "actor": "dispatcher", "command": "route",
                 "args": { "unit": "nowhere", "handler": "handler" } })"}),
       ErrorCode::not_found, "/scenarios/0/steps/2/args/unit", "'nowhere' is not a unit of this policy", 3},
      {"assign_to_a_missing_unit",
       one({kIntake, R"({ "actor": "dispatcher", "command": "assign", "args": { "unit": "nowhere" } })"}),
       ErrorCode::not_found, "/scenarios/0/steps/1/args/unit", "'nowhere'", 2},
      {"argument_naming_a_handler_not_in_the_staff",
       one({kIntake, kAccept,
            R"({ "at": "+1 hours", "actor": "dispatcher", "command": "route",
                 "args": { "unit": "social_assistance", "handler": "nobody" } })"}),
       ErrorCode::not_found, "/scenarios/0/steps/2/args/handler", "'nobody' is not in the staff", 3},
      {"leader_not_in_the_staff",
       one({kIntake, R"({ "actor": "director", "command": "take_ownership", "args": { "leader": "nobody" } })"}),
       ErrorCode::not_found, "/scenarios/0/steps/1/args/leader", "'nobody' is not in the staff", 2},
      {"merge_into_a_case_never_defined",
       one({kIntake, R"({ "actor": "dispatcher", "command": "merge", "args": { "into": "B" } })"}),
       ErrorCode::not_found, "/scenarios/0/steps/1/args/into", "'B' is not a case of this scenario", 2},
      {"intake_naming_a_missing_category", one({R"({ "actor": "registrar", "intake": { "category": "weather" } })"}),
       ErrorCode::not_found, "/scenarios/0/steps/0/intake/category", "'weather' is not a category of this policy", 1},
      {"actor_not_in_the_staff", one({kIntake, R"({ "actor": "stranger", "command": "accept" })"}),
       ErrorCode::not_found, "/scenarios/0/steps/1/actor", "'stranger' is not in the scenario's staff", 2},
      {"case_never_defined", one({kIntake, R"({ "actor": "dispatcher", "command": "accept", "case": "B" })"}),
       ErrorCode::not_found, "/scenarios/0/steps/1/case", "'B' is not a case of this scenario", 2},
      {"command_before_any_intake", one({R"({ "actor": "dispatcher", "command": "accept" })"}), ErrorCode::invalid_data,
       "/scenarios/0/steps/0/case", "no case has been taken in yet", 1},
      {"unknown_command", one({kIntake, R"({ "actor": "dispatcher", "command": "acept" })"}), ErrorCode::invalid_data,
       "/scenarios/0/steps/1/command", "'acept' is not a command", 2},
      {"unknown_key_in_an_expectation", one({kIntake, accept_expecting(R"({ "statu": "accepted" })")}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1/expect/statu", "unknown key", 2},
      {"unknown_key_in_a_clock_expectation",
       one({kIntake, accept_expecting(R"({ "clocks": { "handling": { "deadlin": "2025-05-06 24:00" } } })")}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1/expect/clocks/handling/deadlin", "unknown key", 2},
      {"unknown_key_in_a_step", one({kIntake, step_with_unknown_key.dump()}), ErrorCode::invalid_data,
       "/scenarios/0/steps/1/atx", "unknown key", 2},
      {"unknown_key_in_a_scenario",
       suite(Json::array({{{"name", "the scenario"}, {"stepz", 1}, {"steps", Json::array({Json::parse(kIntake)})}}})),
       ErrorCode::invalid_data, "/scenarios/0/stepz", "unknown key", 1},
      {"clock_the_policy_lacks",
       one({kIntake, accept_expecting(R"({ "clocks": { "handlin": { "status": "running" } } })")}),
       ErrorCode::not_found, "/scenarios/0/steps/1/expect/clocks/handlin", "'handlin' is not a clock of this policy",
       2},
      {"unknown_status", one({kIntake, accept_expecting(R"({ "status": "done" })")}), ErrorCode::invalid_data,
       "/scenarios/0/steps/1/expect/status", "'done' is not a case status", 2},
      {"unknown_clock_status",
       one({kIntake, accept_expecting(R"({ "clocks": { "handling": { "status": "late" } } })")}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1/expect/clocks/handling/status", "'late' is not a clock status",
       2},
      {"unknown_event_type", one({kIntake, accept_expecting(R"({ "events": ["accepted", "acepted"] })")}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1/expect/events/1", "'acepted' is not an event type", 2},
      {"unknown_error_code", one({kIntake, accept_expecting(R"({ "error": "refused" })")}), ErrorCode::invalid_data,
       "/scenarios/0/steps/1/expect/error", "'refused' is not an error code", 2},
      {"unknown_outbox_kind", one({kIntake, accept_expecting(R"({ "outbox": [{ "kind": "email" }] })")}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1/expect/outbox/0/kind", "'email' is not an escalation action", 2},
      {"step_earlier_than_the_step_before",
       one({kIntake, kAccept, R"({ "at": "2025-03-03 09:30", "actor": "dispatcher", "command": "mark_key" })"}),
       ErrorCode::invalid_data, "/scenarios/0/steps/2/at", "is before the step before it (2025-03-03 10:00)", 3},
      {"step_earlier_than_the_start", one({R"({ "at": "2025-03-03 08:59", "actor": "registrar", "intake": {} })"}),
       ErrorCode::invalid_data, "/scenarios/0/steps/0/at", "is before the step before it (2025-03-03 09:00)", 1},
      {"impossible_date", one({kIntake, R"({ "at": "2025-02-30 10:00", "actor": "dispatcher", "command": "accept" })"}),
       ErrorCode::invalid_argument, "/scenarios/0/steps/1/at", "'2025-02-30 10:00' is not a real date", 2},
      {"impossible_start", one({kIntake}, {{"start", "2025-02-30"}}), ErrorCode::invalid_argument, "/start",
       "'2025-02-30' is not a real date", 1},
      {"impossible_time_of_day", one({kIntake, R"({ "at": "2025-03-03 24:30" })"}), ErrorCode::invalid_argument,
       "/scenarios/0/steps/1/at", "'2025-03-03 24:30' is not a real time of day", 2},
      {"bad_time_text", one({kIntake, R"({ "at": "2025-03-03 9:00" })"}), ErrorCode::invalid_data,
       "/scenarios/0/steps/1/at", "must be a time", 2},
      {"bad_zone", one({kIntake, R"({ "at": "2025-03-04 09:00 CST" })"}), ErrorCode::invalid_data,
       "/scenarios/0/steps/1/at", "must be a time", 2},
      {"fortnights", one({kIntake, R"({ "at": "+3 fortnights" })"}), ErrorCode::invalid_data, "/scenarios/0/steps/1/at",
       "must be a time", 2},
      {"bad_deadline_text", one({kIntake, accept_expecting(R"({ "clocks": { "handling": { "deadline": "soon" } } })")}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1/expect/clocks/handling/deadline", "must be a time", 2},
      {"error_on_a_sweep", one({kIntake, R"({ "sweep": true, "expect": { "error": "invalid_state" } })"}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1/expect/error", "only an intake or a command can fail", 2},
      {"error_contains_without_error", one({kIntake, accept_expecting(R"({ "error_contains": "x" })")}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1/expect/error_contains", "goes with \"error\"", 2},
      {"two_things_in_a_step", one({kIntake, R"({ "actor": "dispatcher", "command": "accept", "sweep": true })"}),
       ErrorCode::invalid_data, "/scenarios/0/steps/1", "does one thing", 2},
      {"policy_preset_that_does_not_exist", one({kIntake}, {{"policy", "cn-national-2099"}}), ErrorCode::not_found,
       "/policy", "cn-national-2099", 1},
      {"policy_file_without_a_base_directory", one({kIntake}, {{"policy", {{"file", "district.json"}}}}),
       ErrorCode::invalid_argument, "/policy/file", "no base directory was given", 1},
      {"calendar_that_is_not_built_in", one({kIntake}, {{"calendar", "cn-shanghai"}}), ErrorCode::not_found,
       "/calendar", "the built-in calendar is 'cn-national'", 1},
      {"no_steps", suite(Json::array({{{"name", "x"}, {"steps", Json::array()}}})), ErrorCode::invalid_data,
       "/scenarios/0/steps", "must be a non-empty array", 0},
  };
}

class InvalidScenario : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidScenario, IsRefusedBeforeRunningWithCodeAndPath) {
  const InvalidCase& c = GetParam();
  ScenarioFileResult file;
  ASSERT_NO_THROW(file = run(c.document));
  EXPECT_EQ(file.error_code, ErrorCode::ok) << file.error;
  EXPECT_FALSE(file.passed());
  ASSERT_EQ(file.scenarios.size(), 1u);
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(s.steps, c.steps);
  EXPECT_EQ(s.steps_run, 0u);
  EXPECT_EQ(s.expectations, 0u);
  EXPECT_TRUE(s.mismatches.empty());
  EXPECT_EQ(s.error_code, c.code) << error_code_name(s.error_code) << ": " << s.error;
  EXPECT_EQ(s.error.rfind("scenario " + c.path + ": ", 0), 0u) << s.error;
  EXPECT_TRUE(contains(s.error, c.says)) << s.error;
  // The text report names the scenario, the code and the reason.
  const std::string text = scenario_report_text({file});
  EXPECT_TRUE(contains(text, std::string("INVALID  t.json: ") + s.name + ": " + error_code_name(c.code) + ": " +
                                 "scenario " + c.path + ": "))
      << text;
  EXPECT_TRUE(contains(text, "1 scenario: 0 passed, 0 failed, 1 invalid\n")) << text;
}

INSTANTIATE_TEST_SUITE_P(Cases, InvalidScenario, ::testing::ValuesIn(invalid_cases()),
                         [](const ::testing::TestParamInfo<InvalidCase>& info) {
                           return std::string(info.param.label);
                         });

TEST(ScenarioRead, AnInvalidScenarioKeepsItsName) {
  // A name given is reported even when the scenario is refused for something else.
  const ScenarioFileResult file =
      run(suite(Json::array({scenario("named", {kIntake, accept_expecting(R"({"statu": "x"})")})})));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  EXPECT_EQ(file.scenarios[0].outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(file.scenarios[0].name, "named");
}

TEST(ScenarioRead, AnUnknownKeyAtTheTopOfASuiteMakesEachScenarioInvalid) {
  const ScenarioFileResult file =
      run(suite(Json::array({scenario("first", {kIntake}), scenario("second", {kIntake, kAccept})}),
                {{"polcy", "cn-national-2022"}}));
  ASSERT_EQ(file.scenarios.size(), 2u) << file.error;
  EXPECT_EQ(file.error_code, ErrorCode::ok);
  for (const ScenarioResult& s : file.scenarios) {
    EXPECT_EQ(s.outcome, ScenarioOutcome::invalid);
    EXPECT_EQ(s.steps_run, 0u);
    EXPECT_EQ(s.error_code, ErrorCode::invalid_data);
    EXPECT_EQ(s.error.rfind("scenario /polcy: unknown key (", 0), 0u) << s.error;
  }
}

// The report says which scenario is invalid even when the fault is in the suite's defaults.
TEST(ScenarioRead, AnInvalidScenarioKeepsItsNameAndStepsWhenTheSuiteHasAnUnknownKey) {
  const ScenarioFileResult file = run(one({kIntake}, {{"polcy", "cn-national-2022"}}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  EXPECT_EQ(file.scenarios[0].outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(file.scenarios[0].name, "the scenario");
  EXPECT_EQ(file.scenarios[0].steps, 1u);
}

// A value of the wrong type is reported at its own path, the key once.
TEST(ScenarioRead, AWrongTypeOfNameStartOrSeedHasTheKeysPath) {
  const auto error_of = [](const std::string& document) {
    const ScenarioFileResult file = run(document);
    return file.scenarios.size() == 1 ? file.scenarios[0].error : "(" + file.error + ")";
  };
  const Json intake = Json::array({Json::parse(kIntake)});
  EXPECT_EQ(error_of(suite(Json::array({{{"name", "x"}, {"start", 1}, {"steps", intake}}}))),
            "scenario /scenarios/0/start: must be a string");
  EXPECT_EQ(error_of(suite(Json::array({{{"name", 5}, {"steps", intake}}}))),
            "scenario /scenarios/0/name: must be a string");
  EXPECT_EQ(error_of(one({kIntake}, {{"seed", -1}})).rfind("scenario /seed: must be from 0 to ", 0), 0u)
      << error_of(one({kIntake}, {{"seed", -1}}));
}

// A key a scenario of a suite lacks is reported at the scenario, not at the suite's top.
TEST(ScenarioRead, AScenarioOfASuiteWithoutANameIsReportedAtItsOwnPath) {
  const ScenarioFileResult file = run(suite(Json::array({{{"steps", Json::array({Json::parse(kIntake)})}}})));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(s.error_code, ErrorCode::invalid_data);
  EXPECT_EQ(s.error.rfind("scenario /scenarios/0/name: is required", 0), 0u) << s.error;
  EXPECT_EQ(s.steps, 1u);
}

TEST(ScenarioRead, AScenarioOfASuiteWithoutANameIsInvalid) {
  const ScenarioFileResult file = run(suite(Json::array({{{"steps", Json::array({Json::parse(kIntake)})}}})));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(s.steps_run, 0u);
  EXPECT_EQ(s.error_code, ErrorCode::invalid_data);
  EXPECT_TRUE(contains(s.error, "name: is required")) << s.error;
}

TEST(ScenarioRead, AnIdTheStepExpectsRefusedIsNotInvalid) {
  // "Unless the step expects an error, the ids ... must exist": the engine's own not_found is
  // then what the step expects.
  const ScenarioFileResult file =
      run(one({kIntake, R"({ "at": "+1 hours", "actor": "dispatcher", "command": "assign",
                                                          "args": { "unit": "nowhere" },
                                                          "expect": { "error": "not_found", "error_contains": "nowhere" } })",
               R"({ "actor": "dispatcher", "command": "accept", "expect": { "status": "accepted" } })"}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  for (const auto& m : s.mismatches) ADD_FAILURE() << m.path << ": " << m.expected << " / " << m.actual;
  EXPECT_EQ(s.outcome, ScenarioOutcome::passed) << s.error;
  EXPECT_EQ(s.steps_run, 3u);
  EXPECT_EQ(s.expectations, 3u);
}

TEST(ScenarioRead, TwoScenariosOfOneNameMakeTheSecondInvalid) {
  const ScenarioFileResult file =
      run(suite(Json::array({scenario("same", {kIntake, kAccept}), scenario("same", {kIntake})})));
  ASSERT_EQ(file.scenarios.size(), 2u) << file.error;
  EXPECT_EQ(file.scenarios[0].outcome, ScenarioOutcome::passed) << file.scenarios[0].error;
  EXPECT_EQ(file.scenarios[0].steps_run, 2u);
  const ScenarioResult& second = file.scenarios[1];
  EXPECT_EQ(second.outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(second.name, "same");
  EXPECT_EQ(second.steps_run, 0u);
  EXPECT_EQ(second.error_code, ErrorCode::invalid_data);
  EXPECT_EQ(second.error, "scenario /scenarios/1/name: 'same' names another scenario of the file");
  EXPECT_FALSE(file.passed());
}

TEST(ScenarioRead, AnInvalidScenarioDoesNotStopTheOthers) {
  const ScenarioFileResult file =
      run(suite(Json::array({scenario("invalid", {kIntake, R"({ "actor": "stranger", "command": "accept" })"}),
                             scenario("valid", {kIntake, accept_expecting(R"({ "status": "accepted" })"), kRoute})})));
  ASSERT_EQ(file.scenarios.size(), 2u) << file.error;
  EXPECT_EQ(file.scenarios[0].outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(file.scenarios[0].steps_run, 0u);
  const ScenarioResult& valid = file.scenarios[1];
  EXPECT_EQ(valid.name, "valid");
  EXPECT_EQ(valid.outcome, ScenarioOutcome::passed) << valid.error;
  EXPECT_EQ(valid.steps_run, 3u);
  EXPECT_EQ(valid.expectations, 1u);
  EXPECT_FALSE(file.passed());
  const std::string text = scenario_report_text({file});
  EXPECT_TRUE(contains(text, "PASS     t.json: valid (3 steps, 1 expectations)\n")) << text;
  EXPECT_TRUE(contains(text, "2 scenarios: 1 passed, 0 failed, 1 invalid\n")) << text;
}

TEST(ScenarioRead, AFileThatIsOneScenarioHasPathsFromTheTop) {
  Json doc = Json::parse(kDefaults);
  doc["name"] = "alone";
  doc["steps"] = Json::array({Json::parse(kIntake), Json::parse(accept_expecting(R"({ "status": "in_handling" })"))});
  const ScenarioFileResult failing = run(doc.dump());
  ASSERT_EQ(failing.scenarios.size(), 1u) << failing.error;
  ASSERT_EQ(failing.scenarios[0].mismatches.size(), 1u);
  EXPECT_EQ(failing.scenarios[0].mismatches[0].path, "/steps/1/expect/status");
  doc["steps"][1]["expect"] = {{"statu", "accepted"}};
  const ScenarioFileResult invalid = run(doc.dump());
  ASSERT_EQ(invalid.scenarios.size(), 1u) << invalid.error;
  EXPECT_EQ(invalid.scenarios[0].error.rfind("scenario /steps/1/expect/statu: unknown key", 0), 0u)
      << invalid.scenarios[0].error;
}

// ---------------------------------------------------------------------------------------------
// Policy files.

class PolicyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "xinfang-scenario-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override {
    if (directory_.empty()) return;
    for (const auto& file : written_) unlink(file.c_str());
    rmdir(directory_.c_str());
  }
  void write(const std::string& name, const std::string& text) {
    const std::string path = directory_ + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << text;
    ASSERT_TRUE(out.good());
    written_.push_back(path);
  }
  std::string directory_;
  std::vector<std::string> written_;
};

// docs/policy-testing.md's first scenario: 30 days instead of 60.
const char* const kDistrict =
    R"({ "extends": "cn-national-2022", "name": "district", "version": "1",
         // the district handles claims in 30 days
         "clocks": { "handling": { "limit": 30 } } })";
const char* const kThirtyDays =
    R"({ "at": "+1 hours", "actor": "dispatcher", "command": "accept",
         "expect": { "clocks": { "handling": { "deadline": "2025-04-02 24:00", "status": "running" } } } })";

TEST_F(PolicyFile, IsReadRelativeToTheBaseDirectory) {
  write("district.json", kDistrict);
  const std::string document =
      one({kIntake, kThirtyDays,
           R"({ "at": "2025-04-02 23:59", "expect": { "clocks": { "handling": { "status": "running" } } } })",
           R"({ "at": "2025-04-03 00:01", "expect": { "clocks": { "handling": { "status": "breached" } } } })"},
          {{"policy", {{"file", "district.json"}}}});
  ScenarioOptions options;
  options.base_directory = directory_;
  const ScenarioFileResult file = run(document, options);
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  for (const auto& m : s.mismatches) ADD_FAILURE() << m.path << ": " << m.expected << " / " << m.actual;
  EXPECT_EQ(s.outcome, ScenarioOutcome::passed) << s.error;
  EXPECT_EQ(s.expectations, 4u);
  // The preset itself would not have passed: the file was read.
  const ScenarioFileResult preset = run(one({kIntake, kThirtyDays}));
  ASSERT_EQ(preset.scenarios.size(), 1u) << preset.error;
  EXPECT_EQ(preset.scenarios[0].outcome, ScenarioOutcome::failed);
}

// docs/policy-testing.md's first scenario, as written there, passes with the report shown there.
TEST_F(PolicyFile, TheDocsFirstScenarioPasses) {
  write("district.json", kDistrict);
  write("district.scenarios.json", R"(// district.scenarios.json: our district handles claims in 30 days instead of 60.
{
  "policy": { "file": "district.json" },
  "start": "2025-03-03 09:00",
  "staff": [
    { "id": "registrar", "unit": "petition_office", "roles": ["registrar"] },
    { "id": "dispatcher", "unit": "petition_office", "roles": ["dispatcher"] },
    { "id": "handler", "unit": "social_assistance", "roles": ["handler"] }
  ],
  "petition": {
    "channel": "letter", "type": "claim", "sub_route": "petition_handling",
    "category": "social_assistance", "subject": "最低生活保障金停发", "content": "",
    "petitioners": [{ "name": "李某" }]
  },
  "scenarios": [
    {
      "name": "30 days from acceptance on 2025-03-03 end on 2025-04-02",
      "steps": [
        { "actor": "registrar", "intake": {}, "as": "A" },
        { "at": "+1 hours", "actor": "dispatcher", "command": "accept",
          "expect": { "clocks": { "handling": { "deadline": "2025-04-02 24:00", "status": "running" } } } },
        { "at": "2025-04-03 00:01", "expect": { "clocks": { "handling": { "status": "breached" } } } }
      ]
    }
  ]
})");
  std::ifstream in(directory_ + "/district.scenarios.json", std::ios::binary);
  const std::string document((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ScenarioOptions options;
  options.base_directory = directory_;
  const ScenarioFileResult file = run_scenarios(document, "district.scenarios.json", options);
  EXPECT_EQ(scenario_report_text({file}),
            "PASS     district.scenarios.json: 30 days from acceptance on 2025-03-03 end on 2025-04-02 "
            "(3 steps, 3 expectations)\n1 scenario: 1 passed, 0 failed, 0 invalid\n");
}

TEST_F(PolicyFile, MissingInTheBaseDirectoryIsNotFound) {
  ScenarioOptions options;
  options.base_directory = directory_;
  const ScenarioFileResult file = run(one({kIntake}, {{"policy", {{"file", "district.json"}}}}), options);
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(s.steps_run, 0u);
  EXPECT_EQ(s.error_code, ErrorCode::not_found) << s.error;
  EXPECT_EQ(s.error.rfind("scenario /policy/file: ", 0), 0u) << s.error;
  EXPECT_TRUE(contains(s.error, "district.json")) << s.error;
}

TEST_F(PolicyFile, ThatDoesNotLoadIsInvalidWithThePolicysCode) {
  write("broken.json", R"({ "extends": "cn-national-2022", "name": "b", "version": "1",
                            "clocks": { "handling": { "unit": "fortnights" } } })");
  ScenarioOptions options;
  options.base_directory = directory_;
  const ScenarioFileResult file = run(one({kIntake}, {{"policy", {{"file", "broken.json"}}}}), options);
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  EXPECT_EQ(s.outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(s.error_code, ErrorCode::invalid_data) << s.error;
  EXPECT_EQ(s.error.rfind("scenario /policy: ", 0), 0u) << s.error;
  EXPECT_TRUE(contains(s.error, "/clocks/handling/unit")) << s.error;
}

TEST(ScenarioRead, AnInlinePolicyIsUsed) {
  const ScenarioFileResult file = run(one(
      {kIntake, kThirtyDays}, {{"policy", Json::parse(R"({ "extends": "cn-national-2022", "name": "d", "version": "1",
                                   "clocks": { "handling": { "limit": 30 } } })")}}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  EXPECT_EQ(file.scenarios[0].outcome, ScenarioOutcome::passed) << file.scenarios[0].error;
}

// ---------------------------------------------------------------------------------------------
// Whole-file errors.

struct FileErrorCase {
  const char* label;
  std::string document;
  ErrorCode code;
  std::string says;
};

std::ostream& operator<<(std::ostream& out, const FileErrorCase& c) {
  return out << c.label;
}

class FileError : public ::testing::TestWithParam<FileErrorCase> {};

TEST_P(FileError, IsReportedForTheWholeFile) {
  const FileErrorCase& c = GetParam();
  ScenarioFileResult file;
  ASSERT_NO_THROW(file = run_scenarios(c.document, "bad.json"));
  EXPECT_EQ(file.source, "bad.json");
  EXPECT_EQ(file.error_code, c.code) << error_code_name(file.error_code) << ": " << file.error;
  EXPECT_TRUE(contains(file.error, c.says)) << file.error;
  EXPECT_EQ(file.error.find('\n'), std::string::npos) << file.error;
  EXPECT_TRUE(file.scenarios.empty());
  EXPECT_FALSE(file.passed());
  const Json json = file.to_json();
  EXPECT_EQ(json["passed"], false);
  EXPECT_EQ(json["error_code"], error_code_name(c.code));
  const std::string text = scenario_report_text({file});
  EXPECT_EQ(text.rfind(std::string("INVALID  bad.json: ") + error_code_name(c.code) + ": ", 0), 0u) << text;
  EXPECT_TRUE(contains(text, "0 scenarios: 0 passed, 0 failed, 0 invalid; 1 file unreadable\n")) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FileError,
    ::testing::Values(
        FileErrorCase{"malformed_json", "{\n  \"policy\": \"cn-national-2022\",,\n  \"steps\": []\n}",
                      ErrorCode::parse_error, "line 2, column"},
        FileErrorCase{"truncated", "{ \"name\": \"x\", ", ErrorCode::parse_error, "line 1, column"},
        FileErrorCase{"empty", "", ErrorCode::parse_error, "scenario file: "},
        FileErrorCase{"invalid_utf8", "{ \"name\": \"caf\xC3\x28\", \"steps\": [] }", ErrorCode::invalid_utf8,
                      "scenario file"},
        FileErrorCase{"array_at_the_top", "[{ \"name\": \"x\" }]", ErrorCode::invalid_data, "must be an object"},
        FileErrorCase{"string_at_the_top", "\"cn-national-2022\"", ErrorCode::invalid_data, "must be an object"},
        FileErrorCase{"no_scenarios", suite(Json::array()), ErrorCode::invalid_data,
                      "scenario /scenarios: must be a non-empty array"},
        FileErrorCase{"scenarios_not_an_array", suite(Json::object()), ErrorCode::invalid_data,
                      "scenario /scenarios: must be a non-empty array"}),
    [](const ::testing::TestParamInfo<FileErrorCase>& info) { return std::string(info.param.label); });

TEST(ScenarioRead, CommentsAreAllowed) {
  const std::string document = "// a comment\n" + one({kIntake}) + "\n/* and another */\n";
  const ScenarioFileResult file = run(document);
  EXPECT_EQ(file.error_code, ErrorCode::ok) << file.error;
  EXPECT_TRUE(file.passed());
}

// ---------------------------------------------------------------------------------------------
// Times.

// A parameter's text as a test name: letters and digits, the rest '_'.
std::string time_name(const ::testing::TestParamInfo<const char*>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// The forms of 2025-03-03 09:00 in UTC+8.
class SameInstant : public ::testing::TestWithParam<const char*> {};

TEST_P(SameInstant, TakesTheCaseInAtNineLocal) {
  // Starting at 08:00 local, a step at the form, a deliberately failing expectation there (its
  // mismatch says when it happened), and a step at 09:00 local that may not be before it.
  Json doc =
      Json::parse(one({R"({ "actor": "registrar", "intake": {}, "as": "A", "expect": { "status": "accepted" } })",
                       R"({ "at": "2025-03-03 09:00", "actor": "dispatcher", "command": "accept" })",
                       R"({ "at": "+1 hours", "actor": "dispatcher", "command": "accept",
                                   "expect": { "error": "invalid_state" } })"},
                      {{"start", "2025-03-03 08:00"}}));
  doc["scenarios"][0]["steps"][0]["at"] = GetParam();
  const ScenarioFileResult file = run(doc.dump());
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  ASSERT_EQ(s.outcome, ScenarioOutcome::failed) << s.error;
  ASSERT_EQ(s.mismatches.size(), 1u);
  EXPECT_EQ(s.mismatches[0].when, "2025-03-03 09:00");
  EXPECT_EQ(s.mismatches[0].path, "/scenarios/0/steps/0/expect/status");
  EXPECT_EQ(s.steps_run, 3u);
}

TEST_P(SameInstant, IsTheStartAtNineLocal) {
  const ScenarioFileResult file =
      run(one({R"({ "actor": "registrar", "intake": {}, "as": "A", "expect": { "status": "accepted" } })",
               R"({ "at": "2025-03-03 09:00", "expect": { "status": "registered" } })"},
              {{"start", GetParam()}}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  ASSERT_EQ(s.outcome, ScenarioOutcome::failed) << s.error;
  ASSERT_EQ(s.mismatches.size(), 1u);
  EXPECT_EQ(s.mismatches[0].when, "2025-03-03 09:00");
}

INSTANTIATE_TEST_SUITE_P(Forms, SameInstant,
                         ::testing::Values("2025-03-03 09:00", "2025-03-03T09:00:00+08:00", "2025-03-03T01:00:00Z",
                                           "2025-03-03T09:00+08:00", "2025-03-03 09:00:00", "2025-03-02T20:00-05:00"),
                         time_name);

TEST(ScenarioTime, ALaterFormIsBeforeNoStepAtNineLocal) {
  // 01:00 local read as UTC would be 09:00 local: at 09:00:01 it is after, and the step is refused.
  const ScenarioFileResult file =
      run(one({kIntake, R"({ "at": "2025-03-03 09:00" })"}, {{"start", "2025-03-03T01:00:01Z"}}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  EXPECT_EQ(file.scenarios[0].outcome, ScenarioOutcome::invalid);
  EXPECT_EQ(file.scenarios[0].error,
            "scenario /scenarios/0/steps/1/at: is before the step before it (2025-03-03 09:00:01)");
}

// Forms of the handling deadline of a case accepted 2025-03-03 10:00 (2025-05-06 24:00 local).
class DeadlineForm : public ::testing::TestWithParam<const char*> {};

TEST_P(DeadlineForm, HoldsForTheEndOfMaySixth) {
  Json accept = Json::parse(kAccept);
  accept["expect"]["clocks"]["handling"]["deadline"] = GetParam();
  const ScenarioFileResult file = run(one({kIntake, accept.dump()}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  for (const auto& m : s.mismatches) ADD_FAILURE() << m.path << ": " << m.expected << " / " << m.actual;
  EXPECT_EQ(s.outcome, ScenarioOutcome::passed) << s.error;
  EXPECT_EQ(s.expectations, 1u);
}

INSTANTIATE_TEST_SUITE_P(Forms, DeadlineForm,
                         ::testing::Values("2025-05-06 24:00", "2025-05-07 00:00", "2025-05-07",
                                           "2025-05-06T24:00+08:00", "2025-05-06T16:00:00Z",
                                           "2025-05-07T00:00:00+08:00", "2025-05-06 24:00:00"),
                         time_name);

TEST(ScenarioTime, ADeadlineOneSecondOrOneDayOffFails) {
  for (const char* wrong : {"2025-05-06 23:59:59", "2025-05-07 00:00:01", "2025-05-06", "2025-05-06T24:00:00Z"}) {
    SCOPED_TRACE(wrong);
    Json accept = Json::parse(kAccept);
    accept["expect"]["clocks"]["handling"]["deadline"] = wrong;
    const ScenarioFileResult file = run(one({kIntake, accept.dump()}));
    ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
    ASSERT_EQ(file.scenarios[0].mismatches.size(), 1u) << file.scenarios[0].error;
    EXPECT_EQ(file.scenarios[0].mismatches[0].actual, "2025-05-06 24:00");
    EXPECT_NE(file.scenarios[0].mismatches[0].expected, "2025-05-06 24:00");
  }
  // A date alone is the start of that day, written as the end of the day before.
  Json accept = Json::parse(kAccept);
  accept["expect"]["clocks"]["handling"]["deadline"] = "2025-05-06";
  const ScenarioFileResult file = run(one({kIntake, accept.dump()}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  ASSERT_EQ(file.scenarios[0].mismatches.size(), 1u) << file.scenarios[0].error;
  EXPECT_EQ(file.scenarios[0].mismatches[0].expected, "2025-05-05 24:00");
}

TEST(ScenarioTime, ThreeWorkingDaysFromFridayAreWednesdayAtTheSameTime) {
  // Friday 2025-03-07 10:00 + 3 working days (Mon 10, Tue 11, Wed 12): 2025-03-12 10:00. Its
  // mismatch says when, and a step at 09:59 that day comes before it.
  const Json start = {{"start", "2025-03-07 10:00"}};
  const ScenarioFileResult file = run(one({kIntake, R"({ "at": "+3 working days", "expect": { "status": "accepted",
                                "clocks": { "routing": { "status": "running", "deadline": "2025-03-24 24:00" } } } })",
                                           R"({ "at": "2025-03-12 10:00", "expect": { "status": "registered" } })"},
                                          start));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  const ScenarioResult& s = file.scenarios[0];
  ASSERT_EQ(s.outcome, ScenarioOutcome::failed) << s.error;
  ASSERT_EQ(s.mismatches.size(), 1u);
  EXPECT_EQ(s.mismatches[0].when, "2025-03-12 10:00");
  EXPECT_EQ(s.mismatches[0].path, "/scenarios/0/steps/1/expect/status");
  EXPECT_EQ(s.expectations, 4u);

  const ScenarioFileResult before =
      run(one({kIntake, R"({ "at": "+3 working days" })", R"({ "at": "2025-03-12 09:59" })"}, start));
  ASSERT_EQ(before.scenarios.size(), 1u) << before.error;
  EXPECT_EQ(before.scenarios[0].error,
            "scenario /scenarios/0/steps/2/at: is before the step before it (2025-03-12 10:00)");
}

TEST(ScenarioTime, WorkingDaysSkipAHoliday) {
  // Thursday 2025-04-03 + 1 working day: Friday 04-04 is Qingming, then a weekend: Monday 04-07.
  const ScenarioFileResult file = run(one(
      {kIntake, R"({ "at": "+1 working day", "expect": { "status": "accepted" } })"}, {{"start", "2025-04-03 15:30"}}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  ASSERT_EQ(file.scenarios[0].mismatches.size(), 1u) << file.scenarios[0].error;
  EXPECT_EQ(file.scenarios[0].mismatches[0].when, "2025-04-07 15:30");
}

TEST(ScenarioTime, RelativeStepsAddToTheStepBefore) {
  const ScenarioFileResult file =
      run(one({kIntake, R"({ "at": "+30 minutes" })", R"({ "at": "+2 hours" })", R"({ "at": "+15 days" })",
               R"({ "at": "+1 minute", "expect": { "status": "accepted" } })"}));
  ASSERT_EQ(file.scenarios.size(), 1u) << file.error;
  ASSERT_EQ(file.scenarios[0].mismatches.size(), 1u) << file.scenarios[0].error;
  EXPECT_EQ(file.scenarios[0].mismatches[0].when, "2025-03-18 11:31");
}

}  // namespace
}  // namespace xinfang
