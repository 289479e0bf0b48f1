/* The engine tests' shared state and helpers (capi_engine_support.h). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, unlink, rmdir */

#include "capi_engine_support.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int passed;
int failed;

xf_engine* engine;

/* A failed call must leave the fingerprint of the database as it was: every case with its status
 * and version, the total, and what verify counts (cases, events, directory changes). */
char* snapshot(void) {
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

int json_string(const char* json, const char* key, char* out, size_t size) {
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
long json_integer(const char* json, const char* key) {
  char pattern[64];
  const char* at = json;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  while (at != NULL && (at = strstr(at, pattern)) != NULL) {
    at += strlen(pattern);
    if ((*at >= '0' && *at <= '9') || *at == '-') return strtol(at, NULL, 10);
  }
  return -1;
}

int has(const char* json, const char* text) {
  return json != NULL && strstr(json, text) != NULL;
}

long total_cases(void) {
  char* json = NULL;
  long total = xf_engine_list(engine, NULL, &json) == XF_OK ? json_integer(json, "total") : -1;
  xf_string_free(json);
  return total;
}

const char* const kLetter =
    "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"低保金三个月未发放\",\"content\":\"自2024年12月起未收到最低生活保障金。\","
    "\"petitioners\":[{\"name\":\"张三\",\"id_number\":\"110101199003071234\",\"phone\":\"13800000000\"}],"
    "\"received_at\":\"2025-03-03T09:00:00+08:00\"}";

const char* const kOtherLetter =
    "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"另一件事\",\"content\":\"\","
    "\"petitioners\":[{\"name\":\"张三\",\"id_number\":\"110101199003071234\"}],"
    "\"received_at\":\"2025-03-03T09:00:00+08:00\"}";

char database[512];
char bad_database[512]; /* where the opens that must fail point */
static char directory[256];

int make_directory(void) {
  const char* base = getenv("TMPDIR");
  if (base == NULL || base[0] == '\0') base = "/tmp";
  snprintf(directory, sizeof directory, "%s/xf-engine-test-XXXXXX", base);
  if (mkdtemp(directory) == NULL) return 0;
  snprintf(database, sizeof database, "%s/cases.db", directory);
  snprintf(bad_database, sizeof bad_database, "%s/refused.db", directory);
  return 1;
}

void remove_directory(void) {
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

int open_engine(void) {
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

long run_ok(const char* number, const char* actor, const char* command, const char* args, long version,
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

long replace_in_file(const char* path, const char* from, const char* to) {
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
