// The xinfang command-line program: what every database subcommand shares — the --db, --actor,
// --at, --durability and --json options, opening the engine, and reading JSON input.
#ifndef XINFANG_SRC_CLI_DB_OPTIONS_HPP
#define XINFANG_SRC_CLI_DB_OPTIONS_HPP

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "xinfang/engine.hpp"

namespace xinfang::cli {

/** The options every database subcommand takes. */
struct DbOptions {
  std::string database;               ///< --db FILE (or $XINFANG_DB).
  std::string actor;                  ///< --actor ID (or $XINFANG_ACTOR); "" when not given.
  std::string at;                     ///< --at TIME: a manual clock at TIME; "" for the system clock.
  std::string durability = "normal";  ///< --durability normal|full.
  bool json = false;                  ///< --json.
};

/** Whether a subcommand takes --actor. */
enum class ActorOption {
  none,      ///< A query: no actor.
  optional,  ///< Recorded when given (init: who installs the policy).
  required,  ///< A change: the actor is checked and recorded.
};

/**
 * Adds --db, --at and --json to @p sub, and --actor and --durability as @p actor says. --db and
 * --actor fall back on $XINFANG_DB and $XINFANG_ACTOR; a required one missing from both is a
 * usage error. --at is checked as an ISO 8601 time with a zone (a usage error otherwise).
 * With @p register_json false, --json is added as a plain flag that main() does not see, for a
 * command whose JSON report is its result even when it fails (verify).
 */
void add_db_options(CLI::App& sub, DbOptions& options, Globals& globals, ActorOption actor, bool register_json = true);

/**
 * The engine options @p options describe (database, clock, durability), not creating the file.
 * The policy is left empty: the one in force in the database.
 */
EngineOptions engine_options(const DbOptions& options);

/**
 * Opens the existing database @p options names.
 * @throws Error not_found if the file does not exist (init creates one), and whatever
 *         Engine::open throws (storage for a file that is not a database).
 */
Engine open_database(const DbOptions& options);

/** The actor of a changing command (add_db_options made it required, so it is never empty). */
const std::string& require_actor(const DbOptions& options);

/** Why @p text is not what parse_time() accepts, for a message; "" when it is. */
std::string why_not_a_time(std::string_view text);

/**
 * Parses an ISO 8601 time with a zone, "2025-03-03T09:30:00+08:00" or "2025-03-03T01:30:00Z".
 * @throws Error invalid_argument naming @p what.
 */
Instant parse_time(std::string_view text, std::string_view what);

/**
 * What EngineOptions::policy takes for a --policy value: a preset's name as it is, else the
 * file's JSON text.
 * @throws Error not_found (neither a preset nor an existing file), invalid_argument (unreadable).
 */
std::string policy_argument(const std::string& policy);

/**
 * The policy a --policy value names (a preset or a file), loaded.
 * @throws Error as policy_argument(), and whatever loading the policy throws, prefixed with @p policy.
 */
Policy load_policy_option(const std::string& policy);

/** A CLI11 validator accepting what parse_time() accepts. */
CLI::Validator time_validator();

/**
 * The text of @p path, or of standard input for "-".
 * @throws Error not_found (no such file) or invalid_argument (unreadable), naming @p what.
 */
std::string read_input(const std::string& path, std::string_view what);

/**
 * Parses @p text as JSON (comments allowed).
 * @throws Error invalid_utf8, or parse_error "<what>: ... at line L, column C".
 */
Json parse_json_text(std::string_view text, std::string_view what);

}  // namespace xinfang::cli

#endif
