// Shared helpers of the engine tests: a temporary database, an engine on a manual clock with
// seeded randomness, the staff of cn-national-2022's example tree, and raw SQL for tampering.
#ifndef XINFANG_TESTS_ENGINE_TEST_UTIL_HPP
#define XINFANG_TESTS_ENGINE_TEST_UTIL_HPP

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "../lifecycle/lifecycle_test_util.hpp"
#include "xinfang/engine.hpp"

namespace xinfang::testing {

/// A directory removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// @return dir/name.
  std::string file(const std::string& name) const;

 private:
  std::string path_;
};

/// An engine on cn-national-2022, a manual clock and seeded randomness.
struct TestEngine {
  std::shared_ptr<ManualClock> clock;
  Engine engine;

  /// Opens (creating) @p path at @p start.
  explicit TestEngine(const std::string& path, Instant start = local("2025-03-03 09:00"),
                      HashAlgorithm hash = HashAlgorithm::sha256, const std::string& policy = "cn-national-2022",
                      bool parallel_batches = true);
  /// Adds the staff below.
  void add_staff();
  /// Registers the claim letter (claim_letter_args) with received_at at the clock's time.
  CommandResult intake_letter(const std::string& key = "");
};

/// Staff ids that add_staff() creates (organisation city unless named otherwise).
inline constexpr const char* kRegistrar = "reg-1";          ///< registrar, petition_office
inline constexpr const char* kDispatcher = "disp-1";        ///< dispatcher, petition_office
inline constexpr const char* kHandlerA = "h-sa-1";          ///< handler, social_assistance
inline constexpr const char* kHandlerB = "h-sa-2";          ///< handler, social_assistance
inline constexpr const char* kPensionsHandler = "h-pen-1";  ///< handler, pensions
inline constexpr const char* kUnitLeader = "lead-sa";       ///< unit_leader, social_assistance
inline constexpr const char* kOrgLeader = "boss";           ///< org_leader, petition_office
inline constexpr const char* kReviewer = "rev-prov";        ///< reviewer, province
inline constexpr const char* kPortal = "portal";            ///< petitioner (the portal account)
inline constexpr const char* kAdmin = "admin";              ///< who changes the directory

/// The claim letter's arguments with received_at = @p at.
Json letter_at(Instant at);

/// Runs SQL on the file directly (as an intruder or a broken tool would).
void raw_sql(const std::string& path, const std::string& sql);
/// Runs SQL on the file directly; returns the error message ("" if it ran).
std::string raw_sql_error(const std::string& path, const std::string& sql);
/// The first column of the first row of @p sql, as text.
std::string raw_query(const std::string& path, const std::string& sql);
/// Every row of every table of the file, in storage order, one line per row.
std::string database_dump(const std::string& path);

}  // namespace xinfang::testing

#endif
