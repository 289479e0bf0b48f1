// Shared by the benchmark programs: a reporter that passes every result on to the display
// reporter Google Benchmark would have made, and remembers each benchmark's time, so that a
// program can print ratios against its baselines measured in the same run.
#ifndef XINFANG_TESTS_BENCH_BENCH_REPORTER_HPP
#define XINFANG_TESTS_BENCH_BENCH_REPORTER_HPP

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

namespace xinfang::bench {

class CollectingReporter : public benchmark::BenchmarkReporter {
 public:
  /** How results are named: the whole run name (with arguments), or the registered function name
   *  alone (without the /real_time and /iterations:N suffixes). */
  enum class Key { run_name, function_name };

  CollectingReporter(std::unique_ptr<benchmark::BenchmarkReporter> inner, Key key);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  /** Real time per iteration in ns: the median over repetitions when there were any, else the
   *  mean of the runs; NaN if the benchmark did not run. */
  double time_ns(const std::string& name) const;
  /** Whether any benchmark reported a median (it ran with repetitions). */
  bool saw_median() const;
  /** Whether any run reported an error. */
  bool saw_error() const { return saw_error_; }

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> inner_;
  Key key_;
  std::map<std::string, double> medians_;               // ns, when repetitions reported one
  std::map<std::string, std::pair<double, int>> sums_;  // total ns and count of plain runs
  bool saw_error_ = false;
};

/** The display reporter Google Benchmark would have made from --benchmark_format and
 *  --benchmark_color (read before benchmark::Initialize consumes them); @p console is set when it
 *  prints for people (not JSON or CSV). */
std::unique_ptr<benchmark::BenchmarkReporter> make_display_reporter(int argc, char** argv, bool* console);

}  // namespace xinfang::bench

#endif
