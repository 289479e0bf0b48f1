// Fuzzes xf_engine_list's filter, which a portal builds from a clerk's search form. A refused
// filter keeps the C ABI's failure contract; one that is taken returns {"cases", "total"} where
// total counts at most the cases there are, and the page holds exactly the matches that fall
// between offset and offset + limit.
#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

namespace {

// Four cases in three states, registered once.
long prepare() {
  xf_engine* engine = xinfang_fuzz::shared_engine();
  const std::string routed = xinfang_fuzz::intake_letter("低保金三个月未发放");
  const std::string accepted = xinfang_fuzz::intake_letter("临时救助申请");
  xinfang_fuzz::intake_letter("养老院收费问题");
  xinfang_fuzz::intake_letter("婚姻登记预约");
  char* result = nullptr;
  FUZZ_CHECK(xf_engine_run(engine, accepted.c_str(), "d-wang", "accept", nullptr, 0, &result) == XF_OK,
             xf_last_error_message());
  xf_string_free(result);
  FUZZ_CHECK(xf_engine_run(engine, routed.c_str(), "d-wang", "accept", nullptr, 0, &result) == XF_OK,
             xf_last_error_message());
  xf_string_free(result);
  FUZZ_CHECK(xf_engine_run(engine, routed.c_str(), "d-wang", "route",
                           R"({"unit":"social_assistance","handler":"h-zhao"})", 0, &result) == XF_OK,
             xf_last_error_message());
  xf_string_free(result);
  return xinfang_fuzz::total_cases();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const long all_cases = prepare();
  const std::string filter = xinfang_fuzz::as_text(data, size);
  char* result = nullptr;
  const xf_status status = xf_engine_list(xinfang_fuzz::shared_engine(), filter.c_str(), &result);
  if (status != XF_OK) {
    xinfang_fuzz::check_failure(status, "xf_engine_list", &result);
    return 0;
  }
  const auto listed = xinfang_fuzz::take_json(result, "xf_engine_list");
  const auto& cases = listed.at("cases");
  const long total = listed.at("total").get<long>();
  FUZZ_CHECK(cases.is_array(), listed.dump());
  FUZZ_CHECK(total >= 0 && total <= all_cases, listed.dump());
  for (const auto& summary : cases) FUZZ_CHECK(summary.at("number").is_string(), summary.dump());

  const auto given = nlohmann::json::parse(filter, nullptr, /*allow_exceptions=*/false);
  if (!given.is_object()) return 0;  // NULL-like input, or JSON the engine reads more leniently
  const auto limit = given.value("limit", nlohmann::json(100));
  const auto offset = given.value("offset", nlohmann::json(0));
  if (!limit.is_number_integer() || !offset.is_number_integer()) return 0;
  const long expected = std::min(limit.get<long>(), std::max(0L, total - offset.get<long>()));
  FUZZ_CHECK(static_cast<long>(cases.size()) == expected, "limit " + limit.dump() + ", offset " + offset.dump() +
                                                              ", total " + std::to_string(total) + ": " +
                                                              std::to_string(cases.size()) + " cases listed");
  return 0;
}
