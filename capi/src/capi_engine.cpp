// The engine of the C ABI over xinfang::Engine: cases on a database file, every argument checked
// before the engine sees it, every result handed out as JSON text.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "capi_engine.hpp"
#include "capi_internal.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"
#include "xinfang.h"
#include "xinfang/engine.hpp"

namespace xinfang::capi {
namespace {

using Json = nlohmann::json;

// The host's clock callback as the engine's Clock.
class CallbackClock final : public Clock {
 public:
  CallbackClock(xf_clock_callback callback, void* payload) : callback_(callback), payload_(payload) {}
  Instant now() override {
    int64_t seconds = 0;
    const int result = callback_(payload_, &seconds);
    if (result != 0) {
      throw Error(ErrorCode::callback, "the clock callback returned " + std::to_string(result) + " (not 0)");
    }
    return from_unix(seconds, "the clock callback's time");
  }

 private:
  xf_clock_callback callback_;
  void* payload_;
};

// Takes the petitions out of @p doc (moved, not copied: a batch can be large).
std::vector<IntakeRequest> read_batch(Json&& doc, const char* name) {
  if (!doc.is_array()) {
    throw Error(ErrorCode::invalid_data,
                std::string(name) + ": must be a JSON array of {\"petition\": {...}, \"idempotency_key\"?: \"...\"}");
  }
  std::vector<IntakeRequest> requests;
  requests.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    Json& item = doc[i];
    const std::string path = "/" + std::to_string(i);
    if (!item.is_object())
      fail_at(name, path, "must be an object {\"petition\": {...}, \"idempotency_key\"?: \"...\"}");
    IntakeRequest request;
    bool has_petition = false;
    for (auto& entry : item.items()) {
      const std::string& key = entry.key();
      if (key == "petition") {
        request.petition = std::move(entry.value());
        has_petition = true;
      } else if (key == "idempotency_key") {
        if (!entry.value().is_string()) fail_at(name, path + "/idempotency_key", "must be a string");
        request.idempotency_key = entry.value().get<std::string>();
      } else {
        fail_at(name, path + "/" + util::json_pointer_segment(shortened(key)),
                "unknown key; allowed: petition, idempotency_key");
      }
    }
    if (!has_petition) fail_at(name, path + "/petition", "is required");
    requests.push_back(std::move(request));
  }
  return requests;
}

std::vector<std::string> read_ids(const Json& doc, const char* name) {
  if (!doc.is_array()) throw Error(ErrorCode::invalid_data, std::string(name) + ": must be a JSON array of staff ids");
  std::vector<std::string> ids;
  ids.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    if (!doc[i].is_string()) fail_at(name, "/" + std::to_string(i), "must be a string (a staff id)");
    ids.push_back(doc[i].get<std::string>());
  }
  return ids;
}

Json results_json(std::vector<CommandResult>&& results) {
  Json array = Json::array();
  for (CommandResult& result : results) array.push_back(std::move(result).to_json());
  return array;
}

// The fields of the first xf_engine_options: a caller built against it passes at least this much.
// Later versions append fields, and a caller that does not know them gets their defaults.
constexpr std::size_t kOptionsFirstVersionSize = offsetof(xf_engine_options, random_seed) + sizeof(uint64_t);

xf_engine_options known_fields(const xf_engine_options* given) {
  require_pointer(given, "options");
  if (given->struct_size < kOptionsFirstVersionSize) {
    throw Error(ErrorCode::invalid_argument, "options->struct_size is " + std::to_string(given->struct_size) +
                                                 "; at least " + std::to_string(kOptionsFirstVersionSize) +
                                                 " is needed (fill the options with xf_engine_options_init())");
  }
  xf_engine_options options;
  xf_engine_options_init(&options);
  // Only what the caller's struct_size covers is read: a larger struct from a newer caller has
  // fields this library does not know, and they are left alone.
  std::memcpy(&options, given, std::min<std::size_t>(given->struct_size, sizeof options));
  return options;
}

struct OpenRequest {
  EngineOptions options;
  std::shared_ptr<ManualClock> manual_clock;
};

OpenRequest read_options(const xf_engine_options* given) {
  const xf_engine_options o = known_fields(given);
  OpenRequest request;
  EngineOptions& options = request.options;
  options.database = required_text(o.database, "options->database");
  options.policy = optional_text(o.policy, "options->policy");
  options.installer = optional_text(o.installer, "options->installer");
  if (o.durability != XF_DURABILITY_NORMAL && o.durability != XF_DURABILITY_FULL) {
    throw Error(ErrorCode::invalid_argument, "options->durability is " + std::to_string(o.durability) +
                                                 "; it must be XF_DURABILITY_NORMAL (0) or XF_DURABILITY_FULL (1)");
  }
  options.durability = o.durability == XF_DURABILITY_FULL ? Durability::full : Durability::normal;
  if (o.hash != XF_HASH_SHA256 && o.hash != XF_HASH_SM3) {
    throw Error(ErrorCode::invalid_argument,
                "options->hash is " + std::to_string(o.hash) + "; it must be XF_HASH_SHA256 (0) or XF_HASH_SM3 (1)");
  }
  options.hash = o.hash == XF_HASH_SM3 ? HashAlgorithm::sm3 : HashAlgorithm::sha256;
  options.create = read_flag(o.create, "options->create");
  if (o.busy_timeout_ms < 0) {
    throw Error(ErrorCode::invalid_argument,
                "options->busy_timeout_ms is " + std::to_string(o.busy_timeout_ms) + "; it must be 0 or more");
  }
  options.busy_timeout_ms = o.busy_timeout_ms;
  if (read_flag(o.manual_clock, "options->manual_clock")) {
    request.manual_clock = std::make_shared<ManualClock>(from_unix(o.manual_time, "options->manual_time"));
    options.clock = request.manual_clock;
  }
  if (read_flag(o.seeded_random, "options->seeded_random"))
    options.random = std::make_shared<SeededRandom>(o.random_seed);
  options.parallel_batches = read_flag(o.parallel_batches, "options->parallel_batches");
  if (o.calendar != nullptr) options.calendar = live_handle(o.calendar, "options->calendar")->calendar;
  if (o.clock_callback != nullptr) {
    if (request.manual_clock != nullptr) {
      throw Error(ErrorCode::invalid_argument,
                  "options->clock_callback and options->manual_clock = 1 are both set; choose one clock");
    }
    options.clock = std::make_shared<CallbackClock>(o.clock_callback, o.clock_payload);
  }
  return request;
}

}  // namespace
}  // namespace xinfang::capi

using namespace xinfang;
using namespace xinfang::capi;

extern "C" {

xf_status xf_engine_options_init(xf_engine_options* options) {
  return guard([&] {
    require_pointer(options, "options");
    *options = xf_engine_options{};
    options->struct_size = static_cast<uint32_t>(sizeof(xf_engine_options));
    options->create = 1;
    options->busy_timeout_ms = 30000;
    options->parallel_batches = 1;
  });
}

xf_status xf_engine_open(const xf_engine_options* options, xf_engine** out_engine) {
  if (out_engine != nullptr) *out_engine = nullptr;
  return guard([&] {
    OpenRequest request = read_options(options);
    require_pointer(out_engine, "out_engine");
    auto handle = std::make_shared<xf_engine>(Engine::open(request.options), std::move(request.manual_clock));
    LiveHandles<xf_engine>::instance().add(handle);
    *out_engine = handle.get();
  });
}

xf_status xf_engine_close(xf_engine* engine) {
  if (engine == nullptr) return XF_OK;
  return guard([&] {
    std::shared_ptr<xf_engine> handle = LiveHandles<xf_engine>::instance().take(engine);
    if (handle == nullptr) {
      throw Error(ErrorCode::bad_handle,
                  "engine is not an open engine handle (closed already, or another kind of handle)");
    }
    // Waits for a call in progress on another thread; the engine closes when the last holder lets go.
    std::lock_guard<std::mutex> lock(handle->mutex);
    handle->tag = HandleTag::dead;
  });
}

xf_status xf_engine_set_time(xf_engine* engine, int64_t unix_seconds) {
  return guard([&] {
    EngineCall call(engine);
    if (call.handle().manual_clock == nullptr) {
      throw Error(ErrorCode::invalid_state,
                  "the engine has no manual clock (it runs on the system clock or the host's clock callback); open it "
                  "with options.manual_clock = 1 to set its time");
    }
    call.handle().manual_clock->set(from_unix(unix_seconds, "unix_seconds"));
  });
}

xf_status xf_engine_intake(xf_engine* engine, const char* actor, const char* petition_json, const char* idempotency_key,
                           char** out_result_json) {
  return result_text_out(out_result_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const std::string who = required_text(actor, "actor");
    const Json petition = parse_json(petition_json, "petition_json");
    const std::string key = optional_text(idempotency_key, "idempotency_key");
    require_pointer(out_result_json, "out_result_json");
    return e.intake_json(who, petition, key);
  });
}

xf_status xf_engine_intake_batch(xf_engine* engine, const char* actor, const char* petitions_json,
                                 char** out_results_json) {
  return text_out(out_results_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const std::string who = required_text(actor, "actor");
    const std::vector<IntakeRequest> requests =
        read_batch(parse_json(petitions_json, "petitions_json"), "petitions_json");
    require_pointer(out_results_json, "out_results_json");
    return results_json(e.intake_batch(who, requests)).dump();
  });
}

xf_status xf_engine_run(xf_engine* engine, const char* number, const char* actor, const char* command_name,
                        const char* args_json, int64_t expected_version, char** out_result_json) {
  return result_text_out(out_result_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const std::string case_number = required_text(number, "number");
    const std::string who = required_text(actor, "actor");
    Command command;
    command.name = required_text(command_name, "command_name");
    command.args = optional_json(args_json, "args_json", Json::object());
    if (expected_version < 0) {
      throw Error(ErrorCode::invalid_argument, "expected_version is " + std::to_string(expected_version) +
                                                   "; it must be a case version (1 or more), or 0 for no check");
    }
    require_pointer(out_result_json, "out_result_json");
    RunOptions options;
    options.expected_version = expected_version;
    return e.run(case_number, who, command, options);
  });
}

xf_status xf_engine_get(xf_engine* engine, const char* number, const char* reader, char** out_case_json) {
  return text_out(out_case_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const std::string case_number = required_text(number, "number");
    const std::string who = optional_text(reader, "reader");
    require_pointer(out_case_json, "out_case_json");
    return (reader == nullptr ? e.get(case_number).to_json() : e.view(case_number, who)).dump();
  });
}

xf_status xf_engine_lookup(xf_engine* engine, const char* number, const char* query_code, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const std::string case_number = required_text(number, "number");
    const std::string code = required_text(query_code, "query_code");
    require_pointer(out_json, "out_json");
    return e.lookup(case_number, code).dump();
  });
}

xf_status xf_engine_list(xf_engine* engine, const char* filter_json, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const CaseFilter filter = CaseFilter::from_json(optional_json(filter_json, "filter_json", Json::object()));
    require_pointer(out_json, "out_json");
    Json cases = Json::array();
    for (const CaseSummary& summary : e.list(filter)) cases.push_back(summary.to_json());
    return Json{{"cases", std::move(cases)}, {"total", e.count(filter)}}.dump();
  });
}

xf_status xf_engine_put_staff(xf_engine* engine, const char* actor, const char* staff_json) {
  return guard([&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const std::string who = required_text(actor, "actor");
    const StaffMember member = StaffMember::from_json(parse_json(staff_json, "staff_json"));
    e.put_staff(who, member);
  });
}

xf_status xf_engine_set_roster(xf_engine* engine, const char* actor, xf_date day, const char* unit,
                               const char* staff_ids_json) {
  return guard([&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const std::string who = required_text(actor, "actor");
    const Date date = checked_date(day);
    const std::string unit_id = required_text(unit, "unit");
    const std::vector<std::string> ids = read_ids(parse_json(staff_ids_json, "staff_ids_json"), "staff_ids_json");
    e.set_roster(who, date, unit_id, ids);
  });
}

xf_status xf_engine_verify(xf_engine* engine, char** out_report_json) {
  return text_out(out_report_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    require_pointer(out_report_json, "out_report_json");
    return e.verify().to_json().dump();
  });
}

xf_status xf_engine_clocks(xf_engine* engine, const char* number, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    const std::string case_number = required_text(number, "number");
    require_pointer(out_json, "out_json");
    Json clocks = Json::array();
    for (const ClockReport& report : e.clocks(case_number)) clocks.push_back(explain(report, e.calendar()).to_json());
    return Json{{"number", case_number}, {"clocks", std::move(clocks)}}.dump();
  });
}

xf_status xf_engine_sweep(xf_engine* engine, int64_t cases_per_transaction, int64_t max_cases, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    require_pointer(out_json, "out_json");
    SweepOptions options;
    options.cases_per_transaction = cases_per_transaction;
    options.max_cases = max_cases;
    return e.sweep(options).to_json().dump();
  });
}

xf_status xf_engine_outbox_poll(xf_engine* engine, int64_t limit, int64_t lease_seconds, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    Engine& e = call.engine();
    require_pointer(out_json, "out_json");
    Json list = Json::array();
    for (const Notification& n : e.poll_outbox(limit, lease_seconds)) list.push_back(n.to_json());
    return Json{{"notifications", std::move(list)}}.dump();
  });
}

xf_status xf_engine_outbox_ack(xf_engine* engine, int64_t notification_id) {
  return guard([&] { EngineCall(engine).engine().acknowledge(notification_id); });
}

}  // extern "C"
