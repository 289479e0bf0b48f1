/**
 * @file xinfang.h
 * @brief The stable C ABI of xinfang (C99).
 *
 * Conventions, true of every function here:
 * - Every function returns an ::xf_status: ::XF_OK (0) on success, a negative code on failure.
 *   On failure, xf_last_error_message() returns a one-line message for the calling thread, and
 *   output parameters are left unchanged, except those of the engine functions (xf_engine_*),
 *   whose output pointers are set to NULL so that a stale result is never taken for a new one.
 * - Output parameters come last. Strings are UTF-8 and NUL-terminated.
 * - Memory the library returns is owned by the caller and released with the library's own
 *   function named in the documentation (xf_string_free(), xf_calendar_free(),
 *   xf_engine_close()); never with libc free(). Destroy functions accept NULL.
 * - Borrowed pointers stay valid for the time the documentation says, no longer.
 * - Nothing unwinds across this boundary: every C++ exception becomes a status.
 * - Dates are ::xf_date values (proleptic Gregorian); instants are seconds since
 *   1970-01-01T00:00:00Z (UTC).
 *
 * - A string argument longer than ::XF_MAX_INPUT_BYTES is refused with ::XF_ERR_INVALID_ARGUMENT
 *   before it is read further.
 *
 * Thread safety: the error functions are per thread. A calendar handle is immutable once made:
 * any number of threads may query one handle at once. An engine handle is internally
 * synchronised: any number of threads may call it at once, and the calls run one after another
 * (for parallel work, open one handle per thread: any number of engines, in any number of
 * processes, may open one database). Freeing or closing a handle must not race with its use.
 */
#ifndef XINFANG_H
#define XINFANG_H

#include <stddef.h>
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
#define XF_ERR_CALLBACK (-18)            /**< A host callback returned non-zero (its value in the message). */

/** The longest string argument any function reads, in bytes (64 MiB). Later versions may raise it, never lower it. */
#define XF_MAX_INPUT_BYTES (64 * 1024 * 1024)

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

/* ------------------------------------------------------------------------------------------ */
/* The engine: cases on a database file */

/**
 * An opaque engine: a database of cases opened under a policy (docs/c-api.md). Open with
 * xf_engine_open(), close with xf_engine_close(). Calls on one handle from several threads run
 * one after another; closing must not race with another call on the same handle.
 *
 * Every engine function below follows these rules besides the file's own:
 * - Each command is one transaction: when a function fails, nothing in the database has changed.
 * - Text is UTF-8: a string argument that is not gives ::XF_ERR_INVALID_UTF8 (the message names
 *   the parameter and the byte offset). JSON arguments that do not parse give ::XF_ERR_PARSE
 *   (line and column in the message); JSON of the wrong shape gives ::XF_ERR_INVALID_DATA (the
 *   JSON path in the message).
 * - A NULL required pointer gives ::XF_ERR_INVALID_ARGUMENT naming the parameter; a NULL, closed
 *   or foreign handle gives ::XF_ERR_BAD_HANDLE.
 * - On failure the output pointer, if not NULL, is set to NULL. On success it receives a JSON
 *   string owned by the caller, released with xf_string_free().
 * - Actors and readers are staff ids of the engine's directory (xf_engine_put_staff()): the
 *   engine checks the policy's permissions against the roles the directory gives the person.
 */
typedef struct xf_engine xf_engine;

/** Durability of commits, for ::xf_engine_options::durability (values fixed forever). */
#define XF_DURABILITY_NORMAL 0 /**< A commit survives a crash of the process (the default). */
#define XF_DURABILITY_FULL 1   /**< A commit survives a power cut too (an fsync per commit). */

/** Hash of the audit chain, for ::xf_engine_options::hash (values fixed forever). */
#define XF_HASH_SHA256 0 /**< SHA-256 (the default). */
#define XF_HASH_SM3 1    /**< SM3 (GB/T 32905-2016). */

/**
 * A clock the host provides (::xf_engine_options::clock_callback): the engine calls it whenever it
 * needs the time — at least once per command, possibly from a thread of its own during
 * xf_engine_intake_batch(), never from two threads at once for one engine.
 * @param payload ::xf_engine_options::clock_payload, untouched.
 * @param[out] out_unix_seconds Receives the time, seconds since the epoch (UTC).
 * @return 0 on success; any other value makes the call that asked fail with ::XF_ERR_CALLBACK
 *         (the value in the message), changing nothing.
 */
typedef int (*xf_clock_callback)(void* payload, int64_t* out_unix_seconds);

/**
 * How to open an engine. Fill it with xf_engine_options_init() first, then set what differs:
 * the structure may grow in later versions, and `struct_size` tells the library which fields
 * the caller knows (fields past it take their defaults).
 */
typedef struct xf_engine_options {
  uint32_t struct_size; /**< sizeof(xf_engine_options) as the caller compiled it (set by xf_engine_options_init()). */
  const char* database; /**< Path of the database file (UTF-8). Required. Borrowed for the call. */
  /** A preset name ("cn-national-2022", ...) or policy JSON text; NULL or "" for the policy in
   *  force in the database. Given for an existing database and different from the one in
   *  force, it is installed as the new policy in force. Required for a new database. */
  const char* policy;
  const char* installer;   /**< Who installs a new policy (recorded); NULL or "" means "system". */
  int32_t durability;      /**< ::XF_DURABILITY_NORMAL (default) or ::XF_DURABILITY_FULL. */
  int32_t hash;            /**< ::XF_HASH_SHA256 (default) or ::XF_HASH_SM3; used when the database is created. */
  int32_t create;          /**< 1 (default): create the file if it does not exist; 0: it must exist. */
  int32_t busy_timeout_ms; /**< How long to wait for another process's write lock, >= 0 (default 30000). */
  int32_t manual_clock;    /**< 0 (default): the system clock; 1: a manual clock, see xf_engine_set_time(). */
  int64_t manual_time;     /**< With a manual clock: its start, seconds since the epoch (UTC). */
  int32_t seeded_random;   /**< 0 (default): cryptographic random bytes; 1: a reproducible stream, for tests only. */
  uint64_t random_seed;    /**< With seeded random bytes: the seed. */
  /** 1 (default): xf_engine_intake_batch() decides petitions on a second thread while the
   *  calling thread reads and writes the file; 0: on the calling thread alone. The results and
   *  the stored rows are the same either way. Added after the first version of the structure. */
  int32_t parallel_batches;
  /** The calendar to count on, or NULL for the national calendar. Borrowed for the open call
   *  (the engine keeps its own copy). Added in the second version of the structure. */
  const xf_calendar* calendar;
  /** The engine's clock, or NULL for the system clock (or the manual one); not together with
   *  manual_clock = 1. Added in the second version of the structure. */
  xf_clock_callback clock_callback;
  /** Passed to clock_callback untouched; the host keeps it alive until xf_engine_close(). */
  void* clock_payload;
} xf_engine_options;

/**
 * Fills @p options with the defaults: struct_size = sizeof(xf_engine_options), create 1,
 * busy_timeout_ms 30000, parallel_batches 1, everything else 0 or NULL.
 * @param[out] options The structure to fill.
 * @return ::XF_OK, or ::XF_ERR_INVALID_ARGUMENT if @p options is NULL.
 */
XF_API xf_status xf_engine_options_init(xf_engine_options* options);

/**
 * Opens a database of cases, creating it (with the policy) if it does not exist and
 * `create` is 1, and upgrading an older one.
 * @param options How to open; borrowed for the call only. Its struct_size must be at least
 *        the size of the first version of the structure.
 * @param[out] out_engine Receives a new handle, owned by the caller (close with
 *             xf_engine_close()); NULL on failure.
 * @return ::XF_OK; ::XF_ERR_INVALID_ARGUMENT (NULL @p options, @p out_engine or database, a
 *         struct_size too small, a field out of range, a new database without a policy);
 *         ::XF_ERR_INVALID_UTF8; ::XF_ERR_STORAGE (the file cannot be opened or is not a
 *         database); ::XF_ERR_UNSUPPORTED_VERSION (written by a newer xinfang);
 *         ::XF_ERR_INTEGRITY (the stored policy does not load); ::XF_ERR_PARSE or
 *         ::XF_ERR_INVALID_DATA (a bad policy); ::XF_ERR_NOT_FOUND (an unknown preset).
 */
XF_API xf_status xf_engine_open(const xf_engine_options* options, xf_engine** out_engine);

/**
 * Closes the database and releases the handle.
 * @param engine Handle from xf_engine_open(), or NULL (then nothing happens).
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE for a handle that is closed already or not an engine.
 */
XF_API xf_status xf_engine_close(xf_engine* engine);

/**
 * Sets the time of an engine opened with a manual clock (tests, simulations, replays).
 * @param engine The engine.
 * @param unix_seconds The new time, seconds since the epoch (UTC). It may go backwards, but the
 *        engine refuses a command older than a case's last event.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_STATE if the engine runs on the
 *         system clock; ::XF_ERR_INVALID_ARGUMENT for a time out of range.
 */
XF_API xf_status xf_engine_set_time(xf_engine* engine, int64_t unix_seconds);

/**
 * Registers a petition (the intake command).
 * @param engine The engine.
 * @param actor The registrar's staff id.
 * @param petition_json The intake arguments as a JSON object (docs/lifecycle.md): channel, type,
 *        category, subject, content, petitioners, received_at, ...
 * @param idempotency_key A key the caller keeps for this petition, or NULL (or "") for none: a retry
 *        with the same key and content returns the case made the first time, with
 *        "replayed": true; the same key with other content is ::XF_ERR_CONFLICT.
 * @param[out] out_result_json Receives {"number", "version", "status", "events", "query_code",
 *             "replayed"} (docs/c-api.md). Give the query code to the petitioner: only its hash is kept.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_PARSE; ::XF_ERR_INVALID_DATA; ::XF_ERR_FORBIDDEN (the actor's roles, or an
 *         actor not in the directory); ::XF_ERR_NOT_FOUND (an id the policy lacks);
 *         ::XF_ERR_INVALID_STATE (a matter concluded after re-review); ::XF_ERR_CONFLICT;
 *         ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_intake(xf_engine* engine, const char* actor, const char* petition_json,
                                  const char* idempotency_key, char** out_result_json);

/**
 * One petitioner of an ::xf_petition. Strings are UTF-8 and borrowed for the call; NULL means
 * "not given". The layout is fixed forever: what a later version needs per petitioner comes as a
 * new structure.
 */
typedef struct xf_petitioner {
  const char* name;       /**< Name. Required. */
  const char* id_number;  /**< Identity-card number, or NULL. */
  const char* phone;      /**< Phone, or NULL. */
  const char* address;    /**< Address, or NULL. */
  int32_t representative; /**< 1: a representative of a group petition; 0 (default) otherwise. */
} xf_petitioner;

/**
 * Metadata of one attachment of an ::xf_petition (the file itself stays with the host). Strings
 * are UTF-8 and borrowed for the call. The layout is fixed forever.
 */
typedef struct xf_attachment {
  const char* name;       /**< File name. Required. */
  const char* media_type; /**< e.g. "application/pdf". Required. */
  int64_t size;           /**< Bytes, >= 0. */
  const char* sha256;     /**< Hex digest of the content. Required. */
} xf_attachment;

/**
 * A petition as a structure: what xf_engine_intake_petition() registers, the same intake
 * arguments that xf_engine_intake() takes as JSON (docs/lifecycle.md). For a host whose data
 * are fields rather than JSON text. Fill it with xf_petition_init() first, then set what the
 * petition has: the structure may grow in later versions, and `struct_size` tells the library
 * which fields the caller knows. Strings are UTF-8 and borrowed for the call; NULL means "not
 * given" (the engine says which required ones are missing, by their JSON path).
 */
typedef struct xf_petition {
  uint32_t struct_size;             /**< sizeof(xf_petition) as the caller compiled it (set by xf_petition_init()). */
  const char* channel;              /**< Channel id from the policy. */
  const char* type;                 /**< Petition type: "claim", "suggestion", "accusation", ... */
  const char* sub_route;            /**< Sub-route id, or NULL. */
  const char* category;             /**< Category id from the policy. */
  const char* region;               /**< Region id, or NULL. */
  const char* subject;              /**< Subject line. */
  const char* content;              /**< Full text. */
  const xf_petitioner* petitioners; /**< petitioner_count petitioners (at least one). */
  size_t petitioner_count;          /**< How many; 0 with petitioners NULL. */
  int32_t group;                    /**< 1: a group petition; 0 (default) otherwise. */
  int32_t new_matter;               /**< 1: new facts and reasons, not a repeat; 0 (default) otherwise. */
  int64_t received_at;     /**< When it arrived, seconds since the epoch (UTC); 0 (default) for the engine's now. */
  const char* received_by; /**< Who received it, or NULL for the actor. */
  const xf_attachment* attachments; /**< attachment_count attachments' metadata, or NULL. */
  size_t attachment_count;          /**< How many; 0 with attachments NULL. */
} xf_petition;

/**
 * Fills @p petition with the defaults: struct_size = sizeof(xf_petition), every other field 0
 * or NULL.
 * @param[out] petition The structure to fill.
 * @return ::XF_OK, or ::XF_ERR_INVALID_ARGUMENT if @p petition is NULL.
 */
XF_API xf_status xf_petition_init(xf_petition* petition);

/**
 * Registers a petition given as a structure; otherwise as xf_engine_intake(). The petition
 * registered is the one xf_engine_intake() would register from the same fields as JSON, and
 * the two are the same request to an idempotency key.
 * @param engine The engine.
 * @param actor The registrar's staff id.
 * @param petition The petition, filled after xf_petition_init().
 * @param idempotency_key As for xf_engine_intake().
 * @param[out] out_result_json As for xf_engine_intake().
 * @return As xf_engine_intake(), and ::XF_ERR_INVALID_ARGUMENT for a NULL @p petition, a
 *         struct_size below the first version's, a count with a NULL array or above 100000,
 *         a flag other than 0 or 1, a negative size or time; ::XF_ERR_UNSUPPORTED_VERSION for fields of a newer
 *         version of the structure set to anything but their defaults; ::XF_ERR_INVALID_DATA
 *         for an unknown petition type.
 */
XF_API xf_status xf_engine_intake_petition(xf_engine* engine, const char* actor, const xf_petition* petition,
                                           const char* idempotency_key, char** out_result_json);

/**
 * Registers many petitions in one transaction (an import): all or none.
 * @param engine The engine.
 * @param actor The registrar's staff id.
 * @param petitions_json A JSON array of {"petition": {intake arguments}, "idempotency_key"?: "..."}.
 * @param[out] out_results_json Receives a JSON array of results, one per petition in order,
 *             each as xf_engine_intake() gives it but with an empty "events" array (an import
 *             does not get every event back; xf_engine_get() reads a case's log).
 * @return As xf_engine_intake(); the message of an error from the engine starts with
 *         "petition N:" (0-based), that of a malformed element names its JSON path.
 */
XF_API xf_status xf_engine_intake_batch(xf_engine* engine, const char* actor, const char* petitions_json,
                                        char** out_results_json);

/**
 * Runs a command other than intake on a case.
 * @param engine The engine.
 * @param number The case number.
 * @param actor The actor's staff id.
 * @param command_name The command: accept, route, reply, rate, archive, ... (docs/lifecycle.md).
 * @param args_json The command's arguments as a JSON object, or NULL for {}. For route, a
 *        missing unit and handler are chosen by the policy's routing rules and the directory.
 * @param expected_version The case's version the caller last saw, or 0 for no check: another
 *        version now is ::XF_ERR_CONFLICT (someone else acted first).
 * @param[out] out_result_json Receives {"number", "version", "status", "events", "replayed"}.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (also a negative
 *         @p expected_version, the command intake, which xf_engine_intake() runs, or a clock
 *         before the case's last event); ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_PARSE; ::XF_ERR_INVALID_DATA (an unknown command, arguments of the wrong
 *         shape); ::XF_ERR_NOT_FOUND (no such case; an id the policy lacks);
 *         ::XF_ERR_FORBIDDEN; ::XF_ERR_INVALID_STATE; ::XF_ERR_OUT_OF_WINDOW;
 *         ::XF_ERR_CONFLICT; ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_run(xf_engine* engine, const char* number, const char* actor, const char* command_name,
                               const char* args_json, int64_t expected_version, char** out_result_json);

/**
 * A case as JSON.
 * @param engine The engine.
 * @param number The case number.
 * @param reader NULL for the whole record, unredacted, for the host's own use:
 *        {"case": {...}, "events": [...]} with each event's sequence, command, policy and
 *        hashes. A staff id for the case as that person may see it (a confidential
 *        petitioner's identity removed for a reader without the role).
 * @param[out] out_case_json Receives the JSON.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_NOT_FOUND (no such case); ::XF_ERR_FORBIDDEN (a reader not in the directory
 *         or inactive); ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_get(xf_engine* engine, const char* number, const char* reader, char** out_case_json);

/**
 * The petitioner's own view of a case, by number and query code (查询): redacted as for a
 * reader without the confidential role, without the actors of the log.
 * @param engine The engine.
 * @param number The case number.
 * @param query_code The query code xf_engine_intake() gave.
 * @param[out] out_json Receives the view.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_NOT_FOUND for an unknown number and for a wrong code alike; ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_lookup(xf_engine* engine, const char* number, const char* query_code, char** out_json);

/**
 * Lists cases, newest first (the order the file registered them).
 * @param engine The engine.
 * @param filter_json A filter as a JSON object, or NULL for {} (every case, the first 100):
 *        "status" (a name or an array), "organisation", "unit", "handler", "type", "category",
 *        "region", "channel", "received_from", "received_to" (ISO 8601 with a zone),
 *        "key_case", "repeat", "open" (booleans), "text" (in the subject), "limit" (1..100000,
 *        default 100), "offset".
 * @param[out] out_json Receives {"cases": [summary...], "total": N}, where total counts every
 *             case the filter matches, regardless of limit and offset.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_PARSE; ::XF_ERR_INVALID_DATA (an unknown key or status, a wrong type, limit
 *         or offset out of range: the JSON path in the message); ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_list(xf_engine* engine, const char* filter_json, char** out_json);

/**
 * Adds a person to the staff directory, or replaces their record. The change is recorded in
 * the directory's own hash-chained log. Who may change the directory is the host's decision,
 * not the policy's.
 * @param engine The engine.
 * @param actor Who makes the change (recorded).
 * @param staff_json {"id", "name", "organisation", "unit"?, "roles": [...], "active"?}; the
 *        organisation, unit and roles must exist in the policy.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_PARSE; ::XF_ERR_INVALID_DATA; ::XF_ERR_NOT_FOUND (an id the policy lacks);
 *         ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_put_staff(xf_engine* engine, const char* actor, const char* staff_json);

/**
 * Sets who is on duty (值班) in a unit on a day, replacing that day's list; route uses it to
 * choose a handler.
 * @param engine The engine.
 * @param actor Who makes the change (recorded).
 * @param day The (local) day.
 * @param unit The unit id.
 * @param staff_ids_json A JSON array of staff ids, each an active person of the unit.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (also an impossible date);
 *         ::XF_ERR_INVALID_UTF8; ::XF_ERR_PARSE; ::XF_ERR_INVALID_DATA (not an array of
 *         strings; a person of another unit); ::XF_ERR_NOT_FOUND (unit or person);
 *         ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_set_roster(xf_engine* engine, const char* actor, xf_date day, const char* unit,
                                      const char* staff_ids_json);

/**
 * Walks every case's hash chain, the directory's, and the case-number sequences.
 * @param engine The engine.
 * @param[out] out_report_json Receives {"ok", "cases", "events", "directory_changes"} and,
 *             when something is wrong, "problem": {"case", "sequence", "message"}, the first
 *             problem found. A damaged database is a finding, not a failure: the call returns
 *             ::XF_OK and the report says "ok": false.
 * @return ::XF_OK (whatever the report says); ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT;
 *         ::XF_ERR_STORAGE if the database cannot be read.
 */
XF_API xf_status xf_engine_verify(xf_engine* engine, char** out_report_json);

/**
 * The clocks of a case (docs/deadlines.md), evaluated at the engine's time.
 * @param engine The engine.
 * @param number The case number (UTF-8).
 * @param[out] out_json Receives {"number", "clocks": [...]}: each clock's explanation as data
 *             (clock, name, article, status, unit, limit, start, extensions, pauses, deadline,
 *             ladder, next_due, ...) with "explanation", the same as a sentence.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_NOT_FOUND (no such case); ::XF_ERR_CALENDAR_RANGE (a count needs a year the
 *         calendar has no table for).
 */
XF_API xf_status xf_engine_clocks(xf_engine* engine, const char* number, char** out_json);

/**
 * Fires every escalation step due at the engine's time, each once, with its notifications.
 * @param engine The engine.
 * @param cases_per_transaction Cases per transaction, 1..10000 (200 is a good default).
 * @param max_cases Cases in all; 0 for every case due.
 * @param[out] out_json Receives {"fired": [{"number", "clock", "step", "action", "event", "run",
 *             "due_at", "swept_at", "version", "notifications"}...], "cases", "transactions",
 *             "more_due"}.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_sweep(xf_engine* engine, int64_t cases_per_transaction, int64_t max_cases, char** out_json);

/**
 * Hands out unacknowledged notifications whose lease has run out, and leases them.
 * @param engine The engine.
 * @param limit At most this many, 1..10000.
 * @param lease_seconds How long before one not acknowledged is handed out again, 1..86400.
 * @param[out] out_json Receives {"notifications": [{"id", "number", "event_sequence", "kind",
 *             "recipient_kind", "recipient", "parameters", "due_at", "created_at",
 *             "leased_until", "attempts", "acknowledged_at"}...]}.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_outbox_poll(xf_engine* engine, int64_t limit, int64_t lease_seconds, char** out_json);

/**
 * Acknowledges a delivered notification; acknowledging it again changes nothing.
 * @param engine The engine.
 * @param notification_id Its id.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_NOT_FOUND.
 */
XF_API xf_status xf_engine_outbox_ack(xf_engine* engine, int64_t notification_id);

/**
 * The engine's time: its clock read now.
 * @param engine The engine.
 * @param[out] out_unix_seconds Receives seconds since the epoch (UTC), rounded down.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_CALLBACK.
 */
XF_API xf_status xf_engine_now(xf_engine* engine, int64_t* out_unix_seconds);

/**
 * The policy in force.
 * @param engine The engine.
 * @param[out] out_json Receives {"name", "version", "title", "calendar", "document": {the policy
 *             as canonical JSON, "extends" resolved}}.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT.
 */
XF_API xf_status xf_engine_policy(xf_engine* engine, char** out_json);

/**
 * The calendar the engine counts on.
 * @param engine The engine.
 * @param[out] out Receives a new calendar handle, owned by the caller (free with
 *             xf_calendar_free()); it stays valid after the engine is closed. NULL on failure.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT.
 */
XF_API xf_status xf_engine_calendar(xf_engine* engine, xf_calendar** out);

/**
 * Counts the cases a filter matches (xf_engine_list()'s filter; limit and offset are ignored).
 * @param engine The engine.
 * @param filter_json A filter as a JSON object, or NULL for every case.
 * @param[out] out_count Receives the count.
 * @return As xf_engine_list().
 */
XF_API xf_status xf_engine_count(xf_engine* engine, const char* filter_json, int64_t* out_count);

/**
 * Every notification of a case, acknowledged or not, oldest first.
 * @param engine The engine.
 * @param number The case number.
 * @param[out] out_json Receives {"notifications": [...]}, each as xf_engine_outbox_poll() gives it.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_NOT_FOUND (no such case); ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_notifications(xf_engine* engine, const char* number, char** out_json);

/**
 * Why each clock of a case stands where it does, as text: for each clock, a line with its name
 * and status, then the explanation (in Chinese, as an office writes it), then a blank line.
 * xf_engine_clocks() gives the same as data.
 * @param engine The engine.
 * @param number The case number.
 * @param[out] out_text Receives the text (UTF-8), owned by the caller (free with xf_string_free()).
 * @return As xf_engine_clocks().
 */
XF_API xf_status xf_engine_explain(xf_engine* engine, const char* number, char** out_text);

/**
 * The indicators of a period (docs/indicators.md): counts, the six ratios and the composite
 * score, for the whole body and per unit and region, with rankings.
 * @param engine The engine.
 * @param period "2025-W10" (ISO week), "2025-03", "2025-Q1", "2025", or "2025-03-01..2025-03-31"
 *        (first and last day, inclusive); local days of the policy's calendar.
 * @param[out] out_json Receives the report.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (also a period it cannot read,
 *         or one that ends before it starts); ::XF_ERR_INVALID_UTF8; ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_indicators(xf_engine* engine, const char* period, char** out_json);

/**
 * What one case counts for: each clock run and answer, and its own ratios.
 * @param engine The engine.
 * @param number The case number.
 * @param[out] out_json Receives the score.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_NOT_FOUND; ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_case_score(xf_engine* engine, const char* number, char** out_json);

/**
 * The bulletin (通报) of a period (docs/reports.md).
 * @param engine The engine.
 * @param period As for xf_engine_indicators().
 * @param format "json", "markdown", "html" (a self-contained page) or "csv" (then a JSON object
 *        mapping each file name, e.g. "summary.csv", to its CSV text).
 * @param options_json NULL for the defaults, or {"overdue_limit": 0..100000, "flagged_limit":
 *        0..100000} (default 100 each).
 * @param[out] out Receives the bulletin (UTF-8), owned by the caller (free with xf_string_free()).
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (a period it cannot read, an
 *         unknown format); ::XF_ERR_INVALID_UTF8; ::XF_ERR_PARSE; ::XF_ERR_INVALID_DATA (options of
 *         the wrong shape or out of range); ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_bulletin(xf_engine* engine, const char* period, const char* format, const char* options_json,
                                    char** out);

/**
 * Deactivates a person of the staff directory (they keep their history; they can no longer act).
 * @param engine The engine.
 * @param actor Who makes the change (recorded).
 * @param staff_id The person.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_NOT_FOUND; ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_deactivate_staff(xf_engine* engine, const char* actor, const char* staff_id);

/**
 * One person of the staff directory.
 * @param engine The engine.
 * @param staff_id The person.
 * @param[out] out_json Receives {"id", "name", "organisation", "unit", "roles", "active"}.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8;
 *         ::XF_ERR_NOT_FOUND (no such person).
 */
XF_API xf_status xf_engine_staff(xf_engine* engine, const char* staff_id, char** out_json);

/**
 * The people of a unit, or everyone.
 * @param engine The engine.
 * @param unit A unit id, or NULL (or "") for everyone.
 * @param[out] out_json Receives {"staff": [...]}, by id, each as xf_engine_staff() gives it.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8.
 */
XF_API xf_status xf_engine_list_staff(xf_engine* engine, const char* unit, char** out_json);

/**
 * Who is on duty in a unit on a day (xf_engine_set_roster()).
 * @param engine The engine.
 * @param day The (local) day.
 * @param unit The unit id.
 * @param[out] out_json Receives {"day": "YYYY-MM-DD", "unit", "staff": [ids]}.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (also an impossible date);
 *         ::XF_ERR_INVALID_UTF8.
 */
XF_API xf_status xf_engine_roster(xf_engine* engine, xf_date day, const char* unit, char** out_json);

/* ------------------------------------------------------------------------------------------ */
/* Policies */

/**
 * The names of the compiled-in policy presets.
 * @param[out] out_json Receives a JSON array of names, e.g. ["cn-national-2022", ...].
 * @return ::XF_OK; ::XF_ERR_INVALID_ARGUMENT for a NULL @p out_json.
 */
XF_API xf_status xf_policy_presets(char** out_json);

/**
 * A preset's JSON source, as compiled in: a starting point for a local policy ("extends").
 * @param name A preset name.
 * @param[out] out_json Receives the source text.
 * @return ::XF_OK; ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8; ::XF_ERR_NOT_FOUND.
 */
XF_API xf_status xf_policy_preset_source(const char* name, char** out_json);

/**
 * Validates a policy and reports every error found, not only the first. A policy that breaks
 * the rules is a finding, not a failure: the call returns ::XF_OK and the report says so.
 * @param policy A preset name or policy JSON text (docs/policy.md).
 * @param[out] out_json Receives {"ok": true, "name", "version", "title", "calendar", "clocks":
 *             [ids], "roles": [ids], "units": [ids]} or {"ok": false, "errors": [{"code", "path",
 *             "message"}...]} (code as xf_status_name() spells it, path a JSON pointer).
 * @return ::XF_OK (whatever the report says); ::XF_ERR_INVALID_ARGUMENT; ::XF_ERR_INVALID_UTF8.
 */
XF_API xf_status xf_policy_check(const char* policy, char** out_json);

/**
 * What another policy would have done to every case of the database (a what-if; the file is only
 * read): each case's history replayed under the policy in force and under @p policy, compared
 * (docs/policy-testing.md, "What-if").
 * @param engine The engine.
 * @param policy The other policy: a preset name or policy JSON text.
 * @param format "json" ({"policy_before", "policy_after", "cases", "total", "units",
 *        "breaches_added", ...}) or "markdown".
 * @param options_json NULL for the defaults, or {"until": TIME (default: the engine's time),
 *        "from": TIME (the indicators' period; default: the first case), "list_limit":
 *        0..100000 (default 1000)}, times ISO 8601 with a zone.
 * @param[out] out Receives the report, owned by the caller (free with xf_string_free()).
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (an unknown format, from after
 *         until); ::XF_ERR_INVALID_UTF8; ::XF_ERR_PARSE; ::XF_ERR_INVALID_DATA (a policy or
 *         options that break the rules); ::XF_ERR_NOT_FOUND (an unknown preset); ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_simulate(xf_engine* engine, const char* policy, const char* format, const char* options_json,
                                    char** out);

/* ------------------------------------------------------------------------------------------ */
/* Policy scenarios (docs/policy-testing.md) */

#define XF_REPORT_JSON 0  /**< xf_policy_test(): {"passed", "scenarios", "failed", "invalid", "files": [...]}. */
#define XF_REPORT_TEXT 1  /**< xf_policy_test(): a line per scenario, a diff under each failing one. */
#define XF_REPORT_JUNIT 2 /**< xf_policy_test(): JUnit XML, for CI tools. */

/**
 * Runs the scenarios of a scenario document: each is checked, then run on its own in-memory
 * database with a manual clock the steps set (nothing is written to disk, the system clock is not
 * read). A scenario that fails or is invalid, or a document that is not JSON, is a finding, not
 * a failure: the call returns ::XF_OK and the report says so. The CLI's `xinfang policy test`.
 * @param scenarios The document (UTF-8 JSON, comments allowed): a scenario, or {"scenarios": [...]}.
 * @param source The file's name for the report; NULL for "scenarios".
 * @param base_directory The directory that {"file": NAME} references are read from; NULL refuses them.
 * @param format ::XF_REPORT_JSON, ::XF_REPORT_TEXT or ::XF_REPORT_JUNIT.
 * @param[out] out_passed Receives 1 if every scenario passed, 0 if not; may be NULL.
 * @param[out] out_report Receives the report.
 * @return ::XF_OK (whatever the report says); ::XF_ERR_INVALID_ARGUMENT (NULL @p scenarios or
 *         @p out_report, an unknown @p format, text over ::XF_MAX_INPUT_BYTES);
 *         ::XF_ERR_INVALID_UTF8 (@p scenarios, @p source or @p base_directory).
 */
XF_API xf_status xf_policy_test(const char* scenarios, const char* source, const char* base_directory, int format,
                                int* out_passed, char** out_report);

/* ------------------------------------------------------------------------------------------ */
/* Dossiers (案卷, docs/dossiers.md) */

/*
 * A dossier is an archive of cases with their whole history — every event as it is stored, with
 * its hashes — that another organisation's system checks and takes over, or that is kept for
 * the record. Three forms hold the same content: "xml" (portable, readable), "text" (portable)
 * and "binary" (compact; for machines of the same byte order and sizes). An archive is bytes
 * with a length, not a string: the binary form holds NUL bytes. It is not held to
 * ::XF_MAX_INPUT_BYTES — an archive a period's export wrote may be longer, and the library takes
 * back whatever it hands out; reading one needs memory of about four times its size, so a host
 * that receives dossiers from outside bounds their size itself.
 */

/**
 * Exports one case as a dossier. The export is an event of the case: `exported` (with the
 * form, and whether the dossier is redacted) is appended in the same transaction, and the
 * dossier ends with it. For a 检举控告 (accusation) case and an actor without the policy's
 * confidential-reader role the dossier is redacted: the petitioner's identity is absent from it,
 * and such a dossier can be checked (xf_dossier_check()) but not imported.
 * @param engine The engine.
 * @param actor Who exports it: an active staff id of the directory.
 * @param number The case number.
 * @param format "xml", "text" or "binary"; NULL for "xml".
 * @param[out] out Receives the archive, owned by the caller (free with xf_string_free()):
 *             @p out_size bytes followed by a NUL that is not counted. NULL on failure.
 * @param[out] out_size Receives the archive's size in bytes (the binary form holds NULs, so
 *             strlen() does not give it); 0 on failure.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (NULL @p actor, @p number,
 *         @p out or @p out_size; an unknown @p format; the engine's clock before the case's last
 *         event); ::XF_ERR_INVALID_UTF8 (@p actor, @p number or @p format);
 *         ::XF_ERR_NOT_FOUND (no such case); ::XF_ERR_FORBIDDEN (an actor not in the directory
 *         or inactive, of another organisation than the case's, or a petitioner's account);
 *         ::XF_ERR_CALLBACK (the host's clock); ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_export_case(xf_engine* engine, const char* actor, const char* number, const char* format,
                                       char** out, size_t* out_size);

/**
 * Exports every case concluded in a period to one dossier, for long-term storage: each case
 * whose closing event (concluded after re-review, archived, not accepted, forwarded, withdrawn,
 * merged) falls on the period's local days gets its `exported` event, all in one transaction.
 * A period without such a case gives a dossier with no case.
 * @param engine The engine.
 * @param actor Who exports them: an active staff id of the directory.
 * @param period As for xf_engine_indicators(): "2025-W10", "2025-03", "2025-Q1", "2025" or
 *        "2025-03-01..2025-03-31".
 * @param format "xml", "text" or "binary"; NULL for "xml".
 * @param[out] out Receives the archive, as for xf_engine_export_case().
 * @param[out] out_size Receives its size in bytes, as for xf_engine_export_case().
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (NULL @p actor, @p period,
 *         @p out or @p out_size; a period it cannot read, or one that ends before it starts; an
 *         unknown @p format; the engine's clock before a case's last event);
 *         ::XF_ERR_INVALID_UTF8 (@p actor, @p period or @p format); ::XF_ERR_FORBIDDEN (an
 *         actor not in the directory or inactive, or a petitioner's account: the cases exported
 *         are those of the actor's organisation); ::XF_ERR_CALLBACK; ::XF_ERR_STORAGE.
 */
XF_API xf_status xf_engine_export_concluded(xf_engine* engine, const char* actor, const char* period,
                                            const char* format, char** out, size_t* out_size);

/**
 * Imports a dossier of any form. The whole archive is read and every case's chain checked
 * before anything is written; then, in one transaction, each case is written with its history
 * as it came (events and hashes unchanged), a local number, and a `dossier_received` event
 * linking it to its origin. The same dossier imported again writes nothing and gives the same
 * cases back with "created": false.
 * @param engine The engine.
 * @param actor Who receives it: an active staff id of the directory; a case taken over is
 *        registered at this person's organisation.
 * @param data The archive's bytes (xf_engine_export_case() or xf_engine_export_concluded()
 *        output, from this engine or another); borrowed for the call. May be NULL when @p size is 0.
 * @param size Its size in bytes. 0 is an empty archive, refused as malformed.
 * @param options_json NULL for the defaults, or {"mode": "take_over" | "archive"}: "take_over"
 *        (the default) registers an open or forwarded case here as a petition received now, its
 *        clocks starting from the receipt; "archive" keeps a closed case as it was, for the record.
 * @param[out] out_json Receives {"cases": [{"origin_number", "number", "events", "created"}...]},
 *             in the dossier's order: each case's number where it came from and here, the events
 *             it arrived with, and false for "created" if it had been received before.
 * @return ::XF_OK; ::XF_ERR_BAD_HANDLE; ::XF_ERR_INVALID_ARGUMENT (NULL @p actor or @p out_json,
 *         NULL @p data with a size; the engine's clock before a case's last event);
 *         ::XF_ERR_INVALID_UTF8 (@p actor or @p options_json, or text in the archive);
 *         ::XF_ERR_PARSE (@p options_json
 *         is not JSON; the archive is not a dossier, is damaged, truncated or empty);
 *         ::XF_ERR_INVALID_DATA (@p options_json of the wrong shape, an unknown key or mode, with
 *         its JSON path; a redacted dossier); ::XF_ERR_UNSUPPORTED_VERSION (an archive written by
 *         a newer xinfang or Boost); ::XF_ERR_INTEGRITY (a chain that does not hold: an event
 *         changed, missing or added); ::XF_ERR_INVALID_STATE (an open case to archive, a closed
 *         one other than forwarded to take over); ::XF_ERR_ALREADY_EXISTS (a case received here
 *         before at another point of its history, or this database's own case);
 *         ::XF_ERR_FORBIDDEN (an actor not in the directory or inactive); ::XF_ERR_CALLBACK;
 *         ::XF_ERR_STORAGE. On any failure nothing is written.
 */
XF_API xf_status xf_engine_import_dossier(xf_engine* engine, const char* actor, const char* data, size_t size,
                                          const char* options_json, char** out_json);

/**
 * Reads a dossier and checks every case's chain without an engine: for a listing before an
 * import, or to check an archive kept for years. A dossier that reads but whose chain does not
 * hold is a finding, not a failure: the call returns ::XF_OK and "check" says "ok": false. A
 * redacted dossier reads and checks (its redacted events by their links alone).
 * @param data The archive's bytes; borrowed for the call. May be NULL when @p size is 0.
 * @param size Its size in bytes. 0 is an empty archive, refused as malformed.
 * @param[out] out_json Receives {"summary": {"library_version", "organisation", "exported_by",
 *             "exported_at", "period_from", "period_to", "cases": [{"number", "organisation",
 *             "status", "events", "attachments", "head_hash", "hash_algorithm", "policy_name",
 *             "policy_version", "redacted"}...]}, "check": {"ok", "cases", "events",
 *             "redacted_events", "case_number", "sequence", "message"}}: the first problem
 *             found, if any (case number, event sequence or 0, and what is wrong). NULL on failure.
 * @return ::XF_OK (whatever the check says); ::XF_ERR_INVALID_ARGUMENT (NULL @p out_json, NULL
 *         @p data with a size); ::XF_ERR_PARSE (not a dossier, damaged, truncated or empty);
 *         ::XF_ERR_INVALID_UTF8 (text in the archive that is not UTF-8);
 *         ::XF_ERR_UNSUPPORTED_VERSION (written by a newer xinfang or Boost).
 */
XF_API xf_status xf_dossier_check(const char* data, size_t size, char** out_json);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XINFANG_H */
