// Routing a petition to a unit by the policy's rules, and choosing a handler within the unit.
// Pure: the caller supplies the handlers and their open-case counts.
#include "xinfang/routing.hpp"

#include <algorithm>

namespace xinfang {

namespace {

template <typename T>
bool any_of_or_empty(const std::vector<T>& allowed, const T& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// Keywords are matched as byte substrings. For valid UTF-8 on both sides a match can only start
// on a character boundary, so a Chinese keyword never matches half a character. Case is not
// folded. An empty keyword matches nothing.
bool keywords_match(const std::vector<std::string>& keywords, const RoutingInput& input) {
  if (keywords.empty()) return true;
  return std::any_of(keywords.begin(), keywords.end(), [&](const std::string& word) {
    return !word.empty() &&
           (input.subject.find(word) != std::string::npos || input.content.find(word) != std::string::npos);
  });
}

bool matches(const RoutingRule& rule, const RoutingInput& input) {
  return any_of_or_empty(rule.categories, input.category) && any_of_or_empty(rule.regions, input.region) &&
         any_of_or_empty(rule.channels, input.channel) && any_of_or_empty(rule.types, input.type) &&
         keywords_match(rule.keywords, input);
}

// Fewest open cases, ties broken by the smaller id.
bool fewer_open(const HandlerCandidate* a, const HandlerCandidate* b) {
  if (a->open_cases != b->open_cases) return a->open_cases < b->open_cases;
  return a->id < b->id;
}

}  // namespace

std::optional<RouteDecision> route_unit(const Policy& policy, const RoutingInput& input) {
  const RoutingRules& routing = policy.routing();
  for (const RoutingRule& rule : routing.rules) {
    if (matches(rule, input)) return RouteDecision{rule.unit, rule.name};
  }
  if (!routing.default_unit.empty()) return RouteDecision{routing.default_unit, "default"};
  return std::nullopt;
}

std::optional<std::string> choose_handler(HandlerRule rule, const std::vector<HandlerCandidate>& candidates,
                                          std::string_view last_chosen) {
  // Candidates without an id are nobody.
  std::vector<const HandlerCandidate*> pool;
  for (const HandlerCandidate& candidate : candidates) {
    if (!candidate.id.empty() && (rule != HandlerRule::duty_roster || candidate.on_duty)) pool.push_back(&candidate);
  }
  if (pool.empty()) return std::nullopt;

  switch (rule) {
    case HandlerRule::least_open:
    case HandlerRule::duty_roster: return (*std::min_element(pool.begin(), pool.end(), fewer_open))->id;
    case HandlerRule::round_robin: {
      std::vector<std::string> ids;
      for (const HandlerCandidate* candidate : pool) ids.push_back(candidate->id);
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      const auto last = std::find(ids.begin(), ids.end(), last_chosen);
      // The one after the last chosen, wrapping; the first by id if nobody was chosen yet or the
      // last chosen is no longer among the candidates.
      if (last == ids.end() || last + 1 == ids.end()) return ids.front();
      return *(last + 1);
    }
  }
  return std::nullopt;
}

}  // namespace xinfang
