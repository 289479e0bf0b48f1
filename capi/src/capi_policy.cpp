// Policies in the C ABI: the presets, and checking a policy before it is put in force.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "capi_internal.hpp"
#include "policy/policy_impl.hpp"
#include "xinfang.h"
#include "xinfang/policy.hpp"
#include "xinfang/scenario.hpp"

namespace xinfang::capi {
namespace {

using Json = nlohmann::json;

Json summary(const Policy& policy) {
  Json clocks = Json::array();
  for (const ClockRules& clock : policy.clocks()) clocks.push_back(clock.id);
  Json roles = Json::array();
  for (const NamedEntry& role : policy.roles()) roles.push_back(role.id);
  Json units = Json::array();
  for (const Unit& unit : policy.units()) units.push_back(unit.id);
  return Json{{"ok", true},
              {"name", policy.name()},
              {"version", policy.version()},
              {"title", policy.title()},
              {"calendar", policy.calendar_name()},
              {"clocks", std::move(clocks)},
              {"roles", std::move(roles)},
              {"units", std::move(units)}};
}

Json refusal(const std::vector<policy_detail::Issue>& issues) {
  Json errors = Json::array();
  for (const policy_detail::Issue& issue : issues) {
    errors.push_back({{"code", error_code_name(issue.code)}, {"path", issue.path}, {"message", issue.text()}});
  }
  return Json{{"ok", false}, {"errors", std::move(errors)}};
}

Json check(const std::string& text) {
  if (policy_detail::names_a_preset(text)) {
    try {
      return summary(Policy::preset(text));
    } catch (const Error& e) {
      return refusal({policy_detail::Issue{e.code(), "", e.what()}});
    }
  }
  const policy_detail::LoadResult loaded = policy_detail::load(text);
  if (!loaded.issues.empty()) return refusal(loaded.issues);
  // Loaded once more through the public door, so that the summary reads the same model a host gets.
  return summary(Policy::from_json(text));
}

}  // namespace
}  // namespace xinfang::capi

using namespace xinfang;
using namespace xinfang::capi;

extern "C" {

xf_status xf_policy_presets(char** out_json) {
  return text_out(out_json, [&] {
    require_pointer(out_json, "out_json");
    return Json(Policy::preset_names()).dump();
  });
}

xf_status xf_policy_preset_source(const char* name, char** out_json) {
  return text_out(out_json, [&] {
    const std::string preset = required_text(name, "name");
    require_pointer(out_json, "out_json");
    return Policy::preset_source(preset);
  });
}

xf_status xf_policy_check(const char* policy, char** out_json) {
  return text_out(out_json, [&] {
    const std::string text = required_text(policy, "policy");
    require_pointer(out_json, "out_json");
    return check(text).dump();
  });
}

xf_status xf_policy_test(const char* scenarios, const char* source, const char* base_directory, int format,
                         int* out_passed, char** out_report) {
  if (out_passed != nullptr) *out_passed = 0;
  return text_out(out_report, [&] {
    const std::string document = required_text(scenarios, "scenarios");
    require_pointer(out_report, "out_report");
    if (format != XF_REPORT_JSON && format != XF_REPORT_TEXT && format != XF_REPORT_JUNIT) {
      throw Error(ErrorCode::invalid_argument,
                  "format must be XF_REPORT_JSON, XF_REPORT_TEXT or XF_REPORT_JUNIT, not " + std::to_string(format));
    }
    const std::string name = source != nullptr ? required_text(source, "source") : std::string("scenarios");
    ScenarioOptions options;
    if (base_directory != nullptr) options.base_directory = required_text(base_directory, "base_directory");
    // A document that is not JSON is the report's finding, as a failing scenario is.
    const std::vector<ScenarioFileResult> files = {run_scenarios(document, name, options)};
    std::string report = format == XF_REPORT_JSON   ? scenario_report_json(files).dump()
                         : format == XF_REPORT_TEXT ? scenario_report_text(files)
                                                    : scenario_report_junit(files);
    if (out_passed != nullptr) *out_passed = files.front().passed() ? 1 : 0;
    return report;
  });
}

}  // extern "C"
