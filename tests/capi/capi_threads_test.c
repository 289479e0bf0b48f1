/* The C ABI's thread-safety promises, tested from C with POSIX threads:
 * - one engine handle shared by several threads: the calls run one after another, nothing is
 *   lost or made twice;
 * - one handle per thread on one database file: the same;
 * - the last error is per thread: a failure on one thread is not seen on another. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capi_check.h"

#define THREADS 4
#define INTAKES_PER_THREAD 25

static char directory[512];
static char database[600];

static const char* const kStaff =
    "{\"id\":\"r-li\",\"name\":\"李登记\",\"organisation\":\"city\",\"unit\":\"petition_office\","
    "\"roles\":[\"registrar\"]}";

struct worker {
  xf_engine* engine; /* shared, or NULL: the worker opens its own */
  int index;
  int made;        /* intakes that succeeded */
  int replayed;    /* retries answered with the first result */
  int wrong_error; /* failures whose per-thread error did not match */
};

static xf_status open_engine(xf_engine** out) {
  xf_engine_options options;
  xf_engine_options_init(&options);
  options.database = database;
  options.policy = "cn-national-2022";
  options.manual_clock = 1;
  options.manual_time = 1740965400LL; /* 2025-03-03T01:30:00Z */
  return xf_engine_open(&options, out);
}

static void* work(void* argument) {
  struct worker* w = (struct worker*)argument;
  xf_engine* engine = w->engine;
  char petition[512];
  char key[64];
  char* result = NULL;
  int i;
  if (engine == NULL && open_engine(&engine) != XF_OK) return NULL;
  for (i = 0; i < INTAKES_PER_THREAD; ++i) {
    snprintf(petition, sizeof petition,
             "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\","
             "\"subject\":\"线程 %d 第 %d 件\",\"content\":\"\",\"petitioners\":[{\"name\":\"张三\"}],"
             "\"received_at\":\"2025-03-03T09:00:00+08:00\"}",
             w->index, i);
    snprintf(key, sizeof key, "thread-%d-%d", w->index, i);
    if (xf_engine_intake(engine, "r-li", petition, key, &result) == XF_OK) {
      ++w->made;
      xf_string_free(result);
    }
    /* The same intake again, as a client retrying after a lost reply. */
    if (xf_engine_intake(engine, "r-li", petition, key, &result) == XF_OK) {
      if (strstr(result, "\"replayed\":true") != NULL) ++w->replayed;
      xf_string_free(result);
    }
    /* A failure of this thread's own, whose message this thread alone sees. */
    if (xf_engine_get(engine, "no-such-case", NULL, &result) != XF_ERR_NOT_FOUND ||
        xf_last_error_code() != XF_ERR_NOT_FOUND || strstr(xf_last_error_message(), "no-such-case") == NULL) {
      ++w->wrong_error;
    }
    xf_clear_error();
  }
  if (w->engine == NULL) xf_engine_close(engine);
  return NULL;
}

static long count_cases(xf_engine* engine) {
  int64_t count = -1;
  CHECK_STATUS(xf_engine_count(engine, NULL, &count), XF_OK);
  return (long)count;
}

static void run_workers(xf_engine* shared) {
  pthread_t threads[THREADS];
  struct worker workers[THREADS];
  int i;
  for (i = 0; i < THREADS; ++i) {
    memset(&workers[i], 0, sizeof workers[i]);
    workers[i].engine = shared;
    workers[i].index = shared != NULL ? i : THREADS + i;
    CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
  }
  for (i = 0; i < THREADS; ++i) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(workers[i].made == INTAKES_PER_THREAD);
    CHECK(workers[i].replayed == INTAKES_PER_THREAD);
    CHECK(workers[i].wrong_error == 0);
  }
}

static void check_verified(xf_engine* engine) {
  char* report = NULL;
  CHECK_STATUS(xf_engine_verify(engine, &report), XF_OK);
  CHECK(report != NULL && strstr(report, "\"ok\":true") != NULL);
  xf_string_free(report);
}

int main(void) {
  const char* tmp = getenv("TMPDIR");
  xf_engine* engine = NULL;
  char* json = NULL;
  snprintf(directory, sizeof directory, "%s/xinfang-threads-XXXXXX", tmp != NULL ? tmp : "/tmp");
  if (mkdtemp(directory) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  snprintf(database, sizeof database, "%s/cases.db", directory);
  CHECK_STATUS(open_engine(&engine), XF_OK);
  if (engine == NULL) return 1;
  CHECK_STATUS(xf_engine_put_staff(engine, "admin", kStaff), XF_OK);

  /* A failure on this thread stays while the workers fail and succeed on theirs. */
  CHECK_STATUS(xf_engine_get(engine, NULL, NULL, &json), XF_ERR_INVALID_ARGUMENT);

  run_workers(engine);
  CHECK(xf_last_error_code() == XF_ERR_INVALID_ARGUMENT);
  CHECK(strstr(xf_last_error_message(), "number") != NULL);
  CHECK(count_cases(engine) == THREADS * INTAKES_PER_THREAD);

  run_workers(NULL);
  CHECK(count_cases(engine) == 2 * THREADS * INTAKES_PER_THREAD);
  check_verified(engine);
  CHECK_STATUS(xf_engine_close(engine), XF_OK);

  {
    char path[700];
    snprintf(path, sizeof path, "%s-wal", database);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", database);
    unlink(path);
    unlink(database);
    rmdir(directory);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
