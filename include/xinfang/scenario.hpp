/**
 * @file scenario.hpp
 * @brief Policy scenarios: a policy's rules tested the way its authors mean them.
 *
 * A scenario file (JSON, docs/policy-testing.md) names a policy and a calendar, the staff, a
 * start time and steps: at a time, an actor performs a command on a case, or a sweep runs, or
 * nothing happens but time passes; each step may say what it expects afterwards (the case's
 * state, a clock's deadline or status, the escalation level, the events appended, the outbox
 * messages written, or the error the command must fail with).
 *
 * run_scenarios() checks the whole file before running anything (a missing unit, actor, clock or
 * case name is an invalid scenario, not a failing one), then runs each scenario on its own
 * in-memory database with a manual clock set by the steps: nothing is written to disk and the
 * system clock is never read, so a run is reproducible. The reports (text with a diff of
 * expected against actual, JSON, JUnit XML) are built by the functions at the end.
 */
#ifndef XINFANG_SCENARIO_HPP
#define XINFANG_SCENARIO_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang {

/** Where a scenario file's references are read from. */
struct ScenarioOptions {
  /**
   * The directory that {"file": NAME} references (a policy or a calendar) are read relative to,
   * usually the scenario file's own. Empty: such references are refused (invalid_argument), and
   * a scenario can name only presets or carry its policy inline.
   */
  std::string base_directory;
};

/** How a scenario ended. */
enum class ScenarioOutcome : std::uint8_t {
  passed = 0,   ///< Every step ran and every expectation held.
  failed = 1,   ///< An expectation did not hold, or a command failed that was expected to succeed.
  invalid = 2,  ///< The scenario did not pass validation (or its file could not be read): nothing ran.
};

/** @param outcome An outcome. @return "passed", "failed" or "invalid". */
const char* scenario_outcome_name(ScenarioOutcome outcome) noexcept;

/** An expectation that did not hold. */
struct ScenarioMismatch {
  std::size_t step = 0;  ///< The step, from 1.
  std::string when;      ///< The step's time, local ("2025-03-04 10:00:00").
  std::string action;    ///< What the step did ("accept A by handler-a", "sweep", "wait").
  std::string path;      ///< The expectation's JSON pointer in the file ("/steps/3/expect/status").
  std::string expected;  ///< What the file expects, as text.
  std::string actual;    ///< What happened, as text.
  /** @return {"step", "when", "action", "path", "expected", "actual"}. */
  Json to_json() const;
};

/** One scenario's result. */
struct ScenarioResult {
  std::string name;                                   ///< The scenario's name.
  ScenarioOutcome outcome = ScenarioOutcome::passed;  ///< How it ended.
  std::size_t steps = 0;                              ///< Steps in the scenario.
  std::size_t steps_run = 0;                          ///< Steps run (a failed command stops the scenario).
  std::size_t expectations = 0;                       ///< Expectations checked.
  std::vector<ScenarioMismatch> mismatches;           ///< What did not hold, in step order.
  /// invalid: why, with the JSON path; failed: the error that stopped it, if one did.
  std::string error;
  ErrorCode error_code = ErrorCode::ok;  ///< The code of that error (ok if none).
  /** @return {"name", "outcome", "steps", "steps_run", "expectations", "mismatches", "error"?,
   *          "error_code"?}. */
  Json to_json() const;
};

/** The results of one scenario file. */
struct ScenarioFileResult {
  std::string source;                     ///< The file's name as given to run_scenarios().
  std::vector<ScenarioResult> scenarios;  ///< One per scenario, in file order.
  /// The file as a whole could not be read or parsed: why (the scenarios list is then empty).
  std::string error;
  ErrorCode error_code = ErrorCode::ok;  ///< The code of that error (ok if none).
  /** @return Whether the file was read and every scenario passed. */
  bool passed() const noexcept;
  /** @return {"file", "passed", "scenarios": [ScenarioResult::to_json()...], "error"?, "error_code"?}. */
  Json to_json() const;
};

/**
 * Validates every scenario of a scenario document, then runs each valid one.
 * @param json The document (UTF-8; comments allowed): one scenario, or a suite
 *        {"scenarios": [...]} whose top-level keys are the defaults of its scenarios.
 * @param source The file's name, for the report.
 * @param options Where references are read from.
 * @return The results. Never throws for a bad document: the file's or the scenario's error
 *         says what is wrong.
 * @throws Error out_of_memory only.
 */
ScenarioFileResult run_scenarios(std::string_view json, const std::string& source, const ScenarioOptions& options = {});

/**
 * The text report: one line per scenario ("PASS", "FAIL" or "INVALID", the file, the name), each
 * mismatch after its scenario's line as a diff ("- expected" / "+ actual"), then a total line.
 * @param files Results.
 * @return The report.
 */
std::string scenario_report_text(const std::vector<ScenarioFileResult>& files);

/**
 * @param files Results.
 * @return {"passed": BOOL, "scenarios": N, "failed": N, "invalid": N, "files": [...]}.
 */
Json scenario_report_json(const std::vector<ScenarioFileResult>& files);

/**
 * The JUnit XML report CI tools read: a testsuite per file, a testcase per scenario; a failed
 * scenario's mismatches in its failure element, an invalid one's reason in an error element.
 * @param files Results.
 * @return The XML document.
 */
std::string scenario_report_junit(const std::vector<ScenarioFileResult>& files);

}  // namespace xinfang

#endif  // XINFANG_SCENARIO_HPP
