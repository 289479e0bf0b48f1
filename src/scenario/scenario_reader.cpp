// Reading scenario values with their JSON paths (scenario_reader.hpp).
#include "scenario/scenario_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "util/text.hpp"

namespace xinfang::scenario_detail {

std::string Invalid::text() const {
  return util::one_line("scenario " + (path.empty() ? std::string("/") : path) + ": " + message);
}

void invalid(const std::string& path, const std::string& message, ErrorCode code) {
  throw Invalid{code, path, message};
}

std::string child(const std::string& path, std::string_view key) {
  return path + "/" + util::json_pointer_segment(key);
}

std::string child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

const Json& object_at(const Json& value, const std::string& path) {
  if (!value.is_object()) invalid(path, "must be an object");
  return value;
}

void allow_only(const Json& object, const std::string& path, std::initializer_list<const char*> keys) {
  for (const auto& item : object.items()) {
    const bool known = std::any_of(keys.begin(), keys.end(), [&](const char* k) { return item.key() == k; });
    if (known) continue;
    std::string list;
    for (const char* k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
    invalid(child(path, item.key()),
            "unknown key (a misspelt expectation would never be checked; known here: " + list + ")");
  }
}

std::optional<std::string> text_member(const Json& object, const std::string& path, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_string()) invalid(child(path, key), "must be a string");
  std::string value = it->get<std::string>();
  if (value.empty()) invalid(child(path, key), "must not be empty");
  return value;
}

std::optional<long long> integer_member(const Json& object, const std::string& path, const char* key, long long min,
                                        long long max) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  const std::string at = child(path, key);
  if (!it->is_number_integer()) invalid(at, "must be a whole number");
  long long value = 0;
  if (it->is_number_unsigned()) {
    const auto unsigned_value = it->get<unsigned long long>();
    if (unsigned_value > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
      invalid(at, "must be from " + std::to_string(min) + " to " + std::to_string(max));
    }
    value = static_cast<long long>(unsigned_value);
  } else {
    value = it->get<long long>();
  }
  if (value < min || value > max) invalid(at, "must be from " + std::to_string(min) + " to " + std::to_string(max));
  return value;
}

std::optional<bool> boolean_member(const Json& object, const std::string& path, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_boolean()) invalid(child(path, key), "must be true or false");
  return it->get<bool>();
}

std::vector<std::string> text_list(const Json& value, const std::string& path) {
  if (!value.is_array()) invalid(path, "must be an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string() || value[i].get<std::string>().empty()) {
      invalid(child(path, i), "must be a non-empty string");
    }
    out.push_back(value[i].get<std::string>());
  }
  return out;
}

void require_one_of(const std::string& value, const std::string& path, const char* what,
                    const std::vector<std::string>& names, ErrorCode code) {
  if (std::find(names.begin(), names.end(), value) != names.end()) return;
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < 40; ++i) list += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > 40) list += ", ...";
  invalid(path, "'" + value + "' is not " + what + " (one of: " + list + ")", code);
}

namespace {

int digits(std::string_view text, std::size_t position, std::size_t count) {
  int value = 0;
  for (std::size_t i = position; i < position + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

const char* const kTimeForms =
    "must be a time: YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (local; 24:00 is the end of the day; a trailing Z or +HH:MM "
    "gives the zone), or +N minutes|hours|days|working days after the step before";

}  // namespace

Instant absolute_time(const std::string& text, const Calendar& calendar, const std::string& path) {
  const std::string_view t(text);
  if (t.size() < 10 || !util::digits_at(t, 0, 4) || t[4] != '-' || !util::digits_at(t, 5, 2) || t[7] != '-' ||
      !util::digits_at(t, 8, 2)) {
    invalid(path, kTimeForms);
  }
  Date day;
  try {
    day = parse_date(t.substr(0, 10));
  } catch (const Error&) {
    invalid(path, "'" + text + "' is not a real date", ErrorCode::invalid_argument);
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::size_t at = 10;
  if (t.size() > 10) {
    if ((t[10] != ' ' && t[10] != 'T') || t.size() < 16 || !util::digits_at(t, 11, 2) || t[13] != ':' ||
        !util::digits_at(t, 14, 2)) {
      invalid(path, kTimeForms);
    }
    hour = digits(t, 11, 2);
    minute = digits(t, 14, 2);
    at = 16;
    if (t.size() >= 19 && t[16] == ':' && util::digits_at(t, 17, 2)) {
      second = digits(t, 17, 2);
      at = 19;
    }
    if (hour > 24 || minute > 59 || second > 59 || (hour == 24 && (minute != 0 || second != 0))) {
      invalid(path, "'" + text + "' is not a real time of day", ErrorCode::invalid_argument);
    }
  }
  int offset_minutes = calendar.utc_offset_minutes();
  const std::string_view zone = t.substr(at);
  if (zone == "Z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && util::digits_at(zone, 1, 2) && zone[3] == ':' &&
             util::digits_at(zone, 4, 2)) {
    offset_minutes = (digits(zone, 1, 2) * 60 + digits(zone, 4, 2)) * (zone[0] == '-' ? -1 : 1);
  } else if (!zone.empty()) {
    invalid(path, kTimeForms);
  }
  return Instant(day, boost::posix_time::hours(hour) + boost::posix_time::minutes(minute) +
                          boost::posix_time::seconds(second) - boost::posix_time::minutes(offset_minutes));
}

Instant step_time(const std::string& text, Instant previous, const Calendar& calendar, const std::string& path) {
  if (text.empty() || text[0] != '+') return absolute_time(text, calendar, path);
  std::size_t end = 1;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  if (end == 1 || end > 7 || end >= text.size() || text[end] != ' ') invalid(path, kTimeForms);
  const int amount = std::stoi(text.substr(1, end - 1));
  const std::string unit = text.substr(end + 1);
  const auto is = [&](const char* singular, const char* plural) { return unit == singular || unit == plural; };
  try {
    if (is("minute", "minutes")) return previous + boost::posix_time::minutes(amount);
    if (is("hour", "hours")) return previous + boost::posix_time::hours(amount);
    if (amount > 3660) invalid(path, "is more than ten years ahead");
    if (is("day", "days")) return previous + boost::gregorian::days(amount);
    if (is("working day", "working days")) {
      const Instant local = previous + boost::posix_time::minutes(calendar.utc_offset_minutes());
      const Date day = calendar.add_working_days(local.date(), amount);
      return Instant(day, local.time_of_day()) - boost::posix_time::minutes(calendar.utc_offset_minutes());
    }
  } catch (const Error& e) {
    invalid(path, e.what(), e.code());
  }
  invalid(path, kTimeForms);
}

}  // namespace xinfang::scenario_detail
