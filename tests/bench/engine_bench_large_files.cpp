// The large files of the get and list benchmarks: 1,000,000 cases, and as many raw rows, built
// outside timing (or reused from the cache of --engine_keep_large).
#include "engine_bench_support.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace xinfang_bench {
namespace {

// Bump when the generated data or the file layout changes, so that a cached large file is not
// reused (2: events keyed by case and sequence, identity keys as bytes, within schema version 2;
// 3: the clock outcomes clustered by their settling instant, within schema version 4).
constexpr int kDataVersion = 3;

// Reads a file once so that it is in the operating system's cache (the get and list figures are
// for a warm file, not a cold disk).
void read_through(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
  }
}

std::string cached_name(const char* kind) {
  return g_config.dir + "/engine-bench-" + kind + "-schema" + std::to_string(g_stored.schema_version) + "-data" +
         std::to_string(kDataVersion) + "-" + std::to_string(g_config.large_cases) + ".db";
}

// Where a large file goes: the cache (kept, with a marker once complete) or the run directory.
struct LargeFile {
  std::string path;
  bool reused = false;
};

LargeFile large_path(const char* kind) {
  if (!g_config.keep_large) return {g_run_dir.file(std::string(kind) + ".db"), false};
  const std::string path = cached_name(kind);
  if (fs::exists(path + ".complete")) return {path, true};
  remove_database(path);
  return {path, false};
}

void mark_complete(const std::string& path) {
  if (g_config.keep_large) std::ofstream(path + ".complete") << "complete\n";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void build_large_engine_file(const std::string& path) {
  const std::int64_t n = g_config.large_cases;
  std::fprintf(stderr, "engine_bench: building %s with %lld cases (intake_batch, %lld per batch)...\n", path.c_str(),
               static_cast<long long>(n), static_cast<long long>(g_config.large_chunk));
  fs::copy_file(template_file(), path);
  BenchEngine e = open_engine(path, Durability::normal, local(2021, 1, 4, 9));
  const auto start = std::chrono::steady_clock::now();
  // Chunk c is registered on 2021-01-04 + 85c days (20 chunks span 2021..2025, so that no
  // organisation's yearly sequence nears its six digits); every fifth by the district office.
  std::int64_t chunk_index = 0;
  for (std::int64_t first = 0; first < n; first += g_config.large_chunk, ++chunk_index) {
    const std::int64_t count = std::min(g_config.large_chunk, n - first);
    const Instant now =
        local(2021, 1, 4, 9) + boost::gregorian::days(85 * (chunk_index % 20)) + bpt::minutes(chunk_index / 20);
    e.clock->set(now);
    const char* actor = chunk_index % 5 == 4 ? kDistrictRegistrar : kRegistrar;
    e.engine.intake_batch(actor, petitions(static_cast<std::uint64_t>(first) + 100000000ULL, count, now));
  }
  const double intake_seconds = seconds_since(start);
  std::fprintf(stderr, "engine_bench:   %lld intakes in %.1f s (%.0f cases/s)\n", static_cast<long long>(n),
               intake_seconds, static_cast<double>(n) / intake_seconds);

  // Some cases move on, one command (one transaction) each: accepted, and most of those routed to
  // their unit's handlers, so that lists by status and unit have something to find.
  std::vector<std::pair<std::string, std::string>> to_accept;  // number, category
  {
    RawDb db(path, Durability::normal);
    RawStatement s(db.handle(), "SELECT number, category FROM cases WHERE organisation = 'city' ORDER BY id");
    std::int64_t k = 0;
    while (s.step()) {
      if (k++ % g_config.accept_every == 0) to_accept.emplace_back(s.text(0), s.text(1));
    }
  }
  const auto route_start = std::chrono::steady_clock::now();
  e.clock->set(local(2025, 9, 1, 9));
  std::int64_t accepted = 0, routed = 0, refused = 0;
  for (std::size_t k = 0; k < to_accept.size(); ++k) {
    const auto& [number, category] = to_accept[k];
    e.clock->advance(bpt::seconds(1));
    try {
      e.engine.accept(number, kDispatcher);
    } catch (const xinfang::Error& error) {
      // The statute refuses some: e.g. the same matter open at the district (Art. 19 para. 3).
      if (error.code() != xinfang::ErrorCode::invalid_state) throw;
      ++refused;
      continue;
    }
    ++accepted;
    if (static_cast<std::int64_t>(k) % g_config.route_of_accepted != 0) {
      const std::string unit = unit_of_category(category);
      e.engine.route(number, kDispatcher, unit, handler_id(unit, 1 + static_cast<int>(k % kHandlersPerUnit)));
      ++routed;
    }
  }
  const double route_seconds = seconds_since(route_start);
  const std::int64_t commands = accepted + routed + refused;
  std::fprintf(stderr,
               "engine_bench:   %lld accepted (%lld refused by the lifecycle rules) and %lld routed: %lld commands in "
               "%.1f s (%.0f commands/s, Durability::normal)\n",
               static_cast<long long>(accepted), static_cast<long long>(refused), static_cast<long long>(routed),
               static_cast<long long>(commands), route_seconds, static_cast<double>(commands) / route_seconds);
}

// Builds (or reuses) a large file once; a failure is remembered, so that the next repetition
// reports it again instead of building again.
template <typename File, typename Make>
File& once(std::unique_ptr<File>& slot, std::string& failure, Make&& make) {
  if (slot) return *slot;
  if (!failure.empty()) throw std::runtime_error(failure);
  try {
    slot = std::make_unique<File>(make());
  } catch (const std::exception& e) {
    failure = e.what();
    throw;
  }
  return *slot;
}

std::unique_ptr<LargeEngineFile> g_large_engine;
std::string g_large_engine_failure;

std::unique_ptr<LargeRawFile> g_large_raw;
std::string g_large_raw_failure;

}  // namespace

LargeEngineFile& large_engine_file() {
  return once(g_large_engine, g_large_engine_failure, [] {
    LargeEngineFile f;
    const LargeFile where = large_path("large-engine");
    f.path = where.path;
    if (where.reused) {
      std::fprintf(stderr, "engine_bench: reusing %s\n", f.path.c_str());
    } else {
      build_large_engine_file(f.path);
      mark_complete(f.path);
    }
    {
      RawDb db(f.path, Durability::normal);
      RawStatement s(db.handle(), "SELECT number FROM cases ORDER BY id");
      while (s.step()) f.numbers.push_back(s.text(0));
      const std::int64_t pages = db.integer("PRAGMA page_count") * db.integer("PRAGMA page_size");
      g_stored.file_bytes_per_case = static_cast<double>(pages) / static_cast<double>(f.numbers.size());
      g_stored.large_events_per_case =
          static_cast<double>(db.integer("SELECT count(*) FROM events")) / static_cast<double>(f.numbers.size());
    }
    if (static_cast<std::int64_t>(f.numbers.size()) != g_config.large_cases) {
      throw std::runtime_error(f.path + " holds " + std::to_string(f.numbers.size()) + " cases, not " +
                               std::to_string(g_config.large_cases) + "; delete it");
    }
    read_through(f.path);
    f.engine = std::make_unique<BenchEngine>(open_engine(f.path, Durability::normal, local(2025, 12, 1, 9)));
    return f;
  });
}

LargeRawFile& large_raw_file() {
  return once(g_large_raw, g_large_raw_failure, [] {
    LargeRawFile f;
    const LargeFile where = large_path("large-raw");
    f.path = where.path;
    const std::size_t row_bytes = static_cast<std::size_t>(std::lround(g_stored.bytes_per_case));
    {
      RawDb db(f.path, Durability::normal);
      if (!where.reused) {
        const auto start = std::chrono::steady_clock::now();
        db.exec(kRawSchema);
        const Filler filler(row_bytes);
        RawStatement insert(db.handle(), kRawInsert);
        db.exec("BEGIN IMMEDIATE");
        for (std::int64_t i = 0; i < g_config.large_cases; ++i) {
          sqlite3_bind_blob(insert.get(), 1, filler.row(i), filler.size(), SQLITE_STATIC);
          insert.run();
        }
        db.exec("COMMIT");
        std::fprintf(stderr, "engine_bench: %lld raw rows of %zu bytes in %.1f s\n",
                     static_cast<long long>(g_config.large_cases), row_bytes, seconds_since(start));
      }
      f.rows = db.integer("SELECT count(*) FROM raw_rows");
      const std::int64_t pages = db.integer("PRAGMA page_count") * db.integer("PRAGMA page_size");
      f.file_bytes_per_row = static_cast<double>(pages) / static_cast<double>(std::max<std::int64_t>(f.rows, 1));
    }
    if (f.rows != g_config.large_cases) throw std::runtime_error(f.path + " has the wrong number of rows; delete it");
    if (!where.reused) mark_complete(f.path);
    read_through(f.path);
    return f;
  });
}

void close_large_files() {
  g_large_engine.reset();
  g_large_raw.reset();
}

}  // namespace xinfang_bench
