/* The checks of the C tests of the ABI: each counts a pass or prints the failed condition, or
 * the status a call returned against the one expected, with the library's message. A program of
 * one file includes it once; a program of several defines CAPI_CHECK_SHARED_COUNTERS for each
 * and defines `passed` and `failed` in one of them. */
#ifndef XINFANG_TESTS_CAPI_CHECK_H
#define XINFANG_TESTS_CAPI_CHECK_H

#include <stdio.h>

#include "xinfang.h"

#ifdef CAPI_CHECK_SHARED_COUNTERS
extern int passed;
extern int failed;
#else
static int passed;
static int failed;
#endif

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      ++passed;                                                                \
    } else {                                                                   \
      ++failed;                                                                \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_STATUS(call, expected)                                                                                \
  do {                                                                                                              \
    xf_status got_ = (call);                                                                                        \
    if (got_ == (expected)) {                                                                                       \
      ++passed;                                                                                                     \
    } else {                                                                                                        \
      ++failed;                                                                                                     \
      fprintf(stderr, "%s:%d: %s returned %s (%s), expected %s\n", __FILE__, __LINE__, #call, xf_status_name(got_), \
              xf_last_error_message(), xf_status_name(expected));                                                   \
    }                                                                                                               \
  } while (0)

#endif
