/* A host program in C built against an installed xinfang, outside its source tree: it checks
 * that the header it was compiled with matches the library it loaded, works out a statutory
 * deadline, and registers one letter on a database in a fresh temporary directory. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, rmdir, unlink */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xinfang.h>

static int fail(const char* what) {
  fprintf(stderr, "%s: %s (%s)\n", what, xf_last_error_message(), xf_status_name(xf_last_error_code()));
  return 1;
}

static const char* const kRegistrar =
    "{\"id\":\"r-li\",\"name\":\"李登记\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"registrar\"]}";

static const char* const kLetter =
    "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"低保金三个月未发放\",\"content\":\"自2024年12月起未收到最低生活保障金。\","
    "\"petitioners\":[{\"name\":\"张三\",\"phone\":\"13800000000\"}],"
    "\"received_at\":\"2025-03-03T09:00:00+08:00\"}";

static int deadline(void) {
  xf_calendar* calendar = NULL;
  xf_date received = {2025, 9, 28};
  xf_date routing;
  if (xf_calendar_national(&calendar) != XF_OK) return fail("national calendar");
  if (xf_calendar_statutory_end(calendar, received, 15, &routing) != XF_OK) {
    xf_calendar_free(calendar);
    return fail("statutory end");
  }
  xf_calendar_free(calendar);
  printf("a letter received 2025-09-28 is routed by %04d-%02d-%02d\n", routing.year, routing.month, routing.day);
  return 0;
}

static int intake(const char* database) {
  xf_engine_options options;
  xf_engine* engine = NULL;
  char* result = NULL;
  int failed = 0;

  xf_engine_options_init(&options);
  options.database = database;
  options.policy = "cn-national-2022";
  options.manual_clock = 1;
  options.manual_time = 1740965400; /* 2025-03-03T01:30:00Z, Monday 09:30 in Beijing */
  if (xf_engine_open(&options, &engine) != XF_OK) return fail("open");
  if (xf_engine_put_staff(engine, "admin", kRegistrar) != XF_OK) {
    failed = fail("put staff");
  } else if (xf_engine_intake(engine, "r-li", kLetter, NULL, &result) != XF_OK) {
    failed = fail("intake");
  } else if (strstr(result, "\"status\":\"registered\"") == NULL) {
    fprintf(stderr, "intake: unexpected result %s\n", result);
    failed = 1;
  } else {
    printf("the letter is registered\n");
  }
  xf_string_free(result);
  xf_engine_close(engine);
  return failed;
}

int main(void) {
  const char* tmp = getenv("TMPDIR");
  char directory[256];
  char database[300];
  char path[320];
  int failed;

  printf("xinfang %s (ABI %d), compiled against %s (ABI %d)\n", xf_version(), xf_abi_version(), XF_VERSION_STRING,
         XF_ABI_VERSION);
  if (xf_abi_version() != XF_ABI_VERSION) {
    fprintf(stderr, "the library's ABI is not the header's\n");
    return 1;
  }
  if (deadline() != 0) return 1;

  snprintf(directory, sizeof directory, "%s/xinfang-consumer-XXXXXX", tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
  if (mkdtemp(directory) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  snprintf(database, sizeof database, "%s/cases.db", directory);
  failed = intake(database);
  snprintf(path, sizeof path, "%s-wal", database);
  unlink(path);
  snprintf(path, sizeof path, "%s-shm", database);
  unlink(path);
  unlink(database);
  rmdir(directory);
  return failed;
}
