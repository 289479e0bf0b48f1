// The xinfang command-line program: `xinfang intake` — register a petition from flags, from an
// intake JSON file (docs/lifecycle.md, "Arguments"), or a batch of them in one transaction.
//
// The program only builds the intake arguments; the engine validates them, so a petition given
// by flags and the same petition given as JSON are refused with the same messages.
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/db_commands.hpp"
#include "cli/db_format.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "lifecycle/command_args.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

// The petition as flags; an empty string is a flag not given.
struct PetitionFlags {
  std::string channel;
  std::string type;
  std::string category;
  std::string region;
  std::string sub_route;
  std::string subject;
  std::string content;
  std::string name;
  std::string id_number;
  std::string phone;
  std::string address;
  std::string received_at;
  bool group = false;
};

struct IntakeOptions : DbOptions {
  std::string file;
  std::string batch;
  std::string key;
  PetitionFlags petition;
  std::vector<const CLI::Option*> petition_options;
};

// Intake arguments from flags. A flag not given is left out rather than sent empty, so that
// the engine reports "is required" for the required ones and applies its defaults to the rest.
Json petition_from_flags(const PetitionFlags& flags) {
  for (const auto& [flag, value] : {std::pair<const char*, const std::string*>{"--channel", &flags.channel},
                                    {"--type", &flags.type},
                                    {"--category", &flags.category},
                                    {"--subject", &flags.subject},
                                    {"--name", &flags.name}}) {
    if (value->empty()) throw CLI::RequiredError(std::string(flag) + " (or --file or --batch)");
  }
  Json petitioner = {{"name", flags.name}};
  if (!flags.id_number.empty()) petitioner["id_number"] = flags.id_number;
  if (!flags.phone.empty()) petitioner["phone"] = flags.phone;
  if (!flags.address.empty()) petitioner["address"] = flags.address;
  Json petition = {{"channel", flags.channel}, {"type", flags.type},       {"category", flags.category},
                   {"subject", flags.subject}, {"content", flags.content}, {"petitioners", Json::array({petitioner})},
                   {"group", flags.group}};
  if (!flags.region.empty()) petition["region"] = flags.region;
  if (!flags.sub_route.empty()) petition["sub_route"] = flags.sub_route;
  if (!flags.received_at.empty()) {
    // Normalised to UTC so that a retry with the same --key compares equal however the zone was written.
    petition["received_at"] = lifecycle_detail::format_instant(parse_time(flags.received_at, "--received-at"));
  }
  return petition;
}

void print_results(const std::vector<CommandResult>& results, bool json, bool batch) {
  if (json) {
    if (!batch) {
      print_json(std::cout, results.front().to_json());
      return;
    }
    Json list = Json::array();
    for (const CommandResult& result : results) list.push_back(result.to_json());
    print_json(std::cout, {{"results", std::move(list)}});
    return;
  }
  if (!batch) {
    const CommandResult& result = results.front();
    FieldList fields;
    fields.add("编号 (number)", result.number);
    fields.add("查询码 (query code)", result.query_code.empty() ? "—" : result.query_code);
    fields.add("状态 (status)", status_label(result.status));
    if (result.replayed)
      fields.add("重放 (replayed)", "此键已登记过，返回原案件 (the key was used before: the earlier case)");
    fields.print(std::cout);
    return;
  }
  Table table({Table::Align::right, Table::Align::left, Table::Align::left, Table::Align::left});
  table.add_row({"#", "编号 (number)", "查询码 (query code)", "状态 (status)"});
  std::size_t index = 0;
  for (const CommandResult& result : results) {
    table.add_row({std::to_string(index++), result.number, result.query_code.empty() ? "—" : result.query_code,
                   status_label(result.status) + (result.replayed ? "  (replayed)" : "")});
  }
  table.print(std::cout);
}

// A batch file: an array whose items are intake objects or {"petition": ..., "idempotency_key": ...}.
std::vector<IntakeRequest> read_batch(const std::string& path) {
  const Json items = parse_json_text(read_input(path, "--batch"), path);
  if (!items.is_array()) throw Error(ErrorCode::invalid_data, path + ": a batch must be a JSON array of petitions");
  std::vector<IntakeRequest> requests;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Json& item = items[i];
    const std::string where = path + " /" + std::to_string(i);
    if (!item.is_object()) throw Error(ErrorCode::invalid_data, where + ": must be an object");
    IntakeRequest request;
    // The intake arguments have no "petition" key, so its presence marks the wrapped form.
    if (item.contains("petition")) {
      for (const auto& entry : item.items()) {
        if (entry.key() != "petition" && entry.key() != "idempotency_key") {
          throw Error(ErrorCode::invalid_data,
                      where + "/" + entry.key() + ": unknown key (expected \"petition\" and \"idempotency_key\")");
        }
      }
      request.petition = item.at("petition");
      if (item.contains("idempotency_key")) {
        if (!item.at("idempotency_key").is_string()) {
          throw Error(ErrorCode::invalid_data, where + "/idempotency_key: must be a string");
        }
        request.idempotency_key = item.at("idempotency_key").get<std::string>();
      }
    } else {
      request.petition = item;
    }
    requests.push_back(std::move(request));
  }
  return requests;
}

void run_intake(const IntakeOptions& options) {
  bool flags_given = false;
  for (const CLI::Option* option : options.petition_options) flags_given = flags_given || option->count() > 0;
  if ((!options.file.empty() || !options.batch.empty()) && flags_given) {
    throw CLI::ValidationError("--file and --batch take the whole petition; petition flags cannot be added to them");
  }
  if (!options.batch.empty() && !options.key.empty()) {
    throw CLI::ValidationError("--key: a batch gives each petition its own \"idempotency_key\"");
  }
  // Flags are checked before the database is opened: a usage error should not depend on the file.
  Json petition = options.file.empty() && options.batch.empty() ? petition_from_flags(options.petition) : Json();

  Engine engine = open_database(options);
  const std::string& actor = require_actor(options);
  std::vector<CommandResult> results;
  if (!options.batch.empty()) {
    // A large import takes a while: say how far it has come, on a terminal only.
    Engine::BatchProgress progress;
    const bool terminal = isatty(STDERR_FILENO) == 1;
    if (terminal) {
      progress = [](std::size_t done, std::size_t total) {
        std::cerr << "\rregistered " << done << " of " << total << std::flush;
      };
    }
    results = engine.intake_batch(actor, read_batch(options.batch), progress);
    if (terminal) std::cerr << "\r\033[K" << std::flush;
    print_results(results, options.json, true);
    return;
  }
  if (!options.file.empty()) {
    const std::string what = options.file == "-" ? std::string("standard input") : options.file;
    petition = parse_json_text(read_input(options.file, "--file"), what);
  }
  results.push_back(engine.intake_json(actor, petition, options.key));
  print_results(results, options.json, false);
}

}  // namespace

void register_intake_command(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<IntakeOptions>();
  CLI::App* sub = app.add_subcommand("intake", "Register a petition (登记): from flags, a JSON file, or a batch");
  PetitionFlags& p = options->petition;
  std::vector<const CLI::Option*>& flags = options->petition_options;
  CLI::Option* file =
      sub->add_option("--file", options->file, "The petition as intake JSON (docs/lifecycle.md); - for standard input")
          ->type_name("FILE");
  sub->add_option("--batch", options->batch,
                  "A JSON array of intake objects, or of {\"petition\", \"idempotency_key\"}: all registered in "
                  "one transaction, or none")
      ->type_name("FILE")
      ->excludes(file);
  sub->add_option("--key", options->key,
                  "An idempotency key: a retry with the same key and content returns the case made the first time")
      ->type_name("KEY");
  flags.push_back(sub->add_option("--channel", p.channel, "Channel id (visit, letter, phone, ...)")->type_name("ID"));
  flags.push_back(sub->add_option("--type", p.type, "Petition type")
                      ->check(CLI::IsMember({"suggestion", "accusation", "claim"}))
                      ->type_name("TYPE"));
  flags.push_back(sub->add_option("--category", p.category, "Category id")->type_name("ID"));
  flags.push_back(sub->add_option("--region", p.region, "Region id")->type_name("ID"));
  flags.push_back(sub->add_option("--sub-route", p.sub_route, "Sub-route id of the type")->type_name("ID"));
  flags.push_back(sub->add_option("--subject", p.subject, "Subject line"));
  flags.push_back(sub->add_option("--content", p.content, "Full text (may be empty)"));
  flags.push_back(sub->add_option("--name", p.name, "The petitioner's name"));
  flags.push_back(sub->add_option("--id-number", p.id_number, "Identity-card number"));
  flags.push_back(sub->add_option("--phone", p.phone, "Phone"));
  flags.push_back(sub->add_option("--address", p.address, "Address"));
  flags.push_back(sub->add_option("--received-at", p.received_at, "When it arrived (default: now, the --at time)")
                      ->check(time_validator())
                      ->type_name("TIME"));
  flags.push_back(
      sub->add_flag("--group", p.group, "A group petition (a group visit needs representatives: use --file)"));
  add_db_options(*sub, *options, globals, ActorOption::required);
  sub->footer(exit_status_footer(
      "Prints the case number, the query code to give the petitioner (only its hash is stored: it cannot be shown "
      "again) and the status. A petition without received_at arrived now (--at, else the system clock); give "
      "--received-at when retrying with --key, or the retry differs from the first attempt."));
  sub->callback([options] { run_intake(*options); });
}

}  // namespace xinfang::cli
