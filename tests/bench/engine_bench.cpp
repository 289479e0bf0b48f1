// Engine benchmark: the engine on its SQLite file against raw SQLite (the sqlite3 C API, the same
// file settings) doing the least that stores the same bytes.
//
//   intake_single/<durability>/engine      Engine::intake_json, one case per call (its own
//                                          BEGIN IMMEDIATE transaction), Durability::normal and full
//   intake_single/<durability>/raw_sqlite  BEGIN IMMEDIATE; INSERT one row of the same byte size
//                                          (prepared); COMMIT, with WAL and the same synchronous
//   intake_batch/engine                    Engine::intake_batch of 100,000 petitions (one transaction),
//                                          decided on a second thread (EngineOptions::parallel_batches)
//   intake_batch/engine_one_thread         the same on the calling thread alone
//   intake_batch/raw_sqlite                100,000 same-sized rows inserted in one transaction
//   intake_breakdown/decide_only           decide() of one intake alone: no store, no hash, no SQL
//   get/engine                             Engine::get of a random case of a file of 1,000,000
//   get/engine_sql_only                    the two queries Engine::get runs, raw, on the same file
//   get/raw_sqlite                         a primary-key lookup of one same-sized row among 1,000,000
//   sweep/<due>_due/<open>_open            one Engine::sweep over 1,000 due cases (4 steps each) on a
//                                          file of 10,000 open cases and on one of 1,000,000
//                                          (engine_bench_sweep.cpp has the files' layout)
//   clocks/evaluate                        evaluate_clocks() of a handled case (6 clocks)
//   clocks/evaluate_handling               evaluate_clock() of its handling clock alone
//   clocks/naive_day_count                 that deadline counted a day at a time (the baseline)
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
//                               schema version, the data version (engine_bench_large_files.cpp)
//                               and N); without it every file is deleted at exit
// After the run the program prints, from the medians of that same run, each engine/raw ratio
// and whether the target is met.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include "bench_reporter.hpp"
#include "engine_bench_support.hpp"

#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

namespace xinfang_bench {
namespace {

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

// The C ABI's time against the C++ call's for the same work, as an overhead (target < 5%).
void print_overhead(std::ostream& out, const xinfang::bench::CollectingReporter& r, const std::string& what,
                    const std::string& c_abi, const std::string& cpp, double items) {
  const double c = r.time_ns(c_abi);
  const double plus = r.time_ns(cpp);
  if (std::isnan(c) || std::isnan(plus) || plus <= 0) return;
  const double overhead = c / plus - 1;
  char buffer[300];
  std::snprintf(buffer, sizeof buffer, "%-34s C ABI %10s per case  C++ %10s  overhead %+.1f%%  (target < 5%%: %s)\n",
                what.c_str(), format_ns(c / items).c_str(), format_ns(plus / items).c_str(), 100 * overhead,
                overhead < 0.05 ? "met" : "NOT met");
  out << buffer;
}

// The two sweep benchmarks' names (they carry the file sizes).
std::vector<std::string> g_sweep_names;

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
  print_throughput(out, r, "  the same on one thread", "intake_batch/engine_one_thread", "intake_batch/raw_sqlite",
                   static_cast<double>(g_config.batch), 0);
  for (const char* form : {"xml", "text", "binary"}) {
    const std::string cases = std::to_string(dossier_cases());
    print_throughput(out, r, std::string("dossier export of ") + cases + ", " + form,
                     std::string("dossier/export/") + form + "/engine", "dossier/export/raw_sqlite",
                     static_cast<double>(dossier_cases()), 0);
    print_throughput(out, r, std::string("dossier import of ") + cases + ", " + form,
                     std::string("dossier/import/") + form + "/engine", "dossier/import/raw_sqlite",
                     static_cast<double>(dossier_cases()), 0);
  }
  print_overhead(out, r, "single intake through the C ABI", "intake_single/normal/c_abi", "intake_single/normal/engine",
                 1);
  print_overhead(out, r, "  against the typed C++ call", "intake_single/normal/c_abi",
                 "intake_single/normal/engine_typed", 1);
  print_overhead(out, r, "  against C++ with the same JSON text", "intake_single/normal/c_abi",
                 "intake_single/normal/engine_json_text", 1);
  print_overhead(out, r, "a petition as a structure (C ABI)", "intake_single/normal/c_abi_typed",
                 "intake_single/normal/engine_typed", 1);
  print_overhead(out, r, "  against intake_json", "intake_single/normal/c_abi_typed", "intake_single/normal/engine", 1);
  print_overhead(out, r, "  the same, Durability::full", "intake_single/full/c_abi", "intake_single/full/engine", 1);
  print_overhead(out, r, "batch intake through the C ABI", "intake_batch/c_abi", "intake_batch/engine",
                 static_cast<double>(g_config.batch));
  const double parse = r.time_ns("intake_breakdown/c_abi_parse_petition");
  if (!std::isnan(parse)) out << "  a petition's JSON text parsed, alone: " << format_ns(parse) << "\n";
  const double decide = r.time_ns("intake_breakdown/decide_only");
  const double batch = r.time_ns("intake_batch/engine_one_thread");
  if (!std::isnan(decide) && !std::isnan(batch)) {
    const double per_case = batch / static_cast<double>(g_config.batch);
    out << "  of a batched intake's (one thread) " << format_ns(per_case) << " per case, decide() alone takes "
        << format_ns(decide) << " (" << std::lround(100 * decide / per_case) << "%)\n";
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
  if (g_sweep_names.size() == 2) {
    const double small = r.time_ns(g_sweep_names[0]);
    const double large = r.time_ns(g_sweep_names[1]);
    if (!std::isnan(small) && !std::isnan(large) && small > 0) {
      char buffer[300];
      std::snprintf(buffer, sizeof buffer,
                    "sweep of the same due cases: %s on the small file, %s on the large one: large/small %.2f  "
                    "(target < 1.5: %s)\n",
                    format_ns(small).c_str(), format_ns(large).c_str(), large / small,
                    large / small < 1.5 ? "met" : "NOT met");
      out << buffer;
    }
  }
  const double evaluate = r.time_ns("clocks/evaluate");
  const double one = r.time_ns("clocks/evaluate_handling");
  const double naive = r.time_ns("clocks/naive_day_count");
  if (!std::isnan(evaluate) && !std::isnan(one) && !std::isnan(naive) && naive > 0) {
    out << "clocks of a handled case: all 6 " << format_ns(evaluate) << ", the handling clock " << format_ns(one)
        << " (with its pauses, extension and ladder); that deadline counted a day at a time " << format_ns(naive)
        << ": evaluate/naive " << std::lround(one / naive * 10) / 10.0 << "x\n";
  }
  for (const char* period : {"2021-W01", "2021-W03", "2021"}) {
    const std::string kind = std::string(period).size() == 4 ? "yearly" : "weekly";
    const double t = r.time_ns("report/" + kind + "/" + period + "/engine");
    if (std::isnan(t)) continue;
    out << kind << " bulletin " << period << ", " << g_config.large_cases << " cases: " << format_ns(t);
    if (kind == "weekly") out << "  (target < 1 s: " << (t < 1e9 ? "met" : "NOT met") << ")";
    out << "\n";
  }
  const double naive_received = r.time_ns("report/weekly/2021-W01/naive_received");
  const double weekly = r.time_ns("report/weekly/2021-W01/engine");
  if (!std::isnan(naive_received) && !std::isnan(weekly)) {
    out << "  the week's received cases counted by reading every case row: " << format_ns(naive_received)
        << "; the whole bulletin takes " << std::lround(weekly / naive_received * 100) / 100.0 << "x that\n";
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
}  // namespace xinfang_bench

int main(int argc, char** argv) {
  using namespace xinfang_bench;

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
  reg("intake_batch/engine", [](benchmark::State& s) { intake_batch_engine(s, true); })
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  reg("intake_batch/engine_one_thread", [](benchmark::State& s) { intake_batch_engine(s, false); })
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  reg("intake_batch/raw_sqlite", intake_batch_raw)->Iterations(1)->Unit(benchmark::kMillisecond);
  reg("intake_breakdown/decide_only", intake_decide_only);
  reg("intake_single/normal/c_abi", [](benchmark::State& s) { intake_single_c_abi(s, Durability::normal); });
  reg("intake_single/normal/engine_json_text", intake_single_cpp_json_text);
  reg("intake_single/normal/engine_typed", intake_single_cpp_typed);
  reg("intake_single/normal/c_abi_typed", intake_single_c_abi_typed);
  reg("intake_single/full/c_abi", [](benchmark::State& s) { intake_single_c_abi(s, Durability::full); });
  reg("intake_batch/c_abi", intake_batch_c_abi)->Iterations(1)->Unit(benchmark::kMillisecond);
  reg("intake_breakdown/c_abi_parse_petition", capi_breakdown_parse);
  const std::int64_t small_open = g_config.quick ? 300 : 10000;
  const std::int64_t large_open = g_config.large_cases;
  const std::string due = g_config.quick ? "50" : "1000";
  g_sweep_names = {"sweep/" + due + "_due/" + std::to_string(small_open) + "_open",
                   "sweep/" + due + "_due/" + std::to_string(large_open) + "_open"};
  reg(g_sweep_names[0], [small_open](benchmark::State& s) { sweep_engine(s, small_open); })
      ->Iterations(1)
      ->Repetitions(static_cast<int>(sweep_rounds()))
      ->Unit(benchmark::kMillisecond);
  reg(g_sweep_names[1], [large_open](benchmark::State& s) { sweep_engine(s, large_open); })
      ->Iterations(1)
      ->Repetitions(static_cast<int>(sweep_rounds()))
      ->Unit(benchmark::kMillisecond);
  reg("clocks/evaluate", clocks_evaluate)->Unit(benchmark::kNanosecond);
  reg("clocks/evaluate_handling", clocks_evaluate_handling)->Unit(benchmark::kNanosecond);
  reg("clocks/naive_day_count", clocks_naive_day_count)->Unit(benchmark::kNanosecond);
  // The large file's chunks are registered 85 days apart from Mon 4 Jan 2021: 2021-W01 receives
  // 50,000 cases, whose acceptance clocks run out in 2021-W03; 2021 receives five chunks.
  for (const char* period : {"2021-W01", "2021-W03", "2021"}) {
    const std::string kind = std::string(period).size() == 4 ? "yearly" : "weekly";
    reg("report/" + kind + "/" + period + "/engine", [period](benchmark::State& s) {
      report_engine(s, period);
    })->Unit(benchmark::kMillisecond);
  }
  reg("report/weekly/2021-W01/naive_received", [](benchmark::State& s) {
    report_naive_received(s, "2021-W01");
  })->Unit(benchmark::kMillisecond);
  for (const xinfang::DossierFormat format :
       {xinfang::DossierFormat::xml, xinfang::DossierFormat::text, xinfang::DossierFormat::binary}) {
    const std::string name = xinfang::dossier_format_name(format);
    // One export per repetition: each appends an `exported` event to every case it takes.
    reg("dossier/export/" + name + "/engine", [format](benchmark::State& s) { dossier_export(s, format); })
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
    reg("dossier/import/" + name + "/engine", [format](benchmark::State& s) { dossier_import(s, format); })
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
  }
  reg("dossier/export/raw_sqlite", dossier_export_raw)->Iterations(1)->Unit(benchmark::kMillisecond);
  reg("dossier/import/raw_sqlite", dossier_import_raw)->Iterations(1)->Unit(benchmark::kMillisecond);
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

  close_large_files();  // before g_run_dir removes the run directory
  if (g_failed) std::fprintf(stderr, "engine_bench: a benchmark failed (see above)\n");
  return g_failed ? 1 : 0;
}
