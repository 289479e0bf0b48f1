// A database for the tests of the xinfang program's database subcommands.
#include "db_cli_fixture.hpp"

#include <cstdlib>

namespace xinfang::cli_test {

void DbCliTest::SetUp() {
  // The program falls back on these; a developer's shell must not change what the tests see.
  ::unsetenv("XINFANG_DB");
  ::unsetenv("XINFANG_ACTOR");
  dir_ = std::make_unique<TempDir>();
  database_ = dir_->path() + "/xinfang.db";
  const CliRun init = db({"init", "--at", kIntakeTime});
  ASSERT_EQ(init.status, 0) << init.err;
  const std::vector<std::vector<std::string>> staff = {
      {"r1", "--name", "张敏", "--org", "city", "--unit", "petition_office", "--role", "registrar"},
      {"d1", "--name", "李强", "--org", "city", "--unit", "petition_office", "--role", "dispatcher"},
      {"h1", "--name", "王芳", "--org", "city", "--unit", "social_assistance", "--role", "handler"},
      {"L1", "--name", "赵刚", "--org", "city", "--unit", "general", "--role", "org_leader"},
  };
  for (const auto& member : staff) {
    std::vector<std::string> args = {"staff", "add"};
    args.insert(args.end(), member.begin(), member.end());
    args.insert(args.end(), {"--actor", "admin", "--at", kIntakeTime});
    const CliRun added = db(args);
    ASSERT_EQ(added.status, 0) << member.front() << ": " << added.err;
  }
}

CliRun DbCliTest::db(std::vector<std::string> args) const {
  args.insert(args.end(), {"--db", database_});
  return run_cli(args);
}

CliRun DbCliTest::db_with_input(std::vector<std::string> args, const std::string& input) const {
  args.insert(args.end(), {"--db", database_});
  return run_cli(args, input);
}

std::string DbCliTest::intake(const std::string& subject, const std::string& category, const std::string& at) const {
  const CliRun run =
      db({"intake", "--channel", "letter", "--type", "claim", "--category", category, "--subject", subject, "--content",
          "来信内容：" + subject, "--name", "陈某", "--actor", "r1", "--at", at, "--json"});
  EXPECT_EQ(run.status, 0) << run.err;
  const nlohmann::json result = parse_json(run.out);
  if (!result.is_object() || !result.contains("number")) {
    ADD_FAILURE() << "no case number in: " << run.out;
    return "";
  }
  return result["number"].get<std::string>();
}

void DbCliTest::act_ok(const std::string& number, const std::string& command, const std::string& actor,
                       const std::string& at, const std::vector<std::string>& pairs) const {
  std::vector<std::string> args = {"act", number, command, "--actor", actor, "--at", at};
  args.insert(args.end(), pairs.begin(), pairs.end());
  const CliRun run = db(args);
  EXPECT_EQ(run.status, 0) << command << " " << number << ": " << run.err;
}

}  // namespace xinfang::cli_test
