// Works out statutory deadlines from C++: a letter's routing and handling periods on the
// national calendar, then the same on a district calendar that layers a local holiday and
// business hours over it, and a two-hour hotline limit in business time.
#include <iostream>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "xinfang/calendar.hpp"
#include "xinfang/error.hpp"

namespace bpt = boost::posix_time;
using xinfang::Calendar;
using xinfang::format_date;
using xinfang::parse_date;

int main() {
  const Calendar& national = Calendar::national();
  const auto received = parse_date("2025-09-28");
  std::cout << "received " << format_date(received) << " (" << xinfang::day_kind_name(national.day_info(received).kind)
            << ")\n";
  std::cout << "route within 15 days:    " << format_date(national.statutory_period_end(received, 15)) << "\n";
  std::cout << "handle within 60 days:   " << format_date(national.statutory_period_end(received, 60)) << "\n";
  std::cout << "with 30 days' extension: " << format_date(national.statutory_period_end(received, 90)) << "\n";

  const Calendar district = Calendar::from_json(R"({
    "name": "district",
    "base": "cn-national",
    "business_hours": [["08:30", "12:00"], ["13:30", "17:30"]],
    "years": {"2025": {"source": "district notice", "holidays": [{"name": "local festival", "from": "2025-03-03"}]}}
  })");
  const auto friday = parse_date("2025-02-28");
  std::cout << "objection window (5 working days) from " << format_date(friday) << ": national "
            << format_date(national.add_working_days(friday, 5)) << ", district "
            << format_date(district.add_working_days(friday, 5)) << "\n";

  // A hotline ticket at 16:30 local on Friday 2025-02-28 with a 2-hour business-time limit.
  const auto ticket = district.start_of_day(friday) + bpt::hours(16) + bpt::minutes(30);
  const auto due = district.add_business_time(ticket, bpt::hours(2));
  std::cout << "2 business hours from Friday 16:30 local end at " << bpt::to_iso_extended_string(due) << "Z\n";

  try {
    national.is_working_day(parse_date("2027-03-01"));
    std::cerr << "2027 should be unknown\n";
    return 1;
  } catch (const xinfang::Error& e) {
    std::cout << "2027: " << e.what() << " [" << xinfang::error_code_name(e.code()) << "]\n";
  }
  const Calendar estimated = national.with_estimated_years(2027, 2027);
  std::cout << "2027-03-01 with a weekend-only estimate: "
            << (estimated.is_working_day(parse_date("2027-03-01")) ? "working" : "not working") << " (estimated)\n";
  return 0;
}
