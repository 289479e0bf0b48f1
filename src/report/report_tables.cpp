// The bulletin's tables, once for every format: the headline counts, the indicators with their
// change, the breakdowns, the rankings, key and owned cases, and the overdue list.
#include <cmath>
#include <cstdio>
#include <functional>

#include "report/report_internal.hpp"

namespace xinfang::report_detail {
namespace {

std::string fixed(double value, const char* format) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

Table breakdown(const char* file, const char* title, const char* head, const std::vector<CountLine>& lines,
                const char* empty, std::int64_t total) {
  Table t{file, title, {head, "名称 (name)", "新收 (received)", "占比 (share)"}, {}};
  for (const CountLine& line : lines) {
    const std::optional<double> share =
        total > 0 ? std::optional<double>(static_cast<double>(line.count) / total) : std::nullopt;
    t.rows.push_back(
        {line.id.empty() ? "-" : line.id, line_label(line, empty), std::to_string(line.count), percent(share)});
  }
  return t;
}

Table ranking(const char* file, const char* title, const std::vector<RankedEntry>& entries,
              const std::function<std::string(const std::string&)>& name,
              const std::map<std::string, double>& weights) {
  Table t{file, title, {"名次 (rank)", "编码 (id)", "名称 (name)", "综合得分 (score)"}, {}};
  std::vector<Indicator> shown;
  for (Indicator indicator : all_indicators()) {
    const auto w = weights.find(indicator_id(indicator));
    if (w != weights.end() && w->second > 0) shown.push_back(indicator);
  }
  for (Indicator indicator : shown) t.heads.push_back(indicator_label(indicator));
  for (const RankedEntry& e : entries) {
    std::vector<std::string> row = {e.rank == 0 ? "—" : std::to_string(e.rank), e.id.empty() ? "-" : e.id, name(e.id),
                                    points(e.score)};
    for (Indicator indicator : shown) row.push_back(percent(e.indicators[indicator].value()));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

std::string period_title(const ReportPeriod& period) {
  return period.label + "（" + format_date(period.first) + " 至 " + format_date(period.last) + "）";
}

std::string percent(const std::optional<double>& value) {
  return value ? fixed(100 * *value, "%.1f%%") : "—";
}

std::string point_change(const std::optional<double>& now, const std::optional<double>& before) {
  if (!now || !before) return "—";
  const double change = 100 * (*now - *before);
  if (std::fabs(change) < 0.05) return "0.0";
  return fixed(change, "%+.1f");
}

std::string count_change(std::int64_t now, std::int64_t before) {
  const std::int64_t change = now - before;
  return change > 0 ? "+" + std::to_string(change) : std::to_string(change);
}

std::string points(const std::optional<double>& score) {
  return score ? fixed(*score, "%.2f") : "—";
}

std::string last_day(Instant deadline, int utc_offset_minutes) {
  const Instant local = deadline + boost::posix_time::minutes(utc_offset_minutes) - boost::posix_time::microseconds(1);
  return format_date(local.date());
}

std::string line_label(const CountLine& line, const char* empty) {
  if (line.id.empty()) return empty;
  return line.name.empty() ? line.id : line.name;
}

std::vector<Table> bulletin_tables(const Bulletin& b, const Policy& policy) {
  std::vector<Table> tables;
  const PeriodTotals& now = b.totals;
  const PeriodTotals& before = b.previous_totals;
  Table summary{"summary.csv",
                "总体情况 (totals)",
                {"项目 (item)", "本期 (this period)", "上期 (previous)", "增减 (change)"},
                {}};
  const auto count_row = [&](const char* item, std::int64_t a, std::int64_t p) {
    summary.rows.push_back({item, std::to_string(a), std::to_string(p), count_change(a, p)});
  };
  count_row("新收 (received)", now.received, before.received);
  count_row("受理 (accepted)", now.accepted, before.accepted);
  count_row("办结 (replied)", now.replied, before.replied);
  count_row("超期未办结 (overdue, open)", now.overdue, before.overdue);
  tables.push_back(std::move(summary));

  Table indicators{"indicators.csv",
                   "指标 (indicators)",
                   {"指标 (indicator)", "编码 (id)", "本期 (this period)", "计数 (counted)", "上期 (previous)",
                    "变化/百分点 (change, points)"},
                   {}};
  for (Indicator indicator : all_indicators()) {
    const Ratio& a = b.indicators.total[indicator];
    const Ratio& p = b.previous.total[indicator];
    indicators.rows.push_back({indicator_label(indicator), indicator_id(indicator), percent(a.value()),
                               fixed(a.numerator, "%g") + "/" + std::to_string(a.denominator), percent(p.value()),
                               point_change(a.value(), p.value())});
  }
  const std::string score_change = b.indicators.score && b.previous.score
                                       ? fixed(*b.indicators.score - *b.previous.score, "%+.2f")
                                       : std::string("—");
  indicators.rows.push_back(
      {"综合得分 (score)", "score", points(b.indicators.score), "", points(b.previous.score), score_change});
  tables.push_back(std::move(indicators));

  tables.push_back(
      breakdown("by_channel.csv", "按渠道 (by channel)", "渠道 (channel)", b.by_channel, "未填", now.received));
  tables.push_back(breakdown("by_type.csv", "按类型 (by type)", "类型 (type)", b.by_type, "未填", now.received));
  tables.push_back(
      breakdown("by_category.csv", "按内容分类 (by category)", "分类 (category)", b.by_category, "未填", now.received));
  tables.push_back(
      breakdown("by_region.csv", "按地区 (by region)", "地区 (region)", b.by_region, "未填地区", now.received));
  tables.push_back(breakdown("by_unit.csv", "按承办单位 (by unit)", "单位 (unit)", b.by_unit, "尚未分办 (not routed)",
                             now.received));

  const auto unit_name = [&](const std::string& id) {
    const Unit* unit = policy.find_unit(id);
    return unit != nullptr ? unit->name : id;
  };
  const auto region_name = [&](const std::string& id) {
    const NamedEntry* region = policy.find_region(id);
    return region != nullptr ? region->name : id.empty() ? std::string("未填地区") : id;
  };
  tables.push_back(ranking("unit_ranking.csv", "承办单位排名 (units ranked)", b.indicators.units, unit_name,
                           policy.indicator_weights()));
  tables.push_back(ranking("region_ranking.csv", "地区排名 (regions ranked)", b.indicators.regions, region_name,
                           policy.indicator_weights()));

  Table flagged{
      "flagged.csv",
      "重点和包案事项 (key and owned cases)",
      {"编号 (number)", "事由 (subject)", "状态 (status)", "承办单位 (unit)", "重点 (key)", "包案领导 (owner)"},
      {}};
  for (const FlaggedCase& f : b.flagged) {
    flagged.rows.push_back(
        {f.number, f.subject, f.status, f.unit_name.empty() ? f.unit : f.unit_name, f.key_case ? "是" : "", f.owner});
  }
  tables.push_back(std::move(flagged));

  // The period's own local offset: its first day's 00:00 local is its start in UTC.
  const ReportPeriod& period = b.indicators.period;
  const int offset = static_cast<int>((Instant(period.first) - period.from).total_seconds() / 60);
  Table overdue{"overdue.csv",
                "超期未办结事项 (overdue cases)",
                {"编号 (number)", "事由 (subject)", "责任单位 (unit)", "期满日 (last day)", "超期天数 (days overdue)"},
                {}};
  for (const OverdueCase& o : b.overdue) {
    overdue.rows.push_back({o.number, o.subject,
                            o.unit.empty()        ? "尚未分办 (not routed)"
                            : o.unit_name.empty() ? o.unit
                                                  : o.unit_name,
                            last_day(o.deadline, offset), std::to_string(o.days_overdue)});
  }
  tables.push_back(std::move(overdue));
  return tables;
}

}  // namespace xinfang::report_detail
