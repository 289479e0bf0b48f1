// Internal: the event a due escalation step appends — one shape for the engine's sweep and for
// the what-if replay (simulate.hpp), so that both fire the same event.
#ifndef XINFANG_SRC_DEADLINE_ESCALATION_EVENT_HPP
#define XINFANG_SRC_DEADLINE_ESCALATION_EVENT_HPP

#include <cstddef>
#include <functional>
#include <string>

#include "xinfang/deadline.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang::deadline_detail {

/**
 * The event step @p step of @p report appends when a sweep fires it at @p swept_at, on behalf of
 * @p organisation. An assign_owner step names the leader @p leader gives; with none ("") it is
 * recorded as escalated, owner_not_found, for the role to be told instead.
 */
Event escalation_event(const ClockReport& report, std::size_t step, Instant swept_at, const std::string& organisation,
                       const std::function<std::string()>& leader);

}  // namespace xinfang::deadline_detail

#endif
