// Replaying a case's history under a policy (simulate.hpp): its commands' events at their times,
// and the policy's escalation steps fired at their due times. Pure: no I/O, no clock.
#include <algorithm>

#include "deadline/escalation_event.hpp"
#include "xinfang/simulate.hpp"

namespace xinfang {

bool is_escalation_event(const std::string& type) noexcept {
  return type == "reminded" || type == "supervised" || type == "escalated" || type == "owner_assigned" ||
         type == "key_marked_by_escalation";
}

namespace {

// Fires, in due order, every step of @p policy due before @p at (at or before it with
// @p inclusive), each as the sweep would: an event at its due time.
void fire_due(CaseState& state, const Policy& policy, const Calendar& calendar, Instant at, bool inclusive,
              const OwnerLookup& owner) {
  // One firing can change what is due (a later step of the same ladder): go again until none is.
  for (int round = 0; round < 64; ++round) {
    const std::vector<ClockReport> reports = evaluate_clocks(state, policy, calendar, at);
    const std::vector<deadline_detail::DueStep> due = deadline_detail::due_steps(reports, at, inclusive);
    if (due.empty()) return;
    // Only the earliest: a step fired may stop or move what comes after it.
    const deadline_detail::DueStep& first = due.front();
    const ClockReport& report = reports[first.clock];
    const Instant due_at = report.ladder[first.step].due;
    state = apply(std::move(state),
                  deadline_detail::escalation_event(report, first.step, due_at, state.organisation,
                                                    [&] { return owner ? owner(state.organisation) : std::string(); }));
  }
}

}  // namespace

CaseState replay_case(const std::vector<Event>& events, const Policy& policy, const Calendar& calendar, Instant until,
                      const OwnerLookup& owner) {
  CaseState state;
  for (const Event& event : events) {
    if (is_escalation_event(event.type)) continue;
    if (state.version > 0) fire_due(state, policy, calendar, std::min(event.at, until), false, owner);
    if (event.at > until) break;
    state = apply(std::move(state), event);
  }
  if (state.version > 0) fire_due(state, policy, calendar, until, true, owner);
  return state;
}

}  // namespace xinfang
