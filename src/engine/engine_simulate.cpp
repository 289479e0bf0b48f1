// Engine::simulate(): the what-if of simulate.hpp over every case of the file. The file is only
// read; the replays and the comparison are the pure functions of src/simulate/.
#include <algorithm>
#include <limits>

#include "engine/engine_impl.hpp"
#include "xinfang/simulate.hpp"

namespace xinfang {

using engine_detail::from_row;
using engine_detail::staff_from_row;

SimulationReport Engine::simulate(const Policy& other, const SimulateOptions& options) const {
  if (options.list_limit < 0 || options.list_limit > 100000) {
    throw Error(ErrorCode::invalid_argument, "list_limit must be 0..100000, not " + std::to_string(options.list_limit));
  }
  SimulateOptions settled = options;
  if (settled.until.is_special()) settled.until = impl_->clock->now();
  if (!settled.from.is_special() && settled.from > settled.until) {
    throw Error(ErrorCode::invalid_argument, "the period starts after the replay ends");
  }
  const Policy& before = impl_->policy;
  const Calendar& calendar = impl_->estimating_calendar;

  SimulationReport report;
  std::vector<SimulatedCase> simulated;
  impl_->store->read([&](store::Transaction& txn) {
    // A read retried after a busy database starts again from nothing.
    report = SimulationReport();
    report.policy_before = before.name() + " " + before.version();
    report.policy_after = other.name() + " " + other.version();
    report.until = settled.until;
    simulated.clear();
    // Who owns a case when an assign_owner step fires: the first leader of its organisation in
    // the directory as it is now, as the sweep chooses.
    std::map<std::string, std::string> leaders;
    for (const store::StaffRow& row : txn.list_staff("")) {
      const StaffMember member = staff_from_row(row);
      if (!member.active || leaders.count(member.organisation) > 0) continue;
      if (std::find(member.roles.begin(), member.roles.end(), "org_leader") != member.roles.end()) {
        leaders[member.organisation] = member.id;
      }
    }
    const OwnerLookup owner = [&leaders](const std::string& organisation) {
      const auto it = leaders.find(organisation);
      return it != leaders.end() ? it->second : std::string();
    };
    std::vector<Event> events;
    txn.scan_cases([&](const store::CaseRow&, const std::vector<store::EventRow>& log) {
      events.clear();
      for (const store::EventRow& row : log) events.push_back(from_row(row));
      SimulatedCase one = simulate_case(events, before, other, calendar, owner, settled, report);
      if (!one.registered_at.is_special()) simulated.push_back(std::move(one));
      if (settled.progress && report.cases % 256 == 0 && report.cases > 0) settled.progress(report.cases);
      return true;
    });
  });
  report.from = settled.from;
  if (report.from.is_special()) {
    for (const SimulatedCase& one : simulated) {
      if (report.from.is_special() || one.registered_at < report.from) report.from = one.registered_at;
    }
    if (report.from.is_special()) report.from = settled.until;
  }
  for (const SimulatedCase& one : simulated) count_simulated(one, before, other, report);
  return report;
}

}  // namespace xinfang
