// What a case counts for: each run of its clocks and each answer it may have rated, with the
// instant it settled and the unit holding it then (docs/indicators.md, "What counts").
#include <algorithm>

#include "xinfang/error.hpp"
#include "xinfang/metrics.hpp"

namespace xinfang {
namespace {

bool lists(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// How a run stands at an instant: settled, or still able to settle, or neither (interrupted).
std::optional<ClockOutcome> outcome_of(const ClockReport& report, const std::vector<HolderSpell>& holders,
                                       bool interrupted) {
  ClockOutcome outcome;
  outcome.clock = report.id;
  outcome.run = report.run;
  outcome.started_at = report.started_at;
  outcome.stopped_at = report.stopped_at;
  outcome.extended = !report.extensions.empty();
  switch (report.status) {
    case ClockStatus::not_started: return std::nullopt;
    case ClockStatus::met:
      outcome.deadline = report.deadline;
      outcome.on_time = report.stopped_at <= report.deadline;
      outcome.settled_at = outcome.on_time ? report.stopped_at : report.deadline;
      break;
    case ClockStatus::breached:
      outcome.deadline = report.deadline;
      outcome.settled_at = report.deadline;
      break;
    case ClockStatus::running:
      // A run cut short by a restart before its deadline neither met nor missed it.
      if (interrupted) return std::nullopt;
      outcome.deadline = report.deadline;
      outcome.settled_at = report.deadline;
      break;
    case ClockStatus::paused:
      if (interrupted) return std::nullopt;
      break;
  }
  outcome.unit =
      holder_at(holders, outcome.settled_at.is_special() ? Instant(boost::posix_time::pos_infin) : outcome.settled_at);
  return outcome;
}

// The earlier runs of a clock that restarted: each as it stood just before the event that
// started the next one.
std::vector<ClockReport> earlier_runs(const CaseState& state, const ClockRules& clock, const Calendar& calendar) {
  std::vector<ClockReport> runs;
  CaseState prefix = state;
  prefix.timeline.clear();
  int run = 0;
  for (const ClockMark& mark : state.timeline) {
    const bool may_start = lists(clock.start_on, mark.type) || lists(clock.restart_on, mark.type) ||
                           (mark.type == "transferred" && !clock.carry_over_on_transfer);
    if (may_start && run > 0) {
      ClockReport before = evaluate_clock(prefix, clock, calendar, mark.at);
      prefix.timeline.push_back(mark);
      const int after = evaluate_clock(prefix, clock, calendar, mark.at).run;
      if (after > before.run) runs.push_back(std::move(before));
      run = after;
      continue;
    }
    prefix.timeline.push_back(mark);
    if (may_start) run = evaluate_clock(prefix, clock, calendar, mark.at).run;
  }
  return runs;
}

const Period* rating_window(const Policy& policy) {
  if (const Period* window = policy.window("rating"); window != nullptr && window->limit > 0) return window;
  return nullptr;
}

}  // namespace

std::string holder_at(const std::vector<HolderSpell>& holders, Instant at) {
  if (holders.empty()) return std::string();
  // Up to the instant: a clock stopped by routing counts for the office that routed the case,
  // not for the unit the routing handed it to.
  std::string unit = holders.front().unit;
  for (const HolderSpell& spell : holders) {
    if (spell.from >= at) break;
    unit = spell.unit;
  }
  return unit;
}

CaseOutcomes case_outcomes(const CaseState& state, const std::vector<ClockReport>& reports, const Policy& policy,
                           const Calendar& calendar) {
  CaseOutcomes outcomes;
  for (const ClockReport& report : reports) {
    if (report.run > 1) {
      if (const ClockRules* clock = policy.find_clock(report.id)) {
        for (const ClockReport& earlier : earlier_runs(state, *clock, calendar)) {
          if (auto outcome = outcome_of(earlier, state.holders, /*interrupted=*/true)) {
            outcomes.clocks.push_back(std::move(*outcome));
          }
        }
      }
    }
    if (auto outcome = outcome_of(report, state.holders, /*interrupted=*/false)) {
      outcomes.clocks.push_back(std::move(*outcome));
    }
  }
  const Period* window = rating_window(policy);
  for (const RateableAnswer& answer : state.answers) {
    AnswerOutcome outcome;
    outcome.kind = answer.kind;
    outcome.unit = answer.unit;
    outcome.answered_at = answer.at;
    if (window != nullptr) outcome.window_end = calendar.period_end(answer.at, window->limit, window->unit);
    outcome.rated_at = answer.rated_at;
    outcome.level = answer.level;
    outcome.resolved = answer.resolved;
    if (const RatingLevel* level = answer.level.empty() ? nullptr : policy.find_rating_level(answer.level)) {
      outcome.credit = level->credit;
      outcome.satisfied = level->satisfied;
    }
    if (window != nullptr) outcome.settled_at = answer.rated_at.is_special() ? outcome.window_end : answer.rated_at;
    outcomes.answers.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace xinfang
