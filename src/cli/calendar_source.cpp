// The xinfang command-line program: choosing the calendar a command works on.
#include "cli/calendar_source.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string read_file(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const ErrorCode code = (error == ENOENT || error == ENOTDIR) ? ErrorCode::not_found : ErrorCode::invalid_argument;
    throw Error(code,
                "cannot read calendar file '" + path + "': " + (error != 0 ? std::strerror(error) : "open failed"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(ErrorCode::invalid_argument, "cannot read calendar file '" + path + "': read failed");
  return text.str();
}

}  // namespace

std::pair<int, int> parse_year_range(std::string_view text) {
  const auto dash = text.find('-');
  const std::string_view first = text.substr(0, dash);
  const std::string_view last = dash == std::string_view::npos ? first : text.substr(dash + 1);
  if (first.size() != 4 || last.size() != 4 || !all_digits(first) || !all_digits(last)) {
    throw Error(ErrorCode::invalid_argument, "'" + std::string(text) + "' is not a year YYYY or a range YYYY-YYYY");
  }
  const int a = std::stoi(std::string(first));
  const int b = std::stoi(std::string(last));
  if (b < a) throw Error(ErrorCode::invalid_argument, "year range '" + std::string(text) + "' ends before it starts");
  return {a, b};
}

CLI::Validator iso_date_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        try {
          parse_date(value);
          return std::string();
        } catch (const Error& e) {
          return e.what();
        }
      },
      "", "DATE");
}

void add_calendar_source_options(CLI::App& sub, CalendarSource& source) {
  sub.add_option("--calendar", source.file,
                 "Host calendar JSON file (docs/calendar.md); with \"base\": \"cn-national\" it is layered over the "
                 "built-in national calendar")
      ->type_name("FILE");
  sub.add_option("--estimate", source.estimate,
                 "Allow a weekend-only estimate for years without a holiday table, e.g. 2027 or 2027-2028")
      ->type_name("YEAR[-YEAR]")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            try {
              parse_year_range(value);
              return std::string();
            } catch (const Error& e) {
              return e.what();
            }
          },
          "", "YEARS"));
}

Calendar load_calendar(const CalendarSource& source) {
  Calendar calendar = Calendar::national();
  if (!source.file.empty()) {
    const std::string text = read_file(source.file);
    try {
      calendar = Calendar::from_json(text);
    } catch (const Error& e) {
      throw Error(e.code(), source.file + ": " + e.what());
    }
  }
  if (!source.estimate.empty()) {
    const auto years = parse_year_range(source.estimate);
    calendar = calendar.with_estimated_years(years.first, years.second);
  }
  return calendar;
}

}  // namespace xinfang::cli
