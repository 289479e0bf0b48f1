// The five letters of March 2025 that the indicator and report tests share, every figure of
// which is worked out in those tests.
#ifndef XINFANG_TESTS_ENGINE_MARCH_FIXTURE_HPP
#define XINFANG_TESTS_ENGINE_MARCH_FIXTURE_HPP

#include <algorithm>
#include <string>
#include <vector>

#include "engine_test_util.hpp"

namespace xinfang::testing {

// Five claim letters registered Mon 3 Mar 2025 09:00 at the city petition office (all times
// local). The routing and notification clocks end Tue 18 Mar 24:00; the handling clock runs from
// acceptance (4 Mar) to Tue 6 May 24:00 (60 statutory days reach Sat 3 May, inside 劳动节); a
// reply may be rated for 30 calendar days.
//   c1: accepted 4 Mar, routed to social assistance 5 Mar, replied 20 Mar, rated 基本满意 (credit 1,
//       resolved) 21 Mar.
//   c2: accepted 4 Mar, routed 5 Mar, never replied: late at 6 May 24:00.
//   c3: not accepted on 25 Mar: both acceptance clocks late, settled at 18 Mar 24:00.
//   c4: accepted 4 Mar, routed to pensions 5 Mar, transferred to social assistance 10 Mar, replied
//       12 Mar, rated 不满意 (not resolved) 13 Mar, followed up 14 Mar.
//   c5: accepted 4 Mar, routed 5 Mar, replied 6 Mar, never rated: its window closes 5 Apr 24:00.
// c2 is also marked key and owned by a leader (包案) on 6 Mar.
class MarchLetters : public ::testing::Test {
 protected:
  MarchLetters() : db(dir.file("indicators.db")), t(db) {
    t.add_staff();
    for (int i = 0; i < 5; ++i) numbers.push_back(t.intake_letter().number);
    at("2025-03-04 10:00");
    for (int i : {0, 1, 3, 4}) t.engine.accept(numbers[i], kDispatcher);
    at("2025-03-05 10:00");
    t.engine.route(numbers[0], kDispatcher, "social_assistance", kHandlerA);
    t.engine.route(numbers[1], kDispatcher, "social_assistance", kHandlerA);
    t.engine.route(numbers[3], kDispatcher, "pensions", kPensionsHandler);
    t.engine.route(numbers[4], kDispatcher, "social_assistance", kHandlerB);
    at("2025-03-06 10:00");
    t.engine.reply(numbers[4], kHandlerB, Outcome::supported, "已恢复");
    // c2 is made a key case, owned by the bureau's leader (包案): no figure changes.
    t.engine.mark_key(numbers[1], kDispatcher, "群众反映强烈");
    t.engine.take_ownership(numbers[1], kOrgLeader, kOrgLeader);
    at("2025-03-10 10:00");
    t.engine.transfer(numbers[3], kDispatcher, "social_assistance", kHandlerB, "属社会救助");
    at("2025-03-12 10:00");
    t.engine.reply(numbers[3], kHandlerB, Outcome::not_supported, "不予支持");
    at("2025-03-13 10:00");
    t.engine.rate(numbers[3], kPortal, RatingInput{"dissatisfied", false, "没有解决"});
    at("2025-03-14 10:00");
    t.engine.follow_up(numbers[3], kRegistrar, "已回访，解释政策", false);
    at("2025-03-20 10:00");
    t.engine.reply(numbers[0], kHandlerA, Outcome::supported, "已补发");
    at("2025-03-21 10:00");
    t.engine.rate(numbers[0], kPortal, RatingInput{"basically_satisfied", true, ""});
    at("2025-03-25 10:00");
    t.engine.not_accept(numbers[2], kDispatcher, "outside_scope");
    at("2025-06-01 10:00");
  }

  void at(const std::string& time) { t.clock->set(local(time)); }

  IndicatorReport report(const std::string& period) const { return t.engine.indicators(period); }

  static const RankedEntry& entry(const std::vector<RankedEntry>& entries, const std::string& id) {
    for (const RankedEntry& e : entries) {
      if (e.id == id) return e;
    }
    throw std::runtime_error("no entry " + id);
  }

  // The reference: every case folded from its log and counted by count_in_period().
  PeriodCounts reference(const ReportPeriod& period) const {
    PeriodCounts counts;
    const Instant to = std::min(period.to, t.clock->now());
    for (const std::string& number : numbers) {
      const CaseScore score = t.engine.case_score(number);
      count_in_period(score.outcomes, t.engine.policy(), period.from, to, counts);
    }
    return counts;
  }

  TempDir dir;
  std::string db;
  TestEngine t;
  std::vector<std::string> numbers;
};

inline void expect_ratio(const Ratio& ratio, double numerator, std::int64_t denominator, const std::string& what) {
  EXPECT_DOUBLE_EQ(ratio.numerator, numerator) << what;
  EXPECT_EQ(ratio.denominator, denominator) << what;
}

}  // namespace xinfang::testing

#endif
