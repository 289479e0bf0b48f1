// The engine benchmark's configuration, run directory, engines and their template file, and the
// sizes measured before timing (engine_bench.cpp documents the benchmarks and flags).
#include "engine_bench_support.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace xinfang_bench {

// ---- configuration ----

Config g_config;
bool g_failed = false;

namespace {

std::int64_t parse_count(const std::string& flag, const std::string& text) {
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 1) throw std::invalid_argument(flag + " needs a positive whole number");
  return value;
}

}  // namespace

// --engine_quick sets every size first, so that a size given with it still counts.
void read_flags(int* argc, char** argv) {
  for (int i = 1; i < *argc; ++i) {
    if (std::string(argv[i]) == "--engine_quick") {
      g_config.quick = true;
      g_config.large_cases = 3000;
      g_config.large_chunk = 1000;
      g_config.batch = 500;
      g_config.sample_cases = 100;
      g_config.single_pool = 500;
      g_config.repeater_pool = 100;
      g_config.accept_every = 10;
    }
  }
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&](const char* prefix) { return arg.substr(std::string(prefix).size()); };
    if (arg == "--engine_quick") continue;  // read above
    if (arg.rfind("--engine_dir=", 0) == 0) {
      g_config.dir = value("--engine_dir=");
    } else if (arg.rfind("--engine_large_cases=", 0) == 0) {
      g_config.large_cases = parse_count("--engine_large_cases", value("--engine_large_cases="));
    } else if (arg.rfind("--engine_batch=", 0) == 0) {
      g_config.batch = parse_count("--engine_batch", value("--engine_batch="));
    } else if (arg == "--engine_keep_large") {
      g_config.keep_large = true;
    } else {
      argv[kept++] = argv[i];
    }
  }
  *argc = kept;
  argv[kept] = nullptr;
  g_config.large_chunk = std::min(g_config.large_chunk, g_config.large_cases);
}

// ---- files ----

RunDir::~RunDir() {
  std::error_code ignored;
  if (!path_.empty()) fs::remove_all(path_, ignored);
}

void RunDir::create(const std::string& base) {
  fs::create_directories(base);
  std::string pattern = base + "/engine-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a directory in " + base);
  path_ = pattern;
}

RunDir g_run_dir;

void remove_database(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
}

// ---- raw SQLite ----

[[noreturn]] void sqlite_fail(sqlite3* db, const std::string& doing) {
  throw std::runtime_error(doing + ": " + (db != nullptr ? sqlite3_errmsg(db) : "no database"));
}

// ---- engines ----

Instant local(int year, int month, int day, int hour) {
  return Instant(boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                                        static_cast<unsigned short>(day)),
                 bpt::hours(hour - 8));
}

namespace {

const char* const kAdmin = "admin";

}  // namespace

std::string handler_id(const std::string& unit, int k) {
  return "h-" + unit + "-" + std::to_string(k);
}

BenchEngine open_engine(const std::string& path, Durability durability, Instant start, const std::string& policy,
                        bool parallel_batches) {
  auto clock = std::make_shared<xinfang::ManualClock>(start);
  xinfang::EngineOptions options;
  options.database = path;
  options.policy = policy;
  options.clock = clock;
  options.random = std::make_shared<xinfang::SeededRandom>(kSeed);
  options.durability = durability;
  options.parallel_batches = parallel_batches;
  return BenchEngine{clock, Engine::open(options)};
}

const std::string& template_file() {
  static const std::string path = [] {
    const std::string file = g_run_dir.file("template.db");
    BenchEngine e = open_engine(file, Durability::normal, local(2020, 1, 2, 9), kPolicy);
    const auto put = [&](const std::string& id, const char* org, const std::string& unit, const char* role) {
      e.engine.put_staff(kAdmin, xinfang::StaffMember{id, "职员" + id, org, unit, {role}, true});
    };
    put(kRegistrar, "city", "petition_office", "registrar");
    put(kDistrictRegistrar, "district", "petition_office_district", "registrar");
    put(kDispatcher, "city", "petition_office", "dispatcher");
    for (const char* unit : kHandlerUnits) {
      for (int k = 1; k <= kHandlersPerUnit; ++k) put(handler_id(unit, k), "city", unit, "handler");
    }
    return file;
  }();
  return path;
}

void fresh_file(const std::string& path) {
  remove_database(path);
  fs::copy_file(template_file(), path);
}

// ---- what the engine stores per case ----

StoredSize g_stored;

namespace {

constexpr const char* kEventBytes =
    "SELECT total(length(CAST(type AS BLOB)) + length(CAST(actor AS BLOB)) + length(CAST(command AS BLOB)) + "
    "length(CAST(payload AS BLOB)) + length(CAST(policy_name AS BLOB)) + length(CAST(policy_version AS BLOB)) + "
    "length(CAST(previous_hash AS BLOB)) + length(CAST(hash AS BLOB)) + 4 * 8) FROM events";
constexpr const char* kCaseBytes =
    "SELECT total(length(CAST(number AS BLOB)) + length(CAST(scope AS BLOB)) + length(CAST(head_hash AS BLOB)) + "
    "length(CAST(organisation AS BLOB)) + length(CAST(unit AS BLOB)) + length(CAST(handler AS BLOB)) + "
    "length(CAST(category AS BLOB)) + length(CAST(region AS BLOB)) + length(CAST(channel AS BLOB)) + "
    "length(CAST(subject AS BLOB)) + length(CAST(query_code_hash AS BLOB)) + 12 * 8) FROM cases";

// The frames of a database's WAL, and how many distinct pages they hold: each frame is a 24-byte
// header, whose first 4 bytes are the page number (big-endian), and a page; the file starts with
// a 32-byte header.
struct WalPages {
  double frames = 0;
  double distinct = 0;
};
WalPages wal_pages(const std::string& path, std::int64_t page_size) {
  std::ifstream in(path + "-wal", std::ios::binary);
  WalPages pages;
  std::set<std::uint32_t> seen;
  std::vector<unsigned char> frame(static_cast<std::size_t>(page_size) + 24);
  in.seekg(32);
  while (in.read(reinterpret_cast<char*>(frame.data()), static_cast<std::streamsize>(frame.size()))) {
    pages.frames += 1;
    seen.insert((std::uint32_t{frame[0]} << 24) | (std::uint32_t{frame[1]} << 16) | (std::uint32_t{frame[2]} << 8) |
                frame[3]);
  }
  pages.distinct = static_cast<double>(seen.size());
  return pages;
}

}  // namespace

StoredSize measure_stored_size() {
  const std::string path = g_run_dir.file("sample.db");
  fresh_file(path);
  const Instant now = local(2025, 3, 3, 9);
  {
    BenchEngine e = open_engine(path, Durability::normal, now);
    // Indices far from the ones the benchmarks use, from the same generator.
    const auto results = e.engine.intake_batch(kRegistrar, petitions(900000000ULL, g_config.sample_cases, now));
    if (static_cast<std::int64_t>(results.size()) != g_config.sample_cases) throw std::runtime_error("sample short");
    const xinfang::VerifyReport report = e.engine.verify();
    if (!report.ok) throw std::runtime_error("the sample file does not verify: " + report.message);
  }
  StoredSize size;
  {
    RawDb db(path, Durability::normal);
    const double cases = static_cast<double>(db.integer("SELECT count(*) FROM cases"));
    size.bytes_per_case = (db.real(kEventBytes) + db.real(kCaseBytes)) / cases;
    size.events_per_case = static_cast<double>(db.integer("SELECT count(*) FROM events")) / cases;
    size.schema_version = db.integer("PRAGMA user_version");
  }
  remove_database(path);
  return size;
}

// Pages written to the WAL per single-row commit, engine and raw, and the distinct pages among
// them over kCommits commits — what a checkpoint copies into the database file and flushes. No
// checkpoint runs meanwhile: the engine's comes at 10,000 pages, the raw file's is switched off.
void measure_wal_pages(StoredSize& size) {
  constexpr int kCommits = 1000;
  const std::string path = g_run_dir.file("wal.db");
  std::int64_t page_size = 4096;
  fresh_file(path);
  {
    RawDb db(path, Durability::normal);
    page_size = db.integer("PRAGMA page_size");
  }
  {
    BenchEngine e = open_engine(path, Durability::normal, local(2025, 3, 3, 9));
    const WalPages before = wal_pages(path, page_size);
    for (int i = 0; i < kCommits; ++i) {
      e.clock->advance(bpt::seconds(1));
      e.engine.intake_json(kRegistrar, petition(800000000ULL + static_cast<std::uint64_t>(i), local(2025, 3, 3, 9)));
    }
    const WalPages after = wal_pages(path, page_size);
    if (after.frames < before.frames) throw std::runtime_error("the engine's WAL was checkpointed while counting");
    size.engine_wal_pages = (after.frames - before.frames) / kCommits;
    size.engine_distinct_pages = after.distinct / kCommits;
  }
  remove_database(path);
  {
    RawDb db(path, Durability::normal);
    db.exec("PRAGMA wal_autocheckpoint = 0");
    db.exec(kRawSchema);
    const Filler filler(static_cast<std::size_t>(std::lround(size.bytes_per_case)));
    RawStatement insert(db.handle(), kRawInsert);
    const WalPages before = wal_pages(path, page_size);
    for (int i = 0; i < kCommits; ++i) {
      db.exec("BEGIN IMMEDIATE");
      sqlite3_bind_blob(insert.get(), 1, filler.row(i), filler.size(), SQLITE_STATIC);
      insert.run();
      db.exec("COMMIT");
    }
    const WalPages after = wal_pages(path, page_size);
    size.raw_wal_pages = (after.frames - before.frames) / kCommits;
    size.raw_distinct_pages = after.distinct / kCommits;
  }
  remove_database(path);
}

}  // namespace xinfang_bench
