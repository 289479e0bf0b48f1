// After the reply: the petitioner's rating (Art. 21), review (复查, Art. 35) and re-review
// (复核, Art. 36), which concludes the matter.
#include "lifecycle/decide_internal.hpp"

namespace xinfang::lifecycle_detail {
namespace {

// The rating window: the policy's "rating" window, else the rating rules' own.
const Period* rating_window(const Policy& policy) {
  if (const Period* window = policy.window("rating")) return window;
  return policy.rating().window.limit > 0 ? &policy.rating().window : nullptr;
}

void require_in_window(const Command& command, const DecideContext& context, const char* window_id,
                       const std::string& name, Instant start) {
  const Period* window = context.policy.window(window_id);
  if (window == nullptr || start.is_special()) return;
  const Instant end = context.calendar.period_end(start, window->limit, window->unit);
  require_before(command, context, end, describe_period(context.calendar, name, *window, start));
}

Events decide_decision(const CaseState& state, const Command& command, const DecideContext& context,
                       const char* event_type) {
  const JsonReader args = read_args(command, {"outcome", "text"});
  const std::string outcome = args.choice("outcome", outcome_choices());
  const std::string text = args.string("text", kMaxTextBytes);
  require_reviewing_organisation(state, command, context);
  return {make_event(context, event_type, {{"outcome", outcome}, {"text", text}})};
}

}  // namespace

Events decide_rate(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"level", "resolved", "comment"});
  const std::string level = args.string("level", kMaxIdBytes);
  Json payload = {{"level", level}};
  if (const std::optional<bool> resolved = args.optional_boolean("resolved")) payload["resolved"] = *resolved;
  copy_note(args, payload, "comment");
  const RatingLevel* rating = context.policy.find_rating_level(level);
  if (rating == nullptr) {
    args.fail(ErrorCode::not_found, "level", "no rating level '" + level + "' in policy " + context.policy.name());
  }
  // One rating per reply: the reply's in status replied, the review opinion's in status reviewed.
  const bool of_review = state.status == CaseStatus::reviewed;
  const Instant start = of_review ? state.reviewed_at : state.replied_at;
  payload["for"] = of_review ? "review" : "reply";
  if (const Period* window = rating_window(context.policy)) {
    const Instant end = context.calendar.period_end(start, window->limit, window->unit);
    require_before(command, context, end, describe_period(context.calendar, "rating", *window, start));
  }
  Events events = {make_event(context, "rated", std::move(payload))};
  // The policy's scale says which levels call for a follow-up (回访); a clock may start on it.
  if (rating->follow_up) {
    events.push_back(
        make_event(context, "follow_up_required", {{"level", level}, {"for", of_review ? "review" : "reply"}}));
  }
  return events;
}

Events decide_follow_up(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"result", "resolved"});
  Json payload = {{"result", args.string("result", kMaxTextBytes)}};
  if (const std::optional<bool> resolved = args.optional_boolean("resolved")) payload["resolved"] = *resolved;
  if (!state.follow_up_pending) {
    refuse(ErrorCode::invalid_state, command, "no follow-up is pending: only a rating whose level asks for one does");
  }
  return {make_event(context, "followed_up", std::move(payload))};
}

Events decide_request_review(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"reason"});
  Json payload = Json::object();
  copy_note(args, payload, "reason");
  if (state.status == CaseStatus::rated && (state.rated_after_review || !state.reviewed_at.is_special())) {
    refuse(ErrorCode::invalid_state, command, "the review is decided already; request_rereview comes next");
  }
  require_in_window(command, context, "review_request", "review request", state.replied_at);
  return {make_event(context, "review_requested", std::move(payload))};
}

Events decide_decide_review(const CaseState& state, const Command& command, const DecideContext& context) {
  return decide_decision(state, command, context, "review_decided");
}

Events decide_request_rereview(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"reason"});
  Json payload = Json::object();
  copy_note(args, payload, "reason");
  if (state.reviewed_at.is_special()) {
    refuse(ErrorCode::invalid_state, command, "no review has been decided; request_review comes first");
  }
  require_in_window(command, context, "rereview_request", "re-review request", state.reviewed_at);
  return {make_event(context, "rereview_requested", std::move(payload))};
}

Events decide_decide_rereview(const CaseState& state, const Command& command, const DecideContext& context) {
  return decide_decision(state, command, context, "rereview_decided");
}

}  // namespace xinfang::lifecycle_detail
