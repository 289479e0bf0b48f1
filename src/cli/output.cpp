// The xinfang command-line program: text and JSON output shared by every subcommand.
#include "cli/output.hpp"

#include <algorithm>
#include <iostream>
#include <utility>

#include <boost/date_time/posix_time/posix_time.hpp>

namespace xinfang::cli {
namespace {

// Decodes one well-formed UTF-8 sequence at @p i; returns its length, or 0 if the bytes there
// are not well-formed (then the caller treats one byte as one column).
std::size_t decode(std::string_view s, std::size_t i, char32_t& out) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    out = b0;
    return 1;
  } else if ((b0 & 0xE0) == 0xC0) {
    length = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  out = cp;
  return length;
}

// Terminal columns of one code point, after Unicode's East Asian Width (W and F are 2) and
// the usual zero-width classes. Ambiguous-width characters (such as "–") count 1, as in a
// terminal outside a CJK locale.
int codepoint_width(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F)) return 0;
  static const std::pair<char32_t, char32_t> kWide[] = {
      {0x1100, 0x115F}, {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
      {0xA000, 0xA4CF}, {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
      {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};
  for (const auto& range : kWide) {
    if (c >= range.first && c <= range.second) return 2;
  }
  return 1;
}

std::string spaces(int n) {
  return std::string(static_cast<std::size_t>(std::max(n, 0)), ' ');
}

}  // namespace

int display_width(std::string_view utf8) {
  int width = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = 0;
    const std::size_t length = decode(utf8, i, cp);
    if (length == 0) {
      width += 1;
      i += 1;
    } else {
      width += codepoint_width(cp);
      i += length;
    }
  }
  return width;
}

std::string pad_right(std::string_view text, int width) {
  return std::string(text) + spaces(width - display_width(text));
}

std::string pad_left(std::string_view text, int width) {
  return spaces(width - display_width(text)) + std::string(text);
}

Table::Table(std::vector<Align> aligns) : aligns_(std::move(aligns)) {}

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(std::max(cells.size(), aligns_.size()));
  rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out, std::string_view indent) const {
  std::size_t columns = aligns_.size();
  for (const auto& row : rows_) columns = std::max(columns, row.size());
  std::vector<int> widths(columns, 0);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  for (const auto& row : rows_) {
    std::string line(indent);
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool right = c < aligns_.size() && aligns_[c] == Align::right;
      if (c > 0) line += "  ";
      line += right ? pad_left(row[c], widths[c]) : pad_right(row[c], widths[c]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << '\n';
  }
}

const char* weekday_zh(Date day) {
  static const char* const kNames[] = {"日", "一", "二", "三", "四", "五", "六"};
  return kNames[day.day_of_week().as_number()];
}

const char* weekday_en(Date day) {
  static const char* const kNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return kNames[day.day_of_week().as_number()];
}

std::string date_with_weekday(Date day) {
  return format_date(day) + " (" + weekday_zh(day) + ")";
}

std::string end_of_day_local(const Calendar& calendar, Date day) {
  return date_with_weekday(day) + " 24:00 " + calendar.time_zone();
}

std::string iso_utc(Instant instant) {
  return boost::posix_time::to_iso_extended_string(instant) + "Z";
}

void print_json(std::ostream& out, const nlohmann::json& value) {
  out << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

std::string one_line(std::string_view message) {
  std::string line(message);
  std::replace_if(
      line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  const auto first = line.find_first_not_of(' ');
  if (first == std::string::npos) return std::string();
  line.erase(line.find_last_not_of(' ') + 1);
  return line.substr(first);
}

void report_error(std::string_view code, std::string_view message, bool json) {
  const std::string text = one_line(message);
  if (json) {
    std::cout.flush();
    print_json(std::cout, {{"error", {{"code", std::string(code)}, {"message", text}}}});
    std::cout.flush();
  }
  std::cerr << "xinfang: error: " << code << ": " << text << std::endl;
}

}  // namespace xinfang::cli
