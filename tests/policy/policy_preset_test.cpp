// The compiled-in presets load, and say what domain.md and the statutes say: the periods with
// their units and articles, who may do what, the rating scale, the hotline's hour limits.
#include <algorithm>
#include <set>

#include "policy_test_util.hpp"

namespace xinfang::policy_test {
namespace {

const ClockRules& clock(const Policy& policy, const std::string& id) {
  const ClockRules* found = policy.find_clock(id);
  if (found == nullptr) {
    ADD_FAILURE() << policy.name() << " has no clock " << id;
    static const ClockRules none;
    return none;
  }
  return *found;
}

void expect_period(const Period& period, int limit, PeriodUnit unit, const std::string& article) {
  EXPECT_EQ(period.limit, limit);
  EXPECT_EQ(period.unit, unit) << period_unit_name(period.unit);
  EXPECT_TRUE(contains(period.article, article)) << period.article << " lacks " << article;
}

using Strings = std::vector<std::string>;

TEST(PolicyPresets, ThereAreThreeAndEachLoads) {
  EXPECT_EQ(Policy::preset_names(), (Strings{"cn-national-2022", "cn-national-2005", "hotline-12345"}));
  for (const auto& name : Policy::preset_names()) {
    const Policy policy = Policy::preset(name);
    EXPECT_EQ(policy.name(), name);
    EXPECT_FALSE(policy.version().empty());
    EXPECT_FALSE(policy.title().empty());
    EXPECT_EQ(policy.calendar_name(), "cn-national");
  }
}

TEST(PolicyPresets, CompiledInSourceIsTheFileInTheSourceTree) {
  for (const auto& name : Policy::preset_names()) {
    EXPECT_EQ(Policy::preset_source(name), preset_file(name)) << name;
  }
}

TEST(PolicyPresets, UnknownPresetIsNotFound) {
  try {
    Policy::preset("cn-national-2023");
    FAIL() << "loaded an unknown preset";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_found);
    EXPECT_TRUE(contains(e.what(), "cn-national-2022")) << e.what();  // names the ones there are
  }
  EXPECT_THROW(Policy::preset_source("nope"), Error);
}

TEST(PolicyPresets, National2022PeriodsFollowTheRegulationWithTheirArticles) {
  const Policy p = Policy::preset("cn-national-2022");
  expect_period(clock(p, "routing").period, 15, PeriodUnit::statutory_days, "第二十二条");
  expect_period(clock(p, "notification").period, 15, PeriodUnit::statutory_days, "第二十三条");
  expect_period(clock(p, "handling").period, 60, PeriodUnit::statutory_days, "第三十四条");
  expect_period(clock(p, "report_back").period, 60, PeriodUnit::statutory_days, "第二十二条");
  expect_period(clock(p, "review_decision").period, 30, PeriodUnit::statutory_days, "第三十五条");
  expect_period(clock(p, "rereview_decision").period, 30, PeriodUnit::statutory_days, "第三十六条");
  expect_period(*p.window("objection"), 5, PeriodUnit::working_days, "第二十三条第三款");
  expect_period(*p.window("review_request"), 30, PeriodUnit::statutory_days, "第三十五条");
  expect_period(*p.window("rereview_request"), 30, PeriodUnit::statutory_days, "第三十六条");
  expect_period(*p.window("report_back"), 60, PeriodUnit::statutory_days, "第二十二条");
  expect_period(*p.window("rating"), 30, PeriodUnit::calendar_days, "第二十一条");
  EXPECT_EQ(p.window("rating"), &p.rating().window);
  EXPECT_EQ(p.window("no_such_window"), nullptr);
  EXPECT_EQ(p.max_representatives(), 5);
  EXPECT_EQ(p.repeat_window_days(), 180);
}

TEST(PolicyPresets, National2022HandlingRunsForClaimsWithOneThirtyDayExtensionByTheHead) {
  const ClockRules& handling = clock(Policy::preset("cn-national-2022"), "handling");
  EXPECT_EQ(handling.applies_to, std::vector<PetitionType>{PetitionType::claim});
  EXPECT_EQ(handling.start_on, Strings{"accepted"});
  EXPECT_EQ(handling.stop_on, (Strings{"replied", "withdrawn", "merged"}));
  EXPECT_EQ(handling.pause_on, Strings{"suspended"});
  EXPECT_EQ(handling.resume_on, Strings{"resumed"});
  EXPECT_EQ(handling.extension.max_total, 30);
  EXPECT_EQ(handling.extension.max_times, 1);
  EXPECT_EQ(handling.extension.approver_role, "org_leader");
  EXPECT_TRUE(contains(handling.extension.article, "第三十四条"));
  EXPECT_TRUE(handling.carry_over_on_transfer);
  ASSERT_FALSE(handling.ladder.empty());
  EXPECT_EQ(handling.ladder.front().action, "remind");
  EXPECT_EQ(handling.ladder.front().notify, "handler");
}

TEST(PolicyPresets, National2022ClockEventsAreThoseTheLifecycleRelatesOn) {
  const Policy p = Policy::preset("cn-national-2022");
  // A case taken over from another organisation's dossier starts them as a registration does.
  EXPECT_EQ(clock(p, "routing").start_on, (Strings{"registered", "dossier_received"}));
  EXPECT_EQ(clock(p, "notification").start_on, (Strings{"registered", "dossier_received"}));
  EXPECT_EQ(clock(p, "routing").stop_on,
            (Strings{"forwarded", "assigned", "routed", "not_accepted", "withdrawn", "merged"}));
  EXPECT_EQ(clock(p, "notification").stop_on,
            (Strings{"accepted", "not_accepted", "forwarded", "withdrawn", "merged"}));
  EXPECT_EQ(clock(p, "report_back").start_on, Strings{"assigned"});
  EXPECT_EQ(clock(p, "review_decision").start_on, Strings{"review_requested"});
  EXPECT_EQ(clock(p, "review_decision").stop_on, Strings{"review_decided"});
  // Art. 36: the time a hearing takes is not counted.
  EXPECT_EQ(clock(p, "rereview_decision").pause_on, Strings{"suspended"});
  EXPECT_EQ(clock(p, "rereview_decision").stop_on, Strings{"rereview_decided"});
}

TEST(PolicyPresets, National2022PermissionsAreTheAgreedTable) {
  const Policy p = Policy::preset("cn-national-2022");
  const std::vector<std::pair<std::string, Strings>> table = {
      {"intake", {"registrar", "dispatcher"}},
      {"accept", {"dispatcher"}},
      {"not_accept", {"dispatcher"}},
      {"forward", {"dispatcher"}},
      {"assign", {"dispatcher"}},
      {"route", {"dispatcher"}},
      {"merge", {"dispatcher"}},
      {"transfer", {"dispatcher", "unit_leader"}},
      {"object", {"handler", "unit_leader"}},
      {"take_ownership", {"org_leader"}},
      {"mark_key", {"dispatcher", "unit_leader", "org_leader"}},
      {"suspend", {"handler", "unit_leader"}},
      {"resume", {"handler", "unit_leader"}},
      {"request_extension", {"handler", "unit_leader"}},
      {"approve_extension", {"org_leader"}},
      {"refuse_extension", {"org_leader"}},
      {"reply", {"handler", "unit_leader"}},
      {"rate", {"petitioner", "registrar"}},
      {"request_review", {"petitioner", "registrar"}},
      {"request_rereview", {"petitioner", "registrar"}},
      {"decide_review", {"reviewer"}},
      {"decide_rereview", {"reviewer"}},
      {"withdraw", {"petitioner", "registrar"}},
      {"archive", {"dispatcher", "registrar"}},
      {"note", {"registrar", "dispatcher", "handler", "unit_leader", "org_leader", "reviewer"}},
  };
  for (const auto& row : table) EXPECT_EQ(p.roles_for(row.first), row.second) << row.first;
  EXPECT_TRUE(p.roles_for("no_such_command").empty());
}

TEST(PolicyPresets, National2022RolesChannelsTypesAndReasonsUseTheAgreedIds) {
  const Policy p = Policy::preset("cn-national-2022");
  Strings roles;
  for (const auto& role : p.roles()) roles.push_back(role.id);
  EXPECT_EQ(roles, (Strings{"registrar", "dispatcher", "handler", "unit_leader", "org_leader", "reviewer",
                            "confidential_reader", "petitioner", "auditor"}));
  EXPECT_EQ(p.confidential_reader_role(), "confidential_reader");

  const std::vector<std::pair<std::string, std::string>> channels = {
      {"visit", "V"},  {"letter", "L"}, {"phone", "P"},           {"hotline", "H"},
      {"online", "W"}, {"email", "E"},  {"leader_reception", "R"}};
  ASSERT_EQ(p.channels().size(), channels.size());
  for (const auto& channel : channels) {
    ASSERT_NE(p.find_channel(channel.first), nullptr) << channel.first;
    EXPECT_EQ(p.find_channel(channel.first)->code, channel.second);
  }
  EXPECT_EQ(p.find_channel("visit")->name, "来访");

  EXPECT_FALSE(p.rules_for(PetitionType::suggestion).confidential);
  EXPECT_TRUE(p.rules_for(PetitionType::accusation).confidential);
  EXPECT_EQ(p.rules_for(PetitionType::claim).name, "申诉求决类");
  std::set<std::string> redirected;
  std::set<std::string> handled;
  for (const auto& route : p.rules_for(PetitionType::claim).routes) {
    (route.handled_here ? handled : redirected).insert(route.id);
  }
  EXPECT_EQ(redirected, (std::set<std::string>{"litigation", "arbitration", "administrative_review", "party_appeal",
                                               "other_procedure"}));
  EXPECT_EQ(handled, std::set<std::string>{"petition_handling"});

  for (const char* reason : {"litigation", "arbitration", "administrative_review", "party_appeal", "other_procedure",
                             "concluded", "handled_below", "unidentifiable", "outside_scope"}) {
    const NamedEntry* entry = p.find_not_accepted_reason(reason);
    ASSERT_NE(entry, nullptr) << reason;
    EXPECT_TRUE(contains(entry->article, "信访工作条例")) << reason;
  }
  EXPECT_TRUE(contains(p.find_not_accepted_reason("concluded")->article, "第三十六条第三款"));
  EXPECT_TRUE(contains(p.find_not_accepted_reason("handled_below")->article, "第十九条第三款"));
}

TEST(PolicyPresets, National2022OrganisationTreeRoutesEachCategoryToItsUnit) {
  const Policy p = Policy::preset("cn-national-2022");
  ASSERT_NE(p.find_organisation("city"), nullptr);
  EXPECT_EQ(p.find_organisation("city")->code, "MZJ");
  EXPECT_EQ(p.find_organisation("city")->parent, "province");
  EXPECT_EQ(p.find_organisation("district")->parent, "city");
  EXPECT_EQ(p.find_organisation("province")->parent, "");
  ASSERT_NE(p.find_unit("petition_office"), nullptr);
  EXPECT_TRUE(p.find_unit("petition_office")->petition_office);
  EXPECT_FALSE(p.find_unit("social_assistance")->petition_office);
  EXPECT_EQ(p.find_unit("petition_office_district")->organisation, "district");
  EXPECT_EQ(p.find_unit("petition_office_province")->organisation, "province");
  EXPECT_EQ(p.find_unit("no_such_unit"), nullptr);

  const std::vector<std::pair<std::string, std::string>> routes = {{"social_assistance", "social_assistance"},
                                                                   {"pensions", "pensions"},
                                                                   {"disability", "disability"},
                                                                   {"elderly_care", "elderly"},
                                                                   {"marriage", "marriage"}};
  for (const auto& route : routes) {
    const auto& rules = p.routing().rules;
    auto it = std::find_if(rules.begin(), rules.end(),
                           [&](const RoutingRule& r) { return r.categories == Strings{route.first}; });
    ASSERT_NE(it, rules.end()) << route.first;
    EXPECT_EQ(it->unit, route.second);
  }
  EXPECT_EQ(p.routing().default_unit, "general");
  EXPECT_EQ(p.routing().handler_rule, HandlerRule::least_open);
  EXPECT_EQ(p.numbering().pattern, "{org}-{yyyy}-{seq:06}");
  EXPECT_TRUE(p.numbering().check_character);
  ASSERT_NE(p.find_category("funeral"), nullptr);
  EXPECT_EQ(p.find_category("funeral")->code, "BZ");
}

TEST(PolicyPresets, National2022RatingScaleCountsBasicallySatisfiedAsSatisfied) {
  const Policy p = Policy::preset("cn-national-2022");
  ASSERT_EQ(p.rating().scale.size(), 3u);
  EXPECT_EQ(p.rating().scale[0].id, "satisfied");
  EXPECT_EQ(p.rating().scale[1].id, "basically_satisfied");
  EXPECT_EQ(p.rating().scale[2].id, "dissatisfied");
  EXPECT_EQ(p.find_rating_level("basically_satisfied")->name, "基本满意");
  EXPECT_DOUBLE_EQ(p.find_rating_level("basically_satisfied")->credit, 1.0);
  EXPECT_TRUE(p.find_rating_level("basically_satisfied")->satisfied);
  EXPECT_FALSE(p.find_rating_level("dissatisfied")->satisfied);
  EXPECT_TRUE(p.find_rating_level("dissatisfied")->follow_up);
  EXPECT_EQ(p.find_rating_level("excellent"), nullptr);
  EXPECT_EQ(p.indicator_weights().size(), 4u);
}

TEST(PolicyPresets, National2005AppliesSixtyDaysToEveryMatter) {
  const Policy p = Policy::preset("cn-national-2005");
  const ClockRules& handling = clock(p, "handling");
  expect_period(handling.period, 60, PeriodUnit::statutory_days, "信访条例 第三十三条");
  EXPECT_TRUE(handling.applies_to.empty());
  EXPECT_EQ(handling.extension.max_total, 30);
  EXPECT_EQ(handling.extension.approver_role, "org_leader");
  expect_period(clock(p, "routing").period, 15, PeriodUnit::statutory_days, "信访条例 第二十一条");
  expect_period(clock(p, "notification").period, 15, PeriodUnit::statutory_days, "第二十二条");
  expect_period(clock(p, "review_decision").period, 30, PeriodUnit::statutory_days, "信访条例 第三十四条");
  expect_period(clock(p, "rereview_decision").period, 30, PeriodUnit::statutory_days, "信访条例 第三十五条");
  expect_period(*p.window("review_request"), 30, PeriodUnit::statutory_days, "信访条例 第三十四条");
  expect_period(*p.window("rereview_request"), 30, PeriodUnit::statutory_days, "信访条例 第三十五条");
  EXPECT_EQ(p.max_representatives(), 5);
}

TEST(PolicyPresets, National2005AnswersImprovementProposalsWithinThirtyDaysAndHasNoObjection) {
  const Policy p = Policy::preset("cn-national-2005");
  const ClockRules& feedback = clock(p, "improvement_feedback");
  expect_period(feedback.period, 30, PeriodUnit::statutory_days, "信访条例 第三十六条");
  EXPECT_EQ(feedback.start_on, Strings{"supervised"});
  // The 5-working-day objection is a 2022 rule.
  EXPECT_EQ(p.window("objection"), nullptr);
  EXPECT_TRUE(p.roles_for("object").empty());
  EXPECT_EQ(p.roles_for("reply"), Policy::preset("cn-national-2022").roles_for("reply"));
}

TEST(PolicyPresets, HotlineLimitsAreHoursAndDaysPerCategory) {
  const Policy p = Policy::preset("hotline-12345");
  expect_period(clock(p, "emergency").period, 2, PeriodUnit::hours, "接诉即办");
  expect_period(clock(p, "utilities").period, 24, PeriodUnit::hours, "接诉即办");
  expect_period(clock(p, "general").period, 7, PeriodUnit::calendar_days, "接诉即办");
  expect_period(clock(p, "complex").period, 15, PeriodUnit::calendar_days, "接诉即办");
  EXPECT_EQ(clock(p, "emergency").categories, Strings{"emergency"});
  EXPECT_EQ(clock(p, "utilities").categories, (Strings{"water", "power", "gas", "heating"}));
  EXPECT_EQ(clock(p, "complex").categories, Strings{"complex"});
}

TEST(PolicyPresets, HotlineRunsExactlyOneDeadlineClockForEveryCategory) {
  const Policy p = Policy::preset("hotline-12345");
  for (const auto& category : p.categories()) {
    int clocks = 0;
    for (const auto& c : p.clocks()) {
      if (std::find(c.categories.begin(), c.categories.end(), category.id) != c.categories.end()) ++clocks;
    }
    EXPECT_EQ(clocks, 1) << category.id;
  }
}

TEST(PolicyPresets, HotlineScoresResponseResolutionAndSatisfactionWithPartialCredit) {
  const Policy p = Policy::preset("hotline-12345");
  const std::map<std::string, double> weights = {{"response", 30}, {"resolution", 35}, {"satisfaction", 35}};
  EXPECT_EQ(p.indicator_weights(), weights);
  EXPECT_DOUBLE_EQ(p.find_rating_level("basically_satisfied")->credit, 0.9);
  EXPECT_TRUE(p.find_rating_level("basically_satisfied")->satisfied);
  EXPECT_EQ(p.numbering().pattern, "{yyyy}{mm}{dd}{seq:06}");
  EXPECT_FALSE(p.numbering().check_character);
  EXPECT_TRUE(p.find_unit("call_center")->petition_office);
  EXPECT_EQ(p.find_unit("street_office")->parent, "district_service");
  EXPECT_EQ(p.confidential_reader_role(), "confidential_reader");
  EXPECT_EQ(p.window("review_request"), nullptr);  // no 复查/复核 chain on the hotline
}

TEST(PolicyPresets, EveryStatutoryClockAndWindowOfTheNationalPresetsCitesItsArticle) {
  for (const char* name : {"cn-national-2022", "cn-national-2005"}) {
    const Policy p = Policy::preset(name);
    for (const auto& c : p.clocks()) EXPECT_FALSE(c.period.article.empty()) << name << " clock " << c.id;
    for (const char* w : {"review_request", "rereview_request", "report_back"}) {
      ASSERT_NE(p.window(w), nullptr) << name << " " << w;
      EXPECT_FALSE(p.window(w)->article.empty()) << name << " " << w;
    }
  }
}

}  // namespace
}  // namespace xinfang::policy_test
