// Internal: a scenario file read and checked (scenario_read.cpp), ready for the runner
// (scenario_run.cpp). Every time is worked out while reading, so that a step before its
// predecessor or a count into a year without a holiday table is found before anything runs.
#ifndef XINFANG_SRC_SCENARIO_SCENARIO_INTERNAL_HPP
#define XINFANG_SRC_SCENARIO_SCENARIO_INTERNAL_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xinfang/calendar.hpp"
#include "xinfang/engine.hpp"
#include "xinfang/policy.hpp"
#include "xinfang/scenario.hpp"

namespace xinfang::scenario_detail {

/** What a step expects of one clock of its case. */
struct ClockExpectation {
  std::string path;  // the clock's object in the file
  std::string clock;
  std::optional<std::string> status;
  bool has_deadline = false;
  Instant deadline;  // not_a_date_time: the clock must have none
  std::optional<Date> last_day;
  std::optional<int> run;
  std::optional<int> extension_total;
};

/** What a step expects of one notification it writes (the keys given must match). */
struct NotificationExpectation {
  std::string path;
  Json fields;  // any of kind, recipient, recipient_kind, case (an alias), clock, step
};

/** A step's "expect". */
struct Expectation {
  std::string path;
  std::string case_alias;            // the case the case-level expectations are about ("" if none given or implied)
  std::optional<std::string> error;  // an error code name
  std::optional<std::string> error_contains;  // a part of the message
  std::optional<std::string> status;
  std::optional<std::string> unit;
  std::optional<std::string> handler;
  std::optional<std::string> owner;
  std::optional<std::string> organisation;
  std::optional<std::string> outcome;
  std::optional<bool> key_case;
  std::optional<int> escalation_level;
  std::optional<std::vector<std::string>> events;
  std::vector<ClockExpectation> clocks;
  std::optional<std::vector<NotificationExpectation>> outbox;
};

enum class StepKind { intake, command, sweep, wait };

struct Step {
  std::string path;
  Instant at;
  StepKind kind = StepKind::wait;
  std::string actor;
  std::string case_alias;  // intake: the name it gives the case; command: the case
  std::string command;     // command: its name
  Json args;               // intake: the petition; command: its arguments (aliases not yet replaced)
  std::string idempotency_key;
  std::optional<Expectation> expect;
};

struct RosterDay {
  Date day;
  std::string unit;
  std::vector<std::string> staff;
};

/** One scenario, read and checked. */
struct Scenario {
  std::string name;
  std::string path;         // "" for a file that is one scenario, "/scenarios/N" in a suite
  std::string policy_text;  // the policy's canonical JSON, for EngineOptions::policy
  Calendar calendar = Calendar::national();
  Instant start;
  std::uint64_t seed = 1;
  std::vector<StaffMember> staff;
  std::vector<RosterDay> roster;
  std::vector<Step> steps;
};

/** A scenario of the file: read, or the reason it is invalid. */
struct ReadScenario {
  std::string name;
  std::optional<Scenario> scenario;
  ErrorCode error_code = ErrorCode::ok;
  std::string error;
  std::size_t steps = 0;
};

/** The file: its scenarios, or the reason it could not be read at all. */
struct ReadFile {
  std::vector<ReadScenario> scenarios;
  ErrorCode error_code = ErrorCode::ok;
  std::string error;
};

/** Reads and checks a scenario document (never throws but for out_of_memory). */
ReadFile read_scenarios(std::string_view json, const ScenarioOptions& options);

/** Runs one checked scenario. */
ScenarioResult run_scenario(const Scenario& scenario);

/** @p instant in the calendar's local time, "YYYY-MM-DD HH:MM" (":SS" when not whole minutes);
 *  with @p end_of_day, local midnight is written "24:00" of the day before. "none" for not_a_date_time. */
std::string local_text(const Calendar& calendar, Instant instant, bool end_of_day = false);

}  // namespace xinfang::scenario_detail

#endif
