// A batch decided on a second thread stores what one thread stores, byte for byte, refuses at the
// same petition with the same message, and leaves the file as it was when it refuses.
#include <string>
#include <vector>

#include "engine_test_util.hpp"

namespace xinfang::testing {
namespace {

std::string digits(int value, std::size_t width) {
  std::string text = std::to_string(value);
  return std::string(width > text.size() ? width - text.size() : 0, '0') + text;
}

// Petition i of a batch. Every seventh comes from one of five people, so that repeats fall inside
// the petitions a second thread holds at once; every tenth has a second petitioner.
Json varied_petition(int i, Instant at) {
  Json args = letter_at(at);
  const int person = i % 7 == 0 ? (i / 7) % 5 : 1000 + i;
  args["petitioners"][0]["id_number"] = "110101" + digits(person, 12);
  args["petitioners"][0]["phone"] = "139" + digits(person * 7, 8);
  if (i % 10 == 3) {
    args["petitioners"].push_back({{"name", "王某"}, {"phone", "137" + digits(i % 40, 8)}});
  }
  if (i % 4 == 1) args["category"] = "pensions";
  if (i % 9 == 2) args["channel"] = "visit";
  args["subject"] = "事项" + std::to_string(i);
  return args;
}

std::vector<IntakeRequest> varied_batch(int count, Instant at) {
  std::vector<IntakeRequest> batch;
  for (int i = 0; i < count; ++i) {
    batch.push_back({varied_petition(i, at), i % 3 == 0 ? "import-" + std::to_string(i) : ""});
  }
  return batch;
}

// Two files with the same seed and clock, one batching on the calling thread alone.
class EngineBatch : public ::testing::Test {
 protected:
  EngineBatch() {
    one.add_staff();
    two.add_staff();
  }

  std::vector<CommandResult> on_both(const std::vector<IntakeRequest>& batch) {
    const std::vector<CommandResult> alone = one.engine.intake_batch(kRegistrar, batch);
    const std::vector<CommandResult> paired = two.engine.intake_batch(kRegistrar, batch);
    EXPECT_EQ(alone.size(), paired.size());
    for (std::size_t i = 0; i < alone.size() && i < paired.size(); ++i) {
      EXPECT_EQ(alone[i].number, paired[i].number) << "petition " << i;
      EXPECT_EQ(alone[i].version, paired[i].version) << "petition " << i;
      EXPECT_EQ(alone[i].status, paired[i].status) << "petition " << i;
      EXPECT_EQ(alone[i].query_code, paired[i].query_code) << "petition " << i;
      EXPECT_EQ(alone[i].replayed, paired[i].replayed) << "petition " << i;
    }
    return paired;
  }

  // The refusal's message on both, which must agree; both files must be as they were.
  std::string refused_on_both(const std::vector<IntakeRequest>& batch) {
    const std::string before_one = database_dump(one_db);
    const std::string before_two = database_dump(two_db);
    const std::string alone = message_of([&] { one.engine.intake_batch(kRegistrar, batch); });
    const std::string paired = message_of([&] { two.engine.intake_batch(kRegistrar, batch); });
    EXPECT_EQ(alone, paired);
    EXPECT_EQ(database_dump(one_db), before_one);
    EXPECT_EQ(database_dump(two_db), before_two);
    return paired;
  }

  TempDir dir;
  std::string one_db = dir.file("one-thread.db");
  std::string two_db = dir.file("two-threads.db");
  TestEngine one{one_db, local("2025-03-03 09:00"), HashAlgorithm::sha256, "cn-national-2022", false};
  TestEngine two{two_db, local("2025-03-03 09:00"), HashAlgorithm::sha256, "cn-national-2022", true};
};

TEST_F(EngineBatch, TwoThreadsStoreWhatOneStores) {
  const Instant now = one.clock->now();
  std::vector<IntakeRequest> earlier = varied_batch(40, now);
  on_both(earlier);

  std::vector<IntakeRequest> batch = varied_batch(600, now);
  batch[51] = batch[50] = {varied_petition(50, now), "same-key"};  // the second replays the first
  batch[400] = earlier[9];                                         // replays a case of the earlier batch
  batch[401] = {varied_petition(7, now), ""};                      // a repeat of a person in flight
  const std::vector<CommandResult> results = on_both(batch);

  EXPECT_FALSE(results[50].replayed);
  EXPECT_TRUE(results[51].replayed);
  EXPECT_EQ(results[51].number, results[50].number);
  EXPECT_TRUE(results[400].replayed);
  int repeats = 0;
  for (const CommandResult& result : results) repeats += result.version > 1 ? 1 : 0;
  EXPECT_GT(repeats, 80);  // the repeat flags depend on cases written moments before
  EXPECT_EQ(database_dump(one_db), database_dump(two_db));
  EXPECT_TRUE(two.engine.verify().ok);
}

TEST_F(EngineBatch, ProgressIsReportedEvery1024PetitionsOnOneThreadOrTwo) {
  const std::vector<IntakeRequest> batch = varied_batch(2100, local("2025-03-03 09:00"));
  for (TestEngine* engine : {&one, &two}) {
    std::vector<std::pair<std::size_t, std::size_t>> seen;
    engine->engine.intake_batch(kRegistrar, batch,
                                [&](std::size_t done, std::size_t total) { seen.emplace_back(done, total); });
    const std::vector<std::pair<std::size_t, std::size_t>> expected = {{1024, 2100}, {2048, 2100}};
    EXPECT_EQ(seen, expected);
  }
}

TEST_F(EngineBatch, TheFirstRefusedPetitionIsNamedAndNothingIsKept) {
  const Instant now = one.clock->now();
  on_both(varied_batch(20, now));

  // Refused when decided (on the second thread): an unknown category.
  std::vector<IntakeRequest> batch = varied_batch(300, now);
  batch[90].petition["category"] = "no-such-category";
  EXPECT_EQ(refused_on_both(batch).rfind("petition 90:", 0), 0u);

  // Refused when prepared (on the calling thread) while earlier petitions are still being
  // decided: the earlier refusal is the one reported.
  batch[93].idempotency_key = std::string("bad\xff", 4);
  EXPECT_EQ(refused_on_both(batch).rfind("petition 90:", 0), 0u);
  batch[90] = {varied_petition(90, now), ""};
  EXPECT_EQ(refused_on_both(batch).rfind("petition 93:", 0), 0u);

  // A key of an earlier batch given again with other content.
  batch[93] = {varied_petition(93, now), "import-3"};
  const std::string conflict = refused_on_both(batch);
  EXPECT_EQ(conflict.rfind("petition 93:", 0), 0u) << conflict;
  EXPECT_NE(conflict.find("import-3"), std::string::npos);

  // Refused at the last petition, after every other was decided.
  batch[93] = {varied_petition(93, now), ""};
  batch[299].petition["petitioners"] = "nobody";
  EXPECT_EQ(refused_on_both(batch).rfind("petition 299:", 0), 0u);
  batch[299] = {varied_petition(299, now), ""};
  on_both(batch);
  EXPECT_EQ(database_dump(one_db), database_dump(two_db));
}

}  // namespace
}  // namespace xinfang::testing
