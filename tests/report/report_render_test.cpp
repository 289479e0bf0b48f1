// The bulletin's renderings on a bulletin built by hand: the figures in each format, text that
// would break a format escaped (a subject with markup, a pipe, a comma, quotes and a line
// break), and an HTML page that fetches nothing and runs nothing.
#include <gtest/gtest.h>

#include "../lifecycle/lifecycle_test_util.hpp"
#include "xinfang/report.hpp"

namespace xinfang::testing {
namespace {

const char* const kHostile = "<script>alert(1)</script> 供暖|不热, \"急\"\n第二行";

Bulletin hand_built() {
  const Policy& policy = national_policy();
  Bulletin b;
  b.policy_name = policy.name();
  b.policy_version = policy.version();
  b.indicators.period = parse_report_period("2026-W47", national_calendar());
  b.indicators.counted_to = b.indicators.period.to;
  b.previous.period = previous_period(b.indicators.period, national_calendar());
  b.previous.counted_to = b.previous.period.to;
  b.indicators.total[Indicator::on_time_completion] = Ratio{9, 10};
  b.previous.total[Indicator::on_time_completion] = Ratio{8, 10};
  b.indicators.total[Indicator::satisfaction] = Ratio{1.9, 2};
  b.indicators.score = composite_score(b.indicators.total, policy.indicator_weights());
  b.indicators.units = rank_by_score({{"social_assistance", b.indicators.total}}, policy.indicator_weights());
  b.totals = {12, 10, 7, 2};
  b.previous_totals = {9, 9, 8, 3};
  b.by_channel = {{"letter", "来信", 7}, {"visit", "来访", 5}};
  b.by_unit = {{"social_assistance", "社会救助科", 11}, {"", "", 1}};
  b.flagged = {{"MZJ-2026-0000014", kHostile, "in_handling", "social_assistance", "社会救助科", true, "boss"}};
  b.overdue = {{"MZJ-2026-0000027", kHostile, "social_assistance", "社会救助科", local("2026-11-18 00:00"), 5}};
  return b;
}

TEST(ReportRender, JsonCarriesTheFiguresAndTheirChange) {
  const Json json = bulletin_json(hand_built(), national_policy());
  EXPECT_EQ(json["period"]["label"], "2026-W47");
  EXPECT_EQ(json["previous_period"]["label"], "2026-W46");
  EXPECT_EQ(json["totals"]["received"]["value"], 12);
  EXPECT_EQ(json["totals"]["received"]["change"], 3);
  EXPECT_EQ(json["totals"]["overdue"]["change"], -1);
  EXPECT_NEAR(json["indicator_changes"]["on_time_completion"].get<double>(), 0.1, 1e-12);
  EXPECT_TRUE(json["indicator_changes"]["satisfaction"].is_null());  // none the week before
  EXPECT_EQ(json["overdue"]["listed"][0]["subject"], kHostile);      // JSON keeps the text as it is
  EXPECT_EQ(json["overdue"]["listed"][0]["deadline"], "2026-11-17T16:00:00Z");
  EXPECT_EQ(json["overdue"]["listed"][0]["days_overdue"], 5);
}

TEST(ReportRender, MarkdownEscapesPipesAndLineBreaks) {
  const std::string md = bulletin_markdown(hand_built(), national_policy());
  EXPECT_NE(md.find("# 诉求动态 2026-W47（2026-11-16 至 2026-11-22）"), std::string::npos);
  EXPECT_NE(md.find("| 新收 (received) | 12 | 9 | +3 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 按期办结率 | on_time_completion | 90.0% | 9/10 | 80.0% | +10.0 |"), std::string::npos) << md;
  // The overdue case: its last day is 17 Nov (the deadline is that day's 24:00).
  EXPECT_NE(md.find("供暖\\|不热, \"急\" 第二行 | 社会救助科 | 2026-11-17 | 5 |"), std::string::npos) << md;
  EXPECT_EQ(md.find("供暖|不热"), std::string::npos);
}

TEST(ReportRender, CsvQuotesWhatNeedsIt) {
  const std::map<std::string, std::string> csv = bulletin_csv(hand_built(), national_policy());
  const std::string& overdue = csv.at("overdue.csv");
  EXPECT_EQ(overdue.rfind("\xEF\xBB\xBF编号 (number),事由 (subject),", 0), 0u) << overdue;
  EXPECT_NE(
      overdue.find(
          "MZJ-2026-0000027,\"<script>alert(1)</script> 供暖|不热, \"\"急\"\"\n第二行\",社会救助科,2026-11-17,5\r\n"),
      std::string::npos)
      << overdue;
  EXPECT_NE(csv.at("by_unit.csv").find("-,尚未分办 (not routed),1,8.3%\r\n"), std::string::npos)
      << csv.at("by_unit.csv");
}

TEST(ReportRender, HtmlIsSelfContainedAndEscaped) {
  const std::string html = bulletin_html(hand_built(), national_policy());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // the hostile subject is text, not markup
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  // Three charts, each an inline SVG with a title.
  std::size_t charts = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++charts;
  EXPECT_EQ(charts, 3u);
  EXPECT_NE(html.find("<title>新收：按渠道</title>"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"value\">12</div><div class=\"change\">较上期 +3</div>"), std::string::npos);
}

TEST(ReportRender, AnEmptyBulletinRendersWithoutData) {
  Bulletin empty;
  empty.indicators.period = parse_report_period("2024", national_calendar());
  empty.previous.period = previous_period(empty.indicators.period, national_calendar());
  const std::string html = bulletin_html(empty, national_policy());
  EXPECT_NE(html.find("无数据 (no data)"), std::string::npos);
  EXPECT_NE(bulletin_markdown(empty, national_policy()).find("无 (none)"), std::string::npos);
  EXPECT_EQ(bulletin_json(empty, national_policy())["totals"]["received"]["value"], 0);
}

}  // namespace
}  // namespace xinfang::testing
