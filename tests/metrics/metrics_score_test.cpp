// Ratios, the composite score and rankings, on figures worked out by hand.
#include <gtest/gtest.h>

#include "../lifecycle/lifecycle_test_util.hpp"
#include "xinfang/metrics.hpp"

namespace xinfang::testing {
namespace {

IndicatorSet set_of(std::initializer_list<std::pair<Indicator, Ratio>> ratios) {
  IndicatorSet set;
  for (const auto& [indicator, ratio] : ratios) set[indicator] = ratio;
  return set;
}

TEST(MetricsScore, IndicatorNamesAreStable) {
  EXPECT_EQ(all_indicators().size(), kIndicatorCount);
  for (Indicator indicator : all_indicators()) EXPECT_EQ(parse_indicator(indicator_id(indicator)), indicator);
  EXPECT_STREQ(indicator_id(Indicator::on_time_completion), "on_time_completion");
  EXPECT_STREQ(indicator_label(Indicator::on_time_completion), "按期办结率");
  EXPECT_STREQ(indicator_label(Indicator::participation), "参评率");
  EXPECT_EQ(parse_indicator("satisfaction_rate"), std::nullopt);
  EXPECT_EQ(parse_indicator(""), std::nullopt);
  EXPECT_EQ(static_cast<int>(Indicator::resolution), 5);  // reaches the C ABI
}

TEST(MetricsScore, ARatioWithNothingCountedHasNoValue) {
  EXPECT_EQ(Ratio{}.value(), std::nullopt);
  EXPECT_DOUBLE_EQ(*(Ratio{3, 4}.value()), 0.75);
  Ratio sum{1.9, 2};
  sum += Ratio{0, 1};
  EXPECT_DOUBLE_EQ(sum.numerator, 1.9);
  EXPECT_EQ(sum.denominator, 3);
}

TEST(MetricsScore, TheCompositeIsTheWeightedMeanOfTheIndicatorsWithAValue) {
  const std::map<std::string, double> hotline = {{"response", 30}, {"resolution", 35}, {"satisfaction", 35}};
  // 响应率 9/10, 解决率 3/4, 满意率 (1 + 0.9 + 0) / 3 = 0.6333...
  const IndicatorSet full = set_of({{Indicator::response, {9, 10}},
                                    {Indicator::resolution, {3, 4}},
                                    {Indicator::satisfaction, {1.9, 3}},
                                    {Indicator::on_time_completion, {0, 5}}});  // not weighted: ignored
  // 100 x (30 x 0.9 + 35 x 0.75 + 35 x 1.9/3) / 100 = 27 + 26.25 + 22.1666... = 75.41666...
  EXPECT_NEAR(*composite_score(full, hotline), 75.416666666, 1e-6);
  // Without ratings the score rests on 响应率 alone: 100 x 30 x 0.9 / 30.
  EXPECT_NEAR(*composite_score(set_of({{Indicator::response, {9, 10}}}), hotline), 90.0, 1e-9);
  // Relative weights: 0.3/0.35/0.35 give the same score.
  const std::map<std::string, double> scaled = {{"response", 0.3}, {"resolution", 0.35}, {"satisfaction", 0.35}};
  EXPECT_NEAR(*composite_score(full, scaled), 75.416666666, 1e-6);
  // Nothing counted, or nothing weighted: no score.
  EXPECT_EQ(composite_score(IndicatorSet{}, hotline), std::nullopt);
  EXPECT_EQ(composite_score(full, {}), std::nullopt);
  EXPECT_EQ(composite_score(full, {{"response", 0}}), std::nullopt);
}

TEST(MetricsScore, EqualScoresShareARankAndTheUnscoredComeLast) {
  const std::map<std::string, double> weights = {{"on_time_completion", 1}};
  const std::map<std::string, IndicatorSet> units = {
      {"a", set_of({{Indicator::on_time_completion, {1, 2}}})},   // 50
      {"b", set_of({{Indicator::on_time_completion, {3, 3}}})},   // 100
      {"c", set_of({{Indicator::on_time_completion, {2, 4}}})},   // 50, the same by another sum
      {"d", set_of({{Indicator::satisfaction, {1, 1}}})},         // not weighted: no score
      {"e", set_of({{Indicator::on_time_completion, {1, 10}}})},  // 10
      {"f", IndicatorSet{}},                                      // nothing counted
  };
  const std::vector<RankedEntry> ranked = rank_by_score(units, weights);
  std::vector<std::string> order;
  std::vector<int> ranks;
  for (const RankedEntry& entry : ranked) {
    order.push_back(entry.id);
    ranks.push_back(entry.rank);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"b", "a", "c", "e", "d", "f"}));
  EXPECT_EQ(ranks, (std::vector<int>{1, 2, 2, 4, 0, 0}));
  EXPECT_NEAR(*ranked[0].score, 100.0, 1e-9);
  EXPECT_EQ(ranked[4].score, std::nullopt);
  EXPECT_TRUE(rank_by_score({}, weights).empty());
}

}  // namespace
}  // namespace xinfang::testing
