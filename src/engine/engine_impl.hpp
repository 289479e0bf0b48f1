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
#include "xinfang/numbering.hpp"

namespace xinfang {

struct Engine::Impl {
  std::unique_ptr<store::Store> store;
  Policy policy;
  Calendar calendar;
  std::shared_ptr<Clock> clock;
  std::shared_ptr<RandomSource> random;
  HashAlgorithm hash = HashAlgorithm::sha256;
  std::string identity_salt;
  CaseNumberFormat number_format;

  Impl(std::unique_ptr<store::Store> s, Policy p, Calendar c, std::shared_ptr<Clock> clk,
       std::shared_ptr<RandomSource> rnd, HashAlgorithm h, std::string salt)
      : store(std::move(s)),
        policy(std::move(p)),
        calendar(std::move(c)),
        clock(std::move(clk)),
        random(std::move(rnd)),
        hash(h),
        identity_salt(std::move(salt)),
        number_format(CaseNumberFormat::parse(policy.numbering().pattern, policy.numbering().check_character)) {}

  /** The directory's person as an actor, or Error(forbidden). */
  Actor resolve_actor(store::Transaction& txn, const std::string& id) const;
  /** Appends @p events to the case @p row (its log so far folds to @p state) and updates its
   *  projection; returns the new state. */
  CaseState append(store::Transaction& txn, store::CaseRow& row, CaseState state, const std::string& command,
                   const std::vector<Event>& events);
  /** One intake inside a transaction (intake() and intake_batch()). */
  CommandResult intake(store::Transaction& txn, const Actor& actor, const Json& petition, const std::string& key,
                       Instant now);
  /** Fills a route or transfer command's unit and handler from the rules and the directory. */
  Command complete_routing(store::Transaction& txn, const CaseState& state, const Command& command, Instant now);
  /** actor_text(@p actor), kept for the next call: a batch has one actor throughout. */
  const std::string& stored_actor(const Actor& actor);

 private:
  Actor last_actor_;
  std::string last_actor_text_;
};

namespace engine_detail {

/** Microseconds since the Unix epoch. */
std::int64_t to_micros(Instant instant);
/** The instant @p micros after the Unix epoch. */
Instant from_micros(std::int64_t micros);

/** An actor as the JSON stored with each event. */
std::string actor_text(const Actor& actor);
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
