/**
 * @file engine.hpp
 * @brief The engine: cases on a database file, every command one transaction.
 *
 * An Engine opens a database (SQLite by default, the embedded store), loads the policy in force,
 * and runs the lifecycle's commands: it loads the case, calls decide() with the time from its
 * Clock, appends the events to the case's hash-chained log, updates the query tables, and
 * records the idempotency key, all in one transaction. Several processes may open one file at
 * once; a transient lock is waited out inside the store and never reaches the caller.
 *
 * Actors are people of the staff directory kept in the database (put_staff()): a command names
 * the actor by id, and the engine checks the policy's permissions against the roles the
 * directory gives that person, not against what the caller claims.
 *
 * docs/engine.md is the guide; docs/storage.md describes the file and the codes on disk.
 */
#ifndef XINFANG_ENGINE_HPP
#define XINFANG_ENGINE_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "xinfang/calendar.hpp"
#include "xinfang/deadline.hpp"
#include "xinfang/dossier.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"
#include "xinfang/metrics.hpp"
#include "xinfang/policy.hpp"
#include "xinfang/report.hpp"
#include "xinfang/simulate.hpp"
#include "xinfang/sweep.hpp"

namespace xinfang {

/** Where the engine reads the time: the system clock in production, a manual one in tests. */
class Clock {
 public:
  virtual ~Clock() = default;
  /** @return The current instant, UTC. */
  virtual Instant now() = 0;
};

/** The system clock (UTC, microsecond resolution). */
class SystemClock final : public Clock {
 public:
  /** @return The system time, UTC. */
  Instant now() override;
};

/** A clock that moves only when told: for tests, simulations and replays. */
class ManualClock final : public Clock {
 public:
  /** @param start The instant now() returns until the clock is moved. */
  explicit ManualClock(Instant start);
  /** @return The instant last set. */
  Instant now() override;
  /** @param instant The new time (may go backwards; the engine refuses commands older than a case's last event). */
  void set(Instant instant);
  /** @param duration How far to move the clock forward. */
  void advance(boost::posix_time::time_duration duration);

 private:
  Instant now_;
};

/** Where the engine takes random bytes (query codes, the identity salt). */
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  /**
   * Fills a buffer.
   * @param data Where to write.
   * @param size How many bytes.
   */
  virtual void fill(std::uint8_t* data, std::size_t size) = 0;
};

/** Cryptographic random bytes from OpenSSL (RAND_bytes): the default. */
class SystemRandom final : public RandomSource {
 public:
  /**
   * @param data Where to write.
   * @param size How many bytes.
   */
  void fill(std::uint8_t* data, std::size_t size) override;
};

/** A reproducible stream of bytes from a seed: for tests and simulations only. */
class SeededRandom final : public RandomSource {
 public:
  /** @param seed The seed; the same seed gives the same bytes. */
  explicit SeededRandom(std::uint64_t seed);
  /**
   * @param data Where to write.
   * @param size How many bytes.
   */
  void fill(std::uint8_t* data, std::size_t size) override;

 private:
  std::uint64_t state_;
};

/** How hard a commit waits for the disk. */
enum class Durability {
  /** WAL with synchronous=NORMAL: a commit survives a crash of the process; a power cut may lose
   *  the last commits, never consistency. The default. */
  normal = 0,
  /** WAL with synchronous=FULL: a commit survives a power cut too, at the price of an fsync per commit. */
  full = 1,
};

/** The hash of the audit chain. Chosen when a database is created; fixed for its life. */
enum class HashAlgorithm {
  sha256 = 0,  ///< SHA-256 (the default).
  sm3 = 1,     ///< SM3 (GB/T 32905-2016), the national standard hash.
};

/** How to open an engine. */
struct EngineOptions {
  /** The database file. It is created (with the policy) when it does not exist and `create` is
   *  true. ":memory:" is a database in memory, gone when the engine closes (the scenario runner's,
   *  scenario.hpp). */
  std::string database;
  /**
   * The policy: a preset name (Policy::preset_names()), or policy JSON text. Empty: the policy
   * in force in the database. Given for an existing database and different from the one in
   * force, it is installed as the new policy in force (recorded, with the time and `installer`).
   */
  std::string policy;
  /** Who installs a new policy (recorded); "" means "system". */
  std::string installer;
  /** The calendar to count on; std::nullopt for Calendar::national(). */
  std::optional<Calendar> calendar;
  /** Where the time comes from; null for the system clock. */
  std::shared_ptr<Clock> clock;
  /** Where random bytes come from; null for SystemRandom. */
  std::shared_ptr<RandomSource> random;
  /** Commit durability. */
  Durability durability = Durability::normal;
  /** The chain's hash, for a database this call creates (an existing one keeps its own). */
  HashAlgorithm hash = HashAlgorithm::sha256;
  /** Create the file if it does not exist. */
  bool create = true;
  /** How long to wait for another process's write lock before giving up with Error(storage). */
  int busy_timeout_ms = 30000;
  /**
   * Whether Engine::intake_batch() decides petitions on a second thread while the calling thread
   * reads and writes the database (docs/engine.md, "Batch intake"). The numbers, query codes,
   * events and stored rows are the same either way. Without a second processor, or for a batch
   * of a few petitions, a batch runs on the calling thread alone all the same.
   */
  bool parallel_batches = true;
};

/** A petitioner's rating (the rate command; docs/indicators.md). */
struct RatingInput {
  std::string level;             ///< A level of the policy's scale, e.g. "satisfied".
  std::optional<bool> resolved;  ///< The answer to "was it resolved?" (解决率), if asked.
  std::string comment;           ///< A comment ("" for none).
};

/** How long a bulletin's lists may be. */
struct BulletinOptions {
  std::int64_t overdue_limit = 100;  ///< Overdue cases listed, the most overdue first (0..100000).
  std::int64_t flagged_limit = 100;  ///< Key and owned cases listed (0..100000).
};

/** Options of one command. */
struct RunOptions {
  /** The version of the case the caller last saw; 0 to skip the check. A different version now
   *  is Error(conflict): someone else acted first. */
  std::int64_t expected_version = 0;
};

/** A petition as received: the arguments of the intake command (docs/lifecycle.md). */
struct Petition {
  std::string channel;                      ///< Channel id.
  PetitionType type = PetitionType::claim;  ///< Type.
  std::string sub_route;                    ///< Sub-route id ("" for none).
  std::string category;                     ///< Category id.
  std::string region;                       ///< Region id ("" for none).
  std::string subject;                      ///< Subject line (non-empty).
  std::string content;                      ///< Full text.
  std::vector<Petitioner> petitioners;      ///< At least one.
  bool group = false;                       ///< A group petition.
  Instant received_at;                      ///< When it arrived; not_a_date_time for "now".
  std::string received_by;                  ///< Who received it ("" for the actor).
  std::vector<Attachment> attachments;      ///< Attachments' metadata.
  bool new_matter = false;                  ///< New facts and reasons: not a repeat.
  /** @return The intake command's arguments. */
  Json to_json() const;
};

/** One petition of a batch, with its idempotency key. */
struct IntakeRequest {
  Json petition;                ///< Intake arguments (Petition::to_json() or the same shape).
  std::string idempotency_key;  ///< "" for none.
};

/** An appended event's actor and payload as the JSON text the log stores and its hash covers. */
struct LoggedEventText {
  std::string actor;    ///< The actor object, as JSON text.
  std::string payload;  ///< The payload, as JSON text.
};

/** What a command did. */
struct CommandResult {
  std::string number;                          ///< The case.
  std::int64_t version = 0;                    ///< Its version after the command.
  CaseStatus status = CaseStatus::registered;  ///< Its status after the command.
  std::vector<Event> events;                   ///< The events appended (for a replayed intake: none).
  /** Intake only: the query code to give the petitioner (查询码). Only its hash is in the log; a
   *  keyed intake keeps it in clear for 24 hours so that a retry can hand it out again (a later
   *  replay returns "" here). */
  std::string query_code;
  /** Intake only: true when the idempotency key had been seen and the earlier case is returned. */
  bool replayed = false;
  /** @return {"number", "version", "status", "events", "query_code"?, "replayed"} (docs/engine.md). */
  Json to_json() const&;
  /** @return The same as to_json() const&, the events' payloads moved rather than copied. */
  Json to_json() &&;
  /** Per event of #events, its actor and payload as the log stores them. The engine fills it, so
   *  that to_json_text() copies the texts already written for the chain instead of serialising
   *  the events again; a result made by hand may leave it empty. */
  std::vector<LoggedEventText> logged;
  /** @return to_json().dump(), the same text, written from #logged when it has one entry per
   *  event rather than through a document: what a host exchanging JSON text (the C ABI) wants. */
  std::string to_json_text() const;
};

/** An event as stored: the event and its place in the chain. */
struct StoredEvent {
  std::int64_t sequence = 0;   ///< 1, 2, ... within the case (the version it made).
  Event event;                 ///< The event.
  std::string command;         ///< The command that produced it ("sweep", "engine" for the engine's own).
  std::string policy_name;     ///< The policy in force.
  std::string policy_version;  ///< Its version.
  std::string previous_hash;   ///< The hash of the event before ("" for the first), hex.
  std::string hash;            ///< This event's hash, hex.
};

/** A case with its whole log. */
struct CaseRecord {
  CaseState state;                  ///< The fold of its events.
  std::vector<StoredEvent> events;  ///< Its log, oldest first.
  /// The policy the record was read under (Engine::get() sets it; view() needs it).
  std::optional<Policy> policy;
  /**
   * @return The state as JSON, unredacted: case_view() for a reader who may see everything.
   *         Built on demand, because it costs more than reading the case.
   * @throws Error invalid_argument if the record has no policy.
   */
  Json view() const;
  /** @return {"case": view(), "events": [...]} with each event's sequence, command, policy and hashes. */
  Json to_json() const;
};

/** A filter for list() and count(); empty members do not filter. */
struct CaseFilter {
  std::vector<CaseStatus> statuses;  ///< Any of these statuses.
  std::string organisation;          ///< The organisation that holds it.
  std::string unit;                  ///< The unit responsible.
  std::string handler;               ///< The handler.
  std::optional<PetitionType> type;  ///< The type.
  std::string category;              ///< The category.
  std::string region;                ///< The region.
  std::string channel;               ///< The channel.
  Instant received_from;             ///< Received at or after (not_a_date_time: no bound).
  Instant received_to;               ///< Received before (not_a_date_time: no bound).
  std::optional<bool> key_case;      ///< Only key cases (true) or only others (false).
  std::optional<bool> repeat;        ///< Only repeat petitions, or only others.
  std::optional<bool> open;          ///< Only open cases, or only ended ones.
  std::string text;                  ///< Text the subject contains.
  /// The earliest deadline of a clock not yet stopped (a paused clock's counts only once
  /// breached) at or after this (not_a_date_time: no bound).
  Instant deadline_from;
  Instant deadline_to;       ///< ... and before this: deadline_to = now lists the overdue cases.
  std::int64_t limit = 100;  ///< At most this many (list only; 1..100000).
  std::int64_t offset = 0;   ///< Skip this many (list only).
  /**
   * Reads a filter from JSON: {"status": "in_handling" or [...], "organisation", "unit",
   * "handler", "type", "category", "region", "channel", "received_from", "received_to" (ISO
   * 8601 with a zone), "key_case", "repeat", "open" (booleans), "text", "deadline_from",
   * "deadline_to" (ISO 8601), "limit", "offset"}.
   * @param json The filter (null counts as {}).
   * @return The filter.
   * @throws Error invalid_data (unknown key, wrong type, unknown status or type, with the JSON
   *         path), invalid_utf8.
   */
  static CaseFilter from_json(const Json& json);
};

/** One line of a list. */
struct CaseSummary {
  std::string number;                          ///< Case number.
  CaseStatus status = CaseStatus::registered;  ///< Status.
  std::int64_t version = 0;                    ///< Version.
  std::string organisation;                    ///< Organisation.
  std::string unit;                            ///< Unit ("" before routing).
  std::string handler;                         ///< Handler ("" before routing).
  PetitionType type = PetitionType::claim;     ///< Type.
  std::string category;                        ///< Category.
  std::string region;                          ///< Region.
  std::string channel;                         ///< Channel.
  std::string subject;                         ///< Subject.
  Instant received_at;                         ///< Received.
  Instant registered_at;                       ///< Registered.
  bool key_case = false;                       ///< 重点.
  bool repeat = false;                         ///< Repeat petition.
  bool confidential = false;                   ///< Identity redacted for most readers.
  /** @return The summary as JSON. */
  Json to_json() const;
};

/** A person of the staff directory. */
struct StaffMember {
  std::string id;                  ///< Staff id (the actor id commands name).
  std::string name;                ///< Name.
  std::string organisation;        ///< Organisation id (in the policy).
  std::string unit;                ///< Unit id (in the policy; "" for an external account such as a portal).
  std::vector<std::string> roles;  ///< Role ids (in the policy).
  bool active = true;              ///< Inactive people keep their history but may not act.
  /** @return The member as JSON: {"id", "name", "organisation", "unit", "roles", "active"}. */
  Json to_json() const;
  /**
   * @param json {"id", "name", "organisation", "unit"?, "roles", "active"?}.
   * @return The member.
   * @throws Error invalid_data (unknown key, wrong type, with the JSON path), invalid_utf8.
   */
  static StaffMember from_json(const Json& json);
};

/** What verify() found. */
struct VerifyReport {
  bool ok = true;                      ///< Nothing is wrong.
  std::int64_t cases = 0;              ///< Cases checked.
  std::int64_t events = 0;             ///< Events checked.
  std::int64_t directory_changes = 0;  ///< Directory changes checked.
  std::string case_number;             ///< The first case with a problem ("" if none or not a case).
  std::int64_t sequence = 0;           ///< The event of that case (0 if the problem is not one event).
  std::string message;                 ///< What is wrong ("" if ok).
  /** @return The report as JSON. */
  Json to_json() const;
};

/**
 * The engine. Open one per thread (or guard one with a mutex): an Engine is not meant to be
 * used from two threads at once. Any number of engines, in any number of processes, may open
 * one database.
 */
class Engine {
 public:
  /**
   * Opens (and, if needed, creates or upgrades) a database.
   * @param options Where and how.
   * @return The engine.
   * @throws Error storage (the file cannot be opened or is not a database), unsupported_version
   *         (written by a newer xinfang), integrity (the stored policy does not load), invalid_argument
   *         (no path; a new database without a policy), parse_error/invalid_data (a bad policy).
   */
  static Engine open(const EngineOptions& options);

  /** Closes the database. */
  ~Engine();
  /** @param other Moved from. */
  Engine(Engine&& other) noexcept;
  /** @param other Moved from. @return This. */
  Engine& operator=(Engine&& other) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /** @return The policy in force. */
  const Policy& policy() const noexcept;
  /** @return The calendar. */
  const Calendar& calendar() const noexcept;
  /** @return The engine clock's time. */
  Instant now() const;
  /** @return The chain's hash algorithm. */
  HashAlgorithm hash_algorithm() const noexcept;

  /// @name Commands
  /// Each is one transaction. Errors are those of decide() (lifecycle.hpp), plus: not_found (no
  /// such case; an actor not in the directory is forbidden), conflict (expected_version is stale,
  /// or an idempotency key reused with other content), invalid_argument (the clock is before the
  /// case's last event), storage (the database failed). After an error the database is unchanged.
  /// @{

  /**
   * Registers a petition.
   * @param actor The registrar's staff id.
   * @param petition The petition.
   * @param idempotency_key A key the caller keeps for this petition ("" for none): a retry with
   *        the same key and content returns the case made the first time, replayed set.
   * @return The new case, its number and query code.
   */
  CommandResult intake(const std::string& actor, const Petition& petition, const std::string& idempotency_key = "");
  /**
   * Registers a petition given as intake arguments (JSON).
   * @param actor The registrar's staff id.
   * @param petition The intake arguments.
   * @param idempotency_key As for intake().
   * @return The new case.
   */
  CommandResult intake_json(const std::string& actor, const Json& petition, const std::string& idempotency_key = "");
  /** Called during a batch with the petitions written so far and the batch's size. */
  using BatchProgress = std::function<void(std::size_t done, std::size_t total)>;
  /**
   * Registers many petitions in one transaction (an import): all or none.
   * @param actor The registrar's staff id.
   * @param petitions The petitions.
   * @param progress Called after every 1,024 petitions written (may be empty): for a progress
   *        display of a large import. A batch retried after a busy database counts again from 0.
   * @return One result per petition, in order: number, version, status, query code and
   *         replayed. Their `events` are empty — an import of 100,000 petitions does not hold
   *         100,000 event trees for the caller; get() reads any case's events.
   * @throws Error as intake(); the message starts with "petition N:" (0-based).
   */
  std::vector<CommandResult> intake_batch(const std::string& actor, const std::vector<IntakeRequest>& petitions,
                                          const BatchProgress& progress = {});
  /**
   * Runs any command but intake on a case.
   * @param number The case number.
   * @param actor The actor's staff id.
   * @param command The command (command_names(), docs/lifecycle.md for the arguments). For
   *        route, a missing unit and handler are chosen by the policy's routing rules and the
   *        directory (handlers of the unit, their open cases and the duty roster).
   * @param options The expected version.
   * @return What it did.
   */
  CommandResult run(const std::string& number, const std::string& actor, const Command& command,
                    const RunOptions& options = {});

  /** @param number Case. @param actor Staff id. @param note Note. @param options Options. @return Result. */
  CommandResult accept(const std::string& number, const std::string& actor, const std::string& note = "",
                       const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param reason Reason id. @param note Note. @param options Options.
   * @return Result. */
  CommandResult not_accept(const std::string& number, const std::string& actor, const std::string& reason,
                           const std::string& note = "", const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param organisation Where to. @param note Note. @param options Options.
   * @return Result. */
  CommandResult forward(const std::string& number, const std::string& actor, const std::string& organisation,
                        const std::string& note = "", const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param unit Unit. @param note Note. @param options Options. @return
   * Result. */
  CommandResult assign(const std::string& number, const std::string& actor, const std::string& unit,
                       const std::string& note = "", const RunOptions& options = {});
  /**
   * @param number Case. @param actor Staff id.
   * @param unit Unit ("" to let the routing rules choose).
   * @param handler Handler ("" to let the directory choose).
   * @param options Options.
   * @return Result.
   */
  CommandResult route(const std::string& number, const std::string& actor, const std::string& unit = "",
                      const std::string& handler = "", const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param unit New unit. @param handler New handler ("" to choose). @param
   * reason Why. @param options Options. @return Result. */
  CommandResult transfer(const std::string& number, const std::string& actor, const std::string& unit,
                         const std::string& handler = "", const std::string& reason = "",
                         const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param reason Why. @param options Options. @return Result. */
  CommandResult object(const std::string& number, const std::string& actor, const std::string& reason,
                       const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param leader The owning leader. @param note Note. @param options
   * Options. @return Result. */
  CommandResult take_ownership(const std::string& number, const std::string& actor, const std::string& leader,
                               const std::string& note = "", const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param note Note. @param options Options. @return Result. */
  CommandResult mark_key(const std::string& number, const std::string& actor, const std::string& note = "",
                         const RunOptions& options = {});
  /** 先行联系: the unit holding the case records contacting the petitioner (stops a response clock).
   * @param number Case. @param actor Staff id. @param method phone, visit, message, online, letter or other.
   * @param note Note. @param options Options. @return Result. */
  CommandResult contact(const std::string& number, const std::string& actor, const std::string& method,
                        const std::string& note = "", const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param reason Why. @param options Options. @return Result. */
  CommandResult suspend(const std::string& number, const std::string& actor, const std::string& reason,
                        const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param reason Why. @param options Options. @return Result. */
  CommandResult resume(const std::string& number, const std::string& actor, const std::string& reason = "",
                       const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param amount In the clock's unit. @param reason Why. @param options
   * Options. @return Result. */
  CommandResult request_extension(const std::string& number, const std::string& actor, int amount,
                                  const std::string& reason, const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param note Note. @param options Options. @return Result. */
  CommandResult approve_extension(const std::string& number, const std::string& actor, const std::string& note = "",
                                  const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param reason Why. @param options Options. @return Result. */
  CommandResult refuse_extension(const std::string& number, const std::string& actor, const std::string& reason,
                                 const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param outcome Outcome. @param text The reply. @param options Options.
   * @return Result. */
  CommandResult reply(const std::string& number, const std::string& actor, Outcome outcome, const std::string& text,
                      const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param level Rating level id. @param comment Comment. @param options
   * Options. @return Result. */
  CommandResult rate(const std::string& number, const std::string& actor, const std::string& level,
                     const std::string& comment = "", const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param rating Level, "was it resolved?" and comment.
   * @param options Options. @return Result (with follow_up_required when the level asks for a 回访). */
  CommandResult rate(const std::string& number, const std::string& actor, const RatingInput& rating,
                     const RunOptions& options = {});
  /** 回访 after a rating that asked for one.
   * @param number Case. @param actor Staff id. @param result What the follow-up found.
   * @param resolved Whether the petitioner now says it is resolved, if asked. @param options Options.
   * @return Result. */
  CommandResult follow_up(const std::string& number, const std::string& actor, const std::string& result,
                          std::optional<bool> resolved = std::nullopt, const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param reason Why. @param options Options. @return Result. */
  CommandResult request_review(const std::string& number, const std::string& actor, const std::string& reason = "",
                               const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param outcome Outcome. @param text Opinion. @param options Options.
   * @return Result. */
  CommandResult decide_review(const std::string& number, const std::string& actor, Outcome outcome,
                              const std::string& text, const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param reason Why. @param options Options. @return Result. */
  CommandResult request_rereview(const std::string& number, const std::string& actor, const std::string& reason = "",
                                 const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param outcome Outcome. @param text Opinion. @param options Options.
   * @return Result. */
  CommandResult decide_rereview(const std::string& number, const std::string& actor, Outcome outcome,
                                const std::string& text, const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param reason Why. @param options Options. @return Result. */
  CommandResult withdraw(const std::string& number, const std::string& actor, const std::string& reason = "",
                         const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param into The case it joins. @param note Note. @param options
   * Options. @return Result. */
  CommandResult merge(const std::string& number, const std::string& actor, const std::string& into,
                      const std::string& note = "", const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param note Note. @param options Options. @return Result. */
  CommandResult archive(const std::string& number, const std::string& actor, const std::string& note = "",
                        const RunOptions& options = {});
  /** @param number Case. @param actor Staff id. @param text The note. @param options Options. @return Result. */
  CommandResult note(const std::string& number, const std::string& actor, const std::string& text,
                     const RunOptions& options = {});
  /// @}

  /// @name Queries
  /// @{

  /**
   * @param number A case number.
   * @return The case and its log, unredacted (for the host's own use).
   * @throws Error not_found.
   */
  CaseRecord get(const std::string& number) const;
  /**
   * A case as a reader may see it: case_view() plus "events" (event_view() of each).
   * @param number A case number.
   * @param reader The reader's staff id.
   * @return The view.
   * @throws Error not_found (no case), forbidden (reader not in the directory or inactive).
   */
  Json view(const std::string& number, const std::string& reader) const;
  /**
   * The petitioner's own view, by number and query code (查询): redacted as for a reader
   * without the confidential role, without the log's actors.
   * @param number The case number.
   * @param query_code The code given at intake.
   * @return The view.
   * @throws Error not_found for an unknown number and for a wrong code alike.
   */
  Json lookup(const std::string& number, const std::string& query_code) const;
  /**
   * @param filter What to list.
   * @return Matching cases, newest first: in the order the file registered them.
   * @throws Error invalid_argument (limit outside 1..100000, negative offset), invalid_utf8.
   */
  std::vector<CaseSummary> list(const CaseFilter& filter) const;
  /**
   * @param filter What to count (limit and offset are ignored).
   * @return How many cases match.
   */
  std::int64_t count(const CaseFilter& filter) const;
  /**
   * Walks every case's chain, the directory's, and the case-number sequences.
   * @return The first problem found, or ok.
   */
  VerifyReport verify() const;
  /// @}

  /// @name Clocks, the sweep and the outbox (docs/deadlines.md)
  /// @{

  /**
   * @param number A case number.
   * @return Every clock that runs for the case, evaluated at the engine's time.
   * @throws Error not_found; calendar_range if a count needs a year without a holiday table.
   */
  std::vector<ClockReport> clocks(const std::string& number) const;
  /**
   * Fires every escalation step due at the engine's time, each once: an event in the case's log
   * and notifications in the outbox, in one transaction with the case's other due steps.
   * Steps missed while no sweep ran fire now, stamped with their due time and the sweep's.
   * Running it again at the same time fires nothing.
   * @param options Transaction size and limit.
   * @return What fired.
   * @throws Error invalid_argument (options out of range), storage.
   */
  SweepResult sweep(const SweepOptions& options = {});
  /**
   * Hands out unacknowledged notifications whose lease has run out, oldest first, and leases
   * them for @p lease_seconds: one not acknowledged by then is handed out again (at least once).
   * @param limit At most this many (1..10000).
   * @param lease_seconds How long the host has to deliver and acknowledge (1..86400).
   * @return The notifications.
   * @throws Error invalid_argument.
   */
  std::vector<Notification> poll_outbox(std::int64_t limit = 100, std::int64_t lease_seconds = 300);
  /**
   * Marks a notification delivered; acknowledging it again changes nothing.
   * @param notification_id Its id.
   * @throws Error not_found.
   */
  void acknowledge(std::int64_t notification_id);
  /**
   * @param number A case number.
   * @return Every notification of the case, acknowledged or not, oldest first.
   * @throws Error not_found.
   */
  std::vector<Notification> notifications(const std::string& number) const;
  /// @}

  /// @name Indicators (docs/indicators.md)
  /// @{

  /**
   * The indicators of a period, counted with SQL aggregates over what each case counts for:
   * the whole, and ranked by unit, region and organisation. A period not yet over is counted
   * up to the engine's time.
   * @param period The period (parse_report_period()).
   * @return The report.
   * @throws Error invalid_argument (a period that ends before it starts).
   */
  IndicatorReport indicators(const ReportPeriod& period) const;
  /**
   * @param period A period as parse_report_period() reads it: "2026-W47", "2026-11",
   *        "2026-Q4", "2026" or "2026-11-01..2026-11-30", in the calendar's local days.
   * @return indicators() of it.
   * @throws Error invalid_argument for a period it cannot read.
   */
  IndicatorReport indicators(const std::string& period) const;
  /**
   * @param number A case number.
   * @return What the case counts for, with its own indicators and composite score over
   *         everything of it settled by the engine's time.
   * @throws Error not_found.
   */
  CaseScore case_score(const std::string& number) const;
  /**
   * The bulletin of a period (the weekly 诉求动态, or a month's, quarter's or year's summary):
   * counts received, accepted, replied and overdue with those of the period before; received
   * by channel, type, category, region and unit; the indicators and rankings of both periods;
   * open key and owned cases; the overdue list. Computed with SQL aggregates and bounded lists:
   * memory does not grow with the file. docs/reports.md.
   * @param period The period.
   * @param options The lists' lengths.
   * @return The figures; render them with bulletin_json(), bulletin_markdown(), bulletin_csv()
   *         or bulletin_html().
   * @throws Error invalid_argument (a period that ends before it starts, limits out of range).
   */
  Bulletin bulletin(const ReportPeriod& period, const BulletinOptions& options = {}) const;
  /**
   * @param period A period as parse_report_period() reads it.
   * @param options The lists' lengths.
   * @return bulletin() of it.
   * @throws Error invalid_argument for a period it cannot read.
   */
  Bulletin bulletin(const std::string& period, const BulletinOptions& options = {}) const;
  /// @}

  /// @name What-if (simulate.hpp, docs/policy-testing.md)
  /// @{

  /**
   * What another policy would have done to every case of the file: each case's history replayed
   * under the policy in force and under @p other, their clocks, breaches, escalations and
   * indicators compared. Reads the file, writes nothing.
   * @param other The other policy.
   * @param options The end of the replay (default: the engine's time), the indicators' period,
   *        the list limit.
   * @return The report.
   * @throws Error invalid_argument (a list limit out of range, from after until).
   */
  SimulationReport simulate(const Policy& other, const SimulateOptions& options = {}) const;
  /// @}

  /// @name Dossiers (dossier.hpp, docs/dossiers.md)
  /// @{

  /**
   * Exports one case as a dossier. The export is itself an event: `exported` is appended to the
   * case (with the form and whether it was redacted) in the same transaction, and the dossier
   * ends with it. For a confidential case (检举控告) and an actor without the policy's
   * confidential-reader role, the petitioner's identity is absent from the dossier.
   * @param number The case.
   * @param actor Who exports it: an active member of the staff directory of the organisation
   *        holding the case (not a petitioner's account).
   * @param format The archive's form.
   * @return The archive's bytes.
   * @throws Error not_found, forbidden (an actor not in the directory, of another
   *         organisation, or a petitioner's account), invalid_utf8.
   */
  std::string export_case(const std::string& number, const std::string& actor, DossierFormat format);
  /**
   * Exports every case concluded in a period to one dossier for long-term storage, each with
   * its `exported` event, in one transaction. A case counts as concluded when it is closed —
   * concluded after re-review, archived, not accepted, forwarded, withdrawn or merged — and the
   * event that closed it falls in the period's local days.
   * @param period The period (parse_report_period()).
   * @param actor Who exports them: the cases are those of this person's organisation.
   * @param format The archive's form.
   * @param progress Called after each case.
   * @return The archive's bytes (a dossier with no case if none was concluded then).
   * @throws Error forbidden (an actor not in the directory, or a petitioner's account).
   */
  std::string export_concluded(const ReportPeriod& period, const std::string& actor, DossierFormat format,
                               const DossierProgress& progress = {});
  /**
   * Imports a dossier: every case's chain is checked first (check_dossier()), and nothing is
   * written unless all hold; then, in one transaction, each case is written with its history
   * as it came (its events and hashes unchanged), a local number, and a `dossier_received`
   * event linking it to its origin (docs/dossiers.md). A dossier imported again gives the same
   * cases back (created = false).
   * @param actor Who receives it; a case taken over goes to this person's organisation.
   * @param archive The archive's bytes, in any form.
   * @param options Take over or archive; progress.
   * @return The cases, with their numbers here.
   * @throws Error parse_error (not a dossier, damaged, truncated), unsupported_version (a
   *         newer archive), integrity (a chain that does not hold: a changed, missing or added
   *         event), invalid_utf8 (text in the archive that is not UTF-8), invalid_data (a
   *         redacted dossier), invalid_state (an open case to archive, one closed other than by
   *         forwarding to take over), already_exists (the case is here already at another point
   *         of its history, or is this database's own), forbidden.
   */
  ImportResult import_dossier(const std::string& actor, std::string_view archive, const ImportOptions& options = {});
  /// @}

  /// @name Staff directory and duty roster
  /// Changes are recorded in the directory's own hash-chained log with the actor's id. Who may
  /// change the directory is the host's decision (its administrators), not the policy's.
  /// @{

  /**
   * Adds a person or replaces their record.
   * @param actor Who makes the change (recorded).
   * @param member The person; organisation, unit and roles must exist in the policy.
   * @throws Error not_found (an id the policy lacks), invalid_data (empty id or name, no role, a role twice, a unit of
   * another organisation), invalid_utf8.
   */
  void put_staff(const std::string& actor, const StaffMember& member);
  /**
   * Marks a person inactive (their history stays).
   * @param actor Who makes the change.
   * @param id The person.
   * @throws Error not_found.
   */
  void deactivate_staff(const std::string& actor, const std::string& id);
  /**
   * @param id A staff id.
   * @return The person, or std::nullopt.
   */
  std::optional<StaffMember> staff(const std::string& id) const;
  /**
   * @param unit A unit id ("" for everyone).
   * @return The people of the unit, by id.
   */
  std::vector<StaffMember> list_staff(const std::string& unit = "") const;
  /**
   * Sets who is on duty (值班) in a unit on a day, replacing the day's list.
   * @param actor Who makes the change.
   * @param day The day (local).
   * @param unit The unit.
   * @param staff_ids The people on duty (each of the unit, active).
   * @throws Error not_found (unit or person), invalid_data (a person of another unit).
   */
  void set_roster(const std::string& actor, Date day, const std::string& unit,
                  const std::vector<std::string>& staff_ids);
  /**
   * @param day A day.
   * @param unit A unit.
   * @return Who is on duty, by id.
   */
  std::vector<std::string> roster(Date day, const std::string& unit) const;
  /// @}

  /** @cond INTERNAL */
  struct Impl;
  /** @endcond */

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/**
 * @param algorithm An algorithm.
 * @return "sha256" or "sm3".
 */
const char* hash_algorithm_name(HashAlgorithm algorithm) noexcept;

}  // namespace xinfang

#endif  // XINFANG_ENGINE_HPP
