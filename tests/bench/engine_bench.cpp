// Engine benchmark: the engine on its SQLite file against raw SQLite (the sqlite3 C API, the same
// file settings) doing the least that stores the same bytes.
//
//   intake_single/<durability>/engine      Engine::intake_json, one case per call (its own
//                                          BEGIN IMMEDIATE transaction), Durability::normal and full
//   intake_single/<durability>/raw_sqlite  BEGIN IMMEDIATE; INSERT one row of the same byte size
//                                          (prepared); COMMIT, with WAL and the same synchronous
//   intake_batch/engine                    Engine::intake_batch of 100,000 petitions (one transaction)
//   intake_batch/raw_sqlite                100,000 same-sized rows inserted in one transaction
//   intake_breakdown/decide_only           decide() of one intake alone: no store, no hash, no SQL
//   get/engine                             Engine::get of a random case of a file of 1,000,000
//   get/engine_sql_only                    the two queries Engine::get runs, raw, on the same file
//   get/raw_sqlite                         a primary-key lookup of one same-sized row among 1,000,000
//   list/<filter>/engine                   Engine::list with limit 50 on the 1,000,000-case file:
//                                          status + unit, text in the subject, and no filter
//
// The large file is built, outside timing, with intake_batch in chunks of 50,000 registered
// over 2021-2025 by two organisations, after which 1 city case in 40 is accepted and 3 of 4 of
// those routed to a handler, one command each, so that lists by status and unit find something.
// The get and list figures are for a file in the operating system's cache (it is read once first).
//
// "The same byte size" is measured, not assumed: before timing, the program registers a sample of
// petitions and takes the mean bytes the engine stored per case (every column of its event rows
// and of its case row; integers counted as 8 bytes), and the raw rows carry a blob of that size.
// The petitions are varied (channels, types, categories, regions, subjects, one or two
// petitioners, 15% of them people who petitioned before) so that the indexes and the repeat
// detection work as on a real file. The program also counts the pages one single-case commit
// writes to the WAL, for the engine and for the raw insert (the context line
// wal_pages_per_single_commit).
//
// The sizes come from flags read (and removed) before Google Benchmark sees the command line:
//   --engine_quick              tiny sizes, for the CTest smoke run (seconds, also under ASan)
//   --engine_dir=PATH           where the databases go (default: this build directory)
//   --engine_large_cases=N      cases in the file of the get and list benchmarks (1,000,000)
//   --engine_batch=N            petitions per batch (100,000)
//   --engine_keep_large         keep the large files for the next run (a cache keyed by the
//                               schema version, the data version below and N); without it
//                               every file is deleted at exit
// After the run the program prints, from the medians of that same run, each engine/raw ratio
// and whether the target is met.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>
#include "bench_reporter.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "xinfang/engine.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"

#ifndef XF_BENCH_DEFAULT_DIR
#define XF_BENCH_DEFAULT_DIR "."
#endif

namespace {

namespace fs = std::filesystem;
namespace bpt = boost::posix_time;
using xinfang::CommandResult;
using xinfang::Durability;
using xinfang::Engine;
using xinfang::Instant;
using xinfang::IntakeRequest;
using xinfang::Json;

// Bump when the generated data or the file layout changes, so that a cached large file is not
// reused (2: events keyed by case and sequence, identity keys as bytes, within schema version 2).
constexpr int kDataVersion = 2;
constexpr const char* kPolicy = "cn-national-2022";
constexpr std::uint64_t kSeed = 20250303;
constexpr std::int64_t kListLimit = 50;
constexpr const char* kTextQuery = "结婚证";  // in one marriage subject of two: ~4% of the cases

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

Config g_config;
bool g_failed = false;

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

// Takes this program's flags out of argv (Google Benchmark refuses flags it does not know).
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

// The run's own directory under the configured one, removed with everything in it at exit.
class RunDir {
 public:
  RunDir() = default;
  RunDir(const RunDir&) = delete;
  RunDir& operator=(const RunDir&) = delete;
  ~RunDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  void create(const std::string& base) {
    fs::create_directories(base);
    std::string pattern = base + "/engine-bench-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a directory in " + base);
    path_ = pattern;
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

RunDir g_run_dir;

void remove_database(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
}

// Reads a file once so that it is in the operating system's cache (the get and list figures are
// for a warm file, not a cold disk).
void read_through(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
  }
}

// ---- raw SQLite ----

[[noreturn]] void sqlite_fail(sqlite3* db, const std::string& doing) {
  throw std::runtime_error(doing + ": " + (db != nullptr ? sqlite3_errmsg(db) : "no database"));
}

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
constexpr const char* kRawSchema = "CREATE TABLE IF NOT EXISTS raw_rows (id INTEGER PRIMARY KEY, data BLOB NOT NULL)";
constexpr const char* kRawInsert = "INSERT INTO raw_rows (data) VALUES (?)";

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

// ---- the petitions ----

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct CategoryText {
  const char* id;
  int weight;        // in percent
  const char* unit;  // where the routing rules send it
  std::vector<const char*> subjects;
  const char* content;
};

const std::vector<CategoryText>& categories() {
  static const std::vector<CategoryText> list = {
      {"social_assistance",
       30,
       "social_assistance",
       {"最低生活保障金停发", "低保资格被取消", "临时救助申请未获答复"},
       "本人家庭人均收入低于当地最低生活保障标准，此前一直按月领取低保金，自去年起停发，多次到街道询问未获书面答复，"
       "请求查明原因并依法恢复发放。"},
      {"pensions",
       15,
       "pensions",
       {"优抚金发放标准有误", "退役军人安置待遇未落实", "伤残抚恤金调整"},
       "本人系退役军人，按规定应享受定期抚恤补助，但今年发放标准低于文件规定，请求核实并补发差额。"},
      {"disability",
       10,
       "disability",
       {"残疾人两项补贴未到账", "残疾等级评定异议"},
       "家中有重度残疾人一名，已按程序申请困难残疾人生活补贴和重度残疾人护理补贴，至今未到账，请求督促办理。"},
      {"elderly_care",
       15,
       "elderly",
       {"养老院服务质量投诉", "高龄津贴停发", "居家养老服务补贴申请"},
       "老人年满八十周岁，符合高龄津贴发放条件，近期发放中断，养老机构服务也存在问题，请求民政部门调查处理。"},
      {"marriage",
       8,
       "marriage",
       {"婚姻登记信息错误", "补领结婚证手续繁琐"},
       "办理婚姻登记时登记信息录入错误，申请更正时被告知需提供多项证明材料，请求简化手续并予以更正。"},
      {"funeral",
       7,
       "general",
       {"公墓收费过高", "殡葬补贴申领困难"},
       "经营性公墓收费明显高于物价部门核定标准，且存在捆绑收费情况，请求依法查处并规范收费。"},
      {"community",
       10,
       "general",
       {"社区物业管理纠纷", "居委会选举程序不规范"},
       "小区物业服务质量差，业主多次反映无果，居委会未履行协调职责，请求主管部门介入督促整改。"},
      {"other",
       5,
       "general",
       {"政策咨询", "对工作人员态度不满"},
       "前往窗口办理业务时工作人员态度生硬、推诿扯皮，请求对相关人员批评教育并改进窗口服务。"},
  };
  return list;
}

const CategoryText& category_of(std::uint64_t h) {
  int roll = static_cast<int>(h % 100);
  for (const CategoryText& c : categories()) {
    if (roll < c.weight) return c;
    roll -= c.weight;
  }
  return categories().back();
}

const char* channel_of(std::uint64_t h) {
  static const std::pair<const char*, int> channels[] = {{"online", 25},         {"hotline", 20}, {"letter", 20},
                                                         {"visit", 15},          {"phone", 15},   {"email", 4},
                                                         {"leader_reception", 1}};
  int roll = static_cast<int>(h % 100);
  for (const auto& [id, weight] : channels) {
    if (roll < weight) return id;
    roll -= weight;
  }
  return "online";
}

std::string digits(std::uint64_t value, int width) {
  std::string out(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10) out[static_cast<std::size_t>(i)] = '0' + value % 10;
  return out;
}

std::string iso(Instant t) {
  return bpt::to_iso_extended_string(t) + "Z";
}

Json person(std::uint64_t id, const char* region) {
  static const char* const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                         "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
  static const char* const given[] = {"某", "某某", "某甲", "某乙"};
  const std::uint64_t h = mix(id);
  return {{"name", std::string(surnames[h % 20]) + given[(h >> 8) % 4]},
          {"id_number", "110101" + digits(id, 12)},
          {"phone", "13" + digits(h % 1000000000ULL, 9)},
          {"address", std::string("某市") + region + "某路" + std::to_string(1 + (h >> 16) % 2000) + "号"}};
}

// Petition i of a data set: deterministic, varied. 15% come from people of a pool who petition
// more than once (their earlier cases are found by the repeat detection).
Json petition(std::uint64_t i, Instant now) {
  static const std::pair<const char*, const char*> regions[] = {
      {"central", "中心区"}, {"east", "东区"}, {"west", "西区"}, {"county", "某县"}};
  const std::uint64_t h = mix(kSeed ^ (i * 0x100000001b3ULL));
  const CategoryText& category = category_of(h);
  const auto& region = regions[(h >> 8) % 4];
  const std::uint64_t repeater_roll = (h >> 16) % 100;
  const std::uint64_t person_id =
      repeater_roll < 15 ? mix(h) % static_cast<std::uint64_t>(g_config.repeater_pool) : 1000000000ULL + i;
  Json petitioners = Json::array({person(person_id, region.second)});
  if ((h >> 24) % 10 == 0) petitioners.push_back(person(2000000000ULL + i, region.second));

  const std::uint64_t type_roll = (h >> 32) % 100;
  const char* type = type_roll < 80 ? "claim" : (type_roll < 92 ? "suggestion" : "accusation");
  const std::string subject = category.subjects[(h >> 40) % category.subjects.size()];
  Json args = {{"channel", channel_of(h >> 44)},
               {"type", type},
               {"category", category.id},
               {"region", region.first},
               {"subject", subject},
               {"content", std::string(category.content) + "信访人住" + petitioners[0]["address"].get<std::string>() +
                               "，联系电话" + petitioners[0]["phone"].get<std::string>() + "。"},
               {"petitioners", std::move(petitioners)},
               {"received_at", iso(now - bpt::seconds(static_cast<long>((h >> 20) % (3 * 24 * 3600))))}};
  if (std::string(type) == "claim") args["sub_route"] = "petition_handling";
  if ((h >> 52) % 10 < 4) {
    std::string sha;
    for (int k = 0; k < 4; ++k) sha += digits(mix(h + static_cast<std::uint64_t>(k)) % 10000000000000000ULL, 16);
    args["attachments"] = Json::array({{{"name", "材料" + std::to_string(1 + (h >> 56) % 9) + ".pdf"},
                                        {"media_type", "application/pdf"},
                                        {"size", 10000 + static_cast<std::int64_t>((h >> 12) % 500000)},
                                        {"sha256", sha}}});
  }
  return args;
}

std::vector<IntakeRequest> petitions(std::uint64_t first, std::int64_t count, Instant now) {
  std::vector<IntakeRequest> list;
  list.reserve(static_cast<std::size_t>(count));
  for (std::int64_t k = 0; k < count; ++k) list.push_back({petition(first + static_cast<std::uint64_t>(k), now), ""});
  return list;
}

// ---- engines ----

// "YYYY-MM-DD HH:MM" at UTC+8.
Instant local(int year, int month, int day, int hour) {
  return Instant(boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                                        static_cast<unsigned short>(day)),
                 bpt::hours(hour - 8));
}

const char* const kRegistrar = "reg-1";           // city, petition_office
const char* const kDistrictRegistrar = "reg-d1";  // district, petition_office_district
const char* const kDispatcher = "disp-1";
const char* const kAdmin = "admin";
const char* const kHandlerUnits[] = {"social_assistance", "pensions", "disability", "elderly", "marriage", "general"};
constexpr int kHandlersPerUnit = 3;

std::string handler_id(const std::string& unit, int k) {
  return "h-" + unit + "-" + std::to_string(k);
}

struct BenchEngine {
  std::shared_ptr<xinfang::ManualClock> clock;
  Engine engine;
};

BenchEngine open_engine(const std::string& path, Durability durability, Instant start, const std::string& policy = "") {
  auto clock = std::make_shared<xinfang::ManualClock>(start);
  xinfang::EngineOptions options;
  options.database = path;
  options.policy = policy;
  options.clock = clock;
  options.random = std::make_shared<xinfang::SeededRandom>(kSeed);
  options.durability = durability;
  return BenchEngine{clock, Engine::open(options)};
}

// A file with the schema, the policy and the staff, made once per run and copied for every
// benchmark that needs a fresh file.
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

// A fresh copy of the template at @p path (which must not exist).
void fresh_file(const std::string& path) {
  remove_database(path);
  fs::copy_file(template_file(), path);
}

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

StoredSize g_stored;

constexpr const char* kEventBytes =
    "SELECT total(length(CAST(type AS BLOB)) + length(CAST(actor AS BLOB)) + length(CAST(command AS BLOB)) + "
    "length(CAST(payload AS BLOB)) + length(CAST(policy_name AS BLOB)) + length(CAST(policy_version AS BLOB)) + "
    "length(CAST(previous_hash AS BLOB)) + length(CAST(hash AS BLOB)) + 4 * 8) FROM events";
constexpr const char* kCaseBytes =
    "SELECT total(length(CAST(number AS BLOB)) + length(CAST(scope AS BLOB)) + length(CAST(head_hash AS BLOB)) + "
    "length(CAST(organisation AS BLOB)) + length(CAST(unit AS BLOB)) + length(CAST(handler AS BLOB)) + "
    "length(CAST(category AS BLOB)) + length(CAST(region AS BLOB)) + length(CAST(channel AS BLOB)) + "
    "length(CAST(subject AS BLOB)) + length(CAST(query_code_hash AS BLOB)) + 12 * 8) FROM cases";

// Registers a sample and measures it; also checks that the engine's chains verify.
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

// ---- single intake ----

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

void intake_batch_engine(benchmark::State& state) {
  guarded(state, [&] {
    const Instant now = local(2025, 3, 3, 9);
    const std::vector<IntakeRequest> batch = petitions(0, g_config.batch, now);
    const std::string path = g_run_dir.file("batch-engine.db");
    for (auto _ : state) {
      state.PauseTiming();
      fresh_file(path);
      auto e = std::make_unique<BenchEngine>(open_engine(path, Durability::normal, now + bpt::minutes(1)));
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

// ---- the large files: 1,000,000 cases, and as many raw rows ----

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

struct LargeEngineFile {
  std::string path;
  std::vector<std::string> numbers;
  std::unique_ptr<BenchEngine> engine;
};

// The route a category's cases take (the policy's routing rules, given explicitly).
std::string unit_of_category(const std::string& category) {
  for (const CategoryText& c : categories()) {
    if (category == c.id) return c.unit;
  }
  return "general";
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

struct LargeRawFile {
  std::string path;
  std::int64_t rows = 0;
  double file_bytes_per_row = 0;
};

std::unique_ptr<LargeRawFile> g_large_raw;
std::string g_large_raw_failure;

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

// Random indices into the large files, the same sequence for the engine and the raw side.
class Picker {
 public:
  explicit Picker(std::size_t size) : rng_(kSeed), size_(size) {}
  std::size_t next() { return static_cast<std::size_t>(rng_() % size_); }

 private:
  std::mt19937_64 rng_;
  std::size_t size_;
};

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

enum class ListKind { status_unit, text, newest };

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

// ---- the summary ----

std::string format_ns(double ns) {
  char buffer[32];
  if (ns >= 1e9) {
    std::snprintf(buffer, sizeof buffer, "%.2f s", ns / 1e9);
  } else if (ns >= 1e6) {
    std::snprintf(buffer, sizeof buffer, "%.2f ms", ns / 1e6);
  } else if (ns >= 1e3) {
    std::snprintf(buffer, sizeof buffer, "%.1f us", ns / 1e3);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f ns", ns);
  }
  return buffer;
}

std::string format_rate(double per_second) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f/s", per_second);
  return buffer;
}

void print_throughput(std::ostream& out, const xinfang::bench::CollectingReporter& r, const std::string& what,
                      const std::string& engine, const std::string& raw, double items, double target) {
  const double a = r.time_ns(engine);
  const double b = r.time_ns(raw);
  if (std::isnan(a) || std::isnan(b) || a <= 0 || b <= 0) return;
  const double ratio = b / a;
  char verdict[64] = "(no target)";
  if (target > 0)
    std::snprintf(verdict, sizeof verdict, "(target >= %.1f: %s)", target, ratio >= target ? "met" : "NOT met");
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, "%-34s engine %10s (%s per call)  raw %10s (%s)  engine/raw %.3f  %s\n",
                what.c_str(), format_rate(items * 1e9 / a).c_str(), format_ns(a).c_str(),
                format_rate(items * 1e9 / b).c_str(), format_ns(b).c_str(), ratio, verdict);
  out << buffer;
}

void print_summary(std::ostream& out, const xinfang::bench::CollectingReporter& r) {
  out << "\nEngine vs raw SQLite, " << (r.saw_median() ? "median" : "mean") << " real time, this run ("
      << std::lround(g_stored.bytes_per_case) << " bytes per case/row):\n";
  // The target is for durable intake: a commit that survives a power cut, which is
  // Durability::full. Durability::normal survives a crash of the process but not of the machine.
  print_throughput(out, r, "single intake, Durability::normal", "intake_single/normal/engine",
                   "intake_single/normal/raw_sqlite", 1, 0);
  print_throughput(out, r, "single intake, Durability::full", "intake_single/full/engine",
                   "intake_single/full/raw_sqlite", 1, 0.5);
  print_throughput(out, r, "batch intake of " + std::to_string(g_config.batch), "intake_batch/engine",
                   "intake_batch/raw_sqlite", static_cast<double>(g_config.batch), 0.3);
  const double decide = r.time_ns("intake_breakdown/decide_only");
  const double batch = r.time_ns("intake_batch/engine");
  if (!std::isnan(decide) && !std::isnan(batch)) {
    const double per_case = batch / static_cast<double>(g_config.batch);
    out << "  of a batched intake's " << format_ns(per_case) << " per case, decide() alone takes " << format_ns(decide)
        << " (" << std::lround(100 * decide / per_case) << "%)\n";
  }
  if (g_stored.engine_wal_pages > 0) {
    char buffer[300];
    std::snprintf(buffer, sizeof buffer,
                  "  pages written to the WAL per single-case commit: engine %.1f, raw %.1f;"
                  " distinct pages per commit over 1000 commits (what checkpoints copy): engine %.2f, raw %.2f\n",
                  g_stored.engine_wal_pages, g_stored.raw_wal_pages, g_stored.engine_distinct_pages,
                  g_stored.raw_distinct_pages);
    out << buffer;
  }
  const double get = r.time_ns("get/engine");
  const double get_sql = r.time_ns("get/engine_sql_only");
  const double get_raw = r.time_ns("get/raw_sqlite");
  if (!std::isnan(get)) {
    out << "get by number, " << g_config.large_cases << " cases:      engine " << format_ns(get);
    if (!std::isnan(get_raw)) {
      out << "  raw primary-key lookup " << format_ns(get_raw) << "  (engine " << std::lround(get / get_raw * 10) / 10.0
          << "x the raw time)";
    }
    out << "  (target < 50 us: " << (get < 50000 ? "met" : "NOT met") << ")\n";
    if (!std::isnan(get_sql)) {
      out << "  of which the engine's two queries, run raw: " << format_ns(get_sql) << " ("
          << std::lround(100 * get_sql / get) << "%)\n";
    }
  }
  for (const char* kind : {"status_unit", "text", "newest"}) {
    const double t = r.time_ns(std::string("list/") + kind + "/engine");
    if (!std::isnan(t)) out << "list " << kind << ", limit " << kListLimit << ": " << format_ns(t) << "\n";
  }
  if (g_stored.file_bytes_per_case > 0) {
    char buffer[200];
    std::snprintf(buffer, sizeof buffer, "large file: %.0f bytes per case with indexes, %.3f events per case\n",
                  g_stored.file_bytes_per_case, g_stored.large_events_per_case);
    out << buffer;
  }
  if (!r.saw_median()) out << "(no repetitions: for figures use --benchmark_repetitions=5 and quote the medians)\n";
  if (g_config.quick) out << "(--engine_quick: tiny sizes, a smoke run; these are not figures)\n";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    read_flags(&argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine_bench: %s\n", e.what());
    return 1;
  }
  bool console = true;
  xinfang::bench::CollectingReporter reporter(xinfang::bench::make_display_reporter(argc, argv, &console),
                                              xinfang::bench::CollectingReporter::Key::function_name);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  try {
    g_run_dir.create(g_config.dir);
    g_stored = measure_stored_size();
    measure_wal_pages(g_stored);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine_bench: %s\n", e.what());
    return 1;
  }
  benchmark::AddCustomContext("engine_sizes", "batch " + std::to_string(g_config.batch) + ", large file " +
                                                  std::to_string(g_config.large_cases) + " cases" +
                                                  (g_config.quick ? " (--engine_quick)" : ""));
  benchmark::AddCustomContext("engine_bytes_per_case", std::to_string(std::lround(g_stored.bytes_per_case)) +
                                                           " (event rows + case row, mean of " +
                                                           std::to_string(g_config.sample_cases) +
                                                           " sample cases; the raw rows' size)");
  char wal[200];
  std::snprintf(wal, sizeof wal, "engine %.1f, raw %.1f; distinct per commit over 1000 commits: engine %.2f, raw %.2f",
                g_stored.engine_wal_pages, g_stored.raw_wal_pages, g_stored.engine_distinct_pages,
                g_stored.raw_distinct_pages);
  benchmark::AddCustomContext("wal_pages_per_single_commit", wal);
  benchmark::AddCustomContext("engine_dir", g_config.dir);
  benchmark::AddCustomContext("sqlite", sqlite3_libversion());

  const auto reg = [](const std::string& name, auto&& fn) {
    return benchmark::RegisterBenchmark(name.c_str(), fn)->UseRealTime()->Unit(benchmark::kMicrosecond);
  };
  reg("intake_single/normal/engine", [](benchmark::State& s) { intake_single_engine(s, Durability::normal); });
  reg("intake_single/normal/raw_sqlite", [](benchmark::State& s) { intake_single_raw(s, Durability::normal); });
  reg("intake_single/full/engine", [](benchmark::State& s) { intake_single_engine(s, Durability::full); });
  reg("intake_single/full/raw_sqlite", [](benchmark::State& s) { intake_single_raw(s, Durability::full); });
  reg("intake_batch/engine", intake_batch_engine)->Iterations(1)->Unit(benchmark::kMillisecond);
  reg("intake_batch/raw_sqlite", intake_batch_raw)->Iterations(1)->Unit(benchmark::kMillisecond);
  reg("intake_breakdown/decide_only", intake_decide_only);
  reg("get/engine", get_engine);
  reg("get/engine_sql_only", get_engine_sql_only);
  reg("get/raw_sqlite", get_raw);
  reg("list/status_unit/engine", [](benchmark::State& s) { list_engine(s, ListKind::status_unit); });
  reg("list/text/engine", [](benchmark::State& s) { list_engine(s, ListKind::text); });
  reg("list/newest/engine", [](benchmark::State& s) { list_engine(s, ListKind::newest); });

  benchmark::RunSpecifiedBenchmarks(&reporter);
  if (reporter.saw_error()) g_failed = true;
  print_summary(console ? std::cout : std::cerr, reporter);
  benchmark::Shutdown();

  g_large_engine.reset();  // closes its Engine before g_run_dir removes the run directory
  g_large_raw.reset();
  if (g_failed) std::fprintf(stderr, "engine_bench: a benchmark failed (see above)\n");
  return g_failed ? 1 : 0;
}
