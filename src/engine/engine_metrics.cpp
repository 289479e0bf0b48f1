// The indicators of a period from the outcome tables' aggregates, and one case's own score.
#include <algorithm>

#include "engine/engine_impl.hpp"

namespace xinfang {

using engine_detail::fold_rows;
using engine_detail::require_text;
using engine_detail::to_micros;

namespace {

struct Groups {
  IndicatorSet total;
  std::map<std::string, IndicatorSet> units, regions, organisations;

  void add(const Policy& policy, const std::string& unit, const std::string& region, Indicator indicator,
           const Ratio& ratio) {
    const Unit* known = policy.find_unit(unit);
    for (IndicatorSet* set :
         {&total, &units[unit], &regions[region], &organisations[known ? known->organisation : ""]}) {
      (*set)[indicator] += ratio;
    }
  }
};

}  // namespace

IndicatorReport Engine::indicators(const ReportPeriod& period) const {
  if (period.from.is_special() || period.to.is_special() || period.to <= period.from) {
    throw Error(ErrorCode::invalid_argument, "period '" + period.label + "' ends before it starts");
  }
  const Impl& impl = *impl_;
  const Policy& policy = impl.policy;
  IndicatorReport report;
  report.period = period;
  report.counted_to = std::min(period.to, impl.clock->now());
  Groups groups;
  if (report.counted_to > period.from) {
    std::vector<store::ClockOutcomeCount> clocks;
    std::vector<store::AnswerCount> answers;
    impl.store->read([&](store::Transaction& txn) {
      clocks = txn.count_clock_outcomes(to_micros(period.from), to_micros(report.counted_to));
      answers = txn.count_answers(to_micros(period.from), to_micros(report.counted_to));
    });
    for (const store::ClockOutcomeCount& c : clocks) {
      for (Indicator indicator : clock_indicators()) {
        const std::vector<std::string>& counted = policy.indicator_clocks(indicator_id(indicator));
        if (std::find(counted.begin(), counted.end(), c.clock) == counted.end()) continue;
        groups.add(policy, c.unit, c.region, indicator, Ratio{static_cast<double>(c.on_time), c.settled});
      }
    }
    for (const store::AnswerCount& a : answers) {
      groups.add(policy, a.unit, a.region, Indicator::participation,
                 Ratio{static_cast<double>(a.settled_rated), a.settled});
      groups.add(policy, a.unit, a.region, Indicator::satisfaction, Ratio{a.credit, a.rated});
      groups.add(policy, a.unit, a.region, Indicator::resolution,
                 Ratio{static_cast<double>(a.resolved), a.resolved_answered});
    }
  }
  const auto& weights = policy.indicator_weights();
  report.total = groups.total;
  report.score = composite_score(groups.total, weights);
  report.units = rank_by_score(groups.units, weights);
  report.regions = rank_by_score(groups.regions, weights);
  report.organisations = rank_by_score(groups.organisations, weights);
  return report;
}

IndicatorReport Engine::indicators(const std::string& period) const {
  require_text(period, "period");
  return indicators(parse_report_period(period, impl_->calendar));
}

CaseScore Engine::case_score(const std::string& number) const {
  require_text(number, "case number");
  const Impl& impl = *impl_;
  CaseScore score;
  score.number = number;
  const Instant now = impl.clock->now();
  impl.store->read([&](store::Transaction& txn) {
    const std::optional<store::CaseRow> row = txn.find_case(number);
    if (!row) throw Error(ErrorCode::not_found, "no case " + number);
    const CaseState state = fold_rows(txn.events(row->id));
    score.outcomes = impl.outcomes_of(state, impl.clock_reports(state, now));
  });
  PeriodCounts counts;
  count_in_period(score.outcomes, impl.policy, Instant(boost::posix_time::min_date_time),
                  now + boost::posix_time::microseconds(1), counts);
  score.indicators = counts.total;
  score.score = composite_score(counts.total, impl.policy.indicator_weights());
  return score;
}

}  // namespace xinfang
