/* The C ABI's calendar functions, tested from C99 as a host would call them: every good path
 * against a value worked out from the published holiday table, every bad path for its status,
 * its message and its untouched outputs. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "capi_check.h"
#include "xinfang.h"

static xf_date ymd(int y, int m, int d) {
  xf_date date;
  date.year = y;
  date.month = m;
  date.day = d;
  return date;
}

static int same_date(xf_date a, xf_date b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

static void test_version(void) {
  CHECK(strcmp(xf_version(), XF_VERSION_STRING) == 0);
  CHECK(xf_version_number() == XF_VERSION_NUMBER);
  CHECK(xf_abi_version() == XF_ABI_VERSION);
}

static void test_status_names(void) {
  CHECK(strcmp(xf_status_name(XF_OK), "ok") == 0);
  CHECK(strcmp(xf_status_name(XF_ERR_CALENDAR_RANGE), "calendar_range") == 0);
  CHECK(strcmp(xf_status_name(XF_ERR_INTERNAL), "internal") == 0);
  CHECK(strcmp(xf_status_name(1), "unknown") == 0);
  CHECK(strcmp(xf_status_name(-1000), "unknown") == 0);
}

static void test_national_days(const xf_calendar* cal) {
  int working = -1;
  int kind = -1;
  const char* name = NULL;
  const char* cal_name = NULL;

  CHECK_STATUS(xf_calendar_name(cal, &cal_name), XF_OK);
  CHECK(cal_name != NULL && strcmp(cal_name, "cn-national") == 0);

  /* 2025-10-01: National Day, a holiday. */
  CHECK_STATUS(xf_calendar_day(cal, ymd(2025, 10, 1), &working, &kind, &name), XF_OK);
  CHECK(working == 0);
  CHECK(kind == XF_DAY_HOLIDAY);
  CHECK(name != NULL && strstr(name, "国庆节") != NULL);

  /* 2025-09-28 is a Sunday made a working day for National Day. */
  CHECK_STATUS(xf_calendar_day(cal, ymd(2025, 9, 28), &working, &kind, &name), XF_OK);
  CHECK(working == 1);
  CHECK(kind == XF_DAY_MAKEUP_WORKDAY);

  /* 2025-09-27 is an ordinary Saturday; 2025-09-26 an ordinary Friday. */
  CHECK_STATUS(xf_calendar_day(cal, ymd(2025, 9, 27), &working, &kind, &name), XF_OK);
  CHECK(working == 0 && kind == XF_DAY_WEEKEND && strcmp(name, "") == 0);
  CHECK_STATUS(xf_calendar_day(cal, ymd(2025, 9, 26), &working, NULL, NULL), XF_OK);
  CHECK(working == 1);
}

static void test_arithmetic(const xf_calendar* cal) {
  xf_date out = ymd(0, 0, 0);
  int count = -1;
  int64_t instant = 0;

  /* 2025-09-30 (Tue) + 1 working day: the break runs 10-01..10-08, so 10-09 (Thu). */
  CHECK_STATUS(xf_calendar_next_workday(cal, ymd(2025, 9, 30), &out), XF_OK);
  CHECK(same_date(out, ymd(2025, 10, 9)));
  /* The working day before 2025-10-09 is 09-30. */
  CHECK_STATUS(xf_calendar_previous_workday(cal, ymd(2025, 10, 9), &out), XF_OK);
  CHECK(same_date(out, ymd(2025, 9, 30)));
  /* Working days after 09-30 up to 10-11: 10-09 (Thu), 10-10 (Fri), 10-11 (make-up Sat) = 3. */
  CHECK_STATUS(xf_calendar_workdays_between(cal, ymd(2025, 9, 30), ymd(2025, 10, 11), &count), XF_OK);
  CHECK(count == 3);
  CHECK_STATUS(xf_calendar_workdays_between(cal, ymd(2025, 10, 11), ymd(2025, 9, 30), &count), XF_OK);
  CHECK(count == -3);
  /* 5 working days after 2025-09-30: 10-09, 10-10, 10-11, 10-13, 10-14. */
  CHECK_STATUS(xf_calendar_add_workdays(cal, ymd(2025, 9, 30), 5, &out), XF_OK);
  CHECK(same_date(out, ymd(2025, 10, 14)));
  /* A letter received 2025-09-28: day 15 is 10-13 (Mon), a working day, so no roll. */
  CHECK_STATUS(xf_calendar_statutory_end(cal, ymd(2025, 9, 28), 15, &out), XF_OK);
  CHECK(same_date(out, ymd(2025, 10, 13)));
  /* Received 2025-09-20: day 15 is 10-05, inside the break; rolls to 10-09. */
  CHECK_STATUS(xf_calendar_statutory_end(cal, ymd(2025, 9, 20), 15, &out), XF_OK);
  CHECK(same_date(out, ymd(2025, 10, 9)));
  CHECK_STATUS(xf_calendar_add_days(cal, ymd(2024, 2, 28), 1, &out), XF_OK);
  CHECK(same_date(out, ymd(2024, 2, 29)));
  /* 24:00 of 2025-10-13 in Asia/Shanghai is 2025-10-13T16:00:00Z = 1760371200. */
  CHECK_STATUS(xf_calendar_end_of_day(cal, ymd(2025, 10, 13), &instant), XF_OK);
  CHECK(instant == 1760371200);
}

static void test_bad_arguments(const xf_calendar* cal) {
  xf_date out = ymd(1, 2, 3);
  int count = 42;
  const char* name = "untouched";
  char* json = NULL;
  xf_calendar* fresh = NULL;
  int64_t instant = 7;

  CHECK_STATUS(xf_calendar_national(NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK(strstr(xf_last_error_message(), "out") != NULL);
  CHECK(xf_last_error_code() == XF_ERR_INVALID_ARGUMENT);
  xf_clear_error();
  CHECK(xf_last_error_code() == XF_OK && strcmp(xf_last_error_message(), "") == 0);

  CHECK_STATUS(xf_calendar_next_workday(NULL, ymd(2025, 1, 1), &out), XF_ERR_BAD_HANDLE);
  CHECK_STATUS(xf_calendar_next_workday(cal, ymd(2025, 1, 1), NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_calendar_name(cal, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_calendar_year_json(cal, 2025, NULL), XF_ERR_INVALID_ARGUMENT);

  /* Impossible dates. */
  CHECK_STATUS(xf_calendar_next_workday(cal, ymd(2025, 2, 30), &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_calendar_next_workday(cal, ymd(2025, 13, 1), &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_calendar_next_workday(cal, ymd(2025, 0, 10), &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_calendar_next_workday(cal, ymd(-5, 1, 1), &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_calendar_day(cal, ymd(2023, 2, 29), NULL, NULL, &name), XF_ERR_INVALID_ARGUMENT);
  CHECK(strstr(xf_last_error_message(), "2023-2-29") != NULL);

  /* Unknown years. */
  CHECK_STATUS(xf_calendar_next_workday(cal, ymd(2027, 3, 1), &out), XF_ERR_CALENDAR_RANGE);
  CHECK(strstr(xf_last_error_message(), "2027") != NULL);
  CHECK_STATUS(xf_calendar_add_workdays(cal, ymd(2026, 12, 1), 60, &out), XF_ERR_CALENDAR_RANGE);
  CHECK_STATUS(xf_calendar_workdays_between(cal, ymd(2007, 6, 1), ymd(2008, 6, 1), &count), XF_ERR_CALENDAR_RANGE);
  CHECK_STATUS(xf_calendar_statutory_end(cal, ymd(2026, 12, 20), 15, &out), XF_ERR_CALENDAR_RANGE);
  CHECK_STATUS(xf_calendar_statutory_end(cal, ymd(2025, 1, 1), -1, &out), XF_ERR_INVALID_ARGUMENT);

  /* Business time on a calendar without business hours. */
  CHECK_STATUS(xf_calendar_add_business_seconds(cal, 1760000000, 3600, &instant), XF_ERR_INVALID_ARGUMENT);

  /* Outputs are untouched by failures. */
  CHECK(same_date(out, ymd(1, 2, 3)));
  CHECK(count == 42);
  CHECK(strcmp(name, "untouched") == 0);
  CHECK(json == NULL);
  CHECK(instant == 7);

  /* Bad JSON: each a clear status; nothing made. */
  CHECK_STATUS(xf_calendar_load_json(NULL, NULL, &fresh), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_calendar_load_json("{\"name\": \"x\",", NULL, &fresh), XF_ERR_PARSE);
  CHECK(strstr(xf_last_error_message(), "line") != NULL);
  CHECK_STATUS(xf_calendar_load_json("{\"name\": \"\xff\xfe\"}", NULL, &fresh), XF_ERR_INVALID_UTF8);
  CHECK_STATUS(xf_calendar_load_json("{\"name\": \"x\", \"wekend\": []}", NULL, &fresh), XF_ERR_INVALID_DATA);
  CHECK(strstr(xf_last_error_message(), "/wekend") != NULL);
  CHECK_STATUS(xf_calendar_load_json("{\"name\": \"x\", \"base\": \"atlantis\"}", NULL, &fresh), XF_ERR_NOT_FOUND);
  CHECK_STATUS(xf_calendar_load_json(
                   "{\"name\":\"x\",\"years\":{\"2025\":{\"source\":\"s\",\"workdays\":[{\"date\":\"2025-03-05\"}]}}}",
                   NULL, &fresh),
               XF_ERR_INVALID_DATA);
  CHECK(strstr(xf_last_error_message(), "/years/2025/workdays/0/date") != NULL);
  CHECK(fresh == NULL);
  CHECK_STATUS(xf_calendar_with_estimated_years(cal, 2030, 2027, &fresh), XF_ERR_INVALID_ARGUMENT);
  CHECK(fresh == NULL);

  /* A handle of the wrong kind: a pointer to something that is not a calendar. */
  {
    uint32_t not_a_handle[8] = {0};
    CHECK_STATUS(xf_calendar_next_workday((const xf_calendar*)(const void*)not_a_handle, ymd(2025, 1, 1), &out),
                 XF_ERR_BAD_HANDLE);
  }

  /* Destroy functions accept NULL. */
  xf_calendar_free(NULL);
  xf_string_free(NULL);
}

static void test_host_calendar(const xf_calendar* national) {
  xf_calendar* district = NULL;
  xf_calendar* estimated = NULL;
  int working = -1;
  int kind = -1;
  int status = -1;
  const char* name = NULL;
  xf_date out;
  int64_t end = 0;
  char* json = NULL;
  /* A district's local festival on Monday 2025-03-03, layered on the national table, with
   * business hours. */
  const char* doc =
      "{\"name\":\"district\",\"base\":\"cn-national\","
      "\"business_hours\":[[\"08:30\",\"12:00\"],[\"13:30\",\"17:30\"]],"
      "\"years\":{\"2025\":{\"source\":\"local notice\","
      "\"holidays\":[{\"name\":\"local festival\",\"from\":\"2025-03-03\"}]}}}";

  CHECK_STATUS(xf_calendar_load_json(doc, national, &district), XF_OK);
  CHECK(district != NULL);
  CHECK_STATUS(xf_calendar_day(district, ymd(2025, 3, 3), &working, &kind, &name), XF_OK);
  CHECK(working == 0 && kind == XF_DAY_HOLIDAY && strcmp(name, "local festival") == 0);
  /* The national table still holds underneath. */
  CHECK_STATUS(xf_calendar_day(district, ymd(2025, 10, 1), &working, &kind, NULL), XF_OK);
  CHECK(working == 0 && kind == XF_DAY_HOLIDAY);
  /* The national handle itself is unchanged. */
  CHECK_STATUS(xf_calendar_day(national, ymd(2025, 3, 3), &working, NULL, NULL), XF_OK);
  CHECK(working == 1);

  /* Two business hours from Friday 2025-02-28 16:30 local (08:30Z): 1 h to 17:30, then the
   * next working day is Tuesday 03-04 (Monday is the local festival): 08:30 + 1 h = 09:30
   * local = 01:30Z. 2025-02-28T08:30:00Z = 1740731400; 2025-03-04T01:30:00Z = 1741051800. */
  CHECK_STATUS(xf_calendar_add_business_seconds(district, 1740731400, 7200, &end), XF_OK);
  CHECK(end == 1741051800);
  CHECK_STATUS(xf_calendar_add_business_seconds(district, 1740731400, -1, &end), XF_ERR_INVALID_ARGUMENT);

  /* Estimates only where the host asks for them. */
  CHECK_STATUS(xf_calendar_year_status(district, 2027, &status), XF_OK);
  CHECK(status == XF_YEAR_UNKNOWN);
  CHECK_STATUS(xf_calendar_with_estimated_years(district, 2027, 2027, &estimated), XF_OK);
  CHECK_STATUS(xf_calendar_year_status(estimated, 2027, &status), XF_OK);
  CHECK(status == XF_YEAR_ESTIMATED);
  /* 2027-01-01 is a Friday: a working day in a weekend-only estimate. */
  CHECK_STATUS(xf_calendar_day(estimated, ymd(2027, 1, 1), &working, &kind, NULL), XF_OK);
  CHECK(working == 1 && kind == XF_DAY_WORKDAY);
  CHECK_STATUS(xf_calendar_next_workday(estimated, ymd(2026, 12, 31), &out), XF_OK);
  CHECK(same_date(out, ymd(2027, 1, 1)));

  CHECK_STATUS(xf_calendar_year_json(district, 2025, &json), XF_OK);
  CHECK(json != NULL && strstr(json, "\"local festival\"") != NULL && strstr(json, "\"published\"") != NULL);
  xf_string_free(json);

  xf_calendar_free(estimated);
  xf_calendar_free(district);
}

int main(void) {
  xf_calendar* national = NULL;
  test_version();
  test_status_names();
  CHECK_STATUS(xf_calendar_national(&national), XF_OK);
  if (national == NULL) {
    fprintf(stderr, "no national calendar\n");
    return 1;
  }
  test_national_days(national);
  test_arithmetic(national);
  test_bad_arguments(national);
  test_host_calendar(national);
  xf_calendar_free(national);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
