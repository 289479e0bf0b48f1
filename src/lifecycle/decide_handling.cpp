// Handling a case: the owning leader (包案), key cases, suspension (中止), extensions of the
// handling period (Art. 34) and the reply (Arts. 32-33).
#include "lifecycle/decide_internal.hpp"
#include "xinfang/deadline.hpp"

namespace xinfang::lifecycle_detail {
namespace {

// Who acts on the case at its stage: the responsible unit while it is handled, the reviewing
// organisation while a re-review runs (its hearing may suspend it).
void require_stage_actor(const CaseState& state, const Command& command, const DecideContext& context, bool rereview,
                         const char* what) {
  if (rereview) {
    require_reviewing_organisation(state, command, context);
  } else {
    require_responsible_unit(state, command, context, what);
  }
}

const ClockRules& require_handling_clock(const CaseState& state, const Command& command, const DecideContext& context) {
  const ClockRules* clock = handling_clock(context.policy, state);
  if (clock == nullptr) {
    refuse(ErrorCode::invalid_state, command,
           std::string("no handling clock runs for a ") + petition_type_name(state.type) + " petition in policy " +
               context.policy.name() + ", so there is no period to extend");
  }
  if (clock->extension.max_total <= 0) {
    refuse(ErrorCode::invalid_state, command, "policy " + context.policy.name() + " allows no extension of handling");
  }
  return *clock;
}

// The handling clock as it stands: started, and (for an extension) not yet breached. Extensions
// are granted only before the deadline passes (Art. 34: "may extend" a period still running).
ClockReport require_handling_deadline(const CaseState& state, const Command& command, const DecideContext& context,
                                      const ClockRules& clock) {
  ClockReport report = evaluate_clock(state, clock, context.calendar, context.now);
  if (report.run == 0 || report.status == ClockStatus::met) {
    refuse(ErrorCode::invalid_state, command,
           report.run == 0
               ? "the handling clock has not started: the case was not accepted here"
               : "the handling clock stopped at " + format_instant(report.stopped_at) + " (" + report.stopped_by + ")");
  }
  require_before(
      command, context, report.deadline,
      describe_period(context.calendar, "handling", clock.period, report.started_at) +
          (report.extension_total > 0 ? " with " + std::to_string(report.extension_total) + " granted" : ""));
  return report;
}

// Art. 34: at most max_times extensions, max_total in all.
void require_extension_room(const CaseState& state, const Command& command, const ClockRules& clock, int amount,
                            const JsonReader* args) {
  const ExtensionRule& rule = clock.extension;
  if (state.extensions_granted >= rule.max_times) {
    refuse(ErrorCode::invalid_state, command,
           "the handling period may be extended at most " + std::to_string(rule.max_times) + " time(s) (" +
               rule.article + "); " + std::to_string(state.extensions_granted) + " granted");
  }
  if (state.extension_total + amount > rule.max_total) {
    const std::string why = "at most " + std::to_string(rule.max_total - state.extension_total) + " more " +
                            period_unit_name(clock.period.unit) + " may be granted (" + std::to_string(rule.max_total) +
                            " in all, " + rule.article + ")";
    if (args != nullptr) args->fail("amount", why);
    refuse(ErrorCode::invalid_state, command, why);
  }
}

// The approver of an extension: the policy's approving role, in the body that handles the case.
void require_approver(const CaseState& state, const Command& command, const DecideContext& context,
                      const ClockRules& clock) {
  const ExtensionRule& rule = clock.extension;
  if (!rule.approver_role.empty() && !context.actor.has_role(rule.approver_role)) {
    refuse(ErrorCode::forbidden, command,
           "an extension is decided by role " + rule.approver_role + " (" + rule.article + "); actor " +
               context.actor.id + " does not have it");
  }
  const Unit* unit = context.policy.find_unit(state.unit);
  const std::string body = unit != nullptr ? unit->organisation : state.organisation;
  if (context.actor.organisation != body) {
    refuse(ErrorCode::forbidden, command,
           "an extension is decided in the organisation that handles the case (" + body + "); actor " +
               context.actor.id + " is of " +
               (context.actor.organisation.empty() ? "(none)" : context.actor.organisation));
  }
}

void require_pending(const CaseState& state, const Command& command) {
  if (state.extension_requested <= 0)
    refuse(ErrorCode::invalid_state, command, "no extension request awaits a decision");
}

}  // namespace

Events decide_take_ownership(const CaseState&, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"leader", "note"});
  Json payload = {{"leader", args.string("leader", kMaxIdBytes)}};
  copy_note(args, payload);
  return {make_event(context, "ownership_taken", std::move(payload))};
}

Events decide_mark_key(const CaseState&, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"note"});
  Json payload = Json::object();
  copy_note(args, payload);
  return {make_event(context, "marked_key", std::move(payload))};
}

Events decide_suspend(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"reason"});
  const std::string reason = args.string("reason", kMaxTextBytes);
  require_stage_actor(state, command, context, state.status == CaseStatus::rereview_requested, "suspend it");
  return {make_event(context, "suspended", {{"reason", reason}, {"from_status", case_status_name(state.status)}})};
}

Events decide_resume(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"reason"});
  Json payload = Json::object();
  copy_note(args, payload, "reason");
  // Suspension happens while handling or during a re-review; the case returns where it was.
  const bool rereview = !state.rereview_requested_at.is_special();
  require_stage_actor(state, command, context, rereview, "resume it");
  payload["status"] = rereview ? "rereview_requested" : "in_handling";
  return {make_event(context, "resumed", std::move(payload))};
}

Events decide_contact(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"method", "note"});
  const std::string method = args.choice("method", {"phone", "visit", "message", "online", "letter", "other"});
  Json payload = {{"method", method}};
  copy_note(args, payload);
  require_responsible_unit(state, command, context, "contact the petitioner");
  return {make_event(context, "contacted", std::move(payload))};
}

Events decide_request_extension(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"amount", "reason"});
  const int amount = static_cast<int>(args.integer("amount", 1, 100000));
  const std::string reason = args.string("reason", kMaxTextBytes);
  require_responsible_unit(state, command, context, "ask for an extension");
  const ClockRules& clock = require_handling_clock(state, command, context);
  if (state.extension_requested > 0) {
    refuse(ErrorCode::invalid_state, command,
           "an extension of " + std::to_string(state.extension_requested) + " " + period_unit_name(clock.period.unit) +
               " awaits a decision already");
  }
  require_extension_room(state, command, clock, amount, &args);
  const Instant deadline = require_handling_deadline(state, command, context, clock).deadline;
  return {make_event(context, "extension_requested",
                     {{"clock", clock.id},
                      {"amount", amount},
                      {"unit", period_unit_name(clock.period.unit)},
                      {"reason", reason},
                      {"deadline", format_instant(deadline)}})};
}

Events decide_approve_extension(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"note"});
  Json payload = Json::object();
  copy_note(args, payload);
  require_pending(state, command);
  const ClockRules& clock = require_handling_clock(state, command, context);
  require_approver(state, command, context, clock);
  require_extension_room(state, command, clock, state.extension_requested, nullptr);
  const ClockReport before = require_handling_deadline(state, command, context, clock);
  // The new deadline is the old count with the extension added: no second roll-forward.
  CaseState extended = state;
  extended.timeline.push_back({"extension_approved", context.now, clock.id, {}, 0, state.extension_requested});
  const Instant deadline = evaluate_clock(extended, clock, context.calendar, context.now).deadline;
  payload["clock"] = clock.id;
  payload["amount"] = state.extension_requested;
  payload["unit"] = period_unit_name(clock.period.unit);
  payload["deadline"] = format_instant(deadline);
  payload["previous_deadline"] = format_instant(before.deadline);
  payload["article"] = clock.extension.article;
  return {make_event(context, "extension_approved", std::move(payload))};
}

Events decide_refuse_extension(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"reason"});
  const std::string reason = args.string("reason", kMaxTextBytes);
  require_pending(state, command);
  const ClockRules& clock = require_handling_clock(state, command, context);
  require_approver(state, command, context, clock);
  require_handling_deadline(state, command, context, clock);
  return {make_event(context, "extension_refused", {{"amount", state.extension_requested}, {"reason", reason}})};
}

Events decide_reply(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"outcome", "text"});
  const std::string outcome = args.choice("outcome", outcome_choices());
  const std::string text = args.string("text", kMaxTextBytes);
  require_responsible_unit(state, command, context, "reply");
  return {make_event(context, "replied", {{"outcome", outcome}, {"text", text}, {"replied_by", context.actor.id}})};
}

}  // namespace xinfang::lifecycle_detail
