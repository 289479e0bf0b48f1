// Fuzzes xf_calendar_load_json, where a host's own calendar (local holidays, a weekend, business
// hours) enters the library. A refusal keeps the C ABI's failure contract and hands back no
// calendar; a calendar that loads must answer for the years around now: every day of a year
// with a table has a kind that agrees with "working", the next working day is a later working
// day, and business time never runs backwards.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

namespace {

using xinfang_fuzz::check_failure;

std::string describe(const xf_date& day) {
  return std::to_string(day.year) + "-" + std::to_string(day.month) + "-" + std::to_string(day.day);
}

bool before(const xf_date& a, const xf_date& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// A query may fail only because a year it needs has no table.
void check_answered(xf_status status, const char* call, const xf_date& day) {
  FUZZ_CHECK(
      status == XF_OK || status == XF_ERR_CALENDAR_RANGE,
      std::string(call) + " on " + describe(day) + ": " + xf_status_name(status) + " " + xf_last_error_message());
  if (status != XF_OK) check_failure(status, call, nullptr);
}

void check_day(const xf_calendar* calendar, const xf_date& day) {
  int working = -1;
  int kind = -1;
  const char* name = nullptr;
  const xf_status status = xf_calendar_day(calendar, day, &working, &kind, &name);
  check_answered(status, "xf_calendar_day", day);
  if (status != XF_OK) return;
  const bool working_kind = kind == XF_DAY_WORKDAY || kind == XF_DAY_MAKEUP_WORKDAY;
  FUZZ_CHECK(kind >= XF_DAY_WORKDAY && kind <= XF_DAY_MAKEUP_WORKDAY, describe(day));
  FUZZ_CHECK(working == (working_kind ? 1 : 0), describe(day) + " kind " + std::to_string(kind));
  FUZZ_CHECK(name != nullptr, describe(day));

  xf_date next{};
  const xf_status next_status = xf_calendar_next_workday(calendar, day, &next);
  check_answered(next_status, "xf_calendar_next_workday", day);
  if (next_status == XF_OK) {
    FUZZ_CHECK(before(day, next), describe(day) + " -> " + describe(next));
    int next_working = -1;
    FUZZ_CHECK(xf_calendar_day(calendar, next, &next_working, nullptr, nullptr) == XF_OK && next_working == 1,
               describe(day) + " -> " + describe(next));
  }
}

void check_year(const xf_calendar* calendar, int year) {
  int year_status = -1;
  FUZZ_CHECK(xf_calendar_year_status(calendar, year, &year_status) == XF_OK, xf_last_error_message());
  FUZZ_CHECK(year_status >= XF_YEAR_UNKNOWN && year_status <= XF_YEAR_ESTIMATED, std::to_string(year_status));
  if (year_status == XF_YEAR_UNKNOWN) return;

  char* year_json = nullptr;
  const xf_status status = xf_calendar_year_json(calendar, year, &year_json);
  FUZZ_CHECK(status == XF_OK, std::to_string(year) + ": " + xf_last_error_message());
  const auto parsed = xinfang_fuzz::take_json(year_json, "xf_calendar_year_json");
  FUZZ_CHECK(parsed.at("year") == year, parsed.dump());

  for (xf_date day{year, 1, 1}; day.year == year;) {
    check_day(calendar, day);
    xf_date next{};
    FUZZ_CHECK(xf_calendar_add_days(calendar, day, 1, &next) == XF_OK, describe(day));
    day = next;
  }

  std::int64_t start = 0;
  const xf_date march{year, 3, 3};
  FUZZ_CHECK(xf_calendar_end_of_day(calendar, march, &start) == XF_OK, xf_last_error_message());
  std::int64_t later = 0;
  const xf_status business = xf_calendar_add_business_seconds(calendar, start, 8 * 3600, &later);
  // A calendar without business hours refuses the question, which is its documented answer.
  FUZZ_CHECK(business == XF_OK || business == XF_ERR_CALENDAR_RANGE || business == XF_ERR_INVALID_ARGUMENT,
             xf_status_name(business));
  if (business == XF_OK) FUZZ_CHECK(later >= start + 8 * 3600, std::to_string(later - start));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string json = xinfang_fuzz::as_text(data, size);
  xf_calendar* calendar = nullptr;
  const xf_status status = xf_calendar_load_json(json.c_str(), nullptr, &calendar);
  if (status != XF_OK) {
    check_failure(status, "xf_calendar_load_json", nullptr);
    FUZZ_CHECK(calendar == nullptr, "a refused calendar is not handed back");
    return 0;
  }
  FUZZ_CHECK(calendar != nullptr, "xf_calendar_load_json succeeded without a calendar");
  const char* name = nullptr;
  FUZZ_CHECK(xf_calendar_name(calendar, &name) == XF_OK && name != nullptr && name[0] != '\0', "a calendar has a name");
  for (int year = 2024; year <= 2027; ++year) check_year(calendar, year);
  xf_calendar_free(calendar);
  return 0;
}
