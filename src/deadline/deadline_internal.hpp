// Internal: the arithmetic clocks share — pauses in a clock's unit, the deadline of a schedule,
// and when a ladder step is due.
#ifndef XINFANG_SRC_DEADLINE_DEADLINE_INTERNAL_HPP
#define XINFANG_SRC_DEADLINE_DEADLINE_INTERNAL_HPP

#include "xinfang/calendar.hpp"
#include "xinfang/policy.hpp"

namespace xinfang::deadline_detail {

/** @return Whether @p unit counts days (calendar, working or statutory). */
bool is_day_unit(PeriodUnit unit) noexcept;

/** The days a pause from @p from to @p to adds to a day clock: the days of its unit in (P, R]. */
int paused_days(const Calendar& calendar, PeriodUnit unit, Instant from, Instant to);

/** The time a pause adds to an hour clock: exact, or the business time inside it. */
Duration paused_time(const Calendar& calendar, PeriodUnit unit, Instant from, Instant to);

/** A run of a clock reduced to what its deadline depends on. */
struct Schedule {
  const Calendar* calendar;
  PeriodUnit unit;
  Instant start;
  int granted;           ///< Limit plus extensions.
  int paused_days;       ///< Day units: the days the pauses add.
  Duration paused_time;  ///< Hour units: the time the pauses add.

  /** @return The deadline: period_end(start, granted + paused, unit), or for hour units the
   *          granted hours plus the paused time (exact or business time). */
  Instant deadline() const;
  /** @return For statutory days, the day reached before rolling forward if @p deadline (this
   *          schedule's) rolled; not_a_date_time otherwise. */
  Date rolled_from(Instant deadline) const;
  /** @return When @p share of the granted time has passed (day units: the end of the
   *          ceil(share x granted)-th day, not rolled; paused time added). */
  Instant at_share(double share) const;
};

/** @return When @p step is due for a run whose schedule is @p schedule and deadline @p deadline. */
Instant step_due(const EscalationStep& step, const Schedule& schedule, Instant deadline);

/** @return @p instant moved by @p amount of @p unit (negative: back). Day units move the local
 *          day and keep the time of day, reading 00:00 as 24:00 of the day before. */
Instant shift(const Calendar& calendar, Instant instant, int amount, PeriodUnit unit);

/** @return The instant @p amount of business time before @p end. */
Instant subtract_business_time(const Calendar& calendar, Instant end, Duration amount);

/** @return @p due, or if it falls outside the business windows the next window's opening (on a
 *          calendar without business hours: a non-working day waits for the next working day). */
Instant hold_to_business_hours(const Calendar& calendar, Instant due);

}  // namespace xinfang::deadline_detail

#endif
