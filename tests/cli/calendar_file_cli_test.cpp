// `xinfang calendar ... --calendar FILE`: a host calendar written to a temporary directory,
// layered over cn-national (a local holiday in 2026 and a host-supplied 2027 table), and
// --estimate on top of it.
#include <string>

#include <gtest/gtest.h>

#include "cli_test_util.hpp"

namespace xinfang::cli_test {
namespace {

const char* kLocalSource2026 = "自治区人民政府关于2026年古尔邦节放假的通知（测试）";

// 2026-05-27 is a Wednesday; the national calendar has it as an ordinary workday.
// 2027-01-01 is a Friday; this host file is the only 2027 table the tests have.
const char* kLayered = R"({
  // comments are allowed in calendar files
  "name": "xj-local",
  "base": "cn-national",
  "years": {
    "2026": {
      "source": "自治区人民政府关于2026年古尔邦节放假的通知（测试）",
      "holidays": [{"name": "古尔邦节", "from": "2026-05-27", "to": "2026-05-27"}]
    },
    "2027": {
      "source": "2027 年元旦放假安排（测试用）",
      "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}]
    }
  }
})";

class CliCalendarFile : public ::testing::Test {
 protected:
  TempDir dir;
  std::string file = dir.write("xj-local.json", kLayered);
};

TEST_F(CliCalendarFile, LocalHolidayLayersOverNational) {
  const CliRun run = run_cli({"calendar", "is-workday", "2026-05-27", "--calendar", file});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, std::string("no  holiday 古尔邦节 (") + kLocalSource2026 + ")\n");
  // Without the file the same day is an ordinary Wednesday.
  EXPECT_EQ(run_cli({"calendar", "is-workday", "2026-05-27"}).out, "yes  workday\n");
  // The national days still hold under the layered calendar.
  EXPECT_EQ(run_cli({"calendar", "is-workday", "2026-02-14", "--calendar", file}).out,
            "yes  make-up working day for 春节\n");
}

TEST_F(CliCalendarFile, CountsSkipTheLocalHoliday) {
  // After Tue 2026-05-26 up to Fri 05-29: Wed 27, Thu 28, Fri 29 nationally (3); without the
  // local holiday on the 27th, 2.
  EXPECT_EQ(run_cli({"calendar", "between", "2026-05-26", "2026-05-29"}).out, "3\n");
  EXPECT_EQ(run_cli({"calendar", "between", "2026-05-26", "2026-05-29", "--calendar", file}).out, "2\n");
  // The first working day after 05-26 is then Thursday 05-28.
  EXPECT_EQ(run_cli({"calendar", "add", "2026-05-26", "1", "--unit", "working", "--calendar", file}).out,
            "2026-05-28\n");
}

TEST_F(CliCalendarFile, HostTableMakes2027Usable) {
  // 15 days from 2026-12-17 reach Friday 2027-01-01, a holiday in the host table; 01-02 and
  // 01-03 are in the same break, so the period ends on Monday 2027-01-04.
  const CliRun run =
      run_cli({"calendar", "add", "2026-12-17", "15", "--unit", "statutory", "--calendar", file, "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const auto j = parse_json(run.out);
  EXPECT_EQ(j["reached"], "2027-01-01");
  EXPECT_EQ(j["result"], "2027-01-04");
  EXPECT_EQ(j["calendar"], "xj-local");
  // Without the file, 2027 is unknown and the same question is refused.
  const CliRun refused = run_cli({"calendar", "add", "2026-12-17", "15", "--unit", "statutory"});
  EXPECT_TRUE(one_line_error(refused, 1, "calendar_range"));
}

TEST_F(CliCalendarFile, YearJsonShowsBothSources) {
  const auto j = parse_json(run_cli({"calendar", "year", "2026", "--calendar", file, "--json"}).out);
  EXPECT_EQ(j["calendar"], "xj-local");
  // The national 39 listed days (see calendar_cli_test.cpp) plus the local one.
  EXPECT_EQ(j["days"].size(), 40u);
  bool found = false;
  for (const auto& day : j["days"]) {
    if (day["date"] == "2026-05-27") {
      found = true;
      EXPECT_EQ(day["name"], "古尔邦节");
      EXPECT_EQ(day["source"], kLocalSource2026);
    }
  }
  EXPECT_TRUE(found);
  // The year's sources are the national notice and the local one.
  EXPECT_TRUE(contains(j["source"].get<std::string>(), "国务院办公厅关于2026年部分节假日安排的通知"));
  EXPECT_TRUE(contains(j["source"].get<std::string>(), kLocalSource2026));
  // One more working day lost: 248 - 1 = 247.
  EXPECT_EQ(j["working_days"], 247);
}

TEST_F(CliCalendarFile, YearTableNumbersTheSources) {
  const CliRun run = run_cli({"calendar", "year", "2026", "--calendar", file});
  ASSERT_EQ(run.status, 0) << run.err;
  // National rows come first in date order, so the national notice is [1] and the local one [2].
  EXPECT_TRUE(contains(run.out, std::string("  [2] ") + kLocalSource2026)) << run.out;
  bool row = false;
  for (const std::string& line : lines_of(run.out)) {
    if (contains(line, "古尔邦节") && line.rfind("  [", 0) != 0) {  // the row, not the footnote
      row = true;
      EXPECT_TRUE(contains(line, "[2]")) << line;
      EXPECT_TRUE(contains(line, "2026-05-27 (三)")) << line;
    }
  }
  EXPECT_TRUE(row) << run.out;
}

TEST_F(CliCalendarFile, EstimateStacksOnTheFile) {
  // The file covers 2027; 2028 is estimated. 2028-01-03 is a Monday.
  const auto j = parse_json(
      run_cli({"calendar", "is-workday", "2028-01-03", "--calendar", file, "--estimate", "2028", "--json"}).out);
  EXPECT_EQ(j["working"], true);
  EXPECT_EQ(j["estimated"], true);
  // 2027 keeps its table: 2027-01-01 is a holiday, not an estimate.
  const auto k = parse_json(
      run_cli({"calendar", "is-workday", "2027-01-01", "--calendar", file, "--estimate", "2027-2028", "--json"}).out);
  EXPECT_EQ(k["kind"], "holiday");
  EXPECT_EQ(k["estimated"], false);
}

TEST(CliCalendarFileStandalone, FileWithoutBaseIsItsOwnCalendar) {
  // A calendar with no "base" knows only its own years: 2025 is unknown to it.
  TempDir dir;
  const std::string file = dir.write("tiny.json", R"({"name": "tiny", "years": {"2030": {"source": "test",
      "holidays": [{"name": "假日", "from": "2030-06-03"}]}}})");
  // 2030-06-03 is a Monday, made a holiday by the file.
  EXPECT_EQ(run_cli({"calendar", "is-workday", "2030-06-03", "--calendar", file}).out, "no  holiday 假日 (test)\n");
  const CliRun run = run_cli({"calendar", "is-workday", "2025-10-01", "--calendar", file});
  EXPECT_TRUE(one_line_error(run, 1, "calendar_range"));
  EXPECT_TRUE(contains(run.err, "'tiny'")) << run.err;
}

}  // namespace
}  // namespace xinfang::cli_test
