// Whole lives of cases under cn-national-2022, with every date worked out by hand from the
// national holiday table (src/calendar/data/cn-national.json) in Asia/Shanghai time. 2025:
// 劳动节 05-01..05-05 (make-up Sunday 04-27), 端午节 05-31..06-02, 国庆节、中秋节 10-01..10-08
// (make-up Sunday 09-28 and Saturday 10-11).
#include "lifecycle_test_util.hpp"
#include "xinfang/routing.hpp"

namespace xinfang::testing {
namespace {

namespace bpt = boost::posix_time;

// A letter (申诉求决, Art. 31(6)) about social assistance, registered Monday 2025-03-03 and
// accepted the same day; routed by the policy's rules on Tuesday 03-04.
TestCase accepted_and_routed_letter() {
  TestCase c;
  c.intake(claim_letter_args("2025-03-01T10:00:00+08:00"), local("2025-03-03 09:00"));
  c.run("accept", Json::object(), dispatcher(), local("2025-03-03 14:00"));
  // The engine picks the unit by the routing rules and the handler by least open cases.
  const RoutingInput input{c.state().channel, c.state().type,    c.state().category,
                           c.state().region,  c.state().subject, c.state().content};
  const auto unit = route_unit(national_policy(), input);
  EXPECT_TRUE(unit.has_value());
  EXPECT_EQ(unit->unit, "social_assistance");
  const auto handler = choose_handler(national_policy().routing().handler_rule,
                                      {{"h-other", 7, false}, {"h-social_assistance", 2, false}}, "");
  EXPECT_EQ(handler, std::optional<std::string>("h-social_assistance"));
  c.run("route", {{"unit", unit->unit}, {"handler", *handler}, {"rule", unit->rule}}, dispatcher(),
        local("2025-03-04 10:00"));
  return c;
}

// The whole life: handled, extended, replied, rated, reviewed and re-reviewed.
TestCase letter_life() {
  TestCase c = accepted_and_routed_letter();
  // Handling: 60 statutory days from 03-03 (not counted): day 60 is Friday 2025-05-02, inside
  // 劳动节 (05-01..05-05), so the period rolls to Tuesday 2025-05-06 and ends at 24:00 local,
  // 2025-05-06T16:00:00Z.
  c.run("request_extension", {{"amount", 30}, {"reason", "需调取多年发放记录"}}, kHandler, local("2025-04-25 10:00"));
  c.run("approve_extension", {{"note", "同意延长30日"}}, org_leader(), local("2025-04-28 09:00"));
  c.run("reply", {{"outcome", "partly_supported"}, {"text", "经查，停发有误，自本月起恢复发放。"}}, kHandler,
        local("2025-05-20 10:00"));
  c.run("rate", {{"level", "basically_satisfied"}}, petitioner(), local("2025-05-22 10:00"));
  // Review: within 30 statutory days of 05-20, i.e. to Thursday 2025-06-19 24:00.
  c.run("request_review", {{"reason", "要求补发停发期间款项"}}, petitioner(), local("2025-06-10 10:00"));
  c.run("decide_review", {{"outcome", "not_supported"}, {"text", "复查意见：维持原处理意见。"}}, reviewer(),
        local("2025-07-01 10:00"));
  c.run("rate", {{"level", "dissatisfied"}}, petitioner(), local("2025-07-02 10:00"));
  // Re-review: within 30 statutory days of 07-01, i.e. to Thursday 2025-07-31 24:00.
  c.run("request_rereview", {{"reason", "不服复查意见"}}, petitioner(), local("2025-07-15 10:00"));
  c.run("decide_rereview", {{"outcome", "not_supported"}, {"text", "复核意见：维持。"}}, reviewer(),
        local("2025-08-05 10:00"));
  return c;
}

TEST(LifecycleScenario, ALetterIsHandledExtendedRepliedRatedReviewedAndReReviewedThenRefusedWhenPetitionedAgain) {
  const TestCase c = letter_life();
  const auto& events = c.events();
  // The extension was asked for before the deadline of 2025-05-06 24:00 and granted in full:
  // 60 + 30 = 90 days from 03-03 is Sunday 2025-06-01, inside 端午节 (05-31..06-02), rolled once
  // to Tuesday 2025-06-03. (Extending the rolled deadline instead would give 06-05: the rule of
  // DESIGN.md §4 does not compound roll-forwards.)
  ASSERT_EQ(events.size(), 13u);
  ASSERT_EQ(events[3].type, "extension_requested");
  EXPECT_EQ(events[3].payload["deadline"], "2025-05-06T16:00:00Z");
  ASSERT_EQ(events[4].type, "extension_approved");
  EXPECT_EQ(events[4].payload["amount"], 30);
  EXPECT_EQ(events[4].payload["deadline"], "2025-06-03T16:00:00Z");

  std::vector<std::string> types;
  for (const auto& e : events) types.push_back(e.type);
  EXPECT_EQ(types,
            (std::vector<std::string>{"registered", "accepted", "routed", "extension_requested", "extension_approved",
                                      "replied", "rated", "review_requested", "review_decided", "rated",
                                      "follow_up_required", "rereview_requested", "rereview_decided"}));
  const CaseState& s = c.state();
  EXPECT_EQ(s.status, CaseStatus::concluded);
  EXPECT_EQ(s.version, 13);
  EXPECT_TRUE(s.follow_up_pending);  // the dissatisfied rating asked for a 回访
  EXPECT_EQ(s.unit, "social_assistance");
  EXPECT_EQ(s.extension_total, 30);
  EXPECT_EQ(s.extensions_granted, 1);
  EXPECT_EQ(s.outcome, Outcome::partly_supported);
  EXPECT_EQ(s.review_outcome, Outcome::not_supported);
  EXPECT_EQ(s.rereview_outcome, Outcome::not_supported);
  EXPECT_EQ(s.rating, "dissatisfied");
  EXPECT_TRUE(s.rated_after_review);
  EXPECT_EQ(s.replied_at, local("2025-05-20 10:00"));
  EXPECT_EQ(s.concluded_at, local("2025-08-05 10:00"));
  EXPECT_FALSE(is_open(s.status));

  // Petitioned again on Monday 2025-09-01 with the same matter: the engine finds the concluded
  // case by the petitioner's identity hash, and the petition is refused (Art. 36 ¶3).
  const std::vector<PriorCase> prior = {{s.number, s.organisation, s.category, s.status, s.registered_at}};
  TestCase again;
  again.number = "MZJ-2025-000311X";
  const auto refused = [&] {
    again.decide("intake", claim_letter_args("2025-09-01T08:40:00+08:00"), registrar(), local("2025-09-01 09:00"),
                 prior);
  };
  EXPECT_EQ(code_of(refused), ErrorCode::invalid_state);
  EXPECT_EQ(message_of(refused),
            "command intake: the same matter was concluded after re-review in case MZJ-2025-000001X and is not "
            "accepted again (信访工作条例 第三十六条第三款); intake it with new_matter for new facts and reasons");
}

TEST(LifecycleScenario, TheConcludedLetterRefusesEveryCommandButArchiveAndTheOwedFollowUp) {
  const TestCase c = letter_life();
  const Instant at = local("2025-08-06 10:00");
  for (const auto& command : command_names()) {
    const Probe p = probe(command, c.state(), at);
    const ErrorCode code = c.attempt(command, p.args, p.actor, p.at);
    const bool allowed = command == "archive" || command == "follow_up";
    EXPECT_EQ(code, allowed ? ErrorCode::ok : ErrorCode::invalid_state) << command;
  }
}

Json care_station_visit(int people, int representatives) {
  Json args = claim_letter_args("2025-06-09T09:10:00+08:00");
  args["channel"] = "visit";
  args["group"] = true;
  args["subject"] = "村集体养老服务站拆除后老人无处就餐";
  args["category"] = "elderly_care";
  args["petitioners"] = Json::array();
  for (int i = 0; i < people; ++i) {
    args["petitioners"].push_back({{"name", "村民" + std::to_string(i + 1)},
                                   {"phone", "1390000" + std::to_string(1000 + i)},
                                   {"representative", i < representatives}});
  }
  return args;
}

TEST(LifecycleScenario, AGroupVisitWithSixRepresentativesIsRefusedAndWithFiveAccepted) {
  // Forty villagers come to the bureau on Monday 2025-06-09 (Art. 20 ¶3: at most 5 representatives).
  const Instant at = local("2025-06-09 09:30");
  const TestCase empty;
  const auto six = [&] { empty.decide("intake", care_station_visit(40, 6), registrar(), at); };
  EXPECT_EQ(code_of(six), ErrorCode::invalid_data);
  EXPECT_EQ(
      message_of(six),
      "command intake /args/petitioners: a group visit sends at most 5 representatives; 6 are named (信访工作条例 "
      "第二十条第三款)");

  TestCase five;
  five.intake(care_station_visit(40, 5), at);
  EXPECT_EQ(five.state().status, CaseStatus::registered);
  EXPECT_TRUE(five.state().group);
  EXPECT_EQ(five.state().petitioners.size(), 40u);
  EXPECT_EQ(five.state().identity_hashes.size(), 40u);
  five.run("accept", Json::object(), dispatcher(), local("2025-06-09 11:00"));
  EXPECT_EQ(five.state().status, CaseStatus::accepted);
}

// An accusation against staff of the social assistance section, handled by the general office.
// The reporter's identity must never reach that section (Art. 30 ¶3, Art. 46(5)).
TEST(LifecycleScenario, AnAccusationsPetitionerIsNeverVisibleToTheAccusedUnit) {
  const std::vector<std::string> secrets = {"王某某", "110101199003074518", "13912345678", "139-1234-5678",
                                            "某市东区某街5号"};
  Json args = claim_letter_args("2025-03-03T08:00:00+08:00");
  args["type"] = "accusation";
  args.erase("sub_route");
  args["subject"] = "检举社会救助科工作人员违规审批低保";
  args["content"] = "社会救助科某工作人员为亲属违规审批低保。";
  args["petitioners"] = Json::array({{{"name", "王某某"},
                                      {"id_number", "110101199003074518"},
                                      {"phone", "139-1234-5678"},
                                      {"address", "某市东区某街5号"}}});
  // The reporter rates through the portal, where the actor's id is their own name.
  const Actor reporter{"王某某", "", "", {"petitioner"}};
  TestCase c;
  c.intake(args, local("2025-03-03 09:00"));
  c.run("accept", Json::object(), dispatcher(), local("2025-03-03 10:00"));
  c.run("route", {{"unit", "general"}, {"handler", "h-general"}, {"manual", true}}, dispatcher(),
        local("2025-03-03 11:00"));
  c.run("note", {{"text", "已转纪检"}}, handler_in("general"), local("2025-03-05 10:00"));
  c.run("reply", {{"outcome", "supported"}, {"text", "经查属实，已处理。"}}, handler_in("general"),
        local("2025-04-01 10:00"));
  c.run("rate", {{"level", "satisfied"}}, reporter, local("2025-04-02 10:00"));

  const Policy& policy = national_policy();
  std::vector<std::optional<Actor>> readers = {
      handler_in("social_assistance"), unit_leader_in("social_assistance"),
      // Everyone in the accused section, whatever else they may do, short of the reading role.
      Actor{"all-but",
            "city",
            "social_assistance",
            {"registrar", "dispatcher", "handler", "unit_leader", "org_leader", "reviewer", "auditor"}},
      org_leader(), handler_in("general"), dispatcher(), std::nullopt};
  for (const auto& reader : readers) {
    const std::string who = reader ? reader->id : "petitioner's own view";
    const Json view = case_view(c.state(), policy, reader);
    EXPECT_EQ(view["redacted"], true) << who;
    EXPECT_FALSE(view.contains("identity_hashes")) << who;
    for (const auto& p : view["petitioners"]) EXPECT_EQ(p, Json({{"representative", false}})) << who;
    const std::string text = view.dump();
    for (const auto& secret : secrets) EXPECT_FALSE(contains(text, secret)) << who << " sees " << secret;
    for (const auto& event : c.events()) {
      const Json ev = event_view(event, c.state(), policy, reader);
      const std::string dumped = ev.dump();
      for (const auto& secret : secrets) {
        EXPECT_FALSE(contains(dumped, secret)) << who << " sees " << secret << " in " << event.type;
      }
      EXPECT_FALSE(contains(dumped, "id_number")) << who << " " << event.type;
      EXPECT_FALSE(contains(dumped, "identity_hashes")) << who << " " << event.type;
    }
  }

  // The reading role sees the reporter; the data was never changed.
  const Json full = case_view(c.state(), policy, confidential_reader());
  EXPECT_EQ(full["redacted"], false);
  EXPECT_EQ(full["petitioners"][0]["name"], "王某某");
  EXPECT_EQ(full["petitioners"][0]["id_number"], "110101199003074518");
  EXPECT_EQ(event_view(c.events()[0], c.state(), policy, confidential_reader())["payload"]["petitioners"][0]["phone"],
            "139-1234-5678");
  EXPECT_EQ(event_view(c.events().back(), c.state(), policy, confidential_reader())["actor"]["id"], "王某某");
  EXPECT_EQ(c.state().petitioners[0].name, "王某某");
  EXPECT_EQ(fold(c.events()).petitioners[0].address, "某市东区某街5号");
}

// Assigned on Friday 2025-09-26 to the district's social assistance section, which finds the
// matter is elderly care. Working days after 09-26: Sunday 09-28 (make-up) 1, 09-29 2, 09-30 3,
// then the holiday 10-01..10-08, Thursday 10-09 4, Friday 10-10 5, Saturday 10-11 (make-up) 6.
// The objection window (5 working days, Art. 23 ¶3) ends Friday 2025-10-10 24:00. Counted in
// calendar days it would have ended 10-01; in weekdays without the holiday table, 10-03.
TEST(LifecycleScenario, AWrongAssignmentIsObjectedToOnTheFifthWorkingDayAndRefusedOnTheSixth) {
  Json args = claim_letter_args("2025-09-24T09:00:00+08:00");
  args["subject"] = "敬老院床位申请无人受理";
  TestCase c;
  c.intake(args, local("2025-09-24 10:00"));
  c.run("accept", Json::object(), dispatcher(), local("2025-09-25 10:00"));
  c.run("assign", {{"unit", "district_social_assistance"}}, dispatcher(), local("2025-09-26 10:00"));
  const Actor district = handler_in("district_social_assistance", "district");
  const Json objection = {{"reason", "属养老服务事项，非社会救助"}};

  TestCase sixth = c;
  EXPECT_EQ(sixth.attempt("object", objection, district, local("2025-10-11 09:00")), ErrorCode::out_of_window);
  EXPECT_EQ(
      sixth.refusal("object", objection, district, local("2025-10-11 09:00")),
      "command object: the objection period (5 working_days from 2025-09-26, 信访工作条例 第二十三条第三款) ended "
      "2025-10-10 24:00 (Asia/Shanghai)");
  EXPECT_EQ(sixth.state().status, CaseStatus::assigned);

  c.run("object", objection, district, local("2025-10-10 16:00"));
  EXPECT_EQ(c.state().status, CaseStatus::accepted);
  EXPECT_EQ(c.state().unit, "");
  EXPECT_EQ(c.state().handler, "");
  EXPECT_EQ(c.events().back().payload["window_end"], "2025-10-10T16:00:00Z");
  // The petition office sends it where it belongs.
  c.run("assign", {{"unit", "district_elderly"}}, dispatcher(), local("2025-10-11 09:30"));
  EXPECT_EQ(c.state().unit, "district_elderly");
}

// Handling deadline 2025-05-06 24:00 (see letter_life): asked for at 23:30 that day, an
// extension is in time; at 00:00 on 05-07 it is refused, and so is a decision on a request
// that was still pending when the deadline passed.
TEST(LifecycleScenario, AnExtensionIsRefusedAfterTheHandlingDeadline) {
  const TestCase c = accepted_and_routed_letter();
  const Json request = {{"amount", 30}, {"reason", "情况复杂"}};
  // Saturday 2025-05-03, a holiday, is still before the deadline.
  EXPECT_EQ(c.attempt("request_extension", request, kHandler, local("2025-05-03 10:00")), ErrorCode::ok);
  EXPECT_EQ(c.attempt("request_extension", request, kHandler, local("2025-05-06 23:30")), ErrorCode::ok);
  EXPECT_EQ(c.attempt("request_extension", request, kHandler, local("2025-05-07 00:00")), ErrorCode::out_of_window);
  EXPECT_EQ(c.refusal("request_extension", request, kHandler, local("2025-05-07 00:00")),
            "command request_extension: the handling period (60 statutory_days from 2025-03-03, 信访工作条例 "
            "第三十四条) ended 2025-05-06 24:00 (Asia/Shanghai)");

  TestCase pending = c;
  pending.run("request_extension", request, kHandler, local("2025-05-06 20:00"));
  EXPECT_EQ(pending.attempt("approve_extension", Json::object(), org_leader(), local("2025-05-07 09:00")),
            ErrorCode::out_of_window);
  EXPECT_EQ(pending.attempt("refuse_extension", {{"reason", "x"}}, org_leader(), local("2025-05-07 09:00")),
            ErrorCode::out_of_window);
  EXPECT_EQ(pending.attempt("approve_extension", Json::object(), org_leader(), local("2025-05-06 23:59")),
            ErrorCode::ok);
  // Late, the case can still be replied; the pending request lapses with the reply.
  pending.run("reply", {{"outcome", "explained"}, {"text", "x"}}, kHandler, local("2025-05-08 10:00"));
  EXPECT_EQ(pending.state().extension_requested, 0);
  EXPECT_EQ(pending.state().extension_total, 0);
}

TEST(LifecycleScenario, FoldingTheLogGivesTheStepByStepState) {
  const TestCase c = letter_life();
  EXPECT_EQ(full_view(fold(c.events())), full_view(c.state()));
  // Every prefix of the log folds to the state the case had after that many events.
  CaseState step;
  for (std::size_t i = 0; i < c.events().size(); ++i) {
    step = apply(step, c.events()[i]);
    const std::vector<Event> prefix(c.events().begin(), c.events().begin() + static_cast<long>(i) + 1);
    EXPECT_EQ(full_view(fold(prefix)), full_view(step)) << i;
    EXPECT_EQ(step.version, static_cast<std::int64_t>(i) + 1);
  }
  // apply() leaves its input alone.
  const CaseState before = c.state();
  const Json before_view = full_view(before);
  (void)apply(before, Event{"note_added", local("2025-08-06 10:00"), registrar(), {{"text", "x"}}});
  EXPECT_EQ(full_view(before), before_view);
}

TEST(LifecycleScenario, DecidingTheSameLifeTwiceGivesTheSameEvents) {
  const TestCase first = letter_life();
  const TestCase second = letter_life();
  ASSERT_EQ(first.events().size(), second.events().size());
  for (std::size_t i = 0; i < first.events().size(); ++i) {
    const Json a = event_view(first.events()[i], first.state(), national_policy(), confidential_reader());
    const Json b = event_view(second.events()[i], second.state(), national_policy(), confidential_reader());
    EXPECT_EQ(a, b) << i;
  }
}

}  // namespace
}  // namespace xinfang::testing
