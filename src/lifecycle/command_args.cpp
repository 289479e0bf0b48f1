// Strict reading of command arguments and event payloads: every refusal names the JSON path.
#include "lifecycle/command_args.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "util/text.hpp"
#include "util/utf8.hpp"

namespace xinfang::lifecycle_detail {
namespace {

namespace bpt = boost::posix_time;

int number_at(std::string_view text, std::size_t position, std::size_t count) {
  int value = 0;
  for (std::size_t i = position; i < position + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

const char* type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "a whole number";
    case Json::value_t::number_float: return "a number with a fraction";
    default: return "another kind of value";
  }
}

const Json& empty_object() {
  static const Json empty = Json::object();
  return empty;
}

}  // namespace

std::string format_instant(Instant instant) {
  // The text of bpt::to_iso_extended_string() and a "Z", written directly: Boost's goes through
  // a string stream and a locale, and every event carries a time or two.
  if (instant.is_special()) return "";
  const boost::gregorian::date::ymd_type ymd = instant.date().year_month_day();
  const bpt::time_duration time = instant.time_of_day();
  const int digits = bpt::time_duration::num_fractional_digits();
  char text[48];
  char* out = text;
  const auto put = [&out](long value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    out += width;
  };
  put(ymd.year, 4);
  *out++ = '-';
  put(ymd.month, 2);
  *out++ = '-';
  put(ymd.day, 2);
  *out++ = 'T';
  put(time.hours(), 2);
  *out++ = ':';
  put(time.minutes(), 2);
  *out++ = ':';
  put(time.seconds(), 2);
  const auto fraction = time.fractional_seconds();
  if (fraction != 0) {
    *out++ = '.';
    put(static_cast<long>(fraction), digits);
  }
  *out++ = 'Z';
  return std::string(text, out);
}

Json instant_or_null(Instant instant) {
  return instant.is_special() ? Json() : Json(format_instant(instant));
}

Json actor_json(const Actor& actor) {
  return {{"id", actor.id}, {"organisation", actor.organisation}, {"unit", actor.unit}, {"roles", actor.roles}};
}

std::optional<Instant> parse_instant(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS
  if (text.size() < 20 || !util::digits_at(text, 0, 4) || text[4] != '-' || !util::digits_at(text, 5, 2) ||
      text[7] != '-' || !util::digits_at(text, 8, 2) || text[10] != 'T' || !util::digits_at(text, 11, 2) ||
      text[13] != ':' || !util::digits_at(text, 14, 2) || text[16] != ':' || !util::digits_at(text, 17, 2)) {
    return std::nullopt;
  }
  const int hour = number_at(text, 11, 2);
  const int minute = number_at(text, 14, 2);
  const int second = number_at(text, 17, 2);
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  std::size_t position = 19;
  long micros = 0;
  if (text[position] == '.') {
    std::size_t count = 0;
    ++position;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      if (count == 6) return std::nullopt;
      micros = micros * 10 + (text[position] - '0');
      ++count;
      ++position;
    }
    if (count == 0) return std::nullopt;
    for (std::size_t i = count; i < 6; ++i) micros *= 10;
  }
  int offset_minutes = 0;
  if (position < text.size() && text[position] == 'Z') {
    ++position;
  } else if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
    if (!util::digits_at(text, position + 1, 2) || position + 3 >= text.size() || text[position + 3] != ':' ||
        !util::digits_at(text, position + 4, 2)) {
      return std::nullopt;
    }
    const int hours = number_at(text, position + 1, 2);
    const int minutes = number_at(text, position + 4, 2);
    if (hours > 23 || minutes > 59) return std::nullopt;
    offset_minutes = (hours * 60 + minutes) * (text[position] == '-' ? -1 : 1);
    position += 6;
  } else {
    return std::nullopt;  // a time without a zone is ambiguous
  }
  if (position != text.size()) return std::nullopt;
  try {
    const Date day(static_cast<unsigned short>(number_at(text, 0, 4)),
                   static_cast<unsigned short>(number_at(text, 5, 2)),
                   static_cast<unsigned short>(number_at(text, 8, 2)));
    return Instant(day, bpt::hours(hour) + bpt::minutes(minute) + bpt::seconds(second) + bpt::microseconds(micros)) -
           bpt::minutes(offset_minutes);
  } catch (const std::exception&) {
    return std::nullopt;  // not a real date, or outside boost's range
  }
}

std::string printable(std::string_view text) {
  // Messages are one line: a long key or name is cut, and says how long it was.
  constexpr std::size_t kMaxShown = 100;
  std::string suffix;
  if (text.size() > kMaxShown) {
    suffix = "... (" + std::to_string(text.size()) + " bytes)";
    text = text.substr(0, kMaxShown);
  }
  std::string out;
  while (!text.empty()) {
    const std::size_t bad = util::find_invalid_utf8(text);
    if (bad == std::string_view::npos) {
      out.append(text);
      break;
    }
    out.append(text.substr(0, bad));
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(text[bad]));
    out += hex;
    text.remove_prefix(bad + 1);
  }
  return out + suffix;
}

JsonReader::JsonReader(std::string subject, const Json& value, std::string path, bool null_is_empty)
    : subject_(std::move(subject)), object_(&value), path_(std::move(path)) {
  if (value.is_null() && null_is_empty) {
    object_ = &empty_object();
  } else if (!value.is_object()) {
    throw Error(ErrorCode::invalid_data,
                subject_ + " " + (path_.empty() ? "/" : path_) + ": must be an object, not " + type_name(value));
  }
}

std::string JsonReader::path_of(std::string_view key) const {
  return path_ + "/" + util::json_pointer_segment(printable(key));
}

void JsonReader::fail(std::string_view key, const std::string& what) const {
  fail(ErrorCode::invalid_data, key, what);
}

void JsonReader::fail(ErrorCode code, std::string_view key, const std::string& what) const {
  throw Error(code, subject_ + " " + path_of(key) + ": " + what);
}

void JsonReader::allow_only(std::initializer_list<std::string_view> keys) const {
  for (const auto& item : object_->items()) {
    const std::string& key = item.key();
    if (util::find_invalid_utf8(key) != std::string::npos) {
      fail(ErrorCode::invalid_utf8, key, "a key that is not valid UTF-8");
    }
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      std::string known;
      for (std::string_view k : keys) known += (known.empty() ? "" : ", ") + std::string(k);
      fail(key, "unknown key (known: " + (known.empty() ? std::string("none") : known) + ")");
    }
  }
}

bool JsonReader::has(std::string_view key) const {
  return object_->find(key) != object_->end();
}

const Json& JsonReader::require(std::string_view key) const {
  auto it = object_->find(key);
  if (it == object_->end()) fail(key, "is required");
  return *it;
}

std::string JsonReader::check_string(const Json& value, std::string_view key, std::size_t index, std::size_t max_bytes,
                                     bool allow_empty) const {
  const auto refuse = [&](ErrorCode code, const std::string& what) -> void {
    const std::string path = path_of(key) + (index == std::string::npos ? "" : "/" + std::to_string(index));
    throw Error(code, subject_ + " " + path + ": " + what);
  };
  if (!value.is_string()) refuse(ErrorCode::invalid_data, std::string("must be a string, not ") + type_name(value));
  const auto& text = value.get_ref<const std::string&>();
  if (text.size() > max_bytes) {
    refuse(ErrorCode::invalid_data,
           "is " + std::to_string(text.size()) + " bytes; at most " + std::to_string(max_bytes) + " are allowed");
  }
  if (!allow_empty && text.empty()) refuse(ErrorCode::invalid_data, "must not be empty");
  const std::size_t bad = util::find_invalid_utf8(text);
  if (bad != std::string::npos) {
    refuse(ErrorCode::invalid_utf8, "is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  }
  return text;
}

std::string JsonReader::string(std::string_view key, std::size_t max_bytes, bool allow_empty) const {
  return check_string(require(key), key, std::string::npos, max_bytes, allow_empty);
}

std::optional<std::string> JsonReader::optional_string(std::string_view key, std::size_t max_bytes,
                                                       bool allow_empty) const {
  if (!has(key)) return std::nullopt;
  return string(key, max_bytes, allow_empty);
}

std::string JsonReader::string_or(std::string_view key, std::size_t max_bytes, std::string fallback) const {
  if (!has(key)) return fallback;
  return string(key, max_bytes, true);
}

std::string JsonReader::choice(std::string_view key, const std::vector<std::string>& choices) const {
  const std::string value = string(key, kMaxIdBytes, true);
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return value;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  fail(key, "must be one of " + list);
}

bool JsonReader::boolean(std::string_view key) const {
  const Json& value = require(key);
  if (!value.is_boolean()) fail(key, std::string("must be true or false, not ") + type_name(value));
  return value.get<bool>();
}

bool JsonReader::boolean_or(std::string_view key, bool fallback) const {
  return has(key) ? boolean(key) : fallback;
}

std::optional<bool> JsonReader::optional_boolean(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return boolean(key);
}

std::int64_t JsonReader::integer(std::string_view key, std::int64_t min, std::int64_t max) const {
  const Json& value = require(key);
  if (!value.is_number_integer()) fail(key, std::string("must be a whole number, not ") + type_name(value));
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    fail(key, "must be at most " + std::to_string(max));
  }
  const auto number = value.get<std::int64_t>();
  if (number < min || number > max) {
    fail(key, "must be within " + std::to_string(min) + ".." + std::to_string(max));
  }
  return number;
}

std::optional<std::int64_t> JsonReader::optional_integer(std::string_view key, std::int64_t min,
                                                         std::int64_t max) const {
  if (!has(key)) return std::nullopt;
  return integer(key, min, max);
}

Instant JsonReader::instant(std::string_view key) const {
  const std::string text = string(key, 64);
  const auto parsed = parse_instant(text);
  if (!parsed) fail(key, "'" + text + "' is not a time like 2025-03-03T09:30:00+08:00 (a zone is required)");
  return *parsed;
}

std::optional<Instant> JsonReader::optional_instant(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return instant(key);
}

std::vector<const Json*> JsonReader::array(std::string_view key, std::size_t max_items, bool required) const {
  std::vector<const Json*> items;
  if (!required && !has(key)) return items;
  const Json& value = require(key);
  if (!value.is_array()) fail(key, std::string("must be an array, not ") + type_name(value));
  if (value.size() > max_items)
    fail(key, "has " + std::to_string(value.size()) + " items; at most " + std::to_string(max_items) + " are allowed");
  for (const auto& item : value) items.push_back(&item);
  return items;
}

std::vector<std::string> JsonReader::strings(std::string_view key, std::size_t max_bytes, bool required) const {
  std::vector<std::string> out;
  const auto items = array(key, kMaxListItems, required);
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.push_back(check_string(*items[i], key, i, max_bytes, false));
  }
  return out;
}

JsonReader JsonReader::object(std::string_view key) const {
  return JsonReader(subject_, require(key), path_of(key));
}

JsonReader JsonReader::element(std::string_view key, std::size_t index, const Json& element) const {
  return JsonReader(subject_, element, path_of(key) + "/" + std::to_string(index));
}

}  // namespace xinfang::lifecycle_detail
