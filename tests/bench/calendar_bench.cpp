// Calendar benchmark: xinfang's table-driven working-day arithmetic against a naive day-by-day
// loop over the same calendar's is_working_day (the baseline) and, when built with it,
// QuantLib's China inter-bank calendar (QuantLib::China(QuantLib::China::IB)).
//
// Two operations, each run by every implementation on the same inputs:
//   add_60_working_days    the 60th working day after a date (the date itself not counted);
//                          QuantLib: Calendar::advance(date, 60, Days)
//   working_days_between   the working days in (from, to];
//                          QuantLib: Calendar::businessDaysBetween(from, to, false, true)
// The inputs are 1,024 start dates drawn from a seeded std::mt19937 over 2010-01-01..2025-12-31,
// each paired with an end date 1..365 days later; every benchmark cycles through them in order.
//
// Before timing, the program checks once that the naive loop agrees with xinfang (a mismatch is
// a bug and fails the run) and compares xinfang with QuantLib for the inputs that lie in years
// both calendars cover, printing any disagreements to stderr (they do not fail the run: QuantLib's
// IB calendar is a market calendar, not the State Council's). After the run it prints the ratios
// of the median real times measured in that same run.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include "bench_reporter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "xinfang/calendar.hpp"

#ifdef XF_HAVE_QUANTLIB
#include <ql/time/calendars/china.hpp>
#include <ql/version.hpp>
#endif

namespace {

namespace bg = boost::gregorian;
using xinfang::Calendar;
using xinfang::Date;

constexpr int kWorkingDays = 60;
constexpr std::size_t kInputCount = 1024;  // a power of two, so the benchmarks cycle with a mask
constexpr std::uint32_t kSeed = 20100101;
constexpr int kFirstInputYear = 2010;
constexpr int kLastInputYear = 2025;
constexpr int kMaxSpanDays = 365;
constexpr std::size_t kMaxPrinted = 40;  // disagreements printed per kind

const char* const kAdd = "add_60_working_days";
const char* const kBetween = "working_days_between";

struct Inputs {
  std::vector<Date> start;  // add 60 working days to these; also the "from" of each pair
  std::vector<Date> end;    // the "to" of each pair
#ifdef XF_HAVE_QUANTLIB
  std::vector<QuantLib::Date> ql_start;
  std::vector<QuantLib::Date> ql_end;
#endif
};

Inputs g_inputs;

#ifdef XF_HAVE_QUANTLIB
QuantLib::Date to_ql(Date d) {
  return QuantLib::Date(static_cast<QuantLib::Day>(d.day()), static_cast<QuantLib::Month>(d.month().as_number()),
                        static_cast<QuantLib::Year>(d.year()));
}

Date from_ql(const QuantLib::Date& d) {
  return Date(static_cast<unsigned short>(d.year()), static_cast<unsigned short>(d.month()),
              static_cast<unsigned short>(d.dayOfMonth()));
}
#endif

// Deterministic on every platform: mt19937's output is fixed by the standard, and the raw output
// is reduced with % (std::uniform_int_distribution's algorithm is implementation-defined).
Inputs make_inputs() {
  Inputs in;
  std::mt19937 rng(kSeed);
  const Date first(kFirstInputYear, 1, 1);
  const auto span = static_cast<std::uint32_t>((Date(kLastInputYear, 12, 31) - first).days() + 1);
  for (std::size_t i = 0; i < kInputCount; ++i) {
    const Date start = first + bg::days(static_cast<long>(rng() % span));
    const Date end = start + bg::days(static_cast<long>(1 + rng() % kMaxSpanDays));
    in.start.push_back(start);
    in.end.push_back(end);
  }
#ifdef XF_HAVE_QUANTLIB
  for (std::size_t i = 0; i < kInputCount; ++i) {
    in.ql_start.push_back(to_ql(in.start[i]));
    in.ql_end.push_back(to_ql(in.end[i]));
  }
#endif
  return in;
}

// ---- the naive baseline: one is_working_day call per calendar day ----

Date naive_add_working_days(const Calendar& cal, Date day, int days) {
  while (days > 0) {
    day += bg::days(1);
    if (cal.is_working_day(day)) --days;
  }
  return day;
}

int naive_working_days_between(const Calendar& cal, Date from, Date to) {
  int count = 0;
  for (Date d = from + bg::days(1); d <= to; d += bg::days(1)) count += cal.is_working_day(d) ? 1 : 0;
  return count;
}

// ---- benchmarks ----

void add_xinfang(benchmark::State& state) {
  const Calendar& cal = Calendar::national();
  std::size_t i = 0;
  for (auto _ : state) {
    Date result = cal.add_working_days(g_inputs.start[i], kWorkingDays);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kInputCount - 1);
  }
}

void add_naive_loop(benchmark::State& state) {
  const Calendar& cal = Calendar::national();
  std::size_t i = 0;
  for (auto _ : state) {
    Date result = naive_add_working_days(cal, g_inputs.start[i], kWorkingDays);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kInputCount - 1);
  }
}

void between_xinfang(benchmark::State& state) {
  const Calendar& cal = Calendar::national();
  std::size_t i = 0;
  for (auto _ : state) {
    int result = cal.working_days_between(g_inputs.start[i], g_inputs.end[i]);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kInputCount - 1);
  }
}

void between_naive_loop(benchmark::State& state) {
  const Calendar& cal = Calendar::national();
  std::size_t i = 0;
  for (auto _ : state) {
    int result = naive_working_days_between(cal, g_inputs.start[i], g_inputs.end[i]);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kInputCount - 1);
  }
}

#ifdef XF_HAVE_QUANTLIB
void add_quantlib(benchmark::State& state) {
  const QuantLib::Calendar cal = QuantLib::China(QuantLib::China::IB);
  std::size_t i = 0;
  for (auto _ : state) {
    QuantLib::Date result = cal.advance(g_inputs.ql_start[i], kWorkingDays, QuantLib::Days);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kInputCount - 1);
  }
}

void between_quantlib(benchmark::State& state) {
  const QuantLib::Calendar cal = QuantLib::China(QuantLib::China::IB);
  std::size_t i = 0;
  for (auto _ : state) {
    QuantLib::Date::serial_type result =
        cal.businessDaysBetween(g_inputs.ql_start[i], g_inputs.ql_end[i], /*includeFirst=*/false, /*includeLast=*/true);
    benchmark::DoNotOptimize(result);
    i = (i + 1) & (kInputCount - 1);
  }
}
#endif

// ---- the startup checks (outside timing) ----

// The naive loop must compute what xinfang computes; otherwise the comparison is meaningless.
bool check_naive_agrees(const Calendar& cal) {
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < kInputCount; ++i) {
    const Date a = cal.add_working_days(g_inputs.start[i], kWorkingDays);
    const Date b = naive_add_working_days(cal, g_inputs.start[i], kWorkingDays);
    const int c = cal.working_days_between(g_inputs.start[i], g_inputs.end[i]);
    const int d = naive_working_days_between(cal, g_inputs.start[i], g_inputs.end[i]);
    if (a != b || c != d) {
      if (++mismatches <= kMaxPrinted) {
        std::fprintf(stderr,
                     "calendar_bench: BUG: xinfang and the naive loop disagree for %s..%s: %s vs %s, %d vs %d\n",
                     xinfang::format_date(g_inputs.start[i]).c_str(), xinfang::format_date(g_inputs.end[i]).c_str(),
                     xinfang::format_date(a).c_str(), xinfang::format_date(b).c_str(), c, d);
      }
    }
  }
  return mismatches == 0;
}

#ifdef XF_HAVE_QUANTLIB
// QuantLib has no notion of "years with a table": past its data it silently keeps only the
// weekend and 1 January. A year counts as covered when it has more weekday holidays than that.
int quantlib_last_covered_year(const QuantLib::Calendar& ql, int first_year, int last_year) {
  int last = first_year - 1;
  for (int y = first_year; y <= last_year; ++y) {
    int weekday_holidays = 0;
    for (QuantLib::Date d(1, QuantLib::January, y); d <= QuantLib::Date(31, QuantLib::December, y); ++d) {
      if (!ql.isWeekend(d.weekday()) && ql.isHoliday(d)) ++weekday_holidays;
    }
    if (weekday_holidays <= 3) break;
    last = y;
  }
  return last;
}

void compare_with_quantlib(const Calendar& cal) {
  const QuantLib::Calendar ql = QuantLib::China(QuantLib::China::IB);
  const int first = cal.year_range().first;
  const int last = quantlib_last_covered_year(ql, first, cal.year_range().second);
  std::fprintf(stderr,
               "calendar_bench: comparing xinfang (%s) with QuantLib %s (%s) over %d-%d, the years both cover\n",
               cal.name().c_str(), QL_VERSION, ql.name().c_str(), first, last);

  // Day by day: the days on which the two calendars differ explain every disagreement below.
  std::size_t day_diffs = 0;
  std::size_t uncovered_diffs = 0;  // in years xinfang has a table for and QuantLib has not
  for (Date d(first, 1, 1); d <= Date(cal.year_range().second, 12, 31); d += bg::days(1)) {
    const bool x = cal.is_working_day(d);
    const bool q = ql.isBusinessDay(to_ql(d));
    if (x == q) continue;
    if (d.year() > last) {
      ++uncovered_diffs;
      continue;
    }
    if (++day_diffs <= kMaxPrinted) {
      const xinfang::DayInfo info = cal.day_info(d);
      std::fprintf(stderr, "  day %s (%s): xinfang %s (%s%s%s), QuantLib IB %s\n", xinfang::format_date(d).c_str(),
                   d.day_of_week().as_short_string(), x ? "working" : "not working", xinfang::day_kind_name(info.kind),
                   info.name.empty() ? "" : ": ", info.name.c_str(), q ? "business day" : "holiday");
    }
  }
  if (last < cal.year_range().second) {
    std::fprintf(stderr,
                 "calendar_bench: QuantLib has no holiday data after %d (only weekends and 1 January); "
                 "%zu day(s) of %d-%d differ from xinfang and are not compared\n",
                 last, uncovered_diffs, last + 1, cal.year_range().second);
  }

  std::size_t add_checked = 0, add_diffs = 0, between_checked = 0, between_diffs = 0;
  for (std::size_t i = 0; i < kInputCount; ++i) {
    const Date start = g_inputs.start[i];
    const Date x_add = cal.add_working_days(start, kWorkingDays);
    const Date q_add = from_ql(ql.advance(g_inputs.ql_start[i], kWorkingDays, QuantLib::Days));
    if (start.year() >= first && x_add.year() <= last && q_add.year() <= last) {
      ++add_checked;
      if (x_add != q_add && ++add_diffs <= kMaxPrinted) {
        std::fprintf(stderr, "  add %d working days to %s: xinfang %s, QuantLib %s\n", kWorkingDays,
                     xinfang::format_date(start).c_str(), xinfang::format_date(x_add).c_str(),
                     xinfang::format_date(q_add).c_str());
      }
    }
    const Date end = g_inputs.end[i];
    if (start.year() >= first && end.year() <= last) {
      ++between_checked;
      const long x_n = cal.working_days_between(start, end);
      const long q_n = static_cast<long>(ql.businessDaysBetween(g_inputs.ql_start[i], g_inputs.ql_end[i], false, true));
      if (x_n != q_n && ++between_diffs <= kMaxPrinted) {
        std::fprintf(stderr, "  working days in (%s, %s]: xinfang %ld, QuantLib %ld\n",
                     xinfang::format_date(start).c_str(), xinfang::format_date(end).c_str(), x_n, q_n);
      }
    }
  }
  std::fprintf(stderr,
               "calendar_bench: %zu day(s) differ; add_working_days disagrees on %zu of %zu inputs, "
               "working_days_between on %zu of %zu (only the first %zu of each kind are listed)\n",
               day_diffs, add_diffs, add_checked, between_diffs, between_checked, kMaxPrinted);
}
#endif

std::string format_ns(double ns) {
  char buffer[32];
  if (ns >= 1e6) {
    std::snprintf(buffer, sizeof buffer, "%.2f ms", ns / 1e6);
  } else if (ns >= 1e3) {
    std::snprintf(buffer, sizeof buffer, "%.2f us", ns / 1e3);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f ns", ns);
  }
  return buffer;
}

void print_ratio(std::ostream& out, const xinfang::bench::CollectingReporter& r, const char* what,
                 const std::string& ours, const std::string& theirs) {
  const double a = r.time_ns(ours);
  const double b = r.time_ns(theirs);
  if (std::isnan(a) || std::isnan(b) || a <= 0) return;
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, "xinfang vs %-36s %8.1fx faster  (%s vs %s per call)\n", what, b / a,
                format_ns(a).c_str(), format_ns(b).c_str());
  out << buffer;
}

void print_summary(std::ostream& out, const xinfang::bench::CollectingReporter& r) {
  out << "\nRatios of " << (r.saw_median() ? "median" : "mean") << " real time per call, this run:\n";
  const std::string add = kAdd;
  const std::string between = kBetween;
  print_ratio(out, r, "naive loop add_working_days:", add + "/xinfang", add + "/naive_loop");
  print_ratio(out, r, "QuantLib advance:", add + "/xinfang", add + "/quantlib_ib");
  const double advance_ratio = r.time_ns(add + "/quantlib_ib") / r.time_ns(add + "/xinfang");
  if (!std::isnan(advance_ratio)) {
    out << "  (target: at least 100x faster than QuantLib advance: " << (advance_ratio >= 100 ? "met" : "NOT met")
        << ")\n";
  }
  print_ratio(out, r, "naive loop working_days_between:", between + "/xinfang", between + "/naive_loop");
  print_ratio(out, r, "QuantLib businessDaysBetween:", between + "/xinfang", between + "/quantlib_ib");
  if (!r.saw_median()) out << "(a single run; for figures use --benchmark_repetitions=9 and quote the medians)\n";
}

}  // namespace

int main(int argc, char** argv) {
  bool console = true;
  xinfang::bench::CollectingReporter reporter(xinfang::bench::make_display_reporter(argc, argv, &console),
                                              xinfang::bench::CollectingReporter::Key::run_name);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  g_inputs = make_inputs();
  const Calendar& cal = Calendar::national();
  if (!check_naive_agrees(cal)) return 1;
#ifdef XF_HAVE_QUANTLIB
  compare_with_quantlib(cal);
  benchmark::AddCustomContext("quantlib", QL_VERSION);
#else
  std::fprintf(stderr, "calendar_bench: built without QuantLib; only xinfang and the naive loop are measured\n");
#endif
  benchmark::AddCustomContext("inputs", std::to_string(kInputCount) + " dates in " + std::to_string(kFirstInputYear) +
                                            "-" + std::to_string(kLastInputYear) + ", mt19937 seed " +
                                            std::to_string(kSeed) + ", spans 1-" + std::to_string(kMaxSpanDays) +
                                            " days");

  const std::string add = kAdd;
  const std::string between = kBetween;
  benchmark::RegisterBenchmark((add + "/xinfang").c_str(), add_xinfang);
  benchmark::RegisterBenchmark((add + "/naive_loop").c_str(), add_naive_loop);
#ifdef XF_HAVE_QUANTLIB
  benchmark::RegisterBenchmark((add + "/quantlib_ib").c_str(), add_quantlib);
#endif
  benchmark::RegisterBenchmark((between + "/xinfang").c_str(), between_xinfang);
  benchmark::RegisterBenchmark((between + "/naive_loop").c_str(), between_naive_loop);
#ifdef XF_HAVE_QUANTLIB
  benchmark::RegisterBenchmark((between + "/quantlib_ib").c_str(), between_quantlib);
#endif

  benchmark::RunSpecifiedBenchmarks(&reporter);
  print_summary(console ? std::cout : std::cerr, reporter);
  benchmark::Shutdown();
  return 0;
}
