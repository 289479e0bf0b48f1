#include "fuzz_support.hpp"

#include <stdlib.h>  // mkdtemp

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace xinfang_fuzz {

std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size).c_str();
}

nlohmann::json take_json(char* owned, const char* what) {
  FUZZ_CHECK(owned != nullptr, std::string(what) + " succeeded without a result");
  const std::string text(owned);
  xf_string_free(owned);
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(!parsed.is_discarded(), std::string(what) + " returned text that is not JSON: " + text);
  return parsed;
}

void check_failure(xf_status status, const char* call, char* const* output) {
  const std::string message = xf_last_error_message();
  const std::string context = std::string(call) + " -> " + xf_status_name(status) + ": " + message;
  FUZZ_CHECK(status < 0, context);
  // XF_ERR_INTERNAL is the boundary's name for an exception the library did not expect: a bug.
  FUZZ_CHECK(status != XF_ERR_INTERNAL, context);
  FUZZ_CHECK(xf_last_error_code() == status, context);
  FUZZ_CHECK(!message.empty(), context);
  FUZZ_CHECK(message.find('\n') == std::string::npos, "a message is one line: " + context);
  if (output != nullptr) FUZZ_CHECK(*output == nullptr, "the output of a failed call is NULL: " + context);
}

namespace {

const char* const kStaff[] = {
    R"({"id":"r-li","name":"李登记","organisation":"city","unit":"petition_office","roles":["registrar"]})",
    R"({"id":"d-wang","name":"王分办","organisation":"city","unit":"petition_office","roles":["dispatcher"]})",
    R"({"id":"h-zhao","name":"赵承办","organisation":"city","unit":"social_assistance","roles":["handler"]})",
    R"({"id":"s-sun","name":"孙科长","organisation":"city","unit":"social_assistance","roles":["unit_leader"]})",
    R"({"id":"o-zhou","name":"周局长","organisation":"city","unit":"petition_office","roles":["org_leader"]})",
    (R"({"id":"v-wu","name":"吴复查","organisation":"province","unit":"petition_office_province",)"
     R"("roles":["reviewer"]})"),
    R"({"id":"portal","name":"网上信访平台","organisation":"city","roles":["petitioner"]})",
};

class SharedEngine {
 public:
  SharedEngine() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && base[0] != '\0' ? base : "/tmp") + "/xf-fuzz-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    FUZZ_CHECK(mkdtemp(buffer.data()) != nullptr, "cannot make a directory for the database: " + pattern);
    directory_ = buffer.data();
    const std::string database = directory_ + "/cases.db";

    xf_engine_options options;
    xf_engine_options_init(&options);
    options.database = database.c_str();
    options.policy = "cn-national-2022";
    options.installer = "fuzz";
    options.manual_clock = 1;
    options.manual_time = kStart;
    options.seeded_random = 1;
    options.random_seed = 20250303u;
    FUZZ_CHECK(xf_engine_open(&options, &engine_) == XF_OK, xf_last_error_message());
    for (const char* staff : kStaff) {
      FUZZ_CHECK(xf_engine_put_staff(engine_, "admin", staff) == XF_OK, xf_last_error_message());
    }
  }
  ~SharedEngine() {
    xf_engine_close(engine_);
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  SharedEngine(const SharedEngine&) = delete;
  SharedEngine& operator=(const SharedEngine&) = delete;

  xf_engine* get() const { return engine_; }

 private:
  std::string directory_;
  xf_engine* engine_ = nullptr;
};

}  // namespace

xf_engine* shared_engine() {
  // A function-local static: made on first use, destroyed (closed, removed) at exit.
  static SharedEngine engine;
  return engine.get();
}

std::string intake_letter(const char* subject) {
  // A petitioner of their own for every letter: an earlier letter's matter, concluded after
  // re-review, would otherwise refuse the next one (Art. 36 ¶3), and a repeat would link them.
  static unsigned long long letters = 0;
  const std::string identity = "FUZZ" + std::to_string(++letters);
  const nlohmann::json petition = {{"channel", "letter"},
                                   {"type", "claim"},
                                   {"category", "social_assistance"},
                                   {"region", "central"},
                                   {"subject", subject},
                                   {"content", "自2024年12月起未收到最低生活保障金。"},
                                   {"petitioners", {{{"name", "张三"}, {"id_number", identity}}}},
                                   {"received_at", kReceivedAt}};
  char* result = nullptr;
  const xf_status status = xf_engine_intake(shared_engine(), "r-li", petition.dump().c_str(), nullptr, &result);
  FUZZ_CHECK(status == XF_OK, xf_last_error_message());
  return take_json(result, "intake of a letter").at("number").get<std::string>();
}

long total_cases() {
  char* result = nullptr;
  FUZZ_CHECK(xf_engine_list(shared_engine(), R"({"limit":1})", &result) == XF_OK, xf_last_error_message());
  return take_json(result, "xf_engine_list").at("total").get<long>();
}

long case_version(const std::string& number) {
  char* result = nullptr;
  FUZZ_CHECK(xf_engine_get(shared_engine(), number.c_str(), nullptr, &result) == XF_OK, xf_last_error_message());
  return take_json(result, "xf_engine_get").at("case").at("version").get<long>();
}

}  // namespace xinfang_fuzz
