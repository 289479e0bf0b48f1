// Queries: a case with its log, a reader's view, the petitioner's lookup, list and count; and
// the JSON forms of the engine's value types.
#include <algorithm>
#include <type_traits>
#include <utility>

#include "engine/chain.hpp"
#include "engine/engine_impl.hpp"
#include "lifecycle/command_args.hpp"

namespace xinfang {

using namespace engine_detail;
using lifecycle_detail::format_instant;
using lifecycle_detail::JsonReader;

namespace {

constexpr std::int64_t kMaxListLimit = 100000;

store::CaseQuery query_of(const CaseFilter& filter) {
  for (const std::string* text : {&filter.organisation, &filter.unit, &filter.handler, &filter.category, &filter.region,
                                  &filter.channel, &filter.text}) {
    require_text(*text, "filter");
  }
  store::CaseQuery query;
  for (CaseStatus status : filter.statuses) query.statuses.push_back(static_cast<int>(status));
  query.organisation = filter.organisation;
  query.unit = filter.unit;
  query.handler = filter.handler;
  query.category = filter.category;
  query.region = filter.region;
  query.channel = filter.channel;
  if (filter.type) query.type = static_cast<int>(*filter.type);
  if (!filter.received_from.is_special()) query.received_from = to_micros(filter.received_from);
  if (!filter.received_to.is_special()) query.received_to = to_micros(filter.received_to);
  query.key_case = filter.key_case;
  query.repeat = filter.repeat;
  query.open = filter.open;
  query.text = filter.text;
  if (!filter.deadline_from.is_special()) query.deadline_from = to_micros(filter.deadline_from);
  if (!filter.deadline_to.is_special()) query.deadline_to = to_micros(filter.deadline_to);
  query.limit = filter.limit;
  query.offset = filter.offset;
  return query;
}

CaseSummary summary_of(const store::CaseRow& row) {
  CaseSummary s;
  s.number = row.number;
  s.status = static_cast<CaseStatus>(row.status);
  s.version = row.version;
  s.organisation = row.organisation;
  s.unit = row.unit;
  s.handler = row.handler;
  s.type = static_cast<PetitionType>(row.type);
  s.category = row.category;
  s.region = row.region;
  s.channel = row.channel;
  s.subject = row.subject;
  s.received_at = from_micros(row.received_at);
  s.registered_at = from_micros(row.registered_at);
  s.key_case = row.key_case;
  s.repeat = row.repeat;
  s.confidential = row.confidential;
  return s;
}

CaseRecord record_of(const store::CaseRow&, const std::vector<store::EventRow>& rows) {
  CaseRecord record;
  record.events.reserve(rows.size());
  for (const store::EventRow& row : rows) {
    StoredEvent stored;
    stored.sequence = row.sequence;
    stored.event = from_row(row);
    stored.command = row.command;
    stored.policy_name = row.policy_name;
    stored.policy_version = row.policy_version;
    stored.previous_hash = row.previous_hash;
    stored.hash = row.hash;
    record.state = apply(std::move(record.state), stored.event);
    record.events.push_back(std::move(stored));
  }
  return record;
}

}  // namespace

CaseRecord Engine::get(const std::string& number) const {
  require_text(number, "case number");
  CaseRecord record;
  impl_->store->read([&](store::Transaction& txn) {
    const std::optional<store::CaseRow> row = txn.find_case(number);
    if (!row) throw Error(ErrorCode::not_found, "no case " + number);
    record = record_of(*row, txn.events(row->id));
  });
  record.policy = impl_->policy;
  return record;
}

Json Engine::view(const std::string& number, const std::string& reader) const {
  require_text(number, "case number");
  Json view;
  impl_->store->read([&](store::Transaction& txn) {
    const Actor who = impl_->resolve_actor(txn, reader);
    const std::optional<store::CaseRow> row = txn.find_case(number);
    if (!row) throw Error(ErrorCode::not_found, "no case " + number);
    const CaseRecord record = record_of(*row, txn.events(row->id));
    view = case_view(record.state, impl_->policy, who);
    Json events = Json::array();
    for (const StoredEvent& stored : record.events) {
      Json event = event_view(stored.event, record.state, impl_->policy, who);
      event["sequence"] = stored.sequence;
      events.push_back(std::move(event));
    }
    view["events"] = std::move(events);
  });
  return view;
}

Json Engine::lookup(const std::string& number, const std::string& query_code) const {
  require_text(number, "case number");
  require_text(query_code, "query code");
  Json view;
  impl_->store->read([&](store::Transaction& txn) {
    const std::optional<store::CaseRow> row = txn.find_case(number);
    // One message for both, so that a guess learns nothing about which numbers exist.
    const auto refuse = [&] { throw Error(ErrorCode::not_found, "no case " + number + " with that query code"); };
    if (!row || query_code.empty()) refuse();
    if (salted_hash(impl_->identity_salt, "query", query_code) != row->query_code_hash) refuse();
    const CaseRecord record = record_of(*row, txn.events(row->id));
    view = case_view(record.state, impl_->policy, std::nullopt);
    Json events = Json::array();
    for (const StoredEvent& stored : record.events) {
      Json event = event_view(stored.event, record.state, impl_->policy, std::nullopt);
      event.erase("actor");
      event["sequence"] = stored.sequence;
      events.push_back(std::move(event));
    }
    view["events"] = std::move(events);
  });
  return view;
}

std::vector<CaseSummary> Engine::list(const CaseFilter& filter) const {
  if (filter.limit < 1 || filter.limit > kMaxListLimit) {
    throw Error(ErrorCode::invalid_argument,
                "list limit " + std::to_string(filter.limit) + " is outside 1.." + std::to_string(kMaxListLimit));
  }
  if (filter.offset < 0) throw Error(ErrorCode::invalid_argument, "list offset must not be negative");
  const store::CaseQuery query = query_of(filter);
  std::vector<CaseSummary> summaries;
  impl_->store->read([&](store::Transaction& txn) {
    summaries.clear();
    for (const store::CaseRow& row : txn.list_cases(query)) summaries.push_back(summary_of(row));
  });
  return summaries;
}

std::int64_t Engine::count(const CaseFilter& filter) const {
  const store::CaseQuery query = query_of(filter);
  std::int64_t total = 0;
  impl_->store->read([&](store::Transaction& txn) { total = txn.count_cases(query); });
  return total;
}

namespace {

// The JSON of a command result; from an rvalue, the events' payloads (the bulk of it: an
// intake's payload is the whole petition) are moved instead of copied.
template <typename Result>
Json command_result_json(Result&& result) {
  constexpr bool kMove = !std::is_lvalue_reference_v<Result>;
  Json list = Json::array();
  for (auto& e : result.events) {
    Json payload;
    if constexpr (kMove) {
      payload = std::move(e.payload);
    } else {
      payload = e.payload;
    }
    list.push_back({{"type", e.type},
                    {"at", format_instant(e.at)},
                    {"actor", lifecycle_detail::actor_json(e.actor)},
                    {"payload", std::move(payload)}});
  }
  Json json = {{"number", result.number},
               {"version", result.version},
               {"status", case_status_name(result.status)},
               {"events", std::move(list)},
               {"replayed", result.replayed}};
  if (!result.query_code.empty()) json["query_code"] = result.query_code;
  return json;
}

}  // namespace

Json CommandResult::to_json() const& {
  return command_result_json(*this);
}

Json CommandResult::to_json() && {
  return command_result_json(std::move(*this));
}

namespace {

// A string as JSON, exactly as the JSON library writes it. Most of a result's strings (event
// types, statuses, instants, case numbers) are printable ASCII with nothing to escape, and are
// copied between quotes; anything else goes through the library.
void append_json_string(std::string& text, const std::string& value) {
  const bool plain =
      std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
  if (!plain) {
    text += Json(value).dump();
    return;
  }
  text += '"';
  text += value;
  text += '"';
}

}  // namespace

std::string CommandResult::to_json_text() const {
  if (logged.size() != events.size()) return to_json().dump();
  // Members in the order the JSON library sorts keys, so that the text is to_json().dump()'s.
  std::size_t size = 128 + number.size() + query_code.size();
  for (const LoggedEventText& text : logged) size += 96 + text.actor.size() + text.payload.size();
  std::string text;
  text.reserve(size);
  text += "{\"events\":[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i != 0) text += ',';
    text += "{\"actor\":";
    text += logged[i].actor;
    text += ",\"at\":";
    append_json_string(text, format_instant(events[i].at));
    text += ",\"payload\":";
    text += logged[i].payload;
    text += ",\"type\":";
    append_json_string(text, events[i].type);
    text += '}';
  }
  text += "],\"number\":";
  append_json_string(text, number);
  if (!query_code.empty()) {
    text += ",\"query_code\":";
    append_json_string(text, query_code);
  }
  text += ",\"replayed\":";
  text += replayed ? "true" : "false";
  text += ",\"status\":";
  append_json_string(text, case_status_name(status));
  text += ",\"version\":";
  text += std::to_string(version);
  text += '}';
  return text;
}

Json CaseRecord::to_json() const {
  Json list = Json::array();
  for (const StoredEvent& e : events) {
    list.push_back({{"sequence", e.sequence},
                    {"type", e.event.type},
                    {"at", format_instant(e.event.at)},
                    {"actor", lifecycle_detail::actor_json(e.event.actor)},
                    {"command", e.command},
                    {"payload", e.event.payload},
                    {"policy", {{"name", e.policy_name}, {"version", e.policy_version}}},
                    {"previous_hash", e.previous_hash},
                    {"hash", e.hash}});
  }
  return {{"case", view()}, {"events", std::move(list)}};
}

Json CaseRecord::view() const {
  if (!policy) throw Error(ErrorCode::invalid_argument, "the case record carries no policy to view it under");
  // The host's own record is never redacted: read as someone with the confidential role.
  Actor full;
  full.id = "host";
  if (!policy->confidential_reader_role().empty()) full.roles.push_back(policy->confidential_reader_role());
  return case_view(state, *policy, full);
}

Json CaseSummary::to_json() const {
  return {{"number", number},
          {"status", case_status_name(status)},
          {"version", version},
          {"organisation", organisation},
          {"unit", unit},
          {"handler", handler},
          {"type", petition_type_name(type)},
          {"category", category},
          {"region", region},
          {"channel", channel},
          {"subject", subject},
          {"received_at", format_instant(received_at)},
          {"registered_at", format_instant(registered_at)},
          {"key_case", key_case},
          {"repeat", repeat},
          {"confidential", confidential}};
}

CaseFilter CaseFilter::from_json(const Json& json) {
  const JsonReader r("filter", json, "", /*null_is_empty=*/true);
  r.allow_only({"status", "organisation", "unit", "handler", "type", "category", "region", "channel", "received_from",
                "received_to", "key_case", "repeat", "open", "text", "deadline_from", "deadline_to", "limit",
                "offset"});
  CaseFilter filter;
  if (r.has("status")) {
    const Json& value = json.at("status");
    std::vector<std::string> names;
    if (value.is_string()) {
      names.push_back(r.string("status", 64));
    } else {
      names = r.strings("status", 64, true);
    }
    for (const std::string& name : names) {
      const std::optional<CaseStatus> status = parse_case_status(name);
      if (!status) r.fail("status", "'" + lifecycle_detail::printable(name) + "' is not a case status");
      filter.statuses.push_back(*status);
    }
  }
  filter.organisation = r.string_or("organisation", lifecycle_detail::kMaxIdBytes, "");
  filter.unit = r.string_or("unit", lifecycle_detail::kMaxIdBytes, "");
  filter.handler = r.string_or("handler", lifecycle_detail::kMaxIdBytes, "");
  if (r.has("type")) filter.type = parse_petition_type(r.choice("type", {"suggestion", "accusation", "claim"}));
  filter.category = r.string_or("category", lifecycle_detail::kMaxIdBytes, "");
  filter.region = r.string_or("region", lifecycle_detail::kMaxIdBytes, "");
  filter.channel = r.string_or("channel", lifecycle_detail::kMaxIdBytes, "");
  if (auto from = r.optional_instant("received_from")) filter.received_from = *from;
  if (auto to = r.optional_instant("received_to")) filter.received_to = *to;
  if (r.has("key_case")) filter.key_case = r.boolean("key_case");
  if (r.has("repeat")) filter.repeat = r.boolean("repeat");
  if (r.has("open")) filter.open = r.boolean("open");
  filter.text = r.string_or("text", lifecycle_detail::kMaxSubjectBytes, "");
  if (auto from = r.optional_instant("deadline_from")) filter.deadline_from = *from;
  if (auto to = r.optional_instant("deadline_to")) filter.deadline_to = *to;
  filter.limit = r.optional_integer("limit", 1, kMaxListLimit).value_or(100);
  filter.offset = r.optional_integer("offset", 0, INT64_MAX).value_or(0);
  return filter;
}

Json VerifyReport::to_json() const {
  Json json = {{"ok", ok}, {"cases", cases}, {"events", events}, {"directory_changes", directory_changes}};
  if (!ok) {
    json["problem"] = {{"case", case_number}, {"sequence", sequence}, {"message", message}};
  }
  return json;
}

}  // namespace xinfang
