/* What a host plugs into an engine: its own clock (a callback with a payload) and its own
 * calendar (a handle, borrowed for the open). Runs on the shared database after test_queries(). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "capi_engine_support.h"

/* The host's clock: a time it sets, how often it was asked, and whether it should fail. */
struct host_clock {
  int64_t time;
  int calls;
  int fail_with;
};

static int read_host_clock(void* payload, int64_t* out_unix_seconds) {
  struct host_clock* clock = (struct host_clock*)payload;
  ++clock->calls;
  if (clock->fail_with != 0) return clock->fail_with;
  *out_unix_seconds = clock->time;
  return 0;
}

static xf_status open_with(xf_engine_options* options, xf_engine** out) {
  options->database = database;
  return xf_engine_open(options, out);
}

static void test_clock_callback(void) {
  struct host_clock clock = {T_APR15_1000 + 3600, 0, 0};
  xf_engine_options options;
  xf_engine* hosted = NULL;
  xf_engine* other = NULL;
  int64_t now = 0;
  char* result = NULL;
  char number[64] = "";
  long total;

  xf_engine_options_init(&options);
  CHECK(options.calendar == NULL && options.clock_callback == NULL && options.clock_payload == NULL);
  options.clock_callback = read_host_clock;
  options.clock_payload = &clock;
  options.manual_clock = 1;
  CHECK_STATUS(open_with(&options, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("clock_callback");
  CHECK(other == NULL);
  options.manual_clock = 0;
  CHECK_STATUS(open_with(&options, &hosted), XF_OK);
  if (hosted == NULL) return;

  CHECK_STATUS(xf_engine_now(hosted, &now), XF_OK);
  CHECK(now == T_APR15_1000 + 3600);
  CHECK(clock.calls >= 1);
  /* The engine has no manual clock to set: the host's clock is the host's to move. */
  CHECK_STATUS(xf_engine_set_time(hosted, T_APR15_1000), XF_ERR_INVALID_STATE);

  /* Commands take the host's time. */
  total = total_cases();
  CHECK_STATUS(xf_engine_intake(hosted, "r-li", kOtherLetter, "hosted-1", &result), XF_OK);
  CHECK(json_string(result, "number", number, sizeof number));
  xf_string_free(result);
  CHECK(total_cases() == total + 1);
  CHECK_STATUS(xf_engine_get(hosted, number, NULL, &result), XF_OK);
  CHECK(has(result, "2025-04-15T03:00:00")); /* recorded at the host's 03:00Z */
  xf_string_free(result);

  /* A failing clock fails the command: its value in the message, nothing written. */
  clock.fail_with = 42;
  result = (char*)"untouched";
  CHECK_STATUS(xf_engine_intake(hosted, "r-li", kLetter, "hosted-2", &result), XF_ERR_CALLBACK);
  CHECK_MESSAGE("42");
  CHECK(strcmp(xf_status_name(XF_ERR_CALLBACK), "callback") == 0);
  CHECK(result == NULL);
  CHECK(total_cases() == total + 1);
  CHECK_STATUS(xf_engine_run(hosted, number, "d-wang", "accept", NULL, 0, &result), XF_ERR_CALLBACK);
  CHECK_STATUS(xf_engine_now(hosted, &now), XF_ERR_CALLBACK);
  clock.fail_with = 0;
  CHECK_STATUS(xf_engine_run(hosted, number, "d-wang", "accept", NULL, 0, &result), XF_OK);
  CHECK(has(result, "\"status\":\"accepted\""));
  xf_string_free(result);
  CHECK_STATUS(xf_engine_close(hosted), XF_OK);
}

static void test_calendar_option(void) {
  /* A district that rests on Tuesday 2025-04-15 (local festival): on its calendar that day is
   * not a working day; on the national one it is. */
  const char* doc =
      "{\"name\":\"district\",\"base\":\"cn-national\",\"years\":{\"2025\":{\"source\":\"local notice\","
      "\"holidays\":[{\"name\":\"local festival\",\"from\":\"2025-04-15\"}]}}}";
  xf_calendar* district = NULL;
  xf_calendar* seen = NULL;
  xf_engine_options options;
  xf_engine* local = NULL;
  xf_date festival = {2025, 4, 15};
  int working = -1;

  CHECK_STATUS(xf_calendar_load_json(doc, NULL, &district), XF_OK);
  xf_engine_options_init(&options);
  options.calendar = district;
  options.manual_clock = 1;
  options.manual_time = T_APR15_1000;
  CHECK_STATUS(open_with(&options, &local), XF_OK);
  /* Borrowed for the open only: the engine keeps its own copy. */
  xf_calendar_free(district);
  if (local == NULL) return;
  CHECK_STATUS(xf_engine_calendar(local, &seen), XF_OK);
  CHECK_STATUS(xf_calendar_day(seen, festival, &working, NULL, NULL), XF_OK);
  CHECK(working == 0);
  xf_calendar_free(seen);
  CHECK_STATUS(xf_engine_close(local), XF_OK);

  /* A freed calendar, or a handle of another kind, is refused, and nothing is opened. */
  options.calendar = district;
  local = (xf_engine*)(void*)&options;
  CHECK_STATUS(open_with(&options, &local), XF_ERR_BAD_HANDLE);
  CHECK_MESSAGE("options->calendar");
  CHECK(local == NULL);
  options.calendar = (const xf_calendar*)(const void*)engine;
  CHECK_STATUS(open_with(&options, &local), XF_ERR_BAD_HANDLE);
  CHECK(local == NULL);
}

void test_hosts(void) {
  test_clock_callback();
  test_calendar_option();
}
