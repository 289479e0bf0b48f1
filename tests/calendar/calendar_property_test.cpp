// Properties that must hold for every day the national table covers, checked against a naive
// day-by-day model rebuilt from special_days() and the Saturday/Sunday weekend.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "calendar_test_util.hpp"
#include "xinfang/calendar.hpp"

namespace xinfang {
namespace {

namespace bg = boost::gregorian;
using test::IsWeekend;

const Date kFirst(2008, 1, 1);
const Date kLast(2026, 12, 31);

// The naive model: one bool per day, stepping one day at a time for every question.
class NaiveCalendar {
 public:
  explicit NaiveCalendar(const Calendar& c) {
    std::map<Date, DayKind> special;
    for (int y = kFirst.year() - 1; y <= kLast.year(); ++y) {
      for (const auto& s : c.special_days(y)) special[s.date] = s.kind;
    }
    for (Date d = kFirst; d <= kLast; d += bg::days(1)) {
      const auto it = special.find(d);
      working_.push_back(it == special.end() ? !IsWeekend(d) : it->second == DayKind::makeup_workday);
    }
  }
  static bool covers(Date d) { return d >= kFirst && d <= kLast; }
  bool working(Date d) const { return working_[static_cast<std::size_t>((d - kFirst).days())]; }
  // The n-th working day after (n > 0) or before (n < 0) @p d; nullopt if the walk leaves the table.
  std::optional<Date> add(Date d, int n) const {
    const int step = n > 0 ? 1 : -1;
    int left = n > 0 ? n : -n;
    while (left > 0) {
      d += bg::days(step);
      if (!covers(d)) return std::nullopt;
      if (working(d)) --left;
    }
    return d;
  }
  // Working days in (a, b], negated when b < a.
  int between(Date a, Date b) const {
    if (b < a) return -between(b, a);
    int n = 0;
    for (Date d = a + bg::days(1); d <= b; d += bg::days(1)) n += working(d) ? 1 : 0;
    return n;
  }

 private:
  std::vector<bool> working_;
};

const NaiveCalendar& naive() {
  static const NaiveCalendar model(Calendar::national());
  return model;
}

// Collects failures so that a broken property reports a few days instead of thousands of lines.
class Failures {
 public:
  void add(const std::string& what) {
    ++count_;
    if (examples_.size() < 10) examples_.push_back(what);
  }
  ::testing::AssertionResult result() const {
    if (count_ == 0) return ::testing::AssertionSuccess();
    auto failure = ::testing::AssertionFailure() << count_ << " failures, e.g.:";
    for (const auto& e : examples_) failure << "\n  " << e;
    return failure;
  }

 private:
  long count_ = 0;
  std::vector<std::string> examples_;
};

TEST(CalendarProperty, IsWorkingDayAgreesWithDayInfoAndTheNaiveModelOnEveryDay) {
  const Calendar& c = Calendar::national();
  Failures failures;
  long days = 0;
  for (Date d = kFirst; d <= kLast; d += bg::days(1), ++days) {
    const DayInfo info = c.day_info(d);
    const bool working = c.is_working_day(d);
    const std::string at = format_date(d);
    if (info.date != d) failures.add(at + ": day_info.date differs");
    if (working != info.working) failures.add(at + ": is_working_day != day_info.working");
    if (working != naive().working(d)) failures.add(at + ": disagrees with special_days() + weekend");
    if (info.estimated) failures.add(at + ": marked estimated");
    const bool kind_working = info.kind == DayKind::workday || info.kind == DayKind::makeup_workday;
    if (kind_working != info.working) failures.add(at + ": kind and working disagree");
    if (c.special_day(d) == nullptr) {
      const DayKind plain = IsWeekend(d) ? DayKind::weekend : DayKind::workday;
      if (info.kind != plain) failures.add(at + ": ordinary day of the wrong kind");
      if (!info.name.empty() || !info.source.empty()) failures.add(at + ": ordinary day with a name");
    }
  }
  EXPECT_EQ(days, 6940);  // 19 years, 5 of them leap (2008, 2012, 2016, 2020, 2024): 19*365 + 5
  EXPECT_TRUE(failures.result());
}

TEST(CalendarProperty, AddWorkingDaysMatchesTheNaiveWalkAndWorkingDaysBetweenCountsItBack) {
  const Calendar& c = Calendar::national();
  Failures failures;
  long checked = 0;
  long out_of_range = 0;
  for (Date d = kFirst; d <= kLast; d += bg::days(1)) {
    if (c.add_working_days(d, 0) != d) failures.add(format_date(d) + ": adding 0 moved the day");
    for (int n : {1, 5, 15, 60, -1, -15}) {
      const std::string at = format_date(d) + " " + std::to_string(n);
      const std::optional<Date> expected = naive().add(d, n);
      if (!expected) {
        // The walk leaves 2008..2026: the calendar must refuse, not guess.
        ++out_of_range;
        if (!test::ThrowsXf([&] { c.add_working_days(d, n); }, ErrorCode::calendar_range)) {
          failures.add(at + ": expected calendar_range");
        }
        continue;
      }
      const Date result = c.add_working_days(d, n);
      ++checked;
      if (result != *expected) failures.add(at + ": got " + format_date(result) + ", naive " + format_date(*expected));
      if (!c.is_working_day(result)) failures.add(at + ": result is not a working day");
      // working_days_between(from, to) counts the working days in (from, to], and is documented
      // antisymmetric: for to < from it is minus the working days in (to, from]. Forward, it
      // inverts add_working_days exactly. Backward, the result r is excluded and d included: the
      // |n| - 1 working days strictly between r and d, plus d if d is working. So from a working
      // day it is n again, and from a weekend or holiday it is n + 1 (e.g. Saturday 2008-01-05:
      // r = Friday 01-04, and (01-04, 01-05] holds no working day).
      const int expected_between = n > 0 || c.is_working_day(d) ? n : n + 1;
      if (c.working_days_between(d, result) != expected_between) {
        failures.add(at + ": working_days_between(d, result) = " + std::to_string(c.working_days_between(d, result)));
      }
      if (c.working_days_between(result, d) != -expected_between) failures.add(at + ": not antisymmetric");
    }
  }
  EXPECT_GT(checked, 6940L * 6 - 200);
  EXPECT_GT(out_of_range, 0);  // the ends of the table were exercised
  EXPECT_TRUE(failures.result());
}

TEST(CalendarProperty, NextWorkingDayIsTheFirstWorkingDayAfter) {
  const Calendar& c = Calendar::national();
  Failures failures;
  for (Date d = kFirst; d <= kLast; d += bg::days(1)) {
    const std::string at = format_date(d);
    if (!naive().add(d, 1)) {
      if (!test::ThrowsXf([&] { c.next_working_day(d); }, ErrorCode::calendar_range)) {
        failures.add(at + ": expected calendar_range");
      }
      continue;
    }
    const Date next = c.next_working_day(d);
    if (next <= d) failures.add(at + ": next working day is not after it");
    if (!c.is_working_day(next)) failures.add(at + ": next working day is not working");
    for (Date between = d + bg::days(1); between < next; between += bg::days(1)) {
      if (c.is_working_day(between)) failures.add(at + ": skipped working day " + format_date(between));
    }
  }
  EXPECT_TRUE(failures.result());
}

TEST(CalendarProperty, PreviousWorkingDayIsTheLastWorkingDayBefore) {
  const Calendar& c = Calendar::national();
  Failures failures;
  for (Date d = kFirst; d <= kLast; d += bg::days(1)) {
    const std::string at = format_date(d);
    if (!naive().add(d, -1)) {
      if (!test::ThrowsXf([&] { c.previous_working_day(d); }, ErrorCode::calendar_range)) {
        failures.add(at + ": expected calendar_range");
      }
      continue;
    }
    const Date previous = c.previous_working_day(d);
    if (previous >= d) failures.add(at + ": previous working day is not before it");
    if (!c.is_working_day(previous)) failures.add(at + ": previous working day is not working");
    for (Date between = previous + bg::days(1); between < d; between += bg::days(1)) {
      if (c.is_working_day(between)) failures.add(at + ": skipped working day " + format_date(between));
    }
  }
  EXPECT_TRUE(failures.result());
}

TEST(CalendarProperty, WorkingDaysBetweenEqualsANaiveCountForNearAndRandomPairs) {
  const Calendar& c = Calendar::national();
  Failures failures;
  // Every pair (d, d + k) for k in 0..40 and both orders: all short spans of the table.
  for (Date d = kFirst; d <= kLast; d += bg::days(1)) {
    for (int k = 0; k <= 40; ++k) {
      const Date e = d + bg::days(k);
      if (!NaiveCalendar::covers(e)) break;
      const int expected = naive().between(d, e);
      if (c.working_days_between(d, e) != expected || c.working_days_between(e, d) != -expected) {
        failures.add(format_date(d) + " .. " + format_date(e));
      }
    }
  }
  // And 3000 random pairs anywhere in the table (fixed seed: reproducible).
  std::mt19937 random(20250928);
  std::uniform_int_distribution<int> offset(0, static_cast<int>((kLast - kFirst).days()));
  for (int i = 0; i < 3000; ++i) {
    const Date a = kFirst + bg::days(offset(random));
    const Date b = kFirst + bg::days(offset(random));
    if (c.working_days_between(a, b) != naive().between(a, b)) {
      failures.add(format_date(a) + " .. " + format_date(b));
    }
  }
  EXPECT_TRUE(failures.result());
  // One anchor by hand: 2025 has 365 days, 104 weekend days (52 full weeks + Wed 12-31), 18
  // holidays on weekdays (see CalendarTable) and 5 make-up days: 365 - 104 - 18 + 5 = 248.
  EXPECT_EQ(c.working_days_between(Date(2024, 12, 31), Date(2025, 12, 31)), 248);
}

TEST(CalendarProperty, ConcurrentQueriesFromSeveralThreadsAgree) {
  // All const member functions are documented thread-safe; copies share their tables.
  const Calendar copy = Calendar::national();
  std::vector<long> sums(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < sums.size(); ++t) {
    threads.emplace_back([&copy, &sums, t] {
      for (Date d = kFirst; d <= Date(2026, 6, 30); d += bg::days(1)) {
        sums[t] += copy.working_days_between(kFirst, copy.add_working_days(d, 15));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (long s : sums) EXPECT_EQ(s, sums[0]);
  EXPECT_GT(sums[0], 0);
}

}  // namespace
}  // namespace xinfang
