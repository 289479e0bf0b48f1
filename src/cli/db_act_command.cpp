// The xinfang command-line program: `xinfang act NUMBER COMMAND [key=value ...]` — any lifecycle
// command but intake on a case (Engine::run), one transaction.
//
// Arguments are the command's JSON object (docs/lifecycle.md, "Arguments"): --args gives it
// whole, and key=value pairs set single keys over it. A value that reads as a JSON number,
// boolean, object or array is taken as that JSON (amount=30, manual=true); anything else is
// the text as typed (note=已电话联系, handler=007, text="a b"), so that a clerk never quotes a
// plain string. A string that looks like JSON goes through --args.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/db_commands.hpp"
#include "cli/db_format.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

struct ActOptions : DbOptions {
  std::string number;
  std::string command;
  std::string args;
  std::int64_t expected_version = 0;
  std::vector<std::string> pairs;
};

Json pair_value(const std::string& text) {
  try {
    Json value = Json::parse(text);
    if (value.is_number() || value.is_boolean() || value.is_object() || value.is_array()) return value;
  } catch (const Json::exception&) {
    // Not JSON (or a number too large for a double): plain text.
  }
  return text;
}

Json command_arguments(const ActOptions& options) {
  Json args = Json::object();
  if (!options.args.empty()) {
    args = parse_json_text(options.args, "--args");
    if (args.is_null()) args = Json::object();
    if (!args.is_object()) throw Error(ErrorCode::invalid_data, "--args: must be a JSON object, not " + args.dump());
  }
  for (const std::string& pair : options.pairs) {
    const auto equals = pair.find('=');
    args[pair.substr(0, equals)] = pair_value(pair.substr(equals + 1));
  }
  return args;
}

CLI::Validator key_value_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        const auto equals = value.find('=');
        if (equals == std::string::npos || equals == 0) return "'" + value + "' is not key=value";
        return std::string();
      },
      "", "KEY=VALUE");
}

void run_act(const ActOptions& options) {
  const Json args = command_arguments(options);
  Engine engine = open_database(options);
  RunOptions run;
  run.expected_version = options.expected_version;
  const CommandResult result = engine.run(options.number, require_actor(options), Command{options.command, args}, run);
  if (options.json) {
    print_json(std::cout, result.to_json());
    return;
  }
  std::string events;
  for (const Event& event : result.events) events += (events.empty() ? "" : ", ") + event.type;
  FieldList fields;
  fields.add("编号 (number)", result.number);
  fields.add("命令 (command)", options.command);
  fields.add("状态 (status)", status_label(result.status));
  fields.add("版本 (version)", std::to_string(result.version));
  fields.add("事件 (events)", events.empty() ? "—" : events);
  fields.print(std::cout);
}

}  // namespace

void register_act_command(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<ActOptions>();
  CLI::App* sub = app.add_subcommand("act", "Run a lifecycle command on a case (accept, route, reply, ...)");
  sub->add_option("NUMBER", options->number, "The case number")->required();
  sub->add_option("COMMAND", options->command, "The command (docs/lifecycle.md has the table)")->required();
  sub->add_option("KEY=VALUE", options->pairs,
                  "An argument of the command; a value that reads as a JSON number, boolean, object or array is "
                  "taken as that JSON, anything else as text")
      ->check(key_value_validator());
  sub->add_option("--args", options->args,
                  "The command's arguments as a JSON object; KEY=VALUE pairs override its keys")
      ->type_name("JSON");
  sub->add_option("--expect-version", options->expected_version,
                  "The case version last seen: refused (conflict) if someone acted since")
      ->check(CLI::PositiveNumber)
      ->type_name("N");
  add_db_options(*sub, *options, globals, ActorOption::required);
  sub->footer(exit_status_footer(
      "Prints the case's new status and version and the events appended. Examples:\n"
      "  xinfang act NUMBER accept --actor d1 note=已受理\n"
      "  xinfang act NUMBER route --actor d1          (unit and handler chosen by the rules)\n"
      "  xinfang act NUMBER request_extension --actor h1 amount=30 reason=需补充材料\n"
      "  xinfang act NUMBER reply --actor h1 --args '{\"outcome\": \"supported\", \"text\": \"...\"}'"));
  sub->callback([options] { run_act(*options); });
}

}  // namespace xinfang::cli
