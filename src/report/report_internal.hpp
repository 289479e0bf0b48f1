// Internal: what the bulletin's renderings share — labels, percentages, changes, and the
// tables every format shows, so that JSON, Markdown, CSV and HTML carry the same figures.
#ifndef XINFANG_SRC_REPORT_REPORT_INTERNAL_HPP
#define XINFANG_SRC_REPORT_REPORT_INTERNAL_HPP

#include <optional>
#include <string>
#include <vector>

#include "xinfang/report.hpp"

namespace xinfang::report_detail {

/** A table: a title, its column heads and rows of cells, as every format shows it. */
struct Table {
  std::string file;   ///< Its CSV file name, e.g. "by_channel.csv".
  std::string title;  ///< Its heading, e.g. "按渠道 (by channel)".
  std::vector<std::string> heads;
  std::vector<std::vector<std::string>> rows;
};

/** @return "2026-W47（2026-11-16 至 2026-11-22）". */
std::string period_title(const ReportPeriod& period);
/** @return 97.5% with one decimal, or "—" without a value. */
std::string percent(const std::optional<double>& value);
/** @return The change in percentage points, "+2.5" / "-1.0" / "0.0", or "—" if either is missing. */
std::string point_change(const std::optional<double>& now, const std::optional<double>& before);
/** @return A count's change with its sign, "+3", "-2", "0". */
std::string count_change(std::int64_t now, std::int64_t before);
/** @return A score in points with two decimals, or "—". */
std::string points(const std::optional<double>& score);
/** @return "YYYY-MM-DD" of the last day of a deadline (the day whose 24:00 it is), local. */
std::string last_day(Instant deadline, int utc_offset_minutes);

/** The label of a breakdown line: its name, or for "" what an empty id means there. */
std::string line_label(const CountLine& line, const char* empty);

/** Every table of the bulletin, in the order the Markdown and HTML show them. */
std::vector<Table> bulletin_tables(const Bulletin& bulletin, const Policy& policy);

}  // namespace xinfang::report_detail

#endif
