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

/** The stable lower-case name of a DayKind, e.g. "makeup_workday". */
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
   */
  static const Calendar& national();

  /**
   * Loads a calendar from JSON (comments allowed). When the document names a "base"
   * ("cn-national" is the one built in), the loaded days are layered over it.
   * @throws Error invalid_utf8, parse_error (with line and column) or invalid_data (with the
   *         JSON path of the offending value).
   */
  static Calendar from_json(std::string_view json);

  /**
   * Loads a calendar from JSON layered over @p base: the base's years, holidays, make-up days,
   * time zone, weekend and business hours hold unless the document changes them; a day the
   * document lists replaces the base's entry for that date.
   * @throws Error as from_json(std::string_view); invalid_data if the document names a
   *         different base.
   */
  static Calendar from_json(std::string_view json, const Calendar& base);

  /**
   * A copy of this calendar in which the years @p first_year..@p last_year that have no table
   * are estimated from the weekend alone (years with a table keep it).
   * @throws Error invalid_argument if the range is empty or outside 1900–2200.
   */
  Calendar with_estimated_years(int first_year, int last_year) const;

  /** The calendar's name, e.g. "cn-national". */
  const std::string& name() const noexcept;
  /** The time zone's name, e.g. "Asia/Shanghai". */
  const std::string& time_zone() const noexcept;
  /** The time zone's fixed offset from UTC in minutes (480 for Asia/Shanghai). */
  int utc_offset_minutes() const noexcept;
  /** Whether @p year has a table, an estimate, or neither. */
  YearStatus year_status(int year) const noexcept;
  /** The first and last year that have a table or an estimate; {0, -1} if none. */
  std::pair<int, int> year_range() const noexcept;
  /** The notices behind @p year's table ("" if it has none). */
  std::string year_source(int year) const;
  /** The holidays and make-up working days whose date falls in @p year, in date order. */
  std::vector<SpecialDay> special_days(int year) const;
  /**
   * The holiday or make-up entry for @p day, or nullptr for an ordinary day (or one in a year
   * the calendar does not cover). The pointer is borrowed: valid while any copy of this
   * calendar lives.
   */
  const SpecialDay* special_day(Date day) const noexcept;

  /** Whether @p day is a working day, and why. */
  DayInfo day_info(Date day) const;
  /** Whether @p day is a working day. */
  bool is_working_day(Date day) const;
  /** The first working day after @p day. */
  Date next_working_day(Date day) const;
  /** The last working day before @p day. */
  Date previous_working_day(Date day) const;
  /** @p day plus @p days calendar days (negative goes back). Needs no holiday table. */
  Date add_calendar_days(Date day, int days) const;
  /**
   * The @p days-th working day after @p day (before it, for negative @p days); @p day itself
   * is not counted. Zero returns @p day unchanged.
   */
  Date add_working_days(Date day, int days) const;
  /**
   * The last day of a statutory period of @p days days starting on @p start (民法典 Art. 201,
   * 203): the start day is not counted, and a last day that is not a working day rolls forward
   * to the next working day. @p days must be >= 0.
   */
  Date statutory_period_end(Date start, int days) const;
  /**
   * The number of working days after @p from up to and including @p to; negative when @p to
   * is before @p from (then the working days after @p to up to and including @p from).
   */
  int working_days_between(Date from, Date to) const;

  /** The first instant of local day @p day (00:00 local), in UTC. */
  Instant start_of_day(Date day) const;
  /** The end of local day @p day (24:00 local, which is 00:00 of the next day), in UTC. */
  Instant end_of_day(Date day) const;
  /** The local calendar day that @p instant falls on. */
  Date local_date(Instant instant) const;

  /** Whether the calendar defines business hours. */
  bool has_business_hours() const noexcept;
  /** The business windows of @p day, empty if it is not a working day. */
  std::vector<BusinessWindow> business_windows(Date day) const;
  /**
   * The instant at which @p amount of business time has passed after @p start, counting only
   * time inside the business windows of working days. Counting starts at @p start if it lies
   * in a window, else at the next window's opening; a result that falls exactly on a window's
   * end is that end, not the next opening. A zero @p amount returns @p start.
   * @throws Error invalid_argument for a negative amount or a calendar without business hours.
   */
  Instant add_business_time(Instant start, Duration amount) const;
  /** The business time inside the windows between @p from and @p to (negative if reversed). */
  Duration business_time_between(Instant from, Instant to) const;

  /** Opaque precomputed tables; shared between copies. */
  struct Impl;

 private:
  explicit Calendar(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

/** Parses an ISO date "YYYY-MM-DD". @throws Error invalid_argument for anything else. */
Date parse_date(std::string_view text);
/** Formats a date as "YYYY-MM-DD". */
std::string format_date(Date day);

}  // namespace xinfang

#endif  // XINFANG_CALENDAR_HPP
