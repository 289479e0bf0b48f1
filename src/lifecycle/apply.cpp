// apply() and fold(): how each event type changes a case. Pure and total over the event types
// of event_type_names(); a payload missing what its type needs is refused with its JSON path.
#include <algorithm>
#include <map>

#include "lifecycle/command_args.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang {
namespace {

using lifecycle_detail::JsonReader;
using lifecycle_detail::kMaxAddressBytes;
using lifecycle_detail::kMaxIdBytes;
using lifecycle_detail::kMaxIdNumberBytes;
using lifecycle_detail::kMaxListItems;
using lifecycle_detail::kMaxNameBytes;
using lifecycle_detail::kMaxPhoneBytes;
using lifecycle_detail::kMaxSubjectBytes;
using lifecycle_detail::kMaxTextBytes;

Outcome read_outcome(const JsonReader& p) {
  const std::string name = p.choice("outcome", {"supported", "partly_supported", "not_supported", "explained"});
  for (Outcome o : {Outcome::supported, Outcome::partly_supported, Outcome::not_supported, Outcome::explained}) {
    if (name == outcome_name(o)) return o;
  }
  return Outcome::none;
}

void apply_registered(CaseState& s, const Event& e, const JsonReader& p) {
  s.number = p.string("number", kMaxIdBytes);
  s.organisation = p.string("organisation", kMaxIdBytes);
  s.channel = p.string("channel", kMaxIdBytes);
  s.type = *parse_petition_type(p.choice("type", {"suggestion", "accusation", "claim"}));
  s.sub_route = p.string_or("sub_route", kMaxIdBytes, "");
  s.category = p.string("category", kMaxIdBytes);
  s.region = p.string_or("region", kMaxIdBytes, "");
  s.subject = p.string("subject", kMaxSubjectBytes);
  s.content = p.string("content", kMaxTextBytes, true);
  const auto petitioners = p.array("petitioners", kMaxListItems, true);
  for (std::size_t i = 0; i < petitioners.size(); ++i) {
    const JsonReader r = p.element("petitioners", i, *petitioners[i]);
    s.petitioners.push_back(Petitioner{r.string("name", kMaxNameBytes), r.string_or("id_number", kMaxIdNumberBytes, ""),
                                       r.string_or("phone", kMaxPhoneBytes, ""),
                                       r.string_or("address", kMaxAddressBytes, ""),
                                       r.boolean_or("representative", false)});
  }
  s.group = p.boolean_or("group", false);
  const auto attachments = p.array("attachments", kMaxListItems, false);
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    const JsonReader r = p.element("attachments", i, *attachments[i]);
    s.attachments.push_back(Attachment{r.string("name", kMaxNameBytes), r.string("media_type", kMaxNameBytes),
                                       r.integer("size", 0, std::int64_t{1} << 53), r.string("sha256", 64)});
  }
  s.identity_hashes = p.strings("identity_hashes", 64, false);
  s.query_code_hash = p.string("query_code_hash", 64);
  s.received_at = p.instant("received_at");
  s.registered_at = e.at;
  s.received_by = p.string_or("received_by", kMaxNameBytes, "");
  s.confidential = p.boolean_or("confidential", false);
  s.handled_below = p.string_or("handled_below", kMaxIdBytes, "");
  if (p.has("policy")) {
    const JsonReader policy = p.object("policy");
    s.policy_name = policy.string("name", kMaxIdBytes);
    s.policy_version = policy.string("version", kMaxIdBytes);
  }
  s.status = CaseStatus::registered;
}

void apply_repeat_flagged(CaseState& s, const Event&, const JsonReader& p) {
  s.repeat = true;
  for (auto& number : p.strings("repeat_of", kMaxIdBytes, true)) {
    if (std::find(s.repeat_of.begin(), s.repeat_of.end(), number) == s.repeat_of.end()) s.repeat_of.push_back(number);
  }
}

void apply_accepted(CaseState& s, const Event& e, const JsonReader&) {
  s.status = CaseStatus::accepted;
  s.accepted_at = e.at;
}

void apply_not_accepted(CaseState& s, const Event&, const JsonReader& p) {
  s.status = CaseStatus::not_accepted;
  s.not_accepted_reason = p.string("reason", kMaxIdBytes);
}

void apply_forwarded(CaseState& s, const Event&, const JsonReader& p) {
  s.status = CaseStatus::forwarded;
  s.forwarded_to = p.string("organisation", kMaxIdBytes);
}

void apply_assigned(CaseState& s, const Event& e, const JsonReader& p) {
  s.status = CaseStatus::assigned;
  s.unit = p.string("unit", kMaxIdBytes);
  s.handler.clear();
  s.assigned_by_unit = p.string_or("from_unit", kMaxIdBytes, "");
  s.assigned_at = e.at;
}

void apply_routed(CaseState& s, const Event& e, const JsonReader& p) {
  const std::string unit = p.string("unit", kMaxIdBytes);
  // The objection period runs from when the unit was given the case, not from its handler's choice.
  if (unit != s.unit || s.assigned_at.is_special()) s.assigned_at = e.at;
  s.unit = unit;
  s.handler = p.string("handler", kMaxIdBytes);
  s.status = CaseStatus::in_handling;
}

void apply_transferred(CaseState& s, const Event& e, const JsonReader& p) {
  s.unit = p.string("unit", kMaxIdBytes);
  s.handler = p.string_or("handler", kMaxIdBytes, "");
  s.assigned_at = e.at;
}

void apply_objected(CaseState& s, const Event&, const JsonReader&) {
  s.status = CaseStatus::accepted;
  s.unit.clear();
  s.handler.clear();
  s.assigned_by_unit.clear();
}

void apply_ownership_taken(CaseState& s, const Event&, const JsonReader& p) {
  s.owner_leader = p.string("leader", kMaxIdBytes);
}

void apply_marked_key(CaseState& s, const Event&, const JsonReader&) {
  s.key_case = true;
}

void apply_suspended(CaseState& s, const Event& e, const JsonReader& p) {
  s.status = CaseStatus::suspended;
  s.suspension_reason = p.string("reason", kMaxTextBytes);
  s.suspensions.push_back(Suspension{e.at, Instant(boost::posix_time::not_a_date_time), s.suspension_reason});
}

void apply_resumed(CaseState& s, const Event& e, const JsonReader& p) {
  s.status = *parse_case_status(p.choice("status", {"in_handling", "rereview_requested"}));
  s.suspension_reason.clear();
  if (!s.suspensions.empty() && s.suspensions.back().to.is_special()) s.suspensions.back().to = e.at;
}

void apply_extension_requested(CaseState& s, const Event&, const JsonReader& p) {
  s.extension_requested = static_cast<int>(p.integer("amount", 1, 100000));
}

void apply_extension_approved(CaseState& s, const Event&, const JsonReader& p) {
  s.extension_total += static_cast<int>(p.integer("amount", 1, 100000));
  s.extensions_granted += 1;
  s.extension_requested = 0;
}

void apply_extension_refused(CaseState& s, const Event&, const JsonReader&) {
  s.extension_requested = 0;
}

void apply_replied(CaseState& s, const Event& e, const JsonReader& p) {
  s.status = CaseStatus::replied;
  s.outcome = read_outcome(p);
  s.replied_at = e.at;
  s.extension_requested = 0;
  s.answers.push_back(RateableAnswer{"reply", e.at, s.unit, {}, {}, std::nullopt});
}

void apply_rated(CaseState& s, const Event& e, const JsonReader& p) {
  s.status = CaseStatus::rated;
  s.rating = p.string("level", kMaxIdBytes);
  s.rated_at = e.at;
  s.rated_after_review = p.string_or("for", kMaxIdBytes, "reply") == "review";
  s.resolved = p.optional_boolean("resolved");
  const std::string kind = s.rated_after_review ? "review" : "reply";
  for (auto it = s.answers.rbegin(); it != s.answers.rend(); ++it) {
    if (it->kind == kind) {
      it->rated_at = e.at;
      it->level = s.rating;
      it->resolved = s.resolved;
      break;
    }
  }
}

void apply_follow_up_required(CaseState& s, const Event&, const JsonReader&) {
  s.follow_up_pending = true;
}

void apply_followed_up(CaseState& s, const Event& e, const JsonReader&) {
  s.follow_up_pending = false;
  s.followed_up_at = e.at;
}

void apply_contacted(CaseState& s, const Event& e, const JsonReader&) {
  s.contacted_at = e.at;
}

void apply_review_requested(CaseState& s, const Event& e, const JsonReader&) {
  s.status = CaseStatus::review_requested;
  s.review_requested_at = e.at;
}

void apply_review_decided(CaseState& s, const Event& e, const JsonReader& p) {
  s.status = CaseStatus::reviewed;
  s.review_outcome = read_outcome(p);
  s.reviewed_at = e.at;
  s.answers.push_back(RateableAnswer{"review", e.at, e.actor.unit, {}, {}, std::nullopt});
}

void apply_rereview_requested(CaseState& s, const Event& e, const JsonReader&) {
  s.status = CaseStatus::rereview_requested;
  s.rereview_requested_at = e.at;
}

void apply_rereview_decided(CaseState& s, const Event& e, const JsonReader& p) {
  s.status = CaseStatus::concluded;
  s.rereview_outcome = read_outcome(p);
  s.concluded_at = e.at;
}

void apply_withdrawn(CaseState& s, const Event&, const JsonReader&) {
  s.status = CaseStatus::withdrawn;
}

void apply_merged(CaseState& s, const Event&, const JsonReader& p) {
  s.status = CaseStatus::merged;
  s.merged_into = p.string("into", kMaxIdBytes);
}

void apply_archived(CaseState& s, const Event&, const JsonReader&) {
  s.status = CaseStatus::archived;
}

void apply_nothing(CaseState&, const Event&, const JsonReader&) {}

void apply_merge_received(CaseState& s, const Event&, const JsonReader& p) {
  const std::string from = p.string("from", kMaxIdBytes);
  if (std::find(s.merged_from.begin(), s.merged_from.end(), from) == s.merged_from.end()) s.merged_from.push_back(from);
}

// A case arriving in a dossier from another organisation (dossier.hpp): it takes its number
// here and keeps a link to where it came from. Taken over, it starts afresh at the receiving
// organisation as a petition registered there — the petition itself and its history stay, the
// origin's handling (unit, clocks, answers, ratings) does not carry over, so that this
// organisation's clocks start from the receipt. Kept for archiving, nothing else changes.
void apply_dossier_received(CaseState& s, const Event& e, const JsonReader& p) {
  const std::string mode = p.choice("mode", {"take_over", "archive"});
  const JsonReader origin = p.object("origin");
  s.origin_number = origin.string("number", kMaxIdBytes);
  s.origin_organisation = origin.string("organisation", kMaxIdBytes);
  s.number = p.string("number", kMaxIdBytes);
  if (mode == "archive") return;
  CaseState received;
  received.version = s.version;
  received.number = std::move(s.number);
  received.origin_number = std::move(s.origin_number);
  received.origin_organisation = std::move(s.origin_organisation);
  received.organisation = p.string("organisation", kMaxIdBytes);
  received.channel = std::move(s.channel);
  received.type = s.type;
  received.sub_route = std::move(s.sub_route);
  received.category = std::move(s.category);
  received.region = std::move(s.region);
  received.subject = std::move(s.subject);
  received.content = std::move(s.content);
  received.petitioners = std::move(s.petitioners);
  received.group = s.group;
  received.attachments = std::move(s.attachments);
  received.identity_hashes = std::move(s.identity_hashes);
  received.query_code_hash = std::move(s.query_code_hash);
  received.confidential = s.confidential;
  received.repeat = s.repeat;
  received.repeat_of = std::move(s.repeat_of);
  received.received_at = e.at;
  received.registered_at = e.at;
  received.received_by = e.actor.id;
  if (p.has("policy")) {
    const JsonReader policy = p.object("policy");
    received.policy_name = policy.string("name", kMaxIdBytes);
    received.policy_version = policy.string("version", kMaxIdBytes);
  }
  received.status = CaseStatus::registered;
  s = std::move(received);
}

// Escalation steps the engine appends (a later issue): an optional "level" raises the case's
// escalation level; owner_assigned and key_marked_by_escalation also change what they name.
void apply_escalation(CaseState& s, const Event& e, const JsonReader& p) {
  if (auto level = p.optional_integer("level", 0, 1000)) {
    s.escalation_level = std::max(s.escalation_level, static_cast<int>(*level));
  }
  if (e.type == "owner_assigned") s.owner_leader = p.string("leader", kMaxIdBytes);
  if (e.type == "key_marked_by_escalation") s.key_case = true;
}

bool is_escalation_step(const std::string& type) {
  return type == "reminded" || type == "supervised" || type == "escalated" || type == "owner_assigned" ||
         type == "key_marked_by_escalation";
}

ClockMark clock_mark(const Event& e, const JsonReader& p) {
  ClockMark mark{e.type, e.at, {}, {}, 0, 0};
  if (e.type == "extension_approved") {
    mark.clock = p.string_or("clock", kMaxIdBytes, "");
    mark.amount = static_cast<int>(p.integer("amount", 1, 100000));
  } else if (is_escalation_step(e.type)) {
    mark.clock = p.string_or("clock", kMaxIdBytes, "");
    mark.step = p.string_or("step", kMaxIdBytes, "");
    mark.run = static_cast<int>(p.optional_integer("run", 0, 1000000).value_or(0));
  }
  return mark;
}

// While a case has no unit, the unit that registered it (its petition office) holds it.
void note_holder(CaseState& s, const Event& e) {
  if (s.holders.empty()) {
    s.holders.push_back(HolderSpell{e.at, s.unit.empty() ? e.actor.unit : s.unit});
    return;
  }
  const std::string& holder = s.unit.empty() ? s.holders.front().unit : s.unit;
  if (holder != s.holders.back().unit) s.holders.push_back(HolderSpell{e.at, holder});
}

using Applier = void (*)(CaseState&, const Event&, const JsonReader&);

const std::map<std::string, Applier, std::less<>>& appliers() {
  static const std::map<std::string, Applier, std::less<>> table = {
      {"registered", apply_registered},
      {"repeat_flagged", apply_repeat_flagged},
      {"accepted", apply_accepted},
      {"not_accepted", apply_not_accepted},
      {"forwarded", apply_forwarded},
      {"assigned", apply_assigned},
      {"routed", apply_routed},
      {"transferred", apply_transferred},
      {"objected", apply_objected},
      {"ownership_taken", apply_ownership_taken},
      {"marked_key", apply_marked_key},
      {"suspended", apply_suspended},
      {"resumed", apply_resumed},
      {"extension_requested", apply_extension_requested},
      {"extension_approved", apply_extension_approved},
      {"extension_refused", apply_extension_refused},
      {"replied", apply_replied},
      {"rated", apply_rated},
      {"follow_up_required", apply_follow_up_required},
      {"followed_up", apply_followed_up},
      {"contacted", apply_contacted},
      {"review_requested", apply_review_requested},
      {"review_decided", apply_review_decided},
      {"rereview_requested", apply_rereview_requested},
      {"rereview_decided", apply_rereview_decided},
      {"withdrawn", apply_withdrawn},
      {"merged", apply_merged},
      {"archived", apply_archived},
      {"note_added", apply_nothing},
      {"merge_received", apply_merge_received},
      {"exported", apply_nothing},
      {"dossier_received", apply_dossier_received},
      {"reminded", apply_escalation},
      {"supervised", apply_escalation},
      {"escalated", apply_escalation},
      {"owner_assigned", apply_escalation},
      {"key_marked_by_escalation", apply_escalation},
  };
  return table;
}

}  // namespace

CaseState apply(CaseState state, const Event& event) {
  const auto& table = appliers();
  auto it = table.find(event.type);
  if (it == table.end()) {
    throw Error(ErrorCode::invalid_data, "event '" + lifecycle_detail::printable(event.type) + "': unknown event type");
  }
  if (event.at.is_special()) throw Error(ErrorCode::invalid_data, "event " + event.type + ": its time is not set");
  if ((state.version == 0) != (event.type == "registered")) {
    throw Error(ErrorCode::invalid_data, "event " + event.type + " at version " + std::to_string(state.version) +
                                             ": a case's log begins with registered, and only there");
  }
  const JsonReader payload("event " + event.type, event.payload, "/payload", /*null_is_empty=*/true);
  it->second(state, event, payload);
  state.timeline.push_back(clock_mark(event, payload));
  note_holder(state, event);
  state.version += 1;
  return state;
}

CaseState fold(const std::vector<Event>& events) {
  CaseState state;
  for (const auto& event : events) state = apply(std::move(state), event);
  return state;
}

}  // namespace xinfang
