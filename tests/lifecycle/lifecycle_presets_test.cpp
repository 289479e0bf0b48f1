// The lifecycle under the other presets: nothing in it is written for cn-national-2022 alone.
#include "lifecycle_test_util.hpp"

namespace xinfang::testing {
namespace {

const Policy& policy_2005() {
  static const Policy policy = Policy::preset("cn-national-2005");
  return policy;
}

const Policy& hotline() {
  static const Policy policy = Policy::preset("hotline-12345");
  return policy;
}

TEST(LifecyclePresets, UnderThe2005RulesEveryMatterHasAHandlingPeriodToExtend) {
  // 信访条例 (2005) applied the 60 (+30) days to every matter, suggestions included.
  Json args = claim_letter_args();
  args["type"] = "suggestion";
  args.erase("sub_route");
  TestCase c;
  c.policy = &policy_2005();
  c.intake(args, local("2025-03-03 09:00"));
  c.run("accept", Json::object(), dispatcher(), local("2025-03-03 14:00"));
  c.run("route", {{"unit", "social_assistance"}, {"handler", "h"}}, dispatcher(), local("2025-03-04 10:00"));
  c.run("request_extension", {{"amount", 30}, {"reason", "x"}}, handler_in("social_assistance"),
        local("2025-04-25 10:00"));
  c.run("approve_extension", Json::object(), org_leader(), local("2025-04-28 10:00"));
  EXPECT_EQ(c.state().extension_total, 30);
  EXPECT_EQ(c.state().policy_name, "cn-national-2005");
  EXPECT_EQ(c.events()[0].payload["policy_version"], policy_2005().version());
}

// The 5-working-day objection is new in 2022 (Art. 23 ¶3): the 2005 preset gives it to nobody.
TEST(LifecyclePresets, UnderThe2005RulesNobodyObjects) {
  TestCase c;
  c.policy = &policy_2005();
  c.intake(claim_letter_args(), local("2025-03-03 09:00"));
  c.run("accept", Json::object(), dispatcher(), local("2025-03-03 14:00"));
  c.run("route", {{"unit", "social_assistance"}, {"handler", "h"}}, dispatcher(), local("2025-03-04 10:00"));
  EXPECT_EQ(c.refusal("object", {{"reason", "x"}}, handler_in("social_assistance"), local("2025-03-05 10:00")),
            "command object: actor h-social_assistance has none of the roles policy cn-national-2005 allows (nobody "
            "may)");
}

TEST(LifecyclePresets, APolicyThatAllowsObjectionButDefinesNoWindowRefusesIt) {
  const Policy policy = Policy::from_json(R"({"extends": "cn-national-2022", "windows": {"objection": null}})");
  TestCase c;
  c.policy = &policy;
  c.intake(claim_letter_args(), local("2025-03-03 09:00"));
  c.run("accept", Json::object(), dispatcher(), local("2025-03-03 14:00"));
  c.run("route", {{"unit", "social_assistance"}, {"handler", "h"}}, dispatcher(), local("2025-03-04 10:00"));
  EXPECT_EQ(c.refusal("object", {{"reason", "x"}}, handler_in("social_assistance"), local("2025-03-05 10:00")),
            "command object: policy cn-national-2022 defines no objection window");
}

TEST(LifecyclePresets, UnderThe2005RulesAConcludedMatterCitesThe2005Article) {
  const TestCase empty = [] {
    TestCase c;
    c.policy = &policy_2005();
    return c;
  }();
  const std::vector<PriorCase> prior = {
      {"MZJ-2020-000001", "city", "social_assistance", CaseStatus::concluded, local("2020-05-01 10:00")}};
  const std::string message =
      message_of([&] { empty.decide("intake", claim_letter_args(), registrar(), local("2025-03-03 09:00"), prior); });
  EXPECT_NE(message.find("信访条例 第三十五条第三款"), std::string::npos) << message;
}

TEST(LifecyclePresets, AHotlineTicketRunsUnderTheHotlineRules) {
  const Actor operator_{"op-7", "city_government", "call_center", {"registrar"}};
  const Actor dispatch{"pd-2", "city_government", "dispatch_center", {"dispatcher"}};
  TestCase c;
  c.policy = &hotline();
  c.number = "20250303000042";
  c.intake({{"channel", "hotline"},
            {"type", "claim"},
            {"category", "water"},
            {"subject", "小区停水"},
            {"content", "某小区自早上起停水，无通知。"},
            {"petitioners", Json::array({{{"name", "张某"}, {"phone", "13700000000"}}})},
            {"received_at", "2025-03-03T08:05:00+08:00"}},
           local("2025-03-03 08:10"), operator_);
  c.run("accept", Json::object(), dispatch, local("2025-03-03 08:15"));
  c.run("route", {{"unit", "emergency_desk"}, {"handler", "h-yj"}}, dispatch, local("2025-03-03 08:20"));
  // Nobody may extend a hotline ticket's hours: the preset gives the command to no role.
  EXPECT_EQ(c.attempt("request_extension", {{"amount", 2}, {"reason", "x"}},
                      handler_in("emergency_desk", "city_government"), local("2025-03-03 09:00")),
            ErrorCode::forbidden);
  c.run("reply", {{"outcome", "supported"}, {"text", "已恢复供水"}}, handler_in("emergency_desk", "city_government"),
        local("2025-03-03 12:00"));
  c.run("rate", {{"level", "basically_satisfied"}}, petitioner(), local("2025-03-03 18:00"));
  EXPECT_EQ(c.state().status, CaseStatus::rated);
  // The hotline has no review: the preset gives request_review to nobody.
  EXPECT_EQ(c.attempt("request_review", Json::object(), petitioner(), local("2025-03-04 09:00")), ErrorCode::forbidden);
}

// Regression: the centre sat beside the bureaus in the organisation tree, so 派单 (交办) to a
// bureau was refused as "not below us".
TEST(LifecyclePresets, TheHotlineCentreDispatchesATicketToABureauBelowIt) {
  const Actor operator_{"op-7", "city_government", "call_center", {"registrar"}};
  const Actor dispatch{"pd-2", "city_government", "dispatch_center", {"dispatcher"}};
  TestCase c;
  c.policy = &hotline();
  c.number = "20250303000043";
  c.intake({{"channel", "hotline"},
            {"type", "claim"},
            {"category", "water"},
            {"subject", "水管漏水"},
            {"content", "楼下水管漏水。"},
            {"petitioners", Json::array({{{"name", "李某"}, {"phone", "13700000001"}}})},
            {"received_at", "2025-03-03T09:05:00+08:00"}},
           local("2025-03-03 09:10"), operator_);
  c.run("accept", Json::object(), dispatch, local("2025-03-03 09:15"));
  c.run("assign", {{"unit", "water_supply"}}, dispatch, local("2025-03-03 09:20"));
  EXPECT_EQ(c.state().status, CaseStatus::assigned);
  EXPECT_EQ(c.state().unit, "water_supply");
}

}  // namespace
}  // namespace xinfang::testing
