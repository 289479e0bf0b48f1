// What the scenario tests share: the defaults of a suite under cn-national-2022, a case's first
// steps, a suite made of them, and running a document.
#ifndef XINFANG_TESTS_SCENARIO_SCENARIO_TEST_UTIL_HPP
#define XINFANG_TESTS_SCENARIO_SCENARIO_TEST_UTIL_HPP

#include <string>

#include "xinfang/scenario.hpp"

namespace xinfang::scenario_test {

// The defaults of src/policy/presets/scenarios/cn-national-2022/handling.json.
inline const char* const kDefaults = R"({
  "policy": "cn-national-2022",
  "start": "2025-03-03 09:00",
  "staff": [
    { "id": "registrar", "unit": "petition_office", "roles": ["registrar"] },
    { "id": "dispatcher", "unit": "petition_office", "roles": ["dispatcher"] },
    { "id": "handler", "unit": "social_assistance", "roles": ["handler"] },
    { "id": "section-chief", "unit": "social_assistance", "roles": ["unit_leader"] },
    { "id": "director", "unit": "petition_office", "roles": ["org_leader"] }
  ],
  "petition": {
    "channel": "letter", "type": "claim", "sub_route": "petition_handling", "category": "social_assistance",
    "region": "central", "subject": "最低生活保障金停发", "content": "请求查明原因并恢复发放。",
    "petitioners": [{ "name": "李某", "phone": "13800138000" }]
  }
})";

// Steps a case goes through: taken in, accepted an hour later, routed an hour after that.
inline const char* const kIntake = R"({ "actor": "registrar", "intake": {}, "as": "A" })";
inline const char* const kAccept = R"({ "at": "+1 hours", "actor": "dispatcher", "command": "accept" })";
inline const char* const kRoute =
    R"({ "at": "+1 hours", "actor": "dispatcher", "command": "route",
         "args": { "unit": "social_assistance", "handler": "handler" } })";

// A suite of @p scenarios (a JSON array) with the defaults above, @p top's keys replacing them.
inline std::string suite(const Json& scenarios, const Json& top = Json::object()) {
  Json doc = Json::parse(kDefaults);
  for (const auto& item : top.items()) doc[item.key()] = item.value();
  doc["scenarios"] = scenarios;
  return doc.dump(2);
}

inline ScenarioFileResult run(const std::string& document, const ScenarioOptions& options = {}) {
  return run_scenarios(document, "t.json", options);
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace xinfang::scenario_test

#endif
