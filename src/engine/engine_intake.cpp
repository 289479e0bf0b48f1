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

const Json& fields_of(const Json& petition) {
  static const Json empty = Json::object();
  return petition.is_object() ? petition : empty;
}

}  // namespace

// A retry comes within minutes of a lost response; the code a petitioner needs is kept in clear
// for that long and no longer (docs/storage.md).
const boost::posix_time::time_duration kQueryCodeRetention = boost::posix_time::hours(24);

std::vector<std::string> Engine::Impl::lookup_hashes(const Json& petition) const {
  std::vector<std::string> hashes;
  const Json& fields = fields_of(petition);
  const auto petitioners = fields.find("petitioners");
  if (petitioners == fields.end() || !petitioners->is_array()) return hashes;
  std::set<std::string> seen;
  for (const Json& person : *petitioners) {
    if (!person.is_object()) continue;
    for (const auto& [kind, key] : {std::pair<const char*, const char*>{"id", "id_number"}, {"phone", "phone"}}) {
      const std::string value = string_field(person, key);
      if (value.empty() || util::find_invalid_utf8(value) != std::string::npos) continue;
      std::string hash = salted_hash(identity_salt, kind, value);
      if (seen.insert(hash).second) hashes.push_back(std::move(hash));
    }
  }
  return hashes;
}

PreparedIntake Engine::Impl::prepare_intake(store::Transaction& txn, const Actor& actor, const Json& petition,
                                            const std::string& key, Instant now, const std::vector<std::string>& hashes,
                                            const std::uint8_t* code_bytes) {
  PreparedIntake prepared;
  prepared.petition = &petition;
  if (!key.empty()) {
    require_text(key, "idempotency key");
    if (key.size() > kMaxIdempotencyKeyBytes) {
      throw Error(ErrorCode::invalid_argument,
                  "the idempotency key is " + std::to_string(key.size()) + " bytes; at most 200 are allowed");
    }
    // Object keys are sorted by the JSON library, so the same content always hashes alike.
    prepared.request_hash = digest_hex(HashAlgorithm::sha256, actor.id + '\n' + petition.dump());
    if (const std::optional<store::IdempotencyRow> seen = txn.find_idempotency(key)) {
      if (seen->request_hash != prepared.request_hash) {
        throw Error(ErrorCode::conflict,
                    "idempotency key '" + key + "' was used for another petition (case " + seen->number + ")");
      }
      const std::optional<store::CaseRow> row = txn.find_case(seen->number);
      if (!row) throw Error(ErrorCode::integrity, "idempotency key '" + key + "' names a missing case");
      prepared.replay = CommandResult{
          row->number, row->version, static_cast<CaseStatus>(row->status), {}, seen->query_code, true, {}};
      return prepared;
    }
    prepared.key = key;
  }

  const Json& fields = fields_of(petition);
  NumberFields number_fields;
  const Organisation* organisation = policy.find_organisation(actor.organisation);
  number_fields.organisation_code = organisation == nullptr
                                        ? actor.organisation
                                        : (organisation->code.empty() ? organisation->id : organisation->code);
  number_fields.date = calendar.local_date(now);
  number_fields.channel_code = code_of(policy.find_channel(string_field(fields, "channel")), fields, "channel");
  number_fields.category_code = code_of(policy.find_category(string_field(fields, "category")), fields, "category");
  prepared.scope = number_format.sequence_scope(number_fields);
  number_fields.sequence = txn.next_sequence(prepared.scope);
  prepared.sequence = number_fields.sequence;
  prepared.number = number_format.format(number_fields);

  prepared.query_code = make_query_code(std::vector<std::uint8_t>(code_bytes, code_bytes + kQueryCodeBytes));

  for (const store::CaseRow& prior : txn.cases_with_identities(hashes, kPriorCasesPerIdentity)) {
    CaseStatus status = static_cast<CaseStatus>(prior.status);
    // An archived case whose matter was concluded still bars the same matter (Art. 36 ¶3).
    if (status == CaseStatus::archived && !fold_rows(txn.events(prior.id)).concluded_at.is_special()) {
      status = CaseStatus::concluded;
    }
    prepared.prior_cases.push_back(
        {prior.number, prior.organisation, prior.category, status, from_micros(prior.registered_at)});
  }
  return prepared;
}

DecidedIntake Engine::Impl::decide_intake(PreparedIntake&& prepared, const Actor& actor, Instant now,
                                          ActorTexts& texts) const {
  DecideContext context{policy,
                        calendar,
                        now,
                        actor,
                        prepared.number,
                        prepared.query_code,
                        identity_salt,
                        std::move(prepared.prior_cases)};
  Command command{"intake", *prepared.petition};
  if (command.args.is_object() && !command.args.contains("received_at")) {
    command.args["received_at"] = lifecycle_detail::format_instant(now);
  }
  std::vector<Event> events = decide(CaseState{}, command, context);

  DecidedIntake decided;
  decided.row.scope = std::move(prepared.scope);
  decided.row.sequence = prepared.sequence;
  CaseState state = chain_events(decided.row, CaseState{}, "intake", events, texts, decided.rows, decided.outcomes);
  decided.identity_hashes = std::move(state.identity_hashes);
  decided.key = std::move(prepared.key);
  decided.request_hash = std::move(prepared.request_hash);
  decided.result = CommandResult{std::move(prepared.number),
                                 state.version,
                                 state.status,
                                 std::move(events),
                                 std::move(prepared.query_code),
                                 false,
                                 {}};
  return decided;
}

void Engine::Impl::write_intake(store::Transaction& txn, const DecidedIntake& decided, Instant now) {
  const std::int64_t id = txn.insert_case(decided.row);
  for (const store::EventRow& stored : decided.rows) txn.append_event(id, stored);
  txn.put_outcomes(id, decided.row.region, decided.outcomes, /*old_keys=*/"", /*is_new=*/true);
  for (const std::string& hash : decided.identity_hashes) txn.add_identity(id, hash);
  if (!decided.key.empty()) {
    txn.put_idempotency(
        {decided.key, decided.request_hash, decided.result.number, decided.result.query_code, to_micros(now)});
  }
}

CommandResult Engine::Impl::intake(store::Transaction& txn, const Actor& actor, const Json& petition,
                                   const std::string& key, Instant now, const std::uint8_t* code_bytes) {
  PreparedIntake prepared = prepare_intake(txn, actor, petition, key, now, lookup_hashes(petition), code_bytes);
  if (prepared.replay) return std::move(*prepared.replay);
  DecidedIntake decided = decide_intake(std::move(prepared), actor, now, actor_texts);
  write_intake(txn, decided, now);
  decided.result.logged = take_logged_texts(decided.rows);
  return std::move(decided.result);
}

CommandResult Engine::intake_json(const std::string& actor, const Json& petition, const std::string& idempotency_key) {
  CommandResult result;
  impl_->store->write([&](store::Transaction& txn) {
    const Instant now = impl_->clock->now();
    const Actor who = impl_->resolve_actor(txn, actor);
    if (!idempotency_key.empty()) txn.forget_query_codes(to_micros(now - kQueryCodeRetention));
    std::uint8_t code_bytes[kQueryCodeBytes];
    impl_->random->fill(code_bytes, kQueryCodeBytes);
    result = impl_->intake(txn, who, petition, idempotency_key, now, code_bytes);
  });
  return result;
}

CommandResult Engine::intake(const std::string& actor, const Petition& petition, const std::string& idempotency_key) {
  return intake_json(actor, petition.to_json(), idempotency_key);
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
