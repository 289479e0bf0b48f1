/* The C ABI's engine under bad calls: NULL and closed handles, invalid arguments, a second
 * handle with options from a newer caller, verification, and a file changed behind its back. */
#define _POSIX_C_SOURCE 200809L /* access */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capi_engine_support.h"

void test_bad_calls(void) {
  char* result = NULL;
  xf_calendar* calendar = NULL;
  char number[64] = "";

  CHECK_STATUS(xf_engine_intake(engine, "r-li", kOtherLetter, NULL, &result), XF_OK);
  CHECK(json_string(result, "number", number, sizeof number));
  xf_string_free(result);

  /* NULL engine, actor, arguments and output. */
  result = (char*)"untouched";
  CHECK_FAILS(xf_engine_intake(NULL, "r-li", kLetter, NULL, &result), XF_ERR_BAD_HANDLE);
  CHECK(result == NULL);
  CHECK_FAILS(xf_engine_intake(engine, NULL, kLetter, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("actor");
  CHECK_FAILS(xf_engine_intake(engine, "r-li", NULL, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("petition_json");
  CHECK_FAILS(xf_engine_intake(engine, "r-li", kLetter, NULL, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_result_json");
  CHECK_FAILS(xf_engine_run(NULL, number, "d-wang", "accept", NULL, 0, &result), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_run(engine, NULL, "d-wang", "accept", NULL, 0, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("number");
  CHECK_FAILS(xf_engine_run(engine, number, NULL, "accept", NULL, 0, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("actor");
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", NULL, NULL, 0, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("command_name");
  /* Without an output the command is not run at all. */
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "accept", NULL, 0, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_result_json");
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "accept", NULL, -1, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("expected_version");
  CHECK_FAILS(xf_engine_get(NULL, number, NULL, &result), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_get(engine, NULL, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_get(engine, number, NULL, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_lookup(NULL, number, "x", &result), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_list(NULL, NULL, &result), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_intake_batch(NULL, "r-li", "[]", &result), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_intake_batch(engine, NULL, "[]", &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_intake_batch(engine, "r-li", NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_verify(NULL, &result), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_verify(engine, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_set_time(NULL, T_APR15_1000), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_set_time(engine, INT64_MAX), XF_ERR_INVALID_ARGUMENT);
  CHECK(result == NULL);

  /* A handle of another kind. */
  CHECK_STATUS(xf_calendar_national(&calendar), XF_OK);
  CHECK_FAILS(xf_engine_run((xf_engine*)(void*)calendar, number, "d-wang", "accept", NULL, 0, &result),
              XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_close((xf_engine*)(void*)calendar), XF_ERR_BAD_HANDLE);
  xf_calendar_free(calendar);

  /* Malformed JSON, invalid UTF-8. */
  CHECK_FAILS(xf_engine_intake(engine, "r-li", "{\"channel\": \"letter\",", NULL, &result), XF_ERR_PARSE);
  CHECK_MESSAGE("petition_json");
  CHECK_MESSAGE("line 1");
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "accept", "{note}", 0, &result), XF_ERR_PARSE);
  CHECK_MESSAGE("args_json");
  CHECK_FAILS(xf_engine_intake(engine, "r-\xc0\xaf", kLetter, NULL, &result), XF_ERR_INVALID_UTF8);
  CHECK_MESSAGE("actor");
  CHECK_FAILS(xf_engine_intake(engine, "r-li", "{\"channel\":\"\xf8\x88\x80\x80\x80\"}", NULL, &result),
              XF_ERR_INVALID_UTF8);
  CHECK_FAILS(xf_engine_intake(engine, "r-li", kLetter, "key-\xff", &result), XF_ERR_INVALID_UTF8);
  CHECK_MESSAGE("idempotency_key");
  CHECK_FAILS(xf_engine_run(engine, "MZJ-\xe4\xb8", "d-wang", "accept", NULL, 0, &result), XF_ERR_INVALID_UTF8);
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "accept", "{\"note\":\"\xe4\xb8\"}", 0, &result),
              XF_ERR_INVALID_UTF8);
  CHECK_MESSAGE("args_json");

  /* Unknown case, unknown command, forbidden and unknown actors, wrong shapes. */
  CHECK_FAILS(xf_engine_run(engine, "MZJ-2025-999999", "d-wang", "accept", NULL, 0, &result), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "approve", NULL, 0, &result), XF_ERR_INVALID_DATA);
  /* Intake makes a new case: it is not a command on one. */
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "intake", kLetter, 0, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_run(engine, number, "h-zhao", "accept", NULL, 0, &result), XF_ERR_FORBIDDEN);
  CHECK_FAILS(xf_engine_run(engine, number, "nobody", "accept", NULL, 0, &result), XF_ERR_FORBIDDEN);
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "accept", "[]", 0, &result), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "accept", "{\"nte\":\"typo\"}", 0, &result), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("nte");
  CHECK_FAILS(
      xf_engine_run(engine, number, "d-wang", "reply", "{\"outcome\":\"supported\",\"text\":\"x\"}", 0, &result),
      XF_ERR_INVALID_STATE);
  CHECK_FAILS(xf_engine_intake(engine, "h-zhao", kLetter, NULL, &result), XF_ERR_FORBIDDEN);
  CHECK_FAILS(xf_engine_intake(engine, "r-li", "[]", NULL, &result), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_intake(engine, "r-li", "{\"channel\":\"letter\"}", NULL, &result), XF_ERR_INVALID_DATA);
  CHECK(result == NULL);

  /* After all that, the case is as registered: accepted, and routed by the policy's rules (the
   * category's unit) and the directory (its one handler) when route names neither. */
  run_ok(number, "d-wang", "accept", NULL, 0, "accepted");
  CHECK_STATUS(xf_engine_run(engine, number, "d-wang", "route", "{}", 0, &result), XF_OK);
  CHECK(has(result, "\"status\":\"in_handling\""));
  CHECK(has(result, "\"unit\":\"social_assistance\""));
  CHECK(has(result, "\"handler\":\"h-zhao\""));
  xf_string_free(result);
}

void test_second_handles(void) {
  /* Options as a newer caller would pass them: a larger structure, with fields this library does
   * not know, which it must not read. */
  struct {
    xf_engine_options known;
    int64_t unknown[4];
  } newer;
  xf_engine* system_clock = NULL;
  char* json = NULL;

  /* The same file through a second handle on the system clock, with the policy in force. */
  xf_engine_options_init(&newer.known);
  newer.known.struct_size = sizeof newer;
  newer.known.database = database;
  memset(newer.unknown, 0x7f, sizeof newer.unknown);
  CHECK_STATUS(xf_engine_open(&newer.known, &system_clock), XF_OK);
  CHECK(system_clock != NULL);
  CHECK_FAILS(xf_engine_set_time(system_clock, T_APR15_1000), XF_ERR_INVALID_STATE);
  CHECK_MESSAGE("system clock");
  CHECK_STATUS(xf_engine_list(system_clock, NULL, &json), XF_OK);
  CHECK(json_integer(json, "total") == total_cases());
  xf_string_free(json);

  /* A closed handle is refused, not used; closing twice too. NULL closes nothing. */
  CHECK_STATUS(xf_engine_close(system_clock), XF_OK);
  json = (char*)"untouched";
  CHECK_FAILS(xf_engine_list(system_clock, NULL, &json), XF_ERR_BAD_HANDLE);
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_run(system_clock, "MZJ-2025-000001", "d-wang", "accept", NULL, 0, &json), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_close(system_clock), XF_ERR_BAD_HANDLE);
  CHECK_STATUS(xf_engine_close(NULL), XF_OK);

  /* Options as a caller built against the first version passes them: parallel_batches lies past
   * its struct_size, so whatever is there is not read, and the default holds. */
  xf_engine_options_init(&newer.known);
  newer.known.struct_size = (uint32_t)offsetof(xf_engine_options, parallel_batches);
  newer.known.database = database;
  newer.known.parallel_batches = 7;
  CHECK_STATUS(xf_engine_open(&newer.known, &system_clock), XF_OK);
  CHECK_STATUS(xf_engine_close(system_clock), XF_OK);
}

void test_verify(void) {
  char* report = NULL;
  CHECK_STATUS(xf_engine_verify(engine, &report), XF_OK);
  CHECK(has(report, "\"ok\":true"));
  CHECK(json_integer(report, "cases") == total_cases());
  CHECK(json_integer(report, "events") > 0);
  xf_string_free(report);
}

/* A damaged chain is a finding of verify, not a failure of the call: XF_OK, and the report
 * says what is wrong. The file is changed behind the engine's back, as a careless tool or an
 * intruder would; the engines are all closed, so everything is in the main file. */
void test_tampered_chain(void) {
  static const char* const kMarked =
      "{\"channel\":\"letter\",\"type\":\"suggestion\",\"category\":\"other\",\"subject\":\"建议\","
      "\"content\":\"chain-test-original\",\"petitioners\":[{\"name\":\"王五\"}]}";
  char* result = NULL;
  char number[64] = "";
  char wal[600];

  if (!open_engine()) return;
  CHECK_STATUS(xf_engine_intake(engine, "r-li", kMarked, NULL, &result), XF_OK);
  CHECK(json_string(result, "number", number, sizeof number));
  xf_string_free(result);
  CHECK_STATUS(xf_engine_close(engine), XF_OK);
  snprintf(wal, sizeof wal, "%s-wal", database);
  CHECK(access(wal, F_OK) != 0);

  CHECK(replace_in_file(database, "chain-test-original", "chain-test-altered!") > 0);
  if (!open_engine()) return;
  CHECK_STATUS(xf_engine_verify(engine, &result), XF_OK);
  CHECK(has(result, "\"ok\":false"));
  CHECK(has(result, "\"problem\""));
  CHECK(has(result, number));
  xf_string_free(result);
  CHECK_STATUS(xf_engine_close(engine), XF_OK);
}
