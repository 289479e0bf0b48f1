// The xinfang command-line program: a period's indicators and rankings (`xinfang indicators`)
// and one case's score (`xinfang score`). docs/indicators.md defines the figures, docs/cli.md
// the commands.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/db_commands.hpp"
#include "cli/db_format.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

std::string percent(const Ratio& ratio) {
  const std::optional<double> value = ratio.value();
  if (!value) return "—";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f%% (%g/%lld)", 100 * *value, ratio.numerator,
                static_cast<long long>(ratio.denominator));
  return buffer;
}

std::string points(const std::optional<double>& score) {
  if (!score) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", *score);
  return buffer;
}

// The indicators a policy weighs, else all six.
std::vector<Indicator> shown_indicators(const Policy& policy) {
  std::vector<Indicator> shown;
  for (Indicator indicator : all_indicators()) {
    const auto weight = policy.indicator_weights().find(indicator_id(indicator));
    if (weight != policy.indicator_weights().end() && weight->second > 0) shown.push_back(indicator);
  }
  if (shown.empty()) shown.assign(all_indicators().begin(), all_indicators().end());
  return shown;
}

void print_ranking(const char* title, const std::vector<RankedEntry>& entries, const std::vector<Indicator>& shown,
                   const std::function<std::string(const std::string&)>& name) {
  if (entries.empty()) return;
  std::cout << "\n" << title << "\n";
  Table table(std::vector<Table::Align>(3 + shown.size(), Table::Align::left));
  std::vector<std::string> header = {"名次 (rank)", "名称 (name)", "综合得分 (score)"};
  for (Indicator indicator : shown) header.push_back(indicator_label(indicator));
  table.add_row(header);
  for (const RankedEntry& entry : entries) {
    std::vector<std::string> cells = {entry.rank == 0 ? "—" : std::to_string(entry.rank),
                                      with_name(entry.id.empty() ? "-" : entry.id, name(entry.id)),
                                      points(entry.score)};
    for (Indicator indicator : shown) cells.push_back(percent(entry.indicators[indicator]));
    table.add_row(cells);
  }
  table.print(std::cout);
}

struct IndicatorsOptions : DbOptions {
  std::string period;
};

void run_indicators(const IndicatorsOptions& options) {
  const Engine engine = open_database(options);
  const Policy& policy = engine.policy();
  const IndicatorReport report = engine.indicators(options.period);
  if (options.json) {
    print_json(std::cout, indicator_report_json(report, policy));
    return;
  }
  std::cout << "期间 (period) " << report.period.label << "：" << format_date(report.period.first) << " 至 "
            << format_date(report.period.last) << "，统计至 (counted to) "
            << local_time(engine.calendar(), report.counted_to) << "\n";
  std::cout << "综合得分 (score) " << points(report.score) << "\n";
  Table table({Table::Align::left, Table::Align::left});
  for (Indicator indicator : all_indicators()) {
    table.add_row({std::string(indicator_label(indicator)) + " (" + indicator_id(indicator) + ")",
                   percent(report.total[indicator])});
  }
  table.print(std::cout);
  const std::vector<Indicator> shown = shown_indicators(policy);
  print_ranking("承办单位排名 (units)", report.units, shown, [&](const std::string& id) {
    const Unit* unit = policy.find_unit(id);
    return unit != nullptr ? unit->name : std::string();
  });
  print_ranking("地区排名 (regions)", report.regions, shown, [&](const std::string& id) {
    const NamedEntry* region = policy.find_region(id);
    return region != nullptr ? region->name : std::string();
  });
  print_ranking("单位排名 (organisations)", report.organisations, shown, [&](const std::string& id) {
    const Organisation* organisation = policy.find_organisation(id);
    return organisation != nullptr ? organisation->name : std::string();
  });
}

struct ScoreOptions : DbOptions {
  std::string number;
};

void run_score(const ScoreOptions& options) {
  const Engine engine = open_database(options);
  const Calendar& calendar = engine.calendar();
  const CaseScore score = engine.case_score(options.number);
  if (options.json) {
    print_json(std::cout, case_score_json(score));
    return;
  }
  const auto time_or_dash = [&](Instant at) { return at.is_special() ? std::string("—") : local_time(calendar, at); };
  const auto deadline_or_dash = [&](Instant at) {
    return at.is_special() ? std::string("—") : local_deadline(calendar, at);
  };
  std::cout << "案件 (case) " << score.number << "，综合得分 (score) " << points(score.score) << "\n";
  if (!score.outcomes.clocks.empty()) {
    Table table(std::vector<Table::Align>(5, Table::Align::left));
    table.add_row({"期限 (clock)", "计入单位 (unit)", "期满 (deadline)", "计入时间 (settled)", "结果 (result)"});
    for (const ClockOutcome& c : score.outcomes.clocks) {
      const std::string result = c.settled_at.is_special() ? "中止 (paused)"
                                 : c.on_time               ? "按期 (on time)"
                                                           : "超期 (late)";
      table.add_row({c.clock + (c.run > 1 ? " #" + std::to_string(c.run) : ""), c.unit, deadline_or_dash(c.deadline),
                     time_or_dash(c.settled_at), result});
    }
    table.print(std::cout);
  }
  for (const AnswerOutcome& a : score.outcomes.answers) {
    std::cout << (a.kind == "reply" ? "答复 (reply) " : "复查意见 (review) ") << time_or_dash(a.answered_at) << "，"
              << (a.level.empty() ? "未评价 (unrated)" : "评价 (rated) " + a.level) << "\n";
  }
  Table table({Table::Align::left, Table::Align::left});
  for (Indicator indicator : all_indicators()) {
    if (score.indicators[indicator].denominator == 0) continue;
    table.add_row({std::string(indicator_label(indicator)) + " (" + indicator_id(indicator) + ")",
                   percent(score.indicators[indicator])});
  }
  table.print(std::cout);
}

}  // namespace

void register_metrics_commands(CLI::App& app, Globals& globals) {
  auto indicators = std::make_shared<IndicatorsOptions>();
  CLI::App* sub = app.add_subcommand("indicators", "The indicators of a period, with units and regions ranked");
  sub->add_option("--period", indicators->period,
                  "2026-W47 (ISO week), 2026-11, 2026-Q4, 2026 or 2026-11-01..2026-11-30 (local days)")
      ->required()
      ->type_name("PERIOD");
  add_db_options(*sub, *indicators, globals, ActorOption::none);
  sub->footer(exit_status_footer(
      "Prints 及时受理率, 按期办结率, 群众满意率, 参评率, 响应率 and 解决率 with their counts, the composite score, "
      "and the units, regions and organisations ranked by it. docs/indicators.md defines each figure."));
  sub->callback([indicators] { run_indicators(*indicators); });

  auto score = std::make_shared<ScoreOptions>();
  sub = app.add_subcommand("score", "What one case counts for in the indicators, and its own score");
  sub->add_option("number", score->number, "The case number")->required()->type_name("NUMBER");
  add_db_options(*sub, *score, globals, ActorOption::none);
  sub->callback([score] { run_score(*score); });
}

}  // namespace xinfang::cli
