// Internal: the engine's state and the helpers its files share.
#ifndef XINFANG_SRC_ENGINE_ENGINE_IMPL_HPP
#define XINFANG_SRC_ENGINE_ENGINE_IMPL_HPP

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "store/store.hpp"
#include "util/utf8.hpp"
#include "xinfang/engine.hpp"
#include "xinfang/error.hpp"
#include "xinfang/metrics.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang {

/** The stored text of an actor, kept for the next event: a batch has one actor throughout. Each
 *  thread that builds event rows has its own. */
class ActorTexts {
 public:
  /** @return actor_text(@p actor). */
  const std::string& of(const Actor& actor);

 private:
  Actor last_;
  std::string text_;
};

/** What an intake reads and draws in the transaction before its petition is decided. */
struct PreparedIntake {
  /** Set when the idempotency key was seen before: the earlier case, and nothing else is filled. */
  std::optional<CommandResult> replay;
  const Json* petition = nullptr;  ///< The intake arguments (the caller's, not copied).
  std::string key;                 ///< The idempotency key ("" for none).
  std::string request_hash;        ///< What the key is stored with.
  std::string scope;               ///< The number's sequence scope.
  std::int64_t sequence = 0;       ///< Its place in the scope.
  std::string number;              ///< The case number.
  std::string query_code;          ///< The petitioner's query code.
  std::vector<PriorCase> prior_cases;
};

/** A decided intake: the case and event rows to write, and what the caller gets back. */
struct DecidedIntake {
  store::CaseRow row;
  std::vector<store::EventRow> rows;
  store::OutcomeRows outcomes;
  CommandResult result;
  std::string key;
  std::string request_hash;
  std::vector<std::string> identity_hashes;
};

struct Engine::Impl {
  std::unique_ptr<store::Store> store;
  Policy policy;
  Calendar calendar;
  std::shared_ptr<Clock> clock;
  std::shared_ptr<RandomSource> random;
  HashAlgorithm hash = HashAlgorithm::sha256;
  std::string identity_salt;
  bool parallel_batches = true;
  CaseNumberFormat number_format;
  /// The calendar with every year it lacks estimated from the weekend: the clock columns of a
  /// case whose count reaches a year without a table (docs/deadlines.md).
  Calendar estimating_calendar;

  Impl(std::unique_ptr<store::Store> s, Policy p, Calendar c, std::shared_ptr<Clock> clk,
       std::shared_ptr<RandomSource> rnd, HashAlgorithm h, std::string salt, bool parallel)
      : store(std::move(s)),
        policy(std::move(p)),
        calendar(std::move(c)),
        clock(std::move(clk)),
        random(std::move(rnd)),
        hash(h),
        identity_salt(std::move(salt)),
        parallel_batches(parallel),
        number_format(CaseNumberFormat::parse(policy.numbering().pattern, policy.numbering().check_character)),
        estimating_calendar(calendar.with_estimated_years(kFirstEstimatedYear, kLastEstimatedYear)) {}

  static constexpr int kFirstEstimatedYear = 1990;
  static constexpr int kLastEstimatedYear = 2100;

  /** The started clocks of @p state at @p at (those not started have no deadline and no due
   *  step); a count that reaches a year without a holiday table is made on the estimating
   *  calendar. */
  std::vector<ClockReport> clock_reports(const CaseState& state, Instant at) const;
  /** Works out every case's clock columns, in one transaction, if they are stale: the file was
   *  upgraded from schema 2, or the policy or the calendar differ from those they were worked
   *  out with. */
  void refresh_stale_clock_columns();
  /** Sets @p row's next_due and next_deadline from @p state's clocks at @p at and, unless
   *  @p outcomes is null, what the case counts for in the indicators. */
  void project_clocks(const CaseState& state, store::CaseRow& row, store::OutcomeRows* outcomes, Instant at) const;
  /** case_outcomes() of @p state, on the estimating calendar if the calendar lacks a year. */
  CaseOutcomes outcomes_of(const CaseState& state, const std::vector<ClockReport>& reports) const;

  /** The directory's person as an actor, or Error(forbidden). */
  Actor resolve_actor(store::Transaction& txn, const std::string& id) const;
  /** Appends @p events to the case @p row (its log so far folds to @p state) and updates its
   *  projection; returns the new state. Unless @p logged is null, it receives the events' texts
   *  as stored. */
  CaseState append(store::Transaction& txn, store::CaseRow& row, CaseState state, const std::string& command,
                   const std::vector<Event>& events, std::vector<LoggedEventText>* logged = nullptr);
  /** The rows of @p events appended to the case @p row (folding to @p state): chained, and
   *  @p row advanced to its new head and projection, @p outcomes to what the case now counts
   *  for. Reads no database; returns the new state. */
  CaseState chain_events(store::CaseRow& row, CaseState state, const std::string& command,
                         const std::vector<Event>& events, ActorTexts& texts, std::vector<store::EventRow>& rows,
                         store::OutcomeRows& outcomes) const;

  /** One intake inside a transaction, on one thread: prepare, decide, write. The query code is
   *  made from the kQueryCodeBytes at @p code_bytes; expired codes must have been forgotten
   *  already in this transaction. */
  CommandResult intake(store::Transaction& txn, const Actor& actor, const Json& petition, const std::string& key,
                       Instant now, const std::uint8_t* code_bytes);
  /** The salted hashes of a petition's identity numbers and phones, read leniently: decide()
   *  reports a malformed petition, these only find earlier cases. */
  std::vector<std::string> lookup_hashes(const Json& petition) const;
  /** An intake's database reads and draws: the key, the number, the query code (from the
   *  kQueryCodeBytes at @p code_bytes), earlier cases of the petitioners (found by @p hashes, from
   *  lookup_hashes()). Codes older than a day must have been forgotten already in this transaction. */
  PreparedIntake prepare_intake(store::Transaction& txn, const Actor& actor, const Json& petition,
                                const std::string& key, Instant now, const std::vector<std::string>& hashes,
                                const std::uint8_t* code_bytes);
  /** Decides a prepared intake and builds its rows. Reads no database and changes nothing
   *  shared: a batch runs it on another thread. */
  DecidedIntake decide_intake(PreparedIntake&& prepared, const Actor& actor, Instant now, ActorTexts& texts) const;
  /** Writes a decided intake's rows. */
  void write_intake(store::Transaction& txn, const DecidedIntake& decided, Instant now);

  /** Fills a route or transfer command's unit and handler from the rules and the directory. */
  Command complete_routing(store::Transaction& txn, const CaseState& state, const Command& command, Instant now);

  /** The calling thread's actor texts. */
  ActorTexts actor_texts;
};

/** The random bytes of one query code. */
inline constexpr std::size_t kQueryCodeBytes = 16;
/** How long a petitioner's query code is kept in clear for a retried intake (docs/storage.md). */
extern const boost::posix_time::time_duration kQueryCodeRetention;

namespace engine_detail {

/** Microseconds since the Unix epoch. */
std::int64_t to_micros(Instant instant);
/** The instant @p micros after the Unix epoch. */
Instant from_micros(std::int64_t micros);

/** An actor as the JSON stored with each event. */
std::string actor_text(const Actor& actor);
/** The actor and payload texts of @p rows, moved out of them (once written, they are not read). */
std::vector<LoggedEventText> take_logged_texts(std::vector<store::EventRow>& rows);
/** The actor of a stored event. */
Actor actor_from_text(const std::string& text);

/** A decided event as a row (without sequence and hashes). */
store::EventRow to_row(const Event& event, const std::string& actor_text, const std::string& command,
                       const Policy& policy);
/** A stored row as an event. */
Event from_row(const store::EventRow& row);
/** The state a stored log folds to. */
CaseState fold_rows(const std::vector<store::EventRow>& rows);
/** The projection columns a state gives (id, scope, sequence and hashes are the caller's). */
void project(const CaseState& state, store::CaseRow& row);

/** Records an administrative change in the hash-chained admin log. */
void record_admin_change(store::Transaction& txn, HashAlgorithm algorithm, const std::string& actor,
                         const std::string& action, const Json& payload, Instant at);

/** Throws Error(invalid_utf8) if @p text is not UTF-8, naming @p what. */
void require_text(const std::string& text, const char* what);

/** The caller's id of a staff member as a StaffRow and back. */
StaffMember staff_from_row(const store::StaffRow& row);

}  // namespace engine_detail
}  // namespace xinfang

#endif
