/**
 * @file deadline.hpp
 * @brief Clocks: the deadlines a policy defines, evaluated from a case's events (pure).
 *
 * A clock is what the policy's `clocks` section defines (ClockRules): the events that start,
 * pause, resume, stop and restart it, a limit in a PeriodUnit, extensions and an escalation
 * ladder. Its state is never stored: evaluate_clocks() works it out from the case's log (the
 * CaseState::timeline of its events), the policy and the calendar, so the same inputs always
 * give the same instants, and explain() says why. docs/deadlines.md has the model and worked
 * examples.
 *
 * The one rule of every day clock (DESIGN.md §4): the deadline is the end (24:00 local) of the
 * day reached by counting limit + granted extensions + paused days from the start day, then
 * rolling forward once (statutory days). Paused time is counted in the clock's own unit: a
 * pause from day P to day R adds the calendar days, or the working days, in (P, R]. Hour clocks
 * add the paused time itself (exact, or business time).
 */
#ifndef XINFANG_DEADLINE_HPP
#define XINFANG_DEADLINE_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xinfang/calendar.hpp"
#include "xinfang/lifecycle.hpp"
#include "xinfang/policy.hpp"

namespace xinfang {

/** Where a clock stands. Values reach disk: fixed forever. */
enum class ClockStatus : std::uint8_t {
  not_started = 0,  ///< None of its start events has happened (or it does not run for the case).
  running = 1,      ///< Started, not paused, not stopped, the deadline not passed.
  paused = 2,       ///< Paused before its deadline; the deadline moves while the pause lasts.
  met = 3,          ///< Stopped: on time, or late by ClockReport::late_by.
  breached = 4,     ///< Its deadline passed and it has not stopped (running or paused since).
};

/** @param status A status. @return Its stable name, e.g. "breached". */
const char* clock_status_name(ClockStatus status) noexcept;

/** A pause of a clock. */
struct ClockPause {
  Instant from;            ///< The pausing event's time.
  Instant to;              ///< The resuming or stopping event's time; not_a_date_time while it lasts.
  std::string from_event;  ///< The pausing event's type.
  std::string to_event;    ///< The resuming event's type ("" while it lasts).
  /// Day clocks: the days it adds, in the clock's unit (days in (from, to], to now while it lasts).
  int days = 0;
  /// Hour clocks: the time it adds (exact, or business time), to now while it lasts.
  Duration time;
};

/** An approved extension of a clock. */
struct ClockExtension {
  Instant at;      ///< When it was approved.
  int amount = 0;  ///< How much, in the clock's unit.
};

/** A step of a clock's ladder as it stands for one case. */
struct LadderStep {
  std::string id;      ///< The step's id in the policy.
  std::string at;      ///< "share", "before", "breach" or "after".
  std::string action;  ///< "remind", "supervise", "escalate", "assign_owner", "mark_key".
  std::string notify;  ///< Who is told: "handler", "unit_leader", "org_leader" or a role id.
  /// When it is due in this run of the clock; not_a_date_time while the clock is not started,
  /// paused or stopped and the step has not fired.
  Instant due;
  bool fired = false;  ///< Whether the case's log has it (in this run).
  Instant fired_at;    ///< When it fired.
};

/** A clock of one case, worked out from its log. */
struct ClockReport {
  std::string id;                                 ///< The clock's id in the policy.
  std::string name;                               ///< Its display name.
  Period period;                                  ///< Limit, unit and article.
  ClockStatus status = ClockStatus::not_started;  ///< Where it stands at the evaluation time.
  int run = 0;                             ///< 1 after its first start, one more at each restart (0: not started).
  Instant started_at;                      ///< When this run started.
  std::string started_by;                  ///< The event type that started it (or restarted it).
  std::vector<ClockPause> pauses;          ///< Pauses of this run, in order.
  std::vector<ClockExtension> extensions;  ///< Extensions of this run, in order.
  int extension_total = 0;                 ///< Their sum, in the clock's unit.
  int paused_days = 0;                     ///< Day clocks: the days the pauses add.
  Duration paused_time;                    ///< Hour clocks: the time the pauses add.
  /// The deadline: not_a_date_time when not started. While paused, the deadline if the clock
  /// resumed at the evaluation time.
  Instant deadline;
  /// Statutory days: the day reached before rolling forward, when the deadline rolled
  /// (not_a_date_time otherwise).
  Date rolled_from;
  Instant stopped_at;      ///< When it stopped (met), or not_a_date_time.
  std::string stopped_by;  ///< The event type that stopped it.
  /// Met late: by how much the stop came after the deadline; breached: how long ago the
  /// deadline passed (to the evaluation time, or to the pause); zero otherwise.
  Duration late_by;
  std::vector<LadderStep> ladder;  ///< The ladder's steps, in the policy's order.
  /// The first due instant among the steps not fired; not_a_date_time if none is pending.
  Instant next_due;
};

/**
 * Evaluates one clock for a case.
 * @param state The case (its timeline is what counts; its type and category say whether the
 *        clock runs for it).
 * @param clock The clock's rules.
 * @param calendar The calendar it counts on.
 * @param now The evaluation time: for paused clocks the pause is counted up to it, and breach
 *        is judged at it.
 * @return The report.
 * @throws Error calendar_range if the count needs a year the calendar does not know.
 */
ClockReport evaluate_clock(const CaseState& state, const ClockRules& clock, const Calendar& calendar, Instant now);

/**
 * Evaluates every clock of @p policy that runs for the case (by type and category).
 * @param state The case.
 * @param policy The policy in force.
 * @param calendar The calendar.
 * @param now The evaluation time.
 * @return One report per clock that runs for the case, in the policy's order (started or not).
 * @throws Error calendar_range as evaluate_clock().
 */
std::vector<ClockReport> evaluate_clocks(const CaseState& state, const Policy& policy, const Calendar& calendar,
                                         Instant now);

/**
 * @param state A case.
 * @param clock A clock.
 * @return Whether the clock runs for the case: its type and category are among those the clock
 *         names (an empty list names all).
 */
bool clock_runs_for(const ClockRules& clock, const CaseState& state);

/**
 * The clock extensions apply to when an extension names none: the clock "handling" if it runs
 * for the case, else the first clock that runs for it, starts on acceptance or registration and
 * stops on the reply.
 * @param policy The policy.
 * @param state The case.
 * @return The clock, or nullptr.
 */
const ClockRules* handling_clock(const Policy& policy, const CaseState& state);

/**
 * @param reports Clock reports of one case.
 * @return The earliest ClockReport::next_due among them; not_a_date_time if none.
 */
Instant next_due(const std::vector<ClockReport>& reports);

/** Why a deadline is what it is. */
struct DeadlineExplanation {
  /** The pieces, as data: clock, status, start (event, instant, local day), unit, limit,
   *  extensions, pauses (each with what it adds), the count, the day reached and the roll
   *  forward, the deadline, and the ladder. */
  Json data;
  /** The same in one or a few sentences (Chinese, as an office writes it). */
  std::string sentence;
  /** @return data with the sentence as "explanation": what the CLI and the C ABI hand out. */
  Json to_json() const;
};

/**
 * @param report A clock report (evaluate_clock()).
 * @param calendar The calendar it was evaluated on (for local days and holiday names).
 * @return Its explanation.
 */
DeadlineExplanation explain(const ClockReport& report, const Calendar& calendar);

}  // namespace xinfang

#endif
