// The engine of the C ABI over xinfang::Engine: cases on a database file, every argument checked
// before the engine sees it, every result handed out as JSON text.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "capi_internal.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"
#include "xinfang.h"
#include "xinfang/engine.hpp"

struct xf_engine {
  xinfang::capi::HandleTag tag = xinfang::capi::HandleTag::engine;
  xinfang::Engine engine;
  // Kept so that xf_engine_set_time() can move the clock the engine reads; null on the system clock.
  std::shared_ptr<xinfang::ManualClock> manual_clock;
  xf_engine(xinfang::Engine e, std::shared_ptr<xinfang::ManualClock> clock)
      : engine(std::move(e)), manual_clock(std::move(clock)) {}
};

namespace xinfang::capi {
namespace {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

// The handles that are open. A closed engine's memory is freed, so its tag cannot be read
// safely (AddressSanitizer rightly calls that a use after free): membership here is checked
// first, and a pointer that is not a member is never dereferenced. Never destroyed, so that a
// host closing engines from an atexit handler does not meet a destroyed set.
struct LiveEngines {
  std::mutex mutex;
  std::unordered_set<const xf_engine*> handles;
};

LiveEngines& live_engines() {
  static LiveEngines* live = new LiveEngines();
  return *live;
}

bool is_live(const xf_engine* handle) {
  LiveEngines& live = live_engines();
  std::lock_guard<std::mutex> lock(live.mutex);
  return live.handles.count(handle) != 0;
}

xf_engine& engine_handle(xf_engine* handle) {
  if (handle == nullptr) throw Error(ErrorCode::bad_handle, "engine is NULL");
  if (!is_live(handle)) {
    throw Error(ErrorCode::bad_handle,
                "engine is not an open engine handle (closed already, or another kind of handle)");
  }
  checked(handle, HandleTag::engine, "engine");
  return *handle;
}

Engine& engine_of(xf_engine* handle) {
  return engine_handle(handle).engine;
}

std::string required_text(const char* text, const char* name) {
  require_pointer(text, name);
  const std::string value(text);
  util::require_utf8(value, name);
  return value;
}

// NULL means "" for the optional strings of the ABI.
std::string optional_text(const char* text, const char* name) {
  return text == nullptr ? std::string() : required_text(text, name);
}

Json parse_json(const char* text, const char* name) {
  const std::string value = required_text(text, name);
  try {
    return Json::parse(value);
  } catch (const Json::parse_error& e) {
    std::string message = e.what();
    // nlohmann's messages begin with "[json.exception.parse_error.101] "; keep the rest.
    if (auto close = message.find("] "); close != std::string::npos) message = message.substr(close + 2);
    throw Error(ErrorCode::parse_error, std::string(name) + ": " + message);
  }
}

// NULL stands for @p absent (an empty object, or null where the engine reads null as {}).
Json optional_json(const char* text, const char* name, Json absent) {
  return text == nullptr ? absent : parse_json(text, name);
}

// A key quoted in a message: cut after 100 bytes (at a character boundary, so that the message
// stays UTF-8), so that a huge key still gives a one-line error.
std::string shortened(const std::string& key) {
  constexpr std::size_t kLimit = 100;
  if (key.size() <= kLimit) return key;
  std::size_t cut = kLimit;
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0u) == 0x80u) --cut;
  return key.substr(0, cut) + "...";
}

[[noreturn]] void fail_at(const char* name, const std::string& path, const std::string& rule) {
  throw Error(ErrorCode::invalid_data, std::string(name) + " " + path + ": " + rule);
}

std::vector<IntakeRequest> read_batch(const Json& doc, const char* name) {
  if (!doc.is_array()) {
    throw Error(ErrorCode::invalid_data,
                std::string(name) + ": must be a JSON array of {\"petition\": {...}, \"idempotency_key\"?: \"...\"}");
  }
  std::vector<IntakeRequest> requests;
  requests.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const Json& item = doc[i];
    const std::string path = "/" + std::to_string(i);
    if (!item.is_object())
      fail_at(name, path, "must be an object {\"petition\": {...}, \"idempotency_key\"?: \"...\"}");
    IntakeRequest request;
    bool has_petition = false;
    for (const auto& entry : item.items()) {
      const std::string& key = entry.key();
      if (key == "petition") {
        request.petition = entry.value();
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

Json results_json(const std::vector<CommandResult>& results) {
  Json array = Json::array();
  for (const CommandResult& result : results) array.push_back(result.to_json());
  return array;
}

Date checked_date(xf_date day) {
  // Boost accepts years 1400..9999; narrower checks first so that casts cannot wrap.
  const std::string text =
      "date " + std::to_string(day.year) + "-" + std::to_string(day.month) + "-" + std::to_string(day.day);
  if (day.year < 1400 || day.year > 9999 || day.month < 1 || day.month > 12 || day.day < 1 || day.day > 31) {
    throw Error(ErrorCode::invalid_argument, text + " is not a real date");
  }
  try {
    return Date(static_cast<unsigned short>(day.year), static_cast<unsigned short>(day.month),
                static_cast<unsigned short>(day.day));
  } catch (const std::out_of_range&) {
  }
  throw Error(ErrorCode::invalid_argument, text + " is not a real date");
}

Instant from_unix(int64_t seconds, const char* name) {
  // Boost's date range is 1400..9999; stay well inside it.
  constexpr int64_t kLimit = 250000000000LL;
  if (seconds < -kLimit || seconds > kLimit) {
    throw Error(ErrorCode::invalid_argument, std::string(name) + " " + std::to_string(seconds) +
                                                 " is out of range (seconds since 1970-01-01T00:00:00Z)");
  }
  return Instant(bg::date(1970, 1, 1)) + bpt::seconds(seconds);
}

// The fields of the first xf_engine_options: a caller built against it passes at least this much.
// Later versions append fields, and a caller that does not know them gets their defaults.
constexpr std::size_t kOptionsFirstVersionSize = offsetof(xf_engine_options, random_seed) + sizeof(uint64_t);

bool read_flag(int32_t value, const char* name) {
  if (value != 0 && value != 1) {
    throw Error(ErrorCode::invalid_argument,
                std::string("options->") + name + " is " + std::to_string(value) + "; it must be 0 or 1");
  }
  return value == 1;
}

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
  options.create = read_flag(o.create, "create");
  if (o.busy_timeout_ms < 0) {
    throw Error(ErrorCode::invalid_argument,
                "options->busy_timeout_ms is " + std::to_string(o.busy_timeout_ms) + "; it must be 0 or more");
  }
  options.busy_timeout_ms = o.busy_timeout_ms;
  if (read_flag(o.manual_clock, "manual_clock")) {
    request.manual_clock = std::make_shared<ManualClock>(from_unix(o.manual_time, "options->manual_time"));
    options.clock = request.manual_clock;
  }
  if (read_flag(o.seeded_random, "seeded_random")) options.random = std::make_shared<SeededRandom>(o.random_seed);
  options.parallel_batches = read_flag(o.parallel_batches, "parallel_batches");
  return request;
}

// The shape of every engine call that hands out JSON: the output is NULL unless the call
// succeeds. @p body checks its arguments (the output among them) before it changes anything.
template <typename Body>
xf_status json_out(char** out, Body&& body) noexcept {
  if (out != nullptr) *out = nullptr;
  return guard([&] {
    std::string text = body();
    *out = copy_out(text);
  });
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
    auto handle = std::make_unique<xf_engine>(Engine::open(request.options), std::move(request.manual_clock));
    LiveEngines& live = live_engines();
    {
      std::lock_guard<std::mutex> lock(live.mutex);
      live.handles.insert(handle.get());
    }
    *out_engine = handle.release();
  });
}

xf_status xf_engine_close(xf_engine* engine) {
  if (engine == nullptr) return XF_OK;
  return guard([&] {
    xf_engine& handle = engine_handle(engine);
    LiveEngines& live = live_engines();
    {
      std::lock_guard<std::mutex> lock(live.mutex);
      live.handles.erase(&handle);
    }
    handle.tag = HandleTag::dead;
    delete &handle;
  });
}

xf_status xf_engine_set_time(xf_engine* engine, int64_t unix_seconds) {
  return guard([&] {
    xf_engine& handle = engine_handle(engine);
    if (handle.manual_clock == nullptr) {
      throw Error(ErrorCode::invalid_state,
                  "the engine runs on the system clock; open it with options.manual_clock = 1 to set its time");
    }
    handle.manual_clock->set(from_unix(unix_seconds, "unix_seconds"));
  });
}

xf_status xf_engine_intake(xf_engine* engine, const char* actor, const char* petition_json, const char* idempotency_key,
                           char** out_result_json) {
  return json_out(out_result_json, [&] {
    Engine& e = engine_of(engine);
    const std::string who = required_text(actor, "actor");
    const Json petition = parse_json(petition_json, "petition_json");
    const std::string key = optional_text(idempotency_key, "idempotency_key");
    require_pointer(out_result_json, "out_result_json");
    return e.intake_json(who, petition, key).to_json().dump();
  });
}

xf_status xf_engine_intake_batch(xf_engine* engine, const char* actor, const char* petitions_json,
                                 char** out_results_json) {
  return json_out(out_results_json, [&] {
    Engine& e = engine_of(engine);
    const std::string who = required_text(actor, "actor");
    const std::vector<IntakeRequest> requests =
        read_batch(parse_json(petitions_json, "petitions_json"), "petitions_json");
    require_pointer(out_results_json, "out_results_json");
    return results_json(e.intake_batch(who, requests)).dump();
  });
}

xf_status xf_engine_run(xf_engine* engine, const char* number, const char* actor, const char* command_name,
                        const char* args_json, int64_t expected_version, char** out_result_json) {
  return json_out(out_result_json, [&] {
    Engine& e = engine_of(engine);
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
    return e.run(case_number, who, command, options).to_json().dump();
  });
}

xf_status xf_engine_get(xf_engine* engine, const char* number, const char* reader, char** out_case_json) {
  return json_out(out_case_json, [&] {
    Engine& e = engine_of(engine);
    const std::string case_number = required_text(number, "number");
    const std::string who = optional_text(reader, "reader");
    require_pointer(out_case_json, "out_case_json");
    return (reader == nullptr ? e.get(case_number).to_json() : e.view(case_number, who)).dump();
  });
}

xf_status xf_engine_lookup(xf_engine* engine, const char* number, const char* query_code, char** out_json) {
  return json_out(out_json, [&] {
    Engine& e = engine_of(engine);
    const std::string case_number = required_text(number, "number");
    const std::string code = required_text(query_code, "query_code");
    require_pointer(out_json, "out_json");
    return e.lookup(case_number, code).dump();
  });
}

xf_status xf_engine_list(xf_engine* engine, const char* filter_json, char** out_json) {
  return json_out(out_json, [&] {
    Engine& e = engine_of(engine);
    const CaseFilter filter = CaseFilter::from_json(optional_json(filter_json, "filter_json", Json::object()));
    require_pointer(out_json, "out_json");
    Json cases = Json::array();
    for (const CaseSummary& summary : e.list(filter)) cases.push_back(summary.to_json());
    return Json{{"cases", std::move(cases)}, {"total", e.count(filter)}}.dump();
  });
}

xf_status xf_engine_put_staff(xf_engine* engine, const char* actor, const char* staff_json) {
  return guard([&] {
    Engine& e = engine_of(engine);
    const std::string who = required_text(actor, "actor");
    const StaffMember member = StaffMember::from_json(parse_json(staff_json, "staff_json"));
    e.put_staff(who, member);
  });
}

xf_status xf_engine_set_roster(xf_engine* engine, const char* actor, xf_date day, const char* unit,
                               const char* staff_ids_json) {
  return guard([&] {
    Engine& e = engine_of(engine);
    const std::string who = required_text(actor, "actor");
    const Date date = checked_date(day);
    const std::string unit_id = required_text(unit, "unit");
    const std::vector<std::string> ids = read_ids(parse_json(staff_ids_json, "staff_ids_json"), "staff_ids_json");
    e.set_roster(who, date, unit_id, ids);
  });
}

xf_status xf_engine_verify(xf_engine* engine, char** out_report_json) {
  return json_out(out_report_json, [&] {
    Engine& e = engine_of(engine);
    require_pointer(out_report_json, "out_report_json");
    return e.verify().to_json().dump();
  });
}

xf_status xf_engine_clocks(xf_engine* engine, const char* number, char** out_json) {
  return json_out(out_json, [&] {
    Engine& e = engine_of(engine);
    const std::string case_number = required_text(number, "number");
    require_pointer(out_json, "out_json");
    Json clocks = Json::array();
    for (const ClockReport& report : e.clocks(case_number)) clocks.push_back(explain(report, e.calendar()).to_json());
    return Json{{"number", case_number}, {"clocks", std::move(clocks)}}.dump();
  });
}

xf_status xf_engine_sweep(xf_engine* engine, int64_t cases_per_transaction, int64_t max_cases, char** out_json) {
  return json_out(out_json, [&] {
    Engine& e = engine_of(engine);
    require_pointer(out_json, "out_json");
    SweepOptions options;
    options.cases_per_transaction = cases_per_transaction;
    options.max_cases = max_cases;
    return e.sweep(options).to_json().dump();
  });
}

xf_status xf_engine_outbox_poll(xf_engine* engine, int64_t limit, int64_t lease_seconds, char** out_json) {
  return json_out(out_json, [&] {
    Engine& e = engine_of(engine);
    require_pointer(out_json, "out_json");
    Json list = Json::array();
    for (const Notification& n : e.poll_outbox(limit, lease_seconds)) list.push_back(n.to_json());
    return Json{{"notifications", std::move(list)}}.dump();
  });
}

xf_status xf_engine_outbox_ack(xf_engine* engine, int64_t notification_id) {
  return guard([&] { engine_of(engine).acknowledge(notification_id); });
}

}  // extern "C"
