// Fuzzes Policy::from_json, the door every policy file and every policy a host hands to
// xf_engine_open goes through. A refusal must be an xinfang::Error of a documented code with a
// one-line message; anything else thrown is a finding. A policy that loads must be what the
// header promises: every cross-reference resolves, every limit is positive.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"
#include "xinfang/policy.hpp"

namespace {

using xinfang::Policy;

bool has_role(const Policy& policy, const std::string& id) {
  for (const auto& role : policy.roles()) {
    if (role.id == id) return true;
  }
  return false;
}

void check_loaded(const Policy& policy) {
  FUZZ_CHECK(!policy.name().empty(), "a policy has a name");
  for (const auto& organisation : policy.organisations()) {
    FUZZ_CHECK(policy.find_organisation(organisation.id) != nullptr, organisation.id);
    FUZZ_CHECK(organisation.parent.empty() || policy.find_organisation(organisation.parent) != nullptr,
               organisation.id + " has parent " + organisation.parent);
  }
  for (const auto& unit : policy.units()) {
    FUZZ_CHECK(policy.find_unit(unit.id) != nullptr, unit.id);
    FUZZ_CHECK(policy.find_organisation(unit.organisation) != nullptr, unit.id + " is in " + unit.organisation);
    FUZZ_CHECK(unit.parent.empty() || policy.find_unit(unit.parent) != nullptr, unit.id + " is under " + unit.parent);
  }
  for (const auto& rule : policy.routing().rules) {
    FUZZ_CHECK(policy.find_unit(rule.unit) != nullptr, "routing rule " + rule.name + " goes to " + rule.unit);
  }
  const std::string& default_unit = policy.routing().default_unit;
  FUZZ_CHECK(default_unit.empty() || policy.find_unit(default_unit) != nullptr, "default unit " + default_unit);
  for (const auto& clock : policy.clocks()) {
    FUZZ_CHECK(policy.find_clock(clock.id) != nullptr, clock.id);
    FUZZ_CHECK(clock.period.limit > 0, clock.id + " has limit " + std::to_string(clock.period.limit));
    FUZZ_CHECK(clock.extension.max_total == 0 || has_role(policy, clock.extension.approver_role),
               clock.id + " is extended by " + clock.extension.approver_role);
  }
  for (const auto& command : xinfang::command_names()) {
    for (const auto& role : policy.roles_for(command)) {
      FUZZ_CHECK(has_role(policy, role), command + " is allowed to " + role);
    }
  }
  FUZZ_CHECK(!policy.rating().scale.empty(), "a policy has a rating scale");
  for (const auto& level : policy.rating().scale) {
    FUZZ_CHECK(level.credit >= 0 && level.credit <= 1, level.id + " credits " + std::to_string(level.credit));
    FUZZ_CHECK(policy.find_rating_level(level.id) != nullptr, level.id);
  }
  for (const auto type :
       {xinfang::PetitionType::suggestion, xinfang::PetitionType::accusation, xinfang::PetitionType::claim}) {
    FUZZ_CHECK(policy.rules_for(type).type == type, xinfang::petition_type_name(type));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  try {
    check_loaded(Policy::from_json(json));
  } catch (const xinfang::Error& error) {
    const auto code = error.code();
    const std::string message = error.what();
    FUZZ_CHECK(code == xinfang::ErrorCode::invalid_utf8 || code == xinfang::ErrorCode::parse_error ||
                   code == xinfang::ErrorCode::invalid_data || code == xinfang::ErrorCode::not_found,
               std::string(xinfang::error_code_name(code)) + ": " + message);
    FUZZ_CHECK(!message.empty() && message.find('\n') == std::string::npos, message);
  }
  // Anything else thrown escapes on purpose: libFuzzer reports it as a crash with its input.
  return 0;
}
