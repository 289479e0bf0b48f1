// The xinfang command-line program: the options every database subcommand shares, and opening
// the engine.
#include "cli/db_options.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "lifecycle/command_args.hpp"
#include "util/utf8.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {

void add_db_options(CLI::App& sub, DbOptions& options, Globals& globals, ActorOption actor, bool register_json) {
  sub.add_option("--db", options.database, "The database file (default: $XINFANG_DB)")
      ->envname("XINFANG_DB")
      ->required()
      ->type_name("FILE");
  if (actor != ActorOption::none) {
    CLI::Option* option =
        sub.add_option("--actor", options.actor,
                       actor == ActorOption::required
                           ? "Who acts: a staff id of the directory (default: $XINFANG_ACTOR)"
                           : "Who installs the policy, recorded with it (default: $XINFANG_ACTOR, else \"system\")")
            ->envname("XINFANG_ACTOR")
            ->type_name("ID");
    if (actor == ActorOption::required) option->required();
    sub.add_option("--durability", options.durability,
                   "normal: a commit survives a crash of the program; full: also a power cut (an fsync per commit)")
        ->check(CLI::IsMember({"normal", "full"}))
        ->capture_default_str();
  }
  sub.add_option("--at", options.at,
                 "Run on a manual clock at TIME (ISO 8601 with a zone) instead of the system clock, for scripts, "
                 "tests and back-dated imports; the engine still refuses a time before a case's last event")
      ->check(time_validator())
      ->type_name("TIME");
  if (register_json) {
    add_json_flag(sub, options.json, globals);
  } else {
    sub.add_flag("--json", options.json, "Print machine-readable JSON instead of text");
  }
}

EngineOptions engine_options(const DbOptions& options) {
  EngineOptions engine;
  engine.database = options.database;
  engine.installer = options.actor;
  engine.create = false;
  engine.durability = options.durability == "full" ? Durability::full : Durability::normal;
  if (!options.at.empty()) engine.clock = std::make_shared<ManualClock>(parse_time(options.at, "--at"));
  return engine;
}

Engine open_database(const DbOptions& options) {
  std::error_code error;
  if (!std::filesystem::exists(options.database, error)) {
    // Engine::open would create an empty file or fail with a storage error; neither tells the
    // clerk what to do.
    throw Error(ErrorCode::not_found, "database '" + options.database + "' does not exist; create it with 'xinfang " +
                                          "init --db " + options.database + "'");
  }
  return Engine::open(engine_options(options));
}

const std::string& require_actor(const DbOptions& options) {
  if (options.actor.empty()) throw Error(ErrorCode::invalid_argument, "--actor is empty: name a staff id");
  return options.actor;
}

std::string why_not_a_time(std::string_view text) {
  if (lifecycle_detail::parse_instant(text)) return std::string();
  return "'" + lifecycle_detail::printable(text) +
         "' is not a time like 2025-03-03T09:30:00+08:00 (a zone is required)";
}

Instant parse_time(std::string_view text, std::string_view what) {
  const std::optional<Instant> parsed = lifecycle_detail::parse_instant(text);
  if (!parsed) throw Error(ErrorCode::invalid_argument, std::string(what) + ": " + why_not_a_time(text));
  return *parsed;
}

CLI::Validator time_validator() {
  return CLI::Validator([](std::string& value) { return why_not_a_time(value); }, "", "TIME");
}

std::string read_input(const std::string& path, std::string_view what) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
    if (std::cin.bad()) throw Error(ErrorCode::invalid_argument, std::string(what) + ": cannot read standard input");
    return text.str();
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const ErrorCode code = (error == ENOENT || error == ENOTDIR) ? ErrorCode::not_found : ErrorCode::invalid_argument;
    throw Error(code, std::string(what) + ": cannot read '" + path +
                          "': " + (error != 0 ? std::strerror(error) : "open failed"));
  }
  text << in.rdbuf();
  if (in.bad()) throw Error(ErrorCode::invalid_argument, std::string(what) + ": cannot read '" + path + "'");
  return text.str();
}

Json parse_json_text(std::string_view text, std::string_view what) {
  util::require_utf8(text, what);
  try {
    return Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::exception& e) {
    // A syntax error, or a number too large for a double (out_of_range.406): malformed either way.
    std::string message = e.what();
    // nlohmann's messages begin with "[json.exception.parse_error.101] "; keep the rest.
    if (auto close = message.find("] "); close != std::string::npos) message = message.substr(close + 2);
    throw Error(ErrorCode::parse_error, std::string(what) + ": " + message);
  }
}

namespace {

bool is_preset(const std::string& name) {
  for (const std::string& preset : Policy::preset_names()) {
    if (preset == name) return true;
  }
  return false;
}

}  // namespace

std::string policy_argument(const std::string& policy) {
  if (is_preset(policy)) return policy;
  std::error_code error;
  if (!std::filesystem::exists(policy, error)) {
    std::string presets;
    for (const std::string& preset : Policy::preset_names()) presets += (presets.empty() ? "" : ", ") + preset;
    throw Error(ErrorCode::not_found,
                "--policy '" + policy + "' is neither a preset (" + presets + ") nor an existing policy file");
  }
  return read_input(policy, "--policy");
}

Policy load_policy_option(const std::string& policy) {
  const std::string argument = policy_argument(policy);
  try {
    return is_preset(argument) ? Policy::preset(argument) : Policy::from_json(argument);
  } catch (const Error& e) {
    throw Error(e.code(), policy + ": " + e.what());
  }
}

}  // namespace xinfang::cli
