/**
 * @file report.hpp
 * @brief The weekly bulletin (诉求动态) and period summaries, and their renderings: JSON for
 *        portals, Markdown, CSV (one file per table) and a self-contained HTML page with inline
 *        SVG charts. The renderings are pure; Engine::bulletin() gathers the figures with SQL
 *        aggregates. docs/reports.md describes every table.
 */
#ifndef XINFANG_REPORT_HPP
#define XINFANG_REPORT_HPP

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "xinfang/metrics.hpp"
#include "xinfang/policy.hpp"

namespace xinfang {

/** One line of a breakdown: an id of the policy's vocabulary, its name, and a count. */
struct CountLine {
  std::string id;          ///< e.g. a channel id ("" for cases without one, such as no unit yet).
  std::string name;        ///< Its name in the policy ("" if it has none).
  std::int64_t count = 0;  ///< How many.
};

/** The headline counts of a period. */
struct PeriodTotals {
  std::int64_t received = 0;  ///< Cases received in the period (新收).
  std::int64_t accepted = 0;  ///< Cases accepted in the period (受理).
  std::int64_t replied = 0;   ///< Replies given in the period (办结: 出具处理意见).
  /// Cases open at the report's making whose earliest deadline had passed by the period's end
  /// (超期未办结).
  std::int64_t overdue = 0;
};

/** A case on the overdue list. */
struct OverdueCase {
  std::string number;             ///< Case number.
  std::string subject;            ///< Subject line (redacted cases show theirs: it is not identity).
  std::string unit;               ///< The unit responsible ("" while not routed).
  std::string unit_name;          ///< Its name.
  Instant deadline;               ///< The earliest deadline of its running clocks.
  std::int64_t days_overdue = 0;  ///< Local days from its last day to the period's last day.
};

/** A key case (重点) or one a leader owns (包案), open at the report's making. */
struct FlaggedCase {
  std::string number;     ///< Case number.
  std::string subject;    ///< Subject line.
  std::string status;     ///< Its status name.
  std::string unit;       ///< The unit responsible.
  std::string unit_name;  ///< Its name.
  bool key_case = false;  ///< Marked key (重点).
  std::string owner;      ///< The owning leader's id (包案; "" if none).
};

/** The figures of one period: the weekly bulletin, or a month's, quarter's or year's summary. */
struct Bulletin {
  std::string policy_name;             ///< The policy in force.
  std::string policy_version;          ///< Its version.
  IndicatorReport indicators;          ///< The period's indicators, ranked (its period is the bulletin's).
  IndicatorReport previous;            ///< The same for the period before, for the change.
  PeriodTotals totals;                 ///< Headline counts.
  PeriodTotals previous_totals;        ///< The same for the period before (its overdue as of now).
  std::vector<CountLine> by_channel;   ///< Received, by channel (the policy's order).
  std::vector<CountLine> by_type;      ///< Received, by petition type.
  std::vector<CountLine> by_category;  ///< Received, by category.
  std::vector<CountLine> by_region;    ///< Received, by region.
  std::vector<CountLine> by_unit;      ///< Received, by the unit now responsible ("" not routed).
  std::vector<FlaggedCase> flagged;    ///< Open key and owned cases.
  std::vector<OverdueCase> overdue;    ///< The most overdue first, at most the limit asked for.
};

/**
 * @param bulletin The figures.
 * @param policy The policy (labels of indicators, units, regions).
 * @return The bulletin as JSON: period, totals with their change, breakdowns, indicators with
 *         their change, rankings, flagged and overdue cases.
 */
Json bulletin_json(const Bulletin& bulletin, const Policy& policy);

/** @param bulletin The figures. @param policy The policy. @return The bulletin as Markdown, in Chinese. */
std::string bulletin_markdown(const Bulletin& bulletin, const Policy& policy);

/**
 * @param bulletin The figures.
 * @param policy The policy.
 * @return One CSV text per table, by file name (summary.csv, indicators.csv, by_channel.csv,
 *         by_type.csv, by_category.csv, by_region.csv, by_unit.csv, unit_ranking.csv,
 *         region_ranking.csv, flagged.csv, overdue.csv): UTF-8 with a byte-order mark, so that
 *         spreadsheet programs read the Chinese, and RFC 4180 quoting.
 */
std::map<std::string, std::string> bulletin_csv(const Bulletin& bulletin, const Policy& policy);

/**
 * @param bulletin The figures.
 * @param policy The policy.
 * @return A self-contained HTML page in Chinese: inline CSS, charts as inline SVG, no scripts,
 *         nothing fetched; printable on A4.
 */
std::string bulletin_html(const Bulletin& bulletin, const Policy& policy);

}  // namespace xinfang

#endif
