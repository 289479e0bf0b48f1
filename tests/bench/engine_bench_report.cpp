// The bulletin on the large file (1,000,000 cases): the weekly bulletin of the week in which a
// chunk of 50,000 cases was received, of the week in which their acceptance clocks ran out
// (100,000 clock runs settle late), and the yearly summary of 2021 (250,000 cases received);
// each with the peak memory it added. The baseline counts the received cases of the week by
// reading every case row, as a report without the indexes would.
#include "engine_bench_support.hpp"

#include <cstdio>
#include <fstream>
#include <string>

namespace xinfang_bench {
namespace {

// Resident and peak resident memory of this process, in kB (Linux /proc/self/status).
std::int64_t status_kb(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::string key = std::string(field) + ":";
  while (std::getline(status, line)) {
    if (line.rfind(key, 0) == 0) return std::stoll(line.substr(key.size()));
  }
  return -1;
}

// Resets the peak to the current resident size ("5" to clear_refs, Linux 4.0 and later).
bool reset_peak() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.close();
  return static_cast<bool>(clear);
}

}  // namespace

void report_engine(benchmark::State& state, const std::string& period) {
  guarded(state, [&] {
    LargeEngineFile& f = large_engine_file();
    double peak_mb = 0;
    std::int64_t received = 0;
    for (auto _ : state) {
      state.PauseTiming();
      const bool reset = reset_peak();
      const std::int64_t before = status_kb("VmRSS");
      state.ResumeTiming();
      const xinfang::Bulletin bulletin = f.engine->engine.bulletin(period);
      state.PauseTiming();
      if (reset) peak_mb = std::max(peak_mb, static_cast<double>(status_kb("VmHWM") - before) / 1024.0);
      received = bulletin.totals.received;
      benchmark::DoNotOptimize(bulletin);
      state.ResumeTiming();
    }
    state.counters["peak_added_MB"] = peak_mb;
    state.counters["received"] = static_cast<double>(received);
  });
}

void report_naive_received(benchmark::State& state, const std::string& period) {
  guarded(state, [&] {
    LargeEngineFile& f = large_engine_file();
    const xinfang::ReportPeriod p = xinfang::parse_report_period(period, f.engine->engine.calendar());
    RawDb db(f.path, Durability::normal);
    RawStatement all(db.handle(), "SELECT received_at, channel, type, category, region, unit FROM cases NOT INDEXED");
    const std::int64_t from = (p.from - Instant(boost::gregorian::date(1970, 1, 1))).total_microseconds();
    const std::int64_t to = (p.to - Instant(boost::gregorian::date(1970, 1, 1))).total_microseconds();
    std::int64_t received = 0;
    for (auto _ : state) {
      std::map<std::string, std::int64_t> channels;
      received = 0;
      while (all.step()) {
        const std::int64_t at = all.integer(0);
        if (at < from || at >= to) continue;
        ++channels[all.text(1)];
        ++received;
      }
      all.reset();
      benchmark::DoNotOptimize(channels);
    }
    state.counters["received"] = static_cast<double>(received);
  });
}

}  // namespace xinfang_bench
