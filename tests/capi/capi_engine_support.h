/* What the C tests of the engine's ABI share: the engine they drive, its database, the story's
 * times and petitions, and the checks that a failed call left the database as it was. The tests
 * are split by theme over capi_engine_test.c (options, directory, a letter's life, batches) and
 * capi_engine_errors.c (bad calls, second handles, verification, a tampered file). */
#ifndef XINFANG_TESTS_CAPI_ENGINE_SUPPORT_H
#define XINFANG_TESTS_CAPI_ENGINE_SUPPORT_H

#include <stddef.h>
#include <stdlib.h> /* free, in CHECK_FAILS */
#include <string.h> /* strcmp, strstr, in the checks */

#include "capi_check.h"
#include "xinfang.h"

/* The engine every test shares, open on `database` (open_engine). */
extern xf_engine* engine;
extern char database[512];
extern char bad_database[512]; /* where the opens that must fail point */

/* The list of every case and the verify report, concatenated: the fingerprint of the database.
 * Released with free(): it is the test's own copy. */
char* snapshot(void);

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
int json_string(const char* json, const char* key, char* out, size_t size);
/* An integer member of a JSON text: the first member of that name whose value is a number. -1 if
 * there is none. */
long json_integer(const char* json, const char* key);
int has(const char* json, const char* text);
long total_cases(void);

/* Times of the story, seconds since the epoch (UTC); local time is UTC+8. */
#define T_MON_0930 1740965400LL  /* 2025-03-03T01:30:00Z, Monday 09:30 local: the letter is registered */
#define T_TUE_1000 1741053600LL  /* 2025-03-04T02:00:00Z: accepted and routed */
#define T_MON2_1000 1741572000LL /* 2025-03-10T02:00:00Z: replied */
#define T_TUE2_1000 1741658400LL /* 2025-03-11T02:00:00Z: rated */
/* The review window of 30 statutory days from the reply (2025-03-10) ends 2025-04-09 24:00. */
#define T_APR15_1000 1744682400LL /* 2025-04-15T02:00:00Z: archived */

extern const char* const kLetter;
extern const char* const kOtherLetter;

/* A fresh directory for the database under $TMPDIR, and its removal. */
int make_directory(void);
void remove_directory(void);
/* Opens `engine` on `database` under cn-national-2022, manual clock at T_MON_0930, seeded random. */
int open_engine(void);
/* Runs one command and checks the status it leaves; returns the case's new version. */
long run_ok(const char* number, const char* actor, const char* command, const char* args, long version,
            const char* status);
/* Overwrites every occurrence of @p from in a file with @p to, of the same length; returns how
 * many there were (-1 if the file cannot be read or written). */
long replace_in_file(const char* path, const char* from, const char* to);

void test_bad_calls(void);
void test_clocks_and_sweep(void); /* capi_engine_clocks.c */
void test_second_handles(void);
void test_verify(void);
void test_tampered_chain(void);
void test_queries(void);  /* capi_engine_queries.c */
void test_hosts(void);    /* capi_engine_hosts.c */
void test_petition(void); /* capi_engine_petition.c */

#endif
