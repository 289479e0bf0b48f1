/* Works out the statutory deadlines of a letter from C, as a portal would: the 15-day routing
 * period (信访工作条例 Art. 22) and the 60-day handling period with a 30-day extension
 * (Art. 34), on the national working-day calendar. */
#include <stdio.h>

#include "xinfang.h"

static int fail(const char* what) {
  fprintf(stderr, "%s: %s (%s)\n", what, xf_last_error_message(), xf_status_name(xf_last_error_code()));
  return 1;
}

int main(void) {
  xf_calendar* calendar = NULL;
  xf_date received = {2025, 9, 28};
  xf_date routing;
  xf_date handling;
  xf_date extended;
  xf_date unknown_year = {2027, 3, 1};
  xf_date ignored;
  int64_t routing_end = 0;
  int working = 0;
  const char* name = NULL;

  printf("xinfang %s (ABI %d)\n", xf_version(), xf_abi_version());
  if (xf_calendar_national(&calendar) != XF_OK) return fail("national calendar");

  if (xf_calendar_day(calendar, received, &working, NULL, &name) != XF_OK) return fail("day");
  printf("received %04d-%02d-%02d: %s%s%s\n", received.year, received.month, received.day,
         working ? "working day" : "day off", *name ? ", " : "", name);

  if (xf_calendar_statutory_end(calendar, received, 15, &routing) != XF_OK) return fail("routing");
  if (xf_calendar_end_of_day(calendar, routing, &routing_end) != XF_OK) return fail("end of day");
  printf("route within 15 days:      %04d-%02d-%02d (ends at %lld, 24:00 local)\n", routing.year, routing.month,
         routing.day, (long long)routing_end);

  if (xf_calendar_statutory_end(calendar, received, 60, &handling) != XF_OK) return fail("handling");
  printf("handle within 60 days:     %04d-%02d-%02d\n", handling.year, handling.month, handling.day);

  /* The extension is counted from the same start, then rolled forward once (docs/calendar.md). */
  if (xf_calendar_statutory_end(calendar, received, 60 + 30, &extended) != XF_OK) return fail("extension");
  printf("with a 30-day extension:   %04d-%02d-%02d\n", extended.year, extended.month, extended.day);

  /* A year without a published table is an error, never a guess. */
  if (xf_calendar_next_workday(calendar, unknown_year, &ignored) == XF_ERR_CALENDAR_RANGE) {
    printf("2027: %s\n", xf_last_error_message());
  } else {
    fprintf(stderr, "2027 should be unknown\n");
    xf_calendar_free(calendar);
    return 1;
  }

  xf_calendar_free(calendar);
  return 0;
}
