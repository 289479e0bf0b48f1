// The JSON of a dossier's summary and of its check (the CLI's and the C ABI's output).
#include "engine/engine_impl.hpp"
#include "lifecycle/command_args.hpp"
#include "xinfang/dossier.hpp"

namespace xinfang {

Json DossierCheck::to_json() const {
  return {{"ok", ok},
          {"cases", cases},
          {"events", events},
          {"redacted_events", redacted_events},
          {"case_number", case_number},
          {"sequence", sequence},
          {"message", message}};
}

Json dossier_summary(const Dossier& dossier) {
  Json cases = Json::array();
  for (const DossierCase& c : dossier.cases) {
    cases.push_back({{"number", c.number},
                     {"organisation", c.organisation},
                     {"status", c.status},
                     {"events", c.events.size()},
                     {"attachments", c.attachments.size()},
                     {"head_hash", c.head_hash},
                     {"hash_algorithm", c.hash_algorithm},
                     {"policy_name", c.policy_name},
                     {"policy_version", c.policy_version},
                     {"redacted", c.redacted}});
  }
  return {{"library_version", dossier.library_version},
          {"organisation", dossier.organisation},
          {"exported_by", dossier.exported_by},
          {"exported_at", lifecycle_detail::format_instant(engine_detail::from_micros(dossier.exported_at))},
          {"period_from", dossier.period_from},
          {"period_to", dossier.period_to},
          {"cases", cases}};
}

}  // namespace xinfang
