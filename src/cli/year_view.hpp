// The xinfang command-line program: one year of a calendar (holidays, make-up working days,
// their sources), as a clerk's table or as JSON. Used by `calendar year` and by `demo`.
#ifndef XINFANG_SRC_CLI_YEAR_VIEW_HPP
#define XINFANG_SRC_CLI_YEAR_VIEW_HPP

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "xinfang/calendar.hpp"

namespace xinfang::cli {

/** Throws Error(calendar_range) if @p calendar has neither a table nor an estimate for @p year. */
void require_known_year(const Calendar& calendar, int year);

/** The working days from 1 January to 31 December of @p year. @throws Error calendar_range. */
int working_days_in_year(const Calendar& calendar, int year);

/**
 * The year as JSON: {"year", "calendar", "status" ("published" | "estimated"), "notice_loaded",
 * "source", "working_days", "days": [{"date", "weekday", "kind", "name", "source"}], "ranges":
 * [{"kind", "from", "to", "days", "name", "source"}], and for an estimate a "note"}.
 * @throws Error calendar_range for a year with neither a table nor an estimate.
 */
nlohmann::json year_json(const Calendar& calendar, int year);

/**
 * The year as text: a heading, an aligned table of holiday ranges and make-up working days in
 * date order with numbered sources, and the year's working-day count; for an estimated year, a
 * plain statement that the State Council notice is not loaded and that the count is a
 * weekend-only estimate. @throws Error calendar_range as year_json.
 */
void print_year(std::ostream& out, const Calendar& calendar, int year);

}  // namespace xinfang::cli

#endif
