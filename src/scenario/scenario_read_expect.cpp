// Reading a step's "expect" (scenario_read_expect.hpp): every name it uses is checked against
// the policy and the fixed vocabularies, so that a misspelt expectation is an invalid scenario
// rather than a check that can never fail.
#include "scenario/scenario_read_expect.hpp"

#include "scenario/scenario_reader.hpp"
#include "xinfang/deadline.hpp"

namespace xinfang::scenario_detail {
namespace {

// The names of an enumeration's values from @p first to @p last (each value's name, "unknown"
// for a value it does not have).
template <class Enum>
std::vector<std::string> names_of(const char* (*name)(Enum), int first, int last) {
  std::vector<std::string> names;
  for (int value = first; first <= last ? value <= last : value >= last; value += first <= last ? 1 : -1) {
    const std::string text = name(static_cast<Enum>(value));
    if (text != "unknown") names.push_back(text);
  }
  return names;
}

std::vector<std::string> error_code_names() {
  return names_of<ErrorCode>(&error_code_name, -1, -64);
}
std::vector<std::string> status_names() {
  return names_of<CaseStatus>(&case_status_name, 0, 63);
}
std::vector<std::string> clock_status_names() {
  return names_of<ClockStatus>(&clock_status_name, 0, 15);
}
std::vector<std::string> outcome_names() {
  return names_of<Outcome>(&outcome_name, 0, 15);
}

std::vector<std::string> clock_ids(const Policy& policy) {
  std::vector<std::string> ids;
  for (const auto& clock : policy.clocks()) ids.push_back(clock.id);
  return ids;
}

// A string member that may be empty ("" = none: no unit, no handler, no owner).
std::optional<std::string> optional_text(const Json& object, const std::string& path, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_string()) invalid(child(path, key), "must be a string (\"\" for none)");
  return it->get<std::string>();
}

ClockExpectation read_clock(const Json& value, const std::string& path, const std::string& id,
                            const Calendar& calendar) {
  const Json& entry = object_at(value, path);
  allow_only(entry, path, {"status", "deadline", "last_day", "run", "extension_total"});
  ClockExpectation clock;
  clock.path = path;
  clock.clock = id;
  if (auto status = text_member(entry, path, "status")) {
    require_one_of(*status, child(path, "status"), "a clock status", clock_status_names());
    clock.status = std::move(status);
  }
  if (const auto deadline = entry.find("deadline"); deadline != entry.end()) {
    clock.has_deadline = true;
    if (!deadline->is_null()) {
      if (!deadline->is_string()) invalid(child(path, "deadline"), "must be a time, or null for none");
      clock.deadline = absolute_time(deadline->get<std::string>(), calendar, child(path, "deadline"));
    }
  }
  if (const auto day = text_member(entry, path, "last_day")) {
    try {
      clock.last_day = parse_date(*day);
    } catch (const Error& e) {
      invalid(child(path, "last_day"), e.what(), e.code());
    }
  }
  if (const auto run = integer_member(entry, path, "run", 0, 1000)) clock.run = static_cast<int>(*run);
  if (const auto total = integer_member(entry, path, "extension_total", 0, 100000)) {
    clock.extension_total = static_cast<int>(*total);
  }
  return clock;
}

NotificationExpectation read_notification(const Json& value, const std::string& path, const ExpectContext& context) {
  const Json& entry = object_at(value, path);
  allow_only(entry, path, {"kind", "recipient", "recipient_kind", "case", "clock", "step"});
  for (const auto& item : entry.items()) {
    if (!item.value().is_string() || item.value().get<std::string>().empty()) {
      invalid(child(path, item.key()), "must be a non-empty string");
    }
  }
  if (auto kind = text_member(entry, path, "kind")) {
    require_one_of(*kind, child(path, "kind"), "an escalation action",
                   {"remind", "supervise", "escalate", "assign_owner", "mark_key"});
  }
  if (auto kind = text_member(entry, path, "recipient_kind")) {
    require_one_of(*kind, child(path, "recipient_kind"), "a recipient kind", {"staff", "role"});
  }
  if (auto alias = text_member(entry, path, "case"); alias && context.cases.count(*alias) == 0) {
    invalid(child(path, "case"), "'" + *alias + "' is not a case of this scenario", ErrorCode::not_found);
  }
  if (auto clock = text_member(entry, path, "clock")) {
    require_one_of(*clock, child(path, "clock"), "a clock of this policy", clock_ids(context.policy),
                   ErrorCode::not_found);
  }
  return NotificationExpectation{path, entry};
}

}  // namespace

Expectation read_expectation(const Json& value, const std::string& path, const ExpectContext& context,
                             bool runs_command) {
  const Json& entry = object_at(value, path);
  allow_only(entry, path,
             {"case", "error", "error_contains", "status", "unit", "handler", "owner", "organisation", "outcome",
              "key_case", "escalation_level", "events", "clocks", "outbox"});
  Expectation expect;
  expect.path = path;
  if (auto error = text_member(entry, path, "error")) {
    if (!runs_command) invalid(child(path, "error"), "only an intake or a command can fail");
    require_one_of(*error, child(path, "error"), "an error code", error_code_names());
    expect.error = std::move(error);
  }
  expect.error_contains = text_member(entry, path, "error_contains");
  if (expect.error_contains && !expect.error) invalid(child(path, "error_contains"), "goes with \"error\"");

  if (auto status = text_member(entry, path, "status")) {
    require_one_of(*status, child(path, "status"), "a case status", status_names());
    expect.status = std::move(status);
  }
  expect.unit = optional_text(entry, path, "unit");
  if (expect.unit && !expect.unit->empty() && context.policy.find_unit(*expect.unit) == nullptr) {
    invalid(child(path, "unit"), "'" + *expect.unit + "' is not a unit of this policy", ErrorCode::not_found);
  }
  expect.handler = optional_text(entry, path, "handler");
  expect.owner = optional_text(entry, path, "owner");
  for (const auto& [key, person] :
       {std::pair<const char*, const std::optional<std::string>&>{"handler", expect.handler},
        {"owner", expect.owner}}) {
    if (person && !person->empty() && context.staff.count(*person) == 0) {
      invalid(child(path, key), "'" + *person + "' is not in the scenario's staff", ErrorCode::not_found);
    }
  }
  if (auto organisation = text_member(entry, path, "organisation")) {
    if (context.policy.find_organisation(*organisation) == nullptr) {
      invalid(child(path, "organisation"), "'" + *organisation + "' is not an organisation of this policy",
              ErrorCode::not_found);
    }
    expect.organisation = std::move(organisation);
  }
  if (auto outcome = text_member(entry, path, "outcome")) {
    require_one_of(*outcome, child(path, "outcome"), "an outcome", outcome_names());
    expect.outcome = std::move(outcome);
  }
  expect.key_case = boolean_member(entry, path, "key_case");
  if (auto level = integer_member(entry, path, "escalation_level", 0, 100))
    expect.escalation_level = static_cast<int>(*level);
  if (const auto events = entry.find("events"); events != entry.end()) {
    expect.events = text_list(*events, child(path, "events"));
    for (std::size_t i = 0; i < expect.events->size(); ++i) {
      require_one_of((*expect.events)[i], child(child(path, "events"), i), "an event type", event_type_names());
    }
  }
  if (const auto clocks = entry.find("clocks"); clocks != entry.end()) {
    const Json& object = object_at(*clocks, child(path, "clocks"));
    for (const auto& item : object.items()) {
      const std::string at = child(child(path, "clocks"), item.key());
      require_one_of(item.key(), at, "a clock of this policy", clock_ids(context.policy), ErrorCode::not_found);
      expect.clocks.push_back(read_clock(item.value(), at, item.key(), context.calendar));
    }
  }
  if (const auto outbox = entry.find("outbox"); outbox != entry.end()) {
    if (!outbox->is_array())
      invalid(child(path, "outbox"), "must be an array (the notifications the step writes; [] for none)");
    expect.outbox.emplace();
    for (std::size_t i = 0; i < outbox->size(); ++i) {
      expect.outbox->push_back(read_notification((*outbox)[i], child(child(path, "outbox"), i), context));
    }
  }

  expect.case_alias = text_member(entry, path, "case").value_or(context.last_case);
  if (entry.contains("case") && context.cases.count(expect.case_alias) == 0) {
    invalid(child(path, "case"), "'" + expect.case_alias + "' is not a case of this scenario (yet)",
            ErrorCode::not_found);
  }
  const bool about_case = expect.status || expect.unit || expect.handler || expect.owner || expect.organisation ||
                          expect.outcome || expect.key_case || expect.escalation_level || expect.events ||
                          !expect.clocks.empty();
  if (about_case && expect.case_alias.empty())
    invalid(path, "expects something of a case, but no case has been taken in yet");
  return expect;
}

}  // namespace xinfang::scenario_detail
