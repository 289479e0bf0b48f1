// verify(): walks every case's hash chain, checks that each case's query row is the fold of its
// log, that no case number of a sequence is missing, and that the staff directory is what its
// administrative log says. It reports the first problem.
#include <map>

#include "engine/chain.hpp"
#include "engine/engine_impl.hpp"

namespace xinfang {

using namespace engine_detail;

namespace {

// The first projected column that differs from the fold, or "".
std::string projection_difference(const store::CaseRow& stored, const CaseState& state) {
  store::CaseRow expected = stored;
  project(state, expected);
  const std::pair<const char*, bool> checks[] = {
      {"status", expected.status != stored.status},
      {"open", expected.open != stored.open},
      {"organisation", expected.organisation != stored.organisation},
      {"unit", expected.unit != stored.unit},
      {"handler", expected.handler != stored.handler},
      {"type", expected.type != stored.type},
      {"category", expected.category != stored.category},
      {"region", expected.region != stored.region},
      {"channel", expected.channel != stored.channel},
      {"subject", expected.subject != stored.subject},
      {"received_at", expected.received_at != stored.received_at},
      {"registered_at", expected.registered_at != stored.registered_at},
      {"key_case", expected.key_case != stored.key_case},
      {"repeat", expected.repeat != stored.repeat},
      {"confidential", expected.confidential != stored.confidential},
      {"query_code_hash", expected.query_code_hash != stored.query_code_hash},
      {"number", state.number != stored.number},
  };
  for (const auto& [column, differs] : checks) {
    if (differs) return column;
  }
  return "";
}

struct Problem {
  std::string number;
  std::int64_t sequence = 0;
  std::string message;
};

std::optional<Problem> check_case(HashAlgorithm algorithm, const store::CaseRow& row,
                                  const std::vector<store::EventRow>& log) {
  const auto problem = [&](std::int64_t sequence, const std::string& message) {
    return Problem{row.number, sequence,
                   "case " + row.number + (sequence > 0 ? " event " + std::to_string(sequence) : "") + ": " + message};
  };
  if (log.empty()) return problem(0, "the case has no events");
  const std::vector<ChainKey> keys = chain_keys(log, algorithm);
  std::string previous;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const store::EventRow& event = log[i];
    const auto expected_sequence = static_cast<std::int64_t>(i) + 1;
    if (event.sequence != expected_sequence) {
      return problem(expected_sequence, "is missing (the next stored event is " + std::to_string(event.sequence) + ")");
    }
    if (event.previous_hash != previous) {
      return problem(event.sequence, "does not follow the event before it (its previous hash differs)");
    }
    if (event_hash(keys[i].algorithm, keys[i].number, event) != event.hash) {
      return problem(event.sequence, "was altered: its hash does not match its content");
    }
    previous = event.hash;
  }
  if (row.version != static_cast<std::int64_t>(log.size()) || row.head_hash != previous) {
    return problem(0, "the log has " + std::to_string(log.size()) + " events but the case records version " +
                          std::to_string(row.version) + " and another last hash: events were removed or added");
  }
  CaseState state;
  try {
    state = fold_rows(log);
  } catch (const Error& e) {
    return problem(0, std::string("the log does not fold: ") + e.what());
  }
  const std::string column = projection_difference(row, state);
  if (!column.empty()) return problem(0, "the case's query row differs from its log in " + column);
  return std::nullopt;
}

std::optional<Problem> check_admin_log(HashAlgorithm algorithm, store::Transaction& txn, std::int64_t& checked) {
  std::string previous;
  std::map<std::string, Json> staff;
  const std::vector<store::AdminChangeRow> changes = txn.admin_changes();
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const store::AdminChangeRow& change = changes[i];
    const std::string where = "administrative change " + std::to_string(change.sequence);
    if (change.sequence != static_cast<std::int64_t>(i) + 1) {
      return Problem{"", 0, "administrative change " + std::to_string(i + 1) + " is missing"};
    }
    if (change.previous_hash != previous) return Problem{"", 0, where + " does not follow the change before it"};
    if (admin_change_hash(algorithm, change) != change.hash) {
      return Problem{"", 0, where + " was altered: its hash does not match its content"};
    }
    previous = change.hash;
    ++checked;
    try {
      const Json payload = Json::parse(change.payload);
      if (change.action == "staff_put") {
        staff[payload.at("id").get<std::string>()] = payload;
      } else if (change.action == "staff_deactivated") {
        staff.at(payload.at("id").get<std::string>())["active"] = false;
      }
    } catch (const std::exception& e) {
      return Problem{"", 0, where + " does not read: " + e.what()};
    }
  }
  const std::vector<store::StaffRow> rows = txn.list_staff("");
  if (rows.size() != staff.size()) {
    return Problem{"", 0,
                   "the staff directory has " + std::to_string(rows.size()) + " people but its log records " +
                       std::to_string(staff.size())};
  }
  for (const store::StaffRow& row : rows) {
    const auto logged = staff.find(row.id);
    if (logged == staff.end() || staff_from_row(row).to_json() != logged->second) {
      return Problem{"", 0, "staff member " + row.id + " differs from what the administrative log records"};
    }
  }
  return std::nullopt;
}

// Every numbering scope holds exactly the numbers 1..N its counter has issued.
std::optional<Problem> check_sequences(store::Transaction& txn) {
  std::map<std::string, std::int64_t> issued;
  for (const store::SequenceRow& sequence : txn.sequences()) issued[sequence.scope] = sequence.value;
  std::optional<Problem> problem;
  std::string scope;
  std::int64_t expected = 1;
  const auto close_scope = [&] {
    if (problem || scope.empty()) return;
    const auto counter = issued.find(scope);
    const std::int64_t last = counter == issued.end() ? 0 : counter->second;
    if (expected - 1 > last) {
      problem = Problem{"", 0, "sequence " + scope + " has more cases than numbers issued"};
    } else if (expected - 1 < last) {
      problem = Problem{
          "", 0,
          "case number " + std::to_string(expected) + " of sequence " + scope + " is missing: a case was removed"};
    }
    if (counter != issued.end()) issued.erase(counter);
  };
  txn.scan_sequences([&](const std::string& case_scope, std::int64_t sequence) {
    if (problem) return;
    if (case_scope != scope) {
      close_scope();
      scope = case_scope;
      expected = 1;
    }
    if (sequence != expected) {
      problem = Problem{"", 0,
                        sequence < expected
                            ? "case number " + std::to_string(sequence) + " of sequence " + scope + " is used twice"
                            : "case number " + std::to_string(expected) + " of sequence " + scope +
                                  " is missing: a case was removed"};
      return;
    }
    ++expected;
  });
  close_scope();
  if (!problem && !issued.empty()) {
    problem = Problem{"", 0, "case number 1 of sequence " + issued.begin()->first + " is missing: a case was removed"};
  }
  return problem;
}

}  // namespace

VerifyReport Engine::verify() const {
  VerifyReport report;
  impl_->store->read([&](store::Transaction& txn) {
    report = VerifyReport{};
    std::optional<Problem> problem;
    txn.scan_cases([&](const store::CaseRow& row, const std::vector<store::EventRow>& log) {
      ++report.cases;
      report.events += static_cast<std::int64_t>(log.size());
      problem = check_case(impl_->hash, row, log);
      return !problem;
    });
    if (!problem) {
      const std::int64_t events = txn.events_without_case();
      const std::int64_t identities = txn.identities_without_case();
      if (events > 0 || identities > 0) {
        problem = Problem{"", 0,
                          std::to_string(events) + " events and " + std::to_string(identities) +
                              " identity index rows name no case: cases were removed"};
      }
    }
    if (!problem) problem = check_sequences(txn);
    if (!problem) problem = check_admin_log(impl_->hash, txn, report.directory_changes);
    if (problem) {
      report.ok = false;
      report.case_number = problem->number;
      report.sequence = problem->sequence;
      report.message = problem->message;
    }
  });
  return report;
}

}  // namespace xinfang
