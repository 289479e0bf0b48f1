// Who may do what: the policy's roles per command (forbidden without one), and the rules on
// top of them — the responsible unit, the organisation one level up, the approving role.
#include <algorithm>

#include "lifecycle_test_util.hpp"

namespace xinfang::testing {
namespace {

namespace bpt = boost::posix_time;

std::vector<std::string> roles_except(const std::vector<std::string>& allowed) {
  std::vector<std::string> others;
  for (const auto& role : national_policy().roles()) {
    if (std::find(allowed.begin(), allowed.end(), role.id) == allowed.end()) others.push_back(role.id);
  }
  return others;
}

TEST(LifecyclePermissions, EveryProbeSucceedsWithTheRightActor) {
  for (const auto& command : command_names()) {
    const TestCase c = ready_for(command);
    const Probe p = ready_probe(command, c);
    EXPECT_EQ(c.attempt(command, p.args, p.actor, p.at), ErrorCode::ok)
        << command << ": " << c.refusal(command, p.args, p.actor, p.at);
  }
}

TEST(LifecyclePermissions, EveryCommandRefusesAnActorWithEveryOtherRole) {
  for (const auto& command : command_names()) {
    const TestCase c = ready_for(command);
    const Probe p = ready_probe(command, c);
    const Actor lacking = with_roles(p.actor, roles_except(national_policy().roles_for(command)));
    ASSERT_FALSE(lacking.roles.empty()) << command;
    EXPECT_EQ(c.attempt(command, p.args, lacking, p.at), ErrorCode::forbidden) << command;
    EXPECT_NE(c.refusal(command, p.args, lacking, p.at).find("has none of the roles"), std::string::npos) << command;
  }
}

TEST(LifecyclePermissions, EveryCommandRefusesAnActorWithNoRole) {
  for (const auto& command : command_names()) {
    const TestCase c = ready_for(command);
    const Probe p = ready_probe(command, c);
    EXPECT_EQ(c.attempt(command, p.args, with_roles(p.actor, {}), p.at), ErrorCode::forbidden) << command;
  }
}

TEST(LifecyclePermissions, EachRoleThePolicyAllowsIsEnoughOnItsOwn) {
  for (const auto& command : command_names()) {
    const TestCase c = ready_for(command);
    const Probe p = ready_probe(command, c);
    for (const auto& role : national_policy().roles_for(command)) {
      const Actor actor = with_roles(p.actor, {role});
      EXPECT_EQ(c.attempt(command, p.args, actor, p.at), ErrorCode::ok)
          << command << " by " << role << ": " << c.refusal(command, p.args, actor, p.at);
    }
  }
}

TEST(LifecyclePermissions, RefusalNamesTheActorAndTheRoles) {
  const TestCase c = ready_for("reply");
  const Probe p = ready_probe("reply", c);
  EXPECT_EQ(c.refusal("reply", p.args, petitioner(), p.at),
            "command reply: actor portal has none of the roles policy cn-national-2022 allows (handler, unit_leader)");
}

TEST(LifecyclePermissions, OnlyTheResponsibleUnitRepliesSuspendsAndAsksForExtensions) {
  const TestCase c = build_case("in_handling");
  const Instant at = c.last_at() + bpt::hours(1);
  for (const Actor& other : {handler_in("pensions"), unit_leader_in("pensions"), handler_in("petition_office")}) {
    EXPECT_EQ(c.attempt("reply", {{"outcome", "supported"}, {"text", "x"}}, other, at), ErrorCode::forbidden);
    EXPECT_EQ(c.attempt("suspend", {{"reason", "x"}}, other, at), ErrorCode::forbidden);
    EXPECT_EQ(c.attempt("request_extension", {{"amount", 5}, {"reason", "x"}}, other, at), ErrorCode::forbidden);
    EXPECT_EQ(c.attempt("object", {{"reason", "x"}}, other, at), ErrorCode::forbidden);
  }
  EXPECT_EQ(c.refusal("reply", {{"outcome", "supported"}, {"text", "x"}}, handler_in("pensions"), at),
            "command reply: only the unit responsible for the case (social_assistance) may reply; actor h-pensions is "
            "in unit pensions");
  EXPECT_EQ(c.attempt("reply", {{"outcome", "supported"}, {"text", "x"}}, unit_leader_in("social_assistance"), at),
            ErrorCode::ok);
}

TEST(LifecyclePermissions, ReviewIsDecidedOneLevelUp) {
  TestCase c = build_case("review_requested");
  const Json args = {{"outcome", "supported"}, {"text", "x"}};
  const Instant at = c.last_at() + bpt::hours(1);
  EXPECT_EQ(c.attempt("decide_review", args, reviewer("city"), at), ErrorCode::forbidden);
  EXPECT_EQ(c.attempt("decide_review", args, reviewer("district"), at), ErrorCode::forbidden);
  EXPECT_NE(c.refusal("decide_review", args, reviewer("city"), at).find("one level up (province)"), std::string::npos);
  c.run("decide_review", args, reviewer("province"), at);
  c.run("request_rereview", Json::object(), petitioner(), at + bpt::hours(24));
  EXPECT_EQ(c.attempt("decide_rereview", args, reviewer("city"), at + bpt::hours(48)), ErrorCode::forbidden);
  EXPECT_EQ(c.attempt("decide_rereview", args, reviewer("province"), at + bpt::hours(48)), ErrorCode::ok);
}

TEST(LifecyclePermissions, AnExtensionIsDecidedByTheApproverOfTheHandlingOrganisation) {
  const TestCase c = ready_for("approve_extension");
  const Instant at = c.last_at() + bpt::hours(1);
  EXPECT_EQ(c.attempt("approve_extension", Json::object(), org_leader("district"), at), ErrorCode::forbidden);
  EXPECT_EQ(c.attempt("refuse_extension", {{"reason", "x"}}, org_leader("province"), at), ErrorCode::forbidden);
  EXPECT_EQ(c.attempt("approve_extension", Json::object(), org_leader("city"), at), ErrorCode::ok);
}

TEST(LifecyclePermissions, AnExtensionNeedsTheClocksApproverRoleEvenWhenThePolicyAllowsTheCommand) {
  // A policy that lets unit leaders decide extensions, while the clock still names org_leader.
  const Policy policy = Policy::from_json(R"({"extends": "cn-national-2022",
      "permissions": {"approve_extension": ["org_leader", "unit_leader"]}})");
  const TestCase c = ready_for("approve_extension");
  DecideContext context{policy, national_calendar(), c.last_at() + bpt::hours(1), unit_leader_in("general"), "", "", "",
                        {}};
  EXPECT_EQ(code_of([&] {
              decide(c.state(), Command{"approve_extension", Json::object()}, context);
            }),
            ErrorCode::forbidden);
  context.actor = org_leader("city");
  EXPECT_EQ(code_of([&] { decide(c.state(), Command{"approve_extension", Json::object()}, context); }), ErrorCode::ok);
}

}  // namespace
}  // namespace xinfang::testing
