// check_dossier(): every case's chain recomputed from the archive alone, as verify() walks a
// database's (engine_verify.cpp): same hashes, same keys (chain.hpp), same fold.
#include "dossier/dossier_internal.hpp"
#include "engine/chain.hpp"
#include "engine/engine_impl.hpp"
#include "xinfang/dossier.hpp"

namespace xinfang {

using namespace engine_detail;

namespace dossier_detail {

std::vector<store::EventRow> event_rows(const DossierCase& dossier_case) {
  std::vector<store::EventRow> rows;
  rows.reserve(dossier_case.events.size());
  for (const DossierEvent& event : dossier_case.events) {
    rows.push_back(store::EventRow{event.sequence, event.type, event.at, event.actor, event.command, event.payload,
                                   event.policy_name, event.policy_version, event.previous_hash, event.hash});
  }
  return rows;
}

namespace {

// The first member of a dossier's stated state (the exporter's view) that is not what the log
// folds to, or "". The view depends on a policy only in whether the case is confidential, so it
// is made here with any policy and a reader who may see everything, and those two members are
// not compared; in a case that is not redacted the exporter saw everything too.
std::string state_difference(const std::string& stated_text, const CaseState& state) {
  static const Policy any_policy = Policy::preset("cn-national-2022");
  const Json stated = Json::parse(stated_text, nullptr, /*allow_exceptions=*/false);
  if (!stated.is_object()) return "its JSON (it does not read as an object)";
  Actor reader;
  reader.id = "dossier-check";
  reader.roles = {any_policy.confidential_reader_role()};
  const Json folded = case_view(state, any_policy, reader);
  for (const auto& [key, value] : folded.items()) {
    if (key == "confidential" || key == "redacted") continue;
    const auto found = stated.find(key);
    if (found == stated.end() || *found != value) return "/" + key;
  }
  for (const auto& item : stated.items()) {
    if (!folded.contains(item.key())) return "/" + item.key();
  }
  return "";
}

}  // namespace

std::optional<std::pair<std::int64_t, std::string>> check_case(const DossierCase& dossier_case) {
  using Problem = std::pair<std::int64_t, std::string>;
  const auto problem = [&](std::int64_t sequence, const std::string& message) -> std::optional<Problem> {
    return Problem{sequence, "case " + dossier_case.number +
                                 (sequence > 0 ? " event " + std::to_string(sequence) : "") + ": " + message};
  };
  if (dossier_case.events.empty()) return problem(0, "the case has no events");
  HashAlgorithm algorithm = HashAlgorithm::sha256;
  try {
    algorithm = parse_hash_algorithm(dossier_case.hash_algorithm);
  } catch (const Error&) {
    return problem(0, "names an unknown hash algorithm '" + dossier_case.hash_algorithm + "'");
  }
  const std::vector<store::EventRow> log = event_rows(dossier_case);
  const std::vector<ChainKey> keys = chain_keys(log, algorithm);
  std::string previous;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const store::EventRow& event = log[i];
    const auto expected = static_cast<std::int64_t>(i) + 1;
    if (event.sequence != expected) {
      return problem(expected, "is missing (the next event in the dossier is " + std::to_string(event.sequence) + ")");
    }
    if (event.previous_hash != previous) {
      return problem(event.sequence, "does not follow the event before it (its previous hash differs)");
    }
    if (dossier_case.events[i].redacted && !dossier_case.redacted) {
      return problem(event.sequence, "is marked redacted in a case that is not");
    }
    if (!dossier_case.events[i].redacted && event_hash(keys[i].algorithm, keys[i].number, event) != event.hash) {
      return problem(event.sequence, "was altered: its hash does not match its content");
    }
    previous = event.hash;
  }
  if (dossier_case.head_hash != previous) {
    return problem(0, "its last event's hash is not the case's: events were removed or added");
  }
  if (dossier_case.redacted) return std::nullopt;  // a redacted log does not fold
  CaseState state;
  try {
    state = fold_rows(log);
  } catch (const Error& e) {
    return problem(0, std::string("the log does not fold: ") + e.what());
  }
  if (state.number != dossier_case.number) {
    return problem(0, "its log makes it case " + state.number + ", not " + dossier_case.number);
  }
  if (case_status_name(state.status) != dossier_case.status) {
    return problem(0,
                   std::string("its log leaves it ") + case_status_name(state.status) + ", not " + dossier_case.status);
  }
  if (const std::string key = state_difference(dossier_case.state, state); !key.empty()) {
    return problem(0, "its stated state differs from what its log folds to in " + key);
  }
  return std::nullopt;
}

}  // namespace dossier_detail

DossierCheck check_dossier(const Dossier& dossier) {
  DossierCheck check;
  for (const DossierCase& dossier_case : dossier.cases) {
    ++check.cases;
    for (const DossierEvent& event : dossier_case.events) {
      ++check.events;
      if (event.redacted) ++check.redacted_events;
    }
    if (const auto problem = dossier_detail::check_case(dossier_case)) {
      check.ok = false;
      check.case_number = dossier_case.number;
      check.sequence = problem->first;
      check.message = problem->second;
      return check;
    }
  }
  return check;
}

}  // namespace xinfang
