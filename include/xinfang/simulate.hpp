/**
 * @file simulate.hpp
 * @brief What-if: what another policy would have done to the cases a database holds.
 *
 * Each case's recorded history is replayed twice, under the policy in force and under the other
 * one: the events its commands appended, at their original times, and the escalation steps each
 * policy's ladders fire at their due times, as a sweep running without pause would fire them (the
 * recorded run's own escalation events are set aside, so that both sides are counted alike). The
 * clocks, breaches, escalations and indicators of the two replays are compared. Nothing is
 * written: Engine::simulate() reads the file, the rest is pure (docs/policy-testing.md, "What-if").
 *
 * The commands are not decided again: a case's events are those its commands produced, and a
 * policy that would have refused or routed a command otherwise does not change them. The
 * what-if answers "what would these rules have made of the same work": deadlines, breaches,
 * reminders and escalations, and the indicators built on them.
 */
#ifndef XINFANG_SIMULATE_HPP
#define XINFANG_SIMULATE_HPP

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "xinfang/deadline.hpp"
#include "xinfang/lifecycle.hpp"
#include "xinfang/metrics.hpp"
#include "xinfang/policy.hpp"

namespace xinfang {

/**
 * @param type An event type.
 * @return Whether the sweep appends it (reminded, supervised, escalated, owner_assigned,
 *         key_marked_by_escalation) rather than a command.
 */
bool is_escalation_event(const std::string& type) noexcept;

/** Who owns a case when an assign_owner step fires: an organisation's leader's id, "" for nobody. */
using OwnerLookup = std::function<std::string(const std::string& organisation)>;

/**
 * Replays a case under a policy: its events other than escalation events, in order, each at its
 * time; before each, and at @p until, every escalation step of @p policy due by then fires (as
 * the sweep fires it: an event stamped with its due time). A step due at the instant of an event
 * fires after it: the command came in time.
 * @param events The case's recorded events, oldest first.
 * @param policy The policy whose ladders fire.
 * @param calendar The calendar it counts on.
 * @param until The end of the replay.
 * @param owner Who owns a case for an assign_owner step.
 * @return The state, with the escalation events the policy fired.
 * @throws Error calendar_range for a count into a year the calendar does not know.
 */
CaseState replay_case(const std::vector<Event>& events, const Policy& policy, const Calendar& calendar, Instant until,
                      const OwnerLookup& owner);

/** What to compare. */
struct SimulateOptions {
  /** The end of the replay: clocks are judged at it. not_a_date_time: the engine's time. */
  Instant until;
  /** The indicators' period [from, until); not_a_date_time: from the first case's registration. */
  Instant from;
  /** Cases listed per kind of change in the report (0..100000); the counts are always whole. */
  std::int64_t list_limit = 1000;
  /** Called with the number of cases replayed so far, every few hundred cases (may be empty):
   *  for a progress display. */
  std::function<void(std::int64_t cases)> progress;
};

/** A clock of one case whose outcome differs between the policies. */
struct ClockChange {
  std::string number;       ///< The case.
  std::string unit;         ///< The unit that held it (under the other policy).
  std::string clock;        ///< The clock's id.
  int run = 1;              ///< Its run.
  Instant started_at;       ///< When the run started.
  Instant stopped_at;       ///< When it stopped (not_a_date_time: it runs at `until`).
  Instant deadline_before;  ///< The deadline under the policy in force (not_a_date_time: none).
  Instant deadline_after;   ///< The deadline under the other policy.
  ClockStatus status_before = ClockStatus::not_started;  ///< Its status at `until`, in force.
  ClockStatus status_after = ClockStatus::not_started;   ///< Its status at `until`, other.
  bool breached_before = false;                          ///< Breached or met late, under the policy in force.
  bool breached_after = false;                           ///< Breached or met late, under the other policy.
  /** @return {"number", "unit", "clock", "run", "started_at", "stopped_at", "deadline_before",
   *          "deadline_after", "status_before", "status_after", "breached_before", "breached_after"}. */
  Json to_json() const;
};

/** An escalation step one policy fires and the other does not. */
struct EscalationChange {
  std::string number;  ///< The case.
  std::string unit;    ///< The unit that held it.
  std::string clock;   ///< The clock's id.
  std::string step;    ///< The step's id.
  std::string action;  ///< remind, supervise, escalate, assign_owner or mark_key.
  bool added = false;  ///< Fired under the other policy only (else: under the policy in force only).
  Instant due;         ///< When it was due.
  /** @return {"number", "unit", "clock", "step", "action", "added", "due"}. */
  Json to_json() const;
};

/** The changes of one unit. */
struct UnitChanges {
  std::int64_t breaches_added = 0;       ///< Clock runs breached (or met late) only under the other policy.
  std::int64_t breaches_removed = 0;     ///< Clock runs breached only under the policy in force.
  std::int64_t deadlines_moved = 0;      ///< Clock runs whose deadline differs.
  std::int64_t escalations_added = 0;    ///< Steps fired only under the other policy.
  std::int64_t escalations_removed = 0;  ///< Steps fired only under the policy in force.
  IndicatorSet before;                   ///< Its indicators under the policy in force.
  IndicatorSet after;                    ///< Its indicators under the other policy.
};

/** What another policy would have changed. */
struct SimulationReport {
  std::string policy_before;                  ///< "NAME VERSION" of the policy in force.
  std::string policy_after;                   ///< "NAME VERSION" of the other policy.
  Instant from;                               ///< The indicators' period's start.
  Instant until;                              ///< The replay's end.
  std::int64_t cases = 0;                     ///< Cases replayed.
  std::int64_t clock_runs = 0;                ///< Clock runs compared.
  std::int64_t deadlines_earlier = 0;         ///< Of the moved deadlines: earlier under the other policy.
  std::int64_t deadlines_later = 0;           ///< Later (or gained one the policy in force does not set).
  UnitChanges total;                          ///< All units together.
  std::map<std::string, UnitChanges> units;   ///< By unit ("" for cases never routed).
  std::vector<ClockChange> breaches_added;    ///< The first list_limit, by case number.
  std::vector<ClockChange> breaches_removed;  ///< The first list_limit.
  std::vector<ClockChange> deadlines_moved;   ///< The first list_limit.
  std::vector<EscalationChange> escalations;  ///< Added and removed, the first list_limit.
  /** @return The report as JSON: {"policy_before", "policy_after", "from", "until", "cases",
   *          "clock_runs", "deadlines_earlier", "deadlines_later", "total", "units": {UNIT: {...}},
   *          "breaches_added": [...], "breaches_removed": [...], "deadlines_moved": [...],
   *          "escalations": [...]}; each unit's {"breaches_added", "breaches_removed",
   *          "deadlines_moved", "escalations_added", "escalations_removed", "indicators":
   *          {INDICATOR: {"before", "after", "delta"}}}. */
  Json to_json() const;
  /**
   * @param policy The other policy (indicator labels, unit names).
   * @param calendar For local times.
   * @return The report as Markdown: the totals, a table per unit, the indicator deltas, and the
   *         listed cases.
   */
  std::string to_markdown(const Policy& policy, const Calendar& calendar) const;
};

/** What one case counts for under each policy, for the indicators. */
struct SimulatedCase {
  Instant registered_at;  ///< When it was registered.
  CaseOutcomes before;    ///< Under the policy in force.
  CaseOutcomes after;     ///< Under the other policy.
};

/**
 * Compares one case's two replays and adds the clock runs and escalation steps that differ to
 * @p report (the pure core of Engine::simulate()).
 * @param events The case's recorded events.
 * @param before The policy in force.
 * @param after The other policy.
 * @param calendar The calendar both count on.
 * @param owner Who owns a case for an assign_owner step.
 * @param options The replay's end (set) and the list limit.
 * @param report Where to add.
 * @return What the case counts for under each, for count_simulated().
 */
SimulatedCase simulate_case(const std::vector<Event>& events, const Policy& before, const Policy& after,
                            const Calendar& calendar, const OwnerLookup& owner, const SimulateOptions& options,
                            SimulationReport& report);

/**
 * Adds a case's indicators under each policy, for the period [@p report.from, @p report.until).
 * @param simulated What simulate_case() returned.
 * @param before The policy in force.
 * @param after The other policy.
 * @param report Where to add (its from and until set).
 */
void count_simulated(const SimulatedCase& simulated, const Policy& before, const Policy& after,
                     SimulationReport& report);

}  // namespace xinfang

#endif  // XINFANG_SIMULATE_HPP
