// The rules of each stage beyond the status table: where a case may be sent, the objection
// window, extensions against the handling deadline (DESIGN.md §4), suspension, the windows of
// rating, review and re-review, and when a replied case may be archived.
//
// Dates (cn-national-2022, Asia/Shanghai) of build_case(): registered 2025-03-03, accepted
// 2025-03-04 10:00, routed to social_assistance 2025-03-05 10:00, replied 2025-03-10 10:00,
// review requested 2025-03-12, review decided 2025-03-20 10:00.
#include "lifecycle_test_util.hpp"

namespace xinfang::testing {
namespace {

namespace bpt = boost::posix_time;

const Json kExtension = {{"amount", 30}, {"reason", "情况复杂"}};

TEST(LifecycleRouting, ForwardingGoesToAnotherOrganisation) {
  TestCase c = build_case("registered");
  const Instant at = local("2025-03-04 10:00");
  EXPECT_EQ(c.refusal("forward", {{"organisation", "city"}}, dispatcher(), at),
            "command forward /args/organisation: is the case's own organisation; forwarding (转送) sends a petition to "
            "another");
  c.run("forward", {{"organisation", "province"}}, dispatcher(), at);
  EXPECT_EQ(c.state().status, CaseStatus::forwarded);
  EXPECT_EQ(c.state().forwarded_to, "province");
}

TEST(LifecycleRouting, AssignmentGoesToAUnitOfTheOrganisationOrBelowWithAReportBackDate) {
  TestCase c = build_case("accepted");
  const Instant at = local("2025-03-05 10:00");
  EXPECT_EQ(c.attempt("assign", {{"unit", "petition_office_province"}}, dispatcher(), at), ErrorCode::invalid_data);
  c.run("assign", {{"unit", "district_social_assistance"}}, dispatcher(), at);
  const Event& e = c.events().back();
  // The policy's report_back window, 60 statutory days from 2025-03-05: day 60 is 2025-05-04, a
  // Sunday inside the Labour Day holiday (05-01..05-05), so it rolls to Tuesday 2025-05-06.
  EXPECT_EQ(e.payload["report_back_due"], "2025-05-06T16:00:00Z");
  EXPECT_EQ(e.payload["organisation"], "district");
  EXPECT_EQ(e.payload["from_unit"], "petition_office");
  EXPECT_EQ(c.state().status, CaseStatus::assigned);
  EXPECT_EQ(c.state().unit, "district_social_assistance");
  EXPECT_EQ(c.state().assigned_by_unit, "petition_office");
  EXPECT_EQ(c.state().assigned_at, at);
}

TEST(LifecycleRouting, AnAssignmentMayNameItsOwnReportBackPeriod) {
  TestCase c = build_case("accepted");
  // 15 working days from Friday 2025-09-26: 09-28 (make-up), 09-29, 09-30, then 10-09 onward
  // after the National Day holiday (10-01..10-08): 10-09, 10-10, 10-11 (make-up), 10-13..10-17,
  // 10-20..10-23. The 15th is Thursday 2025-10-23.
  c.run("assign", {{"unit", "district_social_assistance"}, {"report_back", {{"limit", 15}, {"unit", "working_days"}}}},
        dispatcher(), local("2025-09-26 10:00"));
  EXPECT_EQ(c.events().back().payload["report_back_due"], "2025-10-23T16:00:00Z");
}

TEST(LifecycleRouting, RoutingStaysWithinTheOrganisationOrTheAssignedUnit) {
  TestCase accepted = build_case("accepted");
  const Instant at = local("2025-03-05 10:00");
  EXPECT_EQ(accepted.attempt("route", {{"unit", "district_elderly"}, {"handler", "h"}}, dispatcher(), at),
            ErrorCode::invalid_data);
  TestCase assigned = build_case("assigned");
  EXPECT_EQ(assigned.attempt("route", {{"unit", "social_assistance"}, {"handler", "h"}}, dispatcher(), at),
            ErrorCode::invalid_data);
  // Choosing a handler within the assigned unit keeps the date it was given the case.
  const Instant assigned_at = assigned.state().assigned_at;
  assigned.run("route", {{"unit", "district_social_assistance"}, {"handler", "h-d"}, {"manual", true}}, dispatcher(),
               local("2025-03-07 10:00"));
  EXPECT_EQ(assigned.state().status, CaseStatus::in_handling);
  EXPECT_EQ(assigned.state().handler, "h-d");
  EXPECT_EQ(assigned.state().assigned_at, assigned_at);
  EXPECT_EQ(assigned.events().back().payload["manual"], true);
}

TEST(LifecycleRouting, TransferRecordsFromAndToAndRestartsTheObjectionWindow) {
  TestCase c = build_case("in_handling");
  EXPECT_EQ(c.attempt("transfer", {{"unit", "social_assistance"}}, dispatcher(), local("2025-03-11 10:00")),
            ErrorCode::invalid_data);
  c.run("transfer", {{"unit", "pensions"}, {"handler", "h-pensions"}, {"reason", "属优抚事项"}},
        unit_leader_in("social_assistance"), local("2025-03-11 10:00"));
  const Event& e = c.events().back();
  EXPECT_EQ(e.payload["from_unit"], "social_assistance");
  EXPECT_EQ(e.payload["from_handler"], "h-social_assistance");
  EXPECT_EQ(e.payload["unit"], "pensions");
  EXPECT_EQ(c.state().unit, "pensions");
  EXPECT_EQ(c.state().status, CaseStatus::in_handling);
  // 5 working days from Tuesday 2025-03-11: 03-12, 03-13, 03-14, 03-17, 03-18.
  const Actor pensions = handler_in("pensions");
  EXPECT_EQ(c.attempt("object", {{"reason", "x"}}, pensions, local("2025-03-18 23:59")), ErrorCode::ok);
  EXPECT_EQ(c.attempt("object", {{"reason", "x"}}, pensions, local("2025-03-19 00:00")), ErrorCode::out_of_window);
  EXPECT_EQ(c.attempt("object", {{"reason", "x"}}, kHandler, local("2025-03-12 10:00")), ErrorCode::forbidden);
}

TEST(LifecycleRouting, AnObjectionReturnsTheCaseToThePetitionOffice) {
  TestCase c = build_case("in_handling");
  // Routed Wednesday 2025-03-05: the 5th working day after is Wednesday 2025-03-12.
  c.run("object", {{"reason", "不属本科职责"}}, kHandler, local("2025-03-12 17:00"));
  EXPECT_EQ(c.state().status, CaseStatus::accepted);
  EXPECT_EQ(c.state().unit, "");
  EXPECT_EQ(c.state().handler, "");
  EXPECT_EQ(c.events().back().payload["window_end"], "2025-03-12T16:00:00Z");
  c.run("route", {{"unit", "general"}, {"handler", "h-general"}}, dispatcher(), local("2025-03-13 09:00"));
  EXPECT_EQ(c.state().unit, "general");
}

TEST(LifecycleExtension, TheRequestIsBoundedByThePolicy) {
  TestCase c = build_case("in_handling");
  const Instant at = local("2025-04-01 10:00");
  EXPECT_EQ(c.refusal("request_extension", {{"amount", 31}, {"reason", "x"}}, kHandler, at),
            "command request_extension /args/amount: at most 30 more statutory_days may be granted (30 in all, "
            "信访工作条例 第三十四条)");
  c.run("request_extension", {{"amount", 20}, {"reason", "x"}}, kHandler, at);
  EXPECT_EQ(c.state().extension_requested, 20);
  EXPECT_EQ(c.attempt("request_extension", {{"amount", 5}, {"reason", "x"}}, kHandler, at), ErrorCode::invalid_state);
  c.run("approve_extension", Json::object(), org_leader(), at + bpt::hours(2));
  EXPECT_EQ(c.state().extension_total, 20);
  EXPECT_EQ(c.state().extensions_granted, 1);
  EXPECT_EQ(c.state().extension_requested, 0);
  // Art. 34 as the preset has it: one extension.
  EXPECT_EQ(c.attempt("request_extension", {{"amount", 5}, {"reason", "x"}}, kHandler, at + bpt::hours(3)),
            ErrorCode::invalid_state);
  EXPECT_EQ(c.attempt("approve_extension", Json::object(), org_leader(), at + bpt::hours(3)), ErrorCode::invalid_state);
  EXPECT_EQ(c.attempt("refuse_extension", {{"reason", "x"}}, org_leader(), at + bpt::hours(3)),
            ErrorCode::invalid_state);
}

TEST(LifecycleExtension, ARefusalOrAReplyEndsThePendingRequest) {
  TestCase c = build_case("in_handling");
  c.run("request_extension", kExtension, kHandler, local("2025-04-01 10:00"));
  c.run("refuse_extension", {{"reason", "可按期办结"}}, org_leader(), local("2025-04-02 10:00"));
  EXPECT_EQ(c.state().extension_requested, 0);
  EXPECT_EQ(c.state().extensions_granted, 0);
  c.run("request_extension", kExtension, kHandler, local("2025-04-03 10:00"));
  c.run("reply", {{"outcome", "supported"}, {"text", "x"}}, kHandler, local("2025-04-04 10:00"));
  EXPECT_EQ(c.state().extension_requested, 0);
}

TEST(LifecycleExtension, OnlyAClaimHasAHandlingPeriodToExtend) {
  Json args = claim_letter_args();
  args["type"] = "suggestion";
  args.erase("sub_route");
  TestCase c;
  c.intake(args, local("2025-03-03 09:00"));
  c.run("accept", Json::object(), dispatcher(), local("2025-03-04 10:00"));
  c.run("route", {{"unit", "social_assistance"}, {"handler", "h"}}, dispatcher(), local("2025-03-05 10:00"));
  const std::string message = c.refusal("request_extension", kExtension, kHandler, local("2025-03-06 10:00"));
  EXPECT_TRUE(contains(message, "no handling clock runs for a suggestion petition")) << message;
}

TEST(LifecycleExtension, AnAssignedCaseThatWasNeverAcceptedHereHasNoHandlingClock) {
  TestCase c = build_case("registered");
  c.run("assign", {{"unit", "district_social_assistance"}}, dispatcher(), local("2025-03-04 10:00"));
  c.run("route", {{"unit", "district_social_assistance"}, {"handler", "h"}}, dispatcher(), local("2025-03-05 10:00"));
  const Actor district = handler_in("district_social_assistance", "district");
  EXPECT_EQ(c.attempt("request_extension", kExtension, district, local("2025-03-06 10:00")), ErrorCode::invalid_state);
}

TEST(LifecycleExtension, SuspendedDaysMoveTheHandlingDeadline) {
  // Without a pause the deadline is 2025-05-06 24:00 (60 days from 2025-03-04 is Saturday
  // 2025-05-03, in the Labour Day holiday; rolled to Tuesday 05-06). Suspended from 04-10 to
  // 04-20: ten calendar days in (04-10, 04-20], so 70 days from 03-04: Tuesday 2025-05-13.
  TestCase c = build_case("in_handling");
  EXPECT_EQ(c.attempt("request_extension", kExtension, kHandler, local("2025-05-07 09:00")), ErrorCode::out_of_window);
  c.run("suspend", {{"reason", "等待鉴定"}}, kHandler, local("2025-04-10 10:00"));
  EXPECT_EQ(c.state().status, CaseStatus::suspended);
  EXPECT_EQ(c.attempt("request_extension", kExtension, kHandler, local("2025-04-11 10:00")), ErrorCode::invalid_state);
  c.run("resume", {{"reason", "鉴定完成"}}, kHandler, local("2025-04-20 16:00"));
  EXPECT_EQ(c.state().status, CaseStatus::in_handling);
  ASSERT_EQ(c.state().suspensions.size(), 1u);
  EXPECT_EQ(c.state().suspensions[0].to, local("2025-04-20 16:00"));
  EXPECT_EQ(c.attempt("request_extension", kExtension, kHandler, local("2025-05-13 23:59")), ErrorCode::ok);
  const std::string message = c.refusal("request_extension", kExtension, kHandler, local("2025-05-14 00:00"));
  EXPECT_EQ(message,
            "command request_extension: the handling period (60 statutory_days from 2025-03-04, 信访工作条例 "
            "第三十四条) ended 2025-05-13 24:00 (Asia/Shanghai)");
}

TEST(LifecycleSuspension, AReReviewHearingSuspendsItOneLevelUp) {
  TestCase c = build_case("rereview_requested");
  const Actor province_handler{"rev-h", "province", "petition_office_province", {"handler"}};
  EXPECT_EQ(c.attempt("suspend", {{"reason", "听证"}}, kHandler, local("2025-03-23 10:00")), ErrorCode::forbidden);
  c.run("suspend", {{"reason", "听证"}}, province_handler, local("2025-03-23 10:00"));
  EXPECT_EQ(c.state().status, CaseStatus::suspended);
  EXPECT_EQ(
      c.attempt("decide_rereview", {{"outcome", "explained"}, {"text", "x"}}, reviewer(), local("2025-03-24 10:00")),
      ErrorCode::invalid_state);
  c.run("resume", Json::object(), province_handler, local("2025-03-26 10:00"));
  EXPECT_EQ(c.state().status, CaseStatus::rereview_requested);
  c.run("decide_rereview", {{"outcome", "explained"}, {"text", "x"}}, reviewer(), local("2025-03-27 10:00"));
  EXPECT_EQ(c.state().status, CaseStatus::concluded);
}

TEST(LifecycleRating, OneRatingPerReplyWithinItsWindow) {
  // Replied 2025-03-10 10:00; the rating window is 30 calendar days: to 2025-04-09 24:00.
  TestCase c = build_case("replied");
  EXPECT_EQ(c.attempt("rate", {{"level", "satisfied"}}, petitioner(), local("2025-04-10 00:00")),
            ErrorCode::out_of_window);
  c.run("rate", {{"level", "dissatisfied"}}, petitioner(), local("2025-04-09 23:59"));
  EXPECT_EQ(c.state().rating, "dissatisfied");
  EXPECT_FALSE(c.state().rated_after_review);
  EXPECT_EQ(c.events().back().payload["for"], "reply");
  EXPECT_EQ(c.attempt("rate", {{"level", "satisfied"}}, petitioner(), local("2025-04-09 23:59")),
            ErrorCode::invalid_state);
}

TEST(LifecycleRating, ARatingAfterTheReviewCountsForTheReview) {
  TestCase c = build_case("reviewed");
  // Reviewed 2025-03-20 10:00: the rating window runs to 2025-04-19 24:00.
  EXPECT_EQ(c.attempt("rate", {{"level", "satisfied"}}, petitioner(), local("2025-04-20 00:00")),
            ErrorCode::out_of_window);
  c.run("rate", {{"level", "basically_satisfied"}, {"comment", "可以"}}, petitioner(), local("2025-04-19 12:00"));
  EXPECT_TRUE(c.state().rated_after_review);
  EXPECT_EQ(c.events().back().payload["for"], "review");
  EXPECT_EQ(c.attempt("rate", {{"level", "satisfied"}}, petitioner(), local("2025-04-19 13:00")),
            ErrorCode::invalid_state);
  EXPECT_EQ(c.attempt("request_review", Json::object(), petitioner(), local("2025-04-19 13:00")),
            ErrorCode::invalid_state);
  EXPECT_EQ(c.attempt("request_rereview", Json::object(), petitioner(), local("2025-04-19 13:00")), ErrorCode::ok);
}

TEST(LifecycleReview, ReviewIsRequestedWithinThirtyDaysOfTheReply) {
  // 30 statutory days from 2025-03-10: Wednesday 2025-04-09, a working day.
  const TestCase c = build_case("rated_reply");
  EXPECT_EQ(c.attempt("request_review", Json::object(), petitioner(), local("2025-04-09 23:59")), ErrorCode::ok);
  EXPECT_EQ(c.attempt("request_review", Json::object(), petitioner(), local("2025-04-10 00:00")),
            ErrorCode::out_of_window);
  EXPECT_EQ(c.attempt("request_rereview", Json::object(), petitioner(), local("2025-03-12 00:00")),
            ErrorCode::invalid_state);
}

TEST(LifecycleReview, ReReviewIsRequestedWithinThirtyDaysOfTheReviewRolledToAWorkingDay) {
  // 30 days from 2025-03-20 is Saturday 2025-04-19: the period ends Monday 2025-04-21 24:00.
  const TestCase c = build_case("reviewed");
  EXPECT_EQ(c.attempt("request_rereview", Json::object(), petitioner(), local("2025-04-21 23:59")), ErrorCode::ok);
  EXPECT_EQ(c.attempt("request_rereview", Json::object(), petitioner(), local("2025-04-22 00:00")),
            ErrorCode::out_of_window);
}

TEST(LifecycleArchive, AReplyIsArchivedOnlyWhenReviewCanNoLongerBeRequested) {
  const TestCase replied = build_case("replied");
  EXPECT_EQ(replied.attempt("archive", Json::object(), dispatcher(), local("2025-04-09 12:00")),
            ErrorCode::out_of_window);
  EXPECT_EQ(
      replied.refusal("archive", Json::object(), dispatcher(), local("2025-04-09 12:00")),
      "command archive: the petitioner may still request review until 2025-04-09 24:00 (Asia/Shanghai) (信访工作条例 "
      "第三十五条)");
  EXPECT_EQ(replied.attempt("archive", Json::object(), dispatcher(), local("2025-04-10 00:00")), ErrorCode::ok);
  const TestCase reviewed = build_case("reviewed");
  EXPECT_EQ(reviewed.attempt("archive", Json::object(), dispatcher(), local("2025-04-21 12:00")),
            ErrorCode::out_of_window);
  EXPECT_EQ(reviewed.attempt("archive", Json::object(), dispatcher(), local("2025-04-22 00:00")), ErrorCode::ok);
  const TestCase concluded = build_case("concluded");
  EXPECT_EQ(concluded.attempt("archive", Json::object(), dispatcher(), local("2025-03-28 11:00")), ErrorCode::ok);
}

TEST(LifecycleOther, MergeWithdrawOwnershipAndKeyCases) {
  TestCase c = build_case("in_handling");
  const Instant at = local("2025-03-06 10:00");
  EXPECT_EQ(c.attempt("merge", {{"into", c.number}}, dispatcher(), at), ErrorCode::invalid_data);
  c.run("take_ownership", {{"leader", "ol-city"}}, org_leader(), at);
  c.run("mark_key", Json::object(), unit_leader_in("social_assistance"), at);
  c.run("note", {{"text", "电话回访"}}, kHandler, at);
  EXPECT_EQ(c.state().owner_leader, "ol-city");
  EXPECT_TRUE(c.state().key_case);
  TestCase merged = c;
  merged.run("merge", {{"into", "MZJ-2025-000002"}}, dispatcher(), at);
  EXPECT_EQ(merged.state().status, CaseStatus::merged);
  EXPECT_EQ(merged.state().merged_into, "MZJ-2025-000002");
  c.run("withdraw", {{"reason", "已解决"}}, petitioner(), at);
  EXPECT_EQ(c.state().status, CaseStatus::withdrawn);
  EXPECT_FALSE(is_open(c.state().status));
}

}  // namespace
}  // namespace xinfang::testing
