// What the engine benchmark's files share (engine_bench.cpp documents the benchmarks and flags):
// the configuration, the raw-SQLite helpers, the petition generator, the engines and their
// template file, the measured sizes and the large files of the get and list benchmarks.
#ifndef XINFANG_TESTS_BENCH_ENGINE_BENCH_SUPPORT_HPP
#define XINFANG_TESTS_BENCH_ENGINE_BENCH_SUPPORT_HPP

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "xinfang/dossier.hpp"
#include "xinfang/engine.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"

#ifndef XF_BENCH_DEFAULT_DIR
#define XF_BENCH_DEFAULT_DIR "."
#endif

namespace xinfang_bench {

namespace fs = std::filesystem;
namespace bpt = boost::posix_time;
using xinfang::CommandResult;
using xinfang::Durability;
using xinfang::Engine;
using xinfang::Instant;
using xinfang::IntakeRequest;
using xinfang::Json;
using xinfang::Petition;

inline constexpr const char* kPolicy = "cn-national-2022";
inline constexpr std::uint64_t kSeed = 20250303;
inline constexpr std::int64_t kListLimit = 50;

// ---- configuration ----

struct Config {
  bool quick = false;
  std::string dir = XF_BENCH_DEFAULT_DIR;
  std::int64_t large_cases = 1000000;
  std::int64_t large_chunk = 50000;  // the large file is built with intake_batch in chunks of this
  std::int64_t batch = 100000;
  std::int64_t sample_cases = 2000;    // for the mean stored size
  std::int64_t single_pool = 20000;    // distinct petitions the single-intake benchmarks cycle through
  std::int64_t repeater_pool = 30000;  // people who petition more than once
  std::int64_t accept_every = 40;      // the large file: 1 city case in 40 accepted...
  std::int64_t route_of_accepted = 4;  // ...and 3 of every 4 of those routed to a unit
  bool keep_large = false;
};

extern Config g_config;
extern bool g_failed;

// Takes this program's flags out of argv (Google Benchmark refuses flags it does not know).
void read_flags(int* argc, char** argv);

// ---- files ----

// The run's own directory under the configured one, removed with everything in it at exit.
class RunDir {
 public:
  RunDir() = default;
  RunDir(const RunDir&) = delete;
  RunDir& operator=(const RunDir&) = delete;
  ~RunDir();
  void create(const std::string& base);
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

extern RunDir g_run_dir;

void remove_database(const std::string& path);

// ---- raw SQLite ----

// Defined here rather than in a .cpp so that the raw benchmarks' timed loops can inline them.

[[noreturn]] void sqlite_fail(sqlite3* db, const std::string& doing);

class RawStatement {
 public:
  RawStatement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s_, nullptr) !=
        SQLITE_OK) {
      sqlite_fail(db, "preparing " + sql);
    }
  }
  ~RawStatement() { sqlite3_finalize(s_); }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;

  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    sqlite3_reset(s_);
    if (rc != SQLITE_DONE) sqlite_fail(db_, "running a statement");
    return false;
  }
  void run() {
    while (step()) {
    }
  }
  void reset() { sqlite3_reset(s_); }
  sqlite3_stmt* get() const { return s_; }
  std::int64_t integer(int column) const { return sqlite3_column_int64(s_, column); }
  std::string text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(s_, column));
    return data == nullptr ? std::string()
                           : std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(s_, column)));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

class RawDb {
 public:
  RawDb(const std::string& path, Durability durability) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      const std::string message = "cannot open " + path + ": " + sqlite3_errmsg(db_);
      sqlite3_close_v2(db_);
      throw std::runtime_error(message);
    }
    sqlite3_busy_timeout(db_, 30000);
    // The engine's settings (src/store/sqlite_store.cpp): WAL, and synchronous by durability.
    exec("PRAGMA journal_mode = WAL");
    exec(durability == Durability::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = std::string(sql) + ": " + (error != nullptr ? error : "failed");
      sqlite3_free(error);
      throw std::runtime_error(message);
    }
  }
  std::int64_t integer(const std::string& sql) {
    RawStatement s(db_, sql);
    const std::int64_t value = s.step() ? s.integer(0) : 0;
    s.reset();
    return value;
  }
  double real(const std::string& sql) {
    RawStatement s(db_, sql);
    const double value = s.step() ? sqlite3_column_double(s.get(), 0) : 0;
    s.reset();
    return value;
  }
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// The raw side's table: a row of `bytes` bytes under an integer primary key.
inline constexpr const char* kRawSchema =
    "CREATE TABLE IF NOT EXISTS raw_rows (id INTEGER PRIMARY KEY, data BLOB NOT NULL)";
inline constexpr const char* kRawInsert = "INSERT INTO raw_rows (data) VALUES (?)";

// Pseudo-random printable bytes; each raw row is a slice of it at a different offset.
class Filler {
 public:
  explicit Filler(std::size_t row_bytes) : row_bytes_(row_bytes), pool_(row_bytes + 65536, ' ') {
    std::mt19937_64 rng(kSeed);
    for (char& c : pool_) c = static_cast<char>(' ' + rng() % 95);
  }
  const char* row(std::int64_t i) const {
    return pool_.data() + static_cast<std::size_t>(i * 7919) % (pool_.size() - row_bytes_);
  }
  int size() const { return static_cast<int>(row_bytes_); }

 private:
  std::size_t row_bytes_;
  std::string pool_;
};

// ---- the petitions (engine_bench_petitions.cpp) ----

// Petition i of a data set: deterministic, varied. 15% come from people of a pool who petition
// more than once (their earlier cases are found by the repeat detection).
Json petition(std::uint64_t i, Instant now);
std::vector<IntakeRequest> petitions(std::uint64_t first, std::int64_t count, Instant now);

// The route a category's cases take (the policy's routing rules, given explicitly).
std::string unit_of_category(const std::string& category);

// ---- engines ----

// "YYYY-MM-DD HH:MM" at UTC+8.
Instant local(int year, int month, int day, int hour);

inline constexpr const char* kRegistrar = "reg-1";           // city, petition_office
inline constexpr const char* kDistrictRegistrar = "reg-d1";  // district, petition_office_district
inline constexpr const char* kDispatcher = "disp-1";
inline constexpr const char* kHandlerUnits[] = {"social_assistance", "pensions", "disability",
                                                "elderly",           "marriage", "general"};
inline constexpr int kHandlersPerUnit = 3;

std::string handler_id(const std::string& unit, int k);

struct BenchEngine {
  std::shared_ptr<xinfang::ManualClock> clock;
  Engine engine;
};

BenchEngine open_engine(const std::string& path, Durability durability, Instant start, const std::string& policy = "",
                        bool parallel_batches = true);

// A file with the schema, the policy and the staff, made once per run and copied for every
// benchmark that needs a fresh file.
const std::string& template_file();

// A fresh copy of the template at @p path (which must not exist).
void fresh_file(const std::string& path);

// ---- what the engine stores per case ----

struct StoredSize {
  double bytes_per_case = 0;       // event rows + case row
  double events_per_case = 0;      // events per case after intake
  double file_bytes_per_case = 0;  // pages of the whole file (with indexes) per case
  std::int64_t schema_version = 0;
  double large_events_per_case = 0;  // in the large file (repeats flagged, accepted, routed)
  double engine_wal_pages = 0;       // pages one single-case intake writes to the WAL
  double raw_wal_pages = 0;          // pages one raw single-row transaction writes to the WAL
  double engine_distinct_pages = 0;  // distinct pages per intake over 1,000 single-case commits
  double raw_distinct_pages = 0;     // the same for the raw inserts
};

extern StoredSize g_stored;

// Registers a sample and measures it; also checks that the engine's chains verify.
StoredSize measure_stored_size();

// Pages written to the WAL per single-row commit, engine and raw, and the distinct pages among
// them; fills the WAL fields of @p size.
void measure_wal_pages(StoredSize& size);

// ---- the large files (engine_bench_large_files.cpp) ----

struct LargeEngineFile {
  std::string path;
  std::vector<std::string> numbers;
  std::unique_ptr<BenchEngine> engine;
};

struct LargeRawFile {
  std::string path;
  std::int64_t rows = 0;
  double file_bytes_per_row = 0;
};

// Each is built (or reused from the cache) on first use, and read once so that it is warm.
LargeEngineFile& large_engine_file();
LargeRawFile& large_raw_file();

// Closes the large files' engine before g_run_dir removes the run directory.
void close_large_files();

// ---- benchmark plumbing ----

// Runs @p body; an exception skips the benchmark with its message (and fails the program).
template <typename Body>
void guarded(benchmark::State& state, Body&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    g_failed = true;
    if (!state.error_occurred()) state.SkipWithError(e.what());
  }
}

// ---- the benchmarks ----

// engine_bench_dossier.cpp
void dossier_export(benchmark::State& state, xinfang::DossierFormat format);
void dossier_export_raw(benchmark::State& state);
void dossier_import(benchmark::State& state, xinfang::DossierFormat format);
void dossier_import_raw(benchmark::State& state);
std::int64_t dossier_cases();

// engine_bench_intake.cpp
void intake_single_engine(benchmark::State& state, Durability durability);
void intake_single_raw(benchmark::State& state, Durability durability);
/// @p parallel: EngineOptions::parallel_batches.
void intake_batch_engine(benchmark::State& state, bool parallel);
void intake_batch_raw(benchmark::State& state);
void intake_decide_only(benchmark::State& state);
void intake_single_c_abi(benchmark::State& state, Durability durability);  // engine_bench_capi.cpp
void intake_batch_c_abi(benchmark::State& state);
void intake_single_cpp_json_text(benchmark::State& state);
void intake_single_cpp_typed(benchmark::State& state);
void intake_single_c_abi_typed(benchmark::State& state);
void capi_breakdown_parse(benchmark::State& state);

// engine_bench_report.cpp
void report_engine(benchmark::State& state, const std::string& period);
void report_naive_received(benchmark::State& state, const std::string& period);

// engine_bench_sweep.cpp
/// Sweeps a benchmark can run on one file: one per repetition.
std::int64_t sweep_rounds();
void sweep_engine(benchmark::State& state, std::int64_t open_cases);
void clocks_evaluate(benchmark::State& state);
void clocks_evaluate_handling(benchmark::State& state);
void clocks_naive_day_count(benchmark::State& state);

// engine_bench_queries.cpp
void get_engine(benchmark::State& state);
void get_engine_sql_only(benchmark::State& state);
void get_raw(benchmark::State& state);

enum class ListKind { status_unit, text, newest };
void list_engine(benchmark::State& state, ListKind kind);

}  // namespace xinfang_bench

#endif
