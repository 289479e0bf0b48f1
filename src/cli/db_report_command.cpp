// The xinfang command-line program: `xinfang report weekly|monthly|quarterly|yearly|range` — the
// bulletin of a period as Markdown, JSON, CSV (one file per table, in a directory) or a
// self-contained HTML page. docs/reports.md describes the tables, docs/cli.md the command.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/db_commands.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

namespace fs = std::filesystem;

enum class Kind { weekly, monthly, quarterly, yearly, range };

struct ReportOptions : DbOptions {
  Kind kind = Kind::weekly;
  std::string period;  // --week, --month, --quarter or --year ("" for the last complete one)
  std::string from, to;
  std::string format = "markdown";
  std::string output;
  std::int64_t overdue_limit = 100;
};

std::string two(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

// The last complete period of the kind before @p today (a bulletin is made after its period).
std::string last_complete(Kind kind, Date today) {
  using boost::gregorian::days;
  switch (kind) {
    case Kind::weekly: {
      const Date day = today - days(7);
      const Date thursday = day + days(3 - (day.day_of_week().as_number() + 6) % 7);
      return std::to_string(thursday.year()) + "-W" + two(day.week_number());
    }
    case Kind::monthly: {
      const Date day = Date(today.year(), today.month(), 1) - days(1);
      return std::to_string(day.year()) + "-" + two(day.month());
    }
    case Kind::quarterly: {
      const int quarter = (today.month() - 1) / 3 + 1;
      return quarter == 1 ? std::to_string(today.year() - 1) + "-Q4"
                          : std::to_string(today.year()) + "-Q" + std::to_string(quarter - 1);
    }
    case Kind::yearly: return std::to_string(today.year() - 1);
    case Kind::range: break;
  }
  return "";
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw Error(ErrorCode::storage, "cannot write " + path.string());
}

void run_report(const ReportOptions& options) {
  std::string format = options.json ? "json" : options.format;
  if (format == "csv" && options.output.empty()) {
    throw Error(ErrorCode::invalid_argument, "--format csv writes one file per table: give -o DIRECTORY");
  }
  const Engine engine = open_database(options);
  std::string period = options.period;
  if (options.kind == Kind::range) {
    period = options.from + ".." + options.to;
  } else if (period.empty()) {
    period = last_complete(options.kind, engine.calendar().local_date(engine.now()));
  }
  BulletinOptions limits;
  limits.overdue_limit = options.overdue_limit;
  const Bulletin bulletin = engine.bulletin(period, limits);
  const Policy& policy = engine.policy();
  if (format == "csv") {
    fs::create_directories(options.output);
    for (const auto& [name, text] : bulletin_csv(bulletin, policy)) write_file(fs::path(options.output) / name, text);
    std::cout << "已写入 (written) " << options.output << "\n";
    return;
  }
  std::string text;
  if (format == "json") {
    text = bulletin_json(bulletin, policy).dump(2) + "\n";
  } else if (format == "html") {
    text = bulletin_html(bulletin, policy);
  } else {
    text = bulletin_markdown(bulletin, policy);
  }
  if (options.output.empty() || options.output == "-") {
    std::cout << text;
  } else {
    write_file(options.output, text);
  }
}

void add_report(CLI::App& report, Globals& globals, const char* name, const char* help, Kind kind,
                const char* period_flag, const char* period_help) {
  auto options = std::make_shared<ReportOptions>();
  options->kind = kind;
  CLI::App* sub = report.add_subcommand(name, help);
  if (kind == Kind::range) {
    sub->add_option("--from", options->from, "First day, YYYY-MM-DD")->required()->type_name("DAY");
    sub->add_option("--to", options->to, "Last day, YYYY-MM-DD")->required()->type_name("DAY");
  } else {
    sub->add_option(period_flag, options->period, period_help)->type_name("PERIOD");
  }
  sub->add_option("--format", options->format, "markdown (default), json, csv or html")
      ->check(CLI::IsMember({"markdown", "json", "csv", "html"}));
  sub->add_option("-o,--output", options->output, "Write to FILE (csv: into DIRECTORY, one file per table)")
      ->type_name("FILE");
  sub->add_option("--overdue-limit", options->overdue_limit, "Overdue cases listed (default 100)")->type_name("N");
  add_db_options(*sub, *options, globals, ActorOption::none);
  sub->footer(exit_status_footer(
      "Counts received, accepted, replied and overdue with the period before; received by channel, type, category, "
      "region and unit; the indicators and their change; units and regions ranked; key and owned cases; the overdue "
      "list. A period not yet over is counted up to now (or --at)."));
  sub->callback([options] { run_report(*options); });
}

}  // namespace

void register_report_command(CLI::App& app, Globals& globals) {
  CLI::App* report = app.add_subcommand("report", "The bulletin of a period (诉求动态) and period summaries");
  report->require_subcommand(1);
  add_report(*report, globals, "weekly", "The weekly bulletin", Kind::weekly, "--week",
             "ISO week, e.g. 2026-W47 (default: last week)");
  add_report(*report, globals, "monthly", "A month's summary", Kind::monthly, "--month",
             "e.g. 2026-11 (default: last month)");
  add_report(*report, globals, "quarterly", "A quarter's summary", Kind::quarterly, "--quarter",
             "e.g. 2026-Q4 (default: last quarter)");
  add_report(*report, globals, "yearly", "A year's summary", Kind::yearly, "--year", "e.g. 2026 (default: last year)");
  add_report(*report, globals, "range", "Any range of days", Kind::range, "", "");
}

}  // namespace xinfang::cli
