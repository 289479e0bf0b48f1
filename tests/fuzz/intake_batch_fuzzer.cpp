// Fuzzes xf_engine_intake_batch, the import of many petitions in one transaction. All or none:
// a refusal keeps the C ABI's failure contract and registers nothing; a batch that succeeds
// returns one result per petition, in order, and registers exactly the petitions it did not
// replay (a key seen before, with the same petition, returns the earlier case).
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  xf_engine* engine = xinfang_fuzz::shared_engine();
  const std::string petitions = xinfang_fuzz::as_text(data, size);
  const long before = xinfang_fuzz::total_cases();

  char* result = nullptr;
  const xf_status status = xf_engine_intake_batch(engine, "r-li", petitions.c_str(), &result);
  if (status != XF_OK) {
    xinfang_fuzz::check_failure(status, "xf_engine_intake_batch", &result);
    FUZZ_CHECK(xinfang_fuzz::total_cases() == before, "a refused batch registered cases");
    return 0;
  }
  const auto results = xinfang_fuzz::take_json(result, "xf_engine_intake_batch");
  FUZZ_CHECK(results.is_array(), results.dump());
  const auto given = nlohmann::json::parse(petitions, nullptr, /*allow_exceptions=*/false);
  if (given.is_array()) FUZZ_CHECK(results.size() == given.size(), results.dump());

  long registered = 0;
  std::set<std::string> new_numbers;
  for (const auto& one : results) {
    const std::string number = one.at("number").get<std::string>();
    FUZZ_CHECK(!number.empty(), one.dump());
    FUZZ_CHECK(one.at("events").is_array() && one.at("events").empty(), one.dump());
    if (one.at("replayed") == false) {
      ++registered;
      FUZZ_CHECK(new_numbers.insert(number).second, "two petitions got " + number);
    }
  }
  FUZZ_CHECK(xinfang_fuzz::total_cases() == before + registered,
             std::to_string(registered) + " registered, total went from " + std::to_string(before) + " to " +
                 std::to_string(xinfang_fuzz::total_cases()));
  return 0;
}
