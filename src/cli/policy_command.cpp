// The xinfang command-line program: `xinfang policy check | show | list`.
//
// `check` validates policy files and reports every error found in each, with its JSON path.
// The refused files are the command's result, so with --json the report is one document on
// stdout ({"ok", "files": [{"file", "ok", "name", "version" | "errors"}]}) even when a file
// fails; the exit status is 1 then, and stderr has the usual one line with the first error.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "policy/policy_impl.hpp"
#include "xinfang/error.hpp"
#include "xinfang/policy.hpp"

namespace xinfang::cli {
namespace {

// The outcome of checking one file.
struct FileResult {
  std::string file;
  std::string name;
  std::string version;
  std::vector<policy_detail::Issue> issues;
};

FileResult check_file(const std::string& path) {
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

struct CheckOptions {
  std::vector<std::string> files;
  bool json = false;
};

void run_check(const CheckOptions& options) {
  std::vector<FileResult> results;
  std::size_t failed = 0;
  std::size_t errors = 0;
  for (const auto& file : options.files) {
    results.push_back(check_file(file));
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

void register_check(CLI::App& policy) {
  auto options = std::make_shared<CheckOptions>();
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
  sub->callback([options] { run_check(*options); });
}

struct ShowOptions {
  std::string preset;
  bool canonical = false;
};

void register_show(CLI::App& policy) {
  auto options = std::make_shared<ShowOptions>();
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

void register_list(CLI::App& policy, Globals& globals) {
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
  CLI::App* policy = app.add_subcommand("policy", "Check policy files; show the compiled-in presets");
  require_one_subcommand(*policy);
  policy->footer(exit_status_footer());
  register_check(*policy);
  register_show(*policy);
  register_list(*policy, globals);
}

}  // namespace xinfang::cli
