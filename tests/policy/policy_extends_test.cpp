// "extends": a policy that names a preset is a JSON merge patch (RFC 7386) over it; and
// to_json() gives back the canonical merged document, from which the same policy loads.
#include <thread>

#include <nlohmann/json.hpp>

#include "policy_test_util.hpp"

namespace xinfang::policy_test {
namespace {

// A district bureau that handles in 30 days instead of 60, under its own name and version.
const char* const kDistrict = R"({
  // 某区民政局: the national rules, with handling shortened to 30 days.
  "extends": "cn-national-2022",
  "name": "某区民政局信访规则",
  "version": "2025.1",
  "clocks": {
    "handling": { "limit": 30, "article": "某区信访工作办法 第十条" }
  }
})";

TEST(PolicyExtends, DistrictShortensHandlingToThirtyDaysAndKeepsTheRest) {
  const Policy district = Policy::from_json(kDistrict);
  const Policy national = Policy::preset("cn-national-2022");
  EXPECT_EQ(district.name(), "某区民政局信访规则");
  EXPECT_EQ(district.version(), "2025.1");
  EXPECT_EQ(district.title(), national.title());  // not overridden: inherited

  const ClockRules* handling = district.find_clock("handling");
  ASSERT_NE(handling, nullptr);
  EXPECT_EQ(handling->period.limit, 30);
  EXPECT_EQ(handling->period.unit, PeriodUnit::statutory_days);  // unchanged keys of the object stay
  EXPECT_EQ(handling->period.article, "某区信访工作办法 第十条");
  EXPECT_EQ(handling->extension.max_total, 30);
  EXPECT_EQ(handling->applies_to, national.find_clock("handling")->applies_to);
  EXPECT_EQ(handling->ladder.size(), national.find_clock("handling")->ladder.size());
  EXPECT_EQ(district.find_clock("routing")->period.limit, 15);
  EXPECT_EQ(district.clocks().size(), national.clocks().size());
  EXPECT_EQ(district.roles_for("reply"), national.roles_for("reply"));
  EXPECT_EQ(district.units().size(), national.units().size());
}

TEST(PolicyExtends, NullRemovesAnEntryAndItsReferencesMustGoToo) {
  // Removing a unit a routing rule names is refused, at the rule...
  const std::string without_marriage = extending(R"("units": {"marriage": null})");
  EXPECT_TRUE(fails_with(without_marriage, ErrorCode::invalid_data, "policy /routing/rules/4/unit:"));
  // ...and accepted once the rules (an array: replaced whole) no longer name it.
  const Policy policy = Policy::from_json(extending(R"("units": {"marriage": null},
      "routing": {"rules": [{"name": "社会救助", "categories": ["social_assistance"], "unit": "social_assistance"}]})"));
  EXPECT_EQ(policy.find_unit("marriage"), nullptr);
  ASSERT_EQ(policy.routing().rules.size(), 1u);
  EXPECT_EQ(policy.routing().default_unit, "general");  // the object's other keys are kept
}

TEST(PolicyExtends, NewEntriesAreAddedAfterThePresetsInDocumentOrder) {
  const Policy policy = Policy::from_json(extending(R"(
      "organisations": {"street": {"name": "某街道办事处", "code": "JD", "parent": "district"}},
      "units": {"street_office": {"name": "街道民政办", "organisation": "street", "code": "JDMZB"}},
      "roles": {"deputy_director": {"name": "分管副局长"}},
      "clocks": {"handling": {"escalation": {"remind": {"notify": "deputy_director"}}}})"));
  EXPECT_EQ(policy.units().back().id, "street_office");
  EXPECT_EQ(policy.organisations().back().id, "street");
  EXPECT_EQ(policy.roles().back().id, "deputy_director");
  EXPECT_EQ(policy.find_clock("handling")->ladder.front().notify, "deputy_director");
  EXPECT_EQ(policy.find_clock("handling")->ladder.front().offset, 5);  // the rest of the step stays
}

TEST(PolicyExtends, ProvincialVariantsCanBeExpressed) {
  // 浙江: route in 5 working days, handle in 30 days.
  const Policy zhejiang = Policy::from_json(extending(R"("clocks": {
      "routing": {"limit": 5, "unit": "working_days", "article": "浙江省信访条例"},
      "handling": {"limit": 30, "article": "浙江省信访条例"}})"));
  EXPECT_EQ(zhejiang.find_clock("routing")->period.unit, PeriodUnit::working_days);
  EXPECT_EQ(zhejiang.find_clock("handling")->period.limit, 30);
  // 河南: handle in 30 days, extensible up to 90 in all.
  const Policy henan = Policy::from_json(
      extending(R"("clocks": {"handling": {"limit": 30, "extension": {"max_total": 60, "max_times": 2}}})"));
  EXPECT_EQ(henan.find_clock("handling")->extension.max_total, 60);
  EXPECT_EQ(henan.find_clock("handling")->extension.max_times, 2);
}

TEST(PolicyExtends, HotlineCanBeExtendedToo) {
  const Policy policy = Policy::from_json(extending(
      R"("indicators": {"weights": {"response": 10, "resolution": 50, "satisfaction": 40}})", "hotline-12345"));
  EXPECT_DOUBLE_EQ(policy.indicator_weights().at("resolution"), 50);
  EXPECT_EQ(policy.find_clock("emergency")->period.unit, PeriodUnit::hours);
}

TEST(PolicyRoundTrip, EveryPresetLoadsFromItsCanonicalJsonUnchanged) {
  for (const auto& name : Policy::preset_names()) {
    const Policy preset = Policy::preset(name);
    const std::string canonical = preset.to_json();
    const Policy again = Policy::from_json(canonical);
    EXPECT_EQ(again.to_json(), canonical) << name;
    EXPECT_EQ(again.name(), preset.name());
    EXPECT_EQ(again.clocks().size(), preset.clocks().size());
    EXPECT_EQ(again.roles_for("intake"), preset.roles_for("intake"));
  }
}

TEST(PolicyRoundTrip, CanonicalJsonOfAnExtendedPolicyIsTheMergedDocument) {
  const Policy district = Policy::from_json(kDistrict);
  const nlohmann::json doc = nlohmann::json::parse(district.to_json());
  EXPECT_FALSE(doc.contains("extends"));
  EXPECT_EQ(doc["name"], "某区民政局信访规则");
  EXPECT_EQ(doc["clocks"]["handling"]["limit"], 30);
  EXPECT_EQ(doc["clocks"]["handling"]["unit"], "statutory_days");
  EXPECT_EQ(doc["clocks"]["routing"]["limit"], 15);
  EXPECT_EQ(doc["permissions"]["reply"], nlohmann::json({"handler", "unit_leader"}));
  EXPECT_EQ(Policy::from_json(district.to_json()).to_json(), district.to_json());
}

TEST(PolicyRoundTrip, CanonicalJsonMakesDefaultsExplicit) {
  const nlohmann::json doc = nlohmann::json::parse(Policy::preset("hotline-12345").to_json());
  // "offset_unit" defaults to the clock's unit; the canonical form says it.
  EXPECT_EQ(doc["clocks"]["general"]["escalation"]["remind"]["offset_unit"], "calendar_days");
  EXPECT_EQ(doc["routing"]["handler_rule"], "round_robin");
  EXPECT_EQ(doc["numbering"]["check_character"], false);
  EXPECT_EQ(doc["max_representatives"], 5);
}

TEST(PolicyValue, CopiesShareTheModelAndReadConcurrently) {
  const Policy a = Policy::preset("cn-national-2022");
  const Policy b = a;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the point
  EXPECT_EQ(&a.units(), &b.units());
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&b] {
      for (int n = 0; n < 200; ++n) {
        ASSERT_NE(b.find_clock("handling"), nullptr);
        ASSERT_EQ(b.roles_for("reply").size(), 2u);
        ASSERT_EQ(Policy::preset("hotline-12345").find_clock("emergency")->period.limit, 2);
      }
    });
  }
  for (auto& t : readers) t.join();
}

TEST(PolicyValue, CommentsAreAllowedAnywhere) {
  const Policy policy = Policy::from_json(
      "/* block */ {\"extends\": \"cn-national-2005\", // line\n \"name\": \"c\", \"version\": \"1\" /* end */}");
  EXPECT_EQ(policy.find_clock("handling")->period.article, "信访条例 第三十三条");
}

}  // namespace
}  // namespace xinfang::policy_test
