// apply() and fold() on their own: every event type is known, a log starts with registered, a
// payload missing what its type needs is refused with its path, and the events the engine
// appends (merges received, escalation steps) change what they name.
#include <algorithm>

#include "lifecycle_test_util.hpp"

namespace xinfang::testing {
namespace {

namespace bpt = boost::posix_time;

Event event(const std::string& type, Json payload) {
  return Event{type, local("2025-03-06 10:00"), dispatcher(), std::move(payload)};
}

std::string apply_error(const CaseState& state, const Event& e) {
  return message_of([&] { (void)apply(state, e); });
}

TEST(LifecycleApply, EveryEventTypeDecideProducesIsKnown) {
  // Each command's events, from the status table probes, are among event_type_names().
  const auto& known = event_type_names();
  for (const auto& command : command_names()) {
    const TestCase c = ready_for(command);
    const Probe p = ready_probe(command, c);
    for (const auto& e : c.decide(command, p.args, p.actor, p.at)) {
      EXPECT_NE(std::find(known.begin(), known.end(), e.type), known.end()) << command << " -> " << e.type;
      EXPECT_EQ(e.at, p.at);
      EXPECT_EQ(e.actor.id, p.actor.id);
      EXPECT_EQ(e.payload["policy_version"], "2022.1") << e.type;
    }
  }
}

TEST(LifecycleApply, UnknownTypesAndMisplacedRegistrationsAreRefused) {
  const TestCase c = build_case("in_handling");
  EXPECT_EQ(code_of([&] { (void)apply(c.state(), event("teleported", Json::object())); }), ErrorCode::invalid_data);
  EXPECT_EQ(apply_error(c.state(), event("teleported", Json::object())), "event 'teleported': unknown event type");
  EXPECT_EQ(code_of([&] { (void)apply(c.state(), c.events()[0]); }), ErrorCode::invalid_data);
  EXPECT_EQ(code_of([&] { (void)apply(CaseState{}, c.events()[1]); }), ErrorCode::invalid_data);
  Event timeless = c.events()[1];
  timeless.at = Instant(bpt::not_a_date_time);
  EXPECT_EQ(code_of([&] { (void)apply(c.state(), timeless); }), ErrorCode::invalid_data);
}

TEST(LifecycleApply, PayloadsMissingWhatTheirTypeNeedsAreRefusedWithThePath) {
  const TestCase c = build_case("in_handling");
  EXPECT_EQ(apply_error(c.state(), event("routed", {{"unit", "pensions"}})),
            "event routed /payload/handler: is required");
  EXPECT_EQ(apply_error(c.state(), event("replied", {{"outcome", "fine"}, {"text", "x"}})),
            "event replied /payload/outcome: must be one of supported, partly_supported, not_supported, explained");
  EXPECT_EQ(apply_error(c.state(), event("suspended", Json::array())),
            "event suspended /payload: must be an object, not an array");
  Json registered = c.events()[0].payload;
  registered["petitioners"][0].erase("name");
  EXPECT_EQ(apply_error(CaseState{}, Event{"registered", c.events()[0].at, registrar(), registered}),
            "event registered /payload/petitioners/0/name: is required");
}

TEST(LifecycleApply, EngineEventsChangeWhatTheyName) {
  CaseState s = build_case("in_handling").state();
  s = apply(s, event("merge_received", {{"from", "MZJ-2025-000009"}}));
  s = apply(s, event("merge_received", {{"from", "MZJ-2025-000009"}}));
  EXPECT_EQ(s.merged_from, std::vector<std::string>{"MZJ-2025-000009"});
  s = apply(s, event("reminded", {{"clock", "handling"}, {"level", 1}}));
  s = apply(s, event("escalated", {{"clock", "handling"}, {"level", 3}}));
  s = apply(s, event("supervised", {{"clock", "handling"}, {"level", 2}}));
  EXPECT_EQ(s.escalation_level, 3);
  s = apply(s, event("owner_assigned", {{"leader", "ol-city"}}));
  EXPECT_EQ(s.owner_leader, "ol-city");
  s = apply(s, event("key_marked_by_escalation", Json::object()));
  EXPECT_TRUE(s.key_case);
  EXPECT_EQ(s.status, CaseStatus::in_handling);
}

TEST(LifecycleApply, FoldOfNothingIsTheEmptyCase) {
  const CaseState s = fold({});
  EXPECT_EQ(s.version, 0);
  EXPECT_EQ(s.number, "");
}

}  // namespace
}  // namespace xinfang::testing
