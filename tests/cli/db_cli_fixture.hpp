// A database for the tests of the xinfang program's database subcommands: made with the program
// itself (init, staff add), in a temporary directory, on the cn-national-2022 preset.
#ifndef XINFANG_TESTS_CLI_DB_CLI_FIXTURE_HPP
#define XINFANG_TESTS_CLI_DB_CLI_FIXTURE_HPP

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_test_util.hpp"

namespace xinfang::cli_test {

/// Monday 2025-03-03, 09:30 in Beijing: when the test petitions arrive.
inline const std::string kIntakeTime = "2025-03-03T09:30:00+08:00";

/** A fresh database with four staff of the preset's city bureau (某市民政局):
 *  r1 张敏 registrar, d1 李强 dispatcher (both of the petition office 信访办),
 *  h1 王芳 handler of social_assistance 社会救助科, L1 赵刚 org_leader of general 办公室. */
class DbCliTest : public ::testing::Test {
 protected:
  void SetUp() override;

  /** Runs the program with @p args followed by --db and the database. */
  CliRun db(std::vector<std::string> args) const;
  /** As db(), with @p input on standard input. */
  CliRun db_with_input(std::vector<std::string> args, const std::string& input) const;

  /**
   * Registers a petition by flags as r1 at @p at; fails the test unless it succeeds.
   * @return The case number.
   */
  std::string intake(const std::string& subject, const std::string& category = "social_assistance",
                     const std::string& at = kIntakeTime) const;
  /** Runs `act NUMBER COMMAND --actor ACTOR --at AT PAIRS...`; fails the test unless it succeeds. */
  void act_ok(const std::string& number, const std::string& command, const std::string& actor, const std::string& at,
              const std::vector<std::string>& pairs = {}) const;

  std::unique_ptr<TempDir> dir_;
  std::string database_;
};

}  // namespace xinfang::cli_test

#endif
