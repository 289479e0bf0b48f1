// Fuzzes xf_engine_intake, where a portal, a hotline platform or a clerk's form hands a petition
// to the library. A refusal keeps the C ABI's failure contract and registers nothing. An intake
// that succeeds registers exactly one case, returns it as JSON, is replayed (not registered
// again) when retried with the same key, and the petitioner can look the case up with the query
// code it returned.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using xinfang_fuzz::take_json;
  xf_engine* engine = xinfang_fuzz::shared_engine();
  // A key no earlier input used: what is tested is the petition, not a reused key.
  static unsigned long long executions = 0;
  const std::string key = "fuzz-" + std::to_string(++executions);
  const std::string petition = xinfang_fuzz::as_text(data, size);
  const long before = xinfang_fuzz::total_cases();

  char* result = nullptr;
  const xf_status status = xf_engine_intake(engine, "r-li", petition.c_str(), key.c_str(), &result);
  if (status != XF_OK) {
    xinfang_fuzz::check_failure(status, "xf_engine_intake", &result);
    FUZZ_CHECK(xinfang_fuzz::total_cases() == before, "a refused intake registered a case");
    return 0;
  }
  const auto first = take_json(result, "xf_engine_intake");
  FUZZ_CHECK(xinfang_fuzz::total_cases() == before + 1, first.dump());
  FUZZ_CHECK(first.at("replayed") == false, first.dump());
  FUZZ_CHECK(first.at("version").get<long>() >= 1, first.dump());
  const std::string number = first.at("number").get<std::string>();
  const std::string query_code = first.at("query_code").get<std::string>();
  FUZZ_CHECK(!number.empty() && !query_code.empty(), first.dump());

  const xf_status retry = xf_engine_intake(engine, "r-li", petition.c_str(), key.c_str(), &result);
  FUZZ_CHECK(retry == XF_OK, std::string("a retry failed: ") + xf_last_error_message());
  const auto replayed = take_json(result, "xf_engine_intake (retry)");
  FUZZ_CHECK(replayed.at("replayed") == true && replayed.at("number") == number, replayed.dump());
  FUZZ_CHECK(xinfang_fuzz::total_cases() == before + 1, "a retry registered a second case");

  const xf_status lookup = xf_engine_lookup(engine, number.c_str(), query_code.c_str(), &result);
  FUZZ_CHECK(lookup == XF_OK, std::string("the petitioner's lookup failed: ") + xf_last_error_message());
  take_json(result, "xf_engine_lookup");
  return 0;
}
