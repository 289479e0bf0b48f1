// The xinfang command-line program: text and JSON output shared by every subcommand.
#ifndef XINFANG_SRC_CLI_OUTPUT_HPP
#define XINFANG_SRC_CLI_OUTPUT_HPP

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "xinfang/calendar.hpp"

namespace xinfang::cli {

/**
 * The number of terminal columns @p utf8 takes: East Asian wide and fullwidth characters
 * (CJK ideographs, kana, hangul, fullwidth punctuation such as "（" and "、") count 2,
 * combining marks and control characters 0, everything else 1. A byte that is not part of
 * well-formed UTF-8 counts 1, so a bad byte never hides a column.
 */
int display_width(std::string_view utf8);

/** @p text followed by spaces up to @p width display columns (unchanged if already wider). */
std::string pad_right(std::string_view text, int width);
/** Spaces up to @p width display columns followed by @p text (unchanged if already wider). */
std::string pad_left(std::string_view text, int width);

/** A text table whose columns line up by display width, CJK included. */
class Table {
 public:
  enum class Align { left, right };
  /** A table with one alignment per column. */
  explicit Table(std::vector<Align> aligns);
  /** Adds a row; missing cells are empty. */
  void add_row(std::vector<std::string> cells);
  /** Prints every row, columns separated by two spaces, without trailing spaces. */
  void print(std::ostream& out, std::string_view indent = "") const;

 private:
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

/** The day of the week in Chinese, one character: 一 二 三 四 五 六 日. */
const char* weekday_zh(Date day);
/** The day of the week in English, three letters: Mon .. Sun. */
const char* weekday_en(Date day);
/** "2025-10-13 (一)". */
std::string date_with_weekday(Date day);
/** The end of @p day as a clerk reads it: "2025-10-13 (一) 24:00 Asia/Shanghai". */
std::string end_of_day_local(const Calendar& calendar, Date day);
/** An instant as ISO 8601 UTC: "2025-10-13T16:00:00Z". */
std::string iso_utc(Instant instant);

/** Prints @p value on @p out, indented, UTF-8 kept as is (bad bytes replaced), then a newline. */
void print_json(std::ostream& out, const nlohmann::json& value);

/** Folds @p message onto one line (line breaks become spaces; surrounding blanks trimmed). */
std::string one_line(std::string_view message);

/**
 * Reports a failure: always the one line "xinfang: error: <code>: <message>" on stderr and,
 * when @p json, also {"error": {"code": ..., "message": ...}} on stdout.
 */
void report_error(std::string_view code, std::string_view message, bool json);

}  // namespace xinfang::cli

#endif
