// The xinfang command-line program: `xinfang policy check | test | show | list`.
//
// `check` validates policy files and reports every error found in each, with its JSON path.
// The refused files are the command's result, so with --json the report is one document on
// stdout ({"ok", "files": [{"file", "ok", "name", "version" | "errors"}]}) even when a file
// fails; the exit status is 1 then, and stderr has the usual one line with the first error.
// `test` runs scenario files (docs/policy-testing.md) the same way: the report is the result.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "policy/policy_impl.hpp"
#include "xinfang/error.hpp"
#include "xinfang/policy.hpp"
#include "xinfang/scenario.hpp"

namespace xinfang::cli {
namespace {

// The outcome of checking one file.
struct FileResult {
  std::string file;
  std::string name;
  std::string version;
  std::vector<policy_detail::Issue> issues;
};

FileResult check_policy_file(const std::string& path) {
  FileResult result{path, {}, {}, {}};
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    const int error = errno;
    const ErrorCode code = (error == ENOENT || error == ENOTDIR) ? ErrorCode::not_found : ErrorCode::invalid_argument;
    result.issues.push_back(policy_detail::Issue{
        code, "", "cannot read policy file: " + std::string(error != 0 ? std::strerror(error) : "read failed")});
    return result;
  }
  policy_detail::LoadResult loaded = policy_detail::load(text.str());
  if (loaded.impl) {
    result.name = loaded.impl->name;
    result.version = loaded.impl->version;
  }
  result.issues = std::move(loaded.issues);
  return result;
}

struct PolicyCheckOptions {
  std::vector<std::string> files;
  bool json = false;
};

void run_policy_check(const PolicyCheckOptions& options) {
  std::vector<FileResult> results;
  std::size_t failed = 0;
  std::size_t errors = 0;
  for (const auto& file : options.files) {
    results.push_back(check_policy_file(file));
    if (!results.back().issues.empty()) ++failed;
    errors += results.back().issues.size();
  }
  if (options.json) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& r : results) {
      nlohmann::json entry = {{"file", r.file}, {"ok", r.issues.empty()}};
      if (r.issues.empty()) {
        entry["name"] = r.name;
        entry["version"] = r.version;
      } else {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& issue : r.issues) {
          list.push_back({{"code", error_code_name(issue.code)}, {"path", issue.path}, {"message", issue.text()}});
        }
        entry["errors"] = std::move(list);
      }
      files.push_back(std::move(entry));
    }
    print_json(std::cout, {{"ok", failed == 0}, {"files", std::move(files)}});
  } else {
    for (const auto& r : results) {
      if (r.issues.empty()) {
        std::cout << "ok " << r.name << " " << r.version << "\n";
        continue;
      }
      for (const auto& issue : r.issues) {
        std::cout << r.file << ": " << error_code_name(issue.code) << ": " << one_line(issue.text()) << "\n";
      }
    }
  }
  if (failed == 0) return;
  // The first error of the first failing file is the one line on stderr (main() prints it).
  for (const auto& r : results) {
    if (r.issues.empty()) continue;
    std::string message = r.file + ": " + r.issues.front().text();
    if (errors > 1) {
      message += " (" + std::to_string(errors) + " errors in " + std::to_string(failed) + " of " +
                 std::to_string(results.size()) + (results.size() == 1 ? " file" : " files") + ")";
    }
    throw Error(r.issues.front().code, message);
  }
}

void register_policy_check(CLI::App& policy) {
  auto options = std::make_shared<PolicyCheckOptions>();
  CLI::App* sub = policy.add_subcommand("check", "Validate policy files and print every error found");
  sub->add_option("FILE", options->files, "Policy JSON files (comments allowed; docs/policy.md)")->required();
  // Not add_json_flag(): the report is this command's result even when a file fails, so main()
  // must not print a second JSON document for the error (see the comment at the top).
  sub->add_flag("--json", options->json, "Print machine-readable JSON instead of text");
  sub->footer(exit_status_footer(
      "Prints 'ok NAME VERSION' for each valid file and 'FILE: CODE: policy /JSON/PATH: MESSAGE' for each error "
      "found (every error of every file). Exits 1 if any file fails; stderr then has the first error.\n"
      "With --json, prints {\"ok\": BOOL, \"files\": [{\"file\", \"ok\", \"name\", \"version\"} or {\"file\", "
      "\"ok\", \"errors\": [{\"code\", \"path\", \"message\"}]}]} on stdout in every case."));
  sub->callback([options] { run_policy_check(*options); });
}

struct PolicyTestOptions {
  std::vector<std::string> files;
  bool json = false;
  std::string junit;
};

ScenarioFileResult test_file(const std::string& file) {
  std::string text;
  try {
    text = read_input(file, "scenario file");
  } catch (const Error& e) {
    ScenarioFileResult unreadable;
    unreadable.source = file;
    unreadable.error_code = e.code();
    unreadable.error = e.what();
    return unreadable;
  }
  ScenarioOptions options;
  const std::filesystem::path parent =
      file == "-" ? std::filesystem::path() : std::filesystem::path(file).parent_path();
  options.base_directory = parent.empty() ? "." : parent.string();
  return run_scenarios(text, file, options);
}

void run_policy_test(const PolicyTestOptions& options) {
  std::vector<ScenarioFileResult> results;
  for (const auto& file : options.files) results.push_back(test_file(file));
  if (!options.junit.empty()) {
    std::ofstream out(options.junit, std::ios::binary | std::ios::trunc);
    out << scenario_report_junit(results);
    out.close();
    if (!out) throw Error(ErrorCode::invalid_argument, "cannot write the JUnit report to '" + options.junit + "'");
  }
  if (options.json) {
    print_json(std::cout, scenario_report_json(results));
  } else {
    std::cout << scenario_report_text(results);
  }
  std::size_t total = 0;
  std::size_t bad = 0;
  const ScenarioResult* first = nullptr;
  const ScenarioFileResult* first_file = nullptr;
  for (const auto& file : results) {
    if (file.error_code != ErrorCode::ok) {
      throw Error(file.error_code, file.source + ": " + file.error);
    }
    for (const auto& scenario : file.scenarios) {
      ++total;
      if (scenario.outcome == ScenarioOutcome::passed) continue;
      ++bad;
      if (first == nullptr) {
        first = &scenario;
        first_file = &file;
      }
    }
  }
  if (first == nullptr) return;
  // The one line on stderr (main() prints it): how many, and the first.
  std::string message = std::to_string(bad) + " of " + std::to_string(total) +
                        " scenarios did not pass; first: " + first_file->source + ": " + first->name;
  if (first->outcome == ScenarioOutcome::invalid) {
    throw Error(first->error_code, message + ": " + first->error);
  }
  throw Error(ErrorCode::invalid_data,
              message + " (" + std::to_string(first->mismatches.size()) + " expectations did not hold)");
}

void register_policy_test(CLI::App& policy) {
  auto options = std::make_shared<PolicyTestOptions>();
  CLI::App* sub = policy.add_subcommand("test", "Run policy scenario files and report what did not hold");
  sub->add_option("FILE", options->files, "Scenario JSON files (docs/policy-testing.md); - for standard input")
      ->required();
  // Not add_json_flag(), as for check: the report is the result even when a scenario fails.
  sub->add_flag("--json", options->json, "Print the report as JSON instead of text");
  sub->add_option("--junit", options->junit, "Also write a JUnit XML report to FILE (for CI tools)")->type_name("FILE");
  sub->footer(exit_status_footer(
      "Validates each file's scenarios, then runs each valid one on an in-memory database with a manual clock. "
      "Prints one line per scenario (PASS, FAIL or INVALID) and, under a failing one, each expectation that did "
      "not hold as '- expected' and '+ actual'; then the totals. Exits 1 if any scenario fails or is invalid, "
      "or a file cannot be read; stderr then says how many and which was first.\n"
      "With --json, prints {\"passed\", \"scenarios\", \"failed\", \"invalid\", \"files\": [...]} on stdout in "
      "every case."));
  sub->callback([options] { run_policy_test(*options); });
}

struct PolicyShowOptions {
  std::string preset;
  bool canonical = false;
};

void register_policy_show(CLI::App& policy) {
  auto options = std::make_shared<PolicyShowOptions>();
  CLI::App* sub = policy.add_subcommand("show", "Print a compiled-in preset policy");
  sub->add_option("PRESET", options->preset, "The preset's name (see 'xinfang policy list')")->required();
  sub->add_flag("--canonical", options->canonical,
                "Print the canonical JSON (every value explicit, no comments) instead of the source");
  sub->footer(exit_status_footer(
      "Prints the preset's JSON source, with its comments, as compiled in; a policy may start from it with "
      "\"extends\": \"PRESET\"."));
  sub->callback([options] {
    if (options->canonical) {
      std::cout << Policy::preset(options->preset).to_json() << "\n";
    } else {
      std::cout << Policy::preset_source(options->preset);
    }
  });
}

void register_policy_list(CLI::App& policy, Globals& globals) {
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = policy.add_subcommand("list", "List the compiled-in preset policies");
  add_json_flag(*sub, *json, globals);
  sub->footer(exit_status_footer("Prints one line per preset: NAME, VERSION and TITLE."));
  sub->callback([json] {
    nlohmann::json presets = nlohmann::json::array();
    Table table({Table::Align::left, Table::Align::left, Table::Align::left});
    for (const auto& name : Policy::preset_names()) {
      const Policy preset = Policy::preset(name);
      presets.push_back({{"name", name}, {"version", preset.version()}, {"title", preset.title()}});
      table.add_row({name, preset.version(), preset.title()});
    }
    if (*json) {
      print_json(std::cout, presets);
    } else {
      table.print(std::cout);
    }
  });
}

}  // namespace

void register_policy_command(CLI::App& app, Globals& globals) {
  CLI::App* policy =
      app.add_subcommand("policy", "Check policy files, run their scenarios; show the compiled-in presets");
  require_one_subcommand(*policy);
  policy->footer(exit_status_footer());
  register_policy_check(*policy);
  register_policy_test(*policy);
  register_policy_show(*policy);
  register_policy_list(*policy, globals);
}

}  // namespace xinfang::cli
