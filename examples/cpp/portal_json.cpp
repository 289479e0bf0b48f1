// A portal's back end in C++: a JSON request in, a JSON response out. handle() is what a web
// framework's route would call with the parsed request body; every failure of xinfang becomes an
// error document with its stable code, so the front end can show the message or branch on it.
//
// Requests are objects with an "action":
//   {"action": "intake", "actor", "petition": {...}, "idempotency_key"?}
//   {"action": "run", "number", "actor", "command", "args"?, "expected_version"?}
//   {"action": "lookup", "number", "code"}        the petitioner's own view
//   {"action": "clocks", "number"}                deadlines, with the reasons
//   {"action": "indicators", "period"}            e.g. "2025-03", "2025-W10"
// Responses: {"ok": true, "result": ...} or {"ok": false, "error": {"code", "message"}}.
//
// Usage: example_cpp_portal_json [REQUESTS.json]   a JSON array of requests; without one, a
// built-in session. "$number" and "$code" in a request stand for the last intake's.
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <nlohmann/json.hpp>

#include "xinfang/deadline.hpp"
#include "xinfang/engine.hpp"
#include "xinfang/metrics.hpp"

using namespace xinfang;
using Json = nlohmann::json;

namespace {

Json handle(Engine& engine, const Json& request) {
  try {
    const std::string action = request.at("action").get<std::string>();
    Json result;
    if (action == "intake") {
      result = engine.intake_json(request.at("actor"), request.at("petition"), request.value("idempotency_key", ""))
                   .to_json();
    } else if (action == "run") {
      RunOptions options;
      options.expected_version = request.value("expected_version", std::int64_t{0});
      result = engine
                   .run(request.at("number"), request.at("actor"),
                        Command{request.at("command"), request.value("args", Json::object())}, options)
                   .to_json();
    } else if (action == "lookup") {
      result = engine.lookup(request.at("number"), request.at("code"));
    } else if (action == "clocks") {
      result = Json::array();
      for (const ClockReport& report : engine.clocks(request.at("number"))) {
        result.push_back(explain(report, engine.calendar()).to_json());
      }
    } else if (action == "indicators") {
      result = indicator_report_json(engine.indicators(request.at("period").get<std::string>()), engine.policy());
    } else {
      return {{"ok", false}, {"error", {{"code", "no_action"}, {"message", "unknown action " + action}}}};
    }
    return {{"ok", true}, {"result", std::move(result)}};
  } catch (const Error& e) {
    return {{"ok", false}, {"error", {{"code", error_code_name(e.code())}, {"message", e.what()}}}};
  } catch (const Json::exception& e) {
    // A request of the wrong shape (a missing member, a number for a string).
    return {{"ok", false}, {"error", {{"code", "bad_request"}, {"message", e.what()}}}};
  }
}

const char* const kSession = R"([
  {"action": "intake", "actor": "portal", "idempotency_key": "web-20250303-0001",
   "petition": {"channel": "online", "type": "claim", "category": "social_assistance",
                "subject": "低保金三个月未发放", "content": "自2024年12月起未收到最低生活保障金。",
                "petitioners": [{"name": "张三", "phone": "13800000000"}],
                "received_at": "2025-03-03T10:30:00+08:00"}},
  {"action": "intake", "actor": "portal", "idempotency_key": "web-20250303-0001",
   "petition": {"channel": "online", "type": "claim", "category": "social_assistance",
                "subject": "低保金三个月未发放", "content": "自2024年12月起未收到最低生活保障金。",
                "petitioners": [{"name": "张三", "phone": "13800000000"}],
                "received_at": "2025-03-03T10:30:00+08:00"}},
  {"action": "intake", "actor": "portal", "petition": {"channel": "pigeon"}},
  {"action": "lookup", "number": "$number", "code": "$code"},
  {"action": "lookup", "number": "$number", "code": "WRONG"},
  {"action": "run", "number": "$number", "actor": "d-wang", "command": "accept"},
  {"action": "run", "number": "$number", "actor": "portal", "command": "reply", "args": {"outcome": "supported", "text": "x"}},
  {"action": "clocks", "number": "$number"},
  {"action": "indicators", "period": "2025-03"},
  {"action": "indicators", "period": "March"},
  {"action": "send_fax"}
])";

// Replaces "$number" and "$code" in string members with the last intake's.
void substitute(Json& value, const std::string& number, const std::string& code) {
  if (value.is_string()) {
    if (value == "$number") value = number;
    if (value == "$code") value = code;
  } else if (value.is_structured()) {
    for (auto& item : value) substitute(item, number, code);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string path =
      std::string(tmp != nullptr ? tmp : "/tmp") + "/xinfang-portal-" + std::to_string(getpid()) + ".db";
  int exit_status = 0;
  try {
    Json requests;
    if (argc > 1) {
      std::ifstream in(argv[1]);
      requests = Json::parse(in);
    } else {
      requests = Json::parse(kSession);
    }
    auto clock = std::make_shared<ManualClock>(boost::posix_time::time_from_string("2025-03-04 02:00:00"));
    EngineOptions options;
    options.database = path;
    options.policy = "cn-national-2022";
    options.clock = clock;
    Engine engine = Engine::open(options);
    engine.put_staff("admin", {"portal", "网上信访平台", "city", "petition_office", {"registrar"}, true});
    engine.put_staff("admin", {"d-wang", "王分办", "city", "petition_office", {"dispatcher"}, true});

    std::string number;
    std::string code;
    int failed = 0;
    for (Json request : requests) {
      substitute(request, number, code);
      const Json response = handle(engine, request);
      if (response["ok"] == true && request.value("action", "") == "intake" && response["result"].contains("number")) {
        number = response["result"]["number"];
        if (response["result"].value("query_code", "") != "") code = response["result"]["query_code"];
      }
      if (response["ok"] != true) ++failed;
      std::string line = response.dump();
      if (line.size() > 200) line = line.substr(0, 200) + "...";
      std::cout << request.value("action", "?") << " -> " << line << "\n";
    }
    std::cout << failed << " of " << requests.size() << " requests refused, each with its code and message\n";
  } catch (const std::exception& e) {
    std::cerr << "portal_json: " << e.what() << "\n";
    exit_status = 1;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return exit_status;
}
