// The xinfang command-line program: `xinfang verify` — walk every case's hash chain, the staff
// directory's and the case-number sequences.
//
// The report is the command's result even when the database fails verification, so with
// --json it is the one document on stdout either way (as `policy check` does); a failure then
// exits 1 with the one line "xinfang: error: integrity: case N event S: ..." on stderr.
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

std::string problem_message(const VerifyReport& report) {
  // The engine's message may name the case and event itself; naming them twice reads as two problems.
  if (!report.case_number.empty() && report.message.find(report.case_number) != std::string::npos) {
    return report.message;
  }
  std::string where;
  if (!report.case_number.empty()) where = "case " + report.case_number;
  if (report.sequence > 0)
    where += (where.empty() ? "" : " ") + std::string("event ") + std::to_string(report.sequence);
  const std::string message = report.message.empty() ? "verification failed" : report.message;
  return where.empty() ? message : where + ": " + message;
}

void run_verify(const DbOptions& options) {
  const Engine engine = open_database(options);
  const VerifyReport report = engine.verify();
  if (options.json) {
    print_json(std::cout, report.to_json());
  } else {
    FieldList fields;
    fields.add("校验 (verify)", report.ok ? "ok" : "失败 (FAILED): " + one_line(problem_message(report)));
    fields.add("案件 (cases)", std::to_string(report.cases));
    fields.add("事件 (events)", std::to_string(report.events));
    fields.add("名册变更 (directory changes)", std::to_string(report.directory_changes));
    fields.print(std::cout);
  }
  if (!report.ok) throw Error(ErrorCode::integrity, problem_message(report));
}

}  // namespace

void register_verify_command(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<DbOptions>();
  CLI::App* sub = app.add_subcommand("verify", "Check the database's hash chains: exit 0 if intact, 1 if not");
  // Not registered with main(): the report is printed even when verification fails (see the top).
  add_db_options(*sub, *options, globals, ActorOption::none, /*register_json=*/false);
  sub->footer(exit_status_footer(
      "Prints what was checked. If anything fails verification, exits 1 with 'integrity: case NUMBER event SEQ: "
      "MESSAGE' on stderr. --json prints the report {\"ok\", \"cases\", \"events\", ...} in either case."));
  sub->callback([options] { run_verify(*options); });
}

}  // namespace xinfang::cli
