/**
 * @file routing.hpp
 * @brief Routing a petition to a unit, and choosing a handler within it: pure functions.
 *
 * The policy's routing rules (category, region, channel, petition type, keywords in the
 * subject or content) pick a unit; within the unit a handler is chosen by the policy's rule —
 * least open cases, round robin, or the duty roster of the day — from data the caller provides
 * (the engine reads it from its directory). A manual choice always wins and is recorded as
 * such in the event.
 */
#ifndef XINFANG_ROUTING_HPP
#define XINFANG_ROUTING_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/policy.hpp"

namespace xinfang {

/** What routing looks at. */
struct RoutingInput {
  std::string channel;                      ///< Channel id.
  PetitionType type = PetitionType::claim;  ///< Petition type.
  std::string category;                     ///< Category id.
  std::string region;                       ///< Region id.
  std::string subject;                      ///< Subject line.
  std::string content;                      ///< Full text.
};

/** Where routing sends a petition, and why. */
struct RouteDecision {
  std::string unit;  ///< The unit.
  std::string rule;  ///< The name of the rule that matched, or "default".
};

/**
 * @param policy The policy with the routing rules.
 * @param input The petition.
 * @return The first matching rule's unit, else the default unit, else std::nullopt (a manual
 *         choice is then needed).
 */
std::optional<RouteDecision> route_unit(const Policy& policy, const RoutingInput& input);

/** A handler who could take a case. */
struct HandlerCandidate {
  std::string id;        ///< The person's id.
  int open_cases = 0;    ///< Cases open with them now.
  bool on_duty = false;  ///< On the duty roster for the day.
};

/**
 * @param rule The policy's handler rule.
 * @param candidates The unit's handlers.
 * @param last_chosen For round robin: the handler chosen last in the unit ("" if none).
 * @return The chosen handler's id, or std::nullopt if there is nobody to choose (no
 *         candidates; for the duty roster, nobody on duty).
 */
std::optional<std::string> choose_handler(HandlerRule rule, const std::vector<HandlerCandidate>& candidates,
                                          std::string_view last_chosen);

}  // namespace xinfang

#endif  // XINFANG_ROUTING_HPP
