/* A letter's life from C, as a portal or a case system would drive it: open a database under
 * 信访工作条例 (the cn-national-2022 policy), put the staff in the directory, register a letter,
 * accept it, route it to the social assistance section, reply, rate, and archive it once the
 * review window is over. A manual clock lets the six weeks pass in a moment. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, unlink, rmdir */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xinfang.h"

static int fail(const char* what) {
  fprintf(stderr, "%s: %s (%s)\n", what, xf_last_error_message(), xf_status_name(xf_last_error_code()));
  return 1;
}

/* Copies the text of the member "key":"..." of a result (enough for case numbers, query codes
 * and statuses; a real host would use its JSON library). */
static void member(const char* json, const char* key, char* out, size_t size) {
  char pattern[64];
  const char* start;
  size_t length = 0;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  start = strstr(json, pattern);
  if (start != NULL) {
    start += strlen(pattern);
    while (start[length] != '"' && start[length] != '\0' && length + 1 < size) ++length;
    memcpy(out, start, length);
  }
  out[length] = '\0';
}

/* Runs a command at @p when (seconds since the epoch) and prints the status it leaves. */
static int step(xf_engine* engine, int64_t when, const char* number, const char* actor, const char* command,
                const char* args) {
  char* result = NULL;
  char status[32];
  if (xf_engine_set_time(engine, when) != XF_OK) return fail("set time");
  if (xf_engine_run(engine, number, actor, command, args, 0, &result) != XF_OK) return fail(command);
  member(result, "status", status, sizeof status);
  printf("%-8s by %-7s -> %s\n", command, actor, status);
  xf_string_free(result);
  return 0;
}

static const char* const kStaff[] = {
    "{\"id\":\"r-li\",\"name\":\"李登记\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"registrar\"]}",
    "{\"id\":\"d-wang\",\"name\":\"王分办\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"dispatcher\"]}",
    "{\"id\":\"h-zhao\",\"name\":\"赵承办\",\"organisation\":\"city\",\"unit\":\"social_assistance\","
    "\"roles\":[\"handler\"]}",
    "{\"id\":\"portal\",\"name\":\"网上信访平台\",\"organisation\":\"city\",\"roles\":[\"petitioner\"]}",
};

static const char* const kLetter =
    "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"低保金三个月未发放\",\"content\":\"自2024年12月起未收到最低生活保障金。\","
    "\"petitioners\":[{\"name\":\"张三\",\"phone\":\"13800000000\"}],"
    "\"received_at\":\"2025-03-03T09:00:00+08:00\"}";

static const char* const kRoute = "{\"unit\":\"social_assistance\",\"handler\":\"h-zhao\"}";
static const char* const kReply = "{\"outcome\":\"supported\",\"text\":\"经核查，已补发三个月低保金。\"}";

static int story(xf_engine* engine) {
  char* result = NULL;
  char number[64];
  char query_code[64];
  char status[32];
  size_t i;

  for (i = 0; i < sizeof kStaff / sizeof kStaff[0]; ++i) {
    if (xf_engine_put_staff(engine, "admin", kStaff[i]) != XF_OK) return fail("put staff");
  }

  /* Monday 2025-03-03 09:30 (UTC+8): the registrar registers the letter. The key makes a retry
   * after a lost answer return this case instead of a second one. */
  if (xf_engine_intake(engine, "r-li", kLetter, "letter-2025-0001", &result) != XF_OK) return fail("intake");
  member(result, "number", number, sizeof number);
  member(result, "query_code", query_code, sizeof query_code);
  member(result, "status", status, sizeof status);
  xf_string_free(result);
  printf("intake   by r-li    -> %s: case %s, query code %s\n", status, number, query_code);

  /* Seconds since the epoch, UTC: Tuesday 03-04, Monday 03-10, Tuesday 03-11, Tuesday 04-15. */
  if (step(engine, 1741053600, number, "d-wang", "accept", NULL) != 0) return 1;
  if (step(engine, 1741053600, number, "d-wang", "route", kRoute) != 0) return 1;
  if (step(engine, 1741572000, number, "h-zhao", "reply", kReply) != 0) return 1;
  if (step(engine, 1741658400, number, "portal", "rate", "{\"level\":\"satisfied\"}") != 0) return 1;
  /* Review may be requested for 30 days after the reply (Art. 35); archived after that. */
  if (step(engine, 1744682400, number, "d-wang", "archive", NULL) != 0) return 1;

  /* What the petitioner sees with the number and the query code. */
  if (xf_engine_lookup(engine, number, query_code, &result) != XF_OK) return fail("lookup");
  member(result, "status", status, sizeof status);
  xf_string_free(result);
  printf("the petitioner looks it up: %s\n", status);

  /* A damaged chain is a finding in the report, not a failed call. */
  if (xf_engine_verify(engine, &result) != XF_OK) return fail("verify");
  if (strstr(result, "\"ok\":true") == NULL) {
    fprintf(stderr, "verify: %s\n", result);
    xf_string_free(result);
    return 1;
  }
  xf_string_free(result);
  printf("the letter's life is complete: %s, chain verified\n", status);
  return 0;
}

int main(void) {
  const char* tmp = getenv("TMPDIR");
  char directory[256];
  char database[300];
  char path[320];
  xf_engine_options options;
  xf_engine* engine = NULL;
  int failed;

  snprintf(directory, sizeof directory, "%s/xf-example-XXXXXX", tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
  if (mkdtemp(directory) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  snprintf(database, sizeof database, "%s/cases.db", directory);

  xf_engine_options_init(&options);
  options.database = database;
  options.policy = "cn-national-2022";
  options.manual_clock = 1;
  options.manual_time = 1740965400; /* 2025-03-03T01:30:00Z */
  failed = xf_engine_open(&options, &engine) != XF_OK ? fail("open") : story(engine);
  xf_engine_close(engine);

  snprintf(path, sizeof path, "%s-wal", database);
  unlink(path);
  snprintf(path, sizeof path, "%s-shm", database);
  unlink(path);
  unlink(database);
  rmdir(directory);
  return failed;
}
