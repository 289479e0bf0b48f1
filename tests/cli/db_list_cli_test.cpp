// `xinfang list`: filters (counted against what was registered) and a table whose columns line
// up by display width when subjects mix Chinese and ASCII.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/db_format.hpp"
#include "cli/output.hpp"
#include "db_cli_fixture.hpp"

namespace xinfang::cli_test {
namespace {

using nlohmann::json;

// The display column at which each cell of @p line starts, cells being separated by two or more
// spaces (the table's separator; no test subject holds two spaces in a row).
std::vector<int> cell_columns(const std::string& line) {
  std::vector<int> columns;
  std::size_t i = 0;
  while (i < line.size()) {
    columns.push_back(cli::display_width(line.substr(0, i)));
    const std::size_t gap = line.find("  ", i);
    if (gap == std::string::npos) break;
    i = line.find_first_not_of(' ', gap);
  }
  return columns;
}

class DbListTest : public DbCliTest {
 protected:
  void SetUp() override {
    DbCliTest::SetUp();
    if (HasFatalFailure()) return;
    // Three days of petitions: two in social assistance, one in pensions, one in marriage.
    routed_ = intake("申请低保被拒绝", "social_assistance", "2025-03-03T09:30:00+08:00");
    intake("Pension arrears", "pensions", "2025-03-04T09:30:00+08:00");
    intake("关于某街道社区困难家庭临时救助金迟迟未发放问题的反映及请求尽快处理", "social_assistance",
           "2025-03-05T09:30:00+08:00");
    intake("婚姻登记 online booking", "marriage", "2025-03-05T16:30:00+08:00");
    act_ok(routed_, "accept", "d1", "2025-03-05T17:00:00+08:00");
    act_ok(routed_, "route", "d1", "2025-03-05T17:10:00+08:00");
  }

  std::int64_t count(std::vector<std::string> filter) const {
    filter.insert(filter.begin(), {"list", "--count", "--json"});
    const CliRun run = db(filter);
    EXPECT_EQ(run.status, 0) << run.err;
    return parse_json(run.out).value("total", std::int64_t{-1});
  }

  std::string routed_;
};

TEST_F(DbListTest, FiltersCountWhatWasRegistered) {
  EXPECT_EQ(count({}), 4);
  EXPECT_EQ(count({"--status", "registered"}), 3);
  EXPECT_EQ(count({"--status", "registered", "--status", "in_handling"}), 4);
  EXPECT_EQ(count({"--category", "social_assistance"}), 2);
  EXPECT_EQ(count({"--unit", "social_assistance", "--handler", "h1"}), 1);
  EXPECT_EQ(count({"--org", "city", "--type", "claim", "--channel", "letter"}), 4);
  EXPECT_EQ(count({"--text", "救助"}), 1);
  EXPECT_EQ(count({"--open"}), 4);
  EXPECT_EQ(count({"--closed"}), 0);
  EXPECT_EQ(count({"--key"}), 0);
  EXPECT_EQ(count({"--repeat"}), 0);
  // A day is a whole local day: --from 03-04 is 00:00 Beijing time, --to 03-04 takes all of it.
  EXPECT_EQ(count({"--from", "2025-03-04"}), 3);
  EXPECT_EQ(count({"--to", "2025-03-04"}), 2);
  EXPECT_EQ(count({"--from", "2025-03-05", "--to", "2025-03-05"}), 2);
  // Times are instants: 16:00 Beijing time is 08:00 UTC.
  EXPECT_EQ(count({"--from", "2025-03-05T08:00:00Z"}), 1);
}

TEST_F(DbListTest, JsonHasTheCasesAndTheTotal) {
  const CliRun run = db({"list", "--limit", "2", "--offset", "1", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const json list = parse_json(run.out);
  EXPECT_EQ(list["total"], 4);
  ASSERT_EQ(list["cases"].size(), 2u);
  // Newest registration first: skip the marriage petition, then the long subject and the pension.
  EXPECT_EQ(list["cases"][1]["subject"], "Pension arrears");
}

TEST_F(DbListTest, ColumnsLineUpWithChineseSubjects) {
  const CliRun run = db({"list"});
  ASSERT_EQ(run.status, 0) << run.err;
  const std::vector<std::string> lines = lines_of(run.out);
  ASSERT_EQ(lines.size(), 6u) << run.out;  // header, four cases, the count
  EXPECT_EQ(lines[5], "显示 (shown) 4，共 (total) 4");
  const std::vector<int> header = cell_columns(lines[0]);
  ASSERT_EQ(header.size(), 6u) << lines[0];
  for (std::size_t row = 1; row <= 4; ++row) {
    // Every cell, those after the subject included, starts where its header does.
    EXPECT_EQ(cell_columns(lines[row]), header) << "row " << row << ":\n" << run.out;
  }
  EXPECT_TRUE(contains(run.out, "婚姻登记 online booking")) << run.out;
  EXPECT_TRUE(contains(run.out, "social_assistance  h1")) << run.out;
  EXPECT_TRUE(contains(run.out, "2025-03-05")) << run.out;
  // The long subject is cut, with an ellipsis, to the column's 30 display columns.
  const std::string cut =
      cli::truncate_to_width("关于某街道社区困难家庭临时救助金迟迟未发放问题的反映及请求尽快处理", 30);
  EXPECT_TRUE(contains(run.out, cut)) << run.out;
}

TEST(CliTruncateToWidth, CutsByDisplayWidth) {
  EXPECT_EQ(cli::truncate_to_width("short", 30), "short");
  // 14 ideographs are 28 columns; the 15th would pass 29, leaving no room for the ellipsis.
  const std::string cut = cli::truncate_to_width("关于某街道社区困难家庭临时救助金迟迟未发放", 30);
  EXPECT_EQ(cut, "关于某街道社区困难家庭临时救…");
  EXPECT_EQ(cli::display_width(cut), 29);
  EXPECT_EQ(cli::truncate_to_width("abcdefghij", 5), "abcd…");
  // Line breaks would break the table: the text is folded onto one line first.
  EXPECT_EQ(cli::truncate_to_width("第一行\n第二行", 30), "第一行 第二行");
}

}  // namespace
}  // namespace xinfang::cli_test
