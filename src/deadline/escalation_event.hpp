// Internal: the escalation steps due on a case, and the event a due step appends — one order and
// one shape for the engine's sweep and for the what-if replay (simulate.hpp), so that both fire
// the same steps with the same events.
#ifndef XINFANG_SRC_DEADLINE_ESCALATION_EVENT_HPP
#define XINFANG_SRC_DEADLINE_ESCALATION_EVENT_HPP

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "xinfang/deadline.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang::deadline_detail {

/** A due step: step @p step of the ladder of clock report @p clock, due at @p due. */
struct DueStep {
  Instant due;
  std::size_t clock;
  std::size_t step;
};

/**
 * The steps of @p reports not yet fired that fall due before @p at (or at it, with
 * @p inclusive), earliest first; steps due together in the order of their clocks and ladders.
 */
std::vector<DueStep> due_steps(const std::vector<ClockReport>& reports, Instant at, bool inclusive);

/**
 * The event step @p step of @p report appends when a sweep fires it at @p swept_at, on behalf of
 * @p organisation. An assign_owner step names the leader @p leader gives; with none ("") it is
 * recorded as escalated, owner_not_found, for the role to be told instead.
 */
Event escalation_event(const ClockReport& report, std::size_t step, Instant swept_at, const std::string& organisation,
                       const std::function<std::string()>& leader);

}  // namespace xinfang::deadline_detail

#endif
