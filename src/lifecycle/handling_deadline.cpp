// PROVISIONAL: the handling deadline that extensions are checked against, until the deadline
// module (clocks, pauses, escalation; a later issue) replaces it. It follows the one rule of
// DESIGN.md §4: deadline = period_end(start, limit + granted extensions + paused time, unit),
// with paused time counted in the clock's own unit, so extensions never compound roll-forwards.
#include <algorithm>

#include "lifecycle/decide_internal.hpp"

namespace xinfang::lifecycle_detail {
namespace {

namespace bpt = boost::posix_time;

template <typename T>
bool contains(const std::vector<T>& items, const T& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

int whole_hours_up(Duration duration) {
  const auto seconds = duration.total_seconds();
  return static_cast<int>((seconds + 3599) / 3600);
}

// A pause from P to R in the clock's unit: calendar days or working days in (P, R], or hours.
int paused_length(const Calendar& calendar, PeriodUnit unit, Instant from, Instant to) {
  if (to <= from) return 0;
  switch (unit) {
    case PeriodUnit::calendar_days:
    case PeriodUnit::statutory_days:
      return static_cast<int>((calendar.local_date(to) - calendar.local_date(from)).days());
    case PeriodUnit::working_days:
      return calendar.working_days_between(calendar.local_date(from), calendar.local_date(to));
    case PeriodUnit::hours: return whole_hours_up(to - from);
    case PeriodUnit::business_hours: return whole_hours_up(calendar.business_time_between(from, to));
  }
  return 0;
}

bool runs_for(const ClockRules& clock, const CaseState& state) {
  return (clock.applies_to.empty() || contains(clock.applies_to, state.type)) &&
         (clock.categories.empty() || contains(clock.categories, state.category));
}

}  // namespace

// The clock named "handling" if it runs for the case; else the first clock that runs for it,
// starts on acceptance or registration and stops on the reply (a policy may split handling by
// category, as the hotline preset does).
const ClockRules* handling_clock(const Policy& policy, const CaseState& state) {
  if (const ClockRules* clock = policy.find_clock("handling"); clock != nullptr && runs_for(*clock, state)) {
    return clock;
  }
  for (const ClockRules& clock : policy.clocks()) {
    if (runs_for(clock, state) && contains(clock.stop_on, std::string("replied")) &&
        (contains(clock.start_on, std::string("accepted")) || contains(clock.start_on, std::string("registered")))) {
      return &clock;
    }
  }
  return nullptr;
}

std::optional<HandlingDeadline> provisional_handling_deadline(const CaseState& state, const Policy& policy,
                                                              const Calendar& calendar, Instant now) {
  const ClockRules* clock = handling_clock(policy, state);
  if (clock == nullptr) return std::nullopt;
  // The clock starts on acceptance (the national presets) or on registration.
  Instant start(bpt::not_a_date_time);
  if (contains(clock->start_on, std::string("accepted"))) {
    start = state.accepted_at;
  } else if (contains(clock->start_on, std::string("registered"))) {
    start = state.registered_at;
  }
  if (start.is_special()) return std::nullopt;
  const PeriodUnit unit = clock->period.unit;
  int paused = 0;
  for (const Suspension& s : state.suspensions) {
    // Only suspensions of handling: after the start and before the reply.
    if (s.from < start) continue;
    if (!state.replied_at.is_special() && s.from >= state.replied_at) continue;
    paused += paused_length(calendar, unit, s.from, s.to.is_special() ? now : s.to);
  }
  return HandlingDeadline{clock, start,
                          calendar.period_end(start, clock->period.limit + state.extension_total + paused, unit)};
}

}  // namespace xinfang::lifecycle_detail
