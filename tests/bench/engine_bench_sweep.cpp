// The sweep and the clocks: one sweep over 1,000 due cases on a file of 10,000 open cases and on
// one of 1,000,000 (its cost must follow the due cases, not the open ones), and the evaluation
// of a case's clocks against a day-by-day count of the same deadline.
//
// A sweep file holds kRounds batches of 1,000 cases registered 30 days apart from Monday 8
// January 2024, then, registered after the last of them, the rest of its open cases. Round r
// sets the clock to 29 days after batch r was registered: batch r's routing and notification
// reminders and supervisions are due (a 15-day clock rolled over the longest holiday ends within
// 23 days), batch r + 1 is not registered yet, and the later cases have started no clock. So
// each timed sweep reads exactly the 1,000 cases of its batch and fires 4 steps on each.
#include "engine_bench_support.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "xinfang/deadline.hpp"

namespace xinfang_bench {
namespace {

constexpr std::int64_t kDuePerRound = 1000;
constexpr int kRoundDays = 30;

}  // namespace

std::int64_t sweep_rounds() {
  return g_config.quick ? 3 : 10;
}

namespace {

std::int64_t rounds() {
  return sweep_rounds();
}

std::int64_t due_per_round() {
  return g_config.quick ? 50 : kDuePerRound;
}

Instant round_start(std::int64_t round) {
  return local(2024, 1, 8, 9) + boost::gregorian::days(kRoundDays * round);
}

struct SweepFile {
  std::unique_ptr<BenchEngine> engine;
  std::int64_t next_round = 0;
};

void build_sweep_file(const std::string& path, std::int64_t open_cases) {
  fresh_file(path);
  BenchEngine e = open_engine(path, Durability::normal, round_start(0));
  const std::int64_t due = due_per_round() * rounds();
  std::uint64_t next_petition = 500000000ULL;
  for (std::int64_t round = 0; round < rounds(); ++round) {
    e.clock->set(round_start(round));
    e.engine.intake_batch(kRegistrar, petitions(next_petition, due_per_round(), round_start(round)));
    next_petition += static_cast<std::uint64_t>(due_per_round());
  }
  // The rest of the open cases, registered after every round's sweep time, a chunk every 20
  // days so that no year's six-digit case sequence fills up.
  Instant later = round_start(rounds()) + boost::gregorian::days(kRoundDays);
  for (std::int64_t first = due; first < open_cases; first += g_config.large_chunk) {
    const std::int64_t count = std::min(g_config.large_chunk, open_cases - first);
    e.clock->set(later);
    e.engine.intake_batch(kRegistrar, petitions(next_petition, count, later));
    next_petition += static_cast<std::uint64_t>(count);
    later += boost::gregorian::days(20);
  }
}

SweepFile& sweep_file(std::int64_t open_cases) {
  static std::map<std::int64_t, SweepFile> files;
  SweepFile& file = files[open_cases];
  if (!file.engine) {
    const std::string path = g_run_dir.file("sweep-" + std::to_string(open_cases) + ".db");
    std::fprintf(stderr, "engine_bench: building %s (%lld open cases)...\n", path.c_str(),
                 static_cast<long long>(open_cases));
    build_sweep_file(path, open_cases);
    file.engine = std::make_unique<BenchEngine>(open_engine(path, Durability::normal, round_start(0)));
  }
  return file;
}

// A small case with a full handling clock: accepted, routed, suspended and resumed, extended.
const xinfang::CaseState& handled_case() {
  static const xinfang::CaseState state = [] {
    const xinfang::Policy policy = xinfang::Policy::preset(kPolicy);
    const xinfang::Calendar& calendar = xinfang::Calendar::national();
    const std::string salt(64, '5');
    xinfang::CaseState s;
    const auto run = [&](const std::string& name, const Json& args, const xinfang::Actor& actor, Instant at) {
      xinfang::DecideContext context{policy, calendar, at, actor, "MZJ-2025-000123X", "QC7K2M9P", salt, {}};
      for (const xinfang::Event& event : xinfang::decide(s, xinfang::Command{name, args}, context)) {
        s = xinfang::apply(std::move(s), event);
      }
    };
    const xinfang::Actor registrar{kRegistrar, "city", "petition_office", {"registrar"}};
    const xinfang::Actor dispatcher{kDispatcher, "city", "petition_office", {"dispatcher"}};
    const xinfang::Actor handler{"h-sa-1", "city", "social_assistance", {"handler"}};
    const xinfang::Actor leader{"boss", "city", "petition_office", {"org_leader"}};
    Json letter = petition(1, local(2025, 12, 1, 9));
    letter["type"] = "claim";
    letter["sub_route"] = "petition_handling";
    letter["category"] = "social_assistance";
    run("intake", letter, registrar, local(2025, 12, 1, 9));
    run("accept", Json::object(), dispatcher, local(2025, 12, 1, 10));
    run("route", {{"unit", "social_assistance"}, {"handler", "h-sa-1"}}, dispatcher, local(2025, 12, 1, 11));
    run("request_extension", {{"amount", 30}, {"reason", "复杂"}}, handler, local(2026, 1, 19, 10));
    run("approve_extension", Json::object(), leader, local(2026, 1, 20, 10));
    run("suspend", {{"reason", "鉴定"}}, handler, local(2026, 2, 10, 10));
    run("resume", Json::object(), handler, local(2026, 2, 26, 9));
    return s;
  }();
  return state;
}

}  // namespace

void sweep_engine(benchmark::State& state, std::int64_t open_cases) {
  guarded(state, [&] {
    SweepFile& file = sweep_file(open_cases);
    std::int64_t fired = 0;
    for (auto _ : state) {
      state.PauseTiming();
      if (file.next_round >= rounds()) throw std::runtime_error("the sweep file has no round left");
      file.engine->clock->set(round_start(file.next_round) + boost::gregorian::days(kRoundDays - 1));
      ++file.next_round;
      state.ResumeTiming();
      const xinfang::SweepResult result = file.engine->engine.sweep();
      state.PauseTiming();
      if (result.cases != due_per_round()) {
        throw std::runtime_error("a sweep read " + std::to_string(result.cases) + " cases, not " +
                                 std::to_string(due_per_round()));
      }
      fired += static_cast<std::int64_t>(result.fired.size());
      state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * due_per_round());
    state.counters["steps_fired"] = static_cast<double>(fired);
  });
}

void clocks_evaluate(benchmark::State& state) {
  guarded(state, [&] {
    const xinfang::Policy policy = xinfang::Policy::preset(kPolicy);
    const xinfang::Calendar& calendar = xinfang::Calendar::national();
    const xinfang::CaseState& s = handled_case();
    const Instant now = local(2026, 3, 2, 9);
    for (auto _ : state) {
      std::vector<xinfang::ClockReport> reports = xinfang::evaluate_clocks(s, policy, calendar, now);
      benchmark::DoNotOptimize(reports);
    }
    const xinfang::ClockReport handling = xinfang::evaluate_clock(s, *policy.find_clock("handling"), calendar, now);
    if (handling.deadline != local(2026, 3, 18, 0)) {
      throw std::runtime_error("the handling deadline is not Tue 17 Mar 2026, 24:00");
    }
    state.SetItemsProcessed(state.iterations());
  });
}

void clocks_evaluate_handling(benchmark::State& state) {
  guarded(state, [&] {
    const xinfang::Policy policy = xinfang::Policy::preset(kPolicy);
    const xinfang::Calendar& calendar = xinfang::Calendar::national();
    const xinfang::CaseState& s = handled_case();
    const xinfang::ClockRules& handling = *policy.find_clock("handling");
    const Instant now = local(2026, 3, 2, 9);
    Instant deadline;
    for (auto _ : state) {
      xinfang::ClockReport report = xinfang::evaluate_clock(s, handling, calendar, now);
      deadline = report.deadline;
      benchmark::DoNotOptimize(report);
    }
    if (deadline != local(2026, 3, 18, 0)) throw std::runtime_error("the handling deadline is not Tue 17 Mar, 24:00");
    state.SetItemsProcessed(state.iterations());
  });
}

// The baseline: the same handling deadline counted as a helpdesk would, a day at a time — walk
// the log for the start, the pauses and the extensions, then step through the calendar day by
// day to the last day, and roll forward a day at a time.
void clocks_naive_day_count(benchmark::State& state) {
  guarded(state, [&] {
    const xinfang::Calendar& calendar = xinfang::Calendar::national();
    const xinfang::CaseState& s = handled_case();
    Instant deadline;
    for (auto _ : state) {
      Instant start;
      Instant paused_from;
      int days = 60;
      for (const xinfang::ClockMark& mark : s.timeline) {
        if (mark.type == "accepted") start = mark.at;
        if (mark.type == "extension_approved") days += mark.amount;
        if (mark.type == "suspended") paused_from = mark.at;
        if (mark.type == "resumed") {
          for (xinfang::Date d = calendar.local_date(paused_from); d < calendar.local_date(mark.at);
               d += boost::gregorian::days(1)) {
            ++days;
          }
        }
      }
      xinfang::Date day = calendar.local_date(start);
      for (int k = 0; k < days; ++k) day += boost::gregorian::days(1);
      while (!calendar.is_working_day(day)) day += boost::gregorian::days(1);
      deadline = calendar.end_of_day(day);
      benchmark::DoNotOptimize(deadline);
    }
    if (deadline != local(2026, 3, 18, 0)) throw std::runtime_error("the naive count disagrees");
    state.SetItemsProcessed(state.iterations());
  });
}

}  // namespace xinfang_bench
