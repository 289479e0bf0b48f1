// The checks every argument of the C ABI passes before the library proper sees it.
#include <cstring>
#include <string>
#include <string_view>

#include "capi_internal.hpp"
#include "util/utf8.hpp"

namespace xinfang::capi {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

namespace {

// @p text checked — not NULL, at most XF_MAX_INPUT_BYTES, UTF-8 — and viewed in place.
std::string_view checked_text(const char* text, const char* name) {
  require_pointer(text, name);
  // strnlen stops at the limit, so a huge input is not scanned to its end.
  const std::size_t length = strnlen(text, static_cast<std::size_t>(XF_MAX_INPUT_BYTES) + 1);
  if (length > static_cast<std::size_t>(XF_MAX_INPUT_BYTES)) {
    throw Error(ErrorCode::invalid_argument, std::string(name) + " is longer than XF_MAX_INPUT_BYTES (" +
                                                 std::to_string(XF_MAX_INPUT_BYTES) + " bytes)");
  }
  const std::string_view view(text, length);
  util::require_utf8(view, name);
  return view;
}

}  // namespace

std::string required_text(const char* text, const char* name) {
  return std::string(checked_text(text, name));
}

std::string optional_text(const char* text, const char* name) {
  return text == nullptr ? std::string() : required_text(text, name);
}

nlohmann::json parse_json(const char* text, const char* name) {
  // Parsed where it lies: a petition or a batch is not copied first.
  const std::string_view value = checked_text(text, name);
  try {
    return nlohmann::json::parse(value.begin(), value.end());
  } catch (const nlohmann::json::exception& e) {
    // A syntax error, or a number too large for a double (out_of_range.406): malformed either way.
    std::string message = e.what();
    // nlohmann's messages begin with "[json.exception.parse_error.101] "; keep the rest.
    if (auto close = message.find("] "); close != std::string::npos) message = message.substr(close + 2);
    throw Error(ErrorCode::parse_error, std::string(name) + ": " + message);
  }
}

nlohmann::json optional_json(const char* text, const char* name, nlohmann::json absent) {
  return text == nullptr ? absent : parse_json(text, name);
}

bool read_flag(int32_t value, const std::string& name) {
  if (value != 0 && value != 1) {
    throw Error(ErrorCode::invalid_argument, name + " is " + std::to_string(value) + "; it must be 0 or 1");
  }
  return value == 1;
}

std::string shortened(const std::string& key) {
  constexpr std::size_t kLimit = 100;
  if (key.size() <= kLimit) return key;
  std::size_t cut = kLimit;
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0u) == 0x80u) --cut;
  return key.substr(0, cut) + "...";
}

void fail_at(const char* name, const std::string& path, const std::string& rule) {
  throw Error(ErrorCode::invalid_data, std::string(name) + " " + path + ": " + rule);
}

Date checked_date(xf_date day) {
  const std::string text =
      "date " + std::to_string(day.year) + "-" + std::to_string(day.month) + "-" + std::to_string(day.day);
  // Boost accepts years 1400..9999; the narrower checks come first so that the casts cannot wrap.
  if (day.year < 1400 || day.year > 9999 || day.month < 1 || day.month > 12 || day.day < 1 || day.day > 31) {
    throw Error(ErrorCode::invalid_argument, text + " is not a real date");
  }
  try {
    return Date(static_cast<unsigned short>(day.year), static_cast<unsigned short>(day.month),
                static_cast<unsigned short>(day.day));
  } catch (const std::out_of_range&) {
  }
  throw Error(ErrorCode::invalid_argument, text + " is not a real date");
}

xf_date from_date(Date day) {
  return xf_date{static_cast<int32_t>(day.year()), static_cast<int32_t>(day.month()), static_cast<int32_t>(day.day())};
}

namespace {
const Instant kEpoch(bg::date(1970, 1, 1));
}

Instant from_unix(int64_t seconds, const char* name) {
  // Boost's date range is 1400..9999; stay well inside it.
  constexpr int64_t kLimit = 250000000000LL;
  if (seconds < -kLimit || seconds > kLimit) {
    throw Error(ErrorCode::invalid_argument, std::string(name) + " " + std::to_string(seconds) +
                                                 " is out of range (seconds since 1970-01-01T00:00:00Z)");
  }
  return kEpoch + bpt::seconds(seconds);
}

int64_t to_unix(Instant instant) {
  const bpt::time_duration since = instant - kEpoch;
  int64_t seconds = since.total_seconds();
  // total_seconds() truncates towards zero; the ABI rounds down.
  if (since.is_negative() && since.ticks() % bpt::time_duration::ticks_per_second() != 0) --seconds;
  return seconds;
}

}  // namespace xinfang::capi
