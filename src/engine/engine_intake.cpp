// Intake: the number is allocated, the query code drawn, earlier cases of the same petitioner
// found, and the case written — in the caller's transaction, so that a failure anywhere leaves
// no number used and no case half made.
#include <set>

#include "engine/chain.hpp"
#include "engine/engine_impl.hpp"
#include "lifecycle/command_args.hpp"

namespace xinfang {

using namespace engine_detail;

namespace {

constexpr std::size_t kMaxIdempotencyKeyBytes = 200;
// A retry comes within minutes of a lost response; the code a petitioner needs is kept in clear
// for that long and no longer (docs/storage.md).
const boost::posix_time::time_duration kQueryCodeRetention = boost::posix_time::hours(24);
// Repeat detection reads the newest earlier cases of each identity, this many at most: a person
// with more is flagged all the same, and an identity shared by thousands of cases (a placeholder
// phone typed by a clerk, a hotline's own number) costs no more than this per intake.
constexpr std::size_t kPriorCasesPerIdentity = 200;

std::string code_of(const NamedEntry* entry, const Json& petition, const char* key) {
  if (entry != nullptr) return entry->code.empty() ? entry->id : entry->code;
  const auto found = petition.find(key);
  return found != petition.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string string_field(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The salted hashes of the petitioners' identity numbers and phones, read leniently: decide()
// reports a malformed petition, this only looks for earlier cases.
std::vector<std::string> identity_hashes(const Json& petition, const std::string& salt) {
  std::vector<std::string> hashes;
  const auto petitioners = petition.find("petitioners");
  if (petitioners == petition.end() || !petitioners->is_array()) return hashes;
  std::set<std::string> seen;
  for (const Json& person : *petitioners) {
    if (!person.is_object()) continue;
    for (const auto& [kind, key] : {std::pair<const char*, const char*>{"id", "id_number"}, {"phone", "phone"}}) {
      const std::string value = string_field(person, key);
      if (value.empty() || util::find_invalid_utf8(value) != std::string::npos) continue;
      std::string hash = salted_hash(salt, kind, value);
      if (seen.insert(hash).second) hashes.push_back(std::move(hash));
    }
  }
  return hashes;
}

}  // namespace

CommandResult Engine::Impl::intake(store::Transaction& txn, const Actor& actor, const Json& petition,
                                   const std::string& key, Instant now) {
  std::string request_hash;
  if (!key.empty()) {
    require_text(key, "idempotency key");
    if (key.size() > kMaxIdempotencyKeyBytes) {
      throw Error(ErrorCode::invalid_argument,
                  "the idempotency key is " + std::to_string(key.size()) + " bytes; at most 200 are allowed");
    }
    // Object keys are sorted by the JSON library, so the same content always hashes alike.
    request_hash = digest_hex(HashAlgorithm::sha256, actor.id + '\n' + petition.dump());
    if (const std::optional<store::IdempotencyRow> seen = txn.find_idempotency(key)) {
      if (seen->request_hash != request_hash) {
        throw Error(ErrorCode::conflict,
                    "idempotency key '" + key + "' was used for another petition (case " + seen->number + ")");
      }
      const std::optional<store::CaseRow> row = txn.find_case(seen->number);
      if (!row) throw Error(ErrorCode::integrity, "idempotency key '" + key + "' names a missing case");
      return CommandResult{row->number, row->version, static_cast<CaseStatus>(row->status), {}, seen->query_code, true};
    }
  }

  const bool readable = petition.is_object();
  const Json empty = Json::object();
  const Json& fields = readable ? petition : empty;
  NumberFields number_fields;
  const Organisation* organisation = policy.find_organisation(actor.organisation);
  number_fields.organisation_code = organisation == nullptr
                                        ? actor.organisation
                                        : (organisation->code.empty() ? organisation->id : organisation->code);
  number_fields.date = calendar.local_date(now);
  number_fields.channel_code = code_of(policy.find_channel(string_field(fields, "channel")), fields, "channel");
  number_fields.category_code = code_of(policy.find_category(string_field(fields, "category")), fields, "category");
  const std::string scope = number_format.sequence_scope(number_fields);
  number_fields.sequence = txn.next_sequence(scope);
  const std::string number = number_format.format(number_fields);

  std::vector<std::uint8_t> bytes(16);
  random->fill(bytes.data(), bytes.size());
  const std::string query_code = make_query_code(bytes);

  std::vector<PriorCase> prior_cases;
  for (const store::CaseRow& prior :
       txn.cases_with_identities(identity_hashes(fields, identity_salt), kPriorCasesPerIdentity)) {
    CaseStatus status = static_cast<CaseStatus>(prior.status);
    // An archived case whose matter was concluded still bars the same matter (Art. 36 ¶3).
    if (status == CaseStatus::archived && !fold_rows(txn.events(prior.id)).concluded_at.is_special()) {
      status = CaseStatus::concluded;
    }
    prior_cases.push_back({prior.number, prior.organisation, prior.category, status, from_micros(prior.registered_at)});
  }

  DecideContext context{policy, calendar, now, actor, number, query_code, identity_salt, std::move(prior_cases)};
  Command command{"intake", petition};
  if (command.args.is_object() && !command.args.contains("received_at")) {
    command.args["received_at"] = lifecycle_detail::format_instant(now);
  }
  std::vector<Event> events = decide(CaseState{}, command, context);

  store::CaseRow row;
  row.scope = scope;
  row.sequence = number_fields.sequence;
  const CaseState state = append(txn, row, CaseState{}, "intake", events);
  for (const std::string& hash : state.identity_hashes) txn.add_identity(row.id, hash);
  if (!key.empty()) {
    txn.forget_query_codes(to_micros(now - kQueryCodeRetention));
    txn.put_idempotency({key, request_hash, number, query_code, to_micros(now)});
  }
  return CommandResult{number, state.version, state.status, std::move(events), query_code, false};
}

CommandResult Engine::intake_json(const std::string& actor, const Json& petition, const std::string& idempotency_key) {
  CommandResult result;
  impl_->store->write([&](store::Transaction& txn) {
    const Instant now = impl_->clock->now();
    result = impl_->intake(txn, impl_->resolve_actor(txn, actor), petition, idempotency_key, now);
  });
  return result;
}

CommandResult Engine::intake(const std::string& actor, const Petition& petition, const std::string& idempotency_key) {
  return intake_json(actor, petition.to_json(), idempotency_key);
}

std::vector<CommandResult> Engine::intake_batch(const std::string& actor, const std::vector<IntakeRequest>& petitions) {
  std::vector<CommandResult> results;
  impl_->store->write([&](store::Transaction& txn) {
    results.clear();
    results.reserve(petitions.size());
    const Instant now = impl_->clock->now();
    const Actor who = impl_->resolve_actor(txn, actor);
    for (std::size_t i = 0; i < petitions.size(); ++i) {
      try {
        results.push_back(impl_->intake(txn, who, petitions[i].petition, petitions[i].idempotency_key, now));
        // An import wants numbers and codes back, not every event tree: freed here, their memory
        // serves the next petition instead of the batch growing by a few kilobytes per case.
        results.back().events.clear();
        results.back().events.shrink_to_fit();
      } catch (const Error& e) {
        throw Error(e.code(), "petition " + std::to_string(i) + ": " + e.what());
      }
    }
  });
  return results;
}

Json Petition::to_json() const {
  Json people = Json::array();
  for (const Petitioner& p : petitioners) {
    Json person = {{"name", p.name}};
    if (!p.id_number.empty()) person["id_number"] = p.id_number;
    if (!p.phone.empty()) person["phone"] = p.phone;
    if (!p.address.empty()) person["address"] = p.address;
    if (p.representative) person["representative"] = true;
    people.push_back(std::move(person));
  }
  Json json = {{"channel", channel},   {"type", petition_type_name(type)},
               {"category", category}, {"subject", subject},
               {"content", content},   {"petitioners", people}};
  if (!sub_route.empty()) json["sub_route"] = sub_route;
  if (!region.empty()) json["region"] = region;
  if (group) json["group"] = true;
  if (!received_at.is_special()) json["received_at"] = lifecycle_detail::format_instant(received_at);
  if (!received_by.empty()) json["received_by"] = received_by;
  if (!attachments.empty()) {
    Json files = Json::array();
    for (const Attachment& a : attachments) {
      files.push_back({{"name", a.name}, {"media_type", a.media_type}, {"size", a.size}, {"sha256", a.sha256}});
    }
    json["attachments"] = std::move(files);
  }
  if (new_matter) json["new_matter"] = true;
  return json;
}

}  // namespace xinfang
