// The indicators as JSON, for the CLI, the C ABI and portals.
#include <functional>

#include "lifecycle/command_args.hpp"
#include "xinfang/metrics.hpp"

namespace xinfang {
namespace {

using lifecycle_detail::instant_or_null;

Json score_json(const std::optional<double>& score) {
  return score ? Json(*score) : Json();
}

Json ranked_json(const std::vector<RankedEntry>& entries, const std::function<std::string(const std::string&)>& name) {
  Json out = Json::array();
  for (const RankedEntry& entry : entries) {
    out.push_back({{"id", entry.id},
                   {"name", name(entry.id)},
                   {"rank", entry.rank == 0 ? Json() : Json(entry.rank)},
                   {"score", score_json(entry.score)},
                   {"indicators", indicator_set_json(entry.indicators)}});
  }
  return out;
}

}  // namespace

Json ReportPeriod::to_json() const {
  return {{"label", label},
          {"first_day", format_date(first)},
          {"last_day", format_date(last)},
          {"from", instant_or_null(from)},
          {"to", instant_or_null(to)}};
}

Json indicator_set_json(const IndicatorSet& set) {
  Json out = Json::object();
  for (Indicator indicator : all_indicators()) {
    const Ratio& ratio = set[indicator];
    const std::optional<double> value = ratio.value();
    out[indicator_id(indicator)] = {{"label", indicator_label(indicator)},
                                    {"numerator", ratio.numerator},
                                    {"denominator", ratio.denominator},
                                    {"value", value ? Json(*value) : Json()}};
  }
  return out;
}

Json indicator_report_json(const IndicatorReport& report, const Policy& policy) {
  const auto unit_name = [&](const std::string& id) {
    const Unit* unit = policy.find_unit(id);
    return unit != nullptr ? unit->name : id;
  };
  const auto region_name = [&](const std::string& id) {
    const NamedEntry* region = policy.find_region(id);
    return region != nullptr ? region->name : id;
  };
  const auto organisation_name = [&](const std::string& id) {
    const Organisation* organisation = policy.find_organisation(id);
    return organisation != nullptr ? organisation->name : id;
  };
  Json weights = Json::object();
  for (const auto& [id, weight] : policy.indicator_weights()) weights[id] = weight;
  return {{"period", report.period.to_json()},
          {"counted_to", instant_or_null(report.counted_to)},
          {"policy", {{"name", policy.name()}, {"version", policy.version()}, {"weights", std::move(weights)}}},
          {"total", {{"score", score_json(report.score)}, {"indicators", indicator_set_json(report.total)}}},
          {"units", ranked_json(report.units, unit_name)},
          {"regions", ranked_json(report.regions, region_name)},
          {"organisations", ranked_json(report.organisations, organisation_name)}};
}

Json case_score_json(const CaseScore& score) {
  Json clocks = Json::array();
  for (const ClockOutcome& c : score.outcomes.clocks) {
    clocks.push_back({{"clock", c.clock},
                      {"run", c.run},
                      {"unit", c.unit},
                      {"started_at", instant_or_null(c.started_at)},
                      {"deadline", instant_or_null(c.deadline)},
                      {"stopped_at", instant_or_null(c.stopped_at)},
                      {"settled_at", instant_or_null(c.settled_at)},
                      {"on_time", c.on_time},
                      {"extended", c.extended}});
  }
  Json answers = Json::array();
  for (const AnswerOutcome& a : score.outcomes.answers) {
    answers.push_back({{"kind", a.kind},
                       {"unit", a.unit},
                       {"answered_at", instant_or_null(a.answered_at)},
                       {"window_end", instant_or_null(a.window_end)},
                       {"rated_at", instant_or_null(a.rated_at)},
                       {"level", a.level},
                       {"credit", a.credit},
                       {"satisfied", a.satisfied},
                       {"resolved", a.resolved ? Json(*a.resolved) : Json()},
                       {"settled_at", instant_or_null(a.settled_at)}});
  }
  return {{"number", score.number},
          {"score", score_json(score.score)},
          {"indicators", indicator_set_json(score.indicators)},
          {"clocks", std::move(clocks)},
          {"answers", std::move(answers)}};
}

}  // namespace xinfang
