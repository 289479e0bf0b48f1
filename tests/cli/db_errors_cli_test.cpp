// Bad input to the database subcommands: each is one line on stderr, "xinfang: error: CODE:
// MESSAGE", with exit status 2 for a command line that does not parse and 1 for what the
// library refuses.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <sqlite3.h>

#include "db_cli_fixture.hpp"

namespace xinfang::cli_test {
namespace {

using nlohmann::json;

// ---- usage errors: exit status 2 ----

TEST_F(DbCliTest, MissingDatabaseOption) {
  const CliRun run = run_cli({"list"});
  EXPECT_TRUE(one_line_error(run, 2, "invalid_argument"));
  EXPECT_TRUE(contains(run.err, "--db")) << run.err;
}

TEST_F(DbCliTest, MissingActorOption) {
  const std::string number = intake("申请低保");
  const CliRun run = db({"act", number, "accept"});
  EXPECT_TRUE(one_line_error(run, 2, "invalid_argument"));
  EXPECT_TRUE(contains(run.err, "--actor")) << run.err;
  EXPECT_TRUE(one_line_error(db({"staff", "add", "x1", "--name", "某", "--org", "city", "--role", "registrar"}), 2,
                             "invalid_argument"));
}

TEST_F(DbCliTest, MalformedTimes) {
  // A time needs a zone: "09:30" alone is no instant.
  const CliRun at = db({"list", "--at", "2025-03-03T09:30:00"});
  EXPECT_TRUE(one_line_error(at, 2, "invalid_argument"));
  EXPECT_TRUE(contains(at.err, "--at")) << at.err;
  EXPECT_TRUE(one_line_error(db({"list", "--from", "yesterday"}), 2, "invalid_argument"));
}

TEST_F(DbCliTest, IntakeFlagsIncompleteOrMixedWithAFile) {
  const CliRun missing = db({"intake", "--channel", "letter", "--actor", "r1"});
  EXPECT_TRUE(one_line_error(missing, 2, "invalid_argument"));
  EXPECT_TRUE(contains(missing.err, "--type")) << missing.err;
  const std::string file = dir_->write("p.json", "{}");
  EXPECT_TRUE(one_line_error(db({"intake", "--file", file, "--subject", "x", "--actor", "r1"}), 2, "invalid_argument"));
  EXPECT_TRUE(one_line_error(db({"act", "N", "note", "--actor", "r1", "no-equals-sign"}), 2, "invalid_argument"));
}

// ---- library refusals: exit status 1 ----

TEST_F(DbCliTest, UnknownCaseNumber) {
  const CliRun run = db({"show", "MZJ-2025-999999X"});
  EXPECT_TRUE(one_line_error(run, 1, "not_found"));
  EXPECT_TRUE(contains(run.err, "MZJ-2025-999999X")) << run.err;
  EXPECT_TRUE(one_line_error(db({"act", "MZJ-2025-999999X", "accept", "--actor", "d1"}), 1, "not_found"));
}

TEST_F(DbCliTest, WrongQueryCodeIsNotFound) {
  const std::string number = intake("申请低保");
  EXPECT_TRUE(one_line_error(db({"lookup", number, "--code", "WRONGCODE0"}), 1, "not_found"));
}

TEST_F(DbCliTest, ForbiddenActor) {
  const std::string number = intake("申请低保");
  // A registrar may not accept (cn-national-2022: dispatcher only).
  const CliRun role = db({"act", number, "accept", "--actor", "r1", "--at", "2025-03-03T10:00:00+08:00"});
  EXPECT_TRUE(one_line_error(role, 1, "forbidden"));
  // Someone outside the staff directory may do nothing.
  const CliRun stranger =
      db({"act", number, "note", "--actor", "nobody", "--at", "2025-03-03T10:00:00+08:00", "text=x"});
  EXPECT_TRUE(one_line_error(stranger, 1, "forbidden"));
  EXPECT_TRUE(contains(stranger.err, "nobody")) << stranger.err;
  EXPECT_TRUE(one_line_error(db({"show", number, "--reader", "nobody"}), 1, "forbidden"));
}

TEST_F(DbCliTest, MalformedArgsJson) {
  const std::string number = intake("申请低保");
  const CliRun run = db({"act", number, "note", "--actor", "d1", "--args", "{\"text\": ", "--json"});
  EXPECT_TRUE(one_line_error(run, 1, "parse_error"));
  EXPECT_TRUE(contains(run.err, "--args")) << run.err;
  EXPECT_TRUE(contains(run.err, "column")) << run.err;
  // With --json the error is also the one document on stdout.
  EXPECT_EQ(parse_json(run.out)["error"]["code"], "parse_error");
  EXPECT_TRUE(one_line_error(db({"act", number, "note", "--actor", "d1", "--args", "[1]"}), 1, "invalid_data"));
  // A number too large for a double is malformed JSON too, not an internal error.
  const CliRun huge = db({"act", number, "note", "--actor", "d1", "--args", R"({"text": "x", "n": 1e999})"});
  EXPECT_TRUE(one_line_error(huge, 1, "parse_error"));
  EXPECT_TRUE(contains(huge.err, "1e999")) << huge.err;
  // As a pair's value it is text, like any value that is not JSON.
  const CliRun pair =
      db({"act", number, "note", "--actor", "d1", "--at", "2025-03-03T10:00:00+08:00", "text=1e999", "--json"});
  ASSERT_EQ(pair.status, 0) << pair.err;
  EXPECT_EQ(parse_json(pair.out)["events"][0]["payload"]["text"], "1e999");
}

TEST_F(DbCliTest, UnknownCommand) {
  const std::string number = intake("申请低保");
  const CliRun run = db({"act", number, "frobnicate", "--actor", "d1"});
  EXPECT_TRUE(one_line_error(run, 1, "invalid_data"));
  EXPECT_TRUE(contains(run.err, "frobnicate")) << run.err;
}

TEST_F(DbCliTest, ArgumentsOfTheWrongShape) {
  const std::string number = intake("申请低保");
  act_ok(number, "accept", "d1", "2025-03-03T10:00:00+08:00");
  act_ok(number, "route", "d1", "2025-03-03T10:30:00+08:00");
  // outcome=great is text, and not one of the outcomes: the message carries the JSON path.
  const CliRun run =
      db({"act", number, "reply", "--actor", "h1", "--at", "2025-03-04T10:00:00+08:00", "outcome=great", "text=x"});
  EXPECT_TRUE(one_line_error(run, 1, "invalid_data"));
  EXPECT_TRUE(contains(run.err, "/args/outcome")) << run.err;
  // amount=30 is a JSON number; --args gives the rest, and a pair overrides the same key.
  const CliRun extension = db({"act", number, "request_extension", "--actor", "h1", "--at", "2025-03-04T11:00:00+08:00",
                               "--args", R"({"amount": 99, "reason": "需补充材料"})", "amount=30", "--json"});
  ASSERT_EQ(extension.status, 0) << extension.err;
  EXPECT_EQ(parse_json(extension.out)["events"][0]["payload"]["amount"], 30);
}

TEST_F(DbCliTest, StaleExpectedVersion) {
  const std::string number = intake("申请低保");
  act_ok(number, "accept", "d1", "2025-03-03T10:00:00+08:00");
  // The case is at version 2 now; a clerk who saw version 1 is refused.
  const CliRun run = db({"act", number, "note", "--actor", "d1", "--at", "2025-03-03T10:05:00+08:00",
                         "--expect-version", "1", "text=补充说明"});
  EXPECT_TRUE(one_line_error(run, 1, "conflict"));
  EXPECT_TRUE(contains(run.err, number)) << run.err;
}

TEST_F(DbCliTest, TimeBeforeTheLastEventIsRefused) {
  const std::string number = intake("申请低保");
  const CliRun run = db({"act", number, "accept", "--actor", "d1", "--at", "2025-03-01T10:00:00+08:00"});
  EXPECT_TRUE(one_line_error(run, 1, "invalid_argument"));
}

TEST_F(DbCliTest, InitRefusesToChangeAnExistingDatabase) {
  const CliRun hash = db({"init", "--hash", "sm3"});
  EXPECT_TRUE(one_line_error(hash, 1, "already_exists"));
  EXPECT_TRUE(contains(hash.err, "sha256")) << hash.err;
  EXPECT_TRUE(one_line_error(db({"init", "--policy", "cn-national-2005"}), 1, "already_exists"));
  // Naming what the database has already is fine.
  EXPECT_EQ(db({"init", "--policy", "cn-national-2022", "--hash", "sha256"}).status, 0);
  EXPECT_TRUE(one_line_error(run_cli({"init", "--db", dir_->path() + "/new.db", "--policy", "no-such-preset"}), 1,
                             "not_found"));
}

TEST_F(DbCliTest, StaffOfAnUnknownUnit) {
  const CliRun run = db({"staff", "add", "x1", "--name", "某", "--org", "city", "--unit", "no_such_unit", "--role",
                         "handler", "--actor", "admin"});
  EXPECT_TRUE(one_line_error(run, 1, "not_found"));
  EXPECT_TRUE(one_line_error(db({"staff", "show", "x1"}), 1, "not_found"));
}

TEST_F(DbCliTest, MissingDatabaseFile) {
  const std::string missing = dir_->path() + "/missing.db";
  const CliRun run = run_cli({"list", "--db", missing});
  EXPECT_TRUE(one_line_error(run, 1, "not_found"));
  EXPECT_TRUE(contains(run.err, "xinfang init")) << run.err;
}

TEST_F(DbCliTest, FileThatIsNotADatabase) {
  const std::string text = dir_->write("notes.txt", "这不是数据库 — just some notes, long enough to be a page\n");
  EXPECT_TRUE(one_line_error(run_cli({"list", "--db", text}), 1, "storage"));
  EXPECT_TRUE(one_line_error(run_cli({"verify", "--db", text}), 1, "storage"));
}

// Edits the database behind the engine's back through SQLite's own library and returns how many
// rows changed (-1 on an SQL error). The append-only trigger is dropped first, as a forger with
// write access to the file would.
int tamper(const std::string& database, const std::string& update) {
  sqlite3* handle = nullptr;
  if (sqlite3_open(database.c_str(), &handle) != SQLITE_OK) {
    sqlite3_close(handle);
    return -1;
  }
  const std::string statements = "DROP TRIGGER IF EXISTS events_are_append_only_update; " + update + ";";
  const int rc = sqlite3_exec(handle, statements.c_str(), nullptr, nullptr, nullptr);
  const int changed = rc == SQLITE_OK ? sqlite3_changes(handle) : -1;
  sqlite3_close(handle);
  return changed;
}

TEST_F(DbCliTest, VerifyFindsAnEditedEvent) {
  intake("申请低保");
  const std::string edited = intake("申请最低生活保障金");
  intake("申请低保");
  act_ok(edited, "accept", "d1", "2025-03-03T10:00:00+08:00");
  ASSERT_EQ(db({"verify"}).status, 0);

  ASSERT_EQ(tamper(database_,
                   "UPDATE events SET payload = replace(payload, '最低生活保障金', '最高生活保障金') "
                   "WHERE payload LIKE '%最低生活保障金%'"),
            1)
      << "the edit should change exactly the registered event";

  const CliRun run = db({"verify"});
  EXPECT_TRUE(one_line_error(run, 1, "integrity"));
  EXPECT_TRUE(contains(run.err, "case " + edited)) << run.err;
  EXPECT_TRUE(contains(run.err, "event 1")) << run.err;

  const CliRun report = db({"verify", "--json"});
  EXPECT_EQ(report.status, 1);
  const json parsed = parse_json(report.out);
  EXPECT_EQ(parsed["ok"], false);
  EXPECT_FALSE(parsed.contains("error")) << "the report is the one document on stdout";
}

}  // namespace
}  // namespace xinfang::cli_test
