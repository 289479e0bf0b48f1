// Helpers for the policy tests: reading files, the broken-policy manifest, and small documents
// that extend a preset.
#ifndef XINFANG_TESTS_POLICY_POLICY_TEST_UTIL_HPP
#define XINFANG_TESTS_POLICY_POLICY_TEST_UTIL_HPP

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "xinfang/error.hpp"
#include "xinfang/policy.hpp"

namespace xinfang::policy_test {

/** The whole of a file, as bytes; fails the current test if it cannot be read. */
std::string read_file(const std::string& path);

/** One line of tests/policy/broken/expected.tsv. */
struct BrokenCase {
  std::string file;    ///< The file's name in tests/policy/broken/.
  ErrorCode code;      ///< The code loading it gives.
  std::string needle;  ///< A text its message contains (the JSON path and a colon).
};

/** Every case of the manifest, in its order. */
const std::vector<BrokenCase>& broken_cases();

/** The path of a broken policy file. */
std::string broken_path(const std::string& file);

/** The text of a preset's source file in src/policy/presets/. */
std::string preset_file(const std::string& name);

/** Whether @p haystack contains @p needle. */
inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/**
 * Loads @p json and checks it fails with @p code and a message containing @p needle.
 * @return The message, for further checks.
 */
::testing::AssertionResult fails_with(const std::string& json, ErrorCode code, const std::string& needle);

/** {"extends": "cn-national-2022", "name": "test", "version": "1", <body>} */
std::string extending(const std::string& body, const std::string& preset = "cn-national-2022");

}  // namespace xinfang::policy_test

#endif
