#include "engine_test_util.hpp"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include <sqlite3.h>

#include "lifecycle/command_args.hpp"

namespace xinfang::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/xinfang-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::file(const std::string& name) const {
  return path_ + "/" + name;
}

namespace {

Engine open_engine(const std::string& path, const std::shared_ptr<ManualClock>& clock, HashAlgorithm hash,
                   const std::string& policy, bool parallel_batches) {
  EngineOptions options;
  options.database = path;
  options.policy = policy;
  options.clock = clock;
  options.random = std::make_shared<SeededRandom>(42);
  options.hash = hash;
  options.parallel_batches = parallel_batches;
  return Engine::open(options);
}

}  // namespace

TestEngine::TestEngine(const std::string& path, Instant start, HashAlgorithm hash, const std::string& policy,
                       bool parallel_batches)
    : clock(std::make_shared<ManualClock>(start)), engine(open_engine(path, clock, hash, policy, parallel_batches)) {}

void TestEngine::add_staff() {
  const auto put = [&](const char* id, const char* name, const char* org, const char* unit,
                       std::vector<std::string> roles) {
    engine.put_staff(kAdmin, StaffMember{id, name, org, unit, std::move(roles), true});
  };
  put(kRegistrar, "登记员甲", "city", "petition_office", {"registrar"});
  put(kDispatcher, "分办员乙", "city", "petition_office", {"dispatcher"});
  put(kHandlerA, "承办人丙", "city", "social_assistance", {"handler"});
  put(kHandlerB, "承办人丁", "city", "social_assistance", {"handler"});
  put(kPensionsHandler, "承办人戊", "city", "pensions", {"handler"});
  put(kUnitLeader, "科长己", "city", "social_assistance", {"unit_leader"});
  put(kOrgLeader, "局长庚", "city", "petition_office", {"org_leader"});
  put(kReviewer, "复查员辛", "province", "petition_office_province", {"reviewer"});
  put(kPortal, "网上信访平台", "city", "", {"petitioner"});
}

Json letter_at(Instant at) {
  Json args = claim_letter_args();
  args["received_at"] = lifecycle_detail::format_instant(at);
  return args;
}

CommandResult TestEngine::intake_letter(const std::string& key) {
  return engine.intake_json(kRegistrar, letter_at(clock->now()), key);
}

std::string raw_sql_error(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open " + path;
  }
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = rc == SQLITE_OK ? "" : (error != nullptr ? error : sqlite3_errstr(rc));
  sqlite3_free(error);
  sqlite3_close(db);
  return message;
}

void raw_sql(const std::string& path, const std::string& sql) {
  const std::string error = raw_sql_error(path, sql);
  ASSERT_EQ(error, "") << " in " << sql;
}

std::string raw_query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "<cannot open>";
  sqlite3_stmt* statement = nullptr;
  std::string value = "<no row>";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    value = text != nullptr ? text : "<null>";
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

namespace {

// Appends every row of @p sql, one line each, its columns quoted as SQL literals.
bool dump_rows(sqlite3* db, const std::string& sql, std::string& out) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    sqlite3_finalize(statement);
    return false;
  }
  while (sqlite3_step(statement) == SQLITE_ROW) {
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      out += sqlite3_column_type(statement, column) == SQLITE_NULL ? "NULL" : "'" + std::string(text) + "'";
      out += '|';
    }
    out += '\n';
  }
  sqlite3_finalize(statement);
  return true;
}

}  // namespace

std::string database_dump(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return "<cannot open>";
  }
  std::vector<std::string> tables;
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &statement, nullptr);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  }
  sqlite3_finalize(statement);
  std::string out;
  for (const std::string& table : tables) {
    out += "== " + table + '\n';
    // A table without rowid is dumped in its primary key's order.
    if (!dump_rows(db, "SELECT rowid, * FROM \"" + table + "\" ORDER BY rowid", out)) {
      dump_rows(db, "SELECT * FROM \"" + table + "\"", out);
    }
  }
  sqlite3_close(db);
  return out;
}

}  // namespace xinfang::testing
