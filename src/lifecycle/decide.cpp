// decide(): the checks every command passes, in a fixed order, then the command's own decider.
//
//   1. the command exists, and the context is usable (a real time, an actor with an id);
//   2. the case's status allows it (invalid_state; status_table.cpp);
//   3. the actor has one of the policy's roles for it (forbidden);
//   4. its arguments have the command's shape (invalid_data / invalid_utf8, with the JSON path);
//   5. the ids it names exist in the policy (not_found);
//   6. the rules of the command: who in particular, which window, which state of the case
//      (forbidden, out_of_window, invalid_state, invalid_data).
// The first failure is reported.
#include <algorithm>
#include <map>

#include "lifecycle/decide_internal.hpp"
#include "util/utf8.hpp"

namespace xinfang {
namespace lifecycle_detail {

void refuse(ErrorCode code, const Command& command, const std::string& why) {
  throw Error(code, "command " + command.name + ": " + why);
}

JsonReader read_args(const Command& command, std::initializer_list<std::string_view> keys) {
  JsonReader reader("command " + command.name, command.args, "/args", /*null_is_empty=*/true);
  reader.allow_only(keys);
  return reader;
}

Event make_event(const DecideContext& context, std::string type, Json payload) {
  payload["policy_version"] = context.policy.version();
  return Event{std::move(type), context.now, context.actor, std::move(payload)};
}

void copy_note(const JsonReader& args, Json& payload, std::string_view key) {
  if (auto note = args.optional_string(key, kMaxTextBytes)) payload[std::string(key)] = *note;
}

bool is_within(const Policy& policy, std::string_view organisation, std::string_view ancestor) {
  std::string current(organisation);
  // The tree is validated acyclic by the policy loader; the bound guards against a bad one.
  for (std::size_t depth = 0; depth <= policy.organisations().size() && !current.empty(); ++depth) {
    if (current == ancestor) return true;
    const Organisation* org = policy.find_organisation(current);
    if (org == nullptr) return false;
    current = org->parent;
  }
  return false;
}

std::string reviewing_organisation(const Policy& policy, const CaseState& state) {
  const Organisation* org = policy.find_organisation(state.organisation);
  if (org != nullptr && !org->parent.empty()) return org->parent;
  return state.organisation;
}

void require_responsible_unit(const CaseState& state, const Command& command, const DecideContext& context,
                              const char* what) {
  if (context.actor.unit != state.unit) {
    refuse(ErrorCode::forbidden, command,
           std::string("only the unit responsible for the case (") + (state.unit.empty() ? "none" : state.unit) +
               ") may " + what + "; actor " + context.actor.id + " is in unit " +
               (context.actor.unit.empty() ? "(none)" : context.actor.unit));
  }
}

void require_reviewing_organisation(const CaseState& state, const Command& command, const DecideContext& context) {
  const std::string reviewer = reviewing_organisation(context.policy, state);
  if (context.actor.organisation != reviewer) {
    refuse(ErrorCode::forbidden, command,
           "only the organisation one level up (" + reviewer + ") reviews a case of " + state.organisation +
               " (信访工作条例 第三十五条、第三十六条); actor " + context.actor.id + " is of " +
               (context.actor.organisation.empty() ? "(none)" : context.actor.organisation));
  }
}

std::string describe_end(const Calendar& calendar, Instant end) {
  // A day period ends at 24:00 local, the first instant of the next local day.
  const Instant local = end + boost::posix_time::minutes(calendar.utc_offset_minutes());
  if (local.time_of_day() == boost::posix_time::time_duration(0, 0, 0)) {
    return format_date(local.date() - boost::gregorian::days(1)) + " 24:00 (" + calendar.time_zone() + ")";
  }
  return format_instant(end);
}

std::string describe_period(const Calendar& calendar, const std::string& name, const Period& period, Instant start) {
  std::string text = "the " + name + " period (" + std::to_string(period.limit) + " " + period_unit_name(period.unit) +
                     " from " + format_date(calendar.local_date(start));
  if (!period.article.empty()) text += ", " + period.article;
  return text + ")";
}

std::string reason_article(const Policy& policy, std::string_view reason, const char* fallback) {
  const NamedEntry* entry = policy.find_not_accepted_reason(reason);
  return entry != nullptr && !entry->article.empty() ? entry->article : fallback;
}

void require_before(const Command& command, const DecideContext& context, Instant end, const std::string& rule) {
  if (context.now >= end) {
    refuse(ErrorCode::out_of_window, command, rule + " ended " + describe_end(context.calendar, end));
  }
}

std::optional<Instant> window_end(const DecideContext& context, std::string_view window, Instant start) {
  const Period* period = context.policy.window(window);
  if (period == nullptr || start.is_special()) return std::nullopt;
  return context.calendar.period_end(start, period->limit, period->unit);
}

std::optional<Outcome> parse_outcome(std::string_view name) {
  for (Outcome outcome : {Outcome::supported, Outcome::partly_supported, Outcome::not_supported, Outcome::explained}) {
    if (name == outcome_name(outcome)) return outcome;
  }
  return std::nullopt;
}

const std::vector<std::string>& outcome_choices() {
  static const std::vector<std::string> choices = {"supported", "partly_supported", "not_supported", "explained"};
  return choices;
}

namespace {

using Decider = Events (*)(const CaseState&, const Command&, const DecideContext&);

const std::map<std::string, Decider, std::less<>>& deciders() {
  static const std::map<std::string, Decider, std::less<>> table = {
      {"intake", decide_intake},
      {"accept", decide_accept},
      {"not_accept", decide_not_accept},
      {"forward", decide_forward},
      {"assign", decide_assign},
      {"route", decide_route},
      {"transfer", decide_transfer},
      {"object", decide_object},
      {"take_ownership", decide_take_ownership},
      {"mark_key", decide_mark_key},
      {"contact", decide_contact},
      {"suspend", decide_suspend},
      {"resume", decide_resume},
      {"request_extension", decide_request_extension},
      {"approve_extension", decide_approve_extension},
      {"refuse_extension", decide_refuse_extension},
      {"reply", decide_reply},
      {"rate", decide_rate},
      {"follow_up", decide_follow_up},
      {"request_review", decide_request_review},
      {"decide_review", decide_decide_review},
      {"request_rereview", decide_request_rereview},
      {"decide_rereview", decide_decide_rereview},
      {"withdraw", decide_withdraw},
      {"merge", decide_merge},
      {"archive", decide_archive},
      {"note", decide_note},
  };
  return table;
}

std::string join_statuses(const std::vector<CaseStatus>& statuses) {
  std::string out;
  for (CaseStatus s : statuses) out += (out.empty() ? "" : ", ") + std::string(case_status_name(s));
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void check_context(const Command& command, const DecideContext& context) {
  if (context.now.is_special()) refuse(ErrorCode::invalid_argument, command, "the command's time is not a real time");
  const Actor& actor = context.actor;
  if (actor.id.empty()) refuse(ErrorCode::invalid_argument, command, "the actor has no id");
  for (const std::string* text : {&actor.id, &actor.organisation, &actor.unit}) {
    if (util::find_invalid_utf8(*text) != std::string::npos) {
      refuse(ErrorCode::invalid_utf8, command, "the actor's id, organisation or unit is not valid UTF-8");
    }
  }
  for (const auto& role : actor.roles) {
    if (util::find_invalid_utf8(role) != std::string::npos) {
      refuse(ErrorCode::invalid_utf8, command, "an actor's role is not valid UTF-8");
    }
  }
}

void check_status(const CaseState& state, const Command& command, const std::vector<CaseStatus>& allowed) {
  if (command.name == "intake") {
    if (state.version != 0) {
      refuse(ErrorCode::invalid_state, command,
             "case " + state.number + " is already registered; intake starts a new case");
    }
    return;
  }
  if (state.version == 0) refuse(ErrorCode::invalid_state, command, "there is no case yet; a case begins with intake");
  if (std::find(allowed.begin(), allowed.end(), state.status) == allowed.end()) {
    refuse(ErrorCode::invalid_state, command,
           std::string("not allowed in status ") + case_status_name(state.status) +
               " (allowed in: " + (allowed.empty() ? std::string("none") : join_statuses(allowed)) + ")");
  }
}

void check_role(const Command& command, const DecideContext& context) {
  const auto& roles = context.policy.roles_for(command.name);
  for (const auto& role : roles) {
    if (context.actor.has_role(role)) return;
  }
  refuse(ErrorCode::forbidden, command,
         "actor " + context.actor.id + " has none of the roles policy " + context.policy.name() + " allows (" +
             (roles.empty() ? std::string("nobody may") : join(roles)) + ")");
}

}  // namespace
}  // namespace lifecycle_detail

std::vector<Event> decide(const CaseState& state, const Command& command, const DecideContext& context) {
  using namespace lifecycle_detail;
  if (util::find_invalid_utf8(command.name) != std::string::npos) {
    throw Error(ErrorCode::invalid_utf8, "command name is not valid UTF-8: " + printable(command.name));
  }
  const auto& table = deciders();
  auto it = table.find(command.name);
  const std::vector<CaseStatus>* allowed = allowed_statuses(command.name);
  if (it == table.end() || allowed == nullptr) {
    throw Error(ErrorCode::invalid_data,
                "unknown command '" + printable(command.name) + "' (docs/lifecycle.md lists them)");
  }
  check_context(command, context);
  check_status(state, command, *allowed);
  check_role(command, context);
  return it->second(state, command, context);
}

}  // namespace xinfang
