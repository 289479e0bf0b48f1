/* The C ABI's engine, tested from C99 as a host would call it: a letter's whole life under
 * cn-national-2022 on a fresh database, with a manual clock and seeded random bytes; then every
 * bad path for its status, its message, its NULLed output, and a database left as it was. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, unlink, rmdir */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capi_check.h"
#include "xinfang.h"

/* The engine every test shares, and the fingerprint of its database: every case with its
 * status and version, the total, and what verify counts (cases, events, directory changes). A
 * failed call must leave it as it was. */
static xf_engine* engine;

/* Released with free(): it is the test's own copy. */
static char* snapshot(void) {
  char* list = NULL;
  char* report = NULL;
  char* both = NULL;
  if (xf_engine_list(engine, NULL, &list) == XF_OK && xf_engine_verify(engine, &report) == XF_OK) {
    both = (char*)malloc(strlen(list) + strlen(report) + 1);
    if (both != NULL) {
      strcpy(both, list);
      strcat(both, report);
    }
  }
  xf_string_free(report);
  xf_string_free(list);
  return both;
}

/* A failure: the expected status, a message, and the database unchanged. */
#define CHECK_FAILS(call, expected)                                           \
  do {                                                                        \
    char* before_ = snapshot();                                               \
    char* after_ = NULL;                                                      \
    xf_clear_error();                                                         \
    CHECK_STATUS(call, expected);                                             \
    CHECK(xf_last_error_code() == (expected));                                \
    CHECK(xf_last_error_message()[0] != '\0');                                \
    after_ = snapshot();                                                      \
    CHECK(before_ != NULL && after_ != NULL && strcmp(before_, after_) == 0); \
    free(after_);                                                             \
    free(before_);                                                            \
  } while (0)

/* The message of the last failure mentions @p text. */
#define CHECK_MESSAGE(text) CHECK(strstr(xf_last_error_message(), (text)) != NULL)

/* A string member of a JSON text, found by its key: enough for the numbers, codes and statuses
 * the engine writes (none needs escaping). */
static int json_string(const char* json, const char* key, char* out, size_t size) {
  char pattern[64];
  const char* start;
  const char* end;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  start = json != NULL ? strstr(json, pattern) : NULL;
  if (start == NULL) return 0;
  start += strlen(pattern);
  end = strchr(start, '"');
  if (end == NULL || (size_t)(end - start) >= size) return 0;
  memcpy(out, start, (size_t)(end - start));
  out[end - start] = '\0';
  return 1;
}

/* An integer member of a JSON text: the first member of that name whose value is a number
 * (an event's payload may carry a member of the same name holding text, such as a policy's
 * "version"). -1 if there is none. */
static long json_integer(const char* json, const char* key) {
  char pattern[64];
  const char* at = json;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  while (at != NULL && (at = strstr(at, pattern)) != NULL) {
    at += strlen(pattern);
    if ((*at >= '0' && *at <= '9') || *at == '-') return strtol(at, NULL, 10);
  }
  return -1;
}

static int has(const char* json, const char* text) {
  return json != NULL && strstr(json, text) != NULL;
}

static long total_cases(void) {
  char* json = NULL;
  long total = xf_engine_list(engine, NULL, &json) == XF_OK ? json_integer(json, "total") : -1;
  xf_string_free(json);
  return total;
}

/* Times of the story, seconds since the epoch (UTC); local time is UTC+8. */
#define T_MON_0930 1740965400LL  /* 2025-03-03T01:30:00Z, Monday 09:30 local: the letter is registered */
#define T_TUE_1000 1741053600LL  /* 2025-03-04T02:00:00Z: accepted and routed */
#define T_MON2_1000 1741572000LL /* 2025-03-10T02:00:00Z: replied */
#define T_TUE2_1000 1741658400LL /* 2025-03-11T02:00:00Z: rated */
/* The review window of 30 statutory days from the reply (2025-03-10) ends 2025-04-09 24:00. */
#define T_APR15_1000 1744682400LL /* 2025-04-15T02:00:00Z: archived */

static const char* const kLetter =
    "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"低保金三个月未发放\",\"content\":\"自2024年12月起未收到最低生活保障金。\","
    "\"petitioners\":[{\"name\":\"张三\",\"id_number\":\"110101199003071234\",\"phone\":\"13800000000\"}],"
    "\"received_at\":\"2025-03-03T09:00:00+08:00\"}";

static const char* const kOtherLetter =
    "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"另一件事\",\"content\":\"\","
    "\"petitioners\":[{\"name\":\"张三\",\"id_number\":\"110101199003071234\"}],"
    "\"received_at\":\"2025-03-03T09:00:00+08:00\"}";

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

static char database[512];
static char bad_database[512]; /* where the opens that must fail point */
static char directory[256];

static int make_directory(void) {
  const char* base = getenv("TMPDIR");
  if (base == NULL || base[0] == '\0') base = "/tmp";
  snprintf(directory, sizeof directory, "%s/xf-engine-test-XXXXXX", base);
  if (mkdtemp(directory) == NULL) return 0;
  snprintf(database, sizeof database, "%s/cases.db", directory);
  snprintf(bad_database, sizeof bad_database, "%s/refused.db", directory);
  return 1;
}

static void remove_directory(void) {
  static const char* const kSuffixes[] = {"", "-wal", "-shm", "-journal"};
  char path[600];
  size_t i;
  for (i = 0; i < sizeof kSuffixes / sizeof kSuffixes[0]; ++i) {
    snprintf(path, sizeof path, "%s%s", database, kSuffixes[i]);
    unlink(path);
    snprintf(path, sizeof path, "%s%s", bad_database, kSuffixes[i]);
    unlink(path);
  }
  if (rmdir(directory) != 0) fprintf(stderr, "note: %s is left behind (not empty)\n", directory);
}

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

static int open_engine(void) {
  xf_engine_options options;
  xf_engine_options_init(&options);
  options.database = database;
  options.policy = "cn-national-2022";
  options.installer = "test";
  options.durability = XF_DURABILITY_FULL;
  options.manual_clock = 1;
  options.manual_time = T_MON_0930;
  options.seeded_random = 1;
  options.random_seed = 20250303u;
  CHECK_STATUS(xf_engine_open(&options, &engine), XF_OK);
  return engine != NULL;
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

/* Runs one command and checks the status it leaves; returns the case's new version. */
static long run_ok(const char* number, const char* actor, const char* command, const char* args, long version,
                   const char* status) {
  char* result = NULL;
  char expected[64];
  long new_version;
  CHECK_STATUS(xf_engine_run(engine, number, actor, command, args, version, &result), XF_OK);
  snprintf(expected, sizeof expected, "\"status\":\"%s\"", status);
  CHECK(has(result, expected));
  CHECK(has(result, number));
  new_version = json_integer(result, "version");
  CHECK(new_version > version);
  xf_string_free(result);
  return new_version;
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

static void test_bad_calls(void) {
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

static void test_second_handles(void) {
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
}

static void test_verify(void) {
  char* report = NULL;
  CHECK_STATUS(xf_engine_verify(engine, &report), XF_OK);
  CHECK(has(report, "\"ok\":true"));
  CHECK(json_integer(report, "cases") == total_cases());
  CHECK(json_integer(report, "events") > 0);
  xf_string_free(report);
}

/* Overwrites every occurrence of @p from in a file with @p to, of the same length; returns how
 * many there were (-1 if the file cannot be read or written). */
static long replace_in_file(const char* path, const char* from, const char* to) {
  FILE* file = fopen(path, "r+b");
  char* data = NULL;
  long size;
  long count = 0;
  long at;
  const size_t length = strlen(from);
  if (file == NULL) return -1;
  if (fseek(file, 0, SEEK_END) != 0 || (size = ftell(file)) < 0 || fseek(file, 0, SEEK_SET) != 0 ||
      (data = (char*)malloc((size_t)size + 1)) == NULL || fread(data, 1, (size_t)size, file) != (size_t)size) {
    free(data);
    fclose(file);
    return -1;
  }
  for (at = 0; at + (long)length <= size; ++at) {
    if (memcmp(data + at, from, length) == 0) {
      memcpy(data + at, to, length);
      ++count;
    }
  }
  if (fseek(file, 0, SEEK_SET) != 0 || fwrite(data, 1, (size_t)size, file) != (size_t)size) count = -1;
  free(data);
  fclose(file);
  return count;
}

/* A damaged chain is a finding of verify, not a failure of the call: XF_OK, and the report
 * says what is wrong. The file is changed behind the engine's back, as a careless tool or an
 * intruder would; the engines are all closed, so everything is in the main file. */
static void test_tampered_chain(void) {
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
  test_batch();
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
