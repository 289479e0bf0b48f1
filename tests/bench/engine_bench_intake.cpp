// The intake benchmarks: single (one transaction per case), batch, and decide() alone, each
// engine benchmark beside the raw SQLite one that stores as many bytes.
#include "engine_bench_support.hpp"

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace xinfang_bench {
namespace {

// The petitions the single-intake benchmarks cycle through, built once (outside timing).
const std::vector<Json>& single_petitions() {
  static const std::vector<Json> list = [] {
    std::vector<Json> out;
    const Instant now = local(2025, 3, 3, 9);
    for (std::int64_t i = 0; i < g_config.single_pool; ++i) out.push_back(petition(static_cast<std::uint64_t>(i), now));
    return out;
  }();
  return list;
}

}  // namespace

// ---- single intake ----

void intake_single_engine(benchmark::State& state, Durability durability) {
  guarded(state, [&] {
    const std::vector<Json>& list = single_petitions();
    const std::string path = g_run_dir.file("single-engine.db");
    fresh_file(path);
    {
      BenchEngine e = open_engine(path, durability, local(2025, 3, 3, 9));
      std::size_t i = 0;
      for (auto _ : state) {
        try {
          e.clock->advance(bpt::seconds(1));
          CommandResult result = e.engine.intake_json(kRegistrar, list[i]);
          benchmark::DoNotOptimize(result);
        } catch (const std::exception& ex) {
          state.SkipWithError(ex.what());
          g_failed = true;
          break;
        }
        if (++i == list.size()) i = 0;
      }
      state.SetItemsProcessed(state.iterations());
    }
    remove_database(path);
  });
}

void intake_single_raw(benchmark::State& state, Durability durability) {
  guarded(state, [&] {
    const std::string path = g_run_dir.file("single-raw.db");
    remove_database(path);
    {
      RawDb db(path, durability);
      db.exec(kRawSchema);
      const Filler filler(static_cast<std::size_t>(std::lround(g_stored.bytes_per_case)));
      RawStatement begin(db.handle(), "BEGIN IMMEDIATE");
      RawStatement insert(db.handle(), kRawInsert);
      RawStatement commit(db.handle(), "COMMIT");
      std::int64_t i = 0;
      for (auto _ : state) {
        try {
          begin.run();
          sqlite3_bind_blob(insert.get(), 1, filler.row(i), filler.size(), SQLITE_STATIC);
          insert.run();
          commit.run();
        } catch (const std::exception& ex) {
          state.SkipWithError(ex.what());
          g_failed = true;
          break;
        }
        ++i;
      }
      state.SetItemsProcessed(state.iterations());
    }
    remove_database(path);
  });
}

// ---- batch intake ----

void intake_batch_engine(benchmark::State& state, bool parallel) {
  guarded(state, [&] {
    const Instant now = local(2025, 3, 3, 9);
    const std::vector<IntakeRequest> batch = petitions(0, g_config.batch, now);
    const std::string path = g_run_dir.file("batch-engine.db");
    for (auto _ : state) {
      state.PauseTiming();
      fresh_file(path);
      auto e =
          std::make_unique<BenchEngine>(open_engine(path, Durability::normal, now + bpt::minutes(1), "", parallel));
      std::vector<CommandResult> results;
      state.ResumeTiming();
      try {
        results = e->engine.intake_batch(kRegistrar, batch);
      } catch (const std::exception& ex) {
        state.SkipWithError(ex.what());
        g_failed = true;
        break;
      }
      state.PauseTiming();
      if (static_cast<std::int64_t>(results.size()) != g_config.batch) throw std::runtime_error("batch short");
      results.clear();
      e.reset();
      remove_database(path);
      state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * g_config.batch);
  });
}

void intake_batch_raw(benchmark::State& state) {
  guarded(state, [&] {
    const std::string path = g_run_dir.file("batch-raw.db");
    const Filler filler(static_cast<std::size_t>(std::lround(g_stored.bytes_per_case)));
    for (auto _ : state) {
      state.PauseTiming();
      remove_database(path);
      auto db = std::make_unique<RawDb>(path, Durability::normal);
      db->exec(kRawSchema);
      state.ResumeTiming();
      try {
        RawStatement insert(db->handle(), kRawInsert);
        db->exec("BEGIN IMMEDIATE");
        for (std::int64_t i = 0; i < g_config.batch; ++i) {
          sqlite3_bind_blob(insert.get(), 1, filler.row(i), filler.size(), SQLITE_STATIC);
          insert.run();
        }
        db->exec("COMMIT");
      } catch (const std::exception& ex) {
        state.SkipWithError(ex.what());
        g_failed = true;
        break;
      }
      state.PauseTiming();
      db.reset();
      remove_database(path);
      state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * g_config.batch);
  });
}

// ---- breakdown: decide() alone ----

void intake_decide_only(benchmark::State& state) {
  guarded(state, [&] {
    const xinfang::Policy policy = xinfang::Policy::preset(kPolicy);
    const xinfang::Calendar& calendar = xinfang::Calendar::national();
    const std::vector<Json>& list = single_petitions();
    const xinfang::Actor actor{kRegistrar, "city", "petition_office", {"registrar"}};
    const std::string salt(64, '5');
    std::size_t i = 0;
    for (auto _ : state) {
      try {
        xinfang::DecideContext context{policy, calendar, local(2025, 3, 3, 9), actor, "MZJ-2025-000123X", "QC7K2M9P",
                                       salt,   {}};
        std::vector<xinfang::Event> events =
            xinfang::decide(xinfang::CaseState{}, xinfang::Command{"intake", list[i]}, context);
        benchmark::DoNotOptimize(events);
      } catch (const std::exception& ex) {
        state.SkipWithError(ex.what());
        g_failed = true;
        break;
      }
      if (++i == list.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
  });
}

}  // namespace xinfang_bench
