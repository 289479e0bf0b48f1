// Views of a case and of its events for a reader. A 检举控告 petitioner's identity never reaches
// a reader without the policy's confidential-reader role (信访工作条例 第三十条第三款, 第四十六条):
// the names, identity numbers, phones and addresses are left out of the JSON — not masked — and so
// are the identity hashes derived from them. The data itself is never changed.
#include "lifecycle/command_args.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang {
namespace {

using lifecycle_detail::actor_json;
using lifecycle_detail::format_instant;

// The role of a petitioner acting through the portal (docs/lifecycle.md): in a confidential
// case such an event's actor is shown by role alone.
constexpr const char* kPetitionerRole = "petitioner";

bool is_confidential(const CaseState& state, const Policy& policy) {
  return state.confidential || policy.rules_for(state.type).confidential;
}

bool may_see_identity(const CaseState& state, const Policy& policy, const std::optional<Actor>& reader) {
  if (!is_confidential(state, policy)) return true;
  if (!reader) return false;  // a number and query code are not proof of being the reporter
  const std::string& role = policy.confidential_reader_role();
  return !role.empty() && reader->has_role(role);
}

Json instant_json(Instant instant) {
  if (instant.is_special()) return nullptr;
  return format_instant(instant);
}

Json petitioner_json(const Petitioner& p, bool identity) {
  Json out = Json::object();
  if (identity) {
    out["name"] = p.name;
    out["id_number"] = p.id_number;
    out["phone"] = p.phone;
    out["address"] = p.address;
  }
  out["representative"] = p.representative;
  return out;
}

}  // namespace

Json case_view(const CaseState& state, const Policy& policy, const std::optional<Actor>& reader) {
  const bool identity = may_see_identity(state, policy, reader);
  Json petitioners = Json::array();
  for (const auto& p : state.petitioners) petitioners.push_back(petitioner_json(p, identity));
  Json attachments = Json::array();
  for (const auto& a : state.attachments) {
    attachments.push_back({{"name", a.name}, {"media_type", a.media_type}, {"size", a.size}, {"sha256", a.sha256}});
  }
  Json suspensions = Json::array();
  for (const auto& s : state.suspensions) {
    suspensions.push_back({{"from", instant_json(s.from)}, {"to", instant_json(s.to)}, {"reason", s.reason}});
  }
  Json view = {
      {"version", state.version},
      {"number", state.number},
      {"status", case_status_name(state.status)},
      {"organisation", state.organisation},
      {"channel", state.channel},
      {"type", petition_type_name(state.type)},
      {"sub_route", state.sub_route},
      {"category", state.category},
      {"region", state.region},
      {"subject", state.subject},
      {"content", state.content},
      {"petitioners", petitioners},
      {"group", state.group},
      {"attachments", attachments},
      {"received_at", instant_json(state.received_at)},
      {"registered_at", instant_json(state.registered_at)},
      {"received_by", state.received_by},
      {"accepted_at", instant_json(state.accepted_at)},
      {"assigned_at", instant_json(state.assigned_at)},
      {"unit", state.unit},
      {"handler", state.handler},
      {"assigned_by_unit", state.assigned_by_unit},
      {"owner_leader", state.owner_leader},
      {"key_case", state.key_case},
      {"confidential", is_confidential(state, policy)},
      {"redacted", !identity},
      {"repeat", state.repeat},
      {"repeat_of", state.repeat_of},
      {"handled_below", state.handled_below},
      {"merged_into", state.merged_into},
      {"merged_from", state.merged_from},
      {"not_accepted_reason", state.not_accepted_reason},
      {"forwarded_to", state.forwarded_to},
      {"extensions_granted", state.extensions_granted},
      {"extension_total", state.extension_total},
      {"extension_requested", state.extension_requested},
      {"suspension_reason", state.suspension_reason},
      {"suspensions", suspensions},
      {"outcome", outcome_name(state.outcome)},
      {"replied_at", instant_json(state.replied_at)},
      {"rating", state.rating},
      {"rated_at", instant_json(state.rated_at)},
      {"rated_after_review", state.rated_after_review},
      {"review_requested_at", instant_json(state.review_requested_at)},
      {"review_outcome", outcome_name(state.review_outcome)},
      {"reviewed_at", instant_json(state.reviewed_at)},
      {"rereview_requested_at", instant_json(state.rereview_requested_at)},
      {"rereview_outcome", outcome_name(state.rereview_outcome)},
      {"concluded_at", instant_json(state.concluded_at)},
      {"escalation_level", state.escalation_level},
      {"origin", state.origin_number.empty()
                     ? Json(nullptr)
                     : Json{{"number", state.origin_number}, {"organisation", state.origin_organisation}}},
      {"policy_name", state.policy_name},
      {"policy_version", state.policy_version},
  };
  // Hashes of identity numbers and phones identify as surely as the numbers to whoever holds the
  // salt; the petitioner's own view has no use for them or for the query code's hash.
  if (identity && reader) {
    view["identity_hashes"] = state.identity_hashes;
    view["query_code_hash"] = state.query_code_hash;
  }
  return view;
}

Json event_view(const Event& event, const CaseState& state, const Policy& policy, const std::optional<Actor>& reader) {
  const bool identity = may_see_identity(state, policy, reader);
  Json payload = event.payload;
  Json actor = actor_json(event.actor);
  if (!identity) {
    if (payload.is_object()) {
      auto petitioners = payload.find("petitioners");
      if (petitioners != payload.end() && petitioners->is_array()) {
        for (auto& p : *petitioners) {
          if (!p.is_object()) continue;
          for (const char* key : {"name", "id_number", "phone", "address"}) p.erase(key);
        }
      }
      payload.erase("identity_hashes");
    }
    if (event.actor.has_role(kPetitionerRole)) actor = {{"roles", Json::array({kPetitionerRole})}};
  }
  if (!reader && payload.is_object()) {
    payload.erase("identity_hashes");
    payload.erase("query_code_hash");
  }
  return {{"type", event.type},
          {"at", instant_json(event.at)},
          {"actor", actor},
          {"payload", payload},
          {"redacted", !identity}};
}

}  // namespace xinfang
