// `xinfang demo`: the statutory calendar of the pinned year and the next, and the deadlines
// worked out under 信访工作条例 (2022). The runs here simulate a small year (--cases 60) after
// them; demo_year_cli_test.cpp checks the simulation itself against its database.
//
// The deadlines, by hand (days counted from the day after the start; a last day that is not a
// working day rolls forward to the next working day; end at 24:00 Asia/Shanghai = 16:00 UTC):
//  Letter received Sun 2025-09-28 (a make-up working day), accepted the same day:
//   Art. 22 / Art. 23, 15 days: 2025-10-13 (Mon), a working day after the 10-01..10-08 break.
//   Art. 34, 60 days: 09-28 + 2 = 09-30, + 31 = 10-31, + 27 = 11-27 (Thu).
//   Art. 34 with 30 days' extension: 60 + 30 = 90 days from 09-28 reach 12-27 (Sat), which
//   rolls once to Mon 2025-12-29 (not 11-27 + 30 rolled separately; the same here anyway).
//   Art. 35, 30 days from the reply delivered on 12-29: 2026-01-28 (Wed).
//  Visit on Sat 2026-02-14 (make-up day; 春节 break 02-15..02-23):
//   15 days reach Sun 2026-03-01, rolled to Mon 03-02; five working days: 02-24, 25, 26, 27 and
//   the make-up Saturday 02-28.
//  Assigned petition received Wed 2026-09-30: five working days skip 10-01..10-07 and count
//   10-08, 10-09, 10-10 (make-up Sat), 10-12, 10-13 -> Tue 2026-10-13; 15 days -> Thu 10-15.
#include <string>

#include <gtest/gtest.h>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "cli_test_util.hpp"

namespace xinfang::cli_test {
namespace {

const nlohmann::json& find_by_id(const nlohmann::json& list, const std::string& id) {
  for (const auto& item : list) {
    if (item.value("id", "") == id) return item;
  }
  ADD_FAILURE() << "no item with id " << id;
  static const nlohmann::json null;
  return null;
}

TEST(CliDemo, HumanOutputFor2026) {
  const CliRun run = run_cli({"demo", "--year", "2026", "--cases", "60"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const std::string& out = run.out;
  // This year's table, from the compiled-in 2026 notice.
  EXPECT_TRUE(contains(out, "2026 年节假日安排")) << out;
  EXPECT_TRUE(contains(out, "2026-02-15 (日) – 2026-02-23 (一)")) << out;
  EXPECT_TRUE(contains(out, "2026-10-01 (四) – 2026-10-07 (三)")) << out;
  EXPECT_TRUE(contains(out, "全年工作日 (working days in 2026): 248")) << out;
  // Next year has no notice loaded: said plainly, and the count is labelled an estimate.
  EXPECT_TRUE(contains(out, "2027 年：未载入国务院办公厅节假日安排通知 (State Council notice for 2027 not loaded)"))
      << out;
  EXPECT_TRUE(contains(out, "weekend-only ESTIMATE")) << out;
  EXPECT_TRUE(contains(out, "估算全年工作日 (estimated working days in 2027): 261")) << out;
  EXPECT_FALSE(contains(out, "2027 年节假日安排")) << out;
  // The worked deadlines, each with weekday and end instant.
  EXPECT_TRUE(contains(out, "→ 届满 (ends) 2025-10-13 (一) 24:00 Asia/Shanghai")) << out;
  EXPECT_TRUE(contains(out, "→ 届满 (ends) 2025-11-27 (四) 24:00 Asia/Shanghai")) << out;
  EXPECT_TRUE(contains(out, "60+30 = 90 日 (90 days after) → 届满 (ends) 2025-12-29 (一) 24:00 Asia/Shanghai")) << out;
  EXPECT_TRUE(contains(out, "第 90 日 2025-12-27 (六) 为周末 (weekend)")) << out;
  EXPECT_TRUE(contains(out, "自 2025-12-29 (一) 起 30 日 (30 days after) → 届满 (ends) 2026-01-28 (三)")) << out;
  EXPECT_TRUE(contains(out, "→ 届满 (ends) 2026-03-02 (一) 24:00 Asia/Shanghai")) << out;
  EXPECT_TRUE(contains(out, "5 个工作日 (5 working days after) → 届满 (ends) 2026-02-28 (六)")) << out;
  EXPECT_TRUE(contains(out, "5 个工作日 (5 working days after) → 届满 (ends) 2026-10-13 (二) 24:00 Asia/Shanghai"))
      << out;
  EXPECT_TRUE(contains(out, "第二十三条第三款 (Art. 23 ¶3)")) << out;
  // Then the simulated year of the bureau (2025 by default, whatever year is shown above).
  EXPECT_TRUE(contains(out, "四、某市民政局的一年 (a year of a city civil-affairs bureau, simulated)")) << out;
  EXPECT_TRUE(contains(out, "2025 年全年")) << out;
  EXPECT_TRUE(contains(out, "1. 收件 (received) 60 件")) << out;
}

TEST(CliDemo, BothYearsPublishedIn2025) {
  // With 2025 pinned, 2025 and 2026 both have tables: nothing is estimated.
  const CliRun run = run_cli({"demo", "--year", "2025", "--cases", "60"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "2025 年节假日安排")) << run.out;
  EXPECT_TRUE(contains(run.out, "2026 年节假日安排")) << run.out;
  EXPECT_FALSE(contains(run.out, "未载入")) << run.out;
  EXPECT_FALSE(contains(run.out, "ESTIMATE")) << run.out;
}

TEST(CliDemo, JsonFor2026) {
  const CliRun run = run_cli({"demo", "--year", "2026", "--cases", "60", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const auto j = parse_json(run.out);
  EXPECT_EQ(j["current_year"], 2026);
  EXPECT_EQ(j["calendar"], "cn-national");
  EXPECT_EQ(j["time_zone"], "Asia/Shanghai");
  ASSERT_EQ(j["years"].size(), 2u);
  EXPECT_EQ(j["years"][0]["year"], 2026);
  EXPECT_EQ(j["years"][0]["status"], "published");
  EXPECT_EQ(j["years"][0]["ranges"].size(), 13u);
  EXPECT_EQ(j["years"][1]["year"], 2027);
  EXPECT_EQ(j["years"][1]["status"], "estimated");
  EXPECT_EQ(j["years"][1]["notice_loaded"], false);
  EXPECT_EQ(j["years"][1]["working_days"], 261);  // 365 days from a Friday: 261 weekdays

  const auto& letter = find_by_id(j["scenarios"], "letter-2025-09-28");
  EXPECT_EQ(letter["received"], "2025-09-28");
  const auto& routing = find_by_id(letter["deadlines"], "routing");
  EXPECT_EQ(routing["limit"], 15);
  EXPECT_EQ(routing["last_day"], "2025-10-13");
  EXPECT_EQ(routing["weekday"], "Mon");
  EXPECT_EQ(routing["end_local"], "2025-10-13 (一) 24:00 Asia/Shanghai");
  EXPECT_EQ(routing["end_utc"], "2025-10-13T16:00:00Z");
  EXPECT_EQ(find_by_id(letter["deadlines"], "notification")["last_day"], "2025-10-13");
  const auto& handling = find_by_id(letter["deadlines"], "handling");
  EXPECT_EQ(handling["last_day"], "2025-11-27");
  EXPECT_EQ(handling["rolled_forward"], false);
  const auto& extended = find_by_id(letter["deadlines"], "handling_extended");
  EXPECT_EQ(extended["limit"], 60);
  EXPECT_EQ(extended["extension"], 30);
  EXPECT_EQ(extended["start"], "2025-09-28");  // the same start as the 60 days
  EXPECT_EQ(extended["reached"], "2025-12-27");
  EXPECT_EQ(extended["rolled_forward"], true);
  EXPECT_EQ(extended["last_day"], "2025-12-29");
  EXPECT_EQ(extended["end_utc"], "2025-12-29T16:00:00Z");
  const auto& review = find_by_id(letter["deadlines"], "review_request");
  EXPECT_EQ(review["start"], "2025-12-29");
  EXPECT_EQ(review["last_day"], "2026-01-28");
  EXPECT_EQ(review["weekday"], "Wed");

  const auto& visit = find_by_id(j["scenarios"], "visit-2026-02-14");
  const auto& visit_routing = find_by_id(visit["deadlines"], "routing");
  EXPECT_EQ(visit_routing["reached"], "2026-03-01");
  EXPECT_EQ(visit_routing["last_day"], "2026-03-02");
  EXPECT_EQ(visit_routing["rolled_forward"], true);
  const auto& local = find_by_id(visit["deadlines"], "routing_local_5wd");
  EXPECT_EQ(local["unit"], "working_days");
  EXPECT_EQ(local["last_day"], "2026-02-28");

  const auto& assigned = find_by_id(j["scenarios"], "assigned-2026-09-30");
  const auto& objection = find_by_id(assigned["deadlines"], "objection");
  EXPECT_EQ(objection["unit"], "working_days");
  EXPECT_EQ(objection["limit"], 5);
  EXPECT_EQ(objection["last_day"], "2026-10-13");
  EXPECT_EQ(objection["weekday_zh"], "二");
  EXPECT_EQ(find_by_id(assigned["deadlines"], "notification")["last_day"], "2026-10-15");

  EXPECT_EQ(j["year"]["kind"], "year");
  EXPECT_EQ(j["year"]["year"], 2025);
  EXPECT_EQ(j["year"]["received"]["total"], 60);
}

TEST(CliDemo, WithoutYearUsesTheClock) {
  // The year in Asia/Shanghai (UTC+8), read before and after the run in case New Year passes.
  const auto shanghai_year = [] {
    return static_cast<int>(
        (boost::posix_time::second_clock::universal_time() + boost::posix_time::hours(8)).date().year());
  };
  const int before = shanghai_year();
  const CliRun run = run_cli({"demo", "--cases", "60", "--json"});
  const int after = shanghai_year();
  ASSERT_EQ(run.status, 0) << run.err;
  const auto j = parse_json(run.out);
  const int year = j["current_year"].get<int>();
  EXPECT_TRUE(year == before || year == after) << year;
  EXPECT_EQ(j["years"][0]["year"], year);
  EXPECT_EQ(j["years"][1]["year"], year + 1);
}

}  // namespace
}  // namespace xinfang::cli_test
