// A case as it goes into a dossier: its log as stored, less what its reader may not see.
#include "dossier/dossier_internal.hpp"
#include "engine/engine_impl.hpp"

namespace xinfang::dossier_detail {

using engine_detail::from_row;

DossierCase case_for_dossier(const store::CaseRow& row, const std::vector<store::EventRow>& log, const CaseState& state,
                             const Policy& policy, const Actor& reader, const char* hash_algorithm) {
  DossierCase out;
  out.number = row.number;
  out.organisation = state.organisation;
  out.status = case_status_name(state.status);
  const Json view = case_view(state, policy, reader);
  out.state = view.dump();
  out.hash_algorithm = hash_algorithm;
  out.policy_name = policy.name();
  out.policy_version = policy.version();
  out.head_hash = row.head_hash;
  for (const Attachment& attachment : state.attachments) {
    out.attachments.push_back({attachment.name, attachment.media_type, attachment.size, attachment.sha256});
  }
  const bool identity_hidden = view.value("redacted", false);
  out.events.reserve(log.size());
  for (const store::EventRow& stored : log) {
    DossierEvent event{stored.sequence,
                       stored.type,
                       stored.at,
                       stored.actor,
                       stored.command,
                       stored.payload,
                       stored.policy_name,
                       stored.policy_version,
                       stored.previous_hash,
                       stored.hash,
                       false};
    if (identity_hidden) {
      // Only the events the identity is actually taken out of lose their stored text.
      const Event original = from_row(stored);
      const Json shown = event_view(original, state, policy, reader);
      const Json stored_actor = Json::parse(stored.actor);
      if (shown.at("payload") != original.payload || shown.at("actor") != stored_actor) {
        event.payload = shown.at("payload").dump();
        event.actor = shown.at("actor").dump();
        event.redacted = true;
        out.redacted = true;
      }
    }
    out.events.push_back(std::move(event));
  }
  return out;
}

}  // namespace xinfang::dossier_detail
