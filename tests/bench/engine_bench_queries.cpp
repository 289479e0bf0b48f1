// The get and list benchmarks, on the large files (engine_bench_large_files.cpp).
#include "engine_bench_support.hpp"

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace xinfang_bench {
namespace {

constexpr const char* kTextQuery = "结婚证";  // in one marriage subject of two: ~4% of the cases

// Random indices into the large files, the same sequence for the engine and the raw side.
class Picker {
 public:
  explicit Picker(std::size_t size) : rng_(kSeed), size_(size) {}
  std::size_t next() { return static_cast<std::size_t>(rng_() % size_); }

 private:
  std::mt19937_64 rng_;
  std::size_t size_;
};

}  // namespace

// ---- get ----

void get_engine(benchmark::State& state) {
  guarded(state, [&] {
    LargeEngineFile& f = large_engine_file();
    Picker pick(f.numbers.size());
    for (auto _ : state) {
      try {
        const std::string& number = f.numbers[pick.next()];
        xinfang::CaseRecord record = f.engine->engine.get(number);
        benchmark::DoNotOptimize(record);
      } catch (const std::exception& ex) {
        state.SkipWithError(ex.what());
        g_failed = true;
        break;
      }
    }
    state.SetItemsProcessed(state.iterations());
  });
}

// What Engine::get asks of SQLite (src/store/sqlite_store.cpp: find_case, events), the rows
// copied out as the store copies them, without folding the log or building any JSON.
void get_engine_sql_only(benchmark::State& state) {
  guarded(state, [&] {
    LargeEngineFile& f = large_engine_file();
    RawDb db(f.path, Durability::normal);
    RawStatement find(db.handle(),
                      "SELECT id, number, scope, sequence, version, head_hash, status, open, organisation, unit, "
                      "handler, type, category, region, channel, subject, received_at, registered_at, updated_at, "
                      "key_case, repeat, confidential, query_code_hash FROM cases WHERE number = ?");
    RawStatement events(db.handle(),
                        "SELECT sequence, type, at, actor, command, payload, policy_name, policy_version, "
                        "previous_hash, hash FROM events WHERE id BETWEEN ? AND ? ORDER BY id");
    // Which columns are text (copied as the store copies them); the others are integers.
    static const bool case_text[23] = {false, true, true, false, false, true,  false, false, true,  true,  true, false,
                                       true,  true, true, true,  false, false, false, false, false, false, true};
    static const bool event_text[10] = {false, true, false, true, true, true, true, true, true, true};
    const auto copy_row = [](const RawStatement& s, const bool* is_text, int columns, std::vector<std::string>& texts,
                             std::vector<std::int64_t>& integers) {
      for (int c = 0; c < columns; ++c) {
        if (is_text[c]) {
          texts.push_back(s.text(c));
        } else {
          integers.push_back(s.integer(c));
        }
      }
    };
    Picker pick(f.numbers.size());
    for (auto _ : state) {
      try {
        const std::string& number = f.numbers[pick.next()];
        std::vector<std::string> texts;
        std::vector<std::int64_t> integers;
        db.exec("BEGIN");
        sqlite3_bind_text(find.get(), 1, number.data(), static_cast<int>(number.size()), SQLITE_TRANSIENT);
        if (!find.step()) throw std::runtime_error("no case " + number);
        copy_row(find, case_text, 23, texts, integers);
        const std::int64_t id = find.integer(0);
        find.reset();
        // An event's id is case_id * 2^20 + sequence (src/store/sqlite_schema.cpp).
        sqlite3_bind_int64(events.get(), 1, id << 20);
        sqlite3_bind_int64(events.get(), 2, (id << 20) + ((std::int64_t{1} << 20) - 1));
        while (events.step()) copy_row(events, event_text, 10, texts, integers);
        db.exec("COMMIT");
        benchmark::DoNotOptimize(texts);
        benchmark::DoNotOptimize(integers);
      } catch (const std::exception& ex) {
        state.SkipWithError(ex.what());
        g_failed = true;
        break;
      }
    }
    state.SetItemsProcessed(state.iterations());
  });
}

void get_raw(benchmark::State& state) {
  guarded(state, [&] {
    LargeRawFile& f = large_raw_file();
    RawDb db(f.path, Durability::normal);
    RawStatement select(db.handle(), "SELECT data FROM raw_rows WHERE id = ?");
    Picker pick(static_cast<std::size_t>(f.rows));
    for (auto _ : state) {
      try {
        sqlite3_bind_int64(select.get(), 1, static_cast<std::int64_t>(pick.next()) + 1);
        if (!select.step()) throw std::runtime_error("a raw row is missing");
        std::string data(static_cast<const char*>(sqlite3_column_blob(select.get(), 0)),
                         static_cast<std::size_t>(sqlite3_column_bytes(select.get(), 0)));
        select.reset();
        benchmark::DoNotOptimize(data);
      } catch (const std::exception& ex) {
        state.SkipWithError(ex.what());
        g_failed = true;
        break;
      }
    }
    state.SetItemsProcessed(state.iterations());
  });
}

// ---- list ----

void list_engine(benchmark::State& state, ListKind kind) {
  guarded(state, [&] {
    LargeEngineFile& f = large_engine_file();
    std::size_t unit = 0;
    std::int64_t rows = 0;
    for (auto _ : state) {
      try {
        xinfang::CaseFilter filter;
        filter.limit = kListLimit;
        if (kind == ListKind::status_unit) {
          filter.statuses = {xinfang::CaseStatus::in_handling};
          filter.unit = kHandlerUnits[unit];
          unit = (unit + 1) % (sizeof kHandlerUnits / sizeof kHandlerUnits[0]);
        } else if (kind == ListKind::text) {
          filter.text = kTextQuery;
        }
        std::vector<xinfang::CaseSummary> list = f.engine->engine.list(filter);
        rows += static_cast<std::int64_t>(list.size());
        benchmark::DoNotOptimize(list);
      } catch (const std::exception& ex) {
        state.SkipWithError(ex.what());
        g_failed = true;
        break;
      }
    }
    if (state.iterations() > 0) {
      state.counters["rows"] = static_cast<double>(rows) / static_cast<double>(state.iterations());
      if (rows == 0) state.SkipWithError("the list found nothing: the data set lacks what the filter asks for");
    }
  });
}

}  // namespace xinfang_bench
