// The calendar queries of the C ABI over xinfang::Calendar.
#include <nlohmann/json.hpp>

#include "capi_internal.hpp"
#include "util/utf8.hpp"
#include "xinfang.h"
#include "xinfang/calendar.hpp"

namespace xinfang::capi {

xf_calendar* new_calendar_handle(Calendar calendar) {
  auto handle = std::make_shared<xf_calendar>(std::move(calendar));
  LiveHandles<xf_calendar>::instance().add(handle);
  return handle.get();
}

namespace {

namespace bpt = boost::posix_time;

// The shape of every calendar query: check the handle and the output, compute, store.
template <typename Result, typename Query>
xf_status query(const xf_calendar* calendar, Result* out, Query&& compute) {
  return guard([&] {
    const std::shared_ptr<xf_calendar> handle = live_handle(calendar, "calendar");
    require_pointer(out, "out");
    *out = compute(handle->calendar);
  });
}

}  // namespace
}  // namespace xinfang::capi

using namespace xinfang;
using namespace xinfang::capi;

extern "C" {

xf_status xf_calendar_national(xf_calendar** out) {
  return guard([&] {
    require_pointer(out, "out");
    *out = new_calendar_handle(Calendar::national());
  });
}

xf_status xf_calendar_load_json(const char* json, const xf_calendar* base, xf_calendar** out) {
  return guard([&] {
    const std::string text = required_text(json, "json");
    std::shared_ptr<xf_calendar> base_handle;
    if (base != nullptr) base_handle = live_handle(base, "base");
    require_pointer(out, "out");
    Calendar loaded =
        base_handle == nullptr ? Calendar::from_json(text) : Calendar::from_json(text, base_handle->calendar);
    *out = new_calendar_handle(std::move(loaded));
  });
}

xf_status xf_calendar_with_estimated_years(const xf_calendar* calendar, int first_year, int last_year,
                                           xf_calendar** out) {
  return guard([&] {
    const std::shared_ptr<xf_calendar> handle = live_handle(calendar, "calendar");
    require_pointer(out, "out");
    *out = new_calendar_handle(handle->calendar.with_estimated_years(first_year, last_year));
  });
}

void xf_calendar_free(xf_calendar* calendar) {
  if (calendar == nullptr) return;
  // Not a live calendar (freed already, or another kind of handle): nothing to free, and the
  // pointer is not read.
  const std::shared_ptr<xf_calendar> handle = LiveHandles<xf_calendar>::instance().take(calendar);
  if (handle != nullptr) handle->tag = HandleTag::dead;
}

xf_status xf_calendar_name(const xf_calendar* calendar, const char** out) {
  return query(calendar, out, [&](const Calendar& c) { return c.name().c_str(); });
}

xf_status xf_calendar_year_status(const xf_calendar* calendar, int year, int* out) {
  return query(calendar, out, [&](const Calendar& c) { return static_cast<int>(c.year_status(year)); });
}

xf_status xf_calendar_day(const xf_calendar* calendar, xf_date day, int* working, int* kind, const char** name) {
  return guard([&] {
    const std::shared_ptr<xf_calendar> handle = live_handle(calendar, "calendar");
    const Calendar& c = handle->calendar;
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
    const std::shared_ptr<xf_calendar> handle = live_handle(calendar, "calendar");
    const Calendar& c = handle->calendar;
    require_pointer(out, "out");
    if (seconds < 0) throw Error(ErrorCode::invalid_argument, "business time to add must be zero or positive");
    if (seconds > 100LL * 366 * 24 * 3600)
      throw Error(ErrorCode::invalid_argument, "business time to add is too large");
    *out = to_unix(c.add_business_time(from_unix(start, "start"), bpt::seconds(seconds)));
  });
}

xf_status xf_calendar_year_json(const xf_calendar* calendar, int year, char** out) {
  return guard([&] {
    const std::shared_ptr<xf_calendar> handle = live_handle(calendar, "calendar");
    const Calendar& c = handle->calendar;
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
