/**
 * @file xinfang.h
 * @brief The stable C ABI of xinfang (C99).
 *
 * Conventions, true of every function here:
 * - Every function returns an ::xf_status: ::XF_OK (0) on success, a negative code on failure.
 *   On failure, xf_last_error_message() returns a one-line message for the calling thread, and
 *   output parameters are left unchanged.
 * - Output parameters come last. Strings are UTF-8 and NUL-terminated.
 * - Memory the library returns is owned by the caller and released with the library's own
 *   function named in the documentation (xf_string_free(), xf_calendar_free()); never with
 *   libc free(). Destroy functions accept NULL.
 * - Borrowed pointers stay valid for the time the documentation says, no longer.
 * - Nothing unwinds across this boundary: every C++ exception becomes a status.
 * - Dates are ::xf_date values (proleptic Gregorian); instants are seconds since
 *   1970-01-01T00:00:00Z (UTC).
 *
 * Thread safety: the error functions are per thread. A calendar handle is immutable once made:
 * any number of threads may query one handle at once; freeing it must not race with its use.
 */
#ifndef XINFANG_H
#define XINFANG_H

#include <stdint.h>

#include "xinfang/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(XF_BUILDING_LIBRARY)
#define XF_API __attribute__((visibility("default")))
#else
#define XF_API
#endif
/** @endcond */

/* ------------------------------------------------------------------------------------------ */
/* Status codes and errors */

/** The result of every call: ::XF_OK or one of the negative XF_ERR_* codes. */
typedef int xf_status;

#define XF_OK 0                          /**< Success. */
#define XF_ERR_INVALID_ARGUMENT (-1)     /**< NULL pointer, value out of range, impossible date. */
#define XF_ERR_INVALID_UTF8 (-2)         /**< Text that is not valid UTF-8. */
#define XF_ERR_PARSE (-3)                /**< Malformed input, e.g. JSON syntax (line and column in the message). */
#define XF_ERR_INVALID_DATA (-4)         /**< Well-formed input that breaks the rules (JSON path in the message). */
#define XF_ERR_CALENDAR_RANGE (-5)       /**< A date in a year the calendar has no holiday table for. */
#define XF_ERR_NOT_FOUND (-6)            /**< A named thing does not exist. */
#define XF_ERR_ALREADY_EXISTS (-7)       /**< A thing that must be unique exists already. */
#define XF_ERR_CONFLICT (-8)             /**< Stale version, or an idempotency key reused with other content. */
#define XF_ERR_FORBIDDEN (-9)            /**< The actor's roles do not allow the command. */
#define XF_ERR_INVALID_STATE (-10)       /**< The command is not allowed in the case's state. */
#define XF_ERR_OUT_OF_WINDOW (-11)       /**< The command came outside its allowed period. */
#define XF_ERR_STORAGE (-12)             /**< The database failed. */
#define XF_ERR_INTEGRITY (-13)           /**< Data fails verification (broken hash chain). */
#define XF_ERR_UNSUPPORTED_VERSION (-14) /**< A file or archive from a newer xinfang. */
#define XF_ERR_BAD_HANDLE (-15)          /**< A handle that is NULL, freed or of the wrong kind. */
#define XF_ERR_OUT_OF_MEMORY (-16)       /**< An allocation failed. */
#define XF_ERR_INTERNAL (-17)            /**< A bug in xinfang. */

/**
 * The message of the last failed call on this thread: one line, UTF-8, never NULL ("" if no
 * call failed since the last xf_clear_error()).
 * @return Borrowed; valid until the next xf_* call on this thread.
 */
XF_API const char* xf_last_error_message(void);

/** @return The status of the last failed call on this thread, or ::XF_OK. */
XF_API xf_status xf_last_error_code(void);

/** Forgets this thread's last error. */
XF_API void xf_clear_error(void);

/**
 * The stable name of a status, e.g. "calendar_range" for ::XF_ERR_CALENDAR_RANGE.
 * @param status Any value.
 * @return Static string, never NULL ("unknown" for values that are not codes).
 */
XF_API const char* xf_status_name(xf_status status);

/* ------------------------------------------------------------------------------------------ */
/* Version */

/**
 * The library's version string, e.g. "0.1.0" (compare with ::XF_VERSION_STRING).
 * @return Static string.
 */
XF_API const char* xf_version(void);

/** @return The library's version as major * 10000 + minor * 100 + patch (compare with ::XF_VERSION_NUMBER). */
XF_API int xf_version_number(void);

/** @return The library's ABI version, its SOVERSION (compare with ::XF_ABI_VERSION). */
XF_API int xf_abi_version(void);

/* ------------------------------------------------------------------------------------------ */
/* Strings returned by the library */

/**
 * Releases a string the library returned (JSON results and the like).
 * @param text Owned string from the library, or NULL (then nothing happens).
 */
XF_API void xf_string_free(char* text);

/* ------------------------------------------------------------------------------------------ */
/* Calendars */

/** An opaque working-day calendar. Immutable once made; free with xf_calendar_free(). */
typedef struct xf_calendar xf_calendar;

/** A calendar day. */
typedef struct xf_date {
  int32_t year;  /**< e.g. 2025 */
  int32_t month; /**< 1..12 */
  int32_t day;   /**< 1..31 */
} xf_date;

/** What kind of day a date is (values fixed forever). */
typedef enum xf_day_kind {
  XF_DAY_WORKDAY = 0,       /**< An ordinary working day. */
  XF_DAY_WEEKEND = 1,       /**< A weekend day that is not made a working day. */
  XF_DAY_HOLIDAY = 2,       /**< A statutory or local holiday. */
  XF_DAY_MAKEUP_WORKDAY = 3 /**< A weekend day made a working day (调休上班). */
} xf_day_kind;

/** Whether a calendar has a table for a year (values fixed forever). */
typedef enum xf_year_status {
  XF_YEAR_UNKNOWN = 0,   /**< No table: queries needing the year fail with ::XF_ERR_CALENDAR_RANGE. */
  XF_YEAR_PUBLISHED = 1, /**< A published table. */
  XF_YEAR_ESTIMATED = 2  /**< A weekend-only estimate the host allowed. */
} xf_year_status;

/**
 * Makes a handle on the compiled-in national calendar of China ("cn-national", 2008–2026).
 * @param[out] out Receives a new handle, owned by the caller (free with xf_calendar_free()).
 * @return ::XF_OK, or ::XF_ERR_INVALID_ARGUMENT if @p out is NULL.
 */
XF_API xf_status xf_calendar_national(xf_calendar** out);

/**
 * Loads a calendar from a JSON document (docs/calendar.md), layered over @p base if given, or
 * over the built-in calendar the document's "base" names.
 * @param json UTF-8 JSON text, NUL-terminated.
 * @param base Calendar to layer over, or NULL. Borrowed for the call only.
 * @param[out] out Receives a new handle, owned by the caller.
 * @return ::XF_OK; ::XF_ERR_INVALID_UTF8, ::XF_ERR_PARSE, ::XF_ERR_INVALID_DATA (the message
 *         names the JSON path), ::XF_ERR_NOT_FOUND for an unknown base name,
 *         ::XF_ERR_INVALID_ARGUMENT for NULL @p json or @p out, ::XF_ERR_BAD_HANDLE for a bad @p base.
 */
XF_API xf_status xf_calendar_load_json(const char* json, const xf_calendar* base, xf_calendar** out);

/**
 * Makes a copy of @p calendar in which the years @p first_year..@p last_year that have no
 * table are estimated from the weekend alone.
 * @param calendar Borrowed for the call only.
 * @param first_year First year to estimate (1900..2200).
 * @param last_year Last year to estimate, >= @p first_year.
 * @param[out] out Receives a new handle, owned by the caller.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_with_estimated_years(const xf_calendar* calendar, int first_year, int last_year,
                                                  xf_calendar** out);

/**
 * Releases a calendar handle.
 * @param calendar Handle from this library, or NULL (then nothing happens).
 */
XF_API void xf_calendar_free(xf_calendar* calendar);

/**
 * The calendar's name.
 * @param calendar The calendar.
 * @param[out] out Receives a string borrowed until the calendar is freed.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_name(const xf_calendar* calendar, const char** out);

/**
 * Whether a year has a published table, an estimate, or neither.
 * @param calendar The calendar.
 * @param year Any year.
 * @param[out] out Receives an ::xf_year_status value.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_year_status(const xf_calendar* calendar, int year, int* out);

/**
 * Whether a day is a working day, and why.
 * @param calendar The calendar.
 * @param day The day.
 * @param[out] working Receives 1 for a working day, 0 otherwise. May be NULL.
 * @param[out] kind Receives an ::xf_day_kind value. May be NULL.
 * @param[out] name Receives the holiday's name (for a make-up day, the holiday it makes up
 *             for), "" for an ordinary day; borrowed until the calendar is freed. May be NULL.
 * @return ::XF_OK; ::XF_ERR_INVALID_ARGUMENT for an impossible date;
 *         ::XF_ERR_CALENDAR_RANGE for a year without a table.
 */
XF_API xf_status xf_calendar_day(const xf_calendar* calendar, xf_date day, int* working, int* kind, const char** name);

/**
 * The first working day after @p day.
 * @param calendar The calendar.
 * @param day The day.
 * @param[out] out Receives the working day.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_next_workday(const xf_calendar* calendar, xf_date day, xf_date* out);

/**
 * The last working day before @p day.
 * @param calendar The calendar.
 * @param day The day.
 * @param[out] out Receives the working day.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_previous_workday(const xf_calendar* calendar, xf_date day, xf_date* out);

/**
 * @p day plus @p days calendar days (negative goes back); needs no holiday table.
 * @param calendar The calendar.
 * @param day The day.
 * @param days Number of days.
 * @param[out] out Receives the day.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_add_days(const xf_calendar* calendar, xf_date day, int days, xf_date* out);

/**
 * The @p days-th working day after @p day (before it, if negative); @p day is not counted.
 * @param calendar The calendar.
 * @param day The day.
 * @param days Number of working days; 0 gives @p day.
 * @param[out] out Receives the day.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_add_workdays(const xf_calendar* calendar, xf_date day, int days, xf_date* out);

/**
 * The last day of a statutory period: @p days calendar days counted from the day after
 * @p start, rolled forward to the next working day if the last day is not one.
 * @param calendar The calendar.
 * @param start The day the period starts (not counted).
 * @param days Length of the period, >= 0.
 * @param[out] out Receives the last day.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_statutory_end(const xf_calendar* calendar, xf_date start, int days, xf_date* out);

/**
 * The number of working days after @p from up to and including @p to (negative if @p to is
 * before @p from).
 * @param calendar The calendar.
 * @param from The first day (not counted).
 * @param to The last day (counted).
 * @param[out] out Receives the count.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_workdays_between(const xf_calendar* calendar, xf_date from, xf_date to, int* out);

/**
 * The end of local day @p day (24:00 in the calendar's time zone) as seconds since the epoch.
 * @param calendar The calendar.
 * @param day The day.
 * @param[out] out Receives the instant.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_end_of_day(const xf_calendar* calendar, xf_date day, int64_t* out);

/**
 * The instant at which @p seconds of business time have passed after @p start.
 * @param calendar A calendar with business hours (else ::XF_ERR_INVALID_ARGUMENT).
 * @param start Seconds since the epoch.
 * @param seconds Business time to add, >= 0.
 * @param[out] out Receives seconds since the epoch.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_add_business_seconds(const xf_calendar* calendar, int64_t start, int64_t seconds,
                                                  int64_t* out);

/**
 * The holidays and make-up working days whose date falls in @p year, as JSON:
 * `{"calendar":..., "year":..., "status": "published"|"estimated"|"unknown", "source":...,
 * "days":[{"date":"YYYY-MM-DD","kind":"holiday"|"makeup_workday","name":...,"source":...}]}`.
 * @param calendar The calendar.
 * @param year The year.
 * @param[out] out Receives a JSON string owned by the caller (free with xf_string_free()).
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a bad @p calendar; ::XF_ERR_INVALID_ARGUMENT for a NULL
 *         output or an impossible date; ::XF_ERR_CALENDAR_RANGE if a day it needs lies in a
 *         year without a table.
 */
XF_API xf_status xf_calendar_year_json(const xf_calendar* calendar, int year, char** out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XINFANG_H */
