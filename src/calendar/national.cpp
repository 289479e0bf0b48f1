// The compiled-in national calendar: the JSON in data/cn-national.json, embedded at build time
// and parsed once, through the same loader a host's own calendar goes through.
#include "calendar/calendar_data.hpp"

namespace xinfang::embedded {
extern const char cn_national_calendar_json[];
}

namespace xinfang::calendar_detail {

const CalendarData& national_data() {
  static const CalendarData data = parse_calendar_json(embedded::cn_national_calendar_json, nullptr);
  return data;
}

}  // namespace xinfang::calendar_detail
