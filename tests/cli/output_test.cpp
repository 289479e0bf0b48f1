// Unit tests of the program's output helpers (src/cli/output.hpp), linked in directly.
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cli/db_format.hpp"
#include "cli/output.hpp"
#include "cli_test_util.hpp"

namespace xinfang::cli {
namespace {

TEST(CliDisplayWidth, AsciiIsOneColumnEach) {
  EXPECT_EQ(display_width(""), 0);
  EXPECT_EQ(display_width("2025-10-01"), 10);
}

TEST(CliDisplayWidth, CjkAndFullwidthAreTwoColumns) {
  EXPECT_EQ(display_width("元旦"), 4);
  // 国 庆 节 、 中 秋 节: seven characters, the ideographic comma 、 (U+3001) included.
  EXPECT_EQ(display_width("国庆节、中秋节"), 14);
  // Fullwidth parentheses and the tortoise-shell brackets of a notice number.
  EXPECT_EQ(display_width("（〔〕）"), 8);
  EXPECT_EQ(display_width("2025-10-01 (三)"), 15);
}

TEST(CliDisplayWidth, NarrowAndZeroWidth) {
  EXPECT_EQ(display_width("–"), 1);          // en dash: ambiguous width, taken as narrow
  EXPECT_EQ(display_width("e\xCC\x81"), 1);  // e + combining acute accent
  EXPECT_EQ(display_width("\xFF"), 1);       // a stray byte still takes a column
  EXPECT_EQ(display_width("\xE4\xB8"), 2);   // a truncated sequence: two bytes, two columns
}

TEST(CliPadding, PadsToDisplayWidth) {
  EXPECT_EQ(pad_right("元旦", 6), "元旦  ");
  EXPECT_EQ(pad_left("8", 3), "  8");
  EXPECT_EQ(pad_right("国庆节", 4), "国庆节");  // already wider: unchanged
}

TEST(CliTable, ColumnsLineUpByDisplayWidth) {
  Table table({Table::Align::left, Table::Align::right, Table::Align::left});
  table.add_row({"元旦", "1", "[1]"});
  table.add_row({"国庆节、中秋节", "8", "[1]"});
  std::ostringstream out;
  table.print(out, "  ");
  // Column 1 is 14 wide; column 2 is 1 wide; separators are two spaces; no trailing blanks.
  EXPECT_EQ(out.str(),
            "  元旦            1  [1]\n"
            "  国庆节、中秋节  8  [1]\n");
}

TEST(CliWeekdays, ChineseAndEnglish) {
  const Date national_day(2025, 10, 1);  // a Wednesday
  EXPECT_STREQ(weekday_zh(national_day), "三");
  EXPECT_STREQ(weekday_en(national_day), "Wed");
  EXPECT_STREQ(weekday_zh(Date(2025, 9, 28)), "日");
  EXPECT_EQ(date_with_weekday(national_day), "2025-10-01 (三)");
}

TEST(CliEndOfDay, LocalAndUtc) {
  const Calendar& national = Calendar::national();
  EXPECT_EQ(end_of_day_local(national, Date(2025, 10, 13)), "2025-10-13 (一) 24:00 Asia/Shanghai");
  // 24:00 local on 10-13 is 00:00 on 10-14 in UTC+8, i.e. 16:00 UTC on 10-13.
  EXPECT_EQ(iso_utc(national.end_of_day(Date(2025, 10, 13))), "2025-10-13T16:00:00Z");
}

TEST(CliDeadline, TheEndOfADayIsItsTwentyFourHundred) {
  const Calendar& national = Calendar::national();
  const Instant end = national.end_of_day(Date(2025, 10, 13));
  EXPECT_EQ(local_deadline(national, end), "2025-10-13 24:00:00");
  EXPECT_EQ(local_time(national, end), "2025-10-14 00:00:00");  // a moment, not a deadline
  // Any other time is as local_time() writes it, a second before or after included.
  EXPECT_EQ(local_deadline(national, end - boost::posix_time::seconds(1)), "2025-10-13 23:59:59");
  EXPECT_EQ(local_deadline(national, end + boost::posix_time::seconds(1)), "2025-10-14 00:00:01");
  // Across a month and a year.
  EXPECT_EQ(local_deadline(national, national.end_of_day(Date(2025, 12, 31))), "2025-12-31 24:00:00");
  EXPECT_EQ(local_deadline(national, Instant()), "");
  EXPECT_EQ(local_deadline_of(national, Json("2025-10-13T16:00:00Z")), "2025-10-13 24:00:00");
  EXPECT_EQ(local_deadline_of(national, Json("not a time")), "not a time");
}

TEST(CliOneLine, FoldsLineBreaks) {
  EXPECT_EQ(one_line("  first\nsecond\r\n"), "first second");
  EXPECT_EQ(one_line("\n"), "");
}

}  // namespace
}  // namespace xinfang::cli
