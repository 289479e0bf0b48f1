// Opening files: creation with a policy, reopening, upgrades of older schemas, refusal of newer
// ones and of files that are not xinfang's, and the policy in force.
#include <filesystem>
#include <fstream>

#include "engine_test_util.hpp"
#include "store/store.hpp"

namespace xinfang::testing {
namespace {

EngineOptions options_for(const std::string& path, const std::string& policy = "") {
  EngineOptions options;
  options.database = path;
  options.policy = policy;
  options.clock = std::make_shared<ManualClock>(local("2025-03-03 09:00"));
  options.random = std::make_shared<SeededRandom>(7);
  return options;
}

TEST(EngineStore, ReopeningKeepsCasesPolicyAndSalt) {
  TempDir dir;
  const std::string db = dir.file("a.db");
  std::string number, code;
  {
    TestEngine t(db);
    t.add_staff();
    const CommandResult made = t.intake_letter();
    number = made.number;
    code = made.query_code;
  }
  Engine reopened = Engine::open(options_for(db));
  EXPECT_EQ(reopened.policy().name(), "cn-national-2022");
  EXPECT_EQ(reopened.get(number).state.number, number);
  EXPECT_EQ(reopened.lookup(number, code)["number"], number);  // the same identity salt
  EXPECT_EQ(raw_query(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw_query(db, "PRAGMA user_version"), std::to_string(store::current_schema_version()));
}

TEST(EngineStore, ANewFileNeedsAPolicy) {
  TempDir dir;
  EXPECT_EQ(code_of([&] { Engine::open(options_for(dir.file("b.db"))); }), ErrorCode::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(dir.file("b.db")));
  EXPECT_EQ(code_of([&] { Engine::open(options_for(dir.file("c.db"), "no-such-preset")); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { Engine::open(options_for(dir.file("d.db"), "{ not json")); }), ErrorCode::parse_error);
  EXPECT_EQ(code_of([&] { Engine::open(options_for("")); }), ErrorCode::invalid_argument);
}

TEST(EngineStore, CreateFalseDoesNotMakeAFile) {
  TempDir dir;
  EngineOptions options = options_for(dir.file("missing.db"), "cn-national-2022");
  options.create = false;
  EXPECT_EQ(code_of([&] { Engine::open(options); }), ErrorCode::storage);
}

TEST(EngineStore, ANewPolicyIsInstalledAndRecorded) {
  TempDir dir;
  const std::string db = dir.file("p.db");
  { TestEngine t(db); }
  Engine hotline = Engine::open(options_for(db, "hotline-12345"));
  EXPECT_EQ(hotline.policy().name(), "hotline-12345");
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM policies"), "2");
  EXPECT_EQ(raw_query(db, "SELECT action FROM admin_log ORDER BY sequence DESC LIMIT 1"), "policy_installed");
  // The same policy again installs nothing.
  Engine::open(options_for(db, "hotline-12345"));
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM policies"), "2");
  EXPECT_EQ(Engine::open(options_for(db)).policy().name(), "hotline-12345");
  EXPECT_TRUE(hotline.verify().ok);
}

TEST(EngineStore, AnOlderSchemaIsUpgraded) {
  TempDir dir;
  const std::string db = dir.file("v1.db");
  store::create_sqlite_schema_for_test(db, 1);
  EXPECT_EQ(raw_query(db, "PRAGMA user_version"), "1");
  TestEngine t(db);
  EXPECT_EQ(raw_query(db, "PRAGMA user_version"), std::to_string(store::current_schema_version()));
  t.add_staff();  // the tables version 2 added
  EXPECT_EQ(t.engine.list_staff().size(), 9u);
}

TEST(EngineStore, ACaseHoldsAtMostTheEventsItsIdsCanNumber) {
  TempDir dir;
  const std::string db = dir.file("events.db");
  std::string number;
  {
    TestEngine t(db);
    t.add_staff();
    number = t.intake_letter().number;
  }
  // An event id packs its case id and its sequence (2^20 - 1 at most): the store refuses the
  // next one by name instead of letting it collide with the next case's first event.
  store::StoreOptions options;
  options.path = db;
  options.create = false;
  auto store = store::open_sqlite_store(options);
  const auto append = [&](std::int64_t sequence) {
    store->write([&](store::Transaction& txn) {
      const std::optional<store::CaseRow> row = txn.find_case(number);
      ASSERT_TRUE(row.has_value());
      store::EventRow event = txn.events(row->id).front();
      event.sequence = sequence;
      txn.append_event(row->id, event);
    });
  };
  const std::string message = message_of([&] { append(1048576); });
  EXPECT_EQ(code_of([&] { append(1048576); }), ErrorCode::invalid_state);
  EXPECT_NE(message.find("at most 1048575 events"), std::string::npos) << message;
  EXPECT_EQ(code_of([&] { append(0); }), ErrorCode::invalid_state);
  // The existing first event is not written twice.
  EXPECT_EQ(code_of([&] { append(1); }), ErrorCode::conflict);
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM events"), "1");
}

TEST(EngineStore, ANewerSchemaIsRefused) {
  TempDir dir;
  const std::string db = dir.file("new.db");
  { TestEngine t(db); }
  raw_sql(db, "PRAGMA user_version = 99");
  const std::string message = message_of([&] { Engine::open(options_for(db)); });
  EXPECT_EQ(code_of([&] { Engine::open(options_for(db)); }), ErrorCode::unsupported_version);
  EXPECT_NE(message.find("99"), std::string::npos) << message;
}

TEST(EngineStore, OtherFilesAreRefused) {
  TempDir dir;
  const std::string text = dir.file("notes.txt");
  std::ofstream(text) << "this is not a database, just some text that is long enough to fill a header......";
  EXPECT_EQ(code_of([&] { Engine::open(options_for(text, "cn-national-2022")); }), ErrorCode::storage);
  const std::string foreign = dir.file("foreign.db");
  raw_sql(foreign, "CREATE TABLE orders (id INTEGER PRIMARY KEY)");
  const std::string message = message_of([&] { Engine::open(options_for(foreign, "cn-national-2022")); });
  EXPECT_NE(message.find("another application"), std::string::npos) << message;
  EXPECT_EQ(raw_query(foreign, "SELECT count(*) FROM sqlite_schema"), "1");  // untouched
}

TEST(EngineStore, StaffDirectoryAndRoster) {
  TempDir dir;
  TestEngine t(dir.file("staff.db"));
  t.add_staff();
  EXPECT_EQ(t.engine.list_staff("social_assistance").size(), 3u);
  EXPECT_EQ(t.engine.staff(kHandlerA)->name, "承办人丙");
  EXPECT_FALSE(t.engine.staff("nobody"));
  EXPECT_EQ(code_of([&] {
              t.engine.put_staff(kAdmin, {"x", "某", "nowhere", "", {"handler"}, true});
            }),
            ErrorCode::not_found);
  EXPECT_EQ(code_of([&] {
              t.engine.put_staff(kAdmin, {"x", "某", "city", "petition_office_province", {"handler"}, true});
            }),
            ErrorCode::invalid_data);
  EXPECT_EQ(code_of([&] {
              t.engine.put_staff(kAdmin, {"x", "某", "city", "", {"pilot"}, true});
            }),
            ErrorCode::not_found);
  EXPECT_EQ(code_of([&] {
              t.engine.put_staff(kAdmin, {"", "某", "city", "", {"handler"}, true});
            }),
            ErrorCode::invalid_data);
  EXPECT_EQ(code_of([&] {
              t.engine.put_staff(kAdmin, {"x", "\xff", "city", "", {"handler"}, true});
            }),
            ErrorCode::invalid_utf8);
  EXPECT_EQ(code_of([&] {
              StaffMember::from_json({{"id", "x"}, {"name", "y"}, {"organisation", "city"}});
            }),
            ErrorCode::invalid_data);

  const Date day(2025, 3, 3);
  t.engine.set_roster(kAdmin, day, "social_assistance", {kHandlerB});
  EXPECT_EQ(t.engine.roster(day, "social_assistance"), std::vector<std::string>{kHandlerB});
  EXPECT_EQ(code_of([&] { t.engine.set_roster(kAdmin, day, "social_assistance", {kPensionsHandler}); }),
            ErrorCode::invalid_data);
  EXPECT_EQ(code_of([&] { t.engine.set_roster(kAdmin, day, "nowhere", {}); }), ErrorCode::not_found);
  EXPECT_EQ(t.engine.roster(day, "social_assistance"), std::vector<std::string>{kHandlerB});
  EXPECT_TRUE(t.engine.verify().ok);
}

TEST(EngineStore, TheDutyRosterSteersRouting) {
  TempDir dir;
  TestEngine t(dir.file("duty.db"), local("2025-03-03 09:00"), HashAlgorithm::sha256,
               R"({"extends": "cn-national-2022", "name": "duty-test", "routing": {"handler_rule": "duty_roster"}})");
  t.add_staff();
  t.engine.set_roster(kAdmin, Date(2025, 3, 3), "social_assistance", {kHandlerB});
  const std::string a = t.intake_letter().number;
  const std::string b = t.intake_letter().number;
  t.engine.accept(a, kDispatcher);
  t.engine.accept(b, kDispatcher);
  // Only B is on duty: B takes both, though A has fewer open cases after the first.
  EXPECT_EQ(t.engine.route(a, kDispatcher).events[0].payload["handler"], kHandlerB);
  EXPECT_EQ(t.engine.route(b, kDispatcher).events[0].payload["handler"], kHandlerB);
  // The next day nobody is on duty: routing says so.
  t.clock->set(local("2025-03-04 09:00"));
  const std::string c = t.intake_letter().number;
  t.engine.accept(c, kDispatcher);
  EXPECT_EQ(code_of([&] { t.engine.route(c, kDispatcher); }), ErrorCode::invalid_state);
}

}  // namespace
}  // namespace xinfang::testing
