// The embedded store: one SQLite file in WAL mode, every command one BEGIN IMMEDIATE
// transaction. A transient lock from another process is waited out by SQLite's busy handler and,
// should it still surface, by re-running the whole transaction until the busy timeout.
#include <algorithm>
#include <chrono>
#include <thread>
#include <variant>

#include "store/sqlite_connection.hpp"
#include "store/sqlite_outcomes.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_schema.hpp"
#include "store/store.hpp"

namespace xinfang::store {
namespace sqlite {

const char* const kCaseColumns =
    "id, number, scope, sequence, version, head_hash, status, open, organisation, unit, handler, type, category, "
    "region, channel, subject, received_at, registered_at, updated_at, key_case, repeat, confidential, "
    "query_code_hash, next_due, next_deadline, accepted_at, owner, outcome_keys";

CaseRow read_case(const Statement& s) {
  CaseRow row;
  row.id = s.integer(0);
  row.number = s.text(1);
  row.scope = s.text(2);
  row.sequence = s.integer(3);
  row.version = s.integer(4);
  row.head_hash = s.text(5);
  row.status = static_cast<int>(s.integer(6));
  row.open = s.integer(7) != 0;
  row.organisation = s.text(8);
  row.unit = s.text(9);
  row.handler = s.text(10);
  row.type = static_cast<int>(s.integer(11));
  row.category = s.text(12);
  row.region = s.text(13);
  row.channel = s.text(14);
  row.subject = s.text(15);
  row.received_at = s.integer(16);
  row.registered_at = s.integer(17);
  row.updated_at = s.integer(18);
  row.key_case = s.integer(19) != 0;
  row.repeat = s.integer(20) != 0;
  row.confidential = s.integer(21) != 0;
  row.query_code_hash = s.text(22);
  if (!s.is_null(23)) row.next_due = s.integer(23);
  if (!s.is_null(24)) row.next_deadline = s.integer(24);
  if (!s.is_null(25)) row.accepted_at = s.integer(25);
  row.owner = s.text(26);
  row.outcome_keys = s.text(27);
  return row;
}

namespace {

// The key of the identity index: the first 16 bytes of a hex digest (128 bits; two different
// people share a key with odds of about n^2 / 2^129 for n identities, 10^-23 for a hundred million).
// A key a third the size of the hex keeps three times the keys per page of an index that every
// intake searches and writes at random. Other text — there is none from the engine — is kept.
constexpr std::size_t kIdentityKeyBytes = 16;

std::string identity_key(const std::string& hash) {
  const auto nibble = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
  if (hash.size() < 2 * kIdentityKeyBytes) return hash;
  std::string bytes(kIdentityKeyBytes, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const int high = nibble(hash[2 * i]);
    const int low = nibble(hash[2 * i + 1]);
    if (high < 0 || low < 0) return hash;
    bytes[i] = static_cast<char>(high * 16 + low);
  }
  return bytes;
}

// The schema packs an event's case id and sequence into its id (sqlite_schema.cpp).
constexpr std::int64_t kMaxEventsPerCase = (std::int64_t{1} << 20) - 1;

std::int64_t event_id(std::int64_t case_id, std::int64_t sequence) {
  return case_id * (kMaxEventsPerCase + 1) + sequence;
}

// Binds the projection's columns from index 1 in kCaseColumns order, without id. The row's text
// is bound without a copy: @p row outlives the statement's use in every caller.
int bind_case(Statement& s, const CaseRow& row) {
  s.bind_unowned(1, row.number).bind_unowned(2, row.scope).bind(3, row.sequence).bind(4, row.version);
  s.bind_unowned(5, row.head_hash).bind(6, row.status).bind(7, row.open).bind_unowned(8, row.organisation);
  s.bind_unowned(9, row.unit).bind_unowned(10, row.handler).bind(11, row.type).bind_unowned(12, row.category);
  s.bind_unowned(13, row.region).bind_unowned(14, row.channel).bind_unowned(15, row.subject);
  s.bind(16, row.received_at).bind(17, row.registered_at).bind(18, row.updated_at).bind(19, row.key_case);
  s.bind(20, row.repeat).bind(21, row.confidential).bind_unowned(22, row.query_code_hash);
  s.bind_optional(23, row.next_due);
  s.bind_optional(24, row.next_deadline);
  s.bind_optional(25, row.accepted_at);
  s.bind_unowned(26, row.owner);
  s.bind_unowned(27, row.outcome_keys);
  return 28;
}

EventRow read_event(const Statement& s, int first) {
  EventRow row;
  row.sequence = s.integer(first);
  row.type = s.text(first + 1);
  row.at = s.integer(first + 2);
  row.actor = s.text(first + 3);
  row.command = s.text(first + 4);
  row.payload = s.text(first + 5);
  row.policy_name = s.text(first + 6);
  row.policy_version = s.text(first + 7);
  row.previous_hash = s.text(first + 8);
  row.hash = s.text(first + 9);
  return row;
}

constexpr const char* kNotificationColumns =
    "outbox.id, outbox.case_id, cases.number, event_sequence, kind, recipient_kind, recipient, payload, due_at, "
    "created_at, leased_until, attempts, acknowledged_at";

NotificationRow read_notification(const Statement& s) {
  NotificationRow row;
  row.id = s.integer(0);
  row.case_id = s.integer(1);
  row.number = s.text(2);
  row.event_sequence = s.integer(3);
  row.kind = s.text(4);
  row.recipient_kind = s.text(5);
  row.recipient = s.text(6);
  row.payload = s.text(7);
  row.due_at = s.integer(8);
  row.created_at = s.integer(9);
  row.leased_until = s.integer(10);
  row.attempts = s.integer(11);
  if (!s.is_null(12)) row.acknowledged_at = s.integer(12);
  return row;
}

constexpr const char* kEventColumns =
    "sequence, type, at, actor, command, payload, policy_name, policy_version, previous_hash, hash";

// The WHERE clause of a case query, and its values in order.
struct Where {
  std::string sql;
  std::vector<std::variant<std::string, std::int64_t>> values;  // in binding order

  void add(const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + condition; }
  void text(const std::string& condition, const std::string& value) {
    add(condition);
    values.emplace_back(value);
  }
  void integer(const std::string& condition, std::int64_t value) {
    add(condition);
    values.emplace_back(value);
  }
  int bind(Statement& s) const {
    int index = 1;
    for (const auto& value : values) {
      std::visit([&](const auto& v) { s.bind(index, v); }, value);
      ++index;
    }
    return index;
  }
};

Where where_of(const CaseQuery& q) {
  Where w;
  if (!q.statuses.empty()) {
    std::string list;
    for (int status : q.statuses) list += (list.empty() ? "" : ",") + std::to_string(status);
    // With a unit or handler named, their index is the one to walk: a unit's cases are far fewer
    // than a status's. The unary + keeps SQLite (which has no statistics) off the status index.
    const bool narrower = !q.unit.empty() || !q.handler.empty();
    w.add(std::string(narrower ? "+status" : "status") + " IN (" + list + ")");
  }
  if (!q.organisation.empty()) w.text("organisation = ?", q.organisation);
  // The literal "<> ''" lets SQLite use the partial indexes (it cannot see that a bound value is not '').
  if (!q.unit.empty()) w.text("unit <> '' AND unit = ?", q.unit);
  if (!q.handler.empty()) w.text("handler <> '' AND handler = ?", q.handler);
  if (!q.category.empty()) w.text("category = ?", q.category);
  if (!q.region.empty()) w.text("region = ?", q.region);
  if (!q.channel.empty()) w.text("channel = ?", q.channel);
  if (q.type) w.integer("type = ?", *q.type);
  if (q.received_from) w.integer("received_at >= ?", *q.received_from);
  if (q.received_to) w.integer("received_at < ?", *q.received_to);
  if (q.key_case) w.integer("key_case = ?", *q.key_case ? 1 : 0);
  if (q.repeat) w.integer("repeat = ?", *q.repeat ? 1 : 0);
  if (q.open) w.integer("open = ?", *q.open ? 1 : 0);
  if (!q.text.empty()) w.text("instr(subject, ?) > 0", q.text);
  if (q.deadline_from) w.integer("next_deadline >= ?", *q.deadline_from);
  if (q.deadline_to) w.integer("next_deadline < ?", *q.deadline_to);
  return w;
}

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Connection& connection) : c_(connection) {}

  std::optional<std::string> meta(const std::string& key) override {
    Statement s = c_.prepare("SELECT value FROM meta WHERE key = ?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
  }
  void set_meta(const std::string& key, const std::string& value) override {
    Statement s = c_.prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value).run();
  }

  std::int64_t next_sequence(const std::string& scope) override {
    // Read once per transaction and written back once at its end: a batch of intakes in one
    // scope costs two statements, not two per petition.
    auto counter = counters_.find(scope);
    if (counter == counters_.end()) {
      std::int64_t value = 0;
      Statement s = c_.prepare("SELECT value FROM sequences WHERE scope = ?");
      s.bind(1, scope);
      if (s.step()) value = s.integer(0);
      counter = counters_.emplace(scope, value).first;
    }
    return ++counter->second;
  }
  // Writes the counters this transaction advanced; the store calls it before COMMIT.
  void write_counters() {
    for (const auto& [scope, value] : counters_) {
      Statement s = c_.prepare(
          "INSERT INTO sequences (scope, value) VALUES (?, ?) "
          "ON CONFLICT (scope) DO UPDATE SET value = excluded.value");
      s.bind(1, scope).bind(2, value).run();
    }
    counters_.clear();
  }
  std::vector<SequenceRow> sequences() override {
    write_counters();
    Statement s = c_.prepare("SELECT scope, value FROM sequences ORDER BY scope");
    std::vector<SequenceRow> rows;
    while (s.step()) rows.push_back({s.text(0), s.integer(1)});
    return rows;
  }

  std::optional<CaseRow> find_case(const std::string& number) override {
    static const std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases WHERE number = ?";
    Statement s = c_.prepare(sql);
    s.bind(1, number);
    if (!s.step()) return std::nullopt;
    return read_case(s);
  }
  std::vector<EventRow> events(std::int64_t case_id) override {
    static const std::string sql =
        std::string("SELECT ") + kEventColumns + " FROM events WHERE id BETWEEN ? AND ? ORDER BY id";
    Statement s = c_.prepare(sql);
    s.bind(1, event_id(case_id, 0)).bind(2, event_id(case_id, kMaxEventsPerCase));
    std::vector<EventRow> rows;
    while (s.step()) rows.push_back(read_event(s, 0));
    return rows;
  }
  std::int64_t insert_case(const CaseRow& row) override {
    Statement s = c_.prepare(
        "INSERT INTO cases (number, scope, sequence, version, head_hash, status, open, organisation, unit, handler, "
        "type, category, region, channel, subject, received_at, registered_at, updated_at, key_case, repeat, "
        "confidential, query_code_hash, next_due, next_deadline, accepted_at, owner, outcome_keys) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bind_case(s, row);
    try {
      s.run();
    } catch (const Error& e) {
      if (sqlite3_extended_errcode(c_.handle()) == SQLITE_CONSTRAINT_UNIQUE) {
        throw Error(ErrorCode::already_exists, "case number " + row.number + " is taken");
      }
      throw;
    }
    return sqlite3_last_insert_rowid(c_.handle());
  }
  void update_case(const CaseRow& row, std::int64_t expected_version) override {
    Statement s = c_.prepare(
        "UPDATE cases SET number = ?, scope = ?, sequence = ?, version = ?, head_hash = ?, status = ?, open = ?, "
        "organisation = ?, unit = ?, handler = ?, type = ?, category = ?, region = ?, channel = ?, subject = ?, "
        "received_at = ?, registered_at = ?, updated_at = ?, key_case = ?, repeat = ?, confidential = ?, "
        "query_code_hash = ?, next_due = ?, next_deadline = ?, accepted_at = ?, owner = ?, outcome_keys = ? "
        "WHERE id = ? AND version = ?");
    const int next = bind_case(s, row);
    s.bind(next, row.id).bind(next + 1, expected_version);
    s.run();
    if (sqlite3_changes(c_.handle()) != 1) {
      throw Error(ErrorCode::conflict, "case " + row.number + " changed meanwhile (expected version " +
                                           std::to_string(expected_version) + ")");
    }
  }
  void append_event(std::int64_t case_id, const EventRow& row) override {
    if (row.sequence < 1 || row.sequence > kMaxEventsPerCase) {
      throw Error(ErrorCode::invalid_state, "a case holds at most " + std::to_string(kMaxEventsPerCase) +
                                                " events; event " + std::to_string(row.sequence) + " does not fit");
    }
    Statement s = c_.prepare(
        "INSERT INTO events (id, case_id, sequence, type, at, actor, command, payload, policy_name, policy_version, "
        "previous_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING");
    // The row outlives the statement's use: its text is bound without a copy.
    s.bind(1, event_id(case_id, row.sequence)).bind(2, case_id).bind(3, row.sequence).bind_unowned(4, row.type);
    s.bind(5, row.at).bind_unowned(6, row.actor).bind_unowned(7, row.command).bind_unowned(8, row.payload);
    s.bind_unowned(9, row.policy_name).bind_unowned(10, row.policy_version).bind_unowned(11, row.previous_hash);
    s.bind_unowned(12, row.hash);
    s.run();
    if (sqlite3_changes(c_.handle()) != 1) {
      throw Error(ErrorCode::conflict, "event " + std::to_string(row.sequence) + " of the case was written meanwhile");
    }
  }
  void add_identity(std::int64_t case_id, const std::string& identity_hash) override {
    Statement s = c_.prepare("INSERT OR IGNORE INTO case_identities (identity_hash, case_id) VALUES (?, ?)");
    s.bind_blob(1, identity_key(identity_hash)).bind(2, case_id).run();
  }
  std::vector<CaseRow> cases_with_identities(const std::vector<std::string>& hashes,
                                             std::size_t newest_per_hash) override {
    // One query per hash: "identity_hash IN (?, ?)" makes SQLite build a temporary table for the
    // list, and so does "id IN (SELECT ...)". CROSS JOIN keeps the identity index outermost.
    static const std::string sql =
        std::string("SELECT ") + kCaseColumns +
        " FROM case_identities CROSS JOIN cases ON cases.id = case_identities.case_id"
        " WHERE case_identities.identity_hash = ? ORDER BY case_identities.case_id DESC LIMIT ?";
    std::vector<CaseRow> rows;
    for (const std::string& hash : hashes) {
      Statement s = c_.prepare(sql);
      s.bind_blob(1, identity_key(hash)).bind(2, static_cast<std::int64_t>(newest_per_hash));
      while (s.step()) {
        const std::int64_t id = s.integer(0);
        if (std::none_of(rows.begin(), rows.end(), [&](const CaseRow& row) { return row.id == id; })) {
          rows.push_back(read_case(s));
        }
      }
    }
    std::sort(rows.begin(), rows.end(), [](const CaseRow& a, const CaseRow& b) { return a.id < b.id; });
    return rows;
  }

  std::optional<IdempotencyRow> find_idempotency(const std::string& key) override {
    Statement s = c_.prepare("SELECT key, request_hash, number, query_code, created_at FROM idempotency WHERE key = ?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return IdempotencyRow{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)};
  }
  void put_idempotency(const IdempotencyRow& row) override {
    Statement s = c_.prepare(
        "INSERT INTO idempotency (key, request_hash, number, query_code, created_at) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, row.key).bind(2, row.request_hash).bind(3, row.number).bind(4, row.query_code).bind(5, row.created_at);
    s.run();
  }

  void forget_query_codes(std::int64_t before) override {
    Statement s = c_.prepare("UPDATE idempotency SET query_code = '' WHERE query_code <> '' AND created_at < ?");
    s.bind(1, before).run();
  }

  std::vector<CaseRow> list_cases(const CaseQuery& query) override {
    const Where where = where_of(query);
    Statement s = c_.prepare(std::string("SELECT ") + kCaseColumns + " FROM cases" + where.sql +
                             " ORDER BY id DESC LIMIT ? OFFSET ?");
    const int next = where.bind(s);
    s.bind(next, query.limit).bind(next + 1, query.offset);
    std::vector<CaseRow> rows;
    while (s.step()) rows.push_back(read_case(s));
    return rows;
  }
  std::int64_t count_cases(const CaseQuery& query) override {
    const Where where = where_of(query);
    Statement s = c_.prepare("SELECT count(*) FROM cases" + where.sql);
    where.bind(s);
    return s.step() ? s.integer(0) : 0;
  }
  std::int64_t open_cases_of_handler(const std::string& handler) override {
    Statement s = c_.prepare("SELECT count(*) FROM cases WHERE handler <> '' AND handler = ? AND open = 1");
    s.bind(1, handler);
    return s.step() ? s.integer(0) : 0;
  }
  void scan_cases(const std::function<bool(const CaseRow&, const std::vector<EventRow>&)>& visit) override {
    // One pass over both tables in case order: a case's events follow it, so memory stays at
    // one case however large the file.
    Statement cases = c_.prepare(std::string("SELECT ") + kCaseColumns + " FROM cases ORDER BY id");
    Statement events = c_.prepare(std::string("SELECT case_id, ") + kEventColumns + " FROM events ORDER BY id");
    bool have_event = events.step();
    while (cases.step()) {
      const CaseRow row = read_case(cases);
      std::vector<EventRow> log;
      while (have_event && events.integer(0) < row.id) have_event = events.step();  // orphans: verify counts them
      while (have_event && events.integer(0) == row.id) {
        log.push_back(read_event(events, 1));
        have_event = events.step();
      }
      if (!visit(row, log)) return;
    }
  }
  void scan_sequences(const std::function<void(const std::string&, std::int64_t)>& visit) override {
    // No index serves this (none is worth its cost on every intake): one sorted pass for verify.
    Statement s = c_.prepare("SELECT scope, sequence FROM cases ORDER BY scope, sequence");
    while (s.step()) visit(s.text(0), s.integer(1));
  }

  std::int64_t events_without_case() override {
    Statement s = c_.prepare("SELECT count(*) FROM events WHERE NOT EXISTS (SELECT 1 FROM cases WHERE id = case_id)");
    return s.step() ? s.integer(0) : 0;
  }
  std::int64_t identities_without_case() override {
    Statement s =
        c_.prepare("SELECT count(*) FROM case_identities WHERE NOT EXISTS (SELECT 1 FROM cases WHERE id = case_id)");
    return s.step() ? s.integer(0) : 0;
  }

  std::optional<CaseOriginRow> find_case_origin(const std::string& first_hash) override {
    Statement s =
        c_.prepare("SELECT case_id, number, origin_number, origin_head FROM case_origins WHERE first_hash = ?");
    s.bind(1, first_hash);
    if (!s.step()) return std::nullopt;
    return CaseOriginRow{first_hash, s.integer(0), s.text(1), s.text(2), s.text(3)};
  }
  void put_case_origin(const CaseOriginRow& row) override {
    Statement s = c_.prepare(
        "INSERT INTO case_origins (first_hash, case_id, number, origin_number, origin_head) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, row.first_hash).bind(2, row.case_id).bind(3, row.number).bind(4, row.origin_number);
    s.bind(5, row.origin_head).run();
  }
  std::optional<StaffRow> find_staff(const std::string& id) override {
    Statement s = c_.prepare("SELECT id, name, organisation, unit, roles, active FROM staff WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return StaffRow{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5) != 0};
  }
  void put_staff(const StaffRow& row) override {
    Statement s = c_.prepare(
        "INSERT INTO staff (id, name, organisation, unit, roles, active) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, organisation = excluded.organisation, "
        "unit = excluded.unit, roles = excluded.roles, active = excluded.active");
    s.bind(1, row.id).bind(2, row.name).bind(3, row.organisation).bind(4, row.unit).bind(5, row.roles);
    s.bind(6, row.active).run();
  }
  std::vector<StaffRow> list_staff(const std::string& unit) override {
    Statement s =
        c_.prepare(unit.empty() ? "SELECT id, name, organisation, unit, roles, active FROM staff ORDER BY id"
                                : "SELECT id, name, organisation, unit, roles, active FROM staff WHERE unit = ? "
                                  "ORDER BY id");
    if (!unit.empty()) s.bind(1, unit);
    std::vector<StaffRow> rows;
    while (s.step()) rows.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5) != 0});
    return rows;
  }
  void set_roster(const std::string& day, const std::string& unit, const std::vector<std::string>& ids) override {
    Statement clear = c_.prepare("DELETE FROM roster WHERE day = ? AND unit = ?");
    clear.bind(1, day).bind(2, unit).run();
    for (const std::string& id : ids) {
      Statement s = c_.prepare("INSERT OR IGNORE INTO roster (day, unit, staff_id) VALUES (?, ?, ?)");
      s.bind(1, day).bind(2, unit).bind(3, id).run();
    }
  }
  std::vector<std::string> roster(const std::string& day, const std::string& unit) override {
    Statement s = c_.prepare("SELECT staff_id FROM roster WHERE day = ? AND unit = ? ORDER BY staff_id");
    s.bind(1, day).bind(2, unit);
    std::vector<std::string> ids;
    while (s.step()) ids.push_back(s.text(0));
    return ids;
  }
  std::string routing_cursor(const std::string& unit) override {
    Statement s = c_.prepare("SELECT handler FROM routing_cursors WHERE unit = ?");
    s.bind(1, unit);
    return s.step() ? s.text(0) : std::string();
  }
  void set_routing_cursor(const std::string& unit, const std::string& handler) override {
    Statement s = c_.prepare(
        "INSERT INTO routing_cursors (unit, handler) VALUES (?, ?) "
        "ON CONFLICT (unit) DO UPDATE SET handler = excluded.handler");
    s.bind(1, unit).bind(2, handler).run();
  }

  std::optional<AdminChangeRow> last_admin_change() override {
    Statement s = c_.prepare(
        "SELECT sequence, at, actor, action, payload, previous_hash, hash FROM admin_log ORDER BY sequence DESC "
        "LIMIT 1");
    if (!s.step()) return std::nullopt;
    return AdminChangeRow{s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
  }
  void append_admin_change(const AdminChangeRow& row) override {
    Statement s = c_.prepare(
        "INSERT INTO admin_log (sequence, at, actor, action, payload, previous_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, row.sequence).bind(2, row.at).bind(3, row.actor).bind(4, row.action).bind(5, row.payload);
    s.bind(6, row.previous_hash).bind(7, row.hash).run();
  }
  std::vector<AdminChangeRow> admin_changes() override {
    Statement s =
        c_.prepare("SELECT sequence, at, actor, action, payload, previous_hash, hash FROM admin_log ORDER BY sequence");
    std::vector<AdminChangeRow> rows;
    while (s.step()) {
      rows.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
    }
    return rows;
  }

  void put_outcomes(std::int64_t case_id, const std::string& region, const OutcomeRows& rows,
                    const std::string& old_keys, bool is_new) override {
    sqlite::put_outcomes(c_, case_id, region, rows, old_keys, is_new);
  }
  void clear_outcomes() override { sqlite::clear_outcomes(c_); }
  std::vector<ClockOutcomeCount> count_clock_outcomes(std::int64_t from, std::int64_t to) override {
    return sqlite::count_clock_outcomes(c_, from, to);
  }
  std::vector<AnswerCount> count_answers(std::int64_t from, std::int64_t to) override {
    return sqlite::count_answers(c_, from, to);
  }
  std::vector<ReceivedCount> count_received(std::int64_t from, std::int64_t to) override {
    return sqlite::count_received(c_, from, to);
  }
  std::int64_t count_accepted(std::int64_t from, std::int64_t to) override {
    return sqlite::count_accepted(c_, from, to);
  }
  std::int64_t count_replied(std::int64_t from, std::int64_t to) override {
    return sqlite::count_replied(c_, from, to);
  }
  std::int64_t count_overdue(std::int64_t at) override { return sqlite::count_overdue(c_, at); }
  std::vector<CaseRow> overdue_cases(std::int64_t at, std::int64_t limit) override {
    return sqlite::overdue_cases(c_, at, limit);
  }
  std::vector<CaseRow> flagged_cases(std::int64_t limit) override { return sqlite::flagged_cases(c_, limit); }
  std::vector<CaseRow> cases_due(std::int64_t until, std::int64_t limit) override {
    Statement s = c_.prepare(std::string("SELECT ") + kCaseColumns +
                             " FROM cases WHERE next_due IS NOT NULL AND next_due <= ? ORDER BY next_due, id LIMIT ?");
    s.bind(1, until).bind(2, limit);
    std::vector<CaseRow> rows;
    while (s.step()) rows.push_back(read_case(s));
    return rows;
  }
  void set_case_clocks(std::int64_t case_id, std::optional<std::int64_t> next_due,
                       std::optional<std::int64_t> next_deadline) override {
    Statement s = c_.prepare("UPDATE cases SET next_due = ?, next_deadline = ? WHERE id = ?");
    s.bind_optional(1, next_due);
    s.bind_optional(2, next_deadline);
    s.bind(3, case_id).run();
  }
  std::int64_t add_notification(const NotificationRow& row) override {
    Statement s = c_.prepare(
        "INSERT INTO outbox (case_id, event_sequence, kind, recipient_kind, recipient, payload, due_at, created_at) "
        "VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, row.case_id).bind(2, row.event_sequence).bind(3, row.kind).bind(4, row.recipient_kind);
    s.bind(5, row.recipient).bind(6, row.payload).bind(7, row.due_at).bind(8, row.created_at).run();
    return sqlite3_last_insert_rowid(c_.handle());
  }
  std::vector<NotificationRow> lease_notifications(std::int64_t now, std::int64_t lease_until,
                                                   std::int64_t limit) override {
    std::vector<NotificationRow> rows;
    {
      Statement s = c_.prepare(std::string("SELECT ") + kNotificationColumns +
                               " FROM outbox JOIN cases ON cases.id = outbox.case_id"
                               " WHERE acknowledged_at IS NULL AND leased_until <= ? ORDER BY leased_until, outbox.id"
                               " LIMIT ?");
      s.bind(1, now).bind(2, limit);
      while (s.step()) rows.push_back(read_notification(s));
    }
    for (NotificationRow& row : rows) {
      Statement lease = c_.prepare("UPDATE outbox SET leased_until = ?, attempts = attempts + 1 WHERE id = ?");
      lease.bind(1, lease_until).bind(2, row.id).run();
      row.leased_until = lease_until;
      row.attempts += 1;
    }
    return rows;
  }
  bool acknowledge_notification(std::int64_t id, std::int64_t at) override {
    Statement s = c_.prepare("UPDATE outbox SET acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?");
    s.bind(1, at).bind(2, id).run();
    return sqlite3_changes(c_.handle()) == 1;
  }
  std::optional<NotificationRow> find_notification(std::int64_t id) override {
    Statement s = c_.prepare(std::string("SELECT ") + kNotificationColumns +
                             " FROM outbox JOIN cases ON cases.id = outbox.case_id WHERE outbox.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_notification(s);
  }
  std::vector<NotificationRow> notifications_of_case(std::int64_t case_id) override {
    Statement s =
        c_.prepare(std::string("SELECT ") + kNotificationColumns +
                   " FROM outbox JOIN cases ON cases.id = outbox.case_id WHERE case_id = ? ORDER BY outbox.id");
    s.bind(1, case_id);
    std::vector<NotificationRow> rows;
    while (s.step()) rows.push_back(read_notification(s));
    return rows;
  }

  std::optional<PolicyRow> policy_in_force() override {
    Statement s =
        c_.prepare("SELECT id, name, version, json, installed_at, installed_by FROM policies ORDER BY id DESC LIMIT 1");
    if (!s.step()) return std::nullopt;
    return PolicyRow{s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.text(5)};
  }
  void install_policy(const PolicyRow& row) override {
    Statement s =
        c_.prepare("INSERT INTO policies (name, version, json, installed_at, installed_by) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, row.name).bind(2, row.version).bind(3, row.json).bind(4, row.installed_at).bind(5, row.installed_by);
    s.run();
  }

 private:
  Connection& c_;
  std::map<std::string, std::int64_t> counters_;  // scope -> the last number this transaction issued
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const StoreOptions& options)
      : options_(options), connection_(options.path, options.create, options.busy_timeout_ms) {
    // WAL first: it lets readers in other processes go on while one writes.
    with_retries([&] { connection_.exec("PRAGMA journal_mode = WAL"); });
    connection_.exec(options.durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    // The schema's REFERENCES say what refers to what; enforcing them would cost a lookup of the
    // case for every event and identity row written. The engine writes them with the case in one
    // transaction, and verify() finds rows without a case.
    connection_.exec("PRAGMA foreign_keys = OFF");
    // A large import keeps its pages in memory instead of spilling them; reads of a large file
    // come from the operating system's cache without a system call per page.
    connection_.exec("PRAGMA cache_size = -65536");
    connection_.exec("PRAGMA mmap_size = 2147418112");
    connection_.exec("PRAGMA wal_autocheckpoint = 10000");
    with_retries([&] { created_ = migrate(connection_); });
  }

  void write(const std::function<void(Transaction&)>& work) override {
    with_retries([&] { run_transaction("BEGIN IMMEDIATE", work); });
  }
  void read(const std::function<void(Transaction&)>& work) override {
    with_retries([&] { run_transaction("BEGIN", work); });
  }
  bool created() const noexcept override { return created_; }

 private:
  void run_transaction(const char* begin, const std::function<void(Transaction&)>& work) {
    connection_.prepare(begin).run();
    try {
      SqliteTransaction transaction(connection_);
      work(transaction);
      transaction.write_counters();
      connection_.prepare("COMMIT").run();
    } catch (...) {
      sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  template <typename Work>
  void with_retries(Work&& work) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.busy_timeout_ms);
    for (int attempt = 0;; ++attempt) {
      try {
        work();
        return;
      } catch (const Busy& busy) {
        if (std::chrono::steady_clock::now() >= deadline) {
          throw Error(ErrorCode::storage, "the database stayed locked for " + std::to_string(options_.busy_timeout_ms) +
                                              " ms: " + busy.what());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1 + attempt % 8));
      }
    }
  }

  StoreOptions options_;
  Connection connection_;
  bool created_ = false;
};

}  // namespace
}  // namespace sqlite

std::unique_ptr<Store> open_sqlite_store(const StoreOptions& options) {
  return std::make_unique<sqlite::SqliteStore>(options);
}

int current_schema_version() noexcept {
  return sqlite::schema_version();
}

void create_sqlite_schema_for_test(const std::string& path, int version) {
  sqlite::Connection connection(path, true, 5000);
  connection.exec("PRAGMA journal_mode = WAL");
  sqlite::create_schema_at(connection, version);
}

}  // namespace xinfang::store
