// Routing petitions to units under cn-national-2022 and under policies built from JSON, and
// choosing a handler by each of the three rules.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "xinfang/error.hpp"
#include "xinfang/numbering.hpp"
#include "xinfang/policy.hpp"
#include "xinfang/routing.hpp"

namespace xinfang {
namespace {

const Policy& national() {
  static const Policy policy = Policy::preset("cn-national-2022");
  return policy;
}

RoutingInput petition(std::string category, std::string channel = "letter", PetitionType type = PetitionType::claim,
                      std::string region = "central", std::string subject = "", std::string content = "") {
  RoutingInput input;
  input.category = std::move(category);
  input.channel = std::move(channel);
  input.type = type;
  input.region = std::move(region);
  input.subject = std::move(subject);
  input.content = std::move(content);
  return input;
}

// ---- cn-national-2022 ----

TEST(RouteUnit, EachNationalCategoryRoutesToItsUnit) {
  const struct {
    const char* category;
    const char* unit;
    const char* rule;
  } expected[] = {
      {"social_assistance", "social_assistance", "社会救助"},
      {"pensions", "pensions", "优抚安置"},
      {"disability", "disability", "残疾人事务"},
      {"elderly_care", "elderly", "养老服务"},
      {"marriage", "marriage", "婚姻登记"},
      // No unit of their own in the example tree: the default unit, 办公室.
      {"funeral", "general", "default"},
      {"community", "general", "default"},
      {"other", "general", "default"},
  };
  for (const auto& e : expected) {
    SCOPED_TRACE(e.category);
    const auto decision = route_unit(national(), petition(e.category));
    ASSERT_TRUE(decision.has_value());
    EXPECT_EQ(decision->unit, e.unit);
    EXPECT_EQ(decision->rule, e.rule);
    EXPECT_NE(national().find_unit(decision->unit), nullptr);
  }
  // Every category the preset defines is covered above.
  EXPECT_EQ(national().categories().size(), std::size(expected));
}

TEST(RouteUnit, NationalRoutingIgnoresChannelTypeAndRegion) {
  for (const auto& channel : national().channels()) {
    for (PetitionType type : {PetitionType::suggestion, PetitionType::accusation, PetitionType::claim}) {
      for (const auto& region : national().regions()) {
        const auto decision = route_unit(national(), petition("pensions", channel.id, type, region.id));
        ASSERT_TRUE(decision.has_value());
        EXPECT_EQ(decision->unit, "pensions");
      }
    }
  }
}

TEST(RouteUnit, UnknownCategoryFallsToTheDefaultUnit) {
  const auto decision = route_unit(national(), petition(""));
  ASSERT_TRUE(decision.has_value());
  EXPECT_EQ(decision->unit, "general");
  EXPECT_EQ(decision->rule, "default");
}

TEST(RouteUnit, NationalPresetsNumberingTemplateParses) {
  for (const std::string& name : Policy::preset_names()) {
    SCOPED_TRACE(name);
    const Policy policy = Policy::preset(name);
    const auto format = CaseNumberFormat::parse(policy.numbering().pattern, policy.numbering().check_character);
    NumberFields f;
    f.organisation_code = policy.organisations().front().code;
    f.date = Date(2025, 3, 1);
    f.channel_code = policy.channels().front().code;
    f.category_code = policy.categories().front().code;
    f.sequence = 1;
    const auto back = format.parse_number(format.format(f));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->sequence, 1);
  }
}

// ---- conditions, from a policy built from JSON ----

// cn-national-2022 with its routing replaced (a JSON merge patch replaces the rules array).
Policy with_routing(const std::string& routing) {
  return Policy::from_json(R"({ "extends": "cn-national-2022", "name": "routing-test", "routing": )" + routing + "}");
}

const Policy& conditions() {
  static const Policy policy = with_routing(R"({
    "handler_rule": "round_robin",
    "default_unit": "general",
    "rules": [
      // keywords: any of them, in the subject or the content
      { "name": "低保关键词", "keywords": ["低保", "最低生活保障"], "unit": "social_assistance" },
      // region and channel together: both must match
      { "name": "县来访", "regions": ["county"], "channels": ["visit", "leader_reception"], "unit": "petition_office" },
      // type alone
      { "name": "建议", "types": ["suggestion"], "unit": "general" },
      // category and type together
      { "name": "养老检举", "categories": ["elderly_care"], "types": ["accusation"], "unit": "petition_office" },
      // category alone, after the more specific rule above
      { "name": "养老", "categories": ["elderly_care"], "unit": "elderly" },
      // every condition at once
      { "name": "全部条件", "categories": ["marriage"], "regions": ["east"], "channels": ["online"],
        "types": ["claim"], "keywords": ["离婚"], "unit": "marriage" }
    ]
  })");
  return policy;
}

void expect_route(const RoutingInput& input, const std::string& unit, const std::string& rule) {
  const auto decision = route_unit(conditions(), input);
  ASSERT_TRUE(decision.has_value());
  EXPECT_EQ(decision->unit, unit);
  EXPECT_EQ(decision->rule, rule);
}

TEST(RouteUnit, KeywordInSubjectOrContentMatches) {
  expect_route(petition("other", "letter", PetitionType::claim, "west", "申请低保", ""), "social_assistance",
               "低保关键词");
  expect_route(petition("other", "letter", PetitionType::claim, "west", "", "关于最低生活保障金停发的问题"),
               "social_assistance", "低保关键词");
  // Neither word: the rule does not match.
  expect_route(petition("other", "letter", PetitionType::claim, "west", "申请救助", "生活困难"), "general", "default");
  // The keyword is matched whole: 低温保护 has 低 and 保, but not side by side.
  expect_route(petition("other", "letter", PetitionType::claim, "west", "保险", "低温保护"), "general", "default");
}

TEST(RouteUnit, RegionAndChannelMustBothMatch) {
  expect_route(petition("other", "visit", PetitionType::claim, "county"), "petition_office", "县来访");
  expect_route(petition("other", "leader_reception", PetitionType::claim, "county"), "petition_office", "县来访");
  expect_route(petition("other", "letter", PetitionType::claim, "county"), "general", "default");
  expect_route(petition("other", "visit", PetitionType::claim, "east"), "general", "default");
}

TEST(RouteUnit, TypeConditionMatches) {
  expect_route(petition("other", "letter", PetitionType::suggestion, "west"), "general", "建议");
  expect_route(petition("other", "letter", PetitionType::accusation, "west"), "general", "default");
}

TEST(RouteUnit, FirstMatchingRuleWins) {
  // 养老检举 comes before 养老.
  expect_route(petition("elderly_care", "letter", PetitionType::accusation, "west"), "petition_office", "养老检举");
  expect_route(petition("elderly_care", "letter", PetitionType::claim, "west"), "elderly", "养老");
  // A suggestion about elderly care stops at 建议, before both.
  expect_route(petition("elderly_care", "letter", PetitionType::suggestion, "west"), "general", "建议");
  // The keyword rule is first of all.
  expect_route(petition("elderly_care", "visit", PetitionType::accusation, "county", "低保"), "social_assistance",
               "低保关键词");
}

TEST(RouteUnit, RuleWithEveryConditionNeedsThemAll) {
  const RoutingInput all = petition("marriage", "online", PetitionType::claim, "east", "", "协议离婚登记");
  expect_route(all, "marriage", "全部条件");
  RoutingInput other = all;
  other.category = "funeral";
  expect_route(other, "general", "default");
  other = all;
  other.region = "west";
  expect_route(other, "general", "default");
  other = all;
  other.channel = "letter";
  expect_route(other, "general", "default");
  other = all;
  other.content = "结婚登记";
  expect_route(other, "general", "default");
}

TEST(RouteUnit, NoRuleAndNoDefaultNeedsAManualChoice) {
  const Policy policy = with_routing(R"({
    "default_unit": null,
    "rules": [ { "name": "优抚", "categories": ["pensions"], "unit": "pensions" } ]
  })");
  EXPECT_EQ(policy.routing().default_unit, "");
  EXPECT_FALSE(route_unit(policy, petition("marriage")).has_value());
  ASSERT_TRUE(route_unit(policy, petition("pensions")).has_value());
  EXPECT_EQ(route_unit(policy, petition("pensions"))->unit, "pensions");
}

TEST(RouteUnit, HandlerRuleIsReadFromThePolicy) {
  EXPECT_EQ(national().routing().handler_rule, HandlerRule::least_open);
  EXPECT_EQ(conditions().routing().handler_rule, HandlerRule::round_robin);
  EXPECT_EQ(with_routing(R"({ "handler_rule": "duty_roster" })").routing().handler_rule, HandlerRule::duty_roster);
}

// ---- choosing a handler ----

std::vector<HandlerCandidate> unit_staff() {
  return {{"wang", 4, false}, {"chen", 2, true}, {"li", 2, false}, {"zhao", 7, true}, {"liu", 3, true}};
}

TEST(ChooseHandler, LeastOpenTakesFewestOpenCasesTiesByIdentifier) {
  // chen and li both have 2: "chen" < "li".
  EXPECT_EQ(choose_handler(HandlerRule::least_open, unit_staff(), ""), "chen");
  auto staff = unit_staff();
  staff[2].open_cases = 1;  // li
  EXPECT_EQ(choose_handler(HandlerRule::least_open, staff, ""), "li");
  // last_chosen and duty do not matter.
  EXPECT_EQ(choose_handler(HandlerRule::least_open, staff, "li"), "li");
  EXPECT_EQ(choose_handler(HandlerRule::least_open, {{"b", 0, false}, {"a", 0, false}}, ""), "a");
}

TEST(ChooseHandler, RoundRobinTakesTheNextByIdentifierAndWraps) {
  // By id: chen, li, liu, wang, zhao.
  const auto staff = unit_staff();
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, staff, "chen"), "li");
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, staff, "li"), "liu");
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, staff, "liu"), "wang");
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, staff, "wang"), "zhao");
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, staff, "zhao"), "chen");  // wraps
  // Nobody chosen yet, or the last chosen has left the unit: the first by id.
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, staff, ""), "chen");
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, staff, "sun"), "chen");
  // Open cases and duty do not matter.
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, {{"a", 9, false}, {"b", 0, true}}, "b"), "a");
  // One handler: always them.
  EXPECT_EQ(choose_handler(HandlerRule::round_robin, {{"a", 0, false}}, "a"), "a");
}

TEST(ChooseHandler, RoundRobinCyclesThroughEveryone) {
  const auto staff = unit_staff();
  std::string last;
  std::vector<std::string> order;
  for (int i = 0; i < 10; ++i) {
    last = *choose_handler(HandlerRule::round_robin, staff, last);
    order.push_back(last);
  }
  EXPECT_EQ(order,
            (std::vector<std::string>{"chen", "li", "liu", "wang", "zhao", "chen", "li", "liu", "wang", "zhao"}));
}

TEST(ChooseHandler, DutyRosterTakesTheLeastBusyOnDuty) {
  // On duty: chen (2), zhao (7), liu (3).
  EXPECT_EQ(choose_handler(HandlerRule::duty_roster, unit_staff(), ""), "chen");
  auto staff = unit_staff();
  staff[1].on_duty = false;  // chen off
  EXPECT_EQ(choose_handler(HandlerRule::duty_roster, staff, ""), "liu");
  staff[4].open_cases = 7;  // liu ties zhao: "liu" < "zhao"
  EXPECT_EQ(choose_handler(HandlerRule::duty_roster, staff, ""), "liu");
  // li has fewer open cases but is not on duty.
  staff[2].open_cases = 0;
  EXPECT_EQ(choose_handler(HandlerRule::duty_roster, staff, ""), "liu");
}

TEST(ChooseHandler, NobodyToChoose) {
  for (HandlerRule rule : {HandlerRule::least_open, HandlerRule::round_robin, HandlerRule::duty_roster}) {
    EXPECT_FALSE(choose_handler(rule, {}, "").has_value());
    EXPECT_FALSE(choose_handler(rule, {}, "chen").has_value());
    EXPECT_FALSE(choose_handler(rule, {{"", 0, true}}, "").has_value());  // no id: nobody
  }
  // Nobody on duty.
  EXPECT_FALSE(choose_handler(HandlerRule::duty_roster, {{"a", 0, false}, {"b", 1, false}}, "").has_value());
}

}  // namespace
}  // namespace xinfang
