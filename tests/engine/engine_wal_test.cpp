// The store gathers a commit's WAL frames into one write, and a checkpoint's reads of the log
// and writes of the database into few (src/store/sqlite_vfs.cpp). These tests check what that
// must never break: after every commit the log holds whole frames only, other connections — the
// engine's own and plain SQLite ones — see every committed case at once, transactions far larger
// than the gathering buffer commit whole, and checkpoints copy every page while others read.
#include <sqlite3.h>

#include <filesystem>

#include "engine_test_util.hpp"
#include "store/store.hpp"

namespace xinfang::testing {
namespace {

constexpr std::uintmax_t kWalHeader = 32;
constexpr std::uintmax_t kFrame = 24 + 4096;  // the store's files use SQLite's 4096-byte pages

std::uintmax_t wal_size(const std::string& db) {
  return std::filesystem::file_size(db + "-wal");
}

TEST(EngineWal, EveryCommitLeavesWholeFramesInTheLog) {
  TempDir dir;
  const std::string db = dir.file("frames.db");
  TestEngine t(db);
  t.add_staff();
  ASSERT_EQ(raw_query(db, "PRAGMA page_size"), "4096");
  std::uintmax_t previous = wal_size(db);
  for (int i = 0; i < 40; ++i) {
    t.clock->advance(boost::posix_time::minutes(1));
    t.intake_letter();
    const std::uintmax_t size = wal_size(db);
    // Nothing of a finished commit stays in memory: the log ends on a frame boundary, and grew.
    EXPECT_EQ((size - kWalHeader) % kFrame, 0u) << "after intake " << i;
    EXPECT_GT(size, previous) << "after intake " << i;
    previous = size;
  }
}

TEST(EngineWal, OtherConnectionsSeeEachCommitAtOnce) {
  TempDir dir;
  const std::string db = dir.file("shared.db");
  TestEngine a(db);
  a.add_staff();
  TestEngine b(db, a.clock->now());
  for (int i = 0; i < 60; ++i) {
    TestEngine& writer = i % 2 == 0 ? a : b;
    TestEngine& reader = i % 2 == 0 ? b : a;
    writer.clock->advance(boost::posix_time::minutes(1));
    reader.clock->advance(boost::posix_time::minutes(1));
    const CommandResult made = writer.intake_letter();
    // The other engine in this process, through its own connection and file handles.
    EXPECT_EQ(reader.engine.get(made.number).state.number, made.number) << i;
    // A plain SQLite connection with the default VFS, as a reporting tool would open the file.
    EXPECT_EQ(raw_query(db, "SELECT count(*) FROM cases"), std::to_string(i + 1));
    EXPECT_EQ(raw_query(db, "SELECT number FROM cases ORDER BY id DESC LIMIT 1"), made.number);
  }
  EXPECT_TRUE(a.engine.verify().ok);
}

// A batch whose frames are many times the 1 MiB the store gathers, in both durability modes:
// it commits whole, reads back whole, and verifies.
class EngineWalLarge : public ::testing::TestWithParam<Durability> {};

TEST_P(EngineWalLarge, ATransactionLargerThanTheBufferCommitsWhole) {
  TempDir dir;
  const std::string db = dir.file("large.db");
  std::vector<std::string> numbers;
  {
    auto clock = std::make_shared<ManualClock>(local("2025-03-03 09:00"));
    EngineOptions options;
    options.database = db;
    options.policy = "cn-national-2022";
    options.clock = clock;
    options.random = std::make_shared<SeededRandom>(3);
    options.durability = GetParam();
    Engine engine = Engine::open(options);
    engine.put_staff(kAdmin, StaffMember{kRegistrar, "登记员甲", "city", "petition_office", {"registrar"}, true});
    std::vector<IntakeRequest> batch;
    for (int i = 0; i < 1500; ++i) {
      Json args = letter_at(clock->now());
      args["content"] = std::string(3000, 'a' + static_cast<char>(i % 26));  // about 6 MB of events in all
      args["petitioners"][0]["id_number"] = "11010119800101" + std::to_string(1000 + i);
      args["petitioners"][0]["phone"] = "1380013" + std::to_string(1000 + i);
      batch.push_back({args, ""});
    }
    for (const CommandResult& made : engine.intake_batch(kRegistrar, batch)) numbers.push_back(made.number);
  }
  ASSERT_EQ(numbers.size(), 1500u);
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM cases"), "1500");
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM events"), "1500");
  EXPECT_EQ(raw_query(db, "PRAGMA integrity_check"), "ok");
  TestEngine reopened(db);
  EXPECT_EQ(reopened.engine.get(numbers.back()).state.content, std::string(3000, 'a' + 1499 % 26));
  const VerifyReport report = reopened.engine.verify();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.cases, 1500);
}

// A plain SQLite connection (the default VFS) that holds one read transaction open.
class Reader {
 public:
  explicit Reader(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path);
    }
  }
  ~Reader() { sqlite3_close(db_); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  std::string query(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    std::string result;
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      result = std::string("error: ") + sqlite3_errmsg(db_);
    }
    sqlite3_finalize(statement);
    return result;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Cases with 50 KB of content each: 900 of them fill more of the log than the store lets it grow
// to before a commit checkpoints it (10,000 pages).
std::vector<IntakeRequest> bulky_batch(Instant at, int first, int count) {
  std::vector<IntakeRequest> batch;
  for (int i = first; i < first + count; ++i) {
    Json args = letter_at(at);
    args["content"] = std::string(50000, 'a' + static_cast<char>(i % 26));
    args["subject"] = "第" + std::to_string(i) + "件";
    args["petitioners"][0]["id_number"] = "11010119800101" + std::to_string(1000 + i);
    args["petitioners"][0]["phone"] = "1380013" + std::to_string(1000 + i);
    batch.push_back({args, ""});
  }
  return batch;
}

TEST(EngineWal, CheckpointsCopyEveryPageWhileOthersRead) {
  TempDir dir;
  const std::string db = dir.file("checkpointed.db");
  TestEngine writer(db);
  writer.add_staff();
  for (int i = 0; i < 5; ++i) writer.intake_letter();

  // A reader's snapshot of five cases holds the first checkpoint back to the frames it sees.
  Reader reader(db);
  ASSERT_EQ(reader.query("BEGIN"), "");
  ASSERT_EQ(reader.query("SELECT count(*) FROM cases"), "5");
  std::vector<std::string> numbers;
  for (const CommandResult& made : writer.engine.intake_batch(kRegistrar, bulky_batch(writer.clock->now(), 0, 900))) {
    numbers.push_back(made.number);
  }
  EXPECT_EQ(reader.query("SELECT count(*) FROM cases"), "5");
  EXPECT_EQ(reader.query("PRAGMA integrity_check"), "ok");
  ASSERT_EQ(reader.query("COMMIT"), "");

  // Its snapshot released, the next commit's checkpoint copies the rest of the log: the database
  // file alone, copied without its log, then holds every case.
  numbers.push_back(writer.intake_letter().number);
  const std::string alone = dir.file("alone.db");
  std::filesystem::copy_file(db, alone);
  EXPECT_EQ(raw_query(alone, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw_query(alone, "SELECT count(*) FROM cases"), "906");
  EXPECT_EQ(raw_query(alone, "SELECT count(*) FROM events WHERE length(payload) > 50000"), "900");

  Reader after(db);
  EXPECT_EQ(after.query("SELECT count(*) FROM cases"), "906");
  EXPECT_EQ(after.query("PRAGMA integrity_check"), "ok");
  const VerifyReport report = writer.engine.verify();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.cases, 906);
  EXPECT_EQ(writer.engine.get(numbers[450]).state.content, std::string(50000, 'a' + 450 % 26));
}

// After a checkpoint copied the whole log, the next commit writes the log again from its start:
// what the first checkpoint read of it is not what the second must copy.
TEST(EngineWal, ALogWrittenAgainIsReadAfresh) {
  TempDir dir;
  const std::string db = dir.file("rewritten.db");
  TestEngine writer(db);
  writer.add_staff();
  const std::uintmax_t kCheckpointAt = 10000 * kFrame;
  writer.engine.intake_batch(kRegistrar, bulky_batch(writer.clock->now(), 0, 900));
  const std::uintmax_t first_log = wal_size(db);
  ASSERT_GT(first_log, kCheckpointAt);
  const std::vector<CommandResult> second =
      writer.engine.intake_batch(kRegistrar, bulky_batch(writer.clock->now(), 900, 900));
  // The second batch reused the log's file from its start instead of growing it.
  EXPECT_LT(wal_size(db), first_log + first_log / 4);

  const std::string alone = dir.file("alone.db");
  std::filesystem::copy_file(db, alone);
  EXPECT_EQ(raw_query(alone, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw_query(alone, "SELECT count(*) FROM cases"), "1800");
  EXPECT_EQ(raw_query(alone, "SELECT subject FROM cases WHERE number = '" + second.front().number + "'"), "第900件");
  EXPECT_EQ(raw_query(alone, "SELECT count(DISTINCT subject) FROM cases"), "1800");
  const VerifyReport report = writer.engine.verify();
  EXPECT_TRUE(report.ok) << report.message;
}

INSTANTIATE_TEST_SUITE_P(Durabilities, EngineWalLarge, ::testing::Values(Durability::normal, Durability::full),
                         [](const ::testing::TestParamInfo<Durability>& info) {
                           return info.param == Durability::normal ? std::string("normal") : std::string("full");
                         });

}  // namespace
}  // namespace xinfang::testing
