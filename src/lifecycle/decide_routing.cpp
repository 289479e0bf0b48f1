// The first decisions on a petition and where it goes: accept (受理), not_accept (不予受理),
// forward (转送), assign (交办), route (分办 to a unit and handler), transfer between units, and
// the objection of a unit that thinks it was wrongly given the case (Art. 23 ¶3).
#include <algorithm>

#include "lifecycle/decide_internal.hpp"

namespace xinfang::lifecycle_detail {
namespace {

constexpr const char* kArt19 = "信访工作条例 第十九条第三款";

const Unit& find_unit(const JsonReader& args, const DecideContext& context, const std::string& id) {
  const Unit* unit = context.policy.find_unit(id);
  if (unit == nullptr)
    args.fail(ErrorCode::not_found, "unit", "no unit '" + id + "' in policy " + context.policy.name());
  return *unit;
}

// A unit of the case's organisation or of an organisation below it.
void require_unit_within(const JsonReader& args, const CaseState& state, const DecideContext& context,
                         const Unit& unit) {
  if (!is_within(context.policy, unit.organisation, state.organisation)) {
    args.fail("unit", "is a unit of " + unit.organisation + ", which is neither " + state.organisation +
                          " nor an organisation below it");
  }
}

Json period_json(const Period& period) {
  return {{"limit", period.limit}, {"unit", period_unit_name(period.unit)}, {"article", period.article}};
}

}  // namespace

Events decide_accept(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"note"});
  Json payload = Json::object();
  copy_note(args, payload);
  if (!state.handled_below.empty()) {
    refuse(ErrorCode::invalid_state, command,
           "case " + state.handled_below + " of the same matter is open at an organisation below " +
               state.organisation + ", so it is not accepted here (" +
               reason_article(context.policy, "handled_below", kArt19) + ")");
  }
  // Art. 31 (1)-(5): a claim on a route of its own (litigation, arbitration...) is redirected.
  const PetitionTypeRules& rules = context.policy.rules_for(state.type);
  for (const SubRoute& route : rules.routes) {
    if (route.id == state.sub_route && !route.handled_here) {
      refuse(ErrorCode::invalid_state, command,
             "a petition on the route '" + route.id + "' (" + route.name + ") goes to its own procedure (" +
                 route.article + "); not_accept it with that reason");
    }
  }
  return {make_event(context, "accepted", std::move(payload))};
}

Events decide_not_accept(const CaseState&, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"reason", "note"});
  const std::string reason = args.string("reason", kMaxIdBytes);
  Json payload = {{"reason", reason}};
  copy_note(args, payload);
  const NamedEntry* entry = context.policy.find_not_accepted_reason(reason);
  if (entry == nullptr) {
    args.fail(ErrorCode::not_found, "reason",
              "no reason '" + reason + "' for not accepting in policy " + context.policy.name());
  }
  payload["article"] = entry->article;
  return {make_event(context, "not_accepted", std::move(payload))};
}

Events decide_forward(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"organisation", "note"});
  const std::string organisation = args.string("organisation", kMaxIdBytes);
  Json payload = {{"organisation", organisation}};
  copy_note(args, payload);
  if (context.policy.find_organisation(organisation) == nullptr) {
    args.fail(ErrorCode::not_found, "organisation",
              "no organisation '" + organisation + "' in policy " + context.policy.name());
  }
  if (organisation == state.organisation) {
    args.fail("organisation", "is the case's own organisation; forwarding (转送) sends a petition to another");
  }
  return {make_event(context, "forwarded", std::move(payload))};
}

Events decide_assign(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"unit", "report_back", "note"});
  const std::string unit_id = args.string("unit", kMaxIdBytes);
  std::optional<Period> report_back;
  if (args.has("report_back")) {
    const JsonReader period = args.object("report_back");
    period.allow_only({"limit", "unit"});
    Period p;
    p.limit = static_cast<int>(period.integer("limit", 1, 100000));
    p.unit = *parse_period_unit(
        period.choice("unit", {"calendar_days", "working_days", "statutory_days", "hours", "business_hours"}));
    report_back = p;
  } else if (const Period* fallback = context.policy.window("report_back")) {
    report_back = *fallback;
  }
  Json payload = Json::object();
  copy_note(args, payload);
  const Unit& unit = find_unit(args, context, unit_id);
  require_unit_within(args, state, context, unit);
  payload["unit"] = unit.id;
  payload["organisation"] = unit.organisation;
  payload["from_unit"] = context.actor.unit;
  if (report_back) {
    payload["report_back"] = period_json(*report_back);
    payload["report_back_due"] =
        format_instant(context.calendar.period_end(context.now, report_back->limit, report_back->unit));
  }
  return {make_event(context, "assigned", std::move(payload))};
}

Events decide_route(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"unit", "handler", "manual", "rule", "note"});
  const std::string unit_id = args.string("unit", kMaxIdBytes);
  const std::string handler = args.string("handler", kMaxIdBytes);
  const bool manual = args.boolean_or("manual", false);
  const std::string rule = args.string_or("rule", kMaxNameBytes, "");
  Json payload = {{"unit", unit_id}, {"handler", handler}, {"manual", manual}};
  if (!rule.empty()) payload["rule"] = rule;
  copy_note(args, payload);
  const Unit& unit = find_unit(args, context, unit_id);
  if (state.status == CaseStatus::assigned) {
    if (unit.id != state.unit) {
      args.fail("unit", "the case is assigned to unit " + state.unit +
                            "; route chooses its handler there (transfer moves it to another unit)");
    }
  } else if (unit.organisation != state.organisation) {
    args.fail("unit", "is a unit of " + unit.organisation + "; route sends a case within " + state.organisation +
                          " (assign sends it to a unit below)");
  }
  return {make_event(context, "routed", std::move(payload))};
}

Events decide_transfer(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"unit", "handler", "reason"});
  const std::string unit_id = args.string("unit", kMaxIdBytes);
  const std::string handler = args.string_or("handler", kMaxIdBytes, "");
  Json payload = {{"from_unit", state.unit}, {"from_handler", state.handler}, {"unit", unit_id}, {"handler", handler}};
  copy_note(args, payload, "reason");
  const Unit& unit = find_unit(args, context, unit_id);
  if (unit.id == state.unit) args.fail("unit", "is the unit that has the case already");
  require_unit_within(args, state, context, unit);
  return {make_event(context, "transferred", std::move(payload))};
}

Events decide_object(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"reason"});
  const std::string reason = args.string("reason", kMaxTextBytes);
  require_responsible_unit(state, command, context, "object to it");
  const Period* window = context.policy.window("objection");
  if (window == nullptr) {
    refuse(ErrorCode::invalid_state, command, "policy " + context.policy.name() + " defines no objection window");
  }
  const Instant end = context.calendar.period_end(state.assigned_at, window->limit, window->unit);
  require_before(command, context, end, describe_period(context.calendar, "objection", *window, state.assigned_at));
  return {make_event(
      context, "objected",
      {{"unit", state.unit}, {"handler", state.handler}, {"reason", reason}, {"window_end", format_instant(end)}})};
}

}  // namespace xinfang::lifecycle_detail
