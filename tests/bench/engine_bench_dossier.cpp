// Dossiers: the bulk export of a period's concluded cases (1,000 forwarded cases; 50 with
// --engine_quick) in each form, and their import into a fresh archive database. The baselines
// do with raw SQLite what a copy of the same rows costs without a chain to check, a fold or an
// archive format: read every event row of those cases into one buffer, and insert as many rows
// of the same bytes into a fresh file in one transaction.
#include "engine_bench_support.hpp"

#include <cstdio>
#include <string>

#include "xinfang/dossier.hpp"

namespace xinfang_bench {
using xinfang::DossierFormat;

std::int64_t dossier_cases() {
  return g_config.quick ? 50 : 1000;
}

namespace {

Instant registered_at() {
  return local(2024, 3, 4, 9);
}

constexpr const char* kExporter = "archivist";

// The period the cases were forwarded in, and the time of the exports (after it).
constexpr const char* kPeriod = "2024-03";
Instant export_time() {
  return local(2024, 4, 8, 9);
}

struct DossierFile {
  std::string path;
  std::unique_ptr<BenchEngine> engine;
  std::string archive[3];  // one export in each form (the timed exports add events; these do not)
  std::int64_t events = 0;
};

DossierFile& dossier_file() {
  static DossierFile file;
  if (!file.engine) {
    file.path = g_run_dir.file("dossier.db");
    fresh_file(file.path);
    file.engine = std::make_unique<BenchEngine>(open_engine(file.path, Durability::normal, registered_at()));
    Engine& engine = file.engine->engine;
    // The exporter may read 检举控告 petitioners: a redacted dossier is not imported.
    engine.put_staff("admin",
                     {kExporter, "档案员", "city", "petition_office", {"dispatcher", "confidential_reader"}, true});
    const auto made = engine.intake_batch(kRegistrar, petitions(700000000ULL, dossier_cases(), registered_at()));
    file.engine->clock->set(registered_at() + boost::posix_time::hours(2));
    for (const xinfang::CommandResult& result : made) {
      engine.run(result.number, kDispatcher, xinfang::Command{"forward", {{"organisation", "district"}}});
    }
    file.engine->clock->set(export_time());
    const xinfang::ReportPeriod period = xinfang::parse_report_period(kPeriod, engine.calendar());
    for (const DossierFormat format : {DossierFormat::xml, DossierFormat::text, DossierFormat::binary}) {
      file.archive[static_cast<int>(format)] = engine.export_concluded(period, kExporter, format);
    }
    for (const xinfang::DossierCase& c : xinfang::read_dossier(file.archive[0]).cases) {
      file.events += static_cast<std::int64_t>(c.events.size());
    }
  }
  return file;
}

}  // namespace

void dossier_export(benchmark::State& state, DossierFormat format) {
  guarded(state, [&] {
    DossierFile& f = dossier_file();
    const xinfang::ReportPeriod period = xinfang::parse_report_period(kPeriod, f.engine->engine.calendar());
    std::size_t bytes = 0;
    for (auto _ : state) {
      const std::string archive = f.engine->engine.export_concluded(period, kExporter, format);
      bytes = archive.size();
      benchmark::DoNotOptimize(archive.data());
    }
    state.counters["cases"] = static_cast<double>(dossier_cases());
    state.counters["bytes_per_case"] = static_cast<double>(bytes) / static_cast<double>(dossier_cases());
  });
}

void dossier_export_raw(benchmark::State& state) {
  guarded(state, [&] {
    DossierFile& f = dossier_file();
    RawDb db(f.path, Durability::normal);
    RawStatement rows(db.handle(),
                      "SELECT e.sequence, e.type, e.at, e.actor, e.command, e.payload, e.policy_name, "
                      "e.policy_version, e.previous_hash, e.hash FROM cases c JOIN events e ON e.case_id = c.id "
                      "WHERE c.open = 0 ORDER BY e.id");
    for (auto _ : state) {
      std::string buffer;
      while (rows.step()) {
        buffer += std::to_string(rows.integer(0));
        for (int column = 1; column < 10; ++column) buffer += rows.text(column);
      }
      benchmark::DoNotOptimize(buffer.data());
    }
  });
}

void dossier_import(benchmark::State& state, DossierFormat format) {
  guarded(state, [&] {
    DossierFile& f = dossier_file();
    const std::string& archive = f.archive[static_cast<int>(format)];
    int round = 0;
    for (auto _ : state) {
      state.PauseTiming();
      const std::string path = g_run_dir.file("dossier-import-" + std::to_string(round++) + ".db");
      fresh_file(path);
      {
        BenchEngine target = open_engine(path, Durability::normal, export_time() + boost::posix_time::hours(1));
        state.ResumeTiming();
        const xinfang::ImportResult result =
            target.engine.import_dossier(kRegistrar, archive, {xinfang::ImportMode::archive, {}});
        state.PauseTiming();
        if (static_cast<std::int64_t>(result.cases.size()) != dossier_cases()) {
          throw std::runtime_error("the import received " + std::to_string(result.cases.size()) + " cases");
        }
      }
      remove_database(path);
      state.ResumeTiming();
    }
    state.counters["cases"] = static_cast<double>(dossier_cases());
  });
}

void dossier_import_raw(benchmark::State& state) {
  guarded(state, [&] {
    DossierFile& f = dossier_file();
    const std::string& archive = f.archive[0];
    const std::size_t row_bytes = archive.size() / static_cast<std::size_t>(f.events);
    int round = 0;
    for (auto _ : state) {
      state.PauseTiming();
      const std::string path = g_run_dir.file("dossier-raw-" + std::to_string(round++) + ".db");
      {
        RawDb db(path, Durability::normal);
        db.exec(kRawSchema);
        RawStatement insert(db.handle(), kRawInsert);
        state.ResumeTiming();
        db.exec("BEGIN");
        for (std::int64_t i = 0; i < f.events; ++i) {
          sqlite3_bind_blob(insert.get(), 1, archive.data() + static_cast<std::size_t>(i) * row_bytes,
                            static_cast<int>(row_bytes), SQLITE_STATIC);
          insert.run();
        }
        db.exec("COMMIT");
        state.PauseTiming();
      }
      remove_database(path);
      state.ResumeTiming();
    }
  });
}

}  // namespace xinfang_bench
