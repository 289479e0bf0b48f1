// The xinfang command-line program: `xinfang init`.
//
// Creates a database with its policy and chain hash. On an existing database it changes
// nothing and reports what is there, so a setup script may run it every time; asking for
// another policy or hash than the database has is refused rather than ignored, because the
// caller would otherwise believe the database follows the rules they named.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/db_commands.hpp"
#include "cli/db_format.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

constexpr const char* kDefaultPolicy = "cn-national-2022";

struct InitOptions : DbOptions {
  std::string policy = kDefaultPolicy;
  std::string hash = "sha256";
  const CLI::Option* policy_option = nullptr;
  const CLI::Option* hash_option = nullptr;
};

bool file_has_content(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return false;
  const auto size = std::filesystem::file_size(path, error);
  // An empty file is what a shell's "> FILE" or mktemp leaves: SQLite takes it as a new database.
  return error || size > 0;
}

void refuse_different_setup(const InitOptions& options, const Engine& engine) {
  if (options.policy_option->count() > 0) {
    const Policy wanted = load_policy_option(options.policy);
    if (wanted.name() != engine.policy().name() || wanted.version() != engine.policy().version()) {
      throw Error(ErrorCode::already_exists, "database '" + options.database + "' exists already with policy " +
                                                 engine.policy().name() + " " + engine.policy().version() +
                                                 "; init does not change an existing database's policy (asked for " +
                                                 wanted.name() + " " + wanted.version() + ")");
    }
  }
  if (options.hash_option->count() > 0 && options.hash != hash_algorithm_name(engine.hash_algorithm())) {
    throw Error(ErrorCode::already_exists, "database '" + options.database + "' exists already with hash " +
                                               hash_algorithm_name(engine.hash_algorithm()) +
                                               "; a database's hash is chosen when it is created and never changes");
  }
}

void run_init(const InitOptions& options) {
  const bool created = !file_has_content(options.database);
  EngineOptions engine_setup = engine_options(options);
  if (created) {
    engine_setup.create = true;
    engine_setup.policy = policy_argument(options.policy);
    engine_setup.hash = options.hash == "sm3" ? HashAlgorithm::sm3 : HashAlgorithm::sha256;
  }
  const Engine engine = Engine::open(engine_setup);
  if (!created) refuse_different_setup(options, engine);

  const Policy& policy = engine.policy();
  const Calendar& calendar = engine.calendar();
  const std::int64_t cases = engine.count(CaseFilter{});
  const std::size_t staff = engine.list_staff().size();
  if (options.json) {
    print_json(std::cout,
               {{"database", options.database},
                {"created", created},
                {"policy", {{"name", policy.name()}, {"version", policy.version()}, {"title", policy.title()}}},
                {"hash", hash_algorithm_name(engine.hash_algorithm())},
                {"calendar", calendar.name()},
                {"time_zone", calendar.time_zone()},
                {"cases", cases},
                {"staff", staff}});
    return;
  }
  FieldList fields;
  fields.add("数据库 (database)",
             options.database + (created ? "  新建 (created)" : "  已存在，未改动 (exists; left unchanged)"));
  fields.add("政策 (policy)", policy.name() + " " + policy.version() + "  " + policy.title());
  fields.add("哈希 (hash)", hash_algorithm_name(engine.hash_algorithm()));
  fields.add("日历 (calendar)", calendar.name() + "  " + calendar.time_zone());
  fields.add("案件 (cases)", std::to_string(cases));
  fields.add("工作人员 (staff)", std::to_string(staff));
  fields.print(std::cout);
}

}  // namespace

void register_init_command(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* sub = app.add_subcommand("init", "Create a database, or report what an existing one holds");
  add_db_options(*sub, *options, globals, ActorOption::optional);
  options->policy_option =
      sub->add_option("--policy", options->policy,
                      "A preset name (see 'xinfang policy list') or a policy JSON file (docs/policy.md)")
          ->type_name("PRESET|FILE")
          ->capture_default_str();
  options->hash_option =
      sub->add_option("--hash", options->hash, "The audit chain's hash, fixed for the database's life")
          ->check(CLI::IsMember({"sha256", "sm3"}))
          ->capture_default_str();
  sub->footer(exit_status_footer(
      "A new database (no file, or an empty one) is created with the policy and hash. An existing database is not "
      "changed: init reports its policy, hash and counts, and refuses (already_exists) a --policy or --hash that "
      "differs from what it has."));
  sub->callback([options] { run_init(*options); });
}

}  // namespace xinfang::cli
