// Comparing a case's replays under two policies (simulate.hpp). Pure: no I/O, no clock.
#include <algorithm>
#include <map>
#include <tuple>

#include "xinfang/simulate.hpp"

namespace xinfang {
namespace {

bool breached(const ClockReport& report) {
  return report.status == ClockStatus::breached ||
         (report.status == ClockStatus::met && report.late_by > Duration(0, 0, 0));
}

// The unit a clock run counts for: the one that held the case when it settled (or at the end).
std::string unit_of(const CaseState& state, const ClockReport& report, Instant until) {
  const Instant at = report.stopped_at.is_special() ? until : report.stopped_at;
  const std::string unit = holder_at(state.holders, at);
  return unit.empty() ? state.unit : unit;
}

// The escalation steps a replay fired, by (clock, step, run), with their due times.
std::map<std::tuple<std::string, std::string, int>, Instant> fired_steps(const CaseState& state) {
  std::map<std::tuple<std::string, std::string, int>, Instant> fired;
  for (const ClockMark& mark : state.timeline) {
    if (!is_escalation_event(mark.type) || mark.clock.empty()) continue;
    fired.emplace(std::make_tuple(mark.clock, mark.step, mark.run), mark.at);
  }
  return fired;
}

const ClockRules* rules_of(const Policy& policy, const std::string& clock) {
  return policy.find_clock(clock);
}

std::string action_of(const Policy& first, const Policy& second, const std::string& clock, const std::string& step) {
  for (const Policy* policy : {&first, &second}) {
    if (const ClockRules* rules = rules_of(*policy, clock)) {
      for (const auto& rung : rules->ladder) {
        if (rung.id == step) return rung.action;
      }
    }
  }
  return "";
}

template <class T>
void keep(std::vector<T>& list, T item, std::int64_t limit) {
  if (static_cast<std::int64_t>(list.size()) < limit) list.push_back(std::move(item));
}

}  // namespace

SimulatedCase simulate_case(const std::vector<Event>& events, const Policy& before, const Policy& after,
                            const Calendar& calendar, const OwnerLookup& owner, const SimulateOptions& options,
                            SimulationReport& report) {
  const Instant until = options.until;
  const CaseState in_force = replay_case(events, before, calendar, until, owner);
  const CaseState other = replay_case(events, after, calendar, until, owner);
  SimulatedCase simulated;
  if (in_force.version == 0) return simulated;  // registered after the end
  simulated.registered_at = in_force.registered_at;
  ++report.cases;
  const std::vector<ClockReport> reports_before = evaluate_clocks(in_force, before, calendar, until);
  const std::vector<ClockReport> reports_after = evaluate_clocks(other, after, calendar, until);

  // Each clock of either policy that has started, matched by its id.
  std::map<std::string, std::pair<const ClockReport*, const ClockReport*>> clocks;
  for (const auto& r : reports_before) {
    if (r.status != ClockStatus::not_started) clocks[r.id].first = &r;
  }
  for (const auto& r : reports_after) {
    if (r.status != ClockStatus::not_started) clocks[r.id].second = &r;
  }
  for (const auto& [id, pair] : clocks) {
    const ClockReport none;
    const ClockReport& b = pair.first != nullptr ? *pair.first : none;
    const ClockReport& a = pair.second != nullptr ? *pair.second : none;
    ++report.clock_runs;
    ClockChange change;
    change.number = other.number;
    change.unit = unit_of(other, pair.second != nullptr ? a : b, until);
    change.clock = id;
    change.run = pair.second != nullptr ? a.run : b.run;
    change.started_at = pair.second != nullptr ? a.started_at : b.started_at;
    change.stopped_at = pair.second != nullptr ? a.stopped_at : b.stopped_at;
    change.deadline_before = b.deadline;
    change.deadline_after = a.deadline;
    change.status_before = b.status;
    change.status_after = a.status;
    change.breached_before = breached(b);
    change.breached_after = breached(a);
    UnitChanges& unit = report.units[change.unit];
    if (change.breached_after && !change.breached_before) {
      ++unit.breaches_added;
      ++report.total.breaches_added;
      keep(report.breaches_added, change, options.list_limit);
    } else if (change.breached_before && !change.breached_after) {
      ++unit.breaches_removed;
      ++report.total.breaches_removed;
      keep(report.breaches_removed, change, options.list_limit);
    }
    if (change.deadline_before != change.deadline_after) {
      ++unit.deadlines_moved;
      ++report.total.deadlines_moved;
      const bool earlier =
          !change.deadline_after.is_special() &&
          (change.deadline_before.is_special() ? false : change.deadline_after < change.deadline_before);
      ++(earlier ? report.deadlines_earlier : report.deadlines_later);
      keep(report.deadlines_moved, change, options.list_limit);
    }
  }

  const auto fired_before = fired_steps(in_force);
  const auto fired_after = fired_steps(other);
  const auto note = [&](const std::tuple<std::string, std::string, int>& key, Instant due, bool added) {
    EscalationChange change;
    change.number = other.number;
    change.unit = holder_at(other.holders, due);
    if (change.unit.empty()) change.unit = other.unit;
    change.clock = std::get<0>(key);
    change.step = std::get<1>(key);
    change.action = action_of(after, before, change.clock, change.step);
    change.added = added;
    change.due = due;
    UnitChanges& unit = report.units[change.unit];
    ++(added ? unit.escalations_added : unit.escalations_removed);
    ++(added ? report.total.escalations_added : report.total.escalations_removed);
    keep(report.escalations, std::move(change), options.list_limit);
  };
  for (const auto& [key, due] : fired_after) {
    if (fired_before.count(key) == 0) note(key, due, true);
  }
  for (const auto& [key, due] : fired_before) {
    if (fired_after.count(key) == 0) note(key, due, false);
  }

  simulated.before = case_outcomes(in_force, reports_before, before, calendar);
  simulated.after = case_outcomes(other, reports_after, after, calendar);
  return simulated;
}

void count_simulated(const SimulatedCase& simulated, const Policy& before, const Policy& after,
                     SimulationReport& report) {
  PeriodCounts counts_before;
  PeriodCounts counts_after;
  count_in_period(simulated.before, before, report.from, report.until, counts_before);
  count_in_period(simulated.after, after, report.from, report.until, counts_after);
  report.total.before += counts_before.total;
  report.total.after += counts_after.total;
  for (const auto& [unit, set] : counts_before.units) report.units[unit].before += set;
  for (const auto& [unit, set] : counts_after.units) report.units[unit].after += set;
}

}  // namespace xinfang
