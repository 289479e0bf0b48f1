// Internal: the raw description of a calendar, before its query tables are built. Loading
// (JSON, layering, estimates) works on this; calendar.cpp turns it into O(1) tables.
#ifndef XINFANG_SRC_CALENDAR_CALENDAR_DATA_HPP
#define XINFANG_SRC_CALENDAR_CALENDAR_DATA_HPP

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/calendar.hpp"

namespace xinfang::calendar_detail {

inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;

struct CalendarData {
  std::string name;
  std::string time_zone = "Asia/Shanghai";
  int utc_offset_minutes = 480;
  // Indexed by boost's day_of_week: 0 = Sunday .. 6 = Saturday.
  std::array<bool, 7> weekend{{true, false, false, false, false, false, true}};
  std::vector<BusinessWindow> business_hours;
  // Per weekday override of business_hours; an empty optional-like flag marks "not set".
  std::array<std::vector<BusinessWindow>, 7> business_hours_by_weekday;
  std::array<bool, 7> has_weekday_hours{};
  // Years that have a published table, with the notices behind each.
  std::map<int, std::string> year_sources;
  std::set<int> estimated_years;
  // Every holiday and make-up working day, by date; a later layer replaces an earlier entry.
  std::map<Date, SpecialDay> special_days;
};

// Parses and validates a calendar document. @p base is the calendar the document is layered
// over (may be null); when the document names a base and @p base is null, the built-in
// calendar of that name is used.
CalendarData parse_calendar_json(std::string_view json, const CalendarData* base);

// The compiled-in national data (src/calendar/data/cn-national.json).
const CalendarData& national_data();

}  // namespace xinfang::calendar_detail

#endif
