#include "bench_reporter.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>

namespace xinfang::bench {

CollectingReporter::CollectingReporter(std::unique_ptr<benchmark::BenchmarkReporter> inner, Key key)
    : inner_(std::move(inner)), key_(key) {}

bool CollectingReporter::ReportContext(const Context& context) {
  inner_->SetOutputStream(&GetOutputStream());
  inner_->SetErrorStream(&GetErrorStream());
  return inner_->ReportContext(context);
}

void CollectingReporter::ReportRuns(const std::vector<Run>& runs) {
  for (const Run& run : runs) {
    if (run.error_occurred) {
      saw_error_ = true;
      continue;
    }
    const std::string name = key_ == Key::function_name ? run.run_name.function_name : run.run_name.str();
    const double ns = run.GetAdjustedRealTime() * 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
    if (run.run_type == Run::RT_Aggregate) {
      if (run.aggregate_name == "median") medians_[name] = ns;
    } else {
      auto& sum = sums_[name];
      sum.first += ns;
      ++sum.second;
    }
  }
  inner_->ReportRuns(runs);
}

void CollectingReporter::Finalize() {
  inner_->Finalize();
}

double CollectingReporter::time_ns(const std::string& name) const {
  const auto median = medians_.find(name);
  if (median != medians_.end()) return median->second;
  const auto sum = sums_.find(name);
  if (sum == sums_.end() || sum->second.second == 0) return std::nan("");
  return sum->second.first / sum->second.second;
}

bool CollectingReporter::saw_median() const {
  return !medians_.empty();
}

std::unique_ptr<benchmark::BenchmarkReporter> make_display_reporter(int argc, char** argv, bool* console) {
  std::string format = "console";
  std::string color = "auto";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--benchmark_format=", 0) == 0) format = arg.substr(19);
    if (arg.rfind("--benchmark_color=", 0) == 0) color = arg.substr(18);
  }
  *console = format != "json" && format != "csv";
  if (format == "json") return std::make_unique<benchmark::JSONReporter>();
  if (format == "csv") {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    return std::make_unique<benchmark::CSVReporter>();
#pragma GCC diagnostic pop
  }
  const bool use_color = color == "true" || color == "yes" || color == "1" ||
                         (color == "auto" && isatty(STDOUT_FILENO) != 0 && std::getenv("TERM") != nullptr);
  return std::make_unique<benchmark::ConsoleReporter>(use_color ? benchmark::ConsoleReporter::OO_ColorTabular
                                                                : benchmark::ConsoleReporter::OO_Tabular);
}

}  // namespace xinfang::bench
