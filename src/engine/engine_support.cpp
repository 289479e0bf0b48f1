// Clocks, random sources, and the conversions between lifecycle values and stored rows.
#include <chrono>

#include <openssl/rand.h>

#include "engine/engine_impl.hpp"
#include "util/utf8.hpp"

namespace xinfang {

Instant SystemClock::now() {
  return boost::posix_time::microsec_clock::universal_time();
}

ManualClock::ManualClock(Instant start) : now_(start) {}
Instant ManualClock::now() {
  return now_;
}
void ManualClock::set(Instant instant) {
  now_ = instant;
}
void ManualClock::advance(boost::posix_time::time_duration duration) {
  now_ += duration;
}

void SystemRandom::fill(std::uint8_t* data, std::size_t size) {
  if (size > static_cast<std::size_t>(INT32_MAX) || RAND_bytes(data, static_cast<int>(size)) != 1) {
    throw Error(ErrorCode::internal, "OpenSSL could not supply random bytes");
  }
}

SeededRandom::SeededRandom(std::uint64_t seed) : state_(seed) {}

void SeededRandom::fill(std::uint8_t* data, std::size_t size) {
  // splitmix64: reproducible and well mixed; not for secrets.
  for (std::size_t i = 0; i < size; i += 8) {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    for (std::size_t j = 0; j < 8 && i + j < size; ++j) data[i + j] = static_cast<std::uint8_t>(z >> (8 * j));
  }
}

namespace engine_detail {
namespace {

const Instant& epoch() {
  static const Instant value(boost::gregorian::date(1970, 1, 1));
  return value;
}

}  // namespace

std::int64_t to_micros(Instant instant) {
  if (instant.is_special()) throw Error(ErrorCode::invalid_argument, "the time is not a date-time");
  return (instant - epoch()).total_microseconds();
}

Instant from_micros(std::int64_t micros) {
  return epoch() + boost::posix_time::seconds(micros / 1000000) + boost::posix_time::microseconds(micros % 1000000);
}

std::string actor_text(const Actor& actor) {
  return Json{{"id", actor.id}, {"organisation", actor.organisation}, {"unit", actor.unit}, {"roles", actor.roles}}
      .dump();
}

std::vector<LoggedEventText> take_logged_texts(std::vector<store::EventRow>& rows) {
  std::vector<LoggedEventText> texts;
  texts.reserve(rows.size());
  for (store::EventRow& row : rows) texts.push_back({std::move(row.actor), std::move(row.payload)});
  return texts;
}

Actor actor_from_text(const std::string& text) {
  try {
    const Json json = Json::parse(text);
    Actor actor;
    actor.id = json.at("id").get<std::string>();
    actor.organisation = json.at("organisation").get<std::string>();
    actor.unit = json.at("unit").get<std::string>();
    actor.roles = json.at("roles").get<std::vector<std::string>>();
    return actor;
  } catch (const Json::exception& e) {
    throw Error(ErrorCode::integrity, std::string("a stored actor does not read: ") + e.what());
  }
}

store::EventRow to_row(const Event& event, const std::string& actor_text, const std::string& command,
                       const Policy& policy) {
  store::EventRow row;
  row.type = event.type;
  row.at = to_micros(event.at);
  row.actor = actor_text;
  row.command = command;
  row.payload = event.payload.dump();
  row.policy_name = policy.name();
  row.policy_version = policy.version();
  return row;
}

Event from_row(const store::EventRow& row) {
  Event event;
  event.type = row.type;
  event.at = from_micros(row.at);
  event.actor = actor_from_text(row.actor);
  try {
    event.payload = Json::parse(row.payload);
  } catch (const Json::exception& e) {
    throw Error(ErrorCode::integrity,
                "event " + std::to_string(row.sequence) + " has a payload that is not JSON: " + e.what());
  }
  return event;
}

CaseState fold_rows(const std::vector<store::EventRow>& rows) {
  CaseState state;
  for (const store::EventRow& row : rows) state = apply(std::move(state), from_row(row));
  return state;
}

void project(const CaseState& state, store::CaseRow& row) {
  row.number = state.number;
  row.version = state.version;
  row.status = static_cast<int>(state.status);
  row.open = is_open(state.status);
  row.organisation = state.organisation;
  row.unit = state.unit;
  row.handler = state.handler;
  row.type = static_cast<int>(state.type);
  row.category = state.category;
  row.region = state.region;
  row.channel = state.channel;
  row.subject = state.subject;
  row.received_at = to_micros(state.received_at);
  row.registered_at = to_micros(state.registered_at);
  row.key_case = state.key_case;
  row.repeat = state.repeat;
  row.confidential = state.confidential;
  row.query_code_hash = state.query_code_hash;
  if (state.accepted_at.is_special()) {
    row.accepted_at.reset();
  } else {
    row.accepted_at = to_micros(state.accepted_at);
  }
  row.owner = state.owner_leader;
}

void require_text(const std::string& text, const char* what) {
  util::require_utf8(text, what);
}

StaffMember staff_from_row(const store::StaffRow& row) {
  StaffMember member;
  member.id = row.id;
  member.name = row.name;
  member.organisation = row.organisation;
  member.unit = row.unit;
  try {
    member.roles = Json::parse(row.roles).get<std::vector<std::string>>();
  } catch (const Json::exception& e) {
    throw Error(ErrorCode::integrity, "the roles of staff member " + row.id + " do not read: " + e.what());
  }
  member.active = row.active;
  return member;
}

}  // namespace engine_detail
}  // namespace xinfang
