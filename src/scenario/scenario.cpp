// xinfang policy scenarios: running a file (scenario.hpp) and the three reports of the results.
#include "xinfang/scenario.hpp"

#include <sstream>

#include "scenario/scenario_internal.hpp"
#include "util/text.hpp"

namespace xinfang {

const char* scenario_outcome_name(ScenarioOutcome outcome) noexcept {
  switch (outcome) {
    case ScenarioOutcome::passed: return "passed";
    case ScenarioOutcome::failed: return "failed";
    case ScenarioOutcome::invalid: return "invalid";
  }
  return "unknown";
}

Json ScenarioMismatch::to_json() const {
  return {{"step", step}, {"when", when},         {"action", action},
          {"path", path}, {"expected", expected}, {"actual", actual}};
}

Json ScenarioResult::to_json() const {
  Json out = {{"name", name},
              {"outcome", scenario_outcome_name(outcome)},
              {"steps", steps},
              {"steps_run", steps_run},
              {"expectations", expectations},
              {"mismatches", Json::array()}};
  for (const auto& m : mismatches) out["mismatches"].push_back(m.to_json());
  if (error_code != ErrorCode::ok) {
    out["error_code"] = error_code_name(error_code);
    out["error"] = error;
  }
  return out;
}

bool ScenarioFileResult::passed() const noexcept {
  if (error_code != ErrorCode::ok) return false;
  for (const auto& scenario : scenarios) {
    if (scenario.outcome != ScenarioOutcome::passed) return false;
  }
  return true;
}

Json ScenarioFileResult::to_json() const {
  Json out = {{"file", source}, {"passed", passed()}, {"scenarios", Json::array()}};
  for (const auto& scenario : scenarios) out["scenarios"].push_back(scenario.to_json());
  if (error_code != ErrorCode::ok) {
    out["error_code"] = error_code_name(error_code);
    out["error"] = error;
  }
  return out;
}

ScenarioFileResult run_scenarios(std::string_view json, const std::string& source, const ScenarioOptions& options) {
  ScenarioFileResult file;
  file.source = source;
  scenario_detail::ReadFile read = scenario_detail::read_scenarios(json, options);
  file.error_code = read.error_code;
  file.error = read.error;
  // Every scenario is checked before it runs; an invalid one runs nothing, the others run.
  for (auto& scenario : read.scenarios) {
    if (scenario.scenario) {
      file.scenarios.push_back(scenario_detail::run_scenario(*scenario.scenario));
      continue;
    }
    ScenarioResult result;
    result.name = scenario.name;
    result.outcome = ScenarioOutcome::invalid;
    result.steps = scenario.steps;
    result.error_code = scenario.error_code;
    result.error = scenario.error;
    file.scenarios.push_back(std::move(result));
  }
  return file;
}

namespace {

struct Totals {
  std::size_t scenarios = 0;
  std::size_t failed = 0;
  std::size_t invalid = 0;
  std::size_t unreadable = 0;
};

Totals count(const std::vector<ScenarioFileResult>& files) {
  Totals totals;
  for (const auto& file : files) {
    if (file.error_code != ErrorCode::ok) ++totals.unreadable;
    for (const auto& scenario : file.scenarios) {
      ++totals.scenarios;
      if (scenario.outcome == ScenarioOutcome::failed) ++totals.failed;
      if (scenario.outcome == ScenarioOutcome::invalid) ++totals.invalid;
    }
  }
  return totals;
}

// Each line of @p text after @p prefix (a multi-line value, such as several notifications).
void prefixed(std::ostream& out, const std::string& prefix, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out << prefix << util::one_line(line) << "\n";
}

std::string mismatches_text(const ScenarioResult& scenario) {
  std::ostringstream out;
  for (const auto& m : scenario.mismatches) {
    out << "step " << m.step << " (" << m.when << ", " << util::one_line(m.action) << ") " << m.path << "\n";
    prefixed(out, "  - ", m.expected);
    prefixed(out, "  + ", m.actual);
  }
  // A step's unexpected error is its last mismatch already; a failed setup has none.
  if (!scenario.error.empty() && scenario.mismatches.empty() && scenario.outcome != ScenarioOutcome::invalid) {
    out << util::one_line(scenario.error) << "\n";
  }
  return out.str();
}

std::string xml_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 has no way to write other control characters; a message never needs them.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string scenario_report_text(const std::vector<ScenarioFileResult>& files) {
  std::ostringstream out;
  for (const auto& file : files) {
    if (file.error_code != ErrorCode::ok) {
      out << "INVALID  " << file.source << ": " << error_code_name(file.error_code) << ": "
          << util::one_line(file.error) << "\n";
      continue;
    }
    for (const auto& scenario : file.scenarios) {
      switch (scenario.outcome) {
        case ScenarioOutcome::passed:
          out << "PASS     " << file.source << ": " << util::one_line(scenario.name) << " (" << scenario.steps
              << " steps, " << scenario.expectations << " expectations)\n";
          break;
        case ScenarioOutcome::failed:
          out << "FAIL     " << file.source << ": " << util::one_line(scenario.name) << "\n";
          prefixed(out, "         ", mismatches_text(scenario));
          break;
        case ScenarioOutcome::invalid:
          out << "INVALID  " << file.source << ": " << util::one_line(scenario.name) << ": "
              << error_code_name(scenario.error_code) << ": " << util::one_line(scenario.error) << "\n";
          break;
      }
    }
  }
  const Totals totals = count(files);
  out << totals.scenarios << (totals.scenarios == 1 ? " scenario" : " scenarios") << ": "
      << totals.scenarios - totals.failed - totals.invalid << " passed, " << totals.failed << " failed, "
      << totals.invalid << " invalid";
  if (totals.unreadable > 0)
    out << "; " << totals.unreadable << (totals.unreadable == 1 ? " file" : " files") << " unreadable";
  out << "\n";
  return out.str();
}

Json scenario_report_json(const std::vector<ScenarioFileResult>& files) {
  const Totals totals = count(files);
  Json out = {{"passed", totals.failed == 0 && totals.invalid == 0 && totals.unreadable == 0},
              {"scenarios", totals.scenarios},
              {"failed", totals.failed},
              {"invalid", totals.invalid},
              {"files", Json::array()}};
  for (const auto& file : files) out["files"].push_back(file.to_json());
  return out;
}

std::string scenario_report_junit(const std::vector<ScenarioFileResult>& files) {
  const Totals totals = count(files);
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"xinfang policy test\" tests=\"" << totals.scenarios + totals.unreadable << "\" failures=\""
      << totals.failed << "\" errors=\"" << totals.invalid + totals.unreadable << "\">\n";
  for (const auto& file : files) {
    std::size_t failed = 0;
    std::size_t invalid = file.error_code != ErrorCode::ok ? 1 : 0;
    for (const auto& scenario : file.scenarios) {
      failed += scenario.outcome == ScenarioOutcome::failed;
      invalid += scenario.outcome == ScenarioOutcome::invalid;
    }
    const std::size_t tests = file.scenarios.size() + (file.error_code != ErrorCode::ok ? 1 : 0);
    const std::string file_name = xml_escaped(util::one_line(file.source));
    out << "  <testsuite name=\"" << file_name << "\" tests=\"" << tests << "\" failures=\"" << failed << "\" errors=\""
        << invalid << "\">\n";
    if (file.error_code != ErrorCode::ok) {
      out << "    <testcase classname=\"" << file_name << "\" name=\"(file)\">\n"
          << "      <error type=\"" << error_code_name(file.error_code) << "\" message=\""
          << xml_escaped(util::one_line(file.error)) << "\"/>\n    </testcase>\n";
    }
    for (const auto& scenario : file.scenarios) {
      out << "    <testcase classname=\"" << file_name << "\" name=\"" << xml_escaped(util::one_line(scenario.name))
          << "\"";
      if (scenario.outcome == ScenarioOutcome::passed) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      if (scenario.outcome == ScenarioOutcome::failed) {
        const std::size_t count = scenario.mismatches.size();
        const std::string summary =
            count > 0 ? std::to_string(count) + (count == 1 ? " expectation" : " expectations") + " did not hold"
                      : util::one_line(scenario.error);
        out << "      <failure type=\"mismatch\" message=\"" << xml_escaped(summary) << "\">"
            << xml_escaped(mismatches_text(scenario)) << "</failure>\n";
      } else {
        out << "      <error type=\"" << error_code_name(scenario.error_code) << "\" message=\""
            << xml_escaped(util::one_line(scenario.error)) << "\"/>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace xinfang
