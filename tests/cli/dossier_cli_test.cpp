// `xinfang export` and `xinfang import` between two databases the program itself makes: a claim
// registered at the district (某区民政局) and forwarded to the city, exported in the three forms,
// checked without a database, taken over by the city; a tampered and a truncated dossier refused
// with the city unchanged; a month's concluded cases exported and archived in a third database;
// and --output, --case and --period refusing what they must.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db_cli_fixture.hpp"

namespace xinfang::cli_test {
namespace {

using nlohmann::json;

const std::string kForwardTime = "2025-03-04T10:00:00+08:00";
const std::string kReceiveTime = "2025-03-05T10:30:00+08:00";
const std::string kPhone = "13812345678";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The values of the "LABEL  VALUE" lines of field lists starting with @p label.
std::vector<std::string> fields(const std::string& out, const std::string& label) {
  std::vector<std::string> values;
  for (const std::string& line : lines_of(out)) {
    if (line.rfind(label, 0) != 0) continue;
    const std::size_t value = line.find_first_not_of(' ', label.size());
    values.push_back(value == std::string::npos ? std::string() : line.substr(value));
  }
  return values;
}

// The value of the first "LABEL  VALUE" line; "" if none.
std::string field(const std::string& out, const std::string& label) {
  const std::vector<std::string> values = fields(out, label);
  return values.empty() ? std::string() : values.front();
}

// The files of a directory whose names start with a dot: temporary files left behind.
std::vector<std::string> hidden_files(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.') names.push_back(name);
  }
  return names;
}

// The city is DbCliTest's database (r1 registrar, d1 dispatcher, ...); the district's is made
// here, on the sm3 chain, with its registrar dr1 and dispatcher dd1; origin_ is a claim
// registered there on Mon 3 Mar 2025 and forwarded to the city on the 4th.
class DossierCliTest : public DbCliTest {
 protected:
  void SetUp() override {
    DbCliTest::SetUp();
    district_ = dir_->path() + "/district.db";
    ASSERT_EQ(district({"init", "--hash", "sm3", "--at", kIntakeTime}).status, 0);
    for (const auto& [id, role] : {std::pair<const char*, const char*>{"dr1", "registrar"}, {"dd1", "dispatcher"}}) {
      const CliRun added =
          district({"staff", "add", id, "--name", "区工作人员", "--org", "district", "--unit",
                    "petition_office_district", "--role", role, "--actor", "admin", "--at", kIntakeTime});
      ASSERT_EQ(added.status, 0) << added.err;
    }
    origin_ = district_intake("claim", "申请最低生活保障被拒绝", kIntakeTime);
    const CliRun forwarded =
        district({"act", origin_, "forward", "--actor", "dd1", "--at", kForwardTime, "organisation=city"});
    ASSERT_EQ(forwarded.status, 0) << forwarded.err;
  }

  CliRun district(std::vector<std::string> args) const {
    args.insert(args.end(), {"--db", district_});
    return run_cli(args);
  }

  std::string district_intake(const std::string& type, const std::string& subject, const std::string& at) const {
    const CliRun run =
        district({"intake", "--channel", "letter", "--type", type, "--category", "social_assistance", "--subject",
                  subject, "--name", "陈某", "--phone", kPhone, "--actor", "dr1", "--at", at, "--json"});
    EXPECT_EQ(run.status, 0) << run.err;
    return parse_json(run.out).value("number", "");
  }

  std::string file(const std::string& name) const { return dir_->path() + "/" + name; }

  // `export --case origin_` by dd1 at @p at; fails the test unless it succeeds.
  std::string export_origin(const std::string& format, const std::string& at) const {
    const std::string output = file("case." + format);
    const CliRun run =
        district({"export", "--case", origin_, "--format", format, "--output", output, "--actor", "dd1", "--at", at});
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
    return output;
  }

  static json show(const CliRun& run) {
    EXPECT_EQ(run.status, 0) << run.err;
    return parse_json(run.out);
  }

  // How many cases and events the city holds (verify --json), and that it verifies.
  std::pair<std::int64_t, std::int64_t> city_totals() const {
    const CliRun run = db({"verify", "--json"});
    EXPECT_EQ(run.status, 0) << run.out;
    const json report = parse_json(run.out);
    return {report.value("cases", -1), report.value("events", -1)};
  }

  std::string district_;
  std::string origin_;
};

TEST_F(DossierCliTest, ExportsACaseInEachFormAndPrintsItsHeadHash) {
  const std::vector<std::pair<std::string, std::string>> forms = {{"xml", "2025-03-04T11:00:00+08:00"},
                                                                  {"text", "2025-03-04T11:01:00+08:00"},
                                                                  {"binary", "2025-03-04T11:02:00+08:00"}};
  std::size_t events = 2;  // registered, forwarded; each export adds one
  for (const auto& [format, at] : forms) {
    const std::string output = file("case." + format);
    const CliRun run =
        district({"export", "--case", origin_, "--format", format, "--output", output, "--actor", "dd1", "--at", at});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
    ++events;
    const std::string bytes = read_file(output);
    EXPECT_EQ(field(run.out, "案卷 (dossier)"), output);
    EXPECT_EQ(field(run.out, "格式 (format)"), format);
    EXPECT_EQ(field(run.out, "案件 (cases)"), "1");
    EXPECT_EQ(field(run.out, "事件 (events)"), std::to_string(events));
    EXPECT_EQ(field(run.out, "字节 (bytes)"), std::to_string(bytes.size()));
    EXPECT_EQ(field(run.out, "隐去身份 (redacted)"), "否 (no)");
    EXPECT_EQ(field(run.out, "期间 (period)"), "");
    // The head hash is the district's last event: the export itself.
    const json record = show(district({"show", origin_, "--json"}));
    ASSERT_EQ(record["events"].size(), events);
    const json& last = record["events"].back();
    EXPECT_EQ(last["type"], "exported");
    const std::string head = "sm3:" + last["hash"].get<std::string>();
    const std::vector<std::string> lines = lines_of(run.out);
    ASSERT_GE(lines.size(), 2u);
    EXPECT_EQ(lines[lines.size() - 2].rfind("编号 (number)", 0), 0u) << run.out;
    EXPECT_EQ(lines.back().rfind(origin_ + "  district", 0), 0u) << run.out;
    EXPECT_TRUE(contains(lines.back(), "forwarded")) << run.out;
    EXPECT_EQ(lines.back().substr(lines.back().size() - head.size()), head) << run.out;
  }
  EXPECT_EQ(read_file(file("case.xml")).rfind("<?xml", 0), 0u);
  EXPECT_TRUE(contains(read_file(file("case.text")).substr(0, 40), "serialization::archive"));
  EXPECT_TRUE(contains(read_file(file("case.binary")).substr(0, 40), "serialization::archive"));
  EXPECT_EQ(hidden_files(dir_->path()), std::vector<std::string>{});

  // --json: the same, with each case's summary.
  const CliRun run = district({"export", "--case", origin_, "--output", file("again.xml"), "--actor", "dd1", "--at",
                               "2025-03-04T11:03:00+08:00", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const json report = parse_json(run.out);
  EXPECT_EQ(report["format"], "xml");
  EXPECT_EQ(report["bytes"], read_file(file("again.xml")).size());
  EXPECT_EQ(report["events"], 6);
  EXPECT_EQ(report["redacted"], false);
  ASSERT_EQ(report["cases"].size(), 1u);
  EXPECT_EQ(report["cases"][0]["number"], origin_);
  EXPECT_EQ(report["cases"][0]["hash_algorithm"], "sm3");
  EXPECT_EQ(report["cases"][0]["head_hash"], show(district({"show", origin_, "--json"}))["events"].back()["hash"]);
  EXPECT_EQ(district({"verify"}).status, 0);
}

TEST_F(DossierCliTest, CheckReadsEachFormWithoutADatabase) {
  const std::vector<std::string> files = {export_origin("xml", "2025-03-04T11:00:00+08:00"),
                                          export_origin("text", "2025-03-04T11:01:00+08:00"),
                                          export_origin("binary", "2025-03-04T11:02:00+08:00")};
  std::vector<std::string> args = {"import", "--check"};
  args.insert(args.end(), files.begin(), files.end());
  const CliRun text = run_cli(args);  // no --db, and the fixture unset $XINFANG_DB
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.err, "");
  std::size_t listed = 0;
  for (const std::string& line : lines_of(text.out)) {
    if (line.rfind(origin_ + "  district", 0) == 0) ++listed;
  }
  EXPECT_EQ(listed, 3u) << text.out;
  EXPECT_EQ(fields(text.out, "校验 (check)"), (std::vector<std::string>{"ok", "ok", "ok"})) << text.out;
  EXPECT_EQ(fields(text.out, "格式 (format)"), (std::vector<std::string>{"xml", "text", "binary"})) << text.out;
  EXPECT_EQ(fields(text.out, "事件 (events)"), (std::vector<std::string>{"3", "4", "5"})) << text.out;
  EXPECT_EQ(field(text.out, "导出 (exported)"), "district  dd1  2025-03-04T03:00:00Z") << text.out;

  args.push_back("--json");
  const CliRun run = run_cli(args);
  ASSERT_EQ(run.status, 0) << run.err;
  const json report = parse_json(run.out);
  EXPECT_EQ(report["ok"], true);
  ASSERT_EQ(report["files"].size(), 3u);
  const char* const formats[] = {"xml", "text", "binary"};
  for (std::size_t i = 0; i < 3; ++i) {
    const json& entry = report["files"][i];
    EXPECT_EQ(entry["file"], files[i]);
    EXPECT_EQ(entry["ok"], true);
    EXPECT_EQ(entry["format"], formats[i]);
    EXPECT_EQ(entry["check"]["events"], 3 + i);
    EXPECT_EQ(entry["summary"]["cases"][0]["number"], origin_);
    EXPECT_EQ(entry["summary"]["exported_by"], "dd1");
  }
}

TEST_F(DossierCliTest, TheCityTakesTheCaseOverAndASecondImportFindsItThere) {
  const std::string dossier = export_origin("xml", "2025-03-04T11:00:00+08:00");
  const CliRun run = db({"import", dossier, "--actor", "r1", "--at", kReceiveTime});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const std::vector<std::string> lines = lines_of(run.out);
  ASSERT_EQ(lines.size(), 2u) << run.out;
  const std::string prefix = origin_ + " -> ";
  ASSERT_EQ(lines[0].rfind(prefix, 0), 0u) << run.out;
  ASSERT_GT(lines[0].size(), prefix.size() + std::string(" (received)").size());
  const std::string local = lines[0].substr(prefix.size(), lines[0].size() - prefix.size() - 11);
  EXPECT_EQ(lines[0], prefix + local + " (received)");
  EXPECT_EQ(local.rfind("MZJ-", 0), 0u) << local;
  EXPECT_NE(local, origin_);
  EXPECT_EQ(lines[1], "已接收 (received) 1，已有 (already here) 0");

  EXPECT_EQ(db({"verify"}).status, 0);
  EXPECT_EQ(district({"verify"}).status, 0);
  const json record = show(db({"show", local, "--json"}));
  EXPECT_EQ(record["case"]["status"], "registered");
  EXPECT_EQ(record["case"]["organisation"], "city");
  EXPECT_EQ(record["case"]["origin"]["number"], origin_);
  EXPECT_EQ(record["case"]["origin"]["organisation"], "district");
  ASSERT_EQ(record["events"].size(), 4u);  // registered, forwarded, exported at the district; the receipt
  EXPECT_EQ(record["events"].back()["type"], "dossier_received");
  const CliRun shown = db({"show", local});
  EXPECT_EQ(field(shown.out, "状态 (status)"), "registered 登记") << shown.out;
  EXPECT_EQ(field(shown.out, "编号 (number)"), local);
  EXPECT_EQ(field(shown.out, "来源 (received from)"), origin_ + " (district)") << shown.out;

  const CliRun again = db({"import", dossier, "--actor", "r1", "--at", "2025-03-05T11:00:00+08:00"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(lines_of(again.out), (std::vector<std::string>{prefix + local + " (already here)",
                                                           "已接收 (received) 0，已有 (already here) 1"}));
  EXPECT_EQ(db({"list", "--count"}).out, "1\n");
  const CliRun as_json = db({"import", dossier, "--actor", "r1", "--json"});
  ASSERT_EQ(as_json.status, 0) << as_json.err;
  const json result = parse_json(as_json.out);
  EXPECT_EQ(result["received"], 0);
  EXPECT_EQ(result["already_here"], 1);
  EXPECT_EQ(result["files"][0]["file"], dossier);
  EXPECT_EQ(result["files"][0]["cases"][0],
            json({{"origin_number", origin_}, {"number", local}, {"events", 3}, {"created", false}}));
  EXPECT_EQ(city_totals(), std::make_pair(std::int64_t{1}, std::int64_t{4}));
}

TEST_F(DossierCliTest, TamperedAndTruncatedDossiersAreRefusedAndTheCityIsUnchanged) {
  const std::vector<std::pair<std::string, std::string>> forms = {{"xml", "2025-03-04T11:00:00+08:00"},
                                                                  {"text", "2025-03-04T11:01:00+08:00"},
                                                                  {"binary", "2025-03-04T11:02:00+08:00"}};
  const std::pair<std::int64_t, std::int64_t> before = city_totals();
  for (const auto& [format, at] : forms) {
    const std::string good = read_file(export_origin(format, at));
    // The phone appears last in the registered event's payload (the case's state comes first).
    std::string tampered = good;
    const std::size_t digit = tampered.rfind(kPhone);
    ASSERT_NE(digit, std::string::npos) << format;
    tampered[digit + 5] = tampered[digit + 5] == '9' ? '8' : '9';
    const std::string tampered_file = dir_->write("tampered." + format, tampered);
    const std::string truncated_file = dir_->write("truncated." + format, good.substr(0, good.size() / 2));

    const CliRun refused = db({"import", tampered_file, "--actor", "r1", "--at", kReceiveTime});
    EXPECT_TRUE(one_line_error(refused, 1, "integrity")) << format;
    EXPECT_TRUE(contains(refused.err,
                         tampered_file + ": the dossier does not verify: case " + origin_ + " event 1: was altered"))
        << refused.err;
    EXPECT_EQ(refused.out, "");
    const CliRun cut = db({"import", truncated_file, "--actor", "r1", "--at", kReceiveTime});
    EXPECT_TRUE(one_line_error(cut, 1, "parse_error")) << format;
    EXPECT_TRUE(contains(cut.err, truncated_file + ": ")) << cut.err;

    const CliRun checked = run_cli({"import", "--check", tampered_file});
    EXPECT_TRUE(one_line_error(checked, 1, "integrity")) << format;
    EXPECT_TRUE(contains(field(checked.out, "校验 (check)"), "失败 (FAILED): integrity: ")) << checked.out;
    EXPECT_EQ(field(checked.out, "案件 (cases)"), "1");  // read, though it does not verify
    const CliRun checked_cut = run_cli({"import", "--check", truncated_file});
    EXPECT_TRUE(one_line_error(checked_cut, 1, "parse_error")) << format;
    EXPECT_EQ(field(checked_cut.out, "案件 (cases)"), "");
  }
  EXPECT_EQ(city_totals(), before);
  EXPECT_EQ(db({"list", "--count"}).out, "0\n");

  // Several files: each reported, the first failure on stderr, exit 1; --json reports them all.
  const CliRun mixed = run_cli({"import", "--check", file("case.xml"), file("tampered.text"), file("truncated.xml")});
  EXPECT_TRUE(one_line_error(mixed, 1, "integrity"));
  EXPECT_TRUE(contains(mixed.err, file("tampered.text") + ": ")) << mixed.err;
  EXPECT_TRUE(contains(mixed.err, "(2 of 3 files fail)")) << mixed.err;
  const CliRun mixed_json = run_cli({"import", "--check", file("case.xml"), file("truncated.xml"), "--json"});
  EXPECT_EQ(mixed_json.status, 1);
  const json report = parse_json(mixed_json.out);
  EXPECT_EQ(report["ok"], false);
  EXPECT_EQ(report["files"][0]["ok"], true);
  EXPECT_EQ(report["files"][1]["ok"], false);
  EXPECT_EQ(report["files"][1]["error"]["code"], "parse_error");
  EXPECT_TRUE(report["files"][1]["summary"].is_null());
  // A refused import with --json prints the error document on stdout.
  const CliRun import_json = db({"import", file("truncated.binary"), "--actor", "r1", "--json"});
  EXPECT_TRUE(one_line_error(import_json, 1, "parse_error"));
  EXPECT_EQ(parse_json(import_json.out)["error"]["code"], "parse_error");
  EXPECT_EQ(city_totals(), before);
}

TEST_F(DossierCliTest, AMonthsConcludedCasesAreArchivedInAThirdDatabase) {
  const std::string withdrawn = district_intake("claim", "低保金发放延迟", "2025-03-05T09:00:00+08:00");
  ASSERT_EQ(district({"act", withdrawn, "withdraw", "--actor", "dr1", "--at", "2025-03-05T10:00:00+08:00"}).status, 0);
  const std::string open = district_intake("claim", "申请临时救助", "2025-03-06T09:00:00+08:00");

  const std::string march = file("march.bin");
  const CliRun run = district({"export", "--period", "2025-03", "--format", "binary", "--output", march, "--actor",
                               "dd1", "--at", "2025-04-01T09:00:00+08:00"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");  // no progress line: stderr is not a terminal
  EXPECT_EQ(field(run.out, "期间 (period)"), "2025-03-01..2025-03-31");
  EXPECT_EQ(field(run.out, "案件 (cases)"), "2");
  // Registered, closed and exported; the second petition of the same petitioner also flagged a repeat.
  EXPECT_EQ(field(run.out, "事件 (events)"), "7");
  EXPECT_TRUE(contains(run.out, "\n" + origin_ + "  district")) << run.out;
  EXPECT_TRUE(contains(run.out, "\n" + withdrawn + "  district")) << run.out;
  EXPECT_FALSE(contains(run.out, open)) << run.out;
  EXPECT_NE(show(district({"show", open, "--json"}))["events"].back()["type"], "exported");

  // Taking them over is refused for the withdrawn one, and the file's transaction writes neither.
  EXPECT_TRUE(
      one_line_error(db({"import", march, "--actor", "r1", "--at", "2025-04-02T09:00:00+08:00"}), 1, "invalid_state"));
  EXPECT_EQ(db({"list", "--count"}).out, "0\n");

  const std::string archive_db = file("archive.db");
  const auto archive = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--db", archive_db});
    return run_cli(args);
  };
  ASSERT_EQ(archive({"init", "--at", kIntakeTime}).status, 0);
  ASSERT_EQ(archive({"staff", "add", "a1", "--name", "档案员", "--org", "city", "--unit", "petition_office", "--role",
                     "registrar", "--actor", "admin", "--at", kIntakeTime})
                .status,
            0);
  const CliRun kept = archive({"import", "--archive", march, "--actor", "a1", "--at", "2025-04-02T09:00:00+08:00"});
  ASSERT_EQ(kept.status, 0) << kept.err;
  const std::vector<std::string> lines = lines_of(kept.out);
  ASSERT_EQ(lines.size(), 3u) << kept.out;
  EXPECT_EQ(lines[2], "已接收 (received) 2，已有 (already here) 0");
  for (std::size_t i = 0; i < 2; ++i) {
    const std::string& line = lines[i];
    const std::string origin = line.substr(0, line.find(" -> "));
    EXPECT_TRUE(origin == origin_ || origin == withdrawn) << line;
    const std::size_t local_at = line.find(" -> ") + 4;
    const std::string local = line.substr(local_at, line.find(' ', local_at) - local_at);
    EXPECT_EQ(line, origin + " -> " + local + " (received)");
    const json record = show(archive({"show", local, "--json"}));
    EXPECT_EQ(record["case"]["status"], origin == origin_ ? "forwarded" : "withdrawn");
    EXPECT_EQ(record["case"]["origin"]["number"], origin);
    EXPECT_EQ(record["case"]["organisation"], "district");
  }
  EXPECT_EQ(archive({"verify"}).status, 0);
  const CliRun again = archive({"import", "--archive", march, "--actor", "a1", "--at", "2025-04-02T10:00:00+08:00"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(lines_of(again.out).back(), "已接收 (received) 0，已有 (already here) 2");
  EXPECT_EQ(archive({"list", "--count"}).out, "2\n");

  // A period without a concluded case: an empty dossier.
  const CliRun empty = district({"export", "--period", "2024", "--output", file("2024.xml"), "--actor", "dd1", "--at",
                                 "2025-04-01T09:00:00+08:00"});
  ASSERT_EQ(empty.status, 0) << empty.err;
  EXPECT_EQ(field(empty.out, "案件 (cases)"), "0");
  EXPECT_EQ(field(empty.out, "期间 (period)"), "2024-01-01..2024-12-31");
}

TEST_F(DossierCliTest, OutputIsReplacedOnlyWithForceAndAFailedExportLeavesNoFile) {
  const std::string output = dir_->write("taken.xml", "keep me");
  const std::vector<std::string> args = {
      "export", "--case", origin_, "--output", output, "--actor", "dd1", "--at", "2025-03-04T11:00:00+08:00"};
  EXPECT_TRUE(one_line_error(district(args), 1, "already_exists"));
  EXPECT_EQ(read_file(output), "keep me");
  EXPECT_EQ(show(district({"show", origin_, "--json"}))["events"].size(), 2u);  // no export recorded

  std::vector<std::string> forced = args;
  forced.push_back("--force");
  const CliRun replaced = district(forced);
  ASSERT_EQ(replaced.status, 0) << replaced.err;
  EXPECT_EQ(read_file(output).rfind("<?xml", 0), 0u);
  EXPECT_EQ(field(replaced.out, "字节 (bytes)"), std::to_string(read_file(output).size()));
  EXPECT_EQ(show(district({"show", origin_, "--json"}))["events"].size(), 3u);

  // A case that is not there, a directory that is not there: no file, nothing left behind.
  EXPECT_TRUE(one_line_error(district({"export", "--case", "QMZJ-2025-9999999", "--output", file("none.xml"), "--actor",
                                       "dd1", "--at", "2025-03-04T12:00:00+08:00"}),
                             1, "not_found"));
  EXPECT_FALSE(std::filesystem::exists(file("none.xml")));
  EXPECT_TRUE(one_line_error(district({"export", "--case", origin_, "--output", file("no/such/dir.xml"), "--actor",
                                       "dd1", "--at", "2025-03-04T12:00:00+08:00"}),
                             1, "not_found"));
  EXPECT_EQ(show(district({"show", origin_, "--json"}))["events"].size(), 3u);
  EXPECT_EQ(hidden_files(dir_->path()), std::vector<std::string>{});
}

TEST_F(DossierCliTest, UsageErrors) {
  const std::string output = file("out.xml");
  // Exactly one of --case and --period.
  EXPECT_TRUE(one_line_error(
      district({"export", "--case", origin_, "--period", "2025-03", "--output", output, "--actor", "dd1"}), 2,
      "invalid_argument"));
  EXPECT_TRUE(one_line_error(district({"export", "--output", output, "--actor", "dd1"}), 2, "invalid_argument"));
  EXPECT_TRUE(one_line_error(district({"export", "--case", origin_, "--actor", "dd1"}), 2, "invalid_argument"));
  EXPECT_TRUE(
      one_line_error(district({"export", "--case", origin_, "--format", "zip", "--output", output, "--actor", "dd1"}),
                     2, "invalid_argument"));
  EXPECT_FALSE(std::filesystem::exists(output));
  EXPECT_TRUE(one_line_error(district({"export", "--period", "2025-W99", "--output", output, "--actor", "dd1"}), 1,
                             "invalid_argument"));
  EXPECT_FALSE(std::filesystem::exists(output));
  // import needs --db and --actor unless --check; --check does not take --archive.
  const std::string dossier = export_origin("xml", "2025-03-04T11:00:00+08:00");
  EXPECT_TRUE(one_line_error(run_cli({"import", dossier, "--actor", "r1"}), 2, "invalid_argument"));
  EXPECT_TRUE(one_line_error(db({"import", dossier}), 2, "invalid_argument"));
  EXPECT_TRUE(one_line_error(run_cli({"import", "--check", "--archive", dossier}), 2, "invalid_argument"));
  EXPECT_TRUE(one_line_error(run_cli({"import", "--check"}), 2, "invalid_argument"));
  EXPECT_TRUE(one_line_error(run_cli({"import", "--check", file("missing.xml")}), 1, "not_found"));
}

TEST_F(DossierCliTest, AReportersIdentityIsAbsentFromARedactedDossierWhichIsNotImported) {
  const std::string accusation = district_intake("accusation", "反映某站点负责人违规发放补贴", kIntakeTime);
  const std::string output = file("accusation.xml");
  const CliRun run = district(
      {"export", "--case", accusation, "--output", output, "--actor", "dr1", "--at", "2025-03-03T10:00:00+08:00"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(field(run.out, "隐去身份 (redacted)").rfind("是", 0), 0u) << run.out;
  EXPECT_FALSE(contains(read_file(output), kPhone));
  const CliRun checked = run_cli({"import", "--check", output});
  EXPECT_EQ(checked.status, 0) << checked.err;
  EXPECT_EQ(field(checked.out, "校验 (check)"), "ok");
  EXPECT_TRUE(one_line_error(db({"import", output, "--actor", "r1", "--at", kReceiveTime}), 1, "invalid_data"));
  EXPECT_EQ(db({"list", "--count"}).out, "0\n");
}

}  // namespace
}  // namespace xinfang::cli_test
