// The indicators' arithmetic: ratios, the composite score, counting a case in a period, ranking.
// docs/indicators.md is the definition; this is the reference the engine's SQL is tested against.
#include <algorithm>
#include <cmath>

#include "xinfang/metrics.hpp"

namespace xinfang {
namespace {

struct IndicatorNames {
  Indicator indicator;
  const char* id;
  const char* label;
};

constexpr std::array<IndicatorNames, kIndicatorCount> kNames = {{
    {Indicator::timely_acceptance, "timely_acceptance", "及时受理率"},
    {Indicator::on_time_completion, "on_time_completion", "按期办结率"},
    {Indicator::satisfaction, "satisfaction", "群众满意率"},
    {Indicator::participation, "participation", "参评率"},
    {Indicator::response, "response", "响应率"},
    {Indicator::resolution, "resolution", "解决率"},
}};

bool in_period(Instant at, Instant from, Instant to) {
  return !at.is_special() && at >= from && at < to;
}

}  // namespace

const std::array<Indicator, kIndicatorCount>& all_indicators() noexcept {
  static constexpr std::array<Indicator, kIndicatorCount> all = {
      Indicator::timely_acceptance, Indicator::on_time_completion, Indicator::satisfaction,
      Indicator::participation,     Indicator::response,           Indicator::resolution};
  return all;
}

const char* indicator_id(Indicator indicator) noexcept {
  return kNames[static_cast<std::size_t>(indicator)].id;
}

const char* indicator_label(Indicator indicator) noexcept {
  return kNames[static_cast<std::size_t>(indicator)].label;
}

const std::array<Indicator, 3>& clock_indicators() noexcept {
  static constexpr std::array<Indicator, 3> indicators = {Indicator::timely_acceptance, Indicator::on_time_completion,
                                                          Indicator::response};
  return indicators;
}

std::optional<Indicator> parse_indicator(std::string_view id) noexcept {
  for (const IndicatorNames& names : kNames) {
    if (id == names.id) return names.indicator;
  }
  return std::nullopt;
}

std::optional<double> Ratio::value() const noexcept {
  if (denominator == 0) return std::nullopt;
  return numerator / static_cast<double>(denominator);
}

Ratio& Ratio::operator+=(const Ratio& other) noexcept {
  numerator += other.numerator;
  denominator += other.denominator;
  return *this;
}

IndicatorSet& IndicatorSet::operator+=(const IndicatorSet& other) noexcept {
  for (std::size_t i = 0; i < kIndicatorCount; ++i) ratios[i] += other.ratios[i];
  return *this;
}

std::optional<double> composite_score(const IndicatorSet& set, const std::map<std::string, double>& weights) {
  double weighted = 0;
  double total = 0;
  for (Indicator indicator : all_indicators()) {
    const auto weight = weights.find(indicator_id(indicator));
    if (weight == weights.end() || weight->second <= 0) continue;
    const std::optional<double> value = set[indicator].value();
    if (!value) continue;
    weighted += weight->second * *value;
    total += weight->second;
  }
  if (total <= 0) return std::nullopt;
  return 100 * weighted / total;
}

void count_in_period(const CaseOutcomes& outcomes, const Policy& policy, Instant from, Instant to,
                     PeriodCounts& counts) {
  const auto add = [&](const std::string& unit, Indicator indicator, double numerator) {
    for (Ratio* ratio : {&counts.total[indicator], &counts.units[unit][indicator]}) {
      ratio->numerator += numerator;
      ratio->denominator += 1;
    }
  };
  for (const ClockOutcome& clock : outcomes.clocks) {
    if (!in_period(clock.settled_at, from, to)) continue;
    for (Indicator indicator : clock_indicators()) {
      const std::vector<std::string>& counted = policy.indicator_clocks(indicator_id(indicator));
      if (std::find(counted.begin(), counted.end(), clock.clock) == counted.end()) continue;
      add(clock.unit, indicator, clock.on_time ? 1 : 0);
    }
  }
  for (const AnswerOutcome& answer : outcomes.answers) {
    if (in_period(answer.settled_at, from, to)) {
      add(answer.unit, Indicator::participation, answer.rated_at.is_special() ? 0 : 1);
    }
    if (in_period(answer.rated_at, from, to)) {
      add(answer.unit, Indicator::satisfaction, answer.credit);
      if (answer.resolved) add(answer.unit, Indicator::resolution, *answer.resolved ? 1 : 0);
    }
  }
}

std::vector<RankedEntry> rank_by_score(const std::map<std::string, IndicatorSet>& sets,
                                       const std::map<std::string, double>& weights) {
  std::vector<RankedEntry> entries;
  entries.reserve(sets.size());
  for (const auto& [id, set] : sets) entries.push_back(RankedEntry{id, set, composite_score(set, weights), 0});
  // Scores reached by different sums of the same figures may differ in the last bits: ranks
  // compare them to a millionth of a point.
  const auto key = [](const RankedEntry& e) { return std::llround(*e.score * 1e6); };
  std::stable_sort(entries.begin(), entries.end(), [&](const RankedEntry& a, const RankedEntry& b) {
    if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
    return a.score && key(a) > key(b);
  });
  for (std::size_t i = 0; i < entries.size() && entries[i].score; ++i) {
    const bool tied = i > 0 && key(entries[i]) == key(entries[i - 1]);
    entries[i].rank = tied ? entries[i - 1].rank : static_cast<int>(i) + 1;
  }
  return entries;
}

}  // namespace xinfang
