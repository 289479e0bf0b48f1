/* Dossiers through the C ABI, tested from C99 as two hosts would call it: a district forwards a
 * letter to the city and exports the case; the city imports it and the case goes on there, both
 * chains verifying; what does not verify, does not read or is asked for wrongly is refused with
 * its status, and the city's file is left as it was. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, unlink, rmdir */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capi_check.h"
#include "xinfang.h"

/* 2025-03-03T01:30:00Z, Monday 09:30 local: the letter is registered at the district. */
#define T_REGISTERED 1740965400LL
#define HOUR 3600LL

static char directory[256];
static char district_path[512];
static char city_path[512];

static xf_engine* district;
static xf_engine* city;

static const char* const kLetter =
    "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"低保金三个月未发放\",\"content\":\"自2024年12月起未收到最低生活保障金。\","
    "\"petitioners\":[{\"name\":\"张三\",\"id_number\":\"110101199003071234\",\"phone\":\"13800000000\"}],"
    "\"received_at\":\"2025-03-03T09:00:00+08:00\"}";

static const char* const kAccusation =
    "{\"channel\":\"letter\",\"type\":\"accusation\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"反映某站点负责人违规发放补贴\",\"content\":\"举报某站点负责人违规发放补贴，请依法查处。\","
    "\"petitioners\":[{\"name\":\"李四\",\"id_number\":\"110101198001011234\",\"phone\":\"13900000000\"}],"
    "\"received_at\":\"2025-03-03T09:00:00+08:00\"}";

static const char* const kDistrictStaff[] = {
    "{\"id\":\"d-reg\",\"name\":\"区登记员\",\"organisation\":\"district\",\"unit\":\"petition_office_district\","
    "\"roles\":[\"registrar\"]}",
    "{\"id\":\"d-disp\",\"name\":\"区分办员\",\"organisation\":\"district\",\"unit\":\"petition_office_district\","
    "\"roles\":[\"dispatcher\"]}",
    "{\"id\":\"d-conf\",\"name\":\"区查阅员\",\"organisation\":\"district\",\"unit\":\"petition_office_district\","
    "\"roles\":[\"registrar\",\"confidential_reader\"]}",
};

static const char* const kCityStaff[] = {
    "{\"id\":\"r-li\",\"name\":\"李登记\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"registrar\"]}",
    "{\"id\":\"d-wang\",\"name\":\"王分办\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"dispatcher\"]}",
};

/* ---- helpers ---- */

static int has(const char* text, const char* part) {
  return text != NULL && strstr(text, part) != NULL;
}

/* Where @p part first occurs in @p size bytes that may hold NULs; -1 if nowhere. */
static long find_bytes(const char* data, size_t size, const char* part) {
  const size_t length = strlen(part);
  size_t at;
  for (at = 0; at + length <= size; ++at) {
    if (memcmp(data + at, part, length) == 0) return (long)at;
  }
  return -1;
}

/* Where @p part last occurs in @p size bytes that may hold NULs; -1 if nowhere. */
static long find_last_bytes(const char* data, size_t size, const char* part) {
  const size_t length = strlen(part);
  size_t at = size >= length ? size - length + 1 : 0;
  while (at-- > 0) {
    if (memcmp(data + at, part, length) == 0) return (long)at;
  }
  return -1;
}

/* A copy of @p size bytes, for the test to damage; released with free(). */
static char* copy_of(const char* data, size_t size) {
  char* copy = (char*)malloc(size + 1);
  if (copy != NULL) {
    memcpy(copy, data, size);
    copy[size] = '\0';
  }
  return copy;
}

static xf_engine* open_engine(const char* path, int64_t time, int32_t hash) {
  xf_engine_options options;
  xf_engine* opened = NULL;
  xf_engine_options_init(&options);
  options.database = path;
  options.policy = "cn-national-2022";
  options.installer = "test";
  options.hash = hash;
  options.manual_clock = 1;
  options.manual_time = time;
  options.seeded_random = 1;
  options.random_seed = 20250303u;
  CHECK_STATUS(xf_engine_open(&options, &opened), XF_OK);
  return opened;
}

static int64_t case_count(xf_engine* e) {
  int64_t count = -1;
  CHECK_STATUS(xf_engine_count(e, NULL, &count), XF_OK);
  return count;
}

static int verifies(xf_engine* e) {
  char* report = NULL;
  int ok;
  CHECK_STATUS(xf_engine_verify(e, &report), XF_OK);
  ok = has(report, "\"ok\":true");
  if (!ok) fprintf(stderr, "verify: %s\n", report != NULL ? report : "(none)");
  xf_string_free(report);
  return ok;
}

/* The first string member named @p key of a JSON text (the engine writes no number that needs
 * escaping). */
static int number_in(const char* json, const char* key, char* out, size_t size) {
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

/* An integer member of a JSON text, by its key; -1 if there is none. */
static long json_integer(const char* json, const char* key) {
  char pattern[64];
  const char* at;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  at = json != NULL ? strstr(json, pattern) : NULL;
  return at != NULL ? strtol(at + strlen(pattern), NULL, 10) : -1;
}

/* How many events a case's record holds. */
static long events_of(xf_engine* e, const char* number) {
  char* json = NULL;
  long count = 0;
  const char* at;
  CHECK_STATUS(xf_engine_get(e, number, NULL, &json), XF_OK);
  for (at = json; at != NULL && (at = strstr(at, "\"sequence\":")) != NULL; ++at) ++count;
  xf_string_free(json);
  return count;
}

static void intake(xf_engine* e, const char* actor, const char* petition, char* number, size_t size) {
  char* result = NULL;
  CHECK_STATUS(xf_engine_intake(e, actor, petition, NULL, &result), XF_OK);
  CHECK(number_in(result, "number", number, size));
  xf_string_free(result);
}

/* A refused export: its status, a message, and both outputs cleared (`out`, `out_size` in scope). */
#define CHECK_EXPORT_FAILS(call, expected)     \
  do {                                         \
    out = (char*)"untouched";                  \
    out_size = 99;                             \
    xf_clear_error();                          \
    CHECK_STATUS(call, expected);              \
    CHECK(xf_last_error_message()[0] != '\0'); \
    CHECK(out == NULL && out_size == 0);       \
  } while (0)

/* A refused import or check: its status, a message, the output cleared (`json` in scope), and the
 * city's file still empty. */
#define CHECK_IMPORT_FAILS(call, expected)     \
  do {                                         \
    json = (char*)"untouched";                 \
    xf_clear_error();                          \
    CHECK_STATUS(call, expected);              \
    CHECK(xf_last_error_message()[0] != '\0'); \
    CHECK(json == NULL);                       \
    CHECK(case_count(city) == 0);              \
  } while (0)

#define CHECK_MESSAGE(text) CHECK(strstr(xf_last_error_message(), (text)) != NULL)

/* ---- the story ---- */

static int set_up(void) {
  const char* base = getenv("TMPDIR");
  size_t i;
  if (base == NULL || base[0] == '\0') base = "/tmp";
  snprintf(directory, sizeof directory, "%s/xf-dossier-test-XXXXXX", base);
  if (mkdtemp(directory) == NULL) return 0;
  snprintf(district_path, sizeof district_path, "%s/district.db", directory);
  snprintf(city_path, sizeof city_path, "%s/city.db", directory);
  /* The district's chain is SM3, the city's SHA-256: a case keeps its history's hashes. */
  district = open_engine(district_path, T_REGISTERED, XF_HASH_SM3);
  city = open_engine(city_path, T_REGISTERED + 48 * HOUR, XF_HASH_SHA256);
  if (district == NULL || city == NULL) return 0;
  for (i = 0; i < sizeof kDistrictStaff / sizeof kDistrictStaff[0]; ++i) {
    CHECK_STATUS(xf_engine_put_staff(district, "admin", kDistrictStaff[i]), XF_OK);
  }
  for (i = 0; i < sizeof kCityStaff / sizeof kCityStaff[0]; ++i) {
    CHECK_STATUS(xf_engine_put_staff(city, "admin", kCityStaff[i]), XF_OK);
  }
  return 1;
}

static void tear_down(void) {
  static const char* const kSuffixes[] = {"", "-wal", "-shm", "-journal"};
  const char* const paths[] = {district_path, city_path};
  char path[600];
  size_t i;
  size_t j;
  CHECK_STATUS(xf_engine_close(district), XF_OK);
  CHECK_STATUS(xf_engine_close(city), XF_OK);
  for (i = 0; i < 2; ++i) {
    for (j = 0; j < sizeof kSuffixes / sizeof kSuffixes[0]; ++j) {
      snprintf(path, sizeof path, "%s%s", paths[i], kSuffixes[j]);
      unlink(path);
    }
  }
  if (rmdir(directory) != 0) fprintf(stderr, "note: %s is left behind (not empty)\n", directory);
}

/* A letter registered at the district and, a day later, forwarded (转送) to the city. */
static void forwarded_letter(char* number, size_t size) {
  char* result = NULL;
  intake(district, "d-reg", kLetter, number, size);
  CHECK_STATUS(xf_engine_set_time(district, T_REGISTERED + 26 * HOUR), XF_OK);
  CHECK_STATUS(xf_engine_run(district, number, "d-disp", "forward", "{\"organisation\":\"city\"}", 0, &result), XF_OK);
  CHECK(has(result, "\"status\":\"forwarded\""));
  xf_string_free(result);
  CHECK_STATUS(xf_engine_set_time(district, T_REGISTERED + 27 * HOUR), XF_OK);
}

/* The three forms: each reads and checks; the binary one holds NULs, so only out_size gives its size. */
static void test_forms(const char* number) {
  static const char* const kForms[] = {"xml", "text", "binary"};
  char* out = NULL;
  size_t out_size = 0;
  char* json = NULL;
  size_t i;
  for (i = 0; i < 3; ++i) {
    CHECK_STATUS(xf_engine_export_case(district, "d-disp", number, kForms[i], &out, &out_size), XF_OK);
    CHECK(out != NULL && out_size > 0 && out[out_size] == '\0');
    if (i < 2) CHECK(out != NULL && strlen(out) == out_size);
    if (i == 0) CHECK(out != NULL && strncmp(out, "<?xml", 5) == 0);
    if (i == 2) CHECK(out != NULL && strlen(out) < out_size);
    CHECK_STATUS(xf_dossier_check(out, out_size, &json), XF_OK);
    CHECK(has(json, "\"ok\":true") && has(json, number) && has(json, "\"hash_algorithm\":\"sm3\""));
    CHECK(has(json, "\"organisation\":\"district\"") && has(json, "\"exported_by\":\"d-disp\""));
    xf_string_free(json);
    xf_string_free(out);
  }
  /* NULL is XML. */
  CHECK_STATUS(xf_engine_export_case(district, "d-disp", number, NULL, &out, &out_size), XF_OK);
  CHECK(out != NULL && strncmp(out, "<?xml", 5) == 0);
  xf_string_free(out);
  CHECK(verifies(district));
}

static void test_export_refusals(const char* number) {
  char* out = NULL;
  size_t out_size = 0;
  xf_engine_options not_an_engine;
  const long events = events_of(district, number);

  CHECK_EXPORT_FAILS(xf_engine_export_case(NULL, "d-disp", number, "xml", &out, &out_size), XF_ERR_BAD_HANDLE);
  CHECK_EXPORT_FAILS(xf_engine_export_case((xf_engine*)(void*)&not_an_engine, "d-disp", number, "xml", &out, &out_size),
                     XF_ERR_BAD_HANDLE);
  CHECK_EXPORT_FAILS(xf_engine_export_case(district, NULL, number, "xml", &out, &out_size), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("actor");
  CHECK_EXPORT_FAILS(xf_engine_export_case(district, "d-disp", NULL, "xml", &out, &out_size), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("number");
  CHECK_EXPORT_FAILS(xf_engine_export_case(district, "d-disp", number, "pdf", &out, &out_size),
                     XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("pdf");
  CHECK_EXPORT_FAILS(xf_engine_export_case(district, "d-disp", number, "\xc3\x28", &out, &out_size),
                     XF_ERR_INVALID_UTF8);
  CHECK_EXPORT_FAILS(xf_engine_export_case(district, "\xff", number, "xml", &out, &out_size), XF_ERR_INVALID_UTF8);
  CHECK_MESSAGE("actor");
  CHECK_EXPORT_FAILS(xf_engine_export_case(district, "d-disp", "\xe4\xb8", "xml", &out, &out_size),
                     XF_ERR_INVALID_UTF8);
  CHECK_MESSAGE("number");
  CHECK_EXPORT_FAILS(xf_engine_export_case(district, "nobody", number, "xml", &out, &out_size), XF_ERR_FORBIDDEN);
  CHECK_EXPORT_FAILS(xf_engine_export_case(district, "d-disp", "MZJ-2025-999999", "xml", &out, &out_size),
                     XF_ERR_NOT_FOUND);
  /* Neither output may be NULL: the archive is useless without its size. */
  out_size = 99;
  xf_clear_error();
  CHECK_STATUS(xf_engine_export_case(district, "d-disp", number, "xml", NULL, &out_size), XF_ERR_INVALID_ARGUMENT);
  CHECK(out_size == 0);
  CHECK_MESSAGE("out");
  out = (char*)"untouched";
  CHECK_STATUS(xf_engine_export_case(district, "d-disp", number, "xml", &out, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK_MESSAGE("out_size");
  /* A refused export is no event. */
  CHECK(events_of(district, number) == events);
}

static void test_take_over(const char* origin, char* here, size_t size) {
  char* out = NULL;
  size_t out_size = 0;
  char* json = NULL;
  char* again = NULL;
  char* record = NULL;
  char* result = NULL;

  CHECK_STATUS(xf_engine_export_case(district, "d-disp", origin, "xml", &out, &out_size), XF_OK);
  CHECK_STATUS(xf_engine_import_dossier(city, "r-li", out, out_size, "{\"mode\":\"take_over\"}", &json), XF_OK);
  CHECK(has(json, "\"created\":true") && has(json, origin));
  CHECK(number_in(json, "number", here, size));
  CHECK(strcmp(here, origin) != 0 && strncmp(here, "MZJ-", 4) == 0);
  xf_string_free(json);
  CHECK(case_count(city) == 1);
  CHECK(verifies(city));
  CHECK(verifies(district));

  /* The history is the district's; the receipt follows it, and the case is registered at the city. */
  CHECK_STATUS(xf_engine_get(city, here, NULL, &record), XF_OK);
  CHECK(has(record, "\"dossier_received\"") && has(record, "\"exported\"") && has(record, "\"forwarded\""));
  CHECK(has(record, "\"status\":\"registered\"") && has(record, "\"organisation\":\"city\""));
  xf_string_free(record);

  /* The same dossier again: the same case, nothing written. */
  CHECK_STATUS(xf_engine_import_dossier(city, "r-li", out, out_size, NULL, &again), XF_OK);
  CHECK(has(again, "\"created\":false") && has(again, here));
  CHECK(case_count(city) == 1);
  xf_string_free(again);

  /* A database refuses its own case back. */
  json = (char*)"untouched";
  CHECK_STATUS(xf_engine_import_dossier(district, "d-reg", out, out_size, NULL, &json), XF_ERR_ALREADY_EXISTS);
  CHECK(json == NULL);

  /* Its life goes on at the city. */
  CHECK_STATUS(xf_engine_set_time(city, T_REGISTERED + 50 * HOUR), XF_OK);
  CHECK_STATUS(xf_engine_run(city, here, "d-wang", "accept", NULL, 0, &result), XF_OK);
  CHECK(has(result, "\"status\":\"accepted\""));
  xf_string_free(result);
  CHECK(verifies(city));
  xf_string_free(out);
}

static void test_binary_round_trip(const char* origin, const char* here) {
  char* out = NULL;
  size_t out_size = 0;
  char* json = NULL;
  char* copy;
  xf_engine* archive;
  char archive_path[600];

  /* A binary archive through a buffer that is not NUL-terminated where strlen() would stop. */
  CHECK_STATUS(xf_engine_export_case(district, "d-disp", origin, "binary", &out, &out_size), XF_OK);
  copy = copy_of(out, out_size);
  CHECK(copy != NULL && memchr(copy, '\0', out_size) != NULL);
  /* At the city it is the same case at a later point of its history: refused, nothing written. */
  CHECK_STATUS(xf_engine_import_dossier(city, "r-li", copy, out_size, NULL, &json), XF_ERR_ALREADY_EXISTS);
  CHECK_MESSAGE(here);
  CHECK(case_count(city) == 1);
  /* Into a third database, archived as it was (forwarded is closed). */
  snprintf(archive_path, sizeof archive_path, "%s/archive.db", directory);
  archive = open_engine(archive_path, T_REGISTERED + 72 * HOUR, XF_HASH_SHA256);
  CHECK_STATUS(xf_engine_put_staff(archive, "admin", kCityStaff[0]), XF_OK);
  CHECK_STATUS(xf_engine_import_dossier(archive, "r-li", copy, out_size, "{\"mode\":\"archive\"}", &json), XF_OK);
  CHECK(has(json, "\"created\":true") && has(json, origin));
  xf_string_free(json);
  CHECK(case_count(archive) == 1);
  CHECK(verifies(archive));
  CHECK_STATUS(xf_engine_close(archive), XF_OK);
  free(copy);
  xf_string_free(out);
  {
    static const char* const kSuffixes[] = {"", "-wal", "-shm", "-journal"};
    char path[700];
    size_t j;
    for (j = 0; j < sizeof kSuffixes / sizeof kSuffixes[0]; ++j) {
      snprintf(path, sizeof path, "%s%s", archive_path, kSuffixes[j]);
      unlink(path);
    }
  }
}

/* One byte of an event changed in each form: refused as an integrity error, nothing written;
 * xf_dossier_check() reads it and says where the chain breaks. */
static void test_tampered(const char* origin, xf_engine* receiver) {
  static const char* const kForms[] = {"xml", "text", "binary"};
  char* out = NULL;
  size_t out_size = 0;
  char* json = NULL;
  size_t i;
  const int64_t before = case_count(receiver);
  for (i = 0; i < 3; ++i) {
    char* copy;
    long at;
    CHECK_STATUS(xf_engine_export_case(district, "d-disp", origin, kForms[i], &out, &out_size), XF_OK);
    copy = copy_of(out, out_size);
    /* The identity number's last occurrence is in the registered event's payload (the case's
     * state, which comes first, is not what the chain covers). */
    at = copy != NULL ? find_last_bytes(copy, out_size, "110101199003071234") : -1;
    CHECK(at >= 0);
    if (copy == NULL || at < 0) {
      free(copy);
      xf_string_free(out);
      continue;
    }
    copy[at + 5] = copy[at + 5] == '9' ? '8' : '9';
    json = (char*)"untouched";
    CHECK_STATUS(xf_engine_import_dossier(receiver, "r-li", copy, out_size, NULL, &json), XF_ERR_INTEGRITY);
    CHECK_MESSAGE("was altered");
    CHECK(json == NULL);
    CHECK(case_count(receiver) == before);
    CHECK_STATUS(xf_dossier_check(copy, out_size, &json), XF_OK);
    CHECK(has(json, "\"ok\":false") && has(json, "was altered") && has(json, "\"sequence\":1"));
    CHECK(has(json, origin));
    xf_string_free(json);
    free(copy);
    xf_string_free(out);
  }
  CHECK(verifies(receiver));
}

static void test_truncated_and_malformed(const char* origin) {
  char* out = NULL;
  size_t out_size = 0;
  char* json = NULL;
  char* newer;
  long at;

  CHECK_STATUS(xf_engine_export_case(district, "d-disp", origin, "text", &out, &out_size), XF_OK);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size - 1, NULL, &json), XF_ERR_PARSE);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size / 2, NULL, &json), XF_ERR_PARSE);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, 40, NULL, &json), XF_ERR_PARSE);
  /* Size 0 is an empty archive, whatever the pointer. */
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, 0, NULL, &json), XF_ERR_PARSE);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", NULL, 0, NULL, &json), XF_ERR_PARSE);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", "hello", 5, NULL, &json), XF_ERR_PARSE);
  json = (char*)"untouched";
  CHECK_STATUS(xf_dossier_check(out, out_size - 1, &json), XF_ERR_PARSE);
  CHECK(json == NULL);
  CHECK_STATUS(xf_dossier_check(NULL, 0, &json), XF_ERR_PARSE);
  CHECK_STATUS(xf_dossier_check("", 0, &json), XF_ERR_PARSE);
  xf_string_free(out);

  /* Text that is not UTF-8 where the chain does not reach it (who exported it): refused as such. */
  CHECK_STATUS(xf_engine_export_case(district, "d-disp", origin, "xml", &out, &out_size), XF_OK);
  newer = copy_of(out, out_size);
  at = newer != NULL ? find_bytes(newer, out_size, "<exported_by>") : -1;
  CHECK(at >= 0);
  if (at >= 0) {
    newer[at + 13] = (char)0xff;
    CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", newer, out_size, NULL, &json), XF_ERR_INVALID_UTF8);
    CHECK_MESSAGE("UTF-8");
    CHECK_STATUS(xf_dossier_check(newer, out_size, &json), XF_ERR_INVALID_UTF8);
  }
  free(newer);
  xf_string_free(out);

  /* An archive whose dossier class is of a later version than this library writes. */
  CHECK_STATUS(xf_engine_export_case(district, "d-disp", origin, "xml", &out, &out_size), XF_OK);
  newer = copy_of(out, out_size);
  at = newer != NULL ? find_bytes(newer, out_size, "<dossier ") : -1;
  CHECK(at >= 0);
  if (at >= 0) {
    const long version = find_bytes(newer + at, out_size - (size_t)at, "version=\"1\"");
    CHECK(version >= 0);
    if (version >= 0) newer[at + version + 9] = '2';
    CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", newer, out_size, NULL, &json),
                       XF_ERR_UNSUPPORTED_VERSION);
    CHECK_STATUS(xf_dossier_check(newer, out_size, &json), XF_ERR_UNSUPPORTED_VERSION);
    CHECK(json == NULL);
  }
  free(newer);
  xf_string_free(out);
}

static void test_import_refusals(const char* origin) {
  char* out = NULL;
  size_t out_size = 0;
  char* json = NULL;
  xf_engine_options not_an_engine;

  CHECK_STATUS(xf_engine_export_case(district, "d-disp", origin, "xml", &out, &out_size), XF_OK);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(NULL, "r-li", out, out_size, NULL, &json), XF_ERR_BAD_HANDLE);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier((xf_engine*)(void*)&not_an_engine, "r-li", out, out_size, NULL, &json),
                     XF_ERR_BAD_HANDLE);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, NULL, out, out_size, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("actor");
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "\xc0\xaf", out, out_size, NULL, &json), XF_ERR_INVALID_UTF8);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", NULL, out_size, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("data");
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "nobody", out, out_size, NULL, &json), XF_ERR_FORBIDDEN);
  /* Options: JSON, an object, the one key, one of the two modes; the path names what is wrong. */
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size, "{\"mode\":", &json), XF_ERR_PARSE);
  CHECK_MESSAGE("options_json");
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size, "[]", &json), XF_ERR_INVALID_DATA);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size, "{\"mode\":\"keep\"}", &json),
                     XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("options_json /mode");
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size, "{\"mode\":1}", &json), XF_ERR_INVALID_DATA);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size, "{\"modes\":\"archive\"}", &json),
                     XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("options_json /modes: unknown key");
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size, "{\"mode\":\"\xff\"}", &json),
                     XF_ERR_INVALID_UTF8);
  /* Without an output nothing is imported. */
  xf_clear_error();
  CHECK_STATUS(xf_engine_import_dossier(city, "r-li", out, out_size, NULL, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_json");
  CHECK(case_count(city) == 0);

  CHECK_STATUS(xf_dossier_check(out, out_size, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_json");
  json = (char*)"untouched";
  CHECK_STATUS(xf_dossier_check(NULL, 12, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("data");
  CHECK(json == NULL);
  xf_string_free(out);
}

/* Exported without the confidential-reader role, a 检举控告 case's dossier lacks the reporter:
 * it checks, and is not imported. */
static void test_redacted(void) {
  char number[64] = "";
  char* out = NULL;
  size_t out_size = 0;
  char* json = NULL;

  intake(district, "d-reg", kAccusation, number, sizeof number);
  CHECK_STATUS(xf_engine_export_case(district, "d-reg", number, "xml", &out, &out_size), XF_OK);
  CHECK(find_bytes(out, out_size, "110101198001011234") < 0 && find_bytes(out, out_size, "李四") < 0);
  CHECK_STATUS(xf_dossier_check(out, out_size, &json), XF_OK);
  CHECK(has(json, "\"ok\":true") && has(json, "\"redacted\":true"));
  CHECK(json_integer(json, "redacted_events") >= 1);
  xf_string_free(json);
  CHECK_IMPORT_FAILS(xf_engine_import_dossier(city, "r-li", out, out_size, NULL, &json), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("redacted");
  xf_string_free(out);
  /* With the role, the whole case. */
  CHECK_STATUS(xf_engine_export_case(district, "d-conf", number, "xml", &out, &out_size), XF_OK);
  CHECK(find_bytes(out, out_size, "110101198001011234") >= 0);
  xf_string_free(out);
}

/* A period's concluded cases in one dossier: the forwarded letter (closed on 2025-03-04), not the
 * open accusation. */
static void test_concluded(const char* origin, const char* here) {
  char* out = NULL;
  size_t out_size = 0;
  char* json = NULL;
  xf_engine_options not_an_engine;

  CHECK_STATUS(xf_engine_export_concluded(district, "d-disp", "2025-03", "binary", &out, &out_size), XF_OK);
  CHECK(out != NULL && out_size > 0 && strlen(out) < out_size);
  CHECK_STATUS(xf_dossier_check(out, out_size, &json), XF_OK);
  CHECK(has(json, "\"ok\":true") && has(json, origin) && json_integer(json, "cases") == 1);
  CHECK(has(json, "\"period_from\":\"2025-03-01\"") && has(json, "\"period_to\":\"2025-03-31\""));
  xf_string_free(json);
  /* The city has the case already, at an earlier point of its history. */
  json = (char*)"untouched";
  CHECK_STATUS(xf_engine_import_dossier(city, "r-li", out, out_size, "{\"mode\":\"archive\"}", &json),
               XF_ERR_ALREADY_EXISTS);
  CHECK_MESSAGE(here);
  CHECK(json == NULL && case_count(city) == 1);
  xf_string_free(out);

  /* A period without a concluded case: a dossier with none. NULL format is XML. */
  CHECK_STATUS(xf_engine_export_concluded(district, "d-disp", "2025-02", NULL, &out, &out_size), XF_OK);
  CHECK(out != NULL && strncmp(out, "<?xml", 5) == 0 && strlen(out) == out_size);
  CHECK_STATUS(xf_dossier_check(out, out_size, &json), XF_OK);
  CHECK(has(json, "\"cases\":[]") && has(json, "\"ok\":true"));
  xf_string_free(json);
  xf_string_free(out);

  CHECK_EXPORT_FAILS(xf_engine_export_concluded(district, "d-disp", "March", "xml", &out, &out_size),
                     XF_ERR_INVALID_ARGUMENT);
  CHECK_EXPORT_FAILS(xf_engine_export_concluded(district, "d-disp", "2025-03-31..2025-03-01", "xml", &out, &out_size),
                     XF_ERR_INVALID_ARGUMENT);
  CHECK_EXPORT_FAILS(xf_engine_export_concluded(district, "d-disp", NULL, "xml", &out, &out_size),
                     XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("period");
  CHECK_EXPORT_FAILS(xf_engine_export_concluded(district, "d-disp", "2025-\xff", "xml", &out, &out_size),
                     XF_ERR_INVALID_UTF8);
  CHECK_EXPORT_FAILS(xf_engine_export_concluded(district, NULL, "2025-03", "xml", &out, &out_size),
                     XF_ERR_INVALID_ARGUMENT);
  CHECK_EXPORT_FAILS(xf_engine_export_concluded(district, "\xe4\xb8", "2025-03", "xml", &out, &out_size),
                     XF_ERR_INVALID_UTF8);
  CHECK_EXPORT_FAILS(xf_engine_export_concluded(district, "d-disp", "2025-03", "zip", &out, &out_size),
                     XF_ERR_INVALID_ARGUMENT);
  CHECK_EXPORT_FAILS(xf_engine_export_concluded(district, "nobody", "2025-03", "xml", &out, &out_size),
                     XF_ERR_FORBIDDEN);
  CHECK_EXPORT_FAILS(xf_engine_export_concluded(NULL, "d-disp", "2025-03", "xml", &out, &out_size), XF_ERR_BAD_HANDLE);
  CHECK_EXPORT_FAILS(
      xf_engine_export_concluded((xf_engine*)(void*)&not_an_engine, "d-disp", "2025-03", "xml", &out, &out_size),
      XF_ERR_BAD_HANDLE);
  out_size = 99;
  CHECK_STATUS(xf_engine_export_concluded(district, "d-disp", "2025-03", "xml", NULL, &out_size),
               XF_ERR_INVALID_ARGUMENT);
  CHECK(out_size == 0);
  out = (char*)"untouched";
  CHECK_STATUS(xf_engine_export_concluded(district, "d-disp", "2025-03", "xml", &out, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(verifies(district));
}

int main(void) {
  char origin[64] = "";
  char here[64] = "";
  if (!set_up()) {
    fprintf(stderr, "cannot set up the two databases: %s\n", xf_last_error_message());
    return 1;
  }
  forwarded_letter(origin, sizeof origin);
  test_forms(origin);
  test_export_refusals(origin);
  /* Every refusal before the first import, so that the city's file is seen to stay empty. */
  test_import_refusals(origin);
  test_truncated_and_malformed(origin);
  test_tampered(origin, city);
  test_redacted();
  test_take_over(origin, here, sizeof here);
  test_binary_round_trip(origin, here);
  test_concluded(origin, here);
  tear_down();
  printf("%d checks passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
