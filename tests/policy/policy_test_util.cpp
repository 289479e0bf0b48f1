#include "policy_test_util.hpp"

#include <fstream>
#include <sstream>

namespace xinfang::policy_test {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

ErrorCode code_named(const std::string& name) {
  for (ErrorCode code :
       {ErrorCode::invalid_utf8, ErrorCode::parse_error, ErrorCode::invalid_data, ErrorCode::not_found}) {
    if (name == error_code_name(code)) return code;
  }
  ADD_FAILURE() << "expected.tsv names an unexpected error code: " << name;
  return ErrorCode::internal;
}

}  // namespace

const std::vector<BrokenCase>& broken_cases() {
  static const std::vector<BrokenCase> cases = [] {
    std::vector<BrokenCase> result;
    std::istringstream lines(read_file(broken_path("expected.tsv")));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty() || line[0] == '#') continue;
      const auto tab1 = line.find('\t');
      const auto tab2 = line.find('\t', tab1 + 1);
      if (tab1 == std::string::npos || tab2 == std::string::npos) {
        ADD_FAILURE() << "malformed expected.tsv line: " << line;
        continue;
      }
      result.push_back(
          BrokenCase{line.substr(0, tab1), code_named(line.substr(tab1 + 1, tab2 - tab1 - 1)), line.substr(tab2 + 1)});
    }
    return result;
  }();
  return cases;
}

std::string broken_path(const std::string& file) {
  return std::string(XF_POLICY_BROKEN_DIR) + "/" + file;
}

std::string preset_file(const std::string& name) {
  return read_file(std::string(XF_POLICY_PRESET_DIR) + "/" + name + ".json");
}

::testing::AssertionResult fails_with(const std::string& json, ErrorCode code, const std::string& needle) {
  try {
    const Policy policy = Policy::from_json(json);
    return ::testing::AssertionFailure() << "loaded as '" << policy.name() << "'; expected " << error_code_name(code)
                                         << " with '" << needle << "'";
  } catch (const Error& e) {
    if (e.code() != code) {
      return ::testing::AssertionFailure()
             << "code " << error_code_name(e.code()) << ", expected " << error_code_name(code) << ": " << e.what();
    }
    if (!contains(e.what(), needle)) {
      return ::testing::AssertionFailure() << "message lacks '" << needle << "': " << e.what();
    }
    return ::testing::AssertionSuccess() << e.what();
  }
}

std::string extending(const std::string& body, const std::string& preset) {
  return "{\"extends\": \"" + preset + "\", \"name\": \"test\", \"version\": \"1\"" + (body.empty() ? "" : ", ") +
         body + "}";
}

}  // namespace xinfang::policy_test
