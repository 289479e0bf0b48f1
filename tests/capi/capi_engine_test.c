/* The C ABI's engine, tested from C99 as a host would call it: a letter's whole life under
 * cn-national-2022 on a fresh database, with a manual clock and seeded random bytes; then every
 * bad path for its status, its message, its NULLed output, and a database left as it was. */
#define _POSIX_C_SOURCE 200809L /* access */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "capi_engine_support.h"

static const char* const kStaff[] = {
    "{\"id\":\"r-li\",\"name\":\"李登记\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"registrar\"]}",
    "{\"id\":\"d-wang\",\"name\":\"王分办\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"dispatcher\"]}",
    "{\"id\":\"h-zhao\",\"name\":\"赵承办\",\"organisation\":\"city\",\"unit\":\"social_assistance\","
    "\"roles\":[\"handler\"]}",
    "{\"id\":\"h-qian\",\"name\":\"钱承办\",\"organisation\":\"city\",\"unit\":\"pensions\",\"roles\":[\"handler\"]}",
    /* The portal's account, through which petitioners rate: no unit. */
    "{\"id\":\"portal\",\"name\":\"网上信访平台\",\"organisation\":\"city\",\"roles\":[\"petitioner\"]}",
};

static void test_options(void) {
  xf_engine_options options;
  xf_engine* other = (xf_engine*)(void*)&options;

  CHECK_STATUS(xf_engine_options_init(NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_engine_options_init(&options), XF_OK);
  CHECK(options.struct_size == sizeof(xf_engine_options));
  CHECK(options.database == NULL && options.policy == NULL && options.installer == NULL);
  CHECK(options.durability == XF_DURABILITY_NORMAL && options.hash == XF_HASH_SHA256);
  CHECK(options.create == 1 && options.busy_timeout_ms == 30000);
  CHECK(options.manual_clock == 0 && options.manual_time == 0 && options.seeded_random == 0 &&
        options.random_seed == 0);
  CHECK(options.parallel_batches == 1);

  /* Refused before anything is opened; the output is NULLed. */
  CHECK_STATUS(xf_engine_open(NULL, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK(other == NULL);
  CHECK_MESSAGE("options");
  options.database = bad_database;
  options.policy = "cn-national-2022";
  CHECK_STATUS(xf_engine_open(&options, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_engine");
  options.struct_size = 8;
  other = (xf_engine*)(void*)&options;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("struct_size");
  CHECK(other == NULL);
  options.struct_size = sizeof options;
  options.database = NULL;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("database");
  options.database = bad_database;
  options.durability = 7;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("durability");
  options.durability = XF_DURABILITY_FULL;
  options.hash = 2;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("hash");
  options.hash = XF_HASH_SHA256;
  options.busy_timeout_ms = -1;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("busy_timeout_ms");
  options.busy_timeout_ms = 30000;
  options.parallel_batches = 2;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("parallel_batches");
  options.parallel_batches = 1;
  options.installer = "\xc3\x28";
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_INVALID_UTF8);
  CHECK_MESSAGE("installer");
  options.installer = NULL;
  /* A file that does not exist, with create 0. */
  options.create = 0;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_STORAGE);
  CHECK(other == NULL);
  CHECK(access(bad_database, F_OK) != 0);
  /* A new database needs a real policy. */
  options.create = 1;
  options.policy = "no-such-policy";
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_NOT_FOUND);
  CHECK_MESSAGE("no-such-policy");
  CHECK(other == NULL);
  CHECK(access(bad_database, F_OK) != 0);
  options.policy = "{\"name\": \"x\",";
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_PARSE);
  CHECK(other == NULL);
  CHECK(access(bad_database, F_OK) != 0);
  /* And a policy at all: refused before any file is made. */
  options.policy = NULL;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("policy");
  CHECK(other == NULL);
  CHECK(access(bad_database, F_OK) != 0);
  options.create = 0;
  CHECK_STATUS(xf_engine_open(&options, &other), XF_ERR_STORAGE);
  CHECK(other == NULL);
}

static void test_staff(void) {
  size_t i;
  xf_date day = {2025, 3, 4};
  for (i = 0; i < sizeof kStaff / sizeof kStaff[0]; ++i)
    CHECK_STATUS(xf_engine_put_staff(engine, "admin", kStaff[i]), XF_OK);
  CHECK_STATUS(xf_engine_set_roster(engine, "admin", day, "social_assistance", "[\"h-zhao\"]"), XF_OK);

  CHECK_FAILS(xf_engine_put_staff(NULL, "admin", kStaff[0]), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_put_staff(engine, NULL, kStaff[0]), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("actor");
  CHECK_FAILS(xf_engine_put_staff(engine, "admin", NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("staff_json");
  CHECK_FAILS(xf_engine_put_staff(engine, "admin", "{\"id\":\"x\","), XF_ERR_PARSE);
  CHECK_MESSAGE("line");
  CHECK_FAILS(xf_engine_put_staff(engine, "admin", "{\"id\":\"x\",\"name\":\"\xff\",\"organisation\":\"city\"}"),
              XF_ERR_INVALID_UTF8);
  CHECK_FAILS(xf_engine_put_staff(engine, "admin",
                                  "{\"id\":\"x\",\"name\":\"X\",\"organisation\":\"city\",\"roles\":[],\"rank\":1}"),
              XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_put_staff(engine, "admin",
                                  "{\"id\":\"x\",\"name\":\"X\",\"organisation\":\"city\",\"unit\":\"atlantis\","
                                  "\"roles\":[\"handler\"]}"),
              XF_ERR_NOT_FOUND);

  CHECK_FAILS(xf_engine_set_roster(engine, "admin", day, "social_assistance", "[\"h-qian\"]"), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_set_roster(engine, "admin", day, "social_assistance", "{\"h-zhao\":1}"), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_set_roster(engine, "admin", day, "social_assistance", "[\"h-zhao\", 7]"), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("staff_ids_json /1");
  CHECK_FAILS(xf_engine_set_roster(engine, "admin", day, "social_assistance", "[\"h-zhao\""), XF_ERR_PARSE);
  CHECK_FAILS(xf_engine_set_roster(engine, "admin", day, "atlantis", "[]"), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_set_roster(engine, "admin", day, NULL, "[]"), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("unit");
  day.day = 30;
  day.month = 2;
  CHECK_FAILS(xf_engine_set_roster(engine, "admin", day, "social_assistance", "[\"h-zhao\"]"), XF_ERR_INVALID_ARGUMENT);
}

static void test_lifecycle(void) {
  char* result = NULL;
  char* json = NULL;
  char number[64] = "";
  char replayed_number[64] = "";
  char query_code[64] = "";
  long version;
  long total = total_cases();

  /* Intake: a new case, its number and the query code for the petitioner. */
  CHECK_STATUS(xf_engine_intake(engine, "r-li", kLetter, "letter-2025-0001", &result), XF_OK);
  CHECK(has(result, "\"status\":\"registered\""));
  CHECK(has(result, "\"replayed\":false"));
  CHECK(json_string(result, "number", number, sizeof number));
  CHECK(json_string(result, "query_code", query_code, sizeof query_code));
  CHECK(strncmp(number, "MZJ-2025-", 9) == 0);
  version = json_integer(result, "version");
  CHECK(version >= 1);
  xf_string_free(result);
  CHECK(total_cases() == total + 1);

  /* The same key and content again (a retry after a lost reply): the same case, replayed. */
  CHECK_STATUS(xf_engine_intake(engine, "r-li", kLetter, "letter-2025-0001", &result), XF_OK);
  CHECK(json_string(result, "number", replayed_number, sizeof replayed_number));
  CHECK(strcmp(number, replayed_number) == 0);
  CHECK(has(result, "\"replayed\":true"));
  xf_string_free(result);
  CHECK(total_cases() == total + 1);
  /* The same key with other content is a conflict, not a second case. */
  result = (char*)"untouched";
  CHECK_FAILS(xf_engine_intake(engine, "r-li", kOtherLetter, "letter-2025-0001", &result), XF_ERR_CONFLICT);
  CHECK(result == NULL);

  /* Accepted the next day by the petition office's dispatcher. */
  CHECK_STATUS(xf_engine_set_time(engine, T_TUE_1000), XF_OK);
  CHECK_FAILS(xf_engine_run(engine, number, "r-li", "accept", NULL, 0, &result), XF_ERR_FORBIDDEN);
  CHECK(result == NULL);
  version = run_ok(number, "d-wang", "accept", "{\"note\":\"属本机关职权范围\"}", version, "accepted");

  /* Someone else acted first: a stale version is a conflict. */
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "route",
                            "{\"unit\":\"social_assistance\",\"handler\":\"h-zhao\"}", version - 1, &result),
              XF_ERR_CONFLICT);
  version = run_ok(number, "d-wang", "route", "{\"unit\":\"social_assistance\",\"handler\":\"h-zhao\"}", version,
                   "in_handling");

  /* Replied a week later by the handler of the responsible unit, not by another unit's. */
  CHECK_STATUS(xf_engine_set_time(engine, T_MON2_1000), XF_OK);
  CHECK_FAILS(
      xf_engine_run(engine, number, "h-qian", "reply", "{\"outcome\":\"supported\",\"text\":\"补发\"}", 0, &result),
      XF_ERR_FORBIDDEN);
  CHECK_FAILS(xf_engine_run(engine, number, "h-zhao", "reply", "{\"outcome\":\"great\",\"text\":\"补发\"}", 0, &result),
              XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("/args/outcome");
  version = run_ok(number, "h-zhao", "reply", "{\"outcome\":\"supported\",\"text\":\"经核查，已补发三个月低保金。\"}",
                   version, "replied");

  /* Rated through the portal. */
  CHECK_STATUS(xf_engine_set_time(engine, T_TUE2_1000), XF_OK);
  version = run_ok(number, "portal", "rate", "{\"level\":\"satisfied\"}", version, "rated");

  /* Not archived while review may still be requested; archived once the window is over. */
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "archive", NULL, 0, &result), XF_ERR_OUT_OF_WINDOW);
  CHECK_STATUS(xf_engine_set_time(engine, T_APR15_1000), XF_OK);
  version = run_ok(number, "d-wang", "archive", NULL, version, "archived");
  CHECK_FAILS(xf_engine_run(engine, number, "d-wang", "archive", NULL, 0, &result), XF_ERR_INVALID_STATE);

  /* The whole record for the host, and a reader's view. */
  CHECK_STATUS(xf_engine_get(engine, number, NULL, &json), XF_OK);
  CHECK(has(json, "\"events\""));
  CHECK(has(json, "\"hash\""));
  CHECK(has(json, "\"archived\""));
  CHECK(has(json, "张三"));
  xf_string_free(json);
  CHECK_STATUS(xf_engine_get(engine, number, "d-wang", &json), XF_OK);
  CHECK(has(json, number));
  CHECK(has(json, "\"archived\""));
  xf_string_free(json);
  json = (char*)"untouched";
  CHECK_FAILS(xf_engine_get(engine, number, "nobody", &json), XF_ERR_FORBIDDEN);
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_get(engine, "MZJ-2025-999999", NULL, &json), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_get(engine, number, "\xed\xa0\x80", &json), XF_ERR_INVALID_UTF8);
  CHECK_MESSAGE("reader");

  /* The petitioner's own view, by number and query code; a wrong code is not found. */
  CHECK_STATUS(xf_engine_lookup(engine, number, query_code, &json), XF_OK);
  CHECK(has(json, number));
  CHECK(has(json, "\"archived\""));
  xf_string_free(json);
  CHECK_FAILS(xf_engine_lookup(engine, number, "WRONGCODE", &json), XF_ERR_NOT_FOUND);
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_lookup(engine, "MZJ-2025-999999", query_code, &json), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_lookup(engine, number, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("query_code");

  /* Lists. */
  CHECK_STATUS(xf_engine_list(engine, "{\"status\":\"archived\",\"category\":\"social_assistance\"}", &json), XF_OK);
  CHECK(json_integer(json, "total") == 1);
  CHECK(has(json, number));
  xf_string_free(json);
  CHECK_STATUS(xf_engine_list(engine, "{\"open\":true}", &json), XF_OK);
  CHECK(json_integer(json, "total") == total);
  CHECK(!has(json, number));
  xf_string_free(json);
  CHECK_STATUS(xf_engine_list(engine, "{\"limit\":1,\"offset\":0}", &json), XF_OK);
  CHECK(json_integer(json, "total") == total + 1);
  xf_string_free(json);
  CHECK_FAILS(xf_engine_list(engine, "{\"stauts\":\"archived\"}", &json), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("stauts");
  CHECK_FAILS(xf_engine_list(engine, "{\"status\":\"lost\"}", &json), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_list(engine, "{\"limit\":0}", &json), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("/limit");
  CHECK_FAILS(xf_engine_list(engine, "[1,", &json), XF_ERR_PARSE);
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_list(engine, NULL, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_json");
}

static void test_batch(void) {
  char* result = NULL;
  long total = total_cases();
  char batch[4096];
  char bad_batch[4096];

  snprintf(batch, sizeof batch, "[{\"petition\":%s,\"idempotency_key\":\"batch-1\"},{\"petition\":%s}]", kOtherLetter,
           kOtherLetter);
  /* The second petition names a channel the policy lacks: none of the batch is registered. */
  snprintf(bad_batch, sizeof bad_batch,
           "[{\"petition\":%s},{\"petition\":{\"channel\":\"pigeon\",\"type\":\"claim\",\"category\":\"other\","
           "\"subject\":\"x\",\"content\":\"\",\"petitioners\":[{\"name\":\"李四\"}],"
           "\"received_at\":\"2025-04-15T09:00:00+08:00\"}}]",
           kOtherLetter);

  CHECK_FAILS(xf_engine_intake_batch(engine, "r-li", bad_batch, &result), XF_ERR_NOT_FOUND);
  CHECK_MESSAGE("petition 1");
  CHECK(result == NULL);
  CHECK_FAILS(xf_engine_intake_batch(engine, "r-li", "{\"petition\":{}}", &result), XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_intake_batch(engine, "r-li", "[{\"petition\":{},\"key\":\"k\"}]", &result),
              XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("petitions_json /0/key");
  CHECK_FAILS(xf_engine_intake_batch(engine, "r-li", "[{\"idempotency_key\":\"k\"}]", &result), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("/0/petition");
  CHECK_FAILS(xf_engine_intake_batch(engine, "r-li", "[{\"petition\":{},\"idempotency_key\":7}]", &result),
              XF_ERR_INVALID_DATA);
  CHECK_FAILS(xf_engine_intake_batch(engine, "r-li", "[{\"petition\":{}", &result), XF_ERR_PARSE);
  CHECK_FAILS(xf_engine_intake_batch(engine, "h-zhao", batch, &result), XF_ERR_FORBIDDEN);
  CHECK_FAILS(xf_engine_intake_batch(engine, "r-li", batch, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_results_json");
  CHECK(total_cases() == total);

  CHECK_STATUS(xf_engine_intake_batch(engine, "r-li", batch, &result), XF_OK);
  CHECK(result != NULL && result[0] == '[');
  CHECK(has(result, "\"query_code\""));
  CHECK(json_integer(result, "version") >= 1);
  xf_string_free(result);
  CHECK(total_cases() == total + 2);
}

int main(void) {
  if (!make_directory()) {
    perror("mkdtemp");
    return 1;
  }
  test_options();
  if (!open_engine()) {
    fprintf(stderr, "cannot open %s: %s\n", database, xf_last_error_message());
    remove_directory();
    return 1;
  }
  test_staff();
  test_lifecycle();
  test_queries();
  test_batch();
  test_clocks_and_sweep();
  test_hosts();
  test_petition();
  test_bad_calls();
  test_second_handles();
  test_verify();
  CHECK_STATUS(xf_engine_close(engine), XF_OK);

  /* Reopened, the database holds what was committed and verifies. */
  if (open_engine()) {
    test_verify();
    CHECK_STATUS(xf_engine_close(engine), XF_OK);
  }
  test_tampered_chain();
  remove_directory();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
