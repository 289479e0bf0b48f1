// The engine's queries in the C ABI beyond a case's own record: time, policy and calendar,
// counts, notifications, explanations, indicators and bulletins, and the staff directory.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "capi_engine.hpp"
#include "capi_internal.hpp"
#include "lifecycle/command_args.hpp"
#include "policy/policy_impl.hpp"
#include "xinfang.h"
#include "xinfang/deadline.hpp"
#include "xinfang/engine.hpp"
#include "xinfang/metrics.hpp"
#include "xinfang/report.hpp"
#include "xinfang/simulate.hpp"

namespace xinfang::capi {
namespace {

using Json = nlohmann::json;

std::int64_t read_limit(const Json& options, const char* key, std::int64_t fallback) {
  const auto found = options.find(key);
  if (found == options.end()) return fallback;
  if (!found->is_number_integer()) fail_at("options_json", std::string("/") + key, "must be an integer");
  const std::int64_t value = found->get<std::int64_t>();
  if (value < 0 || value > 100000) fail_at("options_json", std::string("/") + key, "must be 0..100000");
  return value;
}

BulletinOptions read_bulletin_options(const Json& options) {
  if (!options.is_object()) {
    throw Error(ErrorCode::invalid_data, "options_json: must be an object {\"overdue_limit\"?, \"flagged_limit\"?}");
  }
  for (const auto& entry : options.items()) {
    if (entry.key() != "overdue_limit" && entry.key() != "flagged_limit") {
      fail_at("options_json", "/" + shortened(entry.key()), "unknown key; allowed: overdue_limit, flagged_limit");
    }
  }
  BulletinOptions read;
  read.overdue_limit = read_limit(options, "overdue_limit", read.overdue_limit);
  read.flagged_limit = read_limit(options, "flagged_limit", read.flagged_limit);
  return read;
}

SimulateOptions read_simulate_options(const Json& options) {
  if (!options.is_object()) {
    throw Error(ErrorCode::invalid_data, "options_json: must be an object {\"until\"?, \"from\"?, \"list_limit\"?}");
  }
  SimulateOptions read;
  for (const auto& entry : options.items()) {
    const std::string& key = entry.key();
    if (key == "list_limit") continue;
    if (key != "until" && key != "from") {
      fail_at("options_json", "/" + shortened(key), "unknown key; allowed: until, from, list_limit");
    }
    const std::optional<Instant> at =
        entry.value().is_string() ? lifecycle_detail::parse_instant(entry.value().get<std::string>()) : std::nullopt;
    if (!at) fail_at("options_json", "/" + key, "must be an ISO 8601 time with a zone, e.g. 2025-12-31T16:00:00Z");
    (key == "until" ? read.until : read.from) = *at;
  }
  read.list_limit = read_limit(options, "list_limit", read.list_limit);
  return read;
}

enum class BulletinFormat { json, markdown, html, csv };

BulletinFormat read_format(const std::string& format) {
  if (format == "json") return BulletinFormat::json;
  if (format == "markdown") return BulletinFormat::markdown;
  if (format == "html") return BulletinFormat::html;
  if (format == "csv") return BulletinFormat::csv;
  throw Error(ErrorCode::invalid_argument,
              "format \"" + shortened(format) + "\" is not one of json, markdown, html, csv");
}

std::string explanation_text(const std::vector<ClockReport>& reports, const Calendar& calendar) {
  std::string text;
  for (const ClockReport& report : reports) {
    const DeadlineExplanation explanation = explain(report, calendar);
    text += explanation.data.value("name", std::string()) + " (" + explanation.data.value("clock", std::string()) +
            "): " + explanation.data.value("status", std::string()) + "\n" + explanation.sentence + "\n\n";
  }
  return text;
}

}  // namespace
}  // namespace xinfang::capi

using namespace xinfang;
using namespace xinfang::capi;

extern "C" {

xf_status xf_engine_now(xf_engine* engine, int64_t* out_unix_seconds) {
  return guard([&] {
    EngineCall call(engine);
    require_pointer(out_unix_seconds, "out_unix_seconds");
    *out_unix_seconds = to_unix(call.engine().now());
  });
}

xf_status xf_engine_policy(xf_engine* engine, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    require_pointer(out_json, "out_json");
    const Policy& policy = call.engine().policy();
    return Json{{"name", policy.name()},
                {"version", policy.version()},
                {"title", policy.title()},
                {"calendar", policy.calendar_name()},
                {"document", Json::parse(policy.to_json())}}
        .dump();
  });
}

xf_status xf_engine_calendar(xf_engine* engine, xf_calendar** out) {
  if (out != nullptr) *out = nullptr;
  return guard([&] {
    EngineCall call(engine);
    require_pointer(out, "out");
    *out = new_calendar_handle(call.engine().calendar());
  });
}

xf_status xf_engine_count(xf_engine* engine, const char* filter_json, int64_t* out_count) {
  return guard([&] {
    EngineCall call(engine);
    const CaseFilter filter = CaseFilter::from_json(optional_json(filter_json, "filter_json", Json::object()));
    require_pointer(out_count, "out_count");
    *out_count = call.engine().count(filter);
  });
}

xf_status xf_engine_notifications(xf_engine* engine, const char* number, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    const std::string case_number = required_text(number, "number");
    require_pointer(out_json, "out_json");
    Json list = Json::array();
    for (const Notification& n : call.engine().notifications(case_number)) list.push_back(n.to_json());
    return Json{{"notifications", std::move(list)}}.dump();
  });
}

xf_status xf_engine_explain(xf_engine* engine, const char* number, char** out_text) {
  return text_out(out_text, [&] {
    EngineCall call(engine);
    const std::string case_number = required_text(number, "number");
    require_pointer(out_text, "out_text");
    return explanation_text(call.engine().clocks(case_number), call.engine().calendar());
  });
}

xf_status xf_engine_indicators(xf_engine* engine, const char* period, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    const std::string text = required_text(period, "period");
    require_pointer(out_json, "out_json");
    return indicator_report_json(call.engine().indicators(text), call.engine().policy()).dump();
  });
}

xf_status xf_engine_case_score(xf_engine* engine, const char* number, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    const std::string case_number = required_text(number, "number");
    require_pointer(out_json, "out_json");
    return case_score_json(call.engine().case_score(case_number)).dump();
  });
}

xf_status xf_engine_bulletin(xf_engine* engine, const char* period, const char* format, const char* options_json,
                             char** out) {
  return text_out(out, [&] {
    EngineCall call(engine);
    const std::string text = required_text(period, "period");
    const BulletinFormat kind = read_format(required_text(format, "format"));
    const BulletinOptions options = read_bulletin_options(optional_json(options_json, "options_json", Json::object()));
    require_pointer(out, "out");
    const Engine& e = call.engine();
    const Bulletin bulletin = e.bulletin(text, options);
    switch (kind) {
      case BulletinFormat::json: return bulletin_json(bulletin, e.policy()).dump();
      case BulletinFormat::markdown: return bulletin_markdown(bulletin, e.policy());
      case BulletinFormat::html: return bulletin_html(bulletin, e.policy());
      case BulletinFormat::csv: break;
    }
    Json files = Json::object();
    for (const auto& [name, csv] : bulletin_csv(bulletin, e.policy())) files[name] = csv;
    return files.dump();
  });
}

xf_status xf_engine_simulate(xf_engine* engine, const char* policy, const char* format, const char* options_json,
                             char** out) {
  return text_out(out, [&] {
    EngineCall call(engine);
    const std::string text = required_text(policy, "policy");
    const std::string kind = required_text(format, "format");
    if (kind != "json" && kind != "markdown") {
      throw Error(ErrorCode::invalid_argument, "format \"" + shortened(kind) + "\" is not one of json, markdown");
    }
    const SimulateOptions options = read_simulate_options(optional_json(options_json, "options_json", Json::object()));
    require_pointer(out, "out");
    const Policy other = policy_detail::names_a_preset(text) ? Policy::preset(text) : Policy::from_json(text);
    const Engine& e = call.engine();
    const SimulationReport report = e.simulate(other, options);
    return kind == "json" ? report.to_json().dump() : report.to_markdown(other, e.calendar());
  });
}

xf_status xf_engine_deactivate_staff(xf_engine* engine, const char* actor, const char* staff_id) {
  return guard([&] {
    EngineCall call(engine);
    const std::string who = required_text(actor, "actor");
    const std::string id = required_text(staff_id, "staff_id");
    call.engine().deactivate_staff(who, id);
  });
}

xf_status xf_engine_staff(xf_engine* engine, const char* staff_id, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    const std::string id = required_text(staff_id, "staff_id");
    require_pointer(out_json, "out_json");
    const std::optional<StaffMember> member = call.engine().staff(id);
    if (!member) throw Error(ErrorCode::not_found, "no staff member \"" + shortened(id) + "\" in the directory");
    return member->to_json().dump();
  });
}

xf_status xf_engine_list_staff(xf_engine* engine, const char* unit, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    const std::string unit_id = optional_text(unit, "unit");
    require_pointer(out_json, "out_json");
    Json list = Json::array();
    for (const StaffMember& member : call.engine().list_staff(unit_id)) list.push_back(member.to_json());
    return Json{{"staff", std::move(list)}}.dump();
  });
}

xf_status xf_engine_roster(xf_engine* engine, xf_date day, const char* unit, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    const Date date = checked_date(day);
    const std::string unit_id = required_text(unit, "unit");
    require_pointer(out_json, "out_json");
    return Json{{"day", format_date(date)}, {"unit", unit_id}, {"staff", call.engine().roster(date, unit_id)}}.dump();
  });
}

}  // extern "C"
