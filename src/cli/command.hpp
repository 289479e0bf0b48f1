// The xinfang command-line program: how subcommands plug into the program.
//
// Each subcommand lives in its own file and exposes one register_*_command function that adds
// it (and its own subcommands) to the top-level CLI11 app. A subcommand's callback does the
// work and throws xinfang::Error on failure; main() turns the exception into the one-line
// error and the exit status, so no subcommand prints errors or picks exit codes itself.
#ifndef XINFANG_SRC_CLI_COMMAND_HPP
#define XINFANG_SRC_CLI_COMMAND_HPP

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace xinfang::cli {

/** Exit statuses of the program (also listed in the footer of `xinfang --help`). */
enum ExitStatus : int {
  exit_ok = 0,       ///< Success (also for --help and --version).
  exit_failure = 1,  ///< The library refused the input (xinfang::Error) or the work failed.
  exit_usage = 2,    ///< The command line could not be parsed (CLI11 parse or validation error).
};

/** The footer of every help page: what the exit statuses mean, then @p text if given. */
inline std::string exit_status_footer(const std::string& text = std::string()) {
  return (text.empty() ? std::string() : text + "\n\n") +
         "Exit status:\n"
         "  0  success (also --help and --version)\n"
         "  1  the input was refused or the work failed; stderr has one line\n"
         "     'xinfang: error: CODE: MESSAGE' with CODE an xinfang error code (calendar_range,\n"
         "     invalid_argument, not_found, parse_error, invalid_data, ...)\n"
         "  2  usage error: the command line could not be parsed (unknown subcommand or option, missing\n"
         "     or extra argument, a value of the wrong form); stderr has one line with CODE invalid_argument\n"
         "With --json, an error is also printed on stdout as {\"error\": {\"code\": CODE, \"message\": MESSAGE}}.\n";
}

/** State shared by all subcommands while the command line is parsed. */
struct Globals {
  /** Every --json flag registered, so main() can answer errors in JSON when one was given. */
  std::vector<const CLI::Option*> json_flags;

  /** Whether any --json flag appeared on the command line (even if parsing later failed). */
  bool json_requested() const {
    for (const CLI::Option* flag : json_flags) {
      if (flag->count() > 0) return true;
    }
    return false;
  }
};

/** Adds the --json flag to @p sub, binding it to @p target and remembering it in @p globals. */
inline CLI::Option* add_json_flag(CLI::App& sub, bool& target, Globals& globals) {
  CLI::Option* flag = sub.add_flag("--json", target, "Print machine-readable JSON instead of text");
  globals.json_flags.push_back(flag);
  return flag;
}

/**
 * Makes @p app require one of its subcommands, checked after parsing so that a misspelt
 * subcommand is reported as "not expected" rather than as a missing one.
 */
inline void require_one_subcommand(CLI::App& app) {
  app.callback([&app] {
    if (!app.get_subcommands().empty()) return;
    std::string names;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
      names += (names.empty() ? "" : ", ") + sub->get_name();
    throw CLI::RequiredError("A subcommand (one of: " + names + ")");
  });
}

/** `xinfang calendar ...`: is-workday, add, between, year (calendar_command.cpp). */
void register_calendar_command(CLI::App& app, Globals& globals);
/** `xinfang demo`: the statutory calendar and worked deadlines (demo_command.cpp). */
void register_demo_command(CLI::App& app, Globals& globals);
/** `xinfang policy ...`: check, show, list (policy_command.cpp). */
void register_policy_command(CLI::App& app, Globals& globals);

}  // namespace xinfang::cli

#endif
