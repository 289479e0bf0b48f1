// Opening an engine, and running a command on a case: load, decide, append, project — one
// transaction.
#include <algorithm>
#include <filesystem>

#include "engine/chain.hpp"
#include "engine/engine_impl.hpp"
#include "policy/policy_impl.hpp"
#include "util/digest.hpp"
#include "xinfang/routing.hpp"

namespace xinfang {

using namespace engine_detail;

namespace {

Policy load_policy_text(const std::string& text) {
  return policy_detail::names_a_preset(text) ? Policy::preset(text) : Policy::from_json(text);
}

std::string random_hex(RandomSource& random, std::size_t bytes) {
  std::vector<std::uint8_t> data(bytes);
  random.fill(data.data(), data.size());
  return util::to_hex(data.data(), data.size());
}

}  // namespace

Engine Engine::open(const EngineOptions& options) {
  require_text(options.database, "database path");
  require_text(options.installer, "installer");
  if (options.busy_timeout_ms < 0) throw Error(ErrorCode::invalid_argument, "busy_timeout_ms must not be negative");
  std::optional<Policy> given;
  if (!options.policy.empty()) given = load_policy_text(options.policy);
  std::error_code ignored;
  if (!given && options.create && !std::filesystem::exists(options.database, ignored)) {
    throw Error(
        ErrorCode::invalid_argument,
        "database " + options.database + " does not exist; a new one needs a policy (a preset name or policy JSON)");
  }

  store::StoreOptions store_options;
  store_options.path = options.database;
  store_options.create = options.create;
  store_options.durable = options.durability == Durability::full;
  store_options.busy_timeout_ms = options.busy_timeout_ms;
  auto store = store::open_sqlite_store(store_options);

  std::shared_ptr<Clock> clock = options.clock ? options.clock : std::make_shared<SystemClock>();
  std::shared_ptr<RandomSource> random = options.random ? options.random : std::make_shared<SystemRandom>();
  const Calendar calendar = options.calendar ? *options.calendar : Calendar::national();

  std::optional<Policy> policy;
  HashAlgorithm hash = options.hash;
  std::string salt;
  bool install = false;
  store->write([&](store::Transaction& txn) {
    install = false;
    if (auto stored = txn.meta("hash_algorithm")) {
      hash = parse_hash_algorithm(*stored);
    } else {
      hash = options.hash;
      txn.set_meta("hash_algorithm", hash_algorithm_name(hash));
    }
    if (auto stored = txn.meta("identity_salt")) {
      salt = *stored;
    } else {
      salt = random_hex(*random, 32);
      txn.set_meta("identity_salt", salt);
    }
    const std::optional<store::PolicyRow> in_force = txn.policy_in_force();
    if (given) {
      const std::string json = given->to_json();
      install = !in_force || in_force->json != json;
      policy = *given;
      if (install) {
        const Instant now = clock->now();
        const std::string installer = options.installer.empty() ? "system" : options.installer;
        txn.install_policy({0, given->name(), given->version(), json, to_micros(now), installer});
        record_admin_change(txn, hash, installer, "policy_installed",
                            {{"name", given->name()}, {"version", given->version()}}, now);
      }
    } else if (in_force) {
      try {
        policy = Policy::from_json(in_force->json);
      } catch (const Error& e) {
        throw Error(ErrorCode::integrity, "the policy in force (" + in_force->name + " " + in_force->version +
                                              ") does not load: " + e.what());
      }
    } else {
      throw Error(ErrorCode::invalid_argument,
                  "database " + options.database + " has no policy yet: give one (a preset name or policy JSON)");
    }
  });
  auto impl = std::make_unique<Impl>(std::move(store), std::move(*policy), calendar, std::move(clock),
                                     std::move(random), hash, std::move(salt), options.parallel_batches);
  impl->refresh_stale_clock_columns();
  return Engine(std::move(impl));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;
Engine::Engine(Engine&& other) noexcept = default;
Engine& Engine::operator=(Engine&& other) noexcept = default;

const Policy& Engine::policy() const noexcept {
  return impl_->policy;
}
const Calendar& Engine::calendar() const noexcept {
  return impl_->calendar;
}
Instant Engine::now() const {
  return impl_->clock->now();
}
HashAlgorithm Engine::hash_algorithm() const noexcept {
  return impl_->hash;
}

Actor Engine::Impl::resolve_actor(store::Transaction& txn, const std::string& id) const {
  require_text(id, "actor");
  if (id.empty()) throw Error(ErrorCode::invalid_argument, "no actor was given");
  const std::optional<store::StaffRow> row = txn.find_staff(id);
  if (!row) throw Error(ErrorCode::forbidden, "actor '" + id + "' is not in the staff directory");
  if (!row->active) throw Error(ErrorCode::forbidden, "actor '" + id + "' is no longer active in the staff directory");
  const StaffMember member = staff_from_row(*row);
  return Actor{member.id, member.organisation, member.unit, member.roles};
}

CaseState Engine::Impl::chain_events(store::CaseRow& row, CaseState state, const std::string& command,
                                     const std::vector<Event>& events, ActorTexts& texts,
                                     std::vector<store::EventRow>& rows, store::OutcomeRows& outcomes) const {
  rows.reserve(rows.size() + events.size());
  for (const Event& event : events) {
    store::EventRow stored = to_row(event, texts.of(event.actor), command, policy);
    stored.sequence = row.version + 1;
    stored.previous_hash = row.head_hash;
    stored.hash = event_hash(hash, state.number.empty() ? event.payload.value("number", "") : state.number, stored);
    state = apply(std::move(state), event);
    row.version = stored.sequence;
    row.head_hash = stored.hash;
    row.updated_at = stored.at;
    rows.push_back(std::move(stored));
  }
  project(state, row);
  project_clocks(state, row, &outcomes, from_micros(row.updated_at));
  return state;
}

CaseState Engine::Impl::append(store::Transaction& txn, store::CaseRow& row, CaseState state,
                               const std::string& command, const std::vector<Event>& events,
                               std::vector<LoggedEventText>* logged) {
  const std::int64_t expected_version = row.version;
  const std::string old_keys = row.outcome_keys;
  std::vector<store::EventRow> rows;
  store::OutcomeRows outcomes;
  state = chain_events(row, std::move(state), command, events, actor_texts, rows, outcomes);
  const bool existed = row.id != 0;
  if (existed) {
    txn.update_case(row, expected_version);
  } else {
    row.id = txn.insert_case(row);
  }
  for (const store::EventRow& stored : rows) txn.append_event(row.id, stored);
  txn.put_outcomes(row.id, row.region, outcomes, old_keys, !existed);
  if (logged != nullptr) *logged = take_logged_texts(rows);
  return state;
}

const std::string& ActorTexts::of(const Actor& actor) {
  if (text_.empty() || actor.id != last_.id || actor.organisation != last_.organisation || actor.unit != last_.unit ||
      actor.roles != last_.roles) {
    last_ = actor;
    text_ = actor_text(actor);
  }
  return text_;
}

void engine_detail::record_admin_change(store::Transaction& txn, HashAlgorithm algorithm, const std::string& actor,
                                        const std::string& action, const Json& payload, Instant at) {
  const std::optional<store::AdminChangeRow> last = txn.last_admin_change();
  store::AdminChangeRow row;
  row.sequence = last ? last->sequence + 1 : 1;
  row.at = to_micros(at);
  row.actor = actor;
  row.action = action;
  row.payload = payload.dump();
  row.previous_hash = last ? last->hash : "";
  row.hash = admin_change_hash(algorithm, row);
  txn.append_admin_change(row);
}

Command Engine::Impl::complete_routing(store::Transaction& txn, const CaseState& state, const Command& command,
                                       Instant now) {
  if (!command.args.is_null() && !command.args.is_object()) return command;  // decide() reports the shape
  Command completed = command;
  if (completed.args.is_null()) completed.args = Json::object();
  Json& args = completed.args;
  const bool unit_given = args.contains("unit");
  const bool handler_given = args.contains("handler");
  if (command.name == "route" && !unit_given) {
    if (state.status == CaseStatus::assigned) {
      args["unit"] = state.unit;
    } else {
      RoutingInput input{state.channel, state.type, state.category, state.region, state.subject, state.content};
      const std::optional<RouteDecision> decision = route_unit(policy, input);
      if (!decision) {
        throw Error(ErrorCode::invalid_state, "command route: no routing rule of policy " + policy.name() +
                                                  " matches case " + state.number +
                                                  " and it has no default unit; name the unit");
      }
      args["unit"] = decision->unit;
      if (!args.contains("rule")) args["rule"] = decision->rule;
    }
  }
  if (!args.contains("unit") || !args["unit"].is_string()) return completed;  // decide() reports it
  const std::string unit = args["unit"].get<std::string>();
  // A unit the policy lacks is named before any handler is looked for in it.
  if (!unit.empty() && policy.find_unit(unit) == nullptr) {
    throw Error(ErrorCode::not_found,
                "command " + command.name + " /args/unit: '" + unit + "' is not a unit of policy " + policy.name());
  }
  if (handler_given) {
    if (!args["handler"].is_string()) return completed;
    const std::string handler = args["handler"].get<std::string>();
    const std::optional<store::StaffRow> person = txn.find_staff(handler);
    if (!person || !person->active) {
      throw Error(ErrorCode::not_found,
                  "command " + command.name + " /args/handler: '" + handler + "' is not an active member of the staff");
    }
    if (person->unit != unit) {
      throw Error(ErrorCode::invalid_data, "command " + command.name + " /args/handler: " + handler + " is in unit " +
                                               person->unit + ", not " + unit);
    }
    if (command.name == "route" && !args.contains("manual")) args["manual"] = true;
    return completed;
  }
  // The handlers of the unit: its active people allowed to reply.
  const std::vector<std::string>& replying_roles = policy.roles_for("reply");
  const std::string today = boost::gregorian::to_iso_extended_string(calendar.local_date(now));
  const std::vector<std::string> on_duty = txn.roster(today, unit);
  // The policy lists the handling role first among those who may reply (handler before
  // unit_leader): cases go to people of that role, and to the others only when it has nobody.
  std::vector<HandlerCandidate> candidates, others;
  for (const store::StaffRow& row : txn.list_staff(unit)) {
    if (!row.active) continue;
    const StaffMember member = staff_from_row(row);
    const auto has = [&](const std::string& role) {
      return std::find(member.roles.begin(), member.roles.end(), role) != member.roles.end();
    };
    if (std::none_of(replying_roles.begin(), replying_roles.end(), has)) continue;
    HandlerCandidate candidate{member.id, static_cast<int>(txn.open_cases_of_handler(member.id)),
                               std::find(on_duty.begin(), on_duty.end(), member.id) != on_duty.end()};
    (has(replying_roles.front()) ? candidates : others).push_back(std::move(candidate));
  }
  if (candidates.empty()) candidates = std::move(others);
  const std::optional<std::string> chosen =
      choose_handler(policy.routing().handler_rule, candidates, txn.routing_cursor(unit));
  if (!chosen) {
    throw Error(ErrorCode::invalid_state, "command " + command.name + ": unit " + unit +
                                              " has no active handler in the staff directory; add one or name it");
  }
  txn.set_routing_cursor(unit, *chosen);
  args["handler"] = *chosen;
  if (command.name == "route" && !args.contains("manual")) args["manual"] = false;
  return completed;
}

CommandResult Engine::run(const std::string& number, const std::string& actor, const Command& command,
                          const RunOptions& options) {
  require_text(number, "case number");
  require_text(command.name, "command name");
  if (command.name == "intake") {
    throw Error(ErrorCode::invalid_argument, "command intake makes a new case: call intake(), not run()");
  }
  if (options.expected_version < 0) throw Error(ErrorCode::invalid_argument, "expected_version must not be negative");
  CommandResult result;
  impl_->store->write([&](store::Transaction& txn) {
    const Instant now = impl_->clock->now();
    const Actor who = impl_->resolve_actor(txn, actor);
    std::optional<store::CaseRow> row = txn.find_case(number);
    if (!row) throw Error(ErrorCode::not_found, "no case " + number);
    if (options.expected_version != 0 && options.expected_version != row->version) {
      throw Error(ErrorCode::conflict, "case " + number + " is at version " + std::to_string(row->version) +
                                           ", not the expected " + std::to_string(options.expected_version) +
                                           ": someone acted on it meanwhile");
    }
    const std::vector<store::EventRow> log = txn.events(row->id);
    CaseState state = fold_rows(log);
    if (!log.empty() && to_micros(now) < log.back().at) {
      throw Error(ErrorCode::invalid_argument, "the clock (" + boost::posix_time::to_iso_extended_string(now) +
                                                   "Z) is before the last event of case " + number);
    }
    Command effective = command;
    if (command.name == "route" || command.name == "transfer") {
      effective = impl_->complete_routing(txn, state, command, now);
    }
    DecideContext context{impl_->policy, impl_->calendar, now, who, "", "", "", {}};
    std::vector<Event> events = decide(state, effective, context);
    std::optional<store::CaseRow> target;
    if (command.name == "merge") {
      const std::string into = events.front().payload.value("into", "");
      target = txn.find_case(into);
      if (!target) throw Error(ErrorCode::not_found, "command merge /args/into: no case " + into);
      if (!is_open(static_cast<CaseStatus>(target->status))) {
        throw Error(ErrorCode::invalid_state, "command merge: case " + into + " is " +
                                                  case_status_name(static_cast<CaseStatus>(target->status)) +
                                                  " and takes no more petitions");
      }
    }
    std::vector<LoggedEventText> logged;
    state = impl_->append(txn, *row, std::move(state), command.name, events, &logged);
    if (target) {
      CaseState target_state = fold_rows(txn.events(target->id));
      Event received{"merge_received", now, who, {{"from", number}, {"policy_version", impl_->policy.version()}}};
      impl_->append(txn, *target, std::move(target_state), command.name, {received});
    }
    result = CommandResult{number, state.version, state.status, std::move(events), "", false, std::move(logged)};
  });
  return result;
}

}  // namespace xinfang
