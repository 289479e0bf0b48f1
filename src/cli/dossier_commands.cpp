// The xinfang command-line program: `xinfang export` and `xinfang import` — dossiers (案卷,
// xinfang/dossier.hpp, docs/dossiers.md). export writes one case, or a period's concluded cases,
// to an archive file; import checks archives and receives them into a database, one transaction
// per file; import --check reads and checks archives without a database.
//
// export writes to a temporary file beside --output and renames it into place only once the
// export succeeded: a failed export leaves no file, and an existing one is never half replaced.
//
// The report of import --check is its result even when a file fails, so (as for verify and
// policy check) import's --json is not registered with main(), and a refused import prints its
// JSON error document itself.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/db_commands.hpp"
#include "cli/db_format.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "xinfang/dossier.hpp"
#include "xinfang/error.hpp"
#include "xinfang/metrics.hpp"

namespace xinfang::cli {
namespace {

// ---- progress on a terminal ----

// "exported 12 of 340 cases" on stderr, rewritten in place, when stderr is a terminal (as intake
// --batch and simulate decide); cleared when the work ends, however it ends.
class ProgressLine {
 public:
  explicit ProgressLine(std::string verb) : verb_(std::move(verb)), terminal_(isatty(STDERR_FILENO) == 1) {}
  ~ProgressLine() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // The engine's callback (borrowing this object), empty when stderr is not a terminal; nothing
  // is shown for a dossier of fewer than @p min_total cases.
  DossierProgress callback(std::size_t min_total = 1) {
    if (!terminal_) return {};
    return [this, min_total](std::size_t done, std::size_t total) {
      if (total < min_total) return;
      shown_ = true;
      std::cerr << "\r" << verb_ << " " << done << " of " << total << " cases" << std::flush;
    };
  }

 private:
  std::string verb_;
  bool terminal_;
  bool shown_ = false;
};

// ---- the output file ----

std::string system_message(int error) {
  return error != 0 ? std::strerror(error) : "failed";
}

// The temporary file an export is written to, beside its destination; removed unless commit()
// put it in place.
class OutputFile {
 public:
  // Refuses an existing @p path unless @p force, and creates the temporary file, so that a bad
  // --output is refused before the export appends its events.
  OutputFile(std::string path, bool force) : path_(std::move(path)), force_(force) {
    namespace fs = std::filesystem;
    const fs::path target(path_);
    if (!target.has_filename()) throw Error(ErrorCode::invalid_argument, "--output '" + path_ + "' names no file");
    std::error_code error;
    if (fs::is_directory(target, error)) {
      throw Error(ErrorCode::invalid_argument, "--output '" + path_ + "' is a directory: name the file to write");
    }
    if (!force_ && fs::exists(fs::symlink_status(target, error))) {
      throw Error(ErrorCode::already_exists, "--output '" + path_ + "' exists; give --force to replace it");
    }
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string pattern = (directory / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ < 0) {
      const int e = errno;
      const ErrorCode code = (e == ENOENT || e == ENOTDIR) ? ErrorCode::not_found : ErrorCode::invalid_argument;
      throw Error(code, "--output: cannot create a file in '" + directory.string() + "': " + system_message(e));
    }
    temp_ = pattern;
    // mkstemp makes the file private (0600); the dossier gets the mode of any new file of the user.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
  }
  ~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!temp_.empty()) ::unlink(temp_.c_str());
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Writes @p bytes, flushes them to the disk and puts the file in place.
  void commit(const std::string& bytes) {
    for (std::size_t written = 0; written < bytes.size();) {
      const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("cannot write '" + temp_ + "'");
      written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd_) != 0) fail("cannot flush '" + temp_ + "'");
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("cannot write '" + temp_ + "'");
    if (force_) {
      if (::rename(temp_.c_str(), path_.c_str()) != 0) fail("cannot rename '" + temp_ + "' to '" + path_ + "'");
    } else if (::link(temp_.c_str(), path_.c_str()) == 0) {
      ::unlink(temp_.c_str());  // the file is in place under its name; the temporary name goes
    } else if (errno == EEXIST) {
      // Created meanwhile by someone else: still not ours to replace.
      throw Error(ErrorCode::already_exists, "--output '" + path_ + "' exists; give --force to replace it");
    } else if (::rename(temp_.c_str(), path_.c_str()) != 0) {  // a file system without hard links
      fail("cannot rename '" + temp_ + "' to '" + path_ + "'");
    }
    temp_.clear();
    // The rename is durable once the directory is; a failure here loses nothing already written.
    const std::filesystem::path target(path_);
    const std::string directory = target.has_parent_path() ? target.parent_path().string() : ".";
    const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    const int e = errno;
    throw Error(ErrorCode::storage, "--output: " + what + ": " + system_message(e));
  }

  std::string path_;
  bool force_;
  std::string temp_;
  int fd_ = -1;
};

// ---- shared output ----

std::string yes_no(bool value) {
  return value ? "是 (yes)" : "否 (no)";
}

std::int64_t event_count(const Dossier& dossier) {
  std::int64_t events = 0;
  for (const DossierCase& c : dossier.cases) events += static_cast<std::int64_t>(c.events.size());
  return events;
}

bool any_redacted(const Dossier& dossier) {
  for (const DossierCase& c : dossier.cases) {
    if (c.redacted) return true;
  }
  return false;
}

std::string redacted_text(bool redacted) {
  return redacted ? "是：检举控告信访人身份已隐去，可查阅，不能导入 (yes: a reporter's identity is absent; it can be "
                    "read, not imported)"
                  : yes_no(false);
}

// One line per case: number, organisation, status, events, and the head hash as ALGORITHM:HEX
// (what the receiving side compares out of band).
void print_case_table(const Dossier& dossier) {
  if (dossier.cases.empty()) return;
  Table table({Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::right, Table::Align::left});
  table.add_row({"编号 (number)", "机关 (organisation)", "状态 (status)", "事件 (events)", "末事件哈希 (head hash)"});
  for (const DossierCase& c : dossier.cases) {
    table.add_row({c.number, c.organisation, status_label(c.status), std::to_string(c.events.size()),
                   c.hash_algorithm + ":" + c.head_hash});
  }
  std::cout << "\n";
  table.print(std::cout);
}

// ---- export ----

struct ExportOptions : DbOptions {
  std::string number;
  std::string period;
  std::string format = "xml";
  std::string output;
  bool force = false;
};

void print_export(const ExportOptions& options, const std::string& bytes, const Dossier& dossier) {
  const std::int64_t events = event_count(dossier);
  const bool redacted = any_redacted(dossier);
  if (options.json) {
    Json summary = dossier_summary(dossier);
    print_json(std::cout, {{"output", options.output},
                           {"format", options.format},
                           {"bytes", bytes.size()},
                           {"events", events},
                           {"redacted", redacted},
                           {"period_from", summary.at("period_from")},
                           {"period_to", summary.at("period_to")},
                           {"cases", std::move(summary.at("cases"))}});
    return;
  }
  FieldList fields;
  fields.add("案卷 (dossier)", options.output);
  fields.add("格式 (format)", options.format);
  if (!dossier.period_from.empty()) fields.add("期间 (period)", dossier.period_from + ".." + dossier.period_to);
  fields.add("案件 (cases)", std::to_string(dossier.cases.size()));
  fields.add("事件 (events)", std::to_string(events));
  fields.add("字节 (bytes)", std::to_string(bytes.size()));
  fields.add("隐去身份 (redacted)", redacted_text(redacted));
  fields.print(std::cout);
  print_case_table(dossier);
}

void run_export(const ExportOptions& options) {
  if (options.number.empty() && options.period.empty()) throw CLI::RequiredError("--case NUMBER or --period PERIOD");
  const DossierFormat format = parse_dossier_format(options.format).value();  // IsMember checked the name
  Engine engine = open_database(options);
  const std::string& actor = require_actor(options);
  std::optional<ReportPeriod> period;
  if (!options.period.empty()) period = parse_report_period(options.period, engine.calendar());
  // Before the export: its `exported` events are committed with it and are not taken back.
  OutputFile file(options.output, options.force);
  std::string bytes;
  if (period) {
    ProgressLine progress("exported");
    bytes = engine.export_concluded(*period, actor, format, progress.callback());
  } else {
    bytes = engine.export_case(options.number, actor, format);
  }
  file.commit(bytes);
  print_export(options, bytes, read_dossier(bytes));
}

void register_export(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* sub = app.add_subcommand(
      "export", "Write a case, or every case concluded in a period, to a dossier (案卷) archive file");
  CLI::Option* number = sub->add_option("--case", options->number, "The case to export")->type_name("NUMBER");
  sub->add_option("--period", options->period,
                  "Every case concluded in PERIOD, for long-term storage: 2026, 2026-Q1, 2026-03, 2026-W10 or "
                  "2026-03-01..2026-03-31")
      ->type_name("PERIOD")
      ->excludes(number);
  sub->add_option("--format", options->format,
                  "xml (portable, readable), text (portable) or binary (compact; for the same platform)")
      ->check(CLI::IsMember({"xml", "text", "binary"}))
      ->capture_default_str();
  sub->add_option("--output", options->output, "The archive file to write")->required()->type_name("FILE");
  sub->add_flag("--force", options->force, "Replace --output if it exists");
  add_db_options(*sub, *options, globals, ActorOption::required);
  sub->footer(exit_status_footer(
      "Exactly one of --case and --period. Each case exported gets an `exported` event. Without the "
      "confidential-reader role the dossier of a 检举控告 case lacks the petitioner's identity (redacted): it can be "
      "read, not imported. The file appears only once the export succeeded. Prints the dossier's cases, events, "
      "bytes and each case's head hash (to compare with the receiving side); --json prints {\"output\", \"format\", "
      "\"bytes\", \"events\", \"redacted\", \"period_from\", \"period_to\", \"cases\": [...]}."));
  sub->callback([options] { run_export(*options); });
}

// ---- import ----

struct ImportCommandOptions : DbOptions {
  std::vector<std::string> files;
  bool archive = false;
  bool check = false;
};

void print_json_error(std::string_view code, std::string_view message) {
  print_json(std::cout, {{"error", {{"code", code}, {"message", one_line(message)}}}});
}

// Each file in its own transaction, in order; the first refused stops the command (the files
// before it stay received).
void receive(const ImportCommandOptions& options) {
  Engine engine = open_database(options);
  const std::string& actor = require_actor(options);
  Json files = Json::array();
  std::int64_t received = 0;
  std::int64_t already_here = 0;
  for (const std::string& path : options.files) {
    const std::string bytes = read_input(path, "import");
    ImportResult result;
    try {
      ProgressLine progress("received");
      ImportOptions import;
      import.mode = options.archive ? ImportMode::archive : ImportMode::take_over;
      import.progress = progress.callback(2);
      result = engine.import_dossier(actor, bytes, import);
    } catch (const Error& e) {
      throw Error(e.code(), path + ": " + e.what());
    }
    for (const ImportedCase& c : result.cases) {
      (c.created ? received : already_here) += 1;
      if (!options.json) {
        std::cout << c.origin_number << " -> " << c.number << (c.created ? " (received)" : " (already here)") << "\n";
      }
    }
    if (options.json) files.push_back({{"file", path}, {"cases", result.to_json().at("cases")}});
    std::cout.flush();
  }
  if (options.json) {
    print_json(std::cout, {{"files", std::move(files)}, {"received", received}, {"already_here", already_here}});
  } else {
    std::cout << "已接收 (received) " << received << "，已有 (already here) " << already_here << "\n";
  }
}

// What import --check found in one file.
struct CheckedFile {
  std::string file;
  std::optional<DossierFormat> format;
  std::optional<Dossier> dossier;  ///< The dossier; none if the file could not be read.
  std::optional<DossierCheck> check;
  ErrorCode code = ErrorCode::ok;  ///< Why it fails; ok if it does not.
  std::string message;
  bool names_file = false;  ///< The message names the file already (it could not be read).
};

CheckedFile check_file(const std::string& path) {
  CheckedFile result;
  result.file = path;
  std::string bytes;
  try {
    bytes = read_input(path, "import --check");
  } catch (const Error& e) {
    result.code = e.code();
    result.message = e.what();
    result.names_file = true;
    return result;
  }
  try {
    result.format = detect_dossier_format(bytes);
    result.dossier = read_dossier(bytes);
    result.check = check_dossier(*result.dossier);
    if (!result.check->ok) {
      result.code = ErrorCode::integrity;  // as import_dossier() words it
      result.message = "the dossier does not verify: " + result.check->message;
    }
  } catch (const Error& e) {
    result.code = e.code();
    result.message = e.what();
  }
  return result;
}

Json checked_json(const CheckedFile& r) {
  Json entry = {{"file", r.file},
                {"ok", r.code == ErrorCode::ok},
                {"format", r.format ? Json(dossier_format_name(*r.format)) : Json(nullptr)},
                {"summary", r.dossier ? dossier_summary(*r.dossier) : Json(nullptr)},
                {"check", r.check ? r.check->to_json() : Json(nullptr)}};
  if (r.code != ErrorCode::ok) entry["error"] = {{"code", error_code_name(r.code)}, {"message", one_line(r.message)}};
  return entry;
}

void print_checked(const CheckedFile& r) {
  FieldList fields;
  fields.add("案卷 (dossier)", r.file);
  if (r.format) fields.add("格式 (format)", dossier_format_name(*r.format));
  fields.add("校验 (check)", r.code == ErrorCode::ok ? std::string("ok")
                                                     : "失败 (FAILED): " + std::string(error_code_name(r.code)) + ": " +
                                                           one_line(r.message));
  if (r.dossier) {
    const Dossier& d = *r.dossier;
    const Json summary = dossier_summary(d);
    fields.add("导出 (exported)",
               d.organisation + "  " + d.exported_by + "  " + summary.at("exported_at").get<std::string>());
    fields.add("版本 (xinfang version)", d.library_version);
    if (!d.period_from.empty()) fields.add("期间 (period)", d.period_from + ".." + d.period_to);
    fields.add("案件 (cases)", std::to_string(d.cases.size()));
    fields.add("事件 (events)", std::to_string(event_count(d)));
    fields.add("隐去身份 (redacted)", redacted_text(any_redacted(d)));
  }
  fields.print(std::cout);
  if (r.dossier) print_case_table(*r.dossier);
}

// Reads and checks every file, prints each, and fails (with the first failure) if any failed.
void run_check(const ImportCommandOptions& options) {
  Json files = Json::array();
  std::optional<CheckedFile> first_failure;
  std::size_t failed = 0;
  for (std::size_t i = 0; i < options.files.size(); ++i) {
    CheckedFile r = check_file(options.files[i]);
    if (options.json) {
      files.push_back(checked_json(r));
    } else {
      if (i > 0) std::cout << "\n";
      print_checked(r);
    }
    if (r.code == ErrorCode::ok) continue;
    ++failed;
    r.dossier.reset();
    if (!first_failure) first_failure = std::move(r);
  }
  if (options.json) print_json(std::cout, {{"ok", failed == 0}, {"files", std::move(files)}});
  if (!first_failure) return;
  std::string message =
      first_failure->names_file ? first_failure->message : first_failure->file + ": " + first_failure->message;
  if (failed > 1) {
    message += " (" + std::to_string(failed) + " of " + std::to_string(options.files.size()) + " files fail)";
  }
  throw Error(first_failure->code, message);
}

void run_import(const ImportCommandOptions& options) {
  if (options.check) {
    run_check(options);
    return;
  }
  // main() does not know this --json (see the top): a refusal's JSON document is printed here.
  try {
    if (options.database.empty()) throw CLI::RequiredError("--db");
    if (options.actor.empty()) throw CLI::RequiredError("--actor");
    receive(options);
  } catch (const Error& e) {
    if (options.json) print_json_error(error_code_name(e.code()), e.what());
    throw;
  } catch (const CLI::Error& e) {
    if (options.json) print_json_error(error_code_name(ErrorCode::invalid_argument), e.what());
    throw;
  } catch (const std::exception& e) {
    if (options.json) print_json_error(error_code_name(ErrorCode::internal), e.what());
    throw;
  }
}

void register_import(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "import", "Receive dossier (案卷) archives into the database, or --check them without a database");
  sub->add_option("FILE", options->files, "Dossier archives (xml, text or binary; - for standard input)")->required();
  CLI::Option* archive =
      sub->add_flag("--archive", options->archive,
                    "Keep the cases as they were, for the record (closed cases only), instead of taking them over");
  sub->add_flag("--check", options->check,
                "Only read and check each file (its hash chains) and print what it holds; needs no database")
      ->excludes(archive);
  // Not registered with main(): --check's report is printed even when a file fails (see the top).
  add_db_options(*sub, *options, globals, ActorOption::required, /*register_json=*/false);
  // Required unless --check: run_import() asks for them.
  sub->get_option("--db")->required(false);
  sub->get_option("--actor")->required(false);
  sub->footer(exit_status_footer(
      "Each file is one transaction: its cases are checked first and received together, or not at all; the first "
      "file refused stops the command. A case taken over is registered at the actor's organisation under a new "
      "number, linked to its origin. Prints 'ORIGIN -> LOCAL (received)', or '(already here)' for a dossier "
      "received before, per case; --json prints {\"files\": [{\"file\", \"cases\": [...]}], \"received\", "
      "\"already_here\"}.\n"
      "--check prints each file's summary and check and exits 1 if any fails; --json prints {\"ok\", \"files\": "
      "[{\"file\", \"ok\", \"format\", \"summary\", \"check\", \"error\"?}]} in every case."));
  sub->callback([options] { run_import(*options); });
}

}  // namespace

void register_dossier_commands(CLI::App& app, Globals& globals) {
  register_export(app, globals);
  register_import(app, globals);
}

}  // namespace xinfang::cli
