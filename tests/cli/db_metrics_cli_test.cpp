// `xinfang indicators` and `xinfang score` on a database the program itself fills: a letter
// accepted, routed, replied and rated, another left to go overdue; the figures of its month, the
// ranking, one case's score, and the refusals of a bad period or an unknown case.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db_cli_fixture.hpp"

namespace xinfang::cli_test {
namespace {

using nlohmann::json;

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class DbMetricsCliTest : public DbCliTest {
 protected:
  void SetUp() override {
    DbCliTest::SetUp();
    // Both registered Mon 3 Mar 2025 09:30, accepted and routed at 10:00 and 10:30.
    handled = intake("申请最低生活保障被拒绝");
    overdue = intake("低保金发放延迟");
    for (const std::string& number : {handled, overdue}) {
      act_ok(number, "accept", "d1", "2025-03-03T10:00:00+08:00");
      act_ok(number, "route", "d1", "2025-03-03T10:30:00+08:00");
    }
    act_ok(handled, "reply", "h1", "2025-03-10T15:00:00+08:00", {"outcome=supported", "text=已恢复发放。"});
    act_ok(handled, "rate", "r1", "2025-03-11T09:00:00+08:00", {"level=dissatisfied", "resolved=false"});
    act_ok(handled, "follow_up", "r1", "2025-03-12T09:00:00+08:00", {"result=已回访"});
  }
  std::string handled, overdue;
};

TEST_F(DbMetricsCliTest, AMonthsIndicatorsWithTheirCountsAndRanking) {
  // As of 1 Jun: four acceptance runs on time; the handled letter on time in March. The other
  // is late in May: 60 statutory days from 3 Mar reach Fri 2 May, inside 劳动节, rolled to Tue
  // 6 May, 24:00.
  const CliRun march = db({"indicators", "--period", "2025-03", "--at", "2025-06-01T10:00:00+08:00", "--json"});
  ASSERT_EQ(march.status, 0) << march.err;
  const json report = parse_json(march.out);
  EXPECT_EQ(report["period"]["label"], "2025-03");
  EXPECT_EQ(report["period"]["from"], "2025-02-28T16:00:00Z");
  const json& total = report["total"]["indicators"];
  EXPECT_EQ(total["timely_acceptance"]["numerator"], 4.0);
  EXPECT_EQ(total["timely_acceptance"]["denominator"], 4);
  EXPECT_EQ(total["on_time_completion"]["denominator"], 1);
  EXPECT_EQ(total["satisfaction"]["value"], 0.0);
  EXPECT_EQ(total["resolution"]["denominator"], 1);
  EXPECT_TRUE(total["response"]["value"].is_null());
  // (1 + 1 + 0 + 1) / 4 = 75 points.
  EXPECT_DOUBLE_EQ(report["total"]["score"].get<double>(), 75.0);
  ASSERT_EQ(report["units"].size(), 2u);
  EXPECT_EQ(report["units"][0]["id"], "petition_office");
  EXPECT_EQ(report["units"][0]["rank"], 1);
  EXPECT_EQ(report["units"][1]["id"], "social_assistance");
  EXPECT_EQ(report["units"][1]["name"], "社会救助科");

  const json may =
      parse_json(db({"indicators", "--period", "2025-05", "--at", "2025-06-01T10:00:00+08:00", "--json"}).out);
  EXPECT_EQ(may["total"]["indicators"]["on_time_completion"]["numerator"], 0.0);
  EXPECT_EQ(may["total"]["indicators"]["on_time_completion"]["denominator"], 1);

  const CliRun text = db({"indicators", "--period", "2025-03", "--at", "2025-06-01T10:00:00+08:00"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "综合得分 (score) 75.00")) << text.out;
  EXPECT_TRUE(contains(text.out, "及时受理率 (timely_acceptance)   100.0% (4/4)")) << text.out;
  EXPECT_TRUE(contains(text.out, "承办单位排名 (units)")) << text.out;
}

TEST_F(DbMetricsCliTest, OneCasesScore) {
  const CliRun run = db({"score", handled, "--at", "2025-06-01T10:00:00+08:00", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const json score = parse_json(run.out);
  EXPECT_EQ(score["number"], handled);
  EXPECT_DOUBLE_EQ(score["score"].get<double>(), 75.0);
  ASSERT_EQ(score["answers"].size(), 1u);
  EXPECT_EQ(score["answers"][0]["level"], "dissatisfied");
  // routing, notification, handling, and the follow-up clock the dissatisfied rating started.
  EXPECT_EQ(score["clocks"].size(), 4u);
  const CliRun text = db({"score", overdue, "--at", "2025-06-01T10:00:00+08:00"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "超期 (late)")) << text.out;
}

// `xinfang simulate`: under a 4-day handling limit (accepted Mon 3 Mar: Fri 7 Mar 24:00) the
// reply of Mon 10 Mar is late, a new breach; the overdue letter is breached under both.
TEST_F(DbMetricsCliTest, SimulateReportsWhatAnotherPolicyWouldHaveChanged) {
  const std::string policy = dir_->path() + "/four-days.json";
  write_file(policy, R"({"extends": "cn-national-2022", "name": "four", "version": "1",
                         "clocks": {"handling": {"limit": 4}}})");
  const std::string before = file_bytes(database_) + file_bytes(database_ + "-wal");
  const CliRun run = db({"simulate", "--policy", policy, "--until", "2025-06-01T00:00:00+08:00", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");  // not a terminal: no progress line
  const json report = parse_json(run.out);
  EXPECT_EQ(report["policy_after"], "four 1");
  EXPECT_EQ(report["cases"], 2);
  ASSERT_EQ(report["breaches_added"].size(), 1u) << run.out;
  EXPECT_EQ(report["breaches_added"][0]["number"], handled);
  EXPECT_EQ(report["breaches_added"][0]["clock"], "handling");
  EXPECT_EQ(report["breaches_added"][0]["deadline_after"], "2025-03-07T16:00:00Z");
  EXPECT_EQ(report["total"]["breaches_removed"], 0);
  EXPECT_EQ(file_bytes(database_) + file_bytes(database_ + "-wal"), before) << "simulate wrote to the file";

  const CliRun five = db({"simulate", "--policy", "cn-national-2022", "--until", "2025-06-01T00:00:00+08:00"});
  ASSERT_EQ(five.status, 0) << five.err;
  EXPECT_TRUE(contains(five.out, "# What-if: cn-national-2022 2022.1 instead of cn-national-2022 2022.1")) << five.out;
  EXPECT_TRUE(contains(five.out, "| New breaches (breached or late only under cn-national-2022 2022.1) | 0 |"));

  const CliRun unknown = db({"simulate", "--policy", "atlantis-2030"});
  EXPECT_EQ(unknown.status, 1);
  EXPECT_TRUE(contains(unknown.err, "not_found: --policy 'atlantis-2030' is neither a preset")) << unknown.err;
  const CliRun missing = db({"simulate"});
  EXPECT_EQ(missing.status, 2);
  const CliRun backwards =
      db({"simulate", "--policy", policy, "--from", "2025-07-01T00:00:00Z", "--until", "2025-06-01T00:00:00Z"});
  EXPECT_EQ(backwards.status, 1);
  EXPECT_TRUE(contains(backwards.err, "invalid_argument")) << backwards.err;
}

TEST_F(DbMetricsCliTest, ABadPeriodOrAnUnknownCaseIsRefused) {
  const CliRun week = db({"indicators", "--period", "2025-W53"});
  EXPECT_EQ(week.status, 1);
  EXPECT_TRUE(contains(week.err, "invalid_argument: period '2025-W53': 2025 has ISO weeks 01..52")) << week.err;
  const CliRun missing = db({"indicators"});
  EXPECT_NE(missing.status, 0);
  const CliRun unknown = db({"score", "MZJ-2099-000001"});
  EXPECT_EQ(unknown.status, 1);
  EXPECT_TRUE(contains(unknown.err, "not_found")) << unknown.err;
}

}  // namespace
}  // namespace xinfang::cli_test
