// The database subcommands of the xinfang program, as a script would use them: init, the staff
// directory and roster, intake from flags, a file, standard input and a batch, show, lookup,
// list, act through accept, route and reply, and verify.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db_cli_fixture.hpp"

namespace xinfang::cli_test {
namespace {

using nlohmann::json;

// ---- init ----

TEST_F(DbCliTest, InitReportsTheNewDatabase) {
  // The fixture made it; a second init reports it unchanged, with the four staff it now holds.
  const CliRun run = db({"init", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const json report = parse_json(run.out);
  EXPECT_EQ(report["created"], false);
  EXPECT_EQ(report["policy"]["name"], "cn-national-2022");
  EXPECT_EQ(report["policy"]["version"], "2022.1");
  EXPECT_EQ(report["hash"], "sha256");
  EXPECT_EQ(report["time_zone"], "Asia/Shanghai");
  EXPECT_EQ(report["cases"], 0);
  EXPECT_EQ(report["staff"], 4);

  const CliRun text = db({"init"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "cn-national-2022 2022.1")) << text.out;
  EXPECT_TRUE(contains(text.out, "已存在，未改动 (exists; left unchanged)")) << text.out;
}

TEST_F(DbCliTest, InitCreatesWithAnotherPresetAndHash) {
  const std::string other = dir_->path() + "/hotline.db";
  const CliRun run = run_cli({"init", "--db", other, "--policy", "hotline-12345", "--hash", "sm3", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const json report = parse_json(run.out);
  EXPECT_EQ(report["created"], true);
  EXPECT_EQ(report["policy"]["name"], "hotline-12345");
  EXPECT_EQ(report["hash"], "sm3");
}

TEST_F(DbCliTest, InitTakesAPolicyFile) {
  const std::string policy =
      dir_->write("policy.json", R"({"extends": "cn-national-2022", "name": "某市-2025", "version": "2025.1"})");
  const std::string other = dir_->path() + "/local.db";
  const CliRun run = run_cli({"init", "--db", other, "--policy", policy, "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(parse_json(run.out)["policy"]["name"], "某市-2025");
}

// ---- staff and roster ----

TEST_F(DbCliTest, StaffListShowAndDeactivate) {
  const CliRun list = db({"staff", "list", "--unit", "social_assistance"});
  ASSERT_EQ(list.status, 0) << list.err;
  EXPECT_TRUE(contains(list.out, "王芳")) << list.out;
  EXPECT_FALSE(contains(list.out, "李强")) << list.out;  // another unit

  const json all = parse_json(db({"staff", "list", "--json"}).out);
  EXPECT_EQ(all["staff"].size(), 4u);

  const CliRun show = db({"staff", "show", "h1"});
  ASSERT_EQ(show.status, 0) << show.err;
  EXPECT_TRUE(contains(show.out, "social_assistance 社会救助科")) << show.out;

  const CliRun deactivated = db({"staff", "deactivate", "L1", "--actor", "admin", "--json"});
  ASSERT_EQ(deactivated.status, 0) << deactivated.err;
  EXPECT_EQ(parse_json(deactivated.out)["active"], false);
}

TEST_F(DbCliTest, StaffAddTakesSeveralRoles) {
  const CliRun run = db({"staff", "add", "u1", "--role", "handler", "--name", "周", "--org", "city", "--unit",
                         "social_assistance", "--role", "unit_leader", "--actor", "admin", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(parse_json(run.out)["roles"], json::array({"handler", "unit_leader"}));
}

TEST_F(DbCliTest, RosterSetAndShow) {
  const CliRun set =
      db({"roster", "set", "--unit", "social_assistance", "--date", "2025-03-04", "h1", "--actor", "d1"});
  ASSERT_EQ(set.status, 0) << set.err;
  EXPECT_TRUE(contains(set.out, "h1  王芳")) << set.out;
  const json shown =
      parse_json(db({"roster", "show", "--unit", "social_assistance", "--date", "2025-03-04", "--json"}).out);
  EXPECT_EQ(shown["staff"], json::array({"h1"}));
  const CliRun empty = db({"roster", "show", "--unit", "social_assistance", "--date", "2025-03-05"});
  EXPECT_TRUE(contains(empty.out, "无 (nobody)")) << empty.out;
}

// ---- the whole life of a case ----

TEST_F(DbCliTest, ScriptedFlowFromIntakeToVerify) {
  // Intake from flags, back-dated with --at.
  const CliRun intake = db({"intake",
                            "--channel",
                            "letter",
                            "--type",
                            "claim",
                            "--category",
                            "social_assistance",
                            "--region",
                            "east",
                            "--subject",
                            "申请最低生活保障被拒绝",
                            "--content",
                            "第一行\n第二行",
                            "--name",
                            "陈某",
                            "--id-number",
                            "11010519491231002X",
                            "--phone",
                            "13800000000",
                            "--actor",
                            "r1",
                            "--at",
                            kIntakeTime});
  ASSERT_EQ(intake.status, 0) << intake.err;
  // Text: the number, query code and status, values in one column.
  const std::vector<std::string> lines = lines_of(intake.out);
  ASSERT_EQ(lines.size(), 3u) << intake.out;
  EXPECT_EQ(lines[0].rfind("编号 (number)", 0), 0u);
  EXPECT_EQ(lines[1].rfind("查询码 (query code)", 0), 0u);
  EXPECT_EQ(lines[2], "状态 (status)        registered 登记");
  const std::string number = lines[0].substr(lines[0].find_last_of(' ') + 1);
  const std::string code = lines[1].substr(lines[1].find_last_of(' ') + 1);
  ASSERT_FALSE(number.empty());

  // Show: the Chinese subject and content, times in Beijing time.
  const CliRun show = db({"show", number, "--events"});
  ASSERT_EQ(show.status, 0) << show.err;
  EXPECT_TRUE(contains(show.out, "标题 (subject)       申请最低生活保障被拒绝")) << show.out;
  EXPECT_TRUE(contains(show.out, "收到 (received)      2025-03-03 09:30:00")) << show.out;
  EXPECT_TRUE(contains(show.out, "陈某  11010519491231002X  13800000000")) << show.out;
  EXPECT_TRUE(contains(show.out, "2025-03-03 09:30:00  registered    r1 张敏")) << show.out;

  const json record = parse_json(db({"show", number, "--json"}).out);
  EXPECT_EQ(record["case"]["subject"], "申请最低生活保障被拒绝");
  EXPECT_EQ(record["case"]["received_at"], "2025-03-03T01:30:00Z");
  EXPECT_EQ(record["events"].size(), 1u);

  // Accept, route (unit and handler by the rules: social_assistance, its only handler h1), reply.
  const CliRun accept =
      db({"act", number, "accept", "--actor", "d1", "--at", "2025-03-03T10:00:00+08:00", "note=已电话告知", "--json"});
  ASSERT_EQ(accept.status, 0) << accept.err;
  const json accepted = parse_json(accept.out);
  EXPECT_EQ(accepted["status"], "accepted");
  EXPECT_EQ(accepted["version"], 2);
  EXPECT_EQ(accepted["events"][0]["payload"]["note"], "已电话告知");

  const CliRun route = db({"act", number, "route", "--actor", "d1", "--at", "2025-03-03T10:30:00+08:00"});
  ASSERT_EQ(route.status, 0) << route.err;
  EXPECT_TRUE(contains(route.out, "in_handling 办理中")) << route.out;
  EXPECT_TRUE(contains(route.out, "版本 (version)  3")) << route.out;

  const CliRun reply = db({"act", number, "reply", "--actor", "h1", "--at", "2025-03-10T15:00:00+08:00",
                           "--expect-version", "3", "outcome=supported", "text=经核实，已恢复发放。"});
  ASSERT_EQ(reply.status, 0) << reply.err;
  EXPECT_TRUE(contains(reply.out, "replied 答复")) << reply.out;

  const json handled = parse_json(db({"show", number, "--json"}).out);
  EXPECT_EQ(handled["case"]["unit"], "social_assistance");
  EXPECT_EQ(handled["case"]["handler"], "h1");
  EXPECT_EQ(handled["case"]["outcome"], "supported");
  EXPECT_EQ(handled["case"]["version"], 4);

  const CliRun shown = db({"show", number, "--events"});
  EXPECT_TRUE(contains(shown.out, "承办人 (handler)")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "h1 王芳")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "答复 (replied)")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "2025-03-10 15:00:00  replied       h1 王芳")) << shown.out;

  // The petitioner's own view, by number and query code.
  const CliRun lookup = db({"lookup", number, "--code", code, "--json"});
  ASSERT_EQ(lookup.status, 0) << lookup.err;
  EXPECT_EQ(parse_json(lookup.out)["status"], "replied");
  EXPECT_TRUE(contains(db({"lookup", number, "--code", code}).out, "replied 答复"));

  // Verify walks the chain of 4 events and the directory's 4 changes.
  const CliRun verify = db({"verify"});
  ASSERT_EQ(verify.status, 0) << verify.err;
  EXPECT_TRUE(contains(verify.out, "ok")) << verify.out;
  const json report = parse_json(db({"verify", "--json"}).out);
  EXPECT_EQ(report["ok"], true);
  EXPECT_EQ(report["cases"], 1);
  EXPECT_EQ(report["events"], 4);
}

TEST_F(DbCliTest, IntakeFromAFileWithReceivedAtAndAt) {
  const std::string file = dir_->write("petition.json", R"({
    "channel": "visit", "type": "claim", "category": "pensions", "subject": "优抚金发放标准咨询",
    "content": "", "petitioners": [{"name": "刘某", "phone": "13900000000"}],
    "received_at": "2025-03-03T08:45:00+08:00"})");
  const CliRun run = db({"intake", "--file", file, "--actor", "r1", "--at", kIntakeTime, "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const json result = parse_json(run.out);
  EXPECT_EQ(result["status"], "registered");
  EXPECT_FALSE(result["query_code"].get<std::string>().empty());
  const json record = parse_json(db({"show", result["number"], "--json"}).out);
  EXPECT_EQ(record["case"]["received_at"], "2025-03-03T00:45:00Z");
  EXPECT_EQ(record["case"]["registered_at"], "2025-03-03T01:30:00Z");
}

TEST_F(DbCliTest, IntakeFromStandardInputWithAKeyIsReplayed) {
  // No received_at: it arrived at the --at time, the same on the retry, so the content matches.
  const std::string petition = R"({"channel": "online", "type": "suggestion", "category": "community",
    "subject": "建议增设社区助餐点", "content": "", "petitioners": [{"name": "黄某"}]})";
  const std::vector<std::string> args = {"intake",  "--file", "-",    "--key",     "portal-0001",
                                         "--actor", "r1",     "--at", kIntakeTime, "--json"};
  const CliRun first = db_with_input(args, petition);
  ASSERT_EQ(first.status, 0) << first.err;
  const CliRun again = db_with_input(args, petition);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(parse_json(first.out)["replayed"], false);
  EXPECT_EQ(parse_json(again.out)["replayed"], true);
  EXPECT_EQ(parse_json(again.out)["number"], parse_json(first.out)["number"]);
  EXPECT_EQ(parse_json(db({"list", "--count", "--json"}).out)["total"], 1);
}

TEST_F(DbCliTest, IntakeBatchIsOneTransaction) {
  const std::string good = dir_->write("batch.json", R"([
    {"petition": {"channel": "letter", "type": "claim", "category": "pensions", "subject": "抚恤金",
                  "content": "", "petitioners": [{"name": "甲"}]}, "idempotency_key": "import-1"},
    {"channel": "letter", "type": "suggestion", "category": "other", "subject": "A bench in the park",
     "content": "", "petitioners": [{"name": "乙"}], "received_at": "2025-03-01T10:00:00+08:00"}])");
  const CliRun run = db({"intake", "--batch", good, "--actor", "r1", "--at", kIntakeTime, "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const json results = parse_json(run.out)["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_NE(results[0]["number"], results[1]["number"]);

  // One bad petition: none of the batch is registered.
  const std::string bad = dir_->write("bad.json", R"([
    {"channel": "letter", "type": "claim", "category": "pensions", "subject": "ok", "content": "",
     "petitioners": [{"name": "丙"}]},
    {"channel": "carrier_pigeon", "type": "claim", "category": "pensions", "subject": "no", "content": "",
     "petitioners": [{"name": "丁"}]}])");
  const CliRun refused = db({"intake", "--batch", bad, "--actor", "r1", "--at", kIntakeTime});
  EXPECT_TRUE(one_line_error(refused, 1, "not_found"));
  EXPECT_TRUE(contains(refused.err, "petition 1")) << refused.err;
  EXPECT_EQ(db({"list", "--count"}).out, "2\n");
}

TEST_F(DbCliTest, ShowWithAReaderWithholdsAConfidentialIdentity) {
  const std::string file = dir_->write("accusation.json", R"({
    "channel": "letter", "type": "accusation", "category": "elderly_care", "subject": "举报养老院克扣补贴",
    "content": "", "petitioners": [{"name": "匿名甲", "phone": "13900000000"}]})");
  const CliRun intake = db({"intake", "--file", file, "--actor", "r1", "--at", kIntakeTime, "--json"});
  ASSERT_EQ(intake.status, 0) << intake.err;
  const std::string number = parse_json(intake.out)["number"];

  // h1 has no confidential_reader role: the view leaves the petitioner's identity out.
  const CliRun view = db({"show", number, "--reader", "h1"});
  ASSERT_EQ(view.status, 0) << view.err;
  EXPECT_FALSE(contains(view.out, "匿名甲")) << view.out;
  EXPECT_FALSE(contains(view.out, "13900000000")) << view.out;
  EXPECT_TRUE(contains(view.out, "identity withheld")) << view.out;
  const json view_json = parse_json(db({"show", number, "--reader", "h1", "--json"}).out);
  EXPECT_EQ(view_json["redacted"], true);
  EXPECT_FALSE(view_json["petitioners"][0].contains("name"));
  // The host's own view (no --reader) is complete.
  EXPECT_TRUE(contains(db({"show", number}).out, "匿名甲"));
}

TEST_F(DbCliTest, EnvironmentGivesDatabaseAndActor) {
  ::setenv("XINFANG_DB", database_.c_str(), 1);
  ::setenv("XINFANG_ACTOR", "r1", 1);
  const CliRun run = run_cli({"intake", "--channel", "phone", "--type", "claim", "--category", "marriage", "--subject",
                              "婚姻登记预约", "--name", "吴某", "--at", kIntakeTime});
  ::unsetenv("XINFANG_DB");
  ::unsetenv("XINFANG_ACTOR");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(db({"list", "--count"}).out, "1\n");
}

}  // namespace
}  // namespace xinfang::cli_test
