// The xinfang command-line program: choosing the calendar a command works on, and the CLI11
// validators for the values calendar commands take.
#ifndef XINFANG_SRC_CLI_CALENDAR_SOURCE_HPP
#define XINFANG_SRC_CLI_CALENDAR_SOURCE_HPP

#include <string>
#include <string_view>
#include <utility>

#include <CLI/CLI.hpp>

#include "xinfang/calendar.hpp"

namespace xinfang::cli {

/** Where a command's calendar comes from: --calendar FILE and --estimate YEAR[-YEAR]. */
struct CalendarSource {
  std::string file;      ///< A host calendar JSON file; empty for the built-in cn-national.
  std::string estimate;  ///< "YYYY" or "YYYY-YYYY": years allowed as weekend-only estimates.
};

/** Adds --calendar and --estimate to @p sub, bound to @p source. */
void add_calendar_source_options(CLI::App& sub, CalendarSource& source);

/**
 * The calendar @p source describes: the built-in national calendar, or the file loaded with
 * Calendar::from_json (a file naming "base": "cn-national" is layered over it), then with the
 * --estimate years allowed as weekend-only estimates.
 * @throws Error not_found / invalid_argument for a file that cannot be read, and whatever
 *         Calendar::from_json or with_estimated_years throws (prefixed with the file name).
 */
Calendar load_calendar(const CalendarSource& source);

/** Parses "YYYY" or "YYYY-YYYY" (first <= last). @throws Error invalid_argument. */
std::pair<int, int> parse_year_range(std::string_view text);

/** A CLI11 validator accepting a real ISO date YYYY-MM-DD (xinfang::parse_date decides). */
CLI::Validator iso_date_validator();

}  // namespace xinfang::cli

#endif
