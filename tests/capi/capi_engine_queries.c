/* The C ABI's engine queries beyond a case's record: time, policy and calendar, counts,
 * notifications, explanations, indicators, scores, bulletins, the staff directory and the
 * roster; each with its bad paths. Runs after test_lifecycle(): the letter of the story is
 * archived, the engine's clock stands at 2025-04-15. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_engine_support.h"

static void archived_letter(char* number, size_t size) {
  char* json = NULL;
  CHECK_STATUS(xf_engine_list(engine, "{\"status\":\"archived\",\"limit\":1}", &json), XF_OK);
  CHECK(json != NULL && json_string(json, "number", number, size));
  xf_string_free(json);
}

static void test_time_policy_calendar(void) {
  int64_t now = 0;
  char* json = NULL;
  xf_calendar* calendar = NULL;
  xf_date day = {2025, 10, 1};
  int working = -1;

  CHECK_STATUS(xf_engine_now(engine, &now), XF_OK);
  CHECK(now == T_APR15_1000);
  CHECK_STATUS(xf_engine_set_time(engine, T_APR15_1000 + 59), XF_OK);
  CHECK_STATUS(xf_engine_now(engine, &now), XF_OK);
  CHECK(now == T_APR15_1000 + 59);
  CHECK_STATUS(xf_engine_set_time(engine, T_APR15_1000), XF_OK);
  CHECK_FAILS(xf_engine_now(engine, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_unix_seconds");
  CHECK_FAILS(xf_engine_now(NULL, &now), XF_ERR_BAD_HANDLE);

  CHECK_STATUS(xf_engine_policy(engine, &json), XF_OK);
  CHECK(has(json, "\"name\":\"cn-national-2022\""));
  CHECK(has(json, "\"document\":{"));
  CHECK(has(json, "\"clocks\""));
  xf_string_free(json);
  json = (char*)"untouched";
  CHECK_FAILS(xf_engine_policy(NULL, &json), XF_ERR_BAD_HANDLE);
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_policy(engine, NULL), XF_ERR_INVALID_ARGUMENT);

  /* The engine's calendar outlives nothing of the engine: it is the caller's own handle. */
  CHECK_STATUS(xf_engine_calendar(engine, &calendar), XF_OK);
  CHECK(calendar != NULL);
  CHECK_STATUS(xf_calendar_day(calendar, day, &working, NULL, NULL), XF_OK);
  CHECK(working == 0); /* National Day */
  xf_calendar_free(calendar);
  calendar = (xf_calendar*)(void*)&day;
  CHECK_FAILS(xf_engine_calendar(NULL, &calendar), XF_ERR_BAD_HANDLE);
  CHECK(calendar == NULL);
  CHECK_FAILS(xf_engine_calendar(engine, NULL), XF_ERR_INVALID_ARGUMENT);
}

static void test_counts_and_notifications(const char* number) {
  int64_t count = -1;
  char* json = NULL;

  CHECK_STATUS(xf_engine_count(engine, NULL, &count), XF_OK);
  CHECK(count == total_cases());
  CHECK_STATUS(xf_engine_count(engine, "{\"status\":\"archived\",\"limit\":1,\"offset\":5}", &count), XF_OK);
  CHECK(count == 1); /* limit and offset do not count */
  CHECK_FAILS(xf_engine_count(engine, "{\"status\":\"lost\"}", &count), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_count(engine, "{\"status\":", &count), XF_ERR_PARSE);
  CHECK_FAILS(xf_engine_count(engine, "{\"text\":\"\xc0\xaf\"}", &count), XF_ERR_INVALID_UTF8);
  CHECK_FAILS(xf_engine_count(engine, NULL, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_count(NULL, NULL, &count), XF_ERR_BAD_HANDLE);

  CHECK_STATUS(xf_engine_notifications(engine, number, &json), XF_OK);
  CHECK(json != NULL && strncmp(json, "{\"notifications\":[", 18) == 0);
  xf_string_free(json);
  json = (char*)"untouched";
  CHECK_FAILS(xf_engine_notifications(engine, "MZJ-2025-999999", &json), XF_ERR_NOT_FOUND);
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_notifications(engine, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("number");
  CHECK_FAILS(xf_engine_notifications(engine, number, NULL), XF_ERR_INVALID_ARGUMENT);
}

static void test_explain(const char* number) {
  char* text = NULL;
  char* json = NULL;
  char first_clock[64] = "";

  CHECK_STATUS(xf_engine_explain(engine, number, &text), XF_OK);
  /* The same clocks as xf_engine_clocks() gives as data, each with its sentence. */
  CHECK_STATUS(xf_engine_clocks(engine, number, &json), XF_OK);
  CHECK(json_string(json, "clock", first_clock, sizeof first_clock));
  CHECK(text != NULL && first_clock[0] != '\0' && strstr(text, first_clock) != NULL);
  CHECK(text != NULL && strstr(text, "\n\n") != NULL);
  xf_string_free(json);
  xf_string_free(text);
  text = (char*)"untouched";
  CHECK_FAILS(xf_engine_explain(engine, "MZJ-2025-999999", &text), XF_ERR_NOT_FOUND);
  CHECK(text == NULL);
  CHECK_FAILS(xf_engine_explain(engine, "\xff", &text), XF_ERR_INVALID_UTF8);
  CHECK_FAILS(xf_engine_explain(engine, number, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_explain(NULL, number, &text), XF_ERR_BAD_HANDLE);
}

static void test_indicators_and_scores(const char* number) {
  char* json = NULL;

  /* March 2025: the letter was registered, accepted, routed and replied within it. */
  CHECK_STATUS(xf_engine_indicators(engine, "2025-03", &json), XF_OK);
  CHECK(has(json, "\"first_day\":\"2025-03-01\""));
  CHECK(has(json, "\"last_day\":\"2025-03-31\""));
  CHECK(has(json, "\"total\":{"));
  CHECK(has(json, "\"units\":["));
  xf_string_free(json);
  CHECK_STATUS(xf_engine_indicators(engine, "2025-W10", &json), XF_OK);
  CHECK(has(json, "\"first_day\":\"2025-03-03\""));
  xf_string_free(json);
  json = (char*)"untouched";
  CHECK_FAILS(xf_engine_indicators(engine, "March", &json), XF_ERR_INVALID_ARGUMENT);
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_indicators(engine, "2025-03-31..2025-03-01", &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_indicators(engine, "2025-13", &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_indicators(engine, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_indicators(engine, "2025-03", NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_indicators(NULL, "2025-03", &json), XF_ERR_BAD_HANDLE);

  CHECK_STATUS(xf_engine_case_score(engine, number, &json), XF_OK);
  CHECK(has(json, number));
  CHECK(has(json, "\"on_time\":true"));
  CHECK(has(json, "\"level\":\"satisfied\""));
  xf_string_free(json);
  CHECK_FAILS(xf_engine_case_score(engine, "MZJ-2025-999999", &json), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_case_score(engine, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_case_score(engine, number, NULL), XF_ERR_INVALID_ARGUMENT);
}

static void test_bulletins(void) {
  char* out = NULL;

  CHECK_STATUS(xf_engine_bulletin(engine, "2025-03", "json", NULL, &out), XF_OK);
  CHECK(out != NULL && out[0] == '{' && has(out, "\"period\""));
  xf_string_free(out);
  CHECK_STATUS(xf_engine_bulletin(engine, "2025-03", "markdown", "{\"overdue_limit\":0}", &out), XF_OK);
  CHECK(out != NULL && out[0] == '#');
  xf_string_free(out);
  CHECK_STATUS(xf_engine_bulletin(engine, "2025-Q1", "html", NULL, &out), XF_OK);
  CHECK(out != NULL && has(out, "<svg") && !has(out, "<script"));
  xf_string_free(out);
  CHECK_STATUS(xf_engine_bulletin(engine, "2025", "csv", "{\"flagged_limit\":5,\"overdue_limit\":5}", &out), XF_OK);
  CHECK(out != NULL && has(out, "\"summary.csv\":") && has(out, "\"overdue.csv\":"));
  xf_string_free(out);

  out = (char*)"untouched";
  CHECK_FAILS(xf_engine_bulletin(engine, "2025-03", "pdf", NULL, &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("pdf");
  CHECK(out == NULL);
  CHECK_FAILS(xf_engine_bulletin(engine, "2025-03", "json", "{\"overdue_limit\":-1}", &out), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("/overdue_limit");
  CHECK_FAILS(xf_engine_bulletin(engine, "2025-03", "json", "{\"overdue\":1}", &out), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_bulletin(engine, "2025-03", "json", "[]", &out), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_bulletin(engine, "2025-03", "json", "{", &out), XF_ERR_PARSE);
  CHECK_FAILS(xf_engine_bulletin(engine, "2025-3-", "json", NULL, &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_bulletin(engine, "2025-03", NULL, NULL, &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("format");
  CHECK_FAILS(xf_engine_bulletin(engine, NULL, "json", NULL, &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_bulletin(engine, "2025-03", "json", NULL, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_bulletin(NULL, "2025-03", "json", NULL, &out), XF_ERR_BAD_HANDLE);
}

static void test_simulate(void) {
  char* out = NULL;
  /* The same rules change nothing; a handling limit of one day makes every replied claim late. */
  CHECK_STATUS(xf_engine_simulate(engine, "cn-national-2022", "json", "{\"until\":\"2025-12-31T16:00:00Z\"}", &out),
               XF_OK);
  CHECK(has(out, "\"policy_after\":\"cn-national-2022 2022.1\"") && has(out, "\"breaches_added\":0"));
  CHECK(has(out, "\"until\":\"2025-12-31T16:00:00Z\""));
  xf_string_free(out);
  CHECK_STATUS(xf_engine_simulate(engine,
                                  "{\"extends\":\"cn-national-2022\",\"name\":\"tight\",\"version\":\"1\","
                                  "\"clocks\":{\"handling\":{\"limit\":1}}}",
                                  "markdown", "{\"list_limit\":5}", &out),
               XF_OK);
  CHECK(out != NULL && has(out, "# What-if: tight 1 instead of cn-national-2022 2022.1"));
  CHECK(has(out, "| Deadlines moved |"));
  xf_string_free(out);

  out = (char*)"untouched";
  CHECK_FAILS(xf_engine_simulate(engine, "cn-national-2022", "html", NULL, &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("html");
  CHECK(out == NULL);
  CHECK_FAILS(xf_engine_simulate(engine, "atlantis-2030", "json", NULL, &out), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_simulate(engine, "{\"extends\":", "json", NULL, &out), XF_ERR_PARSE);
  CHECK_FAILS(xf_engine_simulate(engine, "cn-national-2022", "json", "{\"until\":\"yesterday\"}", &out),
              XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("/until");
  CHECK_FAILS(xf_engine_simulate(engine, "cn-national-2022", "json", "{\"list_limit\":-1}", &out), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_simulate(engine, "cn-national-2022", "json", "{\"limit\":1}", &out), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_simulate(engine, "cn-national-2022", "json",
                                 "{\"from\":\"2025-06-01T00:00:00Z\",\"until\":\"2025-05-01T00:00:00Z\"}", &out),
              XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_simulate(engine, NULL, "json", NULL, &out), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_simulate(engine, "cn-national-2022", "json", NULL, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_simulate(NULL, "cn-national-2022", "json", NULL, &out), XF_ERR_BAD_HANDLE);
}

static void test_directory(void) {
  char* json = NULL;
  xf_date day = {2025, 3, 4};
  xf_date other_day = {2025, 3, 5};
  xf_date impossible = {2025, 2, 29};

  CHECK_STATUS(xf_engine_staff(engine, "h-zhao", &json), XF_OK);
  CHECK(has(json, "\"unit\":\"social_assistance\""));
  CHECK(has(json, "\"active\":true"));
  xf_string_free(json);
  json = (char*)"untouched";
  CHECK_FAILS(xf_engine_staff(engine, "nobody", &json), XF_ERR_NOT_FOUND);
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_staff(engine, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_staff(engine, "\xe4\xb8", &json), XF_ERR_INVALID_UTF8);

  CHECK_STATUS(xf_engine_list_staff(engine, "social_assistance", &json), XF_OK);
  CHECK(has(json, "h-zhao") && !has(json, "h-qian"));
  xf_string_free(json);
  CHECK_STATUS(xf_engine_list_staff(engine, NULL, &json), XF_OK);
  CHECK(has(json, "h-zhao") && has(json, "h-qian") && has(json, "portal"));
  xf_string_free(json);
  CHECK_FAILS(xf_engine_list_staff(engine, NULL, NULL), XF_ERR_INVALID_ARGUMENT);

  CHECK_STATUS(xf_engine_roster(engine, day, "social_assistance", &json), XF_OK);
  CHECK(has(json, "\"day\":\"2025-03-04\"") && has(json, "\"staff\":[\"h-zhao\"]"));
  xf_string_free(json);
  CHECK_STATUS(xf_engine_roster(engine, other_day, "social_assistance", &json), XF_OK);
  CHECK(has(json, "\"staff\":[]"));
  xf_string_free(json);
  CHECK_FAILS(xf_engine_roster(engine, impossible, "social_assistance", &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_roster(engine, day, NULL, &json), XF_ERR_INVALID_ARGUMENT);

  /* Deactivated, a person keeps the record and can no longer act. */
  CHECK_STATUS(xf_engine_put_staff(engine, "admin",
                                   "{\"id\":\"h-sun\",\"name\":\"孙承办\",\"organisation\":\"city\","
                                   "\"unit\":\"pensions\",\"roles\":[\"handler\"]}"),
               XF_OK);
  CHECK_STATUS(xf_engine_deactivate_staff(engine, "admin", "h-sun"), XF_OK);
  CHECK_STATUS(xf_engine_staff(engine, "h-sun", &json), XF_OK);
  CHECK(has(json, "\"active\":false"));
  xf_string_free(json);
  CHECK_FAILS(xf_engine_deactivate_staff(engine, "admin", "nobody"), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_deactivate_staff(engine, NULL, "h-sun"), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_deactivate_staff(engine, "admin", NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_deactivate_staff(NULL, "admin", "h-sun"), XF_ERR_BAD_HANDLE);
}

/* A string one byte longer than XF_MAX_INPUT_BYTES is refused before it is parsed; one at the
 * limit is read (and then refused for what it says). */
static void test_oversized_input(void) {
  size_t size = (size_t)XF_MAX_INPUT_BYTES + 2;
  char* huge = (char*)malloc(size);
  char* json = NULL;
  if (huge == NULL) {
    CHECK(huge != NULL);
    return;
  }
  memset(huge, ' ', size - 1);
  huge[0] = '{';
  huge[size - 1] = '\0';
  CHECK_FAILS(xf_engine_intake(engine, "r-li", huge, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("XF_MAX_INPUT_BYTES");
  CHECK(json == NULL);
  huge[size - 2] = '\0'; /* exactly the limit: parsed, and found unfinished */
  CHECK_FAILS(xf_engine_intake(engine, "r-li", huge, NULL, &json), XF_ERR_PARSE);
  free(huge);
}

void test_queries(void) {
  char number[64] = "";
  archived_letter(number, sizeof number);
  test_time_policy_calendar();
  test_counts_and_notifications(number);
  test_explain(number);
  test_indicators_and_scores(number);
  test_bulletins();
  test_simulate();
  test_directory();
  test_oversized_input();
}
