// The store gathers a commit's WAL frames into one write (src/store/sqlite_vfs.cpp). These tests
// check what that must never break: after every commit the log holds whole frames only, other
// connections — the engine's own and plain SQLite ones — see every committed case at once, and
// transactions far larger than the gathering buffer commit whole.
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

INSTANTIATE_TEST_SUITE_P(Durabilities, EngineWalLarge, ::testing::Values(Durability::normal, Durability::full),
                         [](const ::testing::TestParamInfo<Durability>& info) {
                           return info.param == Durability::normal ? std::string("normal") : std::string("full");
                         });

}  // namespace
}  // namespace xinfang::testing
