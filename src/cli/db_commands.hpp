// The xinfang command-line program: the subcommands that work on a database (docs/cli.md).
// Each register_* function adds one subcommand (or group) to the top-level app, as those of
// command.hpp do.
#ifndef XINFANG_SRC_CLI_DB_COMMANDS_HPP
#define XINFANG_SRC_CLI_DB_COMMANDS_HPP

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace xinfang::cli {

/** `xinfang init`: create a database, or report what an existing one holds (db_init_command.cpp). */
void register_init_command(CLI::App& app, Globals& globals);
/** `xinfang staff add|list|show|deactivate` (db_staff_command.cpp). */
void register_staff_command(CLI::App& app, Globals& globals);
/** `xinfang roster set|show`: the duty roster (db_staff_command.cpp). */
void register_roster_command(CLI::App& app, Globals& globals);
/** `xinfang intake`: register petitions from flags, a file or a batch (db_intake_command.cpp). */
void register_intake_command(CLI::App& app, Globals& globals);
/** `xinfang show` and `xinfang lookup`: one case (db_show_command.cpp). */
void register_show_commands(CLI::App& app, Globals& globals);
/** `xinfang act`: run a lifecycle command on a case (db_act_command.cpp). */
void register_act_command(CLI::App& app, Globals& globals);
/** `xinfang list`: cases matching a filter (db_list_command.cpp). */
void register_list_command(CLI::App& app, Globals& globals);
/** `xinfang clocks`, `xinfang sweep`, `xinfang outbox poll|ack` (db_clock_commands.cpp). */
void register_clock_commands(CLI::App& app, Globals& globals);
/** `xinfang indicators` and `xinfang score` (db_metrics_commands.cpp). */
void register_metrics_commands(CLI::App& app, Globals& globals);
/** `xinfang report weekly|monthly|quarterly|yearly|range` (db_report_command.cpp). */
void register_report_command(CLI::App& app, Globals& globals);
/** `xinfang simulate`: what another policy would have done (simulate_command.cpp). */
void register_simulate_command(CLI::App& app, Globals& globals);
/** `xinfang export` and `xinfang import [--check]`: dossiers (案卷) in and out (dossier_commands.cpp). */
void register_dossier_commands(CLI::App& app, Globals& globals);
/** `xinfang verify`: walk the hash chains (db_verify_command.cpp). */
void register_verify_command(CLI::App& app, Globals& globals);

}  // namespace xinfang::cli

#endif
