// `xinfang calendar is-workday | add | between | year` on the built-in national calendar.
//
// Every expected value is worked out by hand from the State Council tables compiled into the
// library (src/calendar/data/cn-national.json), as the comments show:
//   2025: 元旦 01-01; 春节 01-28..02-04 (make-up 01-26 Sun, 02-08 Sat); 清明 04-04..04-06;
//         劳动节 05-01..05-05 (make-up 04-27 Sun); 端午 05-31..06-02;
//         国庆节、中秋节 10-01..10-08 (make-up 09-28 Sun, 10-11 Sat).
//   2026: 元旦 01-01..01-03 (make-up 01-04 Sun); 春节 02-15..02-23 (make-up 02-14 Sat, 02-28 Sat);
//         清明 04-04..04-06; 劳动节 05-01..05-05 (make-up 05-09 Sat); 端午 06-19..06-21;
//         中秋 09-25..09-27; 国庆 10-01..10-07 (make-up 09-20 Sun, 10-10 Sat).
#include <string>

#include <gtest/gtest.h>

#include "cli_test_util.hpp"

namespace xinfang::cli_test {
namespace {

const std::string kSource2025 = "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）";

// ---- is-workday ----

TEST(CliCalendarIsWorkday, HolidayPrintsNoWithNameAndSource) {
  // 2025-10-01 (Wed) lies in 国庆节、中秋节 10-01..10-08.
  const CliRun run = run_cli({"calendar", "is-workday", "2025-10-01"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "no  holiday 国庆节、中秋节 (" + kSource2025 + ")\n");
  EXPECT_EQ(run.err, "");
}

TEST(CliCalendarIsWorkday, MakeUpSundayPrintsYes) {
  // 2025-09-28 is a Sunday made a working day for 国庆节、中秋节.
  const CliRun run = run_cli({"calendar", "is-workday", "2025-09-28"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "yes  make-up working day for 国庆节、中秋节\n");
}

TEST(CliCalendarIsWorkday, PlainWeekendAndWorkday) {
  // 2025-10-12 is the Sunday after the make-up Saturday 10-11: an ordinary weekend day.
  EXPECT_EQ(run_cli({"calendar", "is-workday", "2025-10-12"}).out, "no  weekend\n");
  // 2025-10-09 is the Thursday after the eight-day break: an ordinary workday.
  EXPECT_EQ(run_cli({"calendar", "is-workday", "2025-10-09"}).out, "yes  workday\n");
}

TEST(CliCalendarIsWorkday, JsonForMakeUpSaturday) {
  // 2026-02-14 is a Saturday made a working day for 春节 (the day before the break).
  const CliRun run = run_cli({"calendar", "is-workday", "2026-02-14", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const auto j = parse_json(run.out);
  EXPECT_EQ(j["date"], "2026-02-14");
  EXPECT_EQ(j["weekday"], "Sat");
  EXPECT_EQ(j["working"], true);
  EXPECT_EQ(j["kind"], "makeup_workday");
  EXPECT_EQ(j["name"], "春节");
  EXPECT_EQ(j["estimated"], false);
  EXPECT_EQ(j["calendar"], "cn-national");
}

TEST(CliCalendarIsWorkday, JsonForHolidayCarriesSource) {
  // 2025-10-04 (Sat) is inside the 国庆节、中秋节 break, so it is a holiday, not a weekend day.
  const auto j = parse_json(run_cli({"calendar", "is-workday", "2025-10-04", "--json"}).out);
  EXPECT_EQ(j["working"], false);
  EXPECT_EQ(j["kind"], "holiday");
  EXPECT_EQ(j["source"], kSource2025);
}

TEST(CliCalendarIsWorkday, EstimatedYearIsLabelled) {
  // No 2027 table is compiled in; --estimate 2027 allows a weekend-only answer. 2027-01-01 is a
  // Friday, so the estimate says "workday" — and must say it is an estimate.
  const CliRun run = run_cli({"calendar", "is-workday", "2027-01-01", "--estimate", "2027"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "yes  workday  [weekend-only estimate: no State Council notice loaded for 2027]\n");
  const auto j = parse_json(run_cli({"calendar", "is-workday", "2027-01-02", "--estimate", "2027-2028", "--json"}).out);
  // 2027-01-02 is a Saturday.
  EXPECT_EQ(j["working"], false);
  EXPECT_EQ(j["kind"], "weekend");
  EXPECT_EQ(j["estimated"], true);
}

// ---- add ----

TEST(CliCalendarAdd, CalendarUnitIsPlainArithmetic) {
  // 2025-09-28 + 15 days = 2025-10-13 (Sept has 30 days: 2 days to 09-30, 13 more).
  const CliRun run = run_cli({"calendar", "add", "2025-09-28", "15", "--unit", "calendar"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "2025-10-13\n");
  // The default unit is calendar: +90 days reaches Saturday 2025-12-27 and does not roll.
  EXPECT_EQ(run_cli({"calendar", "add", "2025-09-28", "90"}).out, "2025-12-27\n");
}

TEST(CliCalendarAdd, StatutoryRollsOffWeekend) {
  // Art. 34 with a 30-day extension: 90 days from 2025-09-28 reach Saturday 2025-12-27, which
  // rolls forward to Monday 2025-12-29.
  EXPECT_EQ(run_cli({"calendar", "add", "2025-09-28", "90", "--unit", "statutory"}).out, "2025-12-29\n");
}

TEST(CliCalendarAdd, StatutoryRollsOverWholeHoliday) {
  // 15 days from 2025-09-20 reach 2025-10-05, inside 国庆节、中秋节 (10-01..10-08); the next
  // working day is Thursday 2025-10-09.
  EXPECT_EQ(run_cli({"calendar", "add", "2025-09-20", "15", "--unit", "statutory"}).out, "2025-10-09\n");
}

TEST(CliCalendarAdd, StatutoryJsonShowsTheRoll) {
  const CliRun run = run_cli({"calendar", "add", "2025-09-28", "90", "--unit", "statutory", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const auto j = parse_json(run.out);
  EXPECT_EQ(j["start"], "2025-09-28");
  EXPECT_EQ(j["amount"], 90);
  EXPECT_EQ(j["unit"], "statutory");
  EXPECT_EQ(j["reached"], "2025-12-27");
  EXPECT_EQ(j["rolled_forward"], true);
  EXPECT_EQ(j["result"], "2025-12-29");
  EXPECT_EQ(j["weekday"], "Mon");
  // 24:00 on 12-29 in Asia/Shanghai (UTC+8) is 16:00 UTC the same day.
  EXPECT_EQ(j["end_utc"], "2025-12-29T16:00:00Z");
}

TEST(CliCalendarAdd, WorkingDaysAcrossNationalDay) {
  // Working days after 2026-09-30 (Wed): 10-01..10-07 are holidays; 10-08 Thu (1), 10-09 Fri
  // (2), 10-10 Sat make-up (3), 10-11 Sun no, 10-12 Mon (4), 10-13 Tue (5).
  EXPECT_EQ(run_cli({"calendar", "add", "2026-09-30", "5", "--unit", "working"}).out, "2026-10-13\n");
  // Counting back five working days from 2026-10-13 retraces the same days to 2026-09-30;
  // a negative N is taken as a number, not an option.
  EXPECT_EQ(run_cli({"calendar", "add", "2026-10-13", "-5", "--unit", "working"}).out, "2026-09-30\n");
}

TEST(CliCalendarAdd, WorkingDaysJsonOverSpringFestival) {
  // Working days after 2026-02-14: 02-15..02-23 holiday; 02-24 Tue (1), 02-25 (2), 02-26 (3),
  // 02-27 Fri (4), 02-28 Sat make-up (5).
  const auto j = parse_json(run_cli({"calendar", "add", "2026-02-14", "5", "--unit", "working", "--json"}).out);
  EXPECT_EQ(j["result"], "2026-02-28");
  EXPECT_EQ(j["weekday"], "Sat");
  EXPECT_EQ(j["unit"], "working");
  EXPECT_FALSE(j.contains("rolled_forward"));  // only statutory periods roll
}

// ---- between ----

TEST(CliCalendarBetween, CountsWorkingDaysAfterFirstUpToSecond) {
  // The five working days listed in WorkingDaysAcrossNationalDay.
  const CliRun run = run_cli({"calendar", "between", "2026-09-30", "2026-10-13"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "5\n");
  // Reversed, the count is negative.
  EXPECT_EQ(run_cli({"calendar", "between", "2026-10-13", "2026-09-30"}).out, "-5\n");
}

TEST(CliCalendarBetween, JsonWholeYear2026) {
  // 2026 has 365 days starting on a Thursday: 52 full weeks plus one Thursday = 261 weekdays.
  // Weekdays inside holidays: 元旦 01-01 Thu, 01-02 Fri (2); 春节 02-16..02-20, 02-23 (6);
  // 清明 04-06 Mon (1); 劳动节 05-01, 05-04, 05-05 (3); 端午 06-19 Fri (1); 中秋 09-25 Fri (1);
  // 国庆 10-01, 10-02, 10-05, 10-06, 10-07 (5): 19 in all. Six make-up days are added.
  // 261 - 19 + 6 = 248.
  const auto j = parse_json(run_cli({"calendar", "between", "2025-12-31", "2026-12-31", "--json"}).out);
  EXPECT_EQ(j["from"], "2025-12-31");
  EXPECT_EQ(j["to"], "2026-12-31");
  EXPECT_EQ(j["working_days"], 248);
}

// ---- year ----

// Terminal columns computed independently of the program's helper: every non-ASCII character
// in this output is a CJK or fullwidth character (2 columns) except the en dash U+2013 (1).
int columns(const std::string& text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      width += 1;
      i += 1;
    } else {
      const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      width += text.compare(i, length, "–") == 0 ? 1 : 2;
      i += length;
    }
  }
  return width;
}

TEST(CliCalendarYear, HumanTableListsRangesInDateOrder) {
  const CliRun run = run_cli({"calendar", "year", "2025"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "2025 年节假日安排")) << run.out;
  // The eight-day break, Wednesday to Wednesday, and its make-up days before and after.
  EXPECT_TRUE(contains(run.out, "2025-10-01 (三) – 2025-10-08 (三)")) << run.out;
  EXPECT_TRUE(contains(run.out, "2025-09-28 (日)")) << run.out;
  EXPECT_TRUE(contains(run.out, "2025-10-11 (六)")) << run.out;
  EXPECT_TRUE(contains(run.out, "[1] " + kSource2025)) << run.out;
  // 2025: 261 weekdays (365 days from a Wednesday); weekday holidays 1 + 6 + 1 + 3 + 1 + 6 = 18;
  // five make-up days: 261 - 18 + 5 = 248.
  EXPECT_TRUE(contains(run.out, "全年工作日 (working days in 2025): 248")) << run.out;

  // Date order: the make-up Sunday 01-26 comes before the 春节 range that starts on 01-28.
  const auto lines = lines_of(run.out);
  std::size_t makeup = 0, spring = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (contains(lines[i], "2025-01-26")) makeup = i;
    if (contains(lines[i], "2025-01-28")) spring = i;
  }
  EXPECT_GT(makeup, 0u);
  EXPECT_LT(makeup, spring);
}

TEST(CliCalendarYear, HumanTableColumnsLineUpWithChineseText) {
  // The source column must start at the same terminal column on every row, although the names
  // before it range from 元旦 (4 columns) to 国庆节、中秋节 (14 columns).
  const CliRun run = run_cli({"calendar", "year", "2025"});
  int rows = 0;
  int expected = -1;
  for (const std::string& line : lines_of(run.out)) {
    if (line.rfind("  [1] ", 0) == 0) continue;  // the footnote naming source [1]
    std::size_t at = line.find("[1]");
    if (at == std::string::npos) at = line.find("来源 (source)");
    if (at == std::string::npos) continue;
    const int column = columns(line.substr(0, at));
    if (expected < 0) expected = column;
    EXPECT_EQ(column, expected) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 1 + 11);  // header + 6 holiday ranges + 5 make-up days
}

TEST(CliCalendarYear, JsonFor2026) {
  const CliRun run = run_cli({"calendar", "year", "2026", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const auto j = parse_json(run.out);
  EXPECT_EQ(j["year"], 2026);
  EXPECT_EQ(j["status"], "published");
  EXPECT_EQ(j["notice_loaded"], true);
  EXPECT_EQ(j["working_days"], 248);  // worked out in JsonWholeYear2026
  // Holiday days 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33, plus 6 make-up days = 39 listed days, in
  // 7 holiday ranges and 6 single make-up days = 13 ranges.
  EXPECT_EQ(j["days"].size(), 39u);
  EXPECT_EQ(j["ranges"].size(), 13u);
  EXPECT_EQ(j["ranges"][0]["name"], "元旦");
  EXPECT_EQ(j["ranges"][0]["from"], "2026-01-01");
  EXPECT_EQ(j["ranges"][0]["to"], "2026-01-03");
  EXPECT_EQ(j["ranges"][0]["days"], 3);
  // The Spring Festival range is the fourth: 元旦, make-up 01-04, make-up 02-14, then 春节.
  EXPECT_EQ(j["ranges"][3]["kind"], "holiday");
  EXPECT_EQ(j["ranges"][3]["from"], "2026-02-15");
  EXPECT_EQ(j["ranges"][3]["to"], "2026-02-23");
  EXPECT_EQ(j["ranges"][3]["days"], 9);
  EXPECT_EQ(j["days"][0]["weekday"], "Thu");  // 2026-01-01
}

TEST(CliCalendarYear, EstimatedYearSaysNoticeNotLoaded) {
  // 2027 starts on a Friday and has 365 days: 52 weeks plus a Friday = 261 weekdays, which is
  // all a weekend-only estimate can know.
  const CliRun human = run_cli({"calendar", "year", "2027", "--estimate", "2027"});
  ASSERT_EQ(human.status, 0) << human.err;
  EXPECT_TRUE(contains(human.out, "State Council notice for 2027 not loaded")) << human.out;
  EXPECT_TRUE(contains(human.out, "weekend-only ESTIMATE")) << human.out;
  EXPECT_TRUE(contains(human.out, "estimated working days in 2027): 261")) << human.out;

  const auto j = parse_json(run_cli({"calendar", "year", "2027", "--estimate", "2027", "--json"}).out);
  EXPECT_EQ(j["status"], "estimated");
  EXPECT_EQ(j["notice_loaded"], false);
  EXPECT_EQ(j["working_days"], 261);
  EXPECT_TRUE(j["days"].empty());
  EXPECT_TRUE(contains(j["note"].get<std::string>(), "weekend-only estimate"));
}

}  // namespace
}  // namespace xinfang::cli_test
