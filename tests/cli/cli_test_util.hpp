// Helpers for the tests of the xinfang command-line program: run it, read what it printed.
#ifndef XINFANG_TESTS_CLI_CLI_TEST_UTIL_HPP
#define XINFANG_TESTS_CLI_CLI_TEST_UTIL_HPP

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace xinfang::cli_test {

/** What one run of the program produced. */
struct CliRun {
  int status = -1;  ///< The exit status, or -1 if the program did not exit normally.
  std::string out;  ///< Everything written to stdout.
  std::string err;  ///< Everything written to stderr.
};

/** Runs the built `xinfang` program (posix_spawn, no shell) with @p args; stdin is empty. */
CliRun run_cli(const std::vector<std::string>& args);

/** As run_cli(args), with @p input on the program's standard input. */
CliRun run_cli(const std::vector<std::string>& args, const std::string& input);

/** @p text split into lines, without their line breaks. */
std::vector<std::string> lines_of(const std::string& text);

/** Parses @p text as JSON, failing the current test (and returning null) if it is not JSON. */
nlohmann::json parse_json(const std::string& text);

/** Whether @p haystack contains @p needle. */
inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/** A fresh temporary directory, removed with everything in it when the object dies. */
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /** Writes @p text to @p name inside the directory and returns the file's path. */
  std::string write(const std::string& name, const std::string& text) const;
  /** The directory's path. */
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/**
 * Checks that @p run failed with exit status @p status and exactly one line on stderr of the
 * form "xinfang: error: <code>: ...".
 */
::testing::AssertionResult one_line_error(const CliRun& run, int status, const std::string& code);

}  // namespace xinfang::cli_test

#endif
