// The bulletin of a period from the database, on the five letters of March 2025: its counts and
// breakdowns worked out by hand, each breakdown summing to what was received, the change against
// the period before, key and owned cases, the overdue list with its days, and its renderings.
#include "engine_march_fixture.hpp"

namespace xinfang::testing {
namespace {

using EngineReport = MarchLetters;

std::int64_t sum(const std::vector<CountLine>& lines) {
  std::int64_t total = 0;
  for (const CountLine& line : lines) total += line.count;
  return total;
}

std::int64_t count_of(const std::vector<CountLine>& lines, const std::string& id) {
  for (const CountLine& line : lines) {
    if (line.id == id) return line.count;
  }
  return -1;
}

TEST_F(EngineReport, MarchCountsAndBreakdowns) {
  const Bulletin march = t.engine.bulletin(std::string("2025-03"));
  EXPECT_EQ(march.policy_name, "cn-national-2022");
  // Received 5 (3 Mar), accepted 4 (4 Mar), replied 3 (c5 6 Mar, c4 12 Mar, c1 20 Mar). At the
  // month's end no open case was past a deadline: c2's runs to 6 May.
  EXPECT_EQ(march.totals.received, 5);
  EXPECT_EQ(march.totals.accepted, 4);
  EXPECT_EQ(march.totals.replied, 3);
  EXPECT_EQ(march.totals.overdue, 0);
  EXPECT_TRUE(march.overdue.empty());
  // February had nothing.
  EXPECT_EQ(march.previous.period.label, "2025-02");
  EXPECT_EQ(march.previous_totals.received, 0);
  EXPECT_EQ(march.previous.score, std::nullopt);
  // Every breakdown sums to what was received.
  for (const auto* lines : {&march.by_channel, &march.by_type, &march.by_category, &march.by_region, &march.by_unit}) {
    EXPECT_EQ(sum(*lines), march.totals.received);
  }
  EXPECT_EQ(count_of(march.by_channel, "letter"), 5);
  EXPECT_EQ(count_of(march.by_channel, "visit"), 0);  // every channel of the policy is listed
  EXPECT_EQ(march.by_channel.size(), t.engine.policy().channels().size());
  EXPECT_EQ(count_of(march.by_type, "claim"), 5);
  EXPECT_EQ(count_of(march.by_category, "social_assistance"), 5);
  EXPECT_EQ(count_of(march.by_region, "central"), 5);
  // By the unit now responsible: four at social assistance (c4 since its transfer), c3 never routed.
  EXPECT_EQ(count_of(march.by_unit, "social_assistance"), 4);
  EXPECT_EQ(count_of(march.by_unit, ""), 1);
  EXPECT_EQ(count_of(march.by_unit, "pensions"), -1);  // units with nothing are left out
  // c2 is key and owned.
  ASSERT_EQ(march.flagged.size(), 1u);
  EXPECT_EQ(march.flagged[0].number, numbers[1]);
  EXPECT_TRUE(march.flagged[0].key_case);
  EXPECT_EQ(march.flagged[0].owner, kOrgLeader);
  EXPECT_EQ(march.flagged[0].status, "in_handling");
  EXPECT_EQ(march.flagged[0].unit_name, "社会救助科");
  // The indicators are those of Engine::indicators().
  expect_ratio(march.indicators.total[Indicator::timely_acceptance], 8, 10, "acceptance");
}

TEST_F(EngineReport, MayListsTheOverdueLetterWithItsDays) {
  const Bulletin may = t.engine.bulletin(std::string("2025-05"));
  EXPECT_EQ(may.totals.received, 0);
  // c2's handling ended 6 May 24:00; at the end of May it is 25 days overdue (7..31 May).
  EXPECT_EQ(may.totals.overdue, 1);
  ASSERT_EQ(may.overdue.size(), 1u);
  EXPECT_EQ(may.overdue[0].number, numbers[1]);
  EXPECT_EQ(may.overdue[0].deadline, local("2025-05-07 00:00"));
  EXPECT_EQ(may.overdue[0].days_overdue, 25);
  EXPECT_EQ(may.overdue[0].unit, "social_assistance");
  // April's end was before that deadline.
  EXPECT_EQ(may.previous_totals.overdue, 0);
  // The week of the deadline: Mon 5 - Sun 11 May; on Sunday it is 5 days overdue.
  const Bulletin week = t.engine.bulletin(std::string("2025-W19"));
  ASSERT_EQ(week.overdue.size(), 1u);
  EXPECT_EQ(week.overdue[0].days_overdue, 5);
  // A list limited to none still counts it.
  BulletinOptions none;
  none.overdue_limit = 0;
  const Bulletin counted = t.engine.bulletin(std::string("2025-05"), none);
  EXPECT_EQ(counted.totals.overdue, 1);
  EXPECT_TRUE(counted.overdue.empty());
}

TEST_F(EngineReport, AWeekAndItsChangeAgainstTheWeekBefore) {
  // 2025-W10 (3-9 Mar): 5 received, 4 accepted, c5 replied. 2025-W11: c4 replied, nothing new.
  const Bulletin w11 = t.engine.bulletin(std::string("2025-W11"));
  EXPECT_EQ(w11.previous.period.label, "2025-W10");
  EXPECT_EQ(w11.previous_totals.received, 5);
  EXPECT_EQ(w11.previous_totals.accepted, 4);
  EXPECT_EQ(w11.previous_totals.replied, 1);
  EXPECT_EQ(w11.totals.received, 0);
  EXPECT_EQ(w11.totals.replied, 1);
  const Json json = bulletin_json(w11, t.engine.policy());
  EXPECT_EQ(json["totals"]["received"]["change"], -5);
  EXPECT_EQ(json["totals"]["replied"]["change"], 0);
  EXPECT_EQ(json["previous_period"]["label"], "2025-W10");
  // 按期办结率 1/1 in both weeks: no change; 及时受理率 has no value in W11.
  EXPECT_EQ(json["indicator_changes"]["on_time_completion"], 0.0);
  EXPECT_TRUE(json["indicator_changes"]["timely_acceptance"].is_null());
}

TEST_F(EngineReport, BadPeriodsAndLimitsAreRefused) {
  BulletinOptions bad;
  bad.overdue_limit = -1;
  EXPECT_EQ(code_of([&] { t.engine.bulletin(std::string("2025-03"), bad); }), ErrorCode::invalid_argument);
  bad.overdue_limit = 100001;
  EXPECT_EQ(code_of([&] { t.engine.bulletin(std::string("2025-03"), bad); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { t.engine.bulletin(std::string("2025-13")); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { t.engine.bulletin(std::string("2025\xFF")); }), ErrorCode::invalid_utf8);
}

TEST_F(EngineReport, EveryFormatCarriesTheSameFigures) {
  const Bulletin march = t.engine.bulletin(std::string("2025-03"));
  const Policy& policy = t.engine.policy();
  const Json json = bulletin_json(march, policy);
  EXPECT_EQ(json["totals"]["received"]["value"], 5);
  EXPECT_EQ(json["by_unit"].size(), 2u);
  EXPECT_EQ(json["indicators"]["total"]["indicators"]["timely_acceptance"]["denominator"], 10);
  EXPECT_EQ(json["flagged"][0]["number"], numbers[1]);

  const std::string md = bulletin_markdown(march, policy);
  EXPECT_NE(md.find("# 诉求动态 2025-03（2025-03-01 至 2025-03-31）"), std::string::npos) << md;
  EXPECT_NE(md.find("| 新收 (received) | 5 | 0 | +5 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 及时受理率 | timely_acceptance | 80.0% | 8/10 | — | — |"), std::string::npos) << md;
  EXPECT_NE(md.find("| - | 尚未分办 (not routed) | 1 | 20.0% |"), std::string::npos) << md;

  const std::map<std::string, std::string> csv = bulletin_csv(march, policy);
  EXPECT_EQ(csv.size(), 11u);
  for (const auto& [name, text] : csv) EXPECT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << name;
  EXPECT_NE(csv.at("summary.csv").find("新收 (received),5,0,+5\r\n"), std::string::npos);
  EXPECT_NE(csv.at("by_channel.csv").find("letter,来信,5,100.0%\r\n"), std::string::npos) << csv.at("by_channel.csv");

  const std::string html = bulletin_html(march, policy);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("诉求动态 2025-03"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  // The only address is the SVG namespace, which nothing fetches.
  std::size_t at = 0;
  while ((at = html.find("http://", at)) != std::string::npos) {
    EXPECT_EQ(html.compare(at, 26, "http://www.w3.org/2000/svg"), 0);
    ++at;
  }
}

}  // namespace
}  // namespace xinfang::testing
