// Reporting periods: ISO weeks, months, quarters, years and ranges of local days.
#include <cstdio>
#include <regex>

#include "xinfang/error.hpp"
#include "xinfang/metrics.hpp"

namespace xinfang {
namespace {

using boost::gregorian::date_duration;
using boost::gregorian::days;

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 9999;

[[noreturn]] void refuse(std::string_view text, const std::string& why) {
  throw Error(ErrorCode::invalid_argument, "period '" + std::string(text) + "': " + why);
}

std::string two_digits(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

// Monday of ISO week 1: the week with the year's first Thursday.
Date iso_week_one(int year) {
  const Date jan4(year, 1, 4);
  const int weekday = (jan4.day_of_week().as_number() + 6) % 7;  // Monday 0
  return jan4 - days(weekday);
}

int iso_weeks_in(int year) {
  return static_cast<int>((iso_week_one(year + 1) - iso_week_one(year)).days() / 7);
}

ReportPeriod make(std::string label, Date first, Date last, const Calendar& calendar) {
  return ReportPeriod{std::move(label), first, last, calendar.start_of_day(first), calendar.end_of_day(last)};
}

int year_of(std::string_view text, const std::string& digits) {
  const int year = std::stoi(digits);
  if (year < kFirstYear || year > kLastYear) {
    refuse(text, "the year must be within " + std::to_string(kFirstYear) + ".." + std::to_string(kLastYear));
  }
  return year;
}

ReportPeriod week(int year, int week, const Calendar& calendar) {
  const Date monday = iso_week_one(year) + days(7 * (week - 1));
  return make(std::to_string(year) + "-W" + two_digits(week), monday, monday + days(6), calendar);
}

ReportPeriod month(int year, int month, const Calendar& calendar) {
  const Date first(year, month, 1);
  return make(std::to_string(year) + "-" + two_digits(month), first, first.end_of_month(), calendar);
}

ReportPeriod quarter(int year, int quarter, const Calendar& calendar) {
  const Date first(year, 3 * (quarter - 1) + 1, 1);
  const Date last = Date(year, 3 * quarter, 1).end_of_month();
  return make(std::to_string(year) + "-Q" + std::to_string(quarter), first, last, calendar);
}

ReportPeriod year(int year, const Calendar& calendar) {
  return make(std::to_string(year), Date(year, 1, 1), Date(year, 12, 31), calendar);
}

ReportPeriod range(Date first, Date last, const Calendar& calendar) {
  return make(format_date(first) + ".." + format_date(last), first, last, calendar);
}

}  // namespace

ReportPeriod parse_report_period(std::string_view text, const Calendar& calendar) {
  static const std::regex kWeek(R"((\d{4})-W(\d{2}))");
  static const std::regex kMonth(R"((\d{4})-(\d{2}))");
  static const std::regex kQuarter(R"((\d{4})-Q([1-4]))");
  static const std::regex kYear(R"((\d{4}))");
  static const std::regex kRange(R"((\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2}))");
  const std::string s(text);
  std::smatch m;
  if (std::regex_match(s, m, kWeek)) {
    const int y = year_of(text, m[1]);
    const int w = std::stoi(m[2]);
    if (w < 1 || w > iso_weeks_in(y)) {
      refuse(text, std::to_string(y) + " has ISO weeks 01.." + std::to_string(iso_weeks_in(y)));
    }
    return week(y, w, calendar);
  }
  if (std::regex_match(s, m, kQuarter)) return quarter(year_of(text, m[1]), std::stoi(m[2]), calendar);
  if (std::regex_match(s, m, kMonth)) {
    const int mo = std::stoi(m[2]);
    if (mo < 1 || mo > 12) refuse(text, "a month is 01..12");
    return month(year_of(text, m[1]), mo, calendar);
  }
  if (std::regex_match(s, m, kYear)) return year(year_of(text, m[1]), calendar);
  if (std::regex_match(s, m, kRange)) {
    Date first;
    Date last;
    try {
      first = parse_date(m[1].str());
      last = parse_date(m[2].str());
    } catch (const Error& e) {
      refuse(text, e.what());
    }
    if (last < first) refuse(text, "the range ends before it starts");
    year_of(text, std::to_string(first.year()));
    year_of(text, std::to_string(last.year()));
    return range(first, last, calendar);
  }
  refuse(text,
         "expected a week 2026-W47, a month 2026-11, a quarter 2026-Q4, a year 2026 or days 2026-11-01..2026-11-30");
}

ReportPeriod previous_period(const ReportPeriod& period, const Calendar& calendar) {
  const std::string& label = period.label;
  if (label.find("..") != std::string::npos) {
    const date_duration length = period.last - period.first + days(1);
    return range(period.first - length, period.first - days(1), calendar);
  }
  const int y = period.first.year();
  if (label.find("-W") != std::string::npos) {
    const Date monday = period.first - days(7);
    // The ISO year of a Monday is that of its Thursday.
    const int iso_year = (monday + days(3)).year();
    return week(iso_year, static_cast<int>((monday - iso_week_one(iso_year)).days() / 7) + 1, calendar);
  }
  if (label.find("-Q") != std::string::npos) {
    const int q = (period.first.month() - 1) / 3 + 1;
    return q == 1 ? quarter(y - 1, 4, calendar) : quarter(y, q - 1, calendar);
  }
  if (label.size() == 7) {
    const int mo = period.first.month();
    return mo == 1 ? month(y - 1, 12, calendar) : month(y, mo - 1, calendar);
  }
  return year(y - 1, calendar);
}

}  // namespace xinfang
