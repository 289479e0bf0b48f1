// Internal: what the engine's export and import share with the dossier module.
#ifndef XINFANG_SRC_DOSSIER_DOSSIER_INTERNAL_HPP
#define XINFANG_SRC_DOSSIER_DOSSIER_INTERNAL_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.hpp"
#include "xinfang/dossier.hpp"
#include "xinfang/lifecycle.hpp"
#include "xinfang/policy.hpp"

namespace xinfang::dossier_detail {

/** A dossier case's events as the rows a store holds (field for field). */
std::vector<store::EventRow> event_rows(const DossierCase& dossier_case);

/** The first problem of one case's chain (its event, 0 if none, and the message), or nothing. */
std::optional<std::pair<std::int64_t, std::string>> check_case(const DossierCase& dossier_case);

/**
 * A case as a dossier holds it, as @p reader may see it: for a confidential case and a reader
 * without the confidential-reader role, the petitioner's identity is left out of the state and
 * of every event it appears in (those events are marked redacted; the others keep their stored
 * text, so that their hashes still check).
 */
DossierCase case_for_dossier(const store::CaseRow& row, const std::vector<store::EventRow>& log, const CaseState& state,
                             const Policy& policy, const Actor& reader, const char* hash_algorithm);

}  // namespace xinfang::dossier_detail

#endif
