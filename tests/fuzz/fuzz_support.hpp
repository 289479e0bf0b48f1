// What the fuzz targets share: the invariant check that stops the run (all the policy target
// uses: the rest, in fuzz_support.cpp, is for the C ABI targets), the C ABI's failure contract,
// and the engine every C ABI target drives (one per process, on a file in a fresh
// temporary directory, removed at exit).
#ifndef XINFANG_TESTS_FUZZ_FUZZ_SUPPORT_HPP
#define XINFANG_TESTS_FUZZ_FUZZ_SUPPORT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "xinfang.h"

// libFuzzer's entry point; the standalone driver (standalone_main.cpp) calls it too.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace xinfang_fuzz {

// Prints what broke and aborts: libFuzzer saves the input that got here as a crash.
[[noreturn]] inline void fail(const char* file, int line, const char* condition, const std::string& detail) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, condition, detail.c_str());
  std::abort();
}

#define FUZZ_CHECK(condition, detail) \
  ((condition) ? static_cast<void>(0) : ::xinfang_fuzz::fail(__FILE__, __LINE__, #condition, (detail)))

// The input as text, NUL-terminated, as the C ABI takes it (an embedded NUL ends it early, as it
// would for any C caller).
std::string as_text(const std::uint8_t* data, std::size_t size);

// A result the library returned: parsed as JSON (a parse failure is a finding) and released.
nlohmann::json take_json(char* owned, const char* what);

// A call that failed keeps the contract of the header: a negative status other than
// XF_ERR_INTERNAL (a bug) that is also the last error code, a non-empty one-line message, and an
// output pointer set to NULL (pass nullptr where the function leaves its output untouched).
void check_failure(xf_status status, const char* call, char* const* output);

// Seconds since the epoch, UTC: Monday 2025-03-03 09:30 in Beijing, when every story starts.
constexpr std::int64_t kStart = 1740965400;
// The date every seed petition is received on, as the intake arguments write it.
constexpr const char* kReceivedAt = "2025-03-03T09:00:00+08:00";

// The engine the C ABI targets share: cn-national-2022, a manual clock at kStart, seeded random
// bytes, and the staff of the stories (r-li registrar, d-wang dispatcher, h-zhao handler and
// s-sun unit leader of social_assistance, o-zhou organisation leader, v-wu reviewer at the
// province, portal the petitioner's platform). Opened on the first call; closed, with its
// directory removed, at exit.
xf_engine* shared_engine();

// Registers a claim letter from a petitioner no other letter has, as r-li at the engine's current
// time; returns its number.
std::string intake_letter(const char* subject);

// The number of cases the engine holds (the list's total).
long total_cases();

// A case's version as the engine stores it.
long case_version(const std::string& number);

}  // namespace xinfang_fuzz

#endif  // XINFANG_TESTS_FUZZ_FUZZ_SUPPORT_HPP
