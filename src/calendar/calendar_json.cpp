// Loading a calendar from JSON: every malformed input is refused with the JSON path of the
// value at fault, so that a host can fix its file from the message alone.
#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "calendar/calendar_data.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"
#include "xinfang/error.hpp"

namespace xinfang::calendar_detail {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw Error(ErrorCode::invalid_data, "calendar " + (path.empty() ? std::string("/") : path) + ": " + what);
}

std::string child(const std::string& path, const std::string& key) {
  return path + "/" + key;
}
std::string child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

void allow_only(const json& object, const std::string& path, std::initializer_list<const char*> keys) {
  for (const auto& item : object.items()) {
    const bool known = std::any_of(keys.begin(), keys.end(), [&](const char* k) { return item.key() == k; });
    if (!known) fail(child(path, item.key()), "unknown key (a typo must not silently change the calendar)");
  }
}

const json& require_member(const json& object, const std::string& path, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) fail(child(path, key), "is required");
  return *it;
}

std::string read_string(const json& value, const std::string& path, bool allow_empty = false) {
  if (!value.is_string()) fail(path, "must be a string");
  std::string text = value.get<std::string>();
  if (!allow_empty && text.empty()) fail(path, "must not be empty");
  return text;
}

Date read_date(const json& value, const std::string& path) {
  const std::string text = read_string(value, path);
  try {
    return parse_date(text);
  } catch (const Error&) {
    fail(path, "'" + text + "' is not a valid date (YYYY-MM-DD)");
  }
}

int read_year_key(const std::string& key, const std::string& path) {
  if (key.size() != 4 || !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    fail(path, "year keys are four digits, e.g. \"2027\"");
  }
  const int year = std::stoi(key);
  if (year < kMinYear || year > kMaxYear) fail(path, "year must be within 1900-2200");
  return year;
}

int read_year_value(const json& value, const std::string& path) {
  if (!value.is_number_integer()) fail(path, "must be a whole number (a year)");
  const auto year = value.get<long long>();
  if (year < kMinYear || year > kMaxYear) fail(path, "year must be within 1900-2200");
  return static_cast<int>(year);
}

int read_clock_minute(const json& value, const std::string& path) {
  const std::string text = read_string(value, path);
  int hours = -1;
  int minutes = -1;
  char extra = 0;
  if (!util::digits_at(text, 0, 2) || !util::digits_at(text, 3, 2) || text.size() != 5 ||
      std::sscanf(text.c_str(), "%2d:%2d%c", &hours, &minutes, &extra) != 2 || text[2] != ':' || hours < 0 ||
      hours > 24 || minutes < 0 || minutes > 59 || (hours == 24 && minutes != 0)) {
    fail(path, "'" + text + "' is not a time of day HH:MM (00:00-24:00)");
  }
  return hours * 60 + minutes;
}

int weekday_index(const std::string& name) {
  static const char* const kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int i = 0; i < 7; ++i) {
    if (name == kNames[i]) return i;
  }
  return -1;
}

std::vector<BusinessWindow> read_windows(const json& value, const std::string& path) {
  if (!value.is_array()) fail(path, "must be an array of [\"HH:MM\", \"HH:MM\"] windows");
  std::vector<BusinessWindow> windows;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = child(path, i);
    const json& pair = value[i];
    if (!pair.is_array() || pair.size() != 2) fail(item_path, "must be a pair [\"HH:MM\", \"HH:MM\"]");
    BusinessWindow window{read_clock_minute(pair[0], child(item_path, 0)),
                          read_clock_minute(pair[1], child(item_path, 1))};
    if (window.end_minute <= window.start_minute) fail(item_path, "a window must end after it starts");
    if (!windows.empty() && window.start_minute < windows.back().end_minute) {
      fail(item_path, "windows must be in order and must not overlap");
    }
    windows.push_back(window);
  }
  return windows;
}

// Accepts the zone names used in China (all fixed offsets since 1991) and explicit offsets.
void read_time_zone(const json& value, const std::string& path, CalendarData& data) {
  const std::string name = read_string(value, path);
  static const std::pair<const char*, int> kZones[] = {
      {"Asia/Shanghai", 480}, {"Asia/Chongqing", 480}, {"Asia/Harbin", 480}, {"Asia/Hong_Kong", 480},
      {"Asia/Macau", 480},    {"Asia/Taipei", 480},    {"Asia/Urumqi", 360}, {"UTC", 0}};
  for (const auto& zone : kZones) {
    if (name == zone.first) {
      data.time_zone = name;
      data.utc_offset_minutes = zone.second;
      return;
    }
  }
  int hours = 0;
  int minutes = 0;
  char sign = 0;
  char extra = 0;
  if (name.size() == 9 && util::digits_at(name, 4, 2) && util::digits_at(name, 7, 2) && name[6] == ':' &&
      std::sscanf(name.c_str(), "UTC%c%2d:%2d%c", &sign, &hours, &minutes, &extra) == 3 &&
      (sign == '+' || sign == '-') && hours <= 14 && minutes <= 59) {
    data.time_zone = name;
    data.utc_offset_minutes = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
    return;
  }
  fail(path, "'" + name + "' is not a supported time zone (Asia/Shanghai, Asia/Urumqi, UTC, or UTC+HH:MM)");
}

void check_date_belongs_to_year(Date date, int year, const std::string& path) {
  const int y = date.year();
  const bool previous_december = (y == year - 1 && date.month() == 12);
  if (y != year && !previous_december) {
    fail(path, "date " + format_date(date) + " does not belong to the " + std::to_string(year) +
                   " table (only that year and the December before it)");
  }
}

void read_year(const json& value, int year, const std::string& path, CalendarData& data) {
  if (!value.is_object()) fail(path, "must be an object with source, holidays and workdays");
  allow_only(value, path, {"source", "holidays", "workdays"});
  const std::string source = read_string(require_member(value, path, "source"), child(path, "source"));
  std::map<Date, SpecialDay> days;

  if (auto it = value.find("holidays"); it != value.end()) {
    const std::string list_path = child(path, "holidays");
    if (!it->is_array()) fail(list_path, "must be an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string item_path = child(list_path, i);
      const json& item = (*it)[i];
      if (!item.is_object()) fail(item_path, "must be an object {name, from, to}");
      allow_only(item, item_path, {"name", "from", "to"});
      const std::string name = read_string(require_member(item, item_path, "name"), child(item_path, "name"));
      const Date from = read_date(require_member(item, item_path, "from"), child(item_path, "from"));
      const Date to = item.contains("to") ? read_date(item["to"], child(item_path, "to")) : from;
      if (to < from) fail(child(item_path, "to"), "ends before it starts");
      if ((to - from).days() > 31) fail(child(item_path, "to"), "a holiday longer than 32 days is surely a typo");
      check_date_belongs_to_year(from, year, child(item_path, "from"));
      check_date_belongs_to_year(to, year, child(item_path, "to"));
      for (Date d = from; d <= to; d += boost::gregorian::days(1)) {
        if (days.count(d) != 0) fail(item_path, format_date(d) + " is listed twice");
        days[d] = SpecialDay{d, DayKind::holiday, name, source};
      }
    }
  }
  if (auto it = value.find("workdays"); it != value.end()) {
    const std::string list_path = child(path, "workdays");
    if (!it->is_array()) fail(list_path, "must be an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string item_path = child(list_path, i);
      const json& item = (*it)[i];
      if (!item.is_object()) fail(item_path, "must be an object {date, for}");
      allow_only(item, item_path, {"date", "for"});
      const Date date = read_date(require_member(item, item_path, "date"), child(item_path, "date"));
      const std::string for_holiday =
          item.contains("for") ? read_string(item["for"], child(item_path, "for")) : std::string("调休");
      check_date_belongs_to_year(date, year, child(item_path, "date"));
      if (!data.weekend[date.day_of_week().as_number()]) {
        fail(child(item_path, "date"),
             format_date(date) + " is not a weekend day; only weekend days become make-up working days");
      }
      if (days.count(date) != 0) fail(child(item_path, "date"), format_date(date) + " is also listed as a holiday");
      days[date] = SpecialDay{date, DayKind::makeup_workday, for_holiday, source};
    }
  }
  auto& existing = data.year_sources[year];
  existing = existing.empty() ? source : existing + "；" + source;
  for (auto& entry : days) data.special_days[entry.first] = std::move(entry.second);
}

}  // namespace

CalendarData parse_calendar_json(std::string_view text, const CalendarData* base) {
  util::require_utf8(text, "calendar JSON");
  json doc;
  try {
    doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const json::exception& e) {
    // A syntax error, or a number too large for a double (out_of_range.406): malformed either way.
    std::string message = e.what();
    // nlohmann's messages begin with "[json.exception.parse_error.101] "; keep the rest.
    if (auto close = message.find("] "); close != std::string::npos) message = message.substr(close + 2);
    throw Error(ErrorCode::parse_error, "calendar JSON: " + message);
  }
  const std::string root;
  if (!doc.is_object()) fail(root, "a calendar must be a JSON object");
  allow_only(doc, root,
             {"name", "base", "time_zone", "weekend", "business_hours", "business_hours_by_weekday", "estimate_years",
              "years"});

  CalendarData data;
  if (auto it = doc.find("base"); it != doc.end()) {
    const std::string base_name = read_string(*it, "/base");
    if (base != nullptr) {
      if (base->name != base_name) {
        fail("/base", "names '" + base_name + "' but the calendar is being layered over '" + base->name + "'");
      }
      data = *base;
    } else if (base_name == national_data().name) {
      data = national_data();
    } else {
      throw Error(ErrorCode::not_found, "calendar /base: no built-in calendar named '" + base_name + "'");
    }
  } else if (base != nullptr) {
    data = *base;
  }

  data.name = read_string(require_member(doc, root, "name"), "/name");
  if (auto it = doc.find("time_zone"); it != doc.end()) read_time_zone(*it, "/time_zone", data);
  if (auto it = doc.find("weekend"); it != doc.end()) {
    if (!it->is_array()) fail("/weekend", "must be an array of day names (mon..sun)");
    std::array<bool, 7> weekend{};
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string name = read_string((*it)[i], child("/weekend", i));
      const int index = weekday_index(name);
      if (index < 0) fail(child("/weekend", i), "'" + name + "' is not a day name (mon, tue, wed, thu, fri, sat, sun)");
      if (weekend[index]) fail(child("/weekend", i), "'" + name + "' is listed twice");
      weekend[index] = true;
    }
    if (std::all_of(weekend.begin(), weekend.end(), [](bool b) { return b; })) {
      fail("/weekend", "a calendar with no working weekday would have no working days");
    }
    data.weekend = weekend;
  }
  if (auto it = doc.find("business_hours"); it != doc.end()) {
    data.business_hours = read_windows(*it, "/business_hours");
  }
  if (auto it = doc.find("business_hours_by_weekday"); it != doc.end()) {
    if (!it->is_object()) fail("/business_hours_by_weekday", "must be an object keyed by day name (mon..sun)");
    for (const auto& item : it->items()) {
      const std::string path = child("/business_hours_by_weekday", item.key());
      const int index = weekday_index(item.key());
      if (index < 0) fail(path, "'" + item.key() + "' is not a day name (mon, tue, wed, thu, fri, sat, sun)");
      data.business_hours_by_weekday[index] = read_windows(item.value(), path);
      data.has_weekday_hours[index] = true;
    }
  }
  if (auto it = doc.find("years"); it != doc.end()) {
    if (!it->is_object()) fail("/years", "must be an object keyed by year");
    for (const auto& item : it->items()) {
      const std::string path = child("/years", item.key());
      read_year(item.value(), read_year_key(item.key(), path), path, data);
    }
  }
  if (auto it = doc.find("estimate_years"); it != doc.end()) {
    if (!it->is_array()) fail("/estimate_years", "must be an array of years");
    for (std::size_t i = 0; i < it->size(); ++i) {
      data.estimated_years.insert(read_year_value((*it)[i], child("/estimate_years", i)));
    }
  }
  return data;
}

}  // namespace xinfang::calendar_detail
