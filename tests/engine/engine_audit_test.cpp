// The audit log is tamper-evident: verify() walks every chain and names the first event that was
// altered, removed or added; the query rows must be the fold of the log; the directory must be
// what its own log says.
#include "engine_test_util.hpp"

namespace xinfang::testing {
namespace {

class EngineAudit : public ::testing::TestWithParam<HashAlgorithm> {
 protected:
  EngineAudit() : db(dir.file("audit.db")), t(db, local("2025-03-03 09:00"), GetParam()) {
    t.add_staff();
    first = t.intake_letter().number;
    second = t.intake_letter().number;
    t.engine.accept(second, kDispatcher);
    t.engine.note(second, kDispatcher, "已电话联系信访人");
  }

  // Drops the append-only triggers, as someone editing the file on purpose would.
  void as_intruder(const std::string& sql) {
    raw_sql(db,
            "DROP TRIGGER IF EXISTS events_are_append_only_update; "
            "DROP TRIGGER IF EXISTS events_are_append_only_delete; "
            "DROP TRIGGER IF EXISTS admin_log_is_append_only_update; "
            "DROP TRIGGER IF EXISTS admin_log_is_append_only_delete; " +
                sql);
  }

  std::string last_sequence(const std::string& number) {
    return raw_query(db, "SELECT max(sequence) FROM events WHERE case_id = " + case_id(number));
  }

  std::string case_id(const std::string& number) {
    return raw_query(db, "SELECT id FROM cases WHERE number = '" + number + "'");
  }

  TempDir dir;
  std::string db;
  TestEngine t;
  std::string first, second;
};

TEST_P(EngineAudit, AnUntouchedFileVerifies) {
  const VerifyReport report = t.engine.verify();
  EXPECT_TRUE(report.ok) << report.message;
  EXPECT_EQ(report.cases, 2);
  EXPECT_EQ(report.events, 5);              // the second is a repeat: registered, repeat_flagged, accepted, note_added
  EXPECT_EQ(report.directory_changes, 10);  // the policy and nine people
  EXPECT_EQ(t.engine.get(second).events[1].previous_hash, t.engine.get(second).events[0].hash);
}

TEST_P(EngineAudit, TheHashIsTheChosenAlgorithms) {
  EXPECT_EQ(t.engine.hash_algorithm(), GetParam());
  EXPECT_EQ(raw_query(db, "SELECT value FROM meta WHERE key = 'hash_algorithm'"), hash_algorithm_name(GetParam()));
}

TEST_P(EngineAudit, TheTriggersRefuseANaiveEdit) {
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), "4");
  EXPECT_NE(raw_sql_error(db, "UPDATE events SET payload = '{}'").find("append-only"), std::string::npos);
  EXPECT_NE(raw_sql_error(db, "DELETE FROM events").find("append-only"), std::string::npos);
  EXPECT_NE(raw_sql_error(db, "DELETE FROM admin_log").find("append-only"), std::string::npos);
  EXPECT_TRUE(t.engine.verify().ok);
}

TEST_P(EngineAudit, AnEditedPayloadIsNamed) {
  as_intruder("UPDATE events SET payload = replace(payload, '已电话联系', '未联系') WHERE case_id = " +
              case_id(second) + " AND sequence = 4");
  const VerifyReport report = t.engine.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.case_number, second);
  EXPECT_EQ(report.sequence, 4);
  EXPECT_NE(report.message.find("altered"), std::string::npos) << report.message;
}

TEST_P(EngineAudit, EveryColumnOfAnEventIsCovered) {
  for (const char* edit : {"type = 'accepted'", "at = at + 1", "actor = replace(actor, 'reg-1', 'reg-2')",
                           "command = 'note'", "policy_name = 'x'", "policy_version = 'x'", "hash = previous_hash",
                           // The id packs the sequence (schema), so a renumbering intruder moves both.
                           "sequence = 7, id = id + 6"}) {
    TempDir scratch;
    const std::string copy = scratch.file("copy.db");
    raw_sql(db, "VACUUM INTO '" + copy + "'");
    raw_sql(copy, std::string("DROP TRIGGER events_are_append_only_update; UPDATE events SET ") + edit +
                      " WHERE case_id = " + case_id(first) + " AND sequence = 1");
    TestEngine reopened(copy, t.clock->now());
    const VerifyReport report = reopened.engine.verify();
    EXPECT_FALSE(report.ok) << edit;
    EXPECT_EQ(report.case_number, first) << edit;
  }
}

TEST_P(EngineAudit, ARemovedLastEventIsFound) {
  ASSERT_EQ(last_sequence(second), "4");
  as_intruder("DELETE FROM events WHERE case_id = " + case_id(second) + " AND sequence = 4");
  const VerifyReport report = t.engine.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.case_number, second);
  EXPECT_NE(report.message.find("removed"), std::string::npos) << report.message;
}

TEST_P(EngineAudit, ARemovedMiddleEventIsFound) {
  as_intruder("DELETE FROM events WHERE case_id = " + case_id(second) + " AND sequence = 2");
  const VerifyReport report = t.engine.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.sequence, 2);
  EXPECT_NE(report.message.find("missing"), std::string::npos) << report.message;
}

TEST_P(EngineAudit, ARemovedCaseIsFound) {
  as_intruder("DELETE FROM events WHERE case_id = " + case_id(first) +
              "; DELETE FROM case_identities WHERE case_id = " + case_id(first) +
              "; DELETE FROM cases WHERE number = '" + first + "'");
  const VerifyReport report = t.engine.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.message.find("missing"), std::string::npos) << report.message;
}

TEST_P(EngineAudit, ACaseRowRemovedWithoutItsLogIsFound) {
  // The case row alone: its events and identity rows stay behind, naming no case.
  as_intruder("DELETE FROM cases WHERE number = '" + first + "'");
  const VerifyReport report = t.engine.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.message.find("1 events and 2 identity index rows name no case"), std::string::npos)
      << report.message;
}

TEST_P(EngineAudit, AnEditedQueryRowIsFound) {
  raw_sql(db, "UPDATE cases SET status = 12 WHERE number = '" + first + "'");
  const VerifyReport report = t.engine.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.case_number, first);
  EXPECT_NE(report.message.find("status"), std::string::npos) << report.message;
}

TEST_P(EngineAudit, AnEditedDirectoryIsFound) {
  raw_sql(db, "UPDATE staff SET roles = '[\"org_leader\"]' WHERE id = 'h-sa-1'");
  const VerifyReport report = t.engine.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.message.find("h-sa-1"), std::string::npos) << report.message;
}

TEST_P(EngineAudit, AnEditedAdministrativeLogIsFound) {
  as_intruder("UPDATE admin_log SET actor = 'someone-else' WHERE sequence = 2");
  const VerifyReport report = t.engine.verify();
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.message.find("administrative change 2"), std::string::npos) << report.message;
}

INSTANTIATE_TEST_SUITE_P(Hashes, EngineAudit, ::testing::Values(HashAlgorithm::sha256, HashAlgorithm::sm3),
                         [](const auto& info) { return std::string(hash_algorithm_name(info.param)); });

}  // namespace
}  // namespace xinfang::testing
