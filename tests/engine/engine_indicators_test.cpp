// The indicators of a period from the database: five letters of March 2025 whose every figure
// is worked out below, the SQL aggregates against the pure count of every case, the bulletin's
// parts summing to its whole, a period counted only up to the engine's time, one case's score,
// and the outcome rows worked out again after an upgrade or a change of policy.
#include <boost/date_time/posix_time/posix_time.hpp>

#include "engine_march_fixture.hpp"

namespace xinfang::testing {
namespace {

using EngineIndicators = MarchLetters;

TEST_F(EngineIndicators, MarchFiguresAreThoseWorkedOutByHand) {
  const IndicatorReport march = report("2025-03");
  EXPECT_EQ(march.period.label, "2025-03");
  EXPECT_EQ(march.counted_to, local("2025-04-01 00:00"));
  // 及时受理率: ten runs (two per letter); c3's two were late. All for the petition office.
  expect_ratio(march.total[Indicator::timely_acceptance], 8, 10, "acceptance");
  // 按期办结率: c1, c4 and c5 replied in March, on time; c2 settles in May.
  expect_ratio(march.total[Indicator::on_time_completion], 3, 3, "completion");
  // 满意率: c1 (1) and c4 (0) were rated in March; c5's window closes in April.
  expect_ratio(march.total[Indicator::satisfaction], 1, 2, "satisfaction");
  expect_ratio(march.total[Indicator::participation], 2, 2, "participation");
  expect_ratio(march.total[Indicator::resolution], 1, 2, "resolution");
  expect_ratio(march.total[Indicator::response], 0, 0, "response");
  // The composite weighs four indicators 25 each: (0.8 + 1 + 0.5 + 1) / 4 = 82.5 points.
  ASSERT_TRUE(march.score);
  EXPECT_NEAR(*march.score, 82.5, 1e-9);

  // Units: social assistance (c4 counts for it: it held the case when it replied) scores
  // (1 + 0.5 + 1) / 3 = 83.33; the petition office 80 on acceptance alone. Pensions held c4 only
  // in between and counts nothing.
  ASSERT_EQ(march.units.size(), 2u);
  EXPECT_EQ(march.units[0].id, "social_assistance");
  EXPECT_EQ(march.units[0].rank, 1);
  EXPECT_NEAR(*march.units[0].score, 250.0 / 3, 1e-9);
  EXPECT_EQ(march.units[1].id, "petition_office");
  EXPECT_EQ(march.units[1].rank, 2);
  EXPECT_NEAR(*march.units[1].score, 80.0, 1e-9);
  expect_ratio(entry(march.units, "social_assistance").indicators[Indicator::on_time_completion], 3, 3, "sa");
  // One region (central) and one organisation (city), each the whole.
  ASSERT_EQ(march.regions.size(), 1u);
  EXPECT_EQ(march.regions[0].id, "central");
  EXPECT_NEAR(*march.regions[0].score, 82.5, 1e-9);
  ASSERT_EQ(march.organisations.size(), 1u);
  EXPECT_EQ(march.organisations[0].id, "city");
}

TEST_F(EngineIndicators, WeeksAprilMayAndTheYear) {
  // 2025-W10 (3-9 Mar): eight acceptance runs on time, c5's handling on time; nothing rated.
  const IndicatorReport w10 = report("2025-W10");
  expect_ratio(w10.total[Indicator::timely_acceptance], 8, 8, "w10 acceptance");
  expect_ratio(w10.total[Indicator::on_time_completion], 1, 1, "w10 completion");
  EXPECT_EQ(w10.total[Indicator::satisfaction].denominator, 0);
  EXPECT_NEAR(*w10.score, 100.0, 1e-9);  // satisfaction and participation drop out
  // 2025-W12 (17-23 Mar): c3's two late runs (settled Wed 19 Mar 00:00), c1 replied and rated.
  const IndicatorReport w12 = report("2025-W12");
  expect_ratio(w12.total[Indicator::timely_acceptance], 0, 2, "w12 acceptance");
  expect_ratio(w12.total[Indicator::on_time_completion], 1, 1, "w12 completion");
  expect_ratio(w12.total[Indicator::satisfaction], 1, 1, "w12 satisfaction");
  // April: c5's unrated answer settles when its window closes (6 Apr 00:00).
  const IndicatorReport april = report("2025-04");
  expect_ratio(april.total[Indicator::participation], 0, 1, "april participation");
  EXPECT_EQ(april.total[Indicator::timely_acceptance].denominator, 0);
  EXPECT_NEAR(*april.score, 0.0, 1e-9);
  // May: c2, never replied, is late at 6 May 24:00.
  const IndicatorReport may = report("2025-05");
  expect_ratio(may.total[Indicator::on_time_completion], 0, 1, "may completion");
  expect_ratio(entry(may.units, "social_assistance").indicators[Indicator::on_time_completion], 0, 1, "may sa");
  // The year so far (to 1 Jun): everything once.
  const IndicatorReport year = report("2025");
  EXPECT_EQ(year.counted_to, local("2025-06-01 10:00"));
  expect_ratio(year.total[Indicator::timely_acceptance], 8, 10, "year acceptance");
  expect_ratio(year.total[Indicator::on_time_completion], 3, 4, "year completion");
  expect_ratio(year.total[Indicator::participation], 2, 3, "year participation");
  // An empty period, and one that ends before it starts.
  EXPECT_EQ(report("2024").total[Indicator::on_time_completion].denominator, 0);
  EXPECT_EQ(report("2024").score, std::nullopt);
  EXPECT_TRUE(report("2024").units.empty());
  ReportPeriod backwards = parse_report_period("2025-03", t.engine.calendar());
  std::swap(backwards.from, backwards.to);
  EXPECT_EQ(code_of([&] { t.engine.indicators(backwards); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { t.engine.indicators(std::string("March")); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { t.engine.indicators(std::string("2025-\xFF")); }), ErrorCode::invalid_utf8);
}

TEST_F(EngineIndicators, TheSqlAggregatesEqualTheCountOfEveryCase) {
  for (const char* text : {"2025-W10", "2025-W11", "2025-W12", "2025-W13", "2025-W14", "2025-W19", "2025-03", "2025-04",
                           "2025-05", "2025-Q1", "2025-Q2", "2025", "2025-03-05..2025-03-19"}) {
    const ReportPeriod period = parse_report_period(text, t.engine.calendar());
    const IndicatorReport sql = t.engine.indicators(period);
    const PeriodCounts counted = reference(period);
    for (Indicator indicator : all_indicators()) {
      const std::string what = std::string(text) + " " + indicator_id(indicator);
      expect_ratio(sql.total[indicator], counted.total[indicator].numerator, counted.total[indicator].denominator,
                   what);
      for (const auto& [unit, set] : counted.units) {
        if (set[indicator].denominator == 0) continue;
        expect_ratio(entry(sql.units, unit).indicators[indicator], set[indicator].numerator, set[indicator].denominator,
                     what + " " + unit);
      }
    }
  }
}

TEST_F(EngineIndicators, ThePartsSumToTheWhole) {
  for (const char* text : {"2025-03", "2025-W12", "2025"}) {
    const IndicatorReport r = report(text);
    for (const std::vector<RankedEntry>* parts : {&r.units, &r.regions, &r.organisations}) {
      IndicatorSet sum;
      for (const RankedEntry& e : *parts) sum += e.indicators;
      for (Indicator indicator : all_indicators()) {
        expect_ratio(sum[indicator], r.total[indicator].numerator, r.total[indicator].denominator, text);
      }
    }
  }
}

TEST_F(EngineIndicators, APeriodNotOverIsCountedUpToTheEnginesTime) {
  // On 10 Mar, March so far has the W10 figures and nothing of c2, c3 or the ratings.
  TempDir other;
  TestEngine early(other.file("early.db"));
  early.add_staff();
  const std::string number = early.intake_letter().number;
  early.clock->set(local("2025-03-10 10:00"));
  const IndicatorReport march = early.engine.indicators(std::string("2025-03"));
  EXPECT_EQ(march.counted_to, local("2025-03-10 10:00"));
  // The letter's clocks run to 18 Mar 24:00: not yet settled, so nothing is counted.
  EXPECT_EQ(march.total[Indicator::timely_acceptance].denominator, 0);
  // At 19 Mar 00:00, the deadline itself, a stop would still be on time: nothing is settled yet.
  early.clock->set(local("2025-03-19 00:00"));
  EXPECT_EQ(early.engine.indicators(std::string("2025-03")).total[Indicator::timely_acceptance].denominator, 0);
  // A minute later both runs are late.
  early.clock->set(local("2025-03-19 00:01"));
  expect_ratio(early.engine.indicators(std::string("2025-03")).total[Indicator::timely_acceptance], 0, 2, "late");
  // A future period counts nothing yet.
  EXPECT_EQ(early.engine.indicators(std::string("2025-04")).total[Indicator::timely_acceptance].denominator, 0);
  (void)number;
}

TEST_F(EngineIndicators, ACaseScoreListsWhatItCountsFor) {
  const CaseScore c1 = t.engine.case_score(numbers[0]);
  EXPECT_EQ(c1.number, numbers[0]);
  // routing, notification, handling; the follow-up clock never started (rated 基本满意).
  ASSERT_EQ(c1.outcomes.clocks.size(), 3u);
  expect_ratio(c1.indicators[Indicator::timely_acceptance], 2, 2, "c1 acceptance");
  expect_ratio(c1.indicators[Indicator::on_time_completion], 1, 1, "c1 completion");
  expect_ratio(c1.indicators[Indicator::satisfaction], 1, 1, "c1 satisfaction");
  EXPECT_NEAR(*c1.score, 100.0, 1e-9);
  // c4: acceptance on time, handling on time, rated 不满意: (1 + 1 + 0 + 1) / 4 = 75.
  const CaseScore c4 = t.engine.case_score(numbers[3]);
  EXPECT_NEAR(*c4.score, 75.0, 1e-9);
  const Json json = case_score_json(c4);
  EXPECT_EQ(json["answers"][0]["level"], "dissatisfied");
  EXPECT_EQ(json["answers"][0]["resolved"], false);
  EXPECT_EQ(json["indicators"]["satisfaction"]["value"], 0.0);
  EXPECT_EQ(code_of([&] { t.engine.case_score("MZJ-2099-000001"); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { t.engine.case_score(std::string("MZJ-\xC3", 5)); }), ErrorCode::invalid_utf8);
}

TEST_F(EngineIndicators, TheFollowUpIsRecordedOnceAndOnlyWhenOwed) {
  // c4's follow-up was recorded; another is refused and changes nothing.
  const std::int64_t version = t.engine.get(numbers[3]).state.version;
  EXPECT_EQ(code_of([&] { t.engine.follow_up(numbers[3], kRegistrar, "再次回访"); }), ErrorCode::invalid_state);
  // c1 was rated 基本满意: no follow-up is owed.
  EXPECT_EQ(code_of([&] { t.engine.follow_up(numbers[0], kRegistrar, "回访"); }), ErrorCode::invalid_state);
  EXPECT_EQ(t.engine.get(numbers[3]).state.version, version);
  std::vector<std::string> types;
  for (const StoredEvent& e : t.engine.get(numbers[3]).events) types.push_back(e.event.type);
  EXPECT_EQ(std::count(types.begin(), types.end(), "follow_up_required"), 1);
  EXPECT_EQ(std::count(types.begin(), types.end(), "followed_up"), 1);
  // A rating after the window is refused and leaves the figures as they were.
  const IndicatorReport before = report("2025");
  EXPECT_EQ(code_of([&] { t.engine.rate(numbers[4], kPortal, "satisfied"); }), ErrorCode::out_of_window);
  expect_ratio(report("2025").total[Indicator::satisfaction], before.total[Indicator::satisfaction].numerator,
               before.total[Indicator::satisfaction].denominator, "after the refused rating");
}

TEST_F(EngineIndicators, OutcomeRowsAreWorkedOutAgainAfterAnUpgradeOrAnotherPolicy) {
  const std::string rows =
      raw_query(db, "SELECT count(*) || '/' || (SELECT count(*) FROM answers) FROM clock_outcomes");
  EXPECT_EQ(rows, "15/3");  // 3+3+2+4+3 clock runs (c4's follow-up clock too) and 3 replies
  // As a file upgraded from schema 3 has them: no rows, no acceptance times, marked stale.
  raw_sql(db,
          "DELETE FROM clock_outcomes; DELETE FROM answers; UPDATE cases SET accepted_at = NULL;"
          "INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_columns', 'stale')");
  {
    TestEngine reopened(db, local("2025-06-01 10:00"));
    EXPECT_EQ(raw_query(db, "SELECT count(*) || '/' || (SELECT count(*) FROM answers) FROM clock_outcomes"), rows);
    EXPECT_EQ(raw_query(db, "SELECT count(*) FROM cases WHERE accepted_at IS NOT NULL"), "4");
    expect_ratio(reopened.engine.indicators(std::string("2025-03")).total[Indicator::timely_acceptance], 8, 10,
                 "after the upgrade");
  }
  // Another policy that counts 基本满意 as half: c1's rating is worked out again.
  Json policy = Json::parse(Policy::preset("cn-national-2022").to_json());
  policy["version"] = "2025.half";
  policy["rating"]["scale"]["basically_satisfied"]["credit"] = 0.5;
  TestEngine reopened(db, local("2025-06-01 10:00"), HashAlgorithm::sha256, policy.dump());
  expect_ratio(reopened.engine.indicators(std::string("2025-03")).total[Indicator::satisfaction], 0.5, 2, "half");
}

}  // namespace
}  // namespace xinfang::testing
