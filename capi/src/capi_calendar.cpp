// The calendar queries of the C ABI over xinfang::Calendar.
#include <nlohmann/json.hpp>

#include "capi_internal.hpp"
#include "util/utf8.hpp"
#include "xinfang.h"
#include "xinfang/calendar.hpp"

struct xf_calendar {
  xinfang::capi::HandleTag tag = xinfang::capi::HandleTag::calendar;
  xinfang::Calendar calendar;
  explicit xf_calendar(xinfang::Calendar c) : calendar(std::move(c)) {}
};

namespace xinfang::capi {
namespace {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

const Calendar& calendar_of(const xf_calendar* handle) {
  return checked(handle, HandleTag::calendar, "calendar").calendar;
}

Date to_date(xf_date day) {
  try {
    return Date(static_cast<unsigned short>(day.year), static_cast<unsigned short>(day.month),
                static_cast<unsigned short>(day.day));
  } catch (const std::out_of_range&) {
  }
  throw Error(ErrorCode::invalid_argument, "date " + std::to_string(day.year) + "-" + std::to_string(day.month) + "-" +
                                               std::to_string(day.day) + " is not a real date");
}

Date checked_date(xf_date day) {
  // Boost accepts years 1400..9999; narrower checks first so that casts cannot wrap.
  if (day.year < 1400 || day.year > 9999 || day.month < 1 || day.month > 12 || day.day < 1 || day.day > 31) {
    throw Error(ErrorCode::invalid_argument, "date " + std::to_string(day.year) + "-" + std::to_string(day.month) +
                                                 "-" + std::to_string(day.day) + " is not a real date");
  }
  return to_date(day);
}

xf_date from_date(Date day) {
  return xf_date{static_cast<int32_t>(day.year()), static_cast<int32_t>(day.month()), static_cast<int32_t>(day.day())};
}

const Instant kEpoch(bg::date(1970, 1, 1));

Instant from_unix(int64_t seconds) {
  // Boost's date range is 1400..9999; stay well inside it.
  constexpr int64_t kLimit = 250000000000LL;
  if (seconds < -kLimit || seconds > kLimit) throw Error(ErrorCode::invalid_argument, "instant out of range");
  return kEpoch + bpt::seconds(seconds);
}

int64_t to_unix(Instant instant) {
  return (instant - kEpoch).total_seconds();
}

// The shape of every calendar query: check the handle and the output, compute, store.
template <typename Result, typename Query>
xf_status query(const xf_calendar* calendar, Result* out, Query&& compute) {
  return guard([&] {
    const Calendar& c = calendar_of(calendar);
    require_pointer(out, "out");
    *out = compute(c);
  });
}

xf_status new_calendar(Calendar calendar, xf_calendar** out) {
  *out = new xf_calendar(std::move(calendar));
  return XF_OK;
}

}  // namespace
}  // namespace xinfang::capi

using namespace xinfang;
using namespace xinfang::capi;

extern "C" {

xf_status xf_calendar_national(xf_calendar** out) {
  return guard([&] {
    require_pointer(out, "out");
    new_calendar(Calendar::national(), out);
  });
}

xf_status xf_calendar_load_json(const char* json, const xf_calendar* base, xf_calendar** out) {
  return guard([&] {
    require_pointer(json, "json");
    require_pointer(out, "out");
    Calendar loaded = base == nullptr ? Calendar::from_json(json) : Calendar::from_json(json, calendar_of(base));
    new_calendar(std::move(loaded), out);
  });
}

xf_status xf_calendar_with_estimated_years(const xf_calendar* calendar, int first_year, int last_year,
                                           xf_calendar** out) {
  return guard([&] {
    const Calendar& c = calendar_of(calendar);
    require_pointer(out, "out");
    new_calendar(c.with_estimated_years(first_year, last_year), out);
  });
}

void xf_calendar_free(xf_calendar* calendar) {
  if (calendar == nullptr || calendar->tag != HandleTag::calendar) return;
  calendar->tag = HandleTag::dead;
  delete calendar;
}

xf_status xf_calendar_name(const xf_calendar* calendar, const char** out) {
  return query(calendar, out, [&](const Calendar& c) { return c.name().c_str(); });
}

xf_status xf_calendar_year_status(const xf_calendar* calendar, int year, int* out) {
  return query(calendar, out, [&](const Calendar& c) { return static_cast<int>(c.year_status(year)); });
}

xf_status xf_calendar_day(const xf_calendar* calendar, xf_date day, int* working, int* kind, const char** name) {
  return guard([&] {
    const Calendar& c = calendar_of(calendar);
    const Date d = checked_date(day);
    const DayInfo info = c.day_info(d);
    if (working != nullptr) *working = info.working ? 1 : 0;
    if (kind != nullptr) *kind = static_cast<int>(info.kind);
    if (name != nullptr) {
      static const char kEmpty[] = "";
      const SpecialDay* special = c.special_day(d);
      *name = special != nullptr ? special->name.c_str() : kEmpty;
    }
  });
}

xf_status xf_calendar_next_workday(const xf_calendar* calendar, xf_date day, xf_date* out) {
  return query(calendar, out, [&](const Calendar& c) { return from_date(c.next_working_day(checked_date(day))); });
}

xf_status xf_calendar_previous_workday(const xf_calendar* calendar, xf_date day, xf_date* out) {
  return query(calendar, out, [&](const Calendar& c) { return from_date(c.previous_working_day(checked_date(day))); });
}

xf_status xf_calendar_add_days(const xf_calendar* calendar, xf_date day, int days, xf_date* out) {
  return query(calendar, out,
               [&](const Calendar& c) { return from_date(c.add_calendar_days(checked_date(day), days)); });
}

xf_status xf_calendar_add_workdays(const xf_calendar* calendar, xf_date day, int days, xf_date* out) {
  return query(calendar, out,
               [&](const Calendar& c) { return from_date(c.add_working_days(checked_date(day), days)); });
}

xf_status xf_calendar_statutory_end(const xf_calendar* calendar, xf_date start, int days, xf_date* out) {
  return query(calendar, out,
               [&](const Calendar& c) { return from_date(c.statutory_period_end(checked_date(start), days)); });
}

xf_status xf_calendar_workdays_between(const xf_calendar* calendar, xf_date from, xf_date to, int* out) {
  return query(calendar, out,
               [&](const Calendar& c) { return c.working_days_between(checked_date(from), checked_date(to)); });
}

xf_status xf_calendar_end_of_day(const xf_calendar* calendar, xf_date day, int64_t* out) {
  return query(calendar, out, [&](const Calendar& c) { return to_unix(c.end_of_day(checked_date(day))); });
}

xf_status xf_calendar_add_business_seconds(const xf_calendar* calendar, int64_t start, int64_t seconds, int64_t* out) {
  return guard([&] {
    const Calendar& c = calendar_of(calendar);
    require_pointer(out, "out");
    if (seconds < 0) throw Error(ErrorCode::invalid_argument, "business time to add must be zero or positive");
    if (seconds > 100LL * 366 * 24 * 3600)
      throw Error(ErrorCode::invalid_argument, "business time to add is too large");
    *out = to_unix(c.add_business_time(from_unix(start), bpt::seconds(seconds)));
  });
}

xf_status xf_calendar_year_json(const xf_calendar* calendar, int year, char** out) {
  return guard([&] {
    const Calendar& c = calendar_of(calendar);
    require_pointer(out, "out");
    static const char* const kStatus[] = {"unknown", "published", "estimated"};
    nlohmann::json doc{{"calendar", c.name()},
                       {"year", year},
                       {"status", kStatus[static_cast<int>(c.year_status(year))]},
                       {"source", c.year_source(year)},
                       {"days", nlohmann::json::array()}};
    for (const auto& day : c.special_days(year)) {
      doc["days"].push_back({{"date", format_date(day.date)},
                             {"kind", day_kind_name(day.kind)},
                             {"name", day.name},
                             {"source", day.source}});
    }
    *out = copy_out(doc.dump());
  });
}

}  // extern "C"
