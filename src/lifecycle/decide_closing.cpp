// Ending a case and writing on it: withdraw (撤回), merge (合并), archive (归档), note.
#include "lifecycle/decide_internal.hpp"

namespace xinfang::lifecycle_detail {

Events decide_withdraw(const CaseState&, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"reason"});
  Json payload = Json::object();
  copy_note(args, payload, "reason");
  return {make_event(context, "withdrawn", std::move(payload))};
}

Events decide_merge(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"into", "note"});
  const std::string into = args.string("into", kMaxIdBytes);
  Json payload = {{"into", into}};
  copy_note(args, payload);
  if (into == state.number) args.fail("into", "is this case's own number");
  return {make_event(context, "merged", std::move(payload))};
}

// A replied case is archived only when the petitioner can no longer ask for review (Art. 35) or
// re-review (Art. 36): archiving earlier would cut off a statutory right.
Events decide_archive(const CaseState& state, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"note"});
  Json payload = Json::object();
  copy_note(args, payload);
  const bool after_reply =
      state.status == CaseStatus::replied || state.status == CaseStatus::rated || state.status == CaseStatus::reviewed;
  if (after_reply) {
    const bool reviewed = !state.reviewed_at.is_special();
    const char* window_id = reviewed ? "rereview_request" : "review_request";
    const Instant start = reviewed ? state.reviewed_at : state.replied_at;
    if (const auto end = window_end(context, window_id, start); end && context.now < *end) {
      const Period* window = context.policy.window(window_id);
      refuse(ErrorCode::out_of_window, command,
             std::string("the petitioner may still request ") + (reviewed ? "re-review" : "review") + " until " +
                 describe_end(context.calendar, *end) + " (" + window->article + ")");
    }
  }
  return {make_event(context, "archived", std::move(payload))};
}

Events decide_note(const CaseState&, const Command& command, const DecideContext& context) {
  const JsonReader args = read_args(command, {"text"});
  return {make_event(context, "note_added", {{"text", args.string("text", kMaxTextBytes)}})};
}

}  // namespace xinfang::lifecycle_detail
