// Bad input to the xinfang program: one line on stderr, "xinfang: error: CODE: MESSAGE", exit
// status 2 for usage errors (CLI11 could not parse the command line) and 1 for failures the
// library reports (xinfang::Error); with --json the error is also a JSON object on stdout.
#include <string>

#include <gtest/gtest.h>

#include "cli_test_util.hpp"
#include "xinfang/version.h"

namespace xinfang::cli_test {
namespace {

// ---- usage errors: exit status 2 ----

TEST(CliUsageErrors, ImpossibleDate) {
  // February 2025 has 28 days.
  const CliRun run = run_cli({"calendar", "is-workday", "2025-02-30"});
  EXPECT_TRUE(one_line_error(run, 2, "invalid_argument"));
  EXPECT_TRUE(contains(run.err, "2025-02-30")) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST(CliUsageErrors, MalformedDateInSecondPosition) {
  const CliRun run = run_cli({"calendar", "between", "2025-01-01", "2025/02/01"});
  EXPECT_TRUE(one_line_error(run, 2, "invalid_argument"));
  EXPECT_TRUE(contains(run.err, "DATE2")) << run.err;
}

TEST(CliUsageErrors, UnknownUnit) {
  const CliRun run = run_cli({"calendar", "add", "2025-01-01", "3", "--unit", "fortnight"});
  EXPECT_TRUE(one_line_error(run, 2, "invalid_argument"));
  EXPECT_TRUE(contains(run.err, "--unit")) << run.err;
  EXPECT_TRUE(contains(run.err, "fortnight")) << run.err;
  // The hint names the subcommand's own help.
  EXPECT_TRUE(contains(run.err, "xinfang calendar add --help")) << run.err;
}

TEST(CliUsageErrors, CountNotANumber) {
  EXPECT_TRUE(one_line_error(run_cli({"calendar", "add", "2025-01-01", "three"}), 2, "invalid_argument"));
}

TEST(CliUsageErrors, MissingAndExtraArguments) {
  EXPECT_TRUE(one_line_error(run_cli({"calendar", "add", "2025-01-01"}), 2, "invalid_argument"));
  const CliRun extra = run_cli({"calendar", "year", "2025", "2026"});
  EXPECT_TRUE(one_line_error(extra, 2, "invalid_argument"));
  EXPECT_TRUE(contains(extra.err, "2026")) << extra.err;
}

TEST(CliUsageErrors, MissingOrUnknownSubcommand) {
  const CliRun none = run_cli({});
  EXPECT_TRUE(one_line_error(none, 2, "invalid_argument"));
  EXPECT_TRUE(contains(none.err, "calendar, demo")) << none.err;
  const CliRun unknown = run_cli({"calender"});
  EXPECT_TRUE(one_line_error(unknown, 2, "invalid_argument"));
  EXPECT_TRUE(contains(unknown.err, "calender")) << unknown.err;
  const CliRun nested = run_cli({"calendar"});
  EXPECT_TRUE(one_line_error(nested, 2, "invalid_argument"));
  EXPECT_TRUE(contains(nested.err, "is-workday")) << nested.err;
}

TEST(CliUsageErrors, BadEstimateForm) {
  const CliRun run = run_cli({"calendar", "is-workday", "2027-01-01", "--estimate", "27"});
  EXPECT_TRUE(one_line_error(run, 2, "invalid_argument"));
  EXPECT_TRUE(contains(run.err, "--estimate")) << run.err;
}

TEST(CliUsageErrors, DemoYearOutOfRange) {
  EXPECT_TRUE(one_line_error(run_cli({"demo", "--year", "1800"}), 2, "invalid_argument"));
}

TEST(CliUsageErrors, JsonModeAlsoPrintsErrorObject) {
  const CliRun run = run_cli({"calendar", "add", "2025-01-01", "3", "--unit", "fortnight", "--json"});
  EXPECT_TRUE(one_line_error(run, 2, "invalid_argument"));
  const auto j = parse_json(run.out);
  EXPECT_EQ(j["error"]["code"], "invalid_argument");
  EXPECT_TRUE(contains(j["error"]["message"].get<std::string>(), "fortnight"));
}

// ---- library failures: exit status 1 ----

TEST(CliLibraryErrors, UnknownYearIsCalendarRange) {
  // No 2027 table is compiled in and no estimate was allowed.
  const CliRun run = run_cli({"calendar", "is-workday", "2027-03-01"});
  EXPECT_TRUE(one_line_error(run, 1, "calendar_range"));
  EXPECT_TRUE(contains(run.err, "2027")) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(one_line_error(run_cli({"calendar", "year", "2027"}), 1, "calendar_range"));
  // A count that crosses into 2027 is refused too, not silently taken as weekdays.
  EXPECT_TRUE(one_line_error(run_cli({"calendar", "between", "2026-12-01", "2027-01-10"}), 1, "calendar_range"));
}

TEST(CliLibraryErrors, UnknownYearJson) {
  const CliRun run = run_cli({"calendar", "year", "2027", "--json"});
  EXPECT_TRUE(one_line_error(run, 1, "calendar_range"));
  const auto j = parse_json(run.out);
  EXPECT_EQ(j["error"]["code"], "calendar_range");
  EXPECT_TRUE(contains(j["error"]["message"].get<std::string>(), "2027"));
}

TEST(CliLibraryErrors, UnreadableCalendarFile) {
  TempDir dir;
  const std::string missing = dir.path() + "/no-such-calendar.json";
  const CliRun run = run_cli({"calendar", "is-workday", "2025-10-01", "--calendar", missing});
  EXPECT_TRUE(one_line_error(run, 1, "not_found"));
  EXPECT_TRUE(contains(run.err, missing)) << run.err;
}

TEST(CliLibraryErrors, MalformedCalendarJson) {
  TempDir dir;
  // Line 2 ends without closing the object.
  const std::string file = dir.write("broken.json", "{\"name\": \"x\",\n\"years\": {\n");
  const CliRun run = run_cli({"calendar", "is-workday", "2025-10-01", "--calendar", file, "--json"});
  EXPECT_TRUE(one_line_error(run, 1, "parse_error"));
  EXPECT_TRUE(contains(run.err, file)) << run.err;
  EXPECT_TRUE(contains(run.err, "line")) << run.err;
  EXPECT_EQ(parse_json(run.out)["error"]["code"], "parse_error");
}

TEST(CliLibraryErrors, CalendarJsonBreakingTheRules) {
  TempDir dir;
  // Well-formed JSON, but a year table needs its "source".
  const std::string file =
      dir.write("rules.json", R"({"name": "x", "base": "cn-national", "years": {"2027": {"holidays": []}}})");
  const CliRun run = run_cli({"calendar", "is-workday", "2025-10-01", "--calendar", file});
  EXPECT_TRUE(one_line_error(run, 1, "invalid_data"));
  EXPECT_TRUE(contains(run.err, "/years/2027/source")) << run.err;
}

TEST(CliLibraryErrors, EstimateOutsideSupportedRange) {
  // The form is right, but with_estimated_years accepts 1900-2200 only.
  EXPECT_TRUE(
      one_line_error(run_cli({"calendar", "is-workday", "2025-10-01", "--estimate", "1800"}), 1, "invalid_argument"));
}

TEST(CliLibraryErrors, NegativeStatutoryPeriod) {
  const CliRun run = run_cli({"calendar", "add", "2025-10-01", "-3", "--unit", "statutory"});
  EXPECT_TRUE(one_line_error(run, 1, "invalid_argument"));
  EXPECT_TRUE(contains(run.err, "negative")) << run.err;
}

// ---- --help and --version ----

TEST(CliHelpAndVersion, VersionPrintsTheVersion) {
  const CliRun run = run_cli({"--version"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, std::string("xinfang ") + XF_VERSION_STRING + "\n");
}

TEST(CliHelpAndVersion, HelpDocumentsExitStatus) {
  const CliRun run = run_cli({"--help"});
  EXPECT_EQ(run.status, 0);
  EXPECT_TRUE(contains(run.out, "calendar")) << run.out;
  EXPECT_TRUE(contains(run.out, "demo")) << run.out;
  EXPECT_TRUE(contains(run.out, "Exit status:")) << run.out;
  EXPECT_TRUE(contains(run.out, "  1  the input was refused")) << run.out;
  EXPECT_TRUE(contains(run.out, "  2  usage error")) << run.out;
  // Subcommand help pages carry the same footer.
  EXPECT_TRUE(contains(run_cli({"calendar", "add", "--help"}).out, "  2  usage error"));
}

}  // namespace
}  // namespace xinfang::cli_test
