// The arithmetic of a clock's run: pauses in its unit, its deadline, and when its ladder's steps
// are due (docs/deadlines.md, "When a step is due").
#include <cmath>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "deadline/deadline_internal.hpp"
#include "xinfang/error.hpp"

namespace xinfang::deadline_detail {

namespace {

namespace bpt = boost::posix_time;

// Days a backwards or forwards search for business time may cross before giving up: a calendar
// with business hours on no day at all would otherwise never end.
constexpr int kMaxSearchDays = 3660;

Instant window_edge(const Calendar& calendar, Date day, int minute) {
  return calendar.start_of_day(day) + bpt::minutes(minute);
}

}  // namespace

bool is_day_unit(PeriodUnit unit) noexcept {
  return unit == PeriodUnit::calendar_days || unit == PeriodUnit::working_days || unit == PeriodUnit::statutory_days;
}

int paused_days(const Calendar& calendar, PeriodUnit unit, Instant from, Instant to) {
  if (to <= from) return 0;
  const Date paused = calendar.local_date(from);
  const Date resumed = calendar.local_date(to);
  if (unit == PeriodUnit::working_days) return calendar.working_days_between(paused, resumed);
  return static_cast<int>((resumed - paused).days());
}

Duration paused_time(const Calendar& calendar, PeriodUnit unit, Instant from, Instant to) {
  if (to <= from) return Duration(0, 0, 0);
  if (unit == PeriodUnit::business_hours) return calendar.business_time_between(from, to);
  return to - from;
}

Instant Schedule::deadline() const {
  if (is_day_unit(unit)) return calendar->period_end(start, granted + paused_days, unit);
  if (unit == PeriodUnit::hours) return start + bpt::hours(granted) + paused_time;
  return calendar->add_business_time(start, bpt::hours(granted) + paused_time);
}

Date Schedule::rolled_from(Instant deadline) const {
  if (unit != PeriodUnit::statutory_days) return Date(boost::gregorian::not_a_date_time);
  const Date reached = calendar->add_calendar_days(calendar->local_date(start), granted + paused_days);
  const Date last = calendar->local_date(deadline) - boost::gregorian::days(1);
  return last != reached ? reached : Date(boost::gregorian::not_a_date_time);
}

Instant Schedule::at_share(double share) const {
  if (is_day_unit(unit)) {
    const int days = static_cast<int>(std::ceil(share * granted));
    const PeriodUnit counted = unit == PeriodUnit::statutory_days ? PeriodUnit::calendar_days : unit;
    return calendar->period_end(start, days + paused_days, counted);
  }
  const Duration part = bpt::seconds(static_cast<long>(std::llround(share * granted * 3600.0)));
  if (unit == PeriodUnit::hours) return start + part + paused_time;
  return calendar->add_business_time(start, part + paused_time);
}

Instant shift(const Calendar& calendar, Instant instant, int amount, PeriodUnit unit) {
  if (amount == 0) return instant;
  switch (unit) {
    case PeriodUnit::hours: return instant + bpt::hours(amount);
    case PeriodUnit::business_hours:
      return amount > 0 ? calendar.add_business_time(instant, bpt::hours(amount))
                        : subtract_business_time(calendar, instant, bpt::hours(-amount));
    case PeriodUnit::calendar_days:
    case PeriodUnit::statutory_days:
    case PeriodUnit::working_days: break;
  }
  Date day = calendar.local_date(instant);
  Duration time_of_day = instant - calendar.start_of_day(day);
  if (time_of_day == Duration(0, 0, 0)) {  // 00:00 is the end of the day before
    day -= boost::gregorian::days(1);
    time_of_day = bpt::hours(24);
  }
  const Date moved = unit == PeriodUnit::working_days ? calendar.add_working_days(day, amount)
                                                      : calendar.add_calendar_days(day, amount);
  return calendar.start_of_day(moved) + time_of_day;
}

Instant subtract_business_time(const Calendar& calendar, Instant end, Duration amount) {
  if (!calendar.has_business_hours()) {
    throw Error(ErrorCode::invalid_argument, "calendar " + calendar.name() + " has no business hours");
  }
  Date day = calendar.local_date(end);
  for (int searched = 0; searched <= kMaxSearchDays; ++searched, day -= boost::gregorian::days(1)) {
    const std::vector<BusinessWindow> windows = calendar.business_windows(day);
    for (auto window = windows.rbegin(); window != windows.rend(); ++window) {
      const Instant opens = window_edge(calendar, day, window->start_minute);
      const Instant closes = std::min(window_edge(calendar, day, window->end_minute), end);
      if (closes <= opens) continue;
      if (closes - opens >= amount) return closes - amount;
      amount -= closes - opens;
    }
  }
  throw Error(ErrorCode::calendar_range, "no business time within " + std::to_string(kMaxSearchDays) + " days before " +
                                             bpt::to_iso_extended_string(end) + "Z");
}

Instant hold_to_business_hours(const Calendar& calendar, Instant due) {
  Date day = calendar.local_date(due);
  if (!calendar.has_business_hours()) {
    return calendar.is_working_day(day) ? due : calendar.start_of_day(calendar.next_working_day(day));
  }
  for (int searched = 0; searched <= kMaxSearchDays; ++searched, day += boost::gregorian::days(1)) {
    for (const BusinessWindow& window : calendar.business_windows(day)) {
      const Instant opens = window_edge(calendar, day, window.start_minute);
      const Instant closes = window_edge(calendar, day, window.end_minute);
      if (due < closes) return std::max(due, opens);
    }
  }
  throw Error(ErrorCode::calendar_range, "no business window within " + std::to_string(kMaxSearchDays) +
                                             " days after " + bpt::to_iso_extended_string(due) + "Z");
}

Instant step_due(const EscalationStep& step, const Schedule& schedule, Instant deadline) {
  Instant due = deadline;
  if (step.at == "share") {
    due = schedule.at_share(step.share);
  } else if (step.at == "before") {
    due = shift(*schedule.calendar, deadline, -step.offset, step.offset_unit);
  } else if (step.at == "after") {
    due = shift(*schedule.calendar, deadline, step.offset, step.offset_unit);
  }
  return step.hold_to_business_hours ? hold_to_business_hours(*schedule.calendar, due) : due;
}

}  // namespace xinfang::deadline_detail
