// case_view() and event_view(): the state as JSON, and who sees a petitioner's identity.
#include "lifecycle_test_util.hpp"

namespace xinfang::testing {
namespace {

TEST(LifecycleView, AnOrdinaryCaseShowsItsPetitionersToStaff) {
  const TestCase c = build_case("replied");
  const Json view = case_view(c.state(), national_policy(), handler_in("pensions"));
  EXPECT_EQ(view["redacted"], false);
  EXPECT_EQ(view["confidential"], false);
  EXPECT_EQ(view["petitioners"][0]["name"], "李某");
  EXPECT_EQ(view["petitioners"][0]["id_number"], "11010119800101123x");
  EXPECT_EQ(view["identity_hashes"].size(), 2u);
  EXPECT_EQ(view["status"], "replied");
  EXPECT_EQ(view["type"], "claim");
  EXPECT_EQ(view["outcome"], "supported");
  EXPECT_EQ(view["review_outcome"], "none");
  EXPECT_EQ(view["replied_at"], "2025-03-10T02:00:00Z");
  EXPECT_EQ(view["reviewed_at"], nullptr);
  EXPECT_EQ(view["version"], 4);
}

TEST(LifecycleView, ThePetitionersOwnViewHasNoHashes) {
  const TestCase c = build_case("replied");
  const Json view = case_view(c.state(), national_policy(), std::nullopt);
  EXPECT_EQ(view["petitioners"][0]["name"], "李某");
  EXPECT_FALSE(view.contains("identity_hashes"));
  EXPECT_FALSE(view.contains("query_code_hash"));
  const Json registered = event_view(c.events()[0], c.state(), national_policy(), std::nullopt);
  EXPECT_FALSE(registered["payload"].contains("identity_hashes"));
  EXPECT_FALSE(registered["payload"].contains("query_code_hash"));
}

TEST(LifecycleView, AnEventViewHasTypeTimeActorAndPayload) {
  const TestCase c = build_case("accepted");
  const Json view = event_view(c.events()[1], c.state(), national_policy(), dispatcher());
  EXPECT_EQ(view["type"], "accepted");
  EXPECT_EQ(view["at"], "2025-03-04T02:00:00Z");
  EXPECT_EQ(view["actor"],
            Json({{"id", "disp-1"}, {"organisation", "city"}, {"unit", "petition_office"}, {"roles", {"dispatcher"}}}));
  EXPECT_EQ(view["payload"], Json({{"policy_version", "2022.1"}}));
  EXPECT_EQ(view["redacted"], false);
}

TEST(LifecycleView, RedactionFollowsThePolicyInForceNotTheStoredData) {
  // A bureau that treats suggestions as confidential too: the same stored case is redacted.
  const Policy strict = Policy::from_json(R"({"extends": "cn-national-2022", "version": "2022.1-strict",
      "petition_types": {"claim": {"confidential": true}}})");
  const TestCase c = build_case("replied");
  EXPECT_FALSE(c.state().confidential);
  const Json view = case_view(c.state(), strict, handler_in("social_assistance"));
  EXPECT_EQ(view["redacted"], true);
  EXPECT_FALSE(view["petitioners"][0].contains("name"));
  EXPECT_EQ(case_view(c.state(), strict, confidential_reader())["petitioners"][0]["name"], "李某");
}

}  // namespace
}  // namespace xinfang::testing
