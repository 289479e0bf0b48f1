// Reading and checking a scenario document (scenario_internal.hpp): the file, its policy,
// calendar, staff and roster, and its steps. Expectations are read in scenario_read_expect.cpp.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "lifecycle/command_args.hpp"
#include "scenario/scenario_internal.hpp"
#include "scenario/scenario_read_expect.hpp"
#include "scenario/scenario_reader.hpp"
#include "util/utf8.hpp"

namespace xinfang::scenario_detail {
namespace {

constexpr std::size_t kMaxSteps = 100000;

// Where a scenario's keys come from: its own object, or the suite's defaults at the top.
struct Source {
  const Json& doc;   // the scenario's keys merged over the defaults
  const Json& own;   // the scenario's own object
  std::string path;  // its path ("" for a file that is one scenario)
  // The object the key comes from: the scenario's own, or the suite's defaults; a key given
  // nowhere is missing from the scenario.
  std::string holder(const char* key) const { return own.contains(key) || !doc.contains(key) ? path : std::string(); }
  // The key's own path.
  std::string where(const char* key) const { return child(holder(key), key); }
};

std::string read_referenced_file(const Json& reference, const std::string& path, const ScenarioOptions& options) {
  allow_only(reference, path, {"file"});
  const std::string name = text_member(reference, path, "file").value_or("");
  if (name.empty()) invalid(child(path, "file"), "is required");
  if (options.base_directory.empty()) {
    invalid(child(path, "file"),
            "files cannot be read here (no base directory was given); name a preset or write it inline",
            ErrorCode::invalid_argument);
  }
  const std::string full = name[0] == '/' ? name : options.base_directory + "/" + name;
  std::ifstream in(full, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) invalid(child(path, "file"), "cannot read " + name, ErrorCode::not_found);
  return text.str();
}

Policy read_policy(const Source& source, const ScenarioOptions& options) {
  const std::string path = source.where("policy");
  const auto it = source.doc.find("policy");
  if (it == source.doc.end()) invalid(path, "is required (a preset's name, {\"file\": NAME} or a policy object)");
  try {
    if (it->is_string()) return Policy::preset(it->get<std::string>());
    if (it->is_object() && it->contains("file")) return Policy::from_json(read_referenced_file(*it, path, options));
    if (it->is_object()) return Policy::from_json(it->dump());
  } catch (const Error& e) {
    invalid(path, e.what(), e.code());
  }
  invalid(path, "must be a preset's name, {\"file\": NAME} or a policy object");
}

Calendar read_calendar(const Source& source, const ScenarioOptions& options) {
  const std::string path = source.where("calendar");
  const auto it = source.doc.find("calendar");
  if (it == source.doc.end()) return Calendar::national();
  try {
    if (it->is_string()) {
      if (it->get<std::string>() != Calendar::national().name()) {
        invalid(path,
                "the built-in calendar is '" + Calendar::national().name() + "'; give another as {\"file\": NAME}",
                ErrorCode::not_found);
      }
      return Calendar::national();
    }
    if (it->is_object() && it->contains("file")) return Calendar::from_json(read_referenced_file(*it, path, options));
    if (it->is_object()) return Calendar::from_json(it->dump());
  } catch (const Error& e) {
    invalid(path, e.what(), e.code());
  }
  invalid(path, "must be \"cn-national\", {\"file\": NAME} or a calendar object");
}

std::vector<std::string> ids_of(const std::vector<NamedEntry>& entries) {
  std::vector<std::string> ids;
  for (const auto& entry : entries) ids.push_back(entry.id);
  return ids;
}

std::vector<std::string> unit_ids(const Policy& policy) {
  std::vector<std::string> ids;
  for (const auto& unit : policy.units()) ids.push_back(unit.id);
  return ids;
}

std::vector<std::string> organisation_ids(const Policy& policy) {
  std::vector<std::string> ids;
  for (const auto& organisation : policy.organisations()) ids.push_back(organisation.id);
  return ids;
}

std::vector<StaffMember> read_staff(const Source& source, const Policy& policy) {
  std::vector<StaffMember> staff;
  const auto it = source.doc.find("staff");
  if (it == source.doc.end()) return staff;
  const std::string path = source.where("staff");
  if (!it->is_array()) invalid(path, "must be an array of {\"id\", \"roles\", \"unit\", \"organisation\", \"name\"}");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string at = child(path, i);
    const Json& entry = object_at((*it)[i], at);
    allow_only(entry, at, {"id", "name", "organisation", "unit", "roles"});
    StaffMember member;
    member.id = text_member(entry, at, "id").value_or("");
    if (member.id.empty()) invalid(child(at, "id"), "is required");
    if (!seen.insert(member.id).second) invalid(child(at, "id"), "'" + member.id + "' is listed twice");
    member.name = text_member(entry, at, "name").value_or(member.id);
    member.unit = text_member(entry, at, "unit").value_or("");
    if (!member.unit.empty())
      require_one_of(member.unit, child(at, "unit"), "a unit of this policy", unit_ids(policy), ErrorCode::not_found);
    const Unit* unit = member.unit.empty() ? nullptr : policy.find_unit(member.unit);
    const std::optional<std::string> organisation = text_member(entry, at, "organisation");
    if (organisation) {
      require_one_of(*organisation, child(at, "organisation"), "an organisation of this policy",
                     organisation_ids(policy), ErrorCode::not_found);
      if (unit != nullptr && unit->organisation != *organisation) {
        invalid(child(at, "organisation"), "unit '" + unit->id + "' belongs to '" + unit->organisation + "'");
      }
      member.organisation = *organisation;
    } else if (unit != nullptr) {
      member.organisation = unit->organisation;
    } else {
      invalid(child(at, "organisation"), "is required for a person without a unit");
    }
    const auto roles = entry.find("roles");
    if (roles == entry.end()) invalid(child(at, "roles"), "is required");
    member.roles = text_list(*roles, child(at, "roles"));
    if (member.roles.empty()) invalid(child(at, "roles"), "must name at least one role");
    for (std::size_t r = 0; r < member.roles.size(); ++r) {
      require_one_of(member.roles[r], child(child(at, "roles"), r), "a role of this policy", ids_of(policy.roles()),
                     ErrorCode::not_found);
    }
    staff.push_back(std::move(member));
  }
  return staff;
}

std::vector<RosterDay> read_roster(const Source& source, const Policy& policy, const std::vector<StaffMember>& staff) {
  std::vector<RosterDay> roster;
  const auto it = source.doc.find("roster");
  if (it == source.doc.end()) return roster;
  const std::string path = source.where("roster");
  if (!it->is_array()) invalid(path, "must be an array of {\"day\", \"unit\", \"staff\"}");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string at = child(path, i);
    const Json& entry = object_at((*it)[i], at);
    allow_only(entry, at, {"day", "unit", "staff"});
    RosterDay day;
    const std::string text = text_member(entry, at, "day").value_or("");
    try {
      day.day = parse_date(text);
    } catch (const Error& e) {
      invalid(child(at, "day"), e.what(), e.code());
    }
    day.unit = text_member(entry, at, "unit").value_or("");
    require_one_of(day.unit, child(at, "unit"), "a unit of this policy", unit_ids(policy), ErrorCode::not_found);
    const auto people = entry.find("staff");
    if (people == entry.end()) invalid(child(at, "staff"), "is required");
    day.staff = text_list(*people, child(at, "staff"));
    for (std::size_t s = 0; s < day.staff.size(); ++s) {
      const auto member =
          std::find_if(staff.begin(), staff.end(), [&](const StaffMember& m) { return m.id == day.staff[s]; });
      if (member == staff.end())
        invalid(child(child(at, "staff"), s), "'" + day.staff[s] + "' is not in the staff", ErrorCode::not_found);
      if (member->unit != day.unit)
        invalid(child(child(at, "staff"), s), "'" + member->id + "' is not of unit '" + day.unit + "'");
    }
    roster.push_back(std::move(day));
  }
  return roster;
}

// Checks what a petition names against the policy (unless the step expects it refused).
void check_petition(const Json& petition, const std::string& path, const Policy& policy) {
  if (!petition.is_object()) invalid(path, "must be an object (the petition's fields, docs/lifecycle.md)");
  const auto check = [&](const char* key, const char* what, const std::vector<std::string>& ids) {
    const auto it = petition.find(key);
    if (it == petition.end() || !it->is_string() || it->get<std::string>().empty()) return;
    require_one_of(it->get<std::string>(), child(path, key), what, ids, ErrorCode::not_found);
  };
  check("channel", "a channel of this policy", ids_of(policy.channels()));
  check("category", "a category of this policy", ids_of(policy.categories()));
  check("region", "a region of this policy", ids_of(policy.regions()));
  check("type", "a petition type", {"suggestion", "accusation", "claim"});
}

// Checks the ids a command's arguments name, and replaces case names by numbers later (run).
void check_args(const Json& args, const std::string& path, const Policy& policy, const std::set<std::string>& staff,
                const std::set<std::string>& cases) {
  if (!args.is_object()) invalid(path, "must be an object (the command's arguments, docs/lifecycle.md)");
  for (const auto& item : args.items()) {
    if (!item.value().is_string()) continue;
    const std::string value = item.value().get<std::string>();
    const std::string at = child(path, item.key());
    if (item.key() == "unit" && !value.empty()) {
      require_one_of(value, at, "a unit of this policy", unit_ids(policy), ErrorCode::not_found);
    } else if (item.key() == "organisation") {
      require_one_of(value, at, "an organisation of this policy", organisation_ids(policy), ErrorCode::not_found);
    } else if ((item.key() == "handler" || item.key() == "leader") && !value.empty() && staff.count(value) == 0) {
      invalid(at, "'" + value + "' is not in the staff", ErrorCode::not_found);
    } else if (item.key() == "into" && cases.count(value) == 0) {
      invalid(at, "'" + value + "' is not a case of this scenario (a name given by an intake's \"as\")",
              ErrorCode::not_found);
    }
  }
}

struct StepContext {
  const Policy& policy;
  const Calendar& calendar;
  std::set<std::string> staff;
  std::set<std::string> cases;
  std::string last_case;
  Instant previous;
  std::size_t intakes = 0;
};

Step read_step(const Json& value, const std::string& path, const Json& petition_defaults, StepContext& context) {
  const Json& entry = object_at(value, path);
  allow_only(entry, path, {"at", "actor", "intake", "as", "key", "command", "case", "args", "sweep", "expect"});
  Step step;
  step.path = path;
  step.at = context.previous;
  if (const auto at = text_member(entry, path, "at"))
    step.at = step_time(*at, context.previous, context.calendar, child(path, "at"));
  if (step.at < context.previous) {
    invalid(child(path, "at"), "is before the step before it (" + local_text(context.calendar, context.previous) + ")");
  }
  context.previous = step.at;

  const bool intake = entry.contains("intake");
  const bool command = entry.contains("command");
  const bool sweep = boolean_member(entry, path, "sweep").value_or(false);
  if (int(intake) + int(command) + int(sweep) > 1) invalid(path, "does one thing: an intake, a command or a sweep");
  const bool refused = entry.contains("expect") && entry["expect"].is_object() && entry["expect"].contains("error");

  if (intake || command) {
    step.actor = text_member(entry, path, "actor").value_or("");
    if (step.actor.empty()) invalid(child(path, "actor"), "is required (a staff id)");
    if (context.staff.count(step.actor) == 0) {
      invalid(child(path, "actor"), "'" + step.actor + "' is not in the scenario's staff", ErrorCode::not_found);
    }
  } else if (entry.contains("actor")) {
    invalid(child(path, "actor"), "only an intake or a command has an actor");
  }
  for (const char* key : {"as", "key"}) {
    if (!intake && entry.contains(key)) invalid(child(path, key), "belongs to an intake");
  }
  for (const char* key : {"case", "args"}) {
    if (!command && entry.contains(key)) invalid(child(path, key), "belongs to a command");
  }

  if (intake) {
    step.kind = StepKind::intake;
    step.args = petition_defaults.is_object() ? petition_defaults : Json::object();
    const Json& own = entry["intake"];
    if (!own.is_object()) invalid(child(path, "intake"), "must be an object (the petition's fields)");
    step.args.merge_patch(own);
    if (!step.args.contains("received_at")) step.args["received_at"] = lifecycle_detail::format_instant(step.at);
    if (!refused) check_petition(step.args, child(path, "intake"), context.policy);
    step.case_alias = text_member(entry, path, "as").value_or("case " + std::to_string(++context.intakes));
    if (!context.cases.insert(step.case_alias).second) {
      invalid(child(path, "as"), "'" + step.case_alias + "' names another case already");
    }
    step.idempotency_key = text_member(entry, path, "key").value_or("");
    context.last_case = step.case_alias;
  } else if (command) {
    step.kind = StepKind::command;
    const Json& name = entry["command"];
    if (!name.is_string()) invalid(child(path, "command"), "must be a command's name");
    step.command = name.get<std::string>();
    std::vector<std::string> names = command_names();
    names.erase(std::remove(names.begin(), names.end(), "intake"), names.end());
    require_one_of(step.command, child(path, "command"), "a command (an intake is written \"intake\": {...})", names);
    step.case_alias = text_member(entry, path, "case").value_or(context.last_case);
    if (step.case_alias.empty()) invalid(child(path, "case"), "no case has been taken in yet");
    if (context.cases.count(step.case_alias) == 0) {
      invalid(child(path, "case"),
              "'" + step.case_alias + "' is not a case of this scenario (a name given by an intake's \"as\")",
              ErrorCode::not_found);
    }
    step.args = entry.contains("args") ? entry["args"] : Json::object();
    if (!refused) check_args(step.args, child(path, "args"), context.policy, context.staff, context.cases);
    context.last_case = step.case_alias;
  } else {
    step.kind = sweep ? StepKind::sweep : StepKind::wait;
  }

  if (const auto expect = entry.find("expect"); expect != entry.end()) {
    ExpectContext expect_context{context.policy, context.calendar, context.staff, context.cases, context.last_case};
    step.expect = read_expectation(*expect, child(path, "expect"), expect_context,
                                   step.kind == StepKind::intake || step.kind == StepKind::command);
  }
  return step;
}

Scenario read_one(const Source& source, const ScenarioOptions& options) {
  allow_only(source.own, source.path,
             {"name", "description", "policy", "calendar", "start", "seed", "staff", "roster", "petition", "steps"});
  Scenario scenario;
  scenario.path = source.path;
  scenario.name = text_member(source.doc, source.holder("name"), "name").value_or("");
  const Policy policy = read_policy(source, options);
  scenario.policy_text = policy.to_json();
  scenario.calendar = read_calendar(source, options);
  const std::string start = text_member(source.doc, source.holder("start"), "start").value_or("");
  if (start.empty())
    invalid(source.where("start"), "is required (the scenario's first time, e.g. \"2025-03-03 09:00\")");
  scenario.start = absolute_time(start, scenario.calendar, source.where("start"));
  scenario.seed = static_cast<std::uint64_t>(
      integer_member(source.doc, source.holder("seed"), "seed", 0, std::numeric_limits<long long>::max()).value_or(1));
  scenario.staff = read_staff(source, policy);
  scenario.roster = read_roster(source, policy, scenario.staff);

  const Json petition = source.doc.contains("petition") ? source.doc["petition"] : Json::object();
  if (!petition.is_object())
    invalid(source.where("petition"), "must be an object (the fields every intake starts from)");
  const auto steps = source.doc.find("steps");
  if (steps == source.doc.end() || !steps->is_array() || steps->empty()) {
    invalid(source.where("steps"), "must be a non-empty array of steps");
  }
  if (steps->size() > kMaxSteps) invalid(source.where("steps"), "has more than 100000 steps");
  StepContext context{policy, scenario.calendar, {}, {}, "", scenario.start, 0};
  for (const auto& member : scenario.staff) context.staff.insert(member.id);
  const std::string steps_path = source.where("steps");
  for (std::size_t i = 0; i < steps->size(); ++i) {
    scenario.steps.push_back(read_step((*steps)[i], child(steps_path, i), petition, context));
  }
  return scenario;
}

}  // namespace

ReadFile read_scenarios(std::string_view json, const ScenarioOptions& options) {
  ReadFile file;
  Json doc;
  try {
    util::require_utf8(json, "scenario file");
    doc = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Error& e) {
    file.error_code = e.code();
    file.error = e.what();
    return file;
  } catch (const Json::exception& e) {
    std::string message = e.what();
    if (auto close = message.find("] "); close != std::string::npos) message = message.substr(close + 2);
    file.error_code = ErrorCode::parse_error;
    file.error = "scenario file: " + message;
    return file;
  }
  if (!doc.is_object()) {
    file.error_code = ErrorCode::invalid_data;
    file.error =
        Invalid{ErrorCode::invalid_data, "", "must be an object: a scenario, or {\"scenarios\": [...]}"}.text();
    return file;
  }

  std::vector<std::pair<Json, std::string>> scenarios;  // (own object, path)
  Json defaults = doc;
  if (doc.contains("scenarios")) {
    const Json& list = doc["scenarios"];
    if (!list.is_array() || list.empty()) {
      file.error_code = ErrorCode::invalid_data;
      file.error = Invalid{ErrorCode::invalid_data, "/scenarios", "must be a non-empty array of scenarios"}.text();
      return file;
    }
    defaults.erase("scenarios");
    for (std::size_t i = 0; i < list.size(); ++i) scenarios.emplace_back(list[i], "/scenarios/" + std::to_string(i));
  } else {
    scenarios.emplace_back(doc, "");
    defaults = Json::object();
  }

  std::set<std::string> names;
  for (const auto& [own, path] : scenarios) {
    ReadScenario read;
    try {
      const Json& object = object_at(own, path);
      Json merged = defaults;
      for (const auto& item : object.items()) {
        if (item.key() == "petition" && merged.contains("petition") && merged["petition"].is_object()) {
          merged["petition"].merge_patch(item.value());
        } else {
          merged[item.key()] = item.value();
        }
      }
      const Source source{merged, object, path};
      if (merged.contains("steps") && merged["steps"].is_array()) read.steps = merged["steps"].size();
      read.name = text_member(merged, source.holder("name"), "name").value_or("");
      if (read.name.empty()) invalid(source.where("name"), "is required (what the scenario shows, one line)");
      if (!path.empty()) {
        allow_only(defaults, "",
                   {"name", "description", "policy", "calendar", "start", "seed", "staff", "roster", "petition"});
        if (defaults.contains("name")) invalid("/name", "a suite's scenarios have a name each; the suite has none");
      }
      if (!names.insert(read.name).second) {
        invalid(source.where("name"), "'" + read.name + "' names another scenario of the file");
      }
      read.scenario = read_one(source, options);
    } catch (const Invalid& error) {
      read.error_code = error.code;
      read.error = error.text();
    }
    file.scenarios.push_back(std::move(read));
  }
  return file;
}

}  // namespace xinfang::scenario_detail
