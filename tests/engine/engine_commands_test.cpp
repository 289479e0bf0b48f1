// The engine runs the lifecycle on a database: numbering, idempotency, batches, routing from the
// directory, merges, repeats, and every refusal leaves the file as it was.
#include <boost/date_time/posix_time/posix_time.hpp>

#include "engine_test_util.hpp"

namespace xinfang::testing {
namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;

class EngineCommands : public ::testing::Test {
 protected:
  EngineCommands() : db(dir.file("cases.db")), t(db) { t.add_staff(); }

  // Everything a refusal must leave alone: the number of cases and events, and every sequence.
  std::string fingerprint() const {
    return raw_query(db,
                     "SELECT (SELECT count(*) FROM cases) || '/' || (SELECT count(*) FROM events) || '/' || "
                     "(SELECT coalesce(group_concat(scope || '=' || value), '') FROM sequences) || '/' || "
                     "(SELECT count(*) FROM idempotency) || '/' || (SELECT coalesce(sum(version), 0) FROM cases)");
  }

  TempDir dir;
  std::string db;
  TestEngine t;
};

TEST_F(EngineCommands, IntakeNumbersCasesGapFreeWithCheckCharacter) {
  const CommandResult first = t.intake_letter();
  const CommandResult second = t.intake_letter();
  EXPECT_EQ(first.number.substr(0, 15), "MZJ-2025-000001");
  EXPECT_EQ(second.number.substr(0, 15), "MZJ-2025-000002");
  EXPECT_EQ(first.number.size(), 16u);  // the check character
  EXPECT_EQ(first.status, CaseStatus::registered);
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(first.query_code.size(), 10u);
  EXPECT_NE(first.query_code, second.query_code);
  const CaseRecord record = t.engine.get(first.number);
  EXPECT_EQ(record.state.number, first.number);
  EXPECT_EQ(record.state.subject, "最低生活保障金停发");
  ASSERT_EQ(record.events.size(), 1u);
  EXPECT_EQ(record.events[0].event.type, "registered");
  EXPECT_EQ(record.events[0].policy_name, "cn-national-2022");
  EXPECT_EQ(record.events[0].previous_hash, "");
  EXPECT_EQ(record.events[0].hash.size(), 64u);
}

TEST_F(EngineCommands, ARefusedIntakeUsesNoNumber) {
  t.intake_letter();
  Json bad = letter_at(t.clock->now());
  bad["category"] = "no-such-category";
  EXPECT_EQ(code_of([&] { t.engine.intake_json(kRegistrar, bad); }), ErrorCode::not_found);
  const CommandResult next = t.intake_letter();
  EXPECT_EQ(next.number.substr(0, 15), "MZJ-2025-000002");
}

TEST_F(EngineCommands, SequencesStartAgainEachYear) {
  t.intake_letter();
  t.clock->set(local("2026-01-05 09:00"));
  EXPECT_EQ(t.intake_letter().number.substr(0, 15), "MZJ-2026-000001");
}

TEST_F(EngineCommands, IdempotencyKeyReturnsTheSameCase) {
  const CommandResult first = t.intake_letter("portal-req-77");
  const std::string before = fingerprint();
  const CommandResult again = t.engine.intake_json(kRegistrar, letter_at(local("2025-03-03 09:00")), "portal-req-77");
  EXPECT_TRUE(again.replayed);
  EXPECT_FALSE(first.replayed);
  EXPECT_EQ(again.number, first.number);
  EXPECT_EQ(again.query_code, first.query_code);
  EXPECT_TRUE(again.events.empty());
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(EngineCommands, AReplayAfterADayNoLongerHandsOutTheCode) {
  const CommandResult first = t.intake_letter("old-request");
  const Json petition = letter_at(t.clock->now());
  EXPECT_EQ(t.engine.intake_json(kRegistrar, petition, "old-request").query_code, first.query_code);
  t.clock->advance(hours(25));
  t.intake_letter("another-request");  // a keyed intake clears codes older than a day
  const CommandResult late = t.engine.intake_json(kRegistrar, petition, "old-request");
  EXPECT_TRUE(late.replayed);
  EXPECT_EQ(late.number, first.number);
  EXPECT_EQ(late.query_code, "");
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM idempotency WHERE query_code <> ''"), "1");
}

TEST_F(EngineCommands, IdempotencyKeyWithOtherContentIsAConflict) {
  t.intake_letter("k1");
  const std::string before = fingerprint();
  Json other = letter_at(t.clock->now());
  other["subject"] = "另一件事";
  EXPECT_EQ(code_of([&] { t.engine.intake_json(kRegistrar, other, "k1"); }), ErrorCode::conflict);
  EXPECT_NE(message_of([&] { t.engine.intake_json(kRegistrar, other, "k1"); }).find("k1"), std::string::npos);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(EngineCommands, RepeatDetectionReadsTheNewest200CasesOfAnIdentity) {
  // 230 letters from one petitioner (the same identity number and phone) in one batch: each is
  // flagged as a repeat of the earlier ones, the last of at most the newest 200.
  std::vector<IntakeRequest> batch;
  for (int i = 0; i < 230; ++i) batch.push_back({letter_at(t.clock->now()), ""});
  const std::vector<CommandResult> results = t.engine.intake_batch(kRegistrar, batch);
  ASSERT_EQ(results.size(), 230u);
  const CaseRecord last = t.engine.get(results.back().number);
  EXPECT_TRUE(last.state.repeat);
  ASSERT_EQ(last.state.repeat_of.size(), 200u);
  EXPECT_EQ(last.state.repeat_of.front(), results[29].number);
  EXPECT_EQ(last.state.repeat_of.back(), results[228].number);
  EXPECT_TRUE(t.engine.verify().ok);
}

TEST_F(EngineCommands, BatchIsAllOrNothing) {
  std::vector<IntakeRequest> batch;
  for (int i = 0; i < 5; ++i) batch.push_back({letter_at(t.clock->now()), "batch-" + std::to_string(i)});
  const std::vector<CommandResult> results = t.engine.intake_batch(kRegistrar, batch);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[4].number.substr(0, 15), "MZJ-2025-000005");
  // A batch hands back numbers and codes, not event trees; the log has the events.
  EXPECT_FALSE(results[4].query_code.empty());
  EXPECT_EQ(results[0].version, 1);  // the later ones repeat it: registered, repeat_flagged
  EXPECT_TRUE(results[4].events.empty());
  EXPECT_EQ(t.engine.get(results[4].number).events.front().event.type, "registered");
  const std::string before = fingerprint();
  std::vector<IntakeRequest> broken = {{letter_at(t.clock->now()), ""}, {Json{{"channel", "letter"}}, ""}};
  const std::string message = message_of([&] { t.engine.intake_batch(kRegistrar, broken); });
  EXPECT_EQ(message.rfind("petition 1:", 0), 0u) << message;
  EXPECT_EQ(fingerprint(), before);
  // Replaying the whole first batch makes nothing new.
  const std::vector<CommandResult> replayed = t.engine.intake_batch(kRegistrar, batch);
  EXPECT_TRUE(replayed[2].replayed);
  EXPECT_EQ(replayed[2].number, results[2].number);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(EngineCommands, ACaseThroughItsLife) {
  const std::string n = t.intake_letter().number;
  t.clock->advance(hours(1));
  EXPECT_EQ(t.engine.accept(n, kDispatcher).status, CaseStatus::accepted);
  t.clock->advance(hours(1));
  const CommandResult routed = t.engine.route(n, kDispatcher);
  EXPECT_EQ(routed.status, CaseStatus::in_handling);
  const CaseState routed_state = t.engine.get(n).state;
  EXPECT_EQ(routed_state.unit, "social_assistance");
  EXPECT_TRUE(routed_state.handler == kHandlerA || routed_state.handler == kHandlerB);
  EXPECT_EQ(routed.events[0].payload["manual"], false);
  t.clock->advance(hours(24 * 5));
  EXPECT_EQ(t.engine.reply(n, routed_state.handler, Outcome::supported, "已恢复发放。").status, CaseStatus::replied);
  t.clock->advance(hours(24));
  EXPECT_EQ(t.engine.rate(n, kPortal, "satisfied").status, CaseStatus::rated);
  t.clock->advance(hours(24 * 40));
  const CommandResult archived = t.engine.archive(n, kRegistrar);
  EXPECT_EQ(archived.status, CaseStatus::archived);
  EXPECT_EQ(archived.version, 6);
  EXPECT_TRUE(t.engine.verify().ok);
}

// The text the C ABI hands out is spliced from the texts written for the chain: it must be the
// document's own text, byte for byte, for every kind of result.
TEST_F(EngineCommands, AResultsTextIsItsDocumentAndTheLogsTexts) {
  std::vector<CommandResult> results;
  results.push_back(t.intake_letter("portal-req-1"));
  const std::string n = results.back().number;
  results.push_back(t.engine.intake_json(kRegistrar, letter_at(local("2025-03-03 09:00")), "portal-req-1"));
  EXPECT_TRUE(results.back().replayed);
  t.clock->advance(hours(1));
  results.push_back(t.engine.accept(n, kDispatcher));
  t.clock->advance(hours(1));
  results.push_back(t.engine.route(n, kDispatcher));
  const std::string handler = t.engine.get(n).state.handler;
  t.clock->advance(hours(24 * 5));
  results.push_back(t.engine.reply(n, handler, Outcome::supported, "已恢复发放。\n\"引号\"\t与\\"));
  t.clock->advance(hours(24));
  results.push_back(t.engine.rate(n, kPortal, "satisfied"));
  const std::string other = t.intake_letter().number;
  results.push_back(t.engine.merge(other, kDispatcher, n));

  std::size_t events_seen = 0;
  for (const CommandResult& result : results) {
    SCOPED_TRACE(result.to_json().dump());
    ASSERT_EQ(result.logged.size(), result.events.size());
    EXPECT_EQ(result.to_json_text(), result.to_json().dump());
    const CaseRecord record = t.engine.get(result.number);
    for (std::size_t i = 0; i < result.events.size(); ++i) {
      // The logged texts are the stored event's, the ones its hash covers.
      const StoredEvent& stored = record.events.at(static_cast<std::size_t>(result.version) - result.events.size() + i);
      EXPECT_EQ(Json::parse(result.logged[i].payload), stored.event.payload);
      EXPECT_EQ(Json::parse(result.logged[i].actor)["id"], stored.event.actor.id);
      ++events_seen;
    }
  }
  EXPECT_GE(events_seen, 6u);
}

TEST_F(EngineCommands, AHandMadeResultsTextFallsBackToItsDocument) {
  CommandResult result;
  result.number = "A\"1\\中";
  result.version = 3;
  result.status = CaseStatus::replied;
  result.events.push_back({"replied", local("2025-03-03 09:00"), Actor{}, Json{{"text", "x\ny"}}});
  result.events.push_back({"t\"ype", local("2025-03-04 10:30"), Actor{}, Json::object()});
  EXPECT_EQ(result.to_json_text(), result.to_json().dump());  // no logged texts
  result.logged.push_back({"{}", "{\"spliced\":true}"});
  EXPECT_EQ(result.to_json_text(), result.to_json().dump());  // one for two events: not used
  result.logged.push_back({"{}", "{}"});
  const Json spliced = Json::parse(result.to_json_text());
  EXPECT_EQ(spliced["events"][0]["payload"], (Json{{"spliced", true}}));
  EXPECT_EQ(spliced["events"][1]["type"], "t\"ype");
  EXPECT_EQ(spliced["number"], result.number);
  EXPECT_FALSE(spliced.contains("query_code"));
  result.query_code = "ABCD";
  EXPECT_EQ(Json::parse(result.to_json_text())["query_code"], "ABCD");

  // With the right texts, byte for byte the document's, whether a string needs escaping or not.
  const std::string actor = Json{{"id", ""}, {"organisation", ""}, {"unit", ""}, {"roles", Json::array()}}.dump();
  result.events[1].type = std::string("del\x7f ctl\x01 tab\t");
  for (const std::string& number : {std::string("MZJ-2025-000001X"), std::string("市A\"1\\中")}) {
    result.number = number;
    result.logged = {{actor, result.events[0].payload.dump()}, {actor, result.events[1].payload.dump()}};
    EXPECT_EQ(result.to_json_text(), result.to_json().dump());
  }
}

TEST_F(EngineCommands, RoutingPrefersTheHandlerWithFewerOpenCases) {
  const std::string a = t.intake_letter().number;
  const std::string b = t.intake_letter().number;
  t.engine.accept(a, kDispatcher);
  t.engine.accept(b, kDispatcher);
  const std::string first = t.engine.route(a, kDispatcher).events[0].payload["handler"];
  const std::string second = t.engine.route(b, kDispatcher).events[0].payload["handler"];
  EXPECT_NE(first, second);
}

TEST_F(EngineCommands, RoutingToANamedHandlerChecksTheDirectory) {
  const std::string n = t.intake_letter().number;
  t.engine.accept(n, kDispatcher);
  const std::string before = fingerprint();
  EXPECT_EQ(code_of([&] { t.engine.route(n, kDispatcher, "social_assistance", "nobody"); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { t.engine.route(n, kDispatcher, "social_assistance", kPensionsHandler); }),
            ErrorCode::invalid_data);
  EXPECT_EQ(fingerprint(), before);
  const CommandResult routed = t.engine.route(n, kDispatcher, "social_assistance", kHandlerB);
  EXPECT_EQ(routed.events[0].payload["manual"], true);
  EXPECT_EQ(t.engine.get(n).state.handler, kHandlerB);
}

TEST_F(EngineCommands, RoutingFallsBackToOthersWhoMayReplyThenRefuses) {
  t.engine.deactivate_staff(kAdmin, kHandlerA);
  t.engine.deactivate_staff(kAdmin, kHandlerB);
  const std::string a = t.intake_letter().number;
  const std::string b = t.intake_letter().number;
  t.engine.accept(a, kDispatcher);
  t.engine.accept(b, kDispatcher);
  EXPECT_EQ(t.engine.route(a, kDispatcher).events[0].payload["handler"], kUnitLeader);
  t.engine.deactivate_staff(kAdmin, kUnitLeader);
  const std::string before = fingerprint();
  EXPECT_EQ(code_of([&] { t.engine.route(b, kDispatcher); }), ErrorCode::invalid_state);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(EngineCommands, RoutingPrefersHandlersOverLeaders) {
  for (int i = 0; i < 4; ++i) {
    const std::string n = t.intake_letter().number;
    t.engine.accept(n, kDispatcher);
    EXPECT_NE(t.engine.route(n, kDispatcher).events[0].payload["handler"], kUnitLeader);
  }
}

TEST_F(EngineCommands, StaleExpectedVersionLoses) {
  const std::string n = t.intake_letter().number;
  RunOptions seen;
  seen.expected_version = 1;
  t.engine.accept(n, kDispatcher, "", seen);
  const std::string before = fingerprint();
  EXPECT_EQ(code_of([&] { t.engine.note(n, kDispatcher, "第二位办理人", seen); }), ErrorCode::conflict);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(EngineCommands, TwoEnginesOnOneCaseCannotBothWin) {
  const std::string n = t.intake_letter().number;
  TestEngine other(db, t.clock->now());
  RunOptions seen;
  seen.expected_version = t.engine.get(n).state.version;
  EXPECT_EQ(code_of([&] { t.engine.accept(n, kDispatcher, "", seen); }), ErrorCode::ok);
  EXPECT_EQ(code_of([&] { other.engine.not_accept(n, kDispatcher, "litigation", "", seen); }), ErrorCode::conflict);
  EXPECT_EQ(t.engine.get(n).state.status, CaseStatus::accepted);
}

TEST_F(EngineCommands, RefusalsLeaveTheDatabaseUnchanged) {
  const std::string n = t.intake_letter().number;
  const std::string before = fingerprint();
  const std::string big(10 * 1024 * 1024, 'x');
  const struct {
    const char* what;
    std::function<void()> action;
    ErrorCode expected;
  } cases[] = {
      {"unknown case", [&] { t.engine.accept("MZJ-2025-999999", kDispatcher); }, ErrorCode::not_found},
      {"actor not in directory", [&] { t.engine.accept(n, "stranger"); }, ErrorCode::forbidden},
      {"actor without the role", [&] { t.engine.accept(n, kHandlerA); }, ErrorCode::forbidden},
      {"empty actor", [&] { t.engine.accept(n, ""); }, ErrorCode::invalid_argument},
      {"wrong status", [&] { t.engine.reply(n, kHandlerA, Outcome::supported, "x"); }, ErrorCode::invalid_state},
      {"unknown command",
       [&] {
         t.engine.run(n, kDispatcher, {"fly", Json::object()});
       },
       ErrorCode::invalid_data},
      {"intake through run",
       [&] {
         t.engine.run(n, kDispatcher, {"intake", Json::object()});
       },
       ErrorCode::invalid_argument},
      {"args not an object",
       [&] {
         t.engine.run(n, kDispatcher, {"accept", Json::array()});
       },
       ErrorCode::invalid_data},
      {"unknown key",
       [&] {
         t.engine.run(n, kDispatcher, {"accept", {{"nte", "typo"}}});
       },
       ErrorCode::invalid_data},
      {"wrong type",
       [&] {
         t.engine.run(n, kDispatcher, {"not_accept", {{"reason", 5}}});
       },
       ErrorCode::invalid_data},
      {"missing field",
       [&] {
         t.engine.run(n, kDispatcher, {"not_accept", Json::object()});
       },
       ErrorCode::invalid_data},
      {"10 MB note", [&] { t.engine.note(n, kDispatcher, big); }, ErrorCode::invalid_data},
      {"invalid UTF-8 note", [&] { t.engine.note(n, kDispatcher, "\xff\xfe"); }, ErrorCode::invalid_utf8},
      {"invalid UTF-8 number", [&] { t.engine.accept("MZJ\xc0", kDispatcher); }, ErrorCode::invalid_utf8},
      {"invalid UTF-8 actor", [&] { t.engine.accept(n, "a\xff"); }, ErrorCode::invalid_utf8},
      {"unknown reason", [&] { t.engine.not_accept(n, kDispatcher, "bored"); }, ErrorCode::not_found},
      {"negative expected version", [&] { t.engine.accept(n, kDispatcher, "", RunOptions{-1}); },
       ErrorCode::invalid_argument},
      {"merge into unknown", [&] { t.engine.merge(n, kDispatcher, "MZJ-2025-000404"); }, ErrorCode::not_found},
      {"intake by a handler", [&] { t.engine.intake_json(kHandlerA, letter_at(t.clock->now())); },
       ErrorCode::forbidden},
      {"intake with 10 MB content",
       [&] {
         Json args = letter_at(t.clock->now());
         args["content"] = big;
         t.engine.intake_json(kRegistrar, args);
       },
       ErrorCode::invalid_data},
      {"intake missing petitioners",
       [&] {
         Json args = letter_at(t.clock->now());
         args.erase("petitioners");
         t.engine.intake_json(kRegistrar, args);
       },
       ErrorCode::invalid_data},
      {"intake received in the future", [&] { t.engine.intake_json(kRegistrar, letter_at(t.clock->now() + hours(1))); },
       ErrorCode::invalid_data},
      {"oversized idempotency key", [&] { t.intake_letter(std::string(300, 'k')); }, ErrorCode::invalid_argument},
      {"invalid UTF-8 idempotency key", [&] { t.intake_letter("k\xff"); }, ErrorCode::invalid_utf8},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(code_of(c.action), c.expected) << c.what << ": " << message_of(c.action);
    EXPECT_FALSE(message_of(c.action).empty()) << c.what;
    EXPECT_EQ(fingerprint(), before) << c.what;
  }
}

TEST_F(EngineCommands, EveryCommandRefusesMalformedArgumentsAndChangesNothing) {
  const std::string n = t.intake_letter().number;
  const std::string before = fingerprint();
  for (const std::string& name : command_names()) {
    if (name == "intake") continue;
    for (const Json& args : {Json(42), Json("text"), Json::array(), Json{{"no_such_key", 1}}}) {
      // The dispatcher and the handler between them hold most roles; whoever acts, the case is
      // registered, so each attempt fails on its status, its roles or its arguments.
      for (const char* actor : {kDispatcher, kHandlerA, kOrgLeader}) {
        const ErrorCode code = code_of([&] { t.engine.run(n, actor, {name, args}); });
        EXPECT_NE(code, ErrorCode::ok) << name << " " << args.dump();
        EXPECT_EQ(fingerprint(), before) << name << " " << args.dump();
      }
    }
    EXPECT_EQ(code_of([&] {
                t.engine.run("MZJ-2025-424242", kDispatcher, {name, Json::object()});
              }),
              ErrorCode::not_found)
        << name;
  }
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(EngineCommands, MalformedPetitionsAreRefusedWithTheirPath) {
  const std::string before = fingerprint();
  const auto refused = [&](Json petition) { return message_of([&] { t.engine.intake_json(kRegistrar, petition); }); };
  Json wrong_type = letter_at(t.clock->now());
  wrong_type["group"] = "yes";
  EXPECT_NE(refused(wrong_type).find("/args/group"), std::string::npos) << refused(wrong_type);
  Json bad_person = letter_at(t.clock->now());
  bad_person["petitioners"][0].erase("name");
  EXPECT_NE(refused(bad_person).find("/args/petitioners/0/name"), std::string::npos) << refused(bad_person);
  Json bad_text = letter_at(t.clock->now());
  bad_text["subject"] = std::string("\xe4\xb8", 2);
  EXPECT_EQ(code_of([&] { t.engine.intake_json(kRegistrar, bad_text); }), ErrorCode::invalid_utf8);
  EXPECT_EQ(code_of([&] { t.engine.intake_json(kRegistrar, Json::array()); }), ErrorCode::invalid_data);
  EXPECT_EQ(code_of([&] { t.engine.intake_json(kRegistrar, Json()); }), ErrorCode::invalid_data);
  EXPECT_EQ(fingerprint(), before);
}

TEST_F(EngineCommands, InactiveStaffMayNotAct) {
  const std::string n = t.intake_letter().number;
  t.engine.deactivate_staff(kAdmin, kDispatcher);
  EXPECT_EQ(code_of([&] { t.engine.accept(n, kDispatcher); }), ErrorCode::forbidden);
}

TEST_F(EngineCommands, TheClockMayNotRunBackwardsOnACase) {
  const std::string n = t.intake_letter().number;
  t.clock->set(local("2025-03-03 08:00"));
  EXPECT_EQ(code_of([&] { t.engine.accept(n, kDispatcher); }), ErrorCode::invalid_argument);
}

TEST_F(EngineCommands, MergeRecordsItOnBothCases) {
  const std::string a = t.intake_letter().number;
  const std::string b = t.intake_letter().number;
  t.engine.merge(b, kDispatcher, a);
  EXPECT_EQ(t.engine.get(b).state.status, CaseStatus::merged);
  const CaseRecord target = t.engine.get(a);
  ASSERT_EQ(target.state.merged_from.size(), 1u);
  EXPECT_EQ(target.state.merged_from[0], b);
  EXPECT_EQ(target.events.back().event.type, "merge_received");
  EXPECT_TRUE(t.engine.verify().ok);
}

TEST_F(EngineCommands, RepeatPetitionsAreFoundByIdentity) {
  const std::string first = t.intake_letter().number;
  t.clock->advance(hours(24 * 10));
  const CommandResult second = t.intake_letter();
  const CaseState state = t.engine.get(second.number).state;
  EXPECT_TRUE(state.repeat);
  ASSERT_EQ(state.repeat_of.size(), 1u);
  EXPECT_EQ(state.repeat_of[0], first);
  CaseFilter repeats;
  repeats.repeat = true;
  EXPECT_EQ(t.engine.count(repeats), 1);
  // Another person is no repeat.
  Json other = letter_at(t.clock->now());
  other["petitioners"] = Json::array({{{"name", "王某"}, {"id_number", "110101199001011234"}}});
  EXPECT_FALSE(t.engine.get(t.engine.intake_json(kRegistrar, other).number).state.repeat);
}

TEST_F(EngineCommands, LookupNeedsTheQueryCode) {
  const CommandResult made = t.intake_letter();
  const Json view = t.engine.lookup(made.number, made.query_code);
  EXPECT_EQ(view["number"], made.number);
  EXPECT_FALSE(view["events"][0].contains("actor"));
  EXPECT_EQ(code_of([&] { t.engine.lookup(made.number, "WRONGCODE2"); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { t.engine.lookup("MZJ-2025-999999", made.query_code); }), ErrorCode::not_found);
  EXPECT_EQ(message_of([&] { t.engine.lookup(made.number, "WRONGCODE2"); }).find(made.query_code), std::string::npos);
}

TEST_F(EngineCommands, ListFiltersAndOrders) {
  const std::string a = t.intake_letter().number;
  t.clock->advance(minutes(5));
  Json pension = letter_at(t.clock->now());
  pension["category"] = "pensions";
  pension["subject"] = "抚恤金发放标准";
  pension["petitioners"] = Json::array({{{"name", "赵某"}}});
  const std::string b = t.engine.intake_json(kRegistrar, pension).number;
  t.engine.accept(a, kDispatcher);

  const std::vector<CaseSummary> all = t.engine.list(CaseFilter{});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].number, b);  // newest first
  CaseFilter accepted;
  accepted.statuses = {CaseStatus::accepted};
  ASSERT_EQ(t.engine.list(accepted).size(), 1u);
  EXPECT_EQ(t.engine.list(accepted)[0].number, a);
  CaseFilter text;
  text.text = "抚恤金";
  EXPECT_EQ(t.engine.count(text), 1);
  CaseFilter by_category = CaseFilter::from_json({{"category", "pensions"}, {"open", true}});
  EXPECT_EQ(t.engine.count(by_category), 1);
  CaseFilter window = CaseFilter::from_json(
      {{"received_from", "2025-03-03T09:01:00+08:00"}, {"received_to", "2025-03-04T00:00:00+08:00"}});
  EXPECT_EQ(t.engine.count(window), 1);
  CaseFilter paged;
  paged.limit = 1;
  paged.offset = 1;
  ASSERT_EQ(t.engine.list(paged).size(), 1u);
  EXPECT_EQ(t.engine.list(paged)[0].number, a);
  CaseFilter bad;
  bad.limit = 0;
  EXPECT_EQ(code_of([&] { t.engine.list(bad); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { CaseFilter::from_json({{"status", "flying"}}); }), ErrorCode::invalid_data);
  EXPECT_EQ(code_of([&] { CaseFilter::from_json({{"stauts", "registered"}}); }), ErrorCode::invalid_data);
  EXPECT_EQ(code_of([&] { CaseFilter::from_json(Json::array()); }), ErrorCode::invalid_data);
  CaseFilter bad_text;
  bad_text.text = "\xff";
  EXPECT_EQ(code_of([&] { t.engine.count(bad_text); }), ErrorCode::invalid_utf8);
}

TEST_F(EngineCommands, ViewRedactsAccusationsForOrdinaryReaders) {
  Json accusation = letter_at(t.clock->now());
  accusation["type"] = "accusation";
  accusation.erase("sub_route");
  const std::string n = t.engine.intake_json(kRegistrar, accusation).number;
  const Json dispatcher_view = t.engine.view(n, kDispatcher);
  EXPECT_FALSE(dispatcher_view["petitioners"][0].contains("name"));
  const Json full = t.engine.get(n).view();
  EXPECT_EQ(code_of([] { CaseRecord{}.view(); }), ErrorCode::invalid_argument);
  EXPECT_EQ(full["petitioners"][0]["name"], "李某");
  EXPECT_EQ(code_of([&] { t.engine.view(n, "stranger"); }), ErrorCode::forbidden);
}

}  // namespace
}  // namespace xinfang::testing
