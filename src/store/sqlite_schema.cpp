// The schema of an xinfang SQLite file and its migrations. PRAGMA user_version is the schema
// version; PRAGMA application_id marks the file as xinfang's. A migration is appended, never
// edited: a file written by any release upgrades step by step. docs/storage.md describes the
// tables and the codes they hold.
#include "store/sqlite_schema.hpp"

#include <string>

namespace xinfang::store::sqlite {
namespace {

// "XFNG": refuses to treat another application's SQLite file as ours.
constexpr std::int64_t kApplicationId = 0x58464E47;

// Version 1: cases, their events, numbering, idempotency, repeat-detection index, policies.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE policies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  json TEXT NOT NULL,
  installed_at INTEGER NOT NULL,
  installed_by TEXT NOT NULL
);

CREATE TABLE sequences (
  scope TEXT PRIMARY KEY,
  value INTEGER NOT NULL CHECK (value > 0)
) WITHOUT ROWID;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  version INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  open INTEGER NOT NULL,
  organisation TEXT NOT NULL,
  unit TEXT NOT NULL,
  handler TEXT NOT NULL,
  type INTEGER NOT NULL,
  category TEXT NOT NULL,
  region TEXT NOT NULL,
  channel TEXT NOT NULL,
  subject TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  registered_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  key_case INTEGER NOT NULL,
  repeat INTEGER NOT NULL,
  confidential INTEGER NOT NULL,
  query_code_hash TEXT NOT NULL
);
-- Every index is written by every intake, so there are only those the queries need; a case
-- has no unit or handler until it is routed, so those indexes skip it until then. Lists are
-- newest first in the order the file registered the cases, which is id order: an index on a
-- column alone already holds its entries in that order.
CREATE INDEX cases_by_status ON cases (status);
CREATE INDEX cases_by_unit ON cases (unit) WHERE unit <> '';
CREATE INDEX cases_by_handler ON cases (handler, open) WHERE handler <> '';

-- An event's id is its case id and its sequence in one integer, case_id * 2^20 + sequence:
-- a case's log lies together in the table, read in one range, and no second index is written.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  sequence INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 1048575),
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  payload TEXT NOT NULL,
  policy_name TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  CHECK (id = case_id * 1048576 + sequence)
);
-- The log is append-only. The triggers stop accidents; the hash chain detects intent.
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE case_identities (
  identity_hash BLOB NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  PRIMARY KEY (identity_hash, case_id)
) WITHOUT ROWID;

CREATE TABLE idempotency (
  key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  number TEXT NOT NULL,
  query_code TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 2: the staff directory, the duty roster, the routing cursor, the administrative log
// that records their changes and policy installations; the age index of kept query codes.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  unit TEXT NOT NULL,
  roles TEXT NOT NULL,
  active INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_by_unit ON staff (unit, id);

CREATE TABLE roster (
  day TEXT NOT NULL,
  unit TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  PRIMARY KEY (day, unit, staff_id)
) WITHOUT ROWID;

CREATE TABLE routing_cursors (
  unit TEXT PRIMARY KEY,
  handler TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE admin_log (
  sequence INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  payload TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- Query codes kept for retries are cleared after a day (the engine's retention): this index
-- finds the ones still kept without scanning every key.
CREATE INDEX idempotency_codes_by_age ON idempotency (created_at) WHERE query_code <> '';

CREATE TRIGGER admin_log_is_append_only_update BEFORE UPDATE ON admin_log
BEGIN SELECT RAISE(ABORT, 'the administrative log is append-only'); END;
CREATE TRIGGER admin_log_is_append_only_delete BEFORE DELETE ON admin_log
BEGIN SELECT RAISE(ABORT, 'the administrative log is append-only'); END;
)sql";

// Version 3: the clocks' columns of a case and their indexes (the sweep reads due cases only,
// the deadline queries overdue ones only), and the notification outbox. The engine works the
// columns out from each case's log: a file upgraded from version 2 is marked for that.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE cases ADD COLUMN next_due INTEGER;
ALTER TABLE cases ADD COLUMN next_deadline INTEGER;
CREATE INDEX cases_by_due ON cases (next_due) WHERE next_due IS NOT NULL;
CREATE INDEX cases_by_deadline ON cases (next_deadline) WHERE next_deadline IS NOT NULL;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  event_sequence INTEGER NOT NULL,
  kind TEXT NOT NULL,
  recipient_kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  payload TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  leased_until INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  acknowledged_at INTEGER
);
-- What a poll reads: the unacknowledged, by lease expiry then age.
CREATE INDEX outbox_pending ON outbox (leased_until, id) WHERE acknowledged_at IS NULL;
CREATE INDEX outbox_by_case ON outbox (case_id);

INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_columns', 'stale');
)sql";

// Version 4: what the indicators and reports count (docs/indicators.md). Each run of a clock
// and each answer the petitioner may rate, with the instant it settled and the unit it counts
// for; the columns and indexes the period reports select on. The clock outcomes are worked out
// from each case's log like the clock columns: a file upgraded from version 3 is marked for it.
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE cases ADD COLUMN accepted_at INTEGER;
ALTER TABLE cases ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN outcome_keys TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_by_received ON cases (received_at);
CREATE INDEX cases_by_accepted ON cases (accepted_at) WHERE accepted_at IS NOT NULL;
CREATE INDEX cases_key ON cases (key_case) WHERE key_case <> 0;
CREATE INDEX cases_owned ON cases (owner) WHERE owner <> '';
-- One row per run of a clock that has settled or will at its deadline (a paused run has no row),
-- clustered by the instant it settles, then by case: a period's counts read one range of this
-- table alone, and the cases of a day, which settle at the same 24:00, are appended in order. The case's row lists its keys (cases.outcome_keys), so that a
-- command replaces exactly the rows it had.
CREATE TABLE clock_outcomes (
  settled_at INTEGER NOT NULL,
  clock TEXT NOT NULL,
  case_id INTEGER NOT NULL,
  run INTEGER NOT NULL,
  unit TEXT NOT NULL,
  region TEXT NOT NULL,
  on_time INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  stopped_at INTEGER,
  extended INTEGER NOT NULL,
  PRIMARY KEY (settled_at, case_id, clock, run)
) WITHOUT ROWID;
-- One row per reply or review opinion: id = case_id * 16 + its place.
CREATE TABLE answers (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL,
  unit TEXT NOT NULL,
  region TEXT NOT NULL,
  answered_at INTEGER NOT NULL,
  window_end INTEGER,
  rated_at INTEGER,
  level TEXT NOT NULL,
  credit REAL NOT NULL,
  satisfied INTEGER NOT NULL,
  resolved INTEGER,
  settled_at INTEGER
);
CREATE INDEX answers_by_answered ON answers (answered_at);
CREATE INDEX answers_by_settled ON answers (settled_at) WHERE settled_at IS NOT NULL;
CREATE INDEX answers_by_rated ON answers (rated_at) WHERE rated_at IS NOT NULL;

INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_columns', 'stale');
)sql";

// Cases received in dossiers from other organisations (docs/dossiers.md), by the hash of their
// first event: the same case wherever it has been, so that a dossier imported twice makes one case.
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE case_origins (
  first_hash TEXT PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  number TEXT NOT NULL,
  origin_number TEXT NOT NULL,
  origin_head TEXT NOT NULL
) WITHOUT ROWID;
)sql";

const char* const kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4, kSchemaV5};
constexpr int kCurrentVersion = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

void apply_migrations(Connection& connection, int from, int to) {
  for (int version = from + 1; version <= to; ++version) {
    connection.exec(kMigrations[version - 1]);
  }
  connection.exec(("PRAGMA user_version = " + std::to_string(to)).c_str());
  connection.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
}

bool has_tables(Connection& connection) {
  Statement statement = connection.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
  return statement.step() && statement.integer(0) > 0;
}

}  // namespace

int schema_version() noexcept {
  return kCurrentVersion;
}

bool migrate(Connection& connection) {
  connection.exec("BEGIN IMMEDIATE");
  try {
    const std::int64_t version = connection.pragma_integer("user_version");
    const std::int64_t application = connection.pragma_integer("application_id");
    bool created = false;
    if (version == 0 && application == 0) {
      if (has_tables(connection)) {
        throw Error(ErrorCode::storage, connection.path() + " is a SQLite database of another application");
      }
      apply_migrations(connection, 0, kCurrentVersion);
      created = true;
    } else if (application != kApplicationId) {
      throw Error(ErrorCode::storage, connection.path() + " is a SQLite database of another application");
    } else if (version > kCurrentVersion) {
      throw Error(ErrorCode::unsupported_version, connection.path() + " has schema version " + std::to_string(version) +
                                                      ", written by a newer xinfang; this one reads versions up to " +
                                                      std::to_string(kCurrentVersion));
    } else if (version < kCurrentVersion) {
      apply_migrations(connection, static_cast<int>(version), kCurrentVersion);
    }
    connection.exec("COMMIT");
    return created;
  } catch (...) {
    sqlite3_exec(connection.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void create_schema_at(Connection& connection, int version) {
  if (version < 1 || version > kCurrentVersion) {
    throw Error(ErrorCode::invalid_argument, "no schema version " + std::to_string(version));
  }
  connection.exec("BEGIN IMMEDIATE");
  apply_migrations(connection, 0, version);
  connection.exec("COMMIT");
}

}  // namespace xinfang::store::sqlite
