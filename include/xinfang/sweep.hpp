/**
 * @file sweep.hpp
 * @brief What Engine::sweep() fires and what the notification outbox holds.
 *
 * The engine keeps, for every case, the earliest instant one of its clocks' escalation steps is
 * due (deadline.hpp). Engine::sweep() reads only the cases due by now, in due order, and fires
 * each due step once: an event in the case's log (reminded, supervised, escalated,
 * owner_assigned, key_marked_by_escalation) and a notification in the outbox, in one
 * transaction. The host polls the outbox, delivers each notification by its own means (SMS,
 * e-mail, its portal) and acknowledges it; one not acknowledged in time is handed out again.
 * docs/deadlines.md, "The sweep and the outbox".
 */
#ifndef XINFANG_SWEEP_HPP
#define XINFANG_SWEEP_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "xinfang/calendar.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang {

/** How a sweep works through the due cases. */
struct SweepOptions {
  /** Cases per transaction (1..10000): one sweep never holds the database longer than this many
   *  cases take. */
  std::int64_t cases_per_transaction = 200;
  /** Cases in all, 0 for every case due; a sweep that stops early says more_due. */
  std::int64_t max_cases = 0;
};

/** One step a sweep fired. */
struct FiredStep {
  std::string number;              ///< The case.
  std::string clock;               ///< The clock's id.
  std::string step;                ///< The step's id.
  std::string action;              ///< remind, supervise, escalate, assign_owner or mark_key.
  std::string event_type;          ///< The event appended (reminded, supervised, ...).
  int run = 0;                     ///< The clock's run it fired in.
  Instant due_at;                  ///< When it was due.
  Instant swept_at;                ///< When the sweep fired it (the event's time).
  std::int64_t version = 0;        ///< The case's version after the event.
  std::int64_t notifications = 0;  ///< Notifications written with it.
  /** @return {"number", "clock", "step", "action", "event", "run", "due_at", "swept_at",
   *          "version", "notifications"}, times in ISO 8601 UTC. */
  Json to_json() const;
};

/** What a sweep did. */
struct SweepResult {
  std::vector<FiredStep> fired;   ///< In the order fired: by case due order, then due time.
  std::int64_t cases = 0;         ///< Cases read.
  std::int64_t transactions = 0;  ///< Transactions committed.
  bool more_due = false;          ///< max_cases stopped it with cases still due.
  /** @return {"fired": [FiredStep::to_json()...], "cases", "transactions", "more_due"}. */
  Json to_json() const;
};

/** A notification of the outbox. */
struct Notification {
  std::int64_t id = 0;              ///< Its id, for Engine::acknowledge().
  std::string number;               ///< The case.
  std::int64_t event_sequence = 0;  ///< The escalation event it was written with.
  std::string kind;                 ///< The step's action: remind, supervise, escalate, ...
  /// "staff" (recipient is a staff id) or "role" (nobody holds the role where the case is: the
  /// recipient is the role id, for the host to route).
  std::string recipient_kind;
  std::string recipient;  ///< Staff id or role id.
  /** Message parameters: number, subject, clock and its name, step, deadline, due_at,
   *  swept_at, organisation, unit, handler. */
  Json parameters;
  Instant due_at;             ///< When the step was due.
  Instant created_at;         ///< When it was written (the sweep's time).
  Instant leased_until;       ///< Handed out until then (not_a_date_time: never handed out).
  std::int64_t attempts = 0;  ///< Times handed out.
  Instant acknowledged_at;    ///< When acknowledged (not_a_date_time: not yet).
  /** @return {"id", "number", "event_sequence", "kind", "recipient_kind", "recipient",
   *          "parameters", "due_at", "created_at", "leased_until", "attempts",
   *          "acknowledged_at"}, times in ISO 8601 UTC (null when not set). */
  Json to_json() const;
};

}  // namespace xinfang

#endif
