// The xinfang command-line program: `xinfang simulate` — what another policy would have done to
// the cases of a database (simulate.hpp, docs/policy-testing.md "What-if"). The file is only read.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/db_commands.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"
#include "xinfang/simulate.hpp"

namespace xinfang::cli {
namespace {

struct SimulateCommandOptions {
  DbOptions db;
  std::string policy;
  std::string until;
  std::string from;
  std::string markdown;
  std::int64_t list = 1000;
};

void run_simulate(const SimulateCommandOptions& options) {
  const Policy other = load_policy_option(options.policy);
  const Engine engine = open_database(options.db);
  SimulateOptions simulate;
  if (!options.until.empty()) simulate.until = parse_time(options.until, "--until");
  if (!options.from.empty()) simulate.from = parse_time(options.from, "--from");
  simulate.list_limit = options.list;
  // A year of cases takes seconds: say how far it has come, on a terminal only.
  const bool terminal = isatty(STDERR_FILENO) == 1;
  if (terminal) {
    simulate.progress = [](std::int64_t cases) { std::cerr << "\rreplayed " << cases << " cases" << std::flush; };
  }
  const SimulationReport report = engine.simulate(other, simulate);
  if (terminal) std::cerr << "\r\033[K" << std::flush;
  const std::string markdown = report.to_markdown(other, engine.calendar());
  if (!options.markdown.empty()) {
    std::ofstream out(options.markdown, std::ios::binary | std::ios::trunc);
    out << markdown;
    out.close();
    if (!out) throw Error(ErrorCode::invalid_argument, "cannot write the report to '" + options.markdown + "'");
  }
  if (options.db.json) {
    print_json(std::cout, report.to_json());
  } else {
    std::cout << markdown;
  }
}

}  // namespace

void register_simulate_command(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<SimulateCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "simulate", "What another policy would have done to the database's cases (a what-if; the file is only read)");
  add_db_options(*sub, options->db, globals, ActorOption::none);
  sub->add_option("--policy", options->policy, "The other policy: a preset's name or a policy JSON file")
      ->required()
      ->type_name("PRESET|FILE");
  sub->add_option("--until", options->until, "Replay to this time (default: now, or --at)")
      ->type_name("TIME")
      ->check(time_validator());
  sub->add_option("--from", options->from, "The indicators' period starts here (default: the first case)")
      ->type_name("TIME")
      ->check(time_validator());
  sub->add_option("--list", options->list, "Cases listed per kind of change (the counts are always whole)")
      ->type_name("N")
      ->check(CLI::Range(0, 100000));
  sub->add_option("--markdown", options->markdown, "Also write the Markdown report to FILE")->type_name("FILE");
  sub->footer(exit_status_footer(
      "Replays every case's history under the policy in force and under --policy (its commands' events at their "
      "times; each policy's escalation steps at their due times) and prints what would have changed: new and "
      "avoided breaches, moved deadlines, escalation steps added and removed, and the indicators, in total and by "
      "unit, as Markdown; --json prints the report as JSON."));
  sub->callback([options] { run_simulate(*options); });
}

}  // namespace xinfang::cli
