/**
 * @file calendar.hpp
 * @brief Working-day calendars: statutory holidays, make-up working days, periods, business hours.
 *
 * Every deadline in xinfang stands on a Calendar. A working-day calendar is the weekend days,
 * minus the make-up working days (调休上班), plus the statutory holidays, for a named calendar
 * with a time zone. The national calendar of China for 2008–2026 is compiled into the library
 * (Calendar::national()); a host loads later years, and local holidays layered on top, from
 * JSON (docs/calendar.md describes the format).
 *
 * A year with no holiday table is *unknown*: any query that needs a day of it throws
 * Error(ErrorCode::calendar_range), unless the host loaded that year or allowed a weekend-only
 * estimate for it with Calendar::with_estimated_years(). The calendar never silently treats an
 * unknown year as ordinary weekdays.
 *
 * Every query is O(1) or O(log n) over tables precomputed when the calendar is built; none
 * loops day by day. A Calendar is an immutable value: copies share their tables, and all
 * const member functions are safe to call from several threads at once.
 */
#ifndef XINFANG_CALENDAR_HPP
#define XINFANG_CALENDAR_HPP

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

namespace xinfang {

/** A calendar day, without time or zone. */
using Date = boost::gregorian::date;
/** An instant in time, always in UTC. */
using Instant = boost::posix_time::ptime;
/** A length of time. */
using Duration = boost::posix_time::time_duration;

/** What kind of day a date is. The numeric values are part of the C ABI and fixed forever. */
enum class DayKind : std::uint8_t {
  workday = 0,         ///< An ordinary working day (a weekday that is not a holiday).
  weekend = 1,         ///< A weekend day that is not made a working day.
  holiday = 2,         ///< A statutory (or host-loaded local) holiday.
  makeup_workday = 3,  ///< A weekend day made a working day (调休上班).
};

/**
 * @param kind A day kind.
 * @return Its stable lower-case name, e.g. "makeup_workday".
 */
const char* day_kind_name(DayKind kind) noexcept;

/** Whether the calendar has a holiday table for a year. */
enum class YearStatus : std::uint8_t {
  unknown = 0,    ///< No table: queries that need the year fail with calendar_range.
  published = 1,  ///< A published table (compiled in, or loaded by the host).
  estimated = 2,  ///< No table, but the host allowed a weekend-only estimate.
};

/** The answer to "is this a working day, and why". */
struct DayInfo {
  Date date;           ///< The day asked about.
  DayKind kind;        ///< Its kind.
  bool working;        ///< True for workday and makeup_workday.
  bool estimated;      ///< True when the year is a weekend-only estimate.
  std::string name;    ///< The holiday's name; for a make-up day, the holiday it makes up for.
  std::string source;  ///< The notice that made the day special; empty for ordinary days.
};

/** A holiday or make-up working day, as listed for a year. */
struct SpecialDay {
  Date date;           ///< The day.
  DayKind kind;        ///< holiday or makeup_workday.
  std::string name;    ///< The holiday's name (for a make-up day, the holiday it makes up for).
  std::string source;  ///< The notice that set it.
};

/** How a period counts its length. Values reach disk: fixed forever. */
enum class PeriodUnit : std::uint8_t {
  calendar_days = 0,  ///< Calendar days after the start day; the last day is not rolled.
  working_days = 1,   ///< Working days after the start day (工作日).
  statutory_days =
      2,      ///< Calendar days after the start day, a non-working last day rolled forward (民法典 Art. 201, 203).
  hours = 3,  ///< Exact hours from the start instant.
  business_hours = 4,  ///< Hours inside the calendar's business windows.
};

/**
 * @param unit A period unit.
 * @return Its stable name, e.g. "statutory_days".
 */
const char* period_unit_name(PeriodUnit unit) noexcept;

/**
 * @param name A unit name ("calendar_days", "working_days", "statutory_days", "hours",
 *             "business_hours").
 * @return The unit, or std::nullopt for any other name.
 */
std::optional<PeriodUnit> parse_period_unit(std::string_view name) noexcept;

/** A business-hours window within a working day: [start, end) in minutes after local midnight. */
struct BusinessWindow {
  int start_minute;  ///< First minute of the window, 0..1439.
  int end_minute;    ///< Minute after the last, start_minute+1..1440.
};

/**
 * A working-day calendar with a time zone and optional business hours.
 *
 * All member functions that take a Date or an Instant throw Error(calendar_range) when a day
 * they need lies in an unknown year, and Error(invalid_argument) for a date that is not a
 * real date (boost's not_a_date_time and the infinities).
 */
class Calendar {
 public:
  /**
   * The national calendar of the People's Republic of China ("cn-national"), 2008–2026,
   * transcribed from the State Council General Office's yearly notices and compiled in.
   * Time zone Asia/Shanghai; weekend Saturday and Sunday; no business hours.
   * @return The shared instance, built on first use (thread-safe).
   */
  static const Calendar& national();

  /**
   * Loads a calendar from JSON (comments allowed). When the document names a "base"
   * ("cn-national" is the one built in), the loaded days are layered over it.
   * @param json The document, UTF-8 (docs/calendar.md describes the format).
   * @return The loaded calendar.
   * @throws Error invalid_utf8, parse_error (with line and column) or invalid_data (with the
   *         JSON path of the offending value).
   */
  static Calendar from_json(std::string_view json);

  /**
   * Loads a calendar from JSON layered over @p base: the base's years, holidays, make-up days,
   * time zone, weekend and business hours hold unless the document changes them; a day the
   * document lists replaces the base's entry for that date.
   * @param json The document, UTF-8.
   * @param base The calendar to layer over.
   * @return The layered calendar.
   * @throws Error as from_json(std::string_view); invalid_data if the document names a
   *         different base.
   */
  static Calendar from_json(std::string_view json, const Calendar& base);

  /**
   * A copy of this calendar in which the years @p first_year..@p last_year that have no table
   * are estimated from the weekend alone (years with a table keep it).
   * @param first_year The first year to estimate.
   * @param last_year The last year to estimate, >= @p first_year.
   * @return The new calendar; this one is unchanged.
   * @throws Error invalid_argument if the range is empty or outside 1900–2200.
   */
  Calendar with_estimated_years(int first_year, int last_year) const;

  /** @return The calendar's name, e.g. "cn-national". */
  const std::string& name() const noexcept;
  /** @return The time zone's name, e.g. "Asia/Shanghai". */
  const std::string& time_zone() const noexcept;
  /** @return The time zone's fixed offset from UTC in minutes (480 for Asia/Shanghai). */
  int utc_offset_minutes() const noexcept;
  /**
   * @param year Any year.
   * @return Whether @p year has a published table, an estimate, or neither.
   */
  YearStatus year_status(int year) const noexcept;
  /** @return The first and last year that have a table or an estimate; {0, -1} if none. */
  std::pair<int, int> year_range() const noexcept;
  /**
   * @param year Any year.
   * @return The notices behind @p year's table, "" if it has none.
   */
  std::string year_source(int year) const;
  /**
   * @param year Any year.
   * @return The holidays and make-up working days whose date falls in @p year, in date order
   *         (including days a next year's notice set, such as a New Year break beginning on
   *         30 December).
   */
  std::vector<SpecialDay> special_days(int year) const;
  /**
   * @param day Any day.
   * @return The holiday or make-up entry for @p day, or nullptr for an ordinary day or a day
   *         in a year the calendar does not cover. Borrowed: valid while any copy of this
   *         calendar lives.
   */
  const SpecialDay* special_day(Date day) const noexcept;

  /**
   * @param day The day asked about.
   * @return Whether @p day is a working day, and why.
   */
  DayInfo day_info(Date day) const;
  /**
   * @param day The day asked about.
   * @return Whether @p day is a working day.
   */
  bool is_working_day(Date day) const;
  /**
   * @param day Any day (it need not be a working day).
   * @return The first working day after @p day.
   */
  Date next_working_day(Date day) const;
  /**
   * @param day Any day (it need not be a working day).
   * @return The last working day before @p day.
   */
  Date previous_working_day(Date day) const;
  /**
   * Calendar-day arithmetic; needs no holiday table.
   * @param day The day to count from.
   * @param days Days to add; negative goes back.
   * @return @p day plus @p days.
   */
  Date add_calendar_days(Date day, int days) const;
  /**
   * Working-day arithmetic: @p day itself is not counted.
   * @param day The day to count from (it need not be a working day).
   * @param days Working days to add; negative goes back; zero returns @p day unchanged.
   * @return The @p days-th working day after @p day (before it, for negative @p days).
   */
  Date add_working_days(Date day, int days) const;
  /**
   * The statutory period of 民法典 Art. 201 and 203: the start day is not counted, and a last
   * day that is not a working day rolls forward to the next working day.
   * @param start The day the period starts (the day of receipt, say).
   * @param days The period's length in calendar days, >= 0.
   * @return The period's last day.
   */
  Date statutory_period_end(Date start, int days) const;
  /**
   * @param from The first day, not counted.
   * @param to The last day, counted.
   * @return The number of working days after @p from up to and including @p to; negative when
   *         @p to is before @p from (then minus the working days after @p to up to and
   *         including @p from).
   */
  int working_days_between(Date from, Date to) const;

  /**
   * @param day A local calendar day.
   * @return The first instant of @p day (00:00 local), in UTC.
   */
  Instant start_of_day(Date day) const;
  /**
   * @param day A local calendar day.
   * @return The end of @p day (24:00 local, which is 00:00 of the next day), in UTC.
   */
  Instant end_of_day(Date day) const;
  /**
   * @param instant An instant (UTC).
   * @return The local calendar day that @p instant falls on.
   */
  Date local_date(Instant instant) const;

  /**
   * The end of a period of @p length units that starts at @p start — the one rule every
   * deadline and window in xinfang follows (docs/calendar.md):
   * - day units count from the local day of @p start (not counted) and end at 24:00 local of
   *   the day reached (calendar_days: that day; working_days: the length-th working day;
   *   statutory_days: that day, rolled forward once to a working day if it is not one);
   * - hours end exactly @p length hours after @p start; business_hours when @p length hours
   *   of business time have passed (add_business_time()).
   * @param start When the period starts (UTC).
   * @param length The length, >= 0 (limit plus extensions plus paused time, in the unit).
   * @param unit How it counts.
   * @return The instant the period ends (UTC).
   * @throws Error invalid_argument for a negative length; calendar_range for days it needs in
   *         an unknown year.
   */
  Instant period_end(Instant start, int length, PeriodUnit unit) const;

  /** @return Whether the calendar defines business hours. */
  bool has_business_hours() const noexcept;
  /**
   * @param day The day asked about.
   * @return The business windows of @p day; empty if it is not a working day.
   */
  std::vector<BusinessWindow> business_windows(Date day) const;
  /**
   * Business-time arithmetic, counting only time inside the business windows of working days.
   * Counting starts at @p start if it lies in a window, else at the next window's opening; a
   * result that falls exactly on a window's end is that end, not the next opening.
   * @param start The instant to count from (UTC).
   * @param amount Business time to add, >= 0; zero returns @p start.
   * @return The instant at which @p amount of business time has passed.
   * @throws Error invalid_argument for a negative amount or a calendar without business hours.
   */
  Instant add_business_time(Instant start, Duration amount) const;
  /**
   * @param from The first instant (UTC).
   * @param to The second instant (UTC).
   * @return The business time inside the windows between @p from and @p to (negative if
   *         @p to is before @p from).
   * @throws Error invalid_argument for a calendar without business hours.
   */
  Duration business_time_between(Instant from, Instant to) const;

  /** Opaque precomputed tables; shared between copies. */
  struct Impl;

 private:
  explicit Calendar(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

/**
 * @param text An ISO date "YYYY-MM-DD".
 * @return The date.
 * @throws Error invalid_argument for anything that is not a real date in that form.
 */
Date parse_date(std::string_view text);
/**
 * @param day A date.
 * @return The date as "YYYY-MM-DD".
 */
std::string format_date(Date day);

}  // namespace xinfang

#endif  // XINFANG_CALENDAR_HPP
