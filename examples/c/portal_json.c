/* A government portal's request handler in C: JSON in, JSON out. The web server hands each
 * request's method, path and body to handle(); handle() passes the body straight to xinfang and
 * hands back xinfang's JSON, or an error document the front end can show. The C code never
 * parses JSON: the library checks every byte (UTF-8, syntax, shape) and says what is wrong.
 *
 * Routes (what a 网上信访 portal offers the public and its own back office):
 *   POST /petitions                   body: intake arguments     -> the new case, its query code
 *   GET  /cases/{number}?code={code}  the petitioner's own view  -> the case, redacted
 *   POST /cases/{number}/rate         body: {"level": ...}       -> the case's new status
 *   GET  /stats/{period}              the indicators of a period -> counts, rates, rankings
 *
 * The program plays a short session of requests through handle() and prints each response. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, unlink, rmdir */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xinfang.h"

/* The portal's own account in the staff directory: it registers what citizens submit online and
 * records their ratings. */
#define PORTAL_ACCOUNT "portal"

struct response {
  int http_status;
  char* body; /* owned: free with free() */
};

static char* copy_text(const char* text) {
  size_t size = strlen(text) + 1;
  char* copy = (char*)malloc(size);
  if (copy != NULL) memcpy(copy, text, size);
  return copy;
}

/* xinfang's status as an HTTP status and a JSON error document. The message is one line of
 * UTF-8 meant for people; it is quoted as a JSON string with the characters JSON escapes. */
static struct response error_response(xf_status status) {
  static const struct {
    xf_status status;
    int http;
  } kHttp[] = {{XF_ERR_INVALID_ARGUMENT, 400}, {XF_ERR_INVALID_UTF8, 400}, {XF_ERR_PARSE, 400},
               {XF_ERR_INVALID_DATA, 422},     {XF_ERR_NOT_FOUND, 404},    {XF_ERR_ALREADY_EXISTS, 409},
               {XF_ERR_CONFLICT, 409},         {XF_ERR_FORBIDDEN, 403},    {XF_ERR_INVALID_STATE, 409},
               {XF_ERR_OUT_OF_WINDOW, 409}};
  struct response r = {500, NULL};
  const char* message = xf_last_error_message();
  size_t i, length = strlen(message), used = 0;
  char* body = (char*)malloc(64 + 6 * length + 1);
  for (i = 0; i < sizeof kHttp / sizeof kHttp[0]; ++i) {
    if (kHttp[i].status == status) r.http_status = kHttp[i].http;
  }
  if (body == NULL) return r;
  used = (size_t)sprintf(body, "{\"error\":{\"code\":\"%s\",\"message\":\"", xf_status_name(status));
  for (i = 0; i < length; ++i) {
    unsigned char c = (unsigned char)message[i];
    if (c == '"' || c == '\\') {
      body[used++] = '\\';
      body[used++] = (char)c;
    } else if (c < 0x20) {
      used += (size_t)sprintf(body + used, "\\u%04x", c);
    } else {
      body[used++] = (char)c;
    }
  }
  strcpy(body + used, "\"}}");
  r.body = body;
  return r;
}

/* A result xinfang returned, as the response body (copied, so that the server frees it with free()). */
static struct response ok_response(int http_status, char* json) {
  struct response r;
  r.http_status = http_status;
  r.body = copy_text(json);
  xf_string_free(json);
  return r;
}

static struct response handle(xf_engine* engine, const char* method, const char* path, const char* body) {
  char number[64];
  char code[64];
  char* json = NULL;
  xf_status status;
  if (strcmp(method, "POST") == 0 && strcmp(path, "/petitions") == 0) {
    status = xf_engine_intake(engine, PORTAL_ACCOUNT, body, NULL, &json);
    return status == XF_OK ? ok_response(201, json) : error_response(status);
  }
  if (strcmp(method, "GET") == 0 && sscanf(path, "/cases/%63[^?]?code=%63s", number, code) == 2) {
    status = xf_engine_lookup(engine, number, code, &json);
    return status == XF_OK ? ok_response(200, json) : error_response(status);
  }
  if (strcmp(method, "POST") == 0 && sscanf(path, "/cases/%63[^/]/rate", number) == 1 &&
      strstr(path, "/rate") != NULL) {
    status = xf_engine_run(engine, number, PORTAL_ACCOUNT, "rate", body, 0, &json);
    return status == XF_OK ? ok_response(200, json) : error_response(status);
  }
  if (strcmp(method, "GET") == 0 && sscanf(path, "/stats/%63s", code) == 1) {
    status = xf_engine_indicators(engine, code, &json);
    return status == XF_OK ? ok_response(200, json) : error_response(status);
  }
  {
    struct response r = {404, copy_text("{\"error\":{\"code\":\"no_route\",\"message\":\"no such route\"}}")};
    return r;
  }
}

/* Copies the text of the member "key":"..." of a response, for the demo's next request. */
static void member(const char* json, const char* key, char* out, size_t size) {
  char pattern[64];
  const char* start;
  size_t length = 0;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  start = json != NULL ? strstr(json, pattern) : NULL;
  if (start != NULL) {
    start += strlen(pattern);
    while (start[length] != '"' && start[length] != '\0' && length + 1 < size) ++length;
    memcpy(out, start, length);
  }
  out[length] = '\0';
}

/* Plays one request, prints the response (long ones cut), and keeps the body for the caller. */
static struct response play(xf_engine* engine, const char* method, const char* path, const char* body) {
  struct response r = handle(engine, method, path, body);
  printf("%s %s -> %d %.160s%s\n", method, path, r.http_status, r.body != NULL ? r.body : "",
         r.body != NULL && strlen(r.body) > 160 ? "..." : "");
  return r;
}

static const char* const kStaff[] = {
    "{\"id\":\"portal\",\"name\":\"网上信访平台\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"registrar\"]}",
    "{\"id\":\"d-wang\",\"name\":\"王分办\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"dispatcher\"]}",
    "{\"id\":\"h-zhao\",\"name\":\"赵承办\",\"organisation\":\"city\",\"unit\":\"social_assistance\","
    "\"roles\":[\"handler\"]}",
};

int main(void) {
  char directory[512];
  char database[600];
  const char* tmp = getenv("TMPDIR");
  xf_engine_options options;
  xf_engine* engine = NULL;
  struct response r;
  char number[64] = "";
  char code[64] = "";
  char path[200];
  char* ignored = NULL;
  size_t i;
  int failures = 0;

  snprintf(directory, sizeof directory, "%s/xinfang-portal-XXXXXX", tmp != NULL ? tmp : "/tmp");
  if (mkdtemp(directory) == NULL) return 1;
  snprintf(database, sizeof database, "%s/portal.db", directory);
  xf_engine_options_init(&options);
  options.database = database;
  options.policy = "cn-national-2022";
  options.manual_clock = 1;
  options.manual_time = 1740969000; /* 2025-03-03 10:30 in Beijing */
  if (xf_engine_open(&options, &engine) != XF_OK) {
    fprintf(stderr, "open: %s\n", xf_last_error_message());
    return 1;
  }
  for (i = 0; i < sizeof kStaff / sizeof kStaff[0]; ++i) xf_engine_put_staff(engine, "admin", kStaff[i]);

  /* A citizen submits a petition online; the portal answers with the number and query code. */
  r = play(engine, "POST", "/petitions",
           "{\"channel\":\"online\",\"type\":\"claim\",\"category\":\"social_assistance\","
           "\"subject\":\"低保金三个月未发放\",\"content\":\"自2024年12月起未收到最低生活保障金。\","
           "\"petitioners\":[{\"name\":\"张三\",\"phone\":\"13800000000\"}],"
           "\"received_at\":\"2025-03-03T10:30:00+08:00\"}");
  member(r.body, "number", number, sizeof number);
  member(r.body, "query_code", code, sizeof code);
  failures += r.http_status != 201 || number[0] == '\0' || code[0] == '\0';
  free(r.body);

  /* Malformed and wrong submissions: a clear error each, and no case made. */
  r = play(engine, "POST", "/petitions", "{\"channel\":\"online\",");
  failures += r.http_status != 400 || strstr(r.body, "\"parse_error\"") == NULL;
  free(r.body);
  r = play(engine, "POST", "/petitions", "{\"channel\":\"pigeon\",\"type\":\"claim\"}");
  failures += r.http_status / 100 != 4;
  free(r.body);

  /* The petitioner looks the case up with the code; a wrong code finds nothing. */
  snprintf(path, sizeof path, "/cases/%s?code=%s", number, code);
  r = play(engine, "GET", path, NULL);
  failures += r.http_status != 200 || strstr(r.body, "\"registered\"") == NULL;
  free(r.body);
  snprintf(path, sizeof path, "/cases/%s?code=WRONG", number);
  r = play(engine, "GET", path, NULL);
  failures += r.http_status != 404;
  free(r.body);

  /* The office accepts, routes and replies (its own back office, not the portal). */
  xf_engine_set_time(engine, 1741053600);
  xf_engine_run(engine, number, "d-wang", "accept", NULL, 0, &ignored);
  xf_string_free(ignored);
  xf_engine_run(engine, number, "d-wang", "route", "{\"unit\":\"social_assistance\",\"handler\":\"h-zhao\"}", 0,
                &ignored);
  xf_string_free(ignored);
  xf_engine_set_time(engine, 1741572000);
  xf_engine_run(engine, number, "h-zhao", "reply", "{\"outcome\":\"supported\",\"text\":\"已补发三个月低保金。\"}", 0,
                &ignored);
  xf_string_free(ignored);

  /* The petitioner rates the reply through the portal; rating twice is refused. */
  xf_engine_set_time(engine, 1741658400);
  snprintf(path, sizeof path, "/cases/%s/rate", number);
  r = play(engine, "POST", path, "{\"level\":\"satisfied\",\"resolved\":true}");
  failures += r.http_status != 200 || strstr(r.body, "\"rated\"") == NULL;
  free(r.body);
  r = play(engine, "POST", path, "{\"level\":\"satisfied\"}");
  failures += r.http_status != 409;
  free(r.body);

  /* The public statistics page. */
  r = play(engine, "GET", "/stats/2025-03", NULL);
  failures += r.http_status != 200 || strstr(r.body, "\"total\"") == NULL;
  free(r.body);
  r = play(engine, "GET", "/stats/March", NULL);
  failures += r.http_status != 400;
  free(r.body);

  xf_engine_close(engine);
  {
    char file[700];
    snprintf(file, sizeof file, "%s-wal", database);
    unlink(file);
    snprintf(file, sizeof file, "%s-shm", database);
    unlink(file);
    unlink(database);
    rmdir(directory);
  }
  if (failures != 0) {
    printf("%d responses were not as expected\n", failures);
    return 1;
  }
  printf("every response as expected: JSON in, JSON out\n");
  return 0;
}
