// Intake: what the registered event records (number, hashes, policy), repeat petitions within
// the policy's window, matters concluded after re-review (Art. 36 ¶3), matters already in hand
// below (Art. 19 ¶3), group visits (Art. 20 ¶3) and the Art. 31 routes.
#include <cstdio>

#include "lifecycle_test_util.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang::testing {
namespace {

namespace bpt = boost::posix_time;

PriorCase prior(const std::string& number, const std::string& organisation, const std::string& category,
                CaseStatus status, Instant registered_at) {
  return PriorCase{number, organisation, category, status, registered_at};
}

TEST(LifecycleIntake, RegisteredRecordsThePetitionNumberHashesAndPolicy) {
  TestCase c;
  c.intake(claim_letter_args(), local("2025-03-03 09:00"));
  ASSERT_EQ(c.events().size(), 1u);
  const Event& e = c.events()[0];
  EXPECT_EQ(e.type, "registered");
  EXPECT_EQ(e.at, local("2025-03-03 09:00"));
  EXPECT_EQ(e.actor.id, "reg-1");
  EXPECT_EQ(e.payload["number"], c.number);
  EXPECT_EQ(e.payload["query_code_hash"], salted_hash(kSalt, "query", kQueryCode));
  // The identity number is upper-cased and the phone reduced to digits before hashing.
  EXPECT_EQ(e.payload["identity_hashes"],
            Json::array({salted_hash(kSalt, "id", "11010119800101123X"), salted_hash(kSalt, "phone", "13800138000")}));
  EXPECT_EQ(e.payload["policy"], Json({{"name", "cn-national-2022"}, {"version", "2022.1"}}));
  EXPECT_EQ(e.payload["policy_version"], "2022.1");
  EXPECT_EQ(e.payload["received_at"], "2025-03-03T00:30:00Z");

  const CaseState& s = c.state();
  EXPECT_EQ(s.status, CaseStatus::registered);
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.number, c.number);
  EXPECT_EQ(s.organisation, "city");
  EXPECT_EQ(s.channel, "letter");
  EXPECT_EQ(s.type, PetitionType::claim);
  EXPECT_EQ(s.sub_route, "petition_handling");
  EXPECT_EQ(s.category, "social_assistance");
  ASSERT_EQ(s.petitioners.size(), 1u);
  EXPECT_EQ(s.petitioners[0].name, "李某");
  ASSERT_EQ(s.attachments.size(), 1u);
  EXPECT_EQ(s.attachments[0].size, 20480);
  EXPECT_EQ(s.registered_at, local("2025-03-03 09:00"));
  EXPECT_EQ(s.received_at, local("2025-03-03 08:30"));
  EXPECT_FALSE(s.confidential);
  EXPECT_FALSE(s.repeat);
  EXPECT_EQ(s.policy_name, "cn-national-2022");
  EXPECT_EQ(s.policy_version, "2022.1");
}

TEST(LifecycleIntake, AnAccusationIsConfidentialFromItsFirstEvent) {
  Json args = claim_letter_args();
  args["type"] = "accusation";
  args.erase("sub_route");
  TestCase c;
  c.intake(args, local("2025-03-03 09:00"));
  EXPECT_TRUE(c.state().confidential);
  EXPECT_EQ(c.events()[0].payload["confidential"], true);
}

TEST(LifecycleIntake, ARepeatWithinTheWindowIsFlaggedAndLinked) {
  // 180 calendar days: a case registered 2024-09-05 is within the window on 2025-03-03 (179
  // days later); one of 2024-09-01 is not (183 days).
  const Instant now = local("2025-03-03 09:00");
  TestCase c;
  c.intake(claim_letter_args(), now, std::nullopt,
           {prior("MZJ-2024-000100", "city", "social_assistance", CaseStatus::replied, local("2024-09-05 10:00")),
            prior("MZJ-2024-000050", "city", "social_assistance", CaseStatus::archived, local("2024-09-01 10:00")),
            prior("MZJ-2025-000007", "city", "pensions", CaseStatus::in_handling, local("2025-02-01 10:00"))});
  ASSERT_EQ(c.events().size(), 2u);
  EXPECT_EQ(c.events()[1].type, "repeat_flagged");
  EXPECT_TRUE(c.state().repeat);
  EXPECT_EQ(c.state().repeat_of, std::vector<std::string>{"MZJ-2024-000100"});
}

TEST(LifecycleIntake, AThousandRepeatsAreListedNewestFirstAndNoMore) {
  // An identity with more earlier cases in the window than an event may list (a placeholder
  // phone shared by many petitions): the intake is still registered and flagged, with the
  // newest 1,000 of them (prior cases come oldest first).
  std::vector<PriorCase> prior_cases;
  for (int i = 1; i <= 1500; ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "MZJ-2025-%06d", i);
    prior_cases.push_back(prior(number, "city", "social_assistance", CaseStatus::replied, local("2025-02-01 10:00")));
  }
  TestCase c;
  c.intake(claim_letter_args(), local("2025-03-03 09:00"), std::nullopt, prior_cases);
  ASSERT_EQ(c.events().size(), 2u);
  ASSERT_EQ(c.state().repeat_of.size(), 1000u);
  EXPECT_EQ(c.state().repeat_of.front(), "MZJ-2025-000501");
  EXPECT_EQ(c.state().repeat_of.back(), "MZJ-2025-001500");
}

TEST(LifecycleIntake, TheRepeatWindowEndsAtTheEndOfItsLastDay) {
  // Registered 2024-09-04 10:00 local: the 180th day after is 2025-03-03, so the window ends
  // 2025-03-03 24:00 local.
  const std::vector<PriorCase> prior_cases = {
      prior("MZJ-2024-000100", "city", "social_assistance", CaseStatus::replied, local("2024-09-04 10:00"))};
  TestCase inside;
  inside.intake(claim_letter_args(), local("2025-03-03 23:59"), std::nullopt, prior_cases);
  EXPECT_TRUE(inside.state().repeat);
  TestCase outside;
  outside.intake(claim_letter_args("2025-03-03T20:00:00+08:00"), local("2025-03-04 00:00"), std::nullopt, prior_cases);
  EXPECT_FALSE(outside.state().repeat);
}

TEST(LifecycleIntake, ANewMatterIsNotARepeat) {
  Json args = claim_letter_args();
  args["new_matter"] = true;
  TestCase c;
  c.intake(args, local("2025-03-03 09:00"), std::nullopt,
           {prior("MZJ-2025-000001", "city", "social_assistance", CaseStatus::replied, local("2025-02-01 10:00"))});
  EXPECT_FALSE(c.state().repeat);
  EXPECT_EQ(c.events().size(), 1u);
}

TEST(LifecycleIntake, AMatterConcludedAfterReReviewIsNotRegisteredAgain) {
  const TestCase empty;
  const std::vector<PriorCase> concluded = {
      prior("MZJ-2023-000009", "city", "social_assistance", CaseStatus::concluded, local("2023-05-01 10:00"))};
  const auto refused = [&] {
    empty.decide("intake", claim_letter_args(), registrar(), local("2025-03-03 09:00"), concluded);
  };
  EXPECT_EQ(code_of(refused), ErrorCode::invalid_state);
  EXPECT_TRUE(contains(message_of(refused), "MZJ-2023-000009")) << message_of(refused);
  EXPECT_TRUE(contains(message_of(refused), "信访工作条例 第三十六条第三款")) << message_of(refused);
  // Another category is another matter; new facts and reasons are registered as a new matter.
  Json other = claim_letter_args();
  other["category"] = "pensions";
  EXPECT_NO_THROW(empty.decide("intake", other, registrar(), local("2025-03-03 09:00"), concluded));
  Json renewed = claim_letter_args();
  renewed["new_matter"] = true;
  EXPECT_NO_THROW(empty.decide("intake", renewed, registrar(), local("2025-03-03 09:00"), concluded));
}

TEST(LifecycleIntake, AMatterOpenBelowIsRegisteredButNotAcceptedAbove) {
  TestCase c;
  c.intake(
      claim_letter_args(), local("2025-03-03 09:00"), std::nullopt,
      {prior("QMZJ-2025-000031", "district", "social_assistance", CaseStatus::in_handling, local("2025-02-20 10:00"))});
  EXPECT_EQ(c.state().handled_below, "QMZJ-2025-000031");
  const Instant at = local("2025-03-04 10:00");
  EXPECT_EQ(c.attempt("accept", Json::object(), dispatcher(), at), ErrorCode::invalid_state);
  const std::string message = c.refusal("accept", Json::object(), dispatcher(), at);
  EXPECT_TRUE(contains(message, "QMZJ-2025-000031")) << message;
  EXPECT_TRUE(contains(message, "信访工作条例 第十九条第三款")) << message;
  c.run("not_accept", {{"reason", "handled_below"}}, dispatcher(), at);
  EXPECT_EQ(c.state().status, CaseStatus::not_accepted);
  EXPECT_EQ(c.events().back().payload["article"], "信访工作条例 第十九条第三款");
}

TEST(LifecycleIntake, OnlyAnOpenCaseBelowBlocksAcceptance) {
  const Instant at = local("2025-03-03 09:00");
  for (const PriorCase& p :
       {prior("SMZT-2025-000001", "province", "social_assistance", CaseStatus::in_handling, local("2025-02-20 10:00")),
        prior("QMZJ-2025-000002", "district", "social_assistance", CaseStatus::not_accepted, local("2025-02-20 10:00")),
        prior("QMZJ-2025-000003", "district", "pensions", CaseStatus::in_handling, local("2025-02-20 10:00"))}) {
    TestCase c;
    c.intake(claim_letter_args(), at, std::nullopt, {p});
    EXPECT_EQ(c.state().handled_below, "") << p.number;
    EXPECT_EQ(c.attempt("accept", Json::object(), dispatcher(), at + bpt::hours(1)), ErrorCode::ok) << p.number;
  }
}

Json group_visit(int people, int representatives) {
  Json args = claim_letter_args();
  args["channel"] = "visit";
  args["group"] = true;
  args["petitioners"] = Json::array();
  for (int i = 0; i < people; ++i) {
    args["petitioners"].push_back({{"name", "村民" + std::to_string(i + 1)}, {"representative", i < representatives}});
  }
  return args;
}

TEST(LifecycleIntake, AGroupVisitMustChooseRepresentatives) {
  const TestCase empty;
  const auto none = [&] { empty.decide("intake", group_visit(12, 0), registrar(), local("2025-03-03 09:00")); };
  EXPECT_EQ(code_of(none), ErrorCode::invalid_data);
  EXPECT_TRUE(contains(message_of(none), "信访工作条例 第二十条第三款")) << message_of(none);
  // A group letter needs no representatives; neither does one person visiting.
  Json letter = group_visit(12, 0);
  letter["channel"] = "letter";
  EXPECT_NO_THROW(empty.decide("intake", letter, registrar(), local("2025-03-03 09:00")));
  Json visitor = claim_letter_args();
  visitor["channel"] = "visit";
  EXPECT_NO_THROW(empty.decide("intake", visitor, registrar(), local("2025-03-03 09:00")));
}

TEST(LifecycleIntake, ALeaderReceptionDayIsAVisitToo) {
  Json args = group_visit(20, 6);
  args["channel"] = "leader_reception";
  const TestCase empty;
  EXPECT_EQ(empty.attempt("intake", args, registrar(), local("2025-03-03 09:00")), ErrorCode::invalid_data);
}

TEST(LifecycleIntake, AClaimOnARouteOfItsOwnIsNotAccepted) {
  Json args = claim_letter_args();
  args["sub_route"] = "litigation";
  TestCase c;
  c.intake(args, local("2025-03-03 09:00"));
  const Instant at = local("2025-03-04 10:00");
  EXPECT_EQ(c.attempt("accept", Json::object(), dispatcher(), at), ErrorCode::invalid_state);
  EXPECT_TRUE(contains(c.refusal("accept", Json::object(), dispatcher(), at), "信访工作条例 第三十一条第（一）项"));
  c.run("not_accept", {{"reason", "litigation"}}, dispatcher(), at);
  EXPECT_EQ(c.state().not_accepted_reason, "litigation");
}

TEST(LifecycleIntake, AnOrganisationOutsideThePolicyCannotRegister) {
  const TestCase empty;
  Actor stranger = registrar();
  stranger.organisation = "elsewhere";
  EXPECT_EQ(empty.attempt("intake", claim_letter_args(), stranger, local("2025-03-03 09:00")), ErrorCode::not_found);
}

TEST(LifecycleIntake, ACaseIsRegisteredOnce) {
  TestCase c;
  c.intake(claim_letter_args(), local("2025-03-03 09:00"));
  EXPECT_EQ(c.attempt("intake", claim_letter_args(), registrar(), local("2025-03-03 10:00")), ErrorCode::invalid_state);
}

}  // namespace
}  // namespace xinfang::testing
