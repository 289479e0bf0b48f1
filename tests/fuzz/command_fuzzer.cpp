// Fuzzes xf_engine_run, where every command after intake reaches a case: the actor, the command's
// name and its arguments all come from the input, so the fuzzer walks the lifecycle (accept,
// route, reply, rate, review...) as far as it can. The input is lines:
//
//   ACTOR COMMAND [ARGS_JSON]   runs a command on the case ($CASE and $OTHER in the arguments
//                               stand for the two cases' numbers, for merge and the like)
//   +SECONDS                    moves the manual clock forward (at most 400 days at a time)
//
// Two cases are registered up front, and again after any input that changed them, so that
// every input starts from the same two freshly registered letters. A refused command keeps the
// C ABI's failure contract and leaves the case's version as it was (and an input of refusals
// leaves the other case's); a command that succeeds returns the case as JSON with a higher
// version, the one the engine then stores.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"

namespace {

constexpr int kMostLines = 16;
constexpr long long kMostStep = 400LL * 24 * 3600;

struct Cases {
  std::string number;
  std::string other;
  long version = 0;        // as last read from the engine
  long other_version = 0;  // as last read from the engine
  bool changed = true;     // whether the next input needs fresh cases
};

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

void run_line(Cases& cases, std::int64_t& now, const std::string& line) {
  xf_engine* engine = xinfang_fuzz::shared_engine();
  if (line.empty()) return;
  if (line[0] == '+') {
    const long long step = std::strtoll(line.c_str() + 1, nullptr, 10);
    if (step <= 0 || step > kMostStep) return;
    now += step;
    FUZZ_CHECK(xf_engine_set_time(engine, now) == XF_OK, xf_last_error_message());
    return;
  }
  std::istringstream fields(line);
  std::string actor;
  std::string command;
  fields >> actor >> command;
  std::string args;
  std::getline(fields, args);
  replace_all(args, "$CASE", cases.number);
  replace_all(args, "$OTHER", cases.other);
  const bool no_args = args.find_first_not_of(' ') == std::string::npos;

  char* result = nullptr;
  const xf_status status = xf_engine_run(engine, cases.number.c_str(), actor.c_str(), command.c_str(),
                                         no_args ? nullptr : args.c_str(), 0, &result);
  if (status != XF_OK) {
    xinfang_fuzz::check_failure(status, ("xf_engine_run " + command).c_str(), &result);
    FUZZ_CHECK(xinfang_fuzz::case_version(cases.number) == cases.version, "a refused " + command + " changed the case");
    return;
  }
  cases.changed = true;
  const auto done = xinfang_fuzz::take_json(result, "xf_engine_run");
  FUZZ_CHECK(done.at("number") == cases.number, done.dump());
  FUZZ_CHECK(done.at("status").is_string() && !done.at("status").get<std::string>().empty(), done.dump());
  FUZZ_CHECK(done.at("events").is_array(), done.dump());
  const long new_version = done.at("version").get<long>();
  FUZZ_CHECK(new_version > cases.version || done.at("replayed") == true,
             command + " went from version " + std::to_string(cases.version) + ": " + done.dump());
  FUZZ_CHECK(xinfang_fuzz::case_version(cases.number) == new_version, done.dump());
  cases.version = new_version;
  cases.other_version = xinfang_fuzz::case_version(cases.other);  // a merge changes it too
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Cases cases;
  std::int64_t now = xinfang_fuzz::kStart;
  FUZZ_CHECK(xf_engine_set_time(xinfang_fuzz::shared_engine(), now) == XF_OK, xf_last_error_message());
  if (cases.changed) {
    cases.number = xinfang_fuzz::intake_letter("低保金三个月未发放");
    cases.other = xinfang_fuzz::intake_letter("低保金停发");
    cases.version = xinfang_fuzz::case_version(cases.number);
    cases.other_version = xinfang_fuzz::case_version(cases.other);
    cases.changed = false;
  }
  std::istringstream lines(xinfang_fuzz::as_text(data, size));
  std::string line;
  for (int count = 0; count < kMostLines && std::getline(lines, line); ++count) run_line(cases, now, line);
  // Only a command that succeeded may have changed the other case (a merge into it).
  if (!cases.changed) FUZZ_CHECK(xinfang_fuzz::case_version(cases.other) == cases.other_version, "refusals changed it");
  return 0;
}
