// Internal: the Store interface the engine writes and reads through. Rows are plain values:
// times are microseconds since the Unix epoch (UTC), JSON is kept as text, enumerations as their
// fixed codes (docs/storage.md). Nothing here names SQLite; a server database implements the
// same interface.
#ifndef XINFANG_SRC_STORE_STORE_HPP
#define XINFANG_SRC_STORE_STORE_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xinfang::store {

/** One event of a case's log as stored. */
struct EventRow {
  std::int64_t sequence = 0;   // 1, 2, ... within the case
  std::string type;            // event type
  std::int64_t at = 0;         // microseconds since the epoch, UTC
  std::string actor;           // JSON text {"id","organisation","unit","roles"}
  std::string command;         // the command that produced it
  std::string payload;         // JSON text
  std::string policy_name;     // the policy in force
  std::string policy_version;  // its version
  std::string previous_hash;   // hex, "" for the first
  std::string hash;            // hex
};

/** The query projection of one case (its row in the case table). */
struct CaseRow {
  std::int64_t id = 0;        // the store's key (0 before insertion)
  std::string number;         // case number, unique
  std::string scope;          // its numbering sequence scope
  std::int64_t sequence = 0;  // its number within the scope
  std::int64_t version = 0;   // events in its log
  std::string head_hash;      // the hash of its last event
  int status = 0;             // CaseStatus code
  bool open = true;
  std::string organisation;
  std::string unit;
  std::string handler;
  int type = 0;  // PetitionType code
  std::string category;
  std::string region;
  std::string channel;
  std::string subject;
  std::int64_t received_at = 0;
  std::int64_t registered_at = 0;
  std::int64_t updated_at = 0;  // the time of its last event
  bool key_case = false;
  bool repeat = false;
  bool confidential = false;
  std::string query_code_hash;
  // Clocks (deadline.hpp), kept for the sweep and the deadline queries: the earliest instant an
  // escalation step is due, and the earliest deadline of a clock not yet stopped.
  std::optional<std::int64_t> next_due;
  std::optional<std::int64_t> next_deadline;
  // For the period reports: when it was accepted, and the leader who owns it (包案).
  std::optional<std::int64_t> accepted_at;
  std::string owner;
  // The keys of its rows in clock_outcomes ("settled_at clock run", ';'-separated).
  std::string outcome_keys;
};

/** One run of a clock as the indicators count it (metrics.hpp, ClockOutcome), once it has a
 *  settling instant (a paused run has none, and no row). */
struct ClockOutcomeRow {
  std::int64_t settled_at = 0;
  std::string clock;
  int run = 1;
  std::string unit;
  std::int64_t started_at = 0;
  std::int64_t deadline = 0;
  std::optional<std::int64_t> stopped_at;
  bool on_time = false;
  bool extended = false;
};

/** A reply or review opinion as the indicators count it (metrics.hpp, AnswerOutcome). */
struct AnswerRow {
  std::string kind;
  std::string unit;
  std::int64_t answered_at = 0;
  std::optional<std::int64_t> window_end, rated_at, settled_at;
  std::string level;
  double credit = 0;
  bool satisfied = false;
  std::optional<bool> resolved;
};

/** Everything a case counts for; written whole at each change of the case. */
struct OutcomeRows {
  std::vector<ClockOutcomeRow> clocks;
  std::vector<AnswerRow> answers;
};

/** Cases received in a period, by what the bulletin breaks them down by. */
struct ReceivedCount {
  std::string channel;
  int type = 0;
  std::string category, region, unit;
  std::int64_t count = 0;
};

/** @return The keys of @p rows' clock runs as cases.outcome_keys holds them: "settled_at clock
 *  run", ';'-separated. */
inline std::string outcome_keys(const OutcomeRows& rows) {
  std::string keys;
  for (const ClockOutcomeRow& row : rows.clocks) {
    if (!keys.empty()) keys += ';';
    keys += std::to_string(row.settled_at) + ' ' + row.clock + ' ' + std::to_string(row.run);
  }
  return keys;
}

/** Clock runs settled in a period, by clock, unit and region. */
struct ClockOutcomeCount {
  std::string clock, unit, region;
  std::int64_t on_time = 0;
  std::int64_t settled = 0;
};

/** Answers by unit and region: those settled in a period, and the ratings given in it. */
struct AnswerCount {
  std::string unit, region;
  std::int64_t settled = 0;            // answers rated or whose window closed in the period
  std::int64_t settled_rated = 0;      // of them, rated
  std::int64_t rated = 0;              // ratings given in the period
  double credit = 0;                   // their credit
  std::int64_t satisfied = 0;          // of them, at a satisfied level
  std::int64_t resolved_answered = 0;  // of them, with "was it resolved?" answered
  std::int64_t resolved = 0;           // of those, yes
};

/** What a list or count selects; empty members do not filter. */
struct CaseQuery {
  std::vector<int> statuses;
  std::string organisation, unit, handler, category, region, channel;
  std::optional<int> type;
  std::optional<std::int64_t> received_from, received_to;  // [from, to)
  std::optional<bool> key_case, repeat, open;
  std::string text;                                        // a substring of the subject
  std::optional<std::int64_t> deadline_from, deadline_to;  // next_deadline in [from, to)
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

/** A retried intake's record. */
struct IdempotencyRow {
  std::string key;
  std::string request_hash;  // hex digest of the actor and the petition
  std::string number;        // the case it made
  std::string query_code;    // the code handed out, so that a retry can hand it out again
  std::int64_t created_at = 0;
};

/** A person of the staff directory. */
struct StaffRow {
  std::string id;
  std::string name;
  std::string organisation;
  std::string unit;
  std::string roles;  // JSON array text
  bool active = true;
};

/** One change of the directory or of the policy in force: a hash-chained log of its own. */
struct AdminChangeRow {
  std::int64_t sequence = 0;
  std::int64_t at = 0;
  std::string actor;
  std::string action;   // staff_put, staff_deactivated, roster_set, policy_installed
  std::string payload;  // JSON text
  std::string previous_hash;
  std::string hash;
};

/** A policy as installed. */
struct PolicyRow {
  std::int64_t id = 0;
  std::string name;
  std::string version;
  std::string json;
  std::int64_t installed_at = 0;
  std::string installed_by;
};

/** A notification of the outbox: written with its escalation event, polled and acknowledged by
 *  the host. */
struct NotificationRow {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string number;               // the case's number (read back with the row)
  std::int64_t event_sequence = 0;  // the escalation event it was written with
  std::string kind;                 // the step's action: remind, supervise, escalate, assign_owner, mark_key
  std::string recipient_kind;       // staff, role
  std::string recipient;            // a staff id, or a role id when nobody holds it
  std::string payload;              // JSON text: the message parameters
  std::int64_t due_at = 0;
  std::int64_t created_at = 0;
  std::int64_t leased_until = 0;
  std::int64_t attempts = 0;
  std::optional<std::int64_t> acknowledged_at;
};

/** A case received in a dossier: where it came from (docs/dossiers.md). */
struct CaseOriginRow {
  std::string first_hash;     // the hash of its first event
  std::int64_t case_id = 0;   // the case here
  std::string number;         // its number here
  std::string origin_number;  // its number where it came from
  std::string origin_head;    // the hash of the last event the dossier held
};
/** A numbering scope's counter. */
struct SequenceRow {
  std::string scope;
  std::int64_t value = 0;
};

/**
 * Work inside one transaction. Every function throws xinfang::Error (storage for a database
 * failure, conflict for a lost race) and the transaction is then rolled back.
 */
class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual std::optional<std::string> meta(const std::string& key) = 0;
  virtual void set_meta(const std::string& key, const std::string& value) = 0;

  // Numbering: the scope's counter plus one, stored (gap-free because it rolls back with the
  // transaction that used it).
  virtual std::int64_t next_sequence(const std::string& scope) = 0;
  virtual std::vector<SequenceRow> sequences() = 0;

  virtual std::optional<CaseRow> find_case(const std::string& number) = 0;
  virtual std::vector<EventRow> events(std::int64_t case_id) = 0;
  // Inserts the projection of a new case; Error(already_exists) if the number is taken.
  virtual std::int64_t insert_case(const CaseRow& row) = 0;
  // Rewrites the projection; Error(conflict) unless the stored version is expected_version.
  virtual void update_case(const CaseRow& row, std::int64_t expected_version) = 0;
  // Error(conflict) if the case already has an event with this sequence.
  virtual void append_event(std::int64_t case_id, const EventRow& row) = 0;
  virtual void add_identity(std::int64_t case_id, const std::string& identity_hash) = 0;
  // The cases indexed under any of @p identity_hashes — for each hash the newest
  // @p newest_per_hash of them — in case order.
  virtual std::vector<CaseRow> cases_with_identities(const std::vector<std::string>& identity_hashes,
                                                     std::size_t newest_per_hash) = 0;

  virtual std::optional<IdempotencyRow> find_idempotency(const std::string& key) = 0;
  virtual void put_idempotency(const IdempotencyRow& row) = 0;
  // Clears the query codes of keys recorded before @p before (microseconds).
  virtual void forget_query_codes(std::int64_t before) = 0;

  virtual std::vector<CaseRow> list_cases(const CaseQuery& query) = 0;
  virtual std::int64_t count_cases(const CaseQuery& query) = 0;
  virtual std::int64_t open_cases_of_handler(const std::string& handler) = 0;
  // Every case with its log, in case order; the callback returns false to stop.
  virtual void scan_cases(const std::function<bool(const CaseRow&, const std::vector<EventRow>&)>& visit) = 0;
  // Every case's numbering scope and sequence number, by scope then number.
  virtual void scan_sequences(const std::function<void(const std::string&, std::int64_t)>& visit) = 0;
  // Rows of the log and of the identity index that name no case. The engine never writes one,
  // and the store does not spend a lookup per row to refuse them (foreign keys are not
  // enforced); verify() asks for them.
  virtual std::int64_t events_without_case() = 0;
  virtual std::int64_t identities_without_case() = 0;

  // Cases received in dossiers, by the hash of their first event.
  virtual std::optional<CaseOriginRow> find_case_origin(const std::string& first_hash) = 0;
  virtual void put_case_origin(const CaseOriginRow& row) = 0;
  virtual std::optional<StaffRow> find_staff(const std::string& id) = 0;
  virtual void put_staff(const StaffRow& row) = 0;
  virtual std::vector<StaffRow> list_staff(const std::string& unit) = 0;
  virtual void set_roster(const std::string& day, const std::string& unit, const std::vector<std::string>& ids) = 0;
  virtual std::vector<std::string> roster(const std::string& day, const std::string& unit) = 0;
  virtual std::string routing_cursor(const std::string& unit) = 0;
  virtual void set_routing_cursor(const std::string& unit, const std::string& handler) = 0;

  virtual std::optional<AdminChangeRow> last_admin_change() = 0;
  virtual void append_admin_change(const AdminChangeRow& row) = 0;
  virtual std::vector<AdminChangeRow> admin_changes() = 0;

  // Open cases whose next_due is at or before @p until, earliest first, at most @p limit.
  // The indicators' rows (docs/indicators.md): a case's rows replaced — the clock rows of
  // @p old_keys (its outcome_keys before) that it has no more removed, @p rows written, its
  // answers replaced (none to remove when @p is_new); every row removed (before a change of
  // policy or calendar works them out again); a period's counts.
  virtual void put_outcomes(std::int64_t case_id, const std::string& region, const OutcomeRows& rows,
                            const std::string& old_keys, bool is_new) = 0;
  virtual void clear_outcomes() = 0;
  virtual std::vector<ClockOutcomeCount> count_clock_outcomes(std::int64_t from, std::int64_t to) = 0;
  virtual std::vector<AnswerCount> count_answers(std::int64_t from, std::int64_t to) = 0;
  // The period reports (docs/reports.md): cases received, accepted and replied in [from, to);
  // open cases whose earliest deadline is before @p at, the most overdue first; open key and
  // owned cases.
  virtual std::vector<ReceivedCount> count_received(std::int64_t from, std::int64_t to) = 0;
  virtual std::int64_t count_accepted(std::int64_t from, std::int64_t to) = 0;
  virtual std::int64_t count_replied(std::int64_t from, std::int64_t to) = 0;
  virtual std::int64_t count_overdue(std::int64_t at) = 0;
  virtual std::vector<CaseRow> overdue_cases(std::int64_t at, std::int64_t limit) = 0;
  virtual std::vector<CaseRow> flagged_cases(std::int64_t limit) = 0;
  virtual std::vector<CaseRow> cases_due(std::int64_t until, std::int64_t limit) = 0;
  // Rewrites only a case's clock columns (the rest of the row is unchanged).
  virtual void set_case_clocks(std::int64_t case_id, std::optional<std::int64_t> next_due,
                               std::optional<std::int64_t> next_deadline) = 0;
  virtual std::int64_t add_notification(const NotificationRow& row) = 0;
  // Unacknowledged notifications whose lease has run out at @p now, oldest first, at most
  // @p limit, each leased until @p lease_until and its attempts counted.
  virtual std::vector<NotificationRow> lease_notifications(std::int64_t now, std::int64_t lease_until,
                                                           std::int64_t limit) = 0;
  // Acknowledges one; false if there is no such notification.
  virtual bool acknowledge_notification(std::int64_t id, std::int64_t at) = 0;
  virtual std::optional<NotificationRow> find_notification(std::int64_t id) = 0;
  virtual std::vector<NotificationRow> notifications_of_case(std::int64_t case_id) = 0;
  virtual std::optional<PolicyRow> policy_in_force() = 0;
  virtual void install_policy(const PolicyRow& row) = 0;
};

/** How to open a store. */
struct StoreOptions {
  std::string path;
  bool create = true;
  bool durable = false;  // fsync every commit (synchronous=FULL)
  int busy_timeout_ms = 30000;
};

/** A database. One Store per thread; any number per file. */
class Store {
 public:
  virtual ~Store() = default;
  /** Runs @p work in one write transaction and commits; a throw rolls back and propagates. A
   *  transient lock is waited out (and the work re-run) until the busy timeout. */
  virtual void write(const std::function<void(Transaction&)>& work) = 0;
  /** Runs @p work in one read transaction (a consistent snapshot). */
  virtual void read(const std::function<void(Transaction&)>& work) = 0;
  /** Whether the store was created by this open (it had no schema before). */
  virtual bool created() const noexcept = 0;
};

/** The embedded default: a SQLite file in WAL mode (sqlite_store.cpp). */
std::unique_ptr<Store> open_sqlite_store(const StoreOptions& options);

/** The schema version this build writes (docs/storage.md). */
int current_schema_version() noexcept;

/** For migration tests: creates a file holding the schema as of @p version (1..current). */
void create_sqlite_schema_for_test(const std::string& path, int version);

}  // namespace xinfang::store

#endif
