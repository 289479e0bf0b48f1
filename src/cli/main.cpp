// The xinfang command-line program: a thin shell over the library (DESIGN.md §5).
//
// main() only builds the CLI11 app, lets each subcommand register itself, parses, and turns
// failures into one line on stderr and an exit status (see command.hpp).
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/db_commands.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"
#include "xinfang/version.h"

namespace {

// " (see 'xinfang calendar add --help')" for the deepest subcommand the parser reached.
std::string help_hint(const CLI::App& app) {
  std::string path = "xinfang";
  const CLI::App* current = &app;
  while (!current->get_subcommands().empty()) {
    current = current->get_subcommands().front();
    path += " " + current->get_name();
  }
  return " (see '" + path + " --help')";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace xinfang::cli;
  CLI::App app{"xinfang " XF_VERSION_STRING " — petition (信访) lifecycle tool", "xinfang"};
  app.set_version_flag("--version", "xinfang " XF_VERSION_STRING);
  require_one_subcommand(app);
  app.footer(exit_status_footer());

  Globals globals;
  register_calendar_command(app, globals);
  register_demo_command(app, globals);
  register_policy_command(app, globals);
  register_init_command(app, globals);
  register_staff_command(app, globals);
  register_roster_command(app, globals);
  register_intake_command(app, globals);
  register_show_commands(app, globals);
  register_list_command(app, globals);
  register_act_command(app, globals);
  register_clock_commands(app, globals);
  register_metrics_commands(app, globals);
  register_report_command(app, globals);
  register_simulate_command(app, globals);
  register_dossier_commands(app, globals);
  register_verify_command(app, globals);

  try {
    app.parse(argc, argv);
    std::cout.flush();
    return std::cout ? exit_ok : exit_failure;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    report_error("invalid_argument", std::string(e.what()) + help_hint(app), globals.json_requested());
    return exit_usage;
  } catch (const xinfang::Error& e) {
    report_error(xinfang::error_code_name(e.code()), e.what(), globals.json_requested());
    return exit_failure;
  } catch (const std::exception& e) {
    report_error(xinfang::error_code_name(xinfang::ErrorCode::internal), e.what(), globals.json_requested());
    return exit_failure;
  }
}
