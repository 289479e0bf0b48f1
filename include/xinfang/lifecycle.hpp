/**
 * @file lifecycle.hpp
 * @brief The pure lifecycle of a case: commands decide, events apply.
 *
 * A case (信访事项) is the fold of its events. decide() takes a case's state, a command, the
 * policy, the calendar and the time, and returns the events the command produces or throws an
 * Error that says which rule refused it; apply() folds one event into a state. Both are pure: no
 * I/O, no clock, no randomness (a query code's random bytes are passed in). The engine loads,
 * decides, appends and projects in one transaction; replaying a case's events under another
 * policy answers "what would this policy have done".
 *
 * Commands and event payloads are JSON objects (nlohmann::json) with a fixed, validated shape
 * per command (docs/lifecycle.md has the table): the same shape the C ABI, the command line and
 * scenario files use. Unknown keys, wrong types, invalid UTF-8 and oversized text are refused.
 */
#ifndef XINFANG_LIFECYCLE_HPP
#define XINFANG_LIFECYCLE_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "xinfang/calendar.hpp"
#include "xinfang/policy.hpp"

namespace xinfang {

/** JSON values, as nlohmann::json. */
using Json = nlohmann::json;

/** Where a case is in its life. Values reach disk: fixed forever. */
enum class CaseStatus : std::uint8_t {
  registered = 0,           ///< 登记: received and numbered.
  accepted = 1,             ///< 受理: accepted, awaiting routing to a handling unit.
  not_accepted = 2,         ///< 不予受理: refused with a statutory reason.
  forwarded = 3,            ///< 转送: sent to the competent organisation; ends here.
  assigned = 4,             ///< 交办: assigned to a subordinate unit, which reports back.
  in_handling = 5,          ///< 办理中: with a handling unit and handler.
  suspended = 6,            ///< 中止: handling paused (with reason).
  replied = 7,              ///< 答复: the written reply is given, with an outcome.
  rated = 8,                ///< 评价: the petitioner rated the handling.
  review_requested = 9,     ///< 复查申请: review requested from the body one level up.
  reviewed = 10,            ///< 复查意见: the review is decided.
  rereview_requested = 11,  ///< 复核申请: re-review requested.
  concluded = 12,           ///< 终结: re-review decided; the matter is final (Art. 36 ¶3).
  archived = 13,            ///< 归档.
  withdrawn = 14,           ///< 撤回: withdrawn by the petitioner.
  merged = 15,              ///< 合并: merged into another case.
};

/**
 * @param status A status.
 * @return Its stable name, e.g. "in_handling".
 */
const char* case_status_name(CaseStatus status) noexcept;
/**
 * @param name A status name.
 * @return The status, or std::nullopt.
 */
std::optional<CaseStatus> parse_case_status(std::string_view name) noexcept;
/**
 * @param status A status.
 * @return Whether a case in it is still open (not ended by not_accepted, forwarded, concluded,
 *         archived, withdrawn or merged).
 */
bool is_open(CaseStatus status) noexcept;

/** The outcome of a reply (Arts. 32–33). Values reach disk: fixed forever. */
enum class Outcome : std::uint8_t {
  none = 0,              ///< Not replied yet.
  supported = 1,         ///< 支持.
  partly_supported = 2,  ///< 部分支持.
  not_supported = 3,     ///< 不予支持.
  explained = 4,         ///< 解释说明.
};

/**
 * @param outcome An outcome.
 * @return Its stable name, e.g. "partly_supported".
 */
const char* outcome_name(Outcome outcome) noexcept;

/** Who performs a command: every command carries one. */
struct Actor {
  std::string id;                  ///< The person's id (staff number).
  std::string organisation;        ///< Their organisation.
  std::string unit;                ///< Their unit.
  std::vector<std::string> roles;  ///< Their roles.
  /**
   * @param role A role id.
   * @return Whether the actor has it.
   */
  bool has_role(std::string_view role) const noexcept;
};

/** A petitioner (one person of a petition). */
struct Petitioner {
  std::string name;             ///< Name.
  std::string id_number;        ///< Identity-card number ("" if not given).
  std::string phone;            ///< Phone ("" if not given).
  std::string address;          ///< Address ("" if not given).
  bool representative = false;  ///< For a group petition: one of its representatives.
};

/** Metadata of an attachment (the file itself lives with the host). */
struct Attachment {
  std::string name;        ///< File name.
  std::string media_type;  ///< e.g. "application/pdf".
  std::int64_t size = 0;   ///< Bytes.
  std::string sha256;      ///< Hex digest of the content.
};

/** An earlier case of the same petitioner, as the engine finds it for repeat detection. */
struct PriorCase {
  std::string number;                          ///< Its number.
  std::string organisation;                    ///< The organisation that holds it.
  std::string category;                        ///< Its category.
  CaseStatus status = CaseStatus::registered;  ///< Its status now.
  Instant registered_at;                       ///< When it was registered.
};

/** A suspension (中止): from its suspended event to its resumed one. */
struct Suspension {
  Instant from;        ///< When it was suspended.
  Instant to;          ///< When it was resumed (not_a_date_time while it lasts).
  std::string reason;  ///< Why.
};

/** A spell during which one unit held a case: from `from` until the next spell's start. */
struct HolderSpell {
  Instant from;      ///< When the unit took the case.
  std::string unit;  ///< The unit: the case's unit, or while it has none the unit that registered it.
};

/** An answer the petitioner may rate: the reply (处理意见), or a review opinion (复查意见). */
struct RateableAnswer {
  std::string kind;              ///< "reply" or "review".
  Instant at;                    ///< When it was given.
  std::string unit;              ///< The unit that gave it (the case's unit; the reviewer's unit).
  Instant rated_at;              ///< When it was rated (not_a_date_time if not).
  std::string level;             ///< The rating level id ("" if unrated).
  std::optional<bool> resolved;  ///< The petitioner's answer to "was it resolved?", if asked.
};

/** What the clocks (deadline.hpp) need of one event of a case. */
struct ClockMark {
  std::string type;   ///< The event type.
  Instant at;         ///< Its time.
  std::string clock;  ///< extension_approved and escalation steps: the clock they name ("" if none).
  std::string step;   ///< Escalation steps (reminded, supervised, ...): the step's id.
  int run = 0;        ///< Escalation steps: the run of the clock they fired in.
  int amount = 0;     ///< extension_approved: the time granted, in the clock's unit.
};

/** The state of a case: the fold of its events. */
struct CaseState {
  std::int64_t version = 0;  ///< Number of events applied (the expected version for the next command).
  std::string number;        ///< Case number.
  CaseStatus status = CaseStatus::registered;  ///< Where it is.
  std::string organisation;                    ///< The organisation that holds it.
  std::string channel;                         ///< Channel id.
  PetitionType type = PetitionType::claim;     ///< Petition type.
  std::string sub_route;                       ///< Sub-route id ("" if none).
  std::string category;                        ///< Category id.
  std::string region;                          ///< Region id.
  std::string subject;                         ///< Subject line.
  std::string content;                         ///< Full text.
  std::vector<Petitioner> petitioners;         ///< One person, or a group.
  bool group = false;                          ///< Whether it is a group petition.
  std::vector<Attachment> attachments;         ///< Attachments' metadata.
  std::vector<std::string> identity_hashes;    ///< Salted hashes of identity numbers and phones.
  std::string query_code_hash;                 ///< Hash of the query code given to the petitioner.
  Instant received_at;                         ///< When the petition arrived.
  Instant registered_at;                       ///< When it was registered.
  std::string received_by;                     ///< Who received it.
  Instant accepted_at;                         ///< When it was accepted (not_a_date_time if not).
  Instant assigned_at;                         ///< When it was last assigned or routed to its unit.
  std::string unit;                            ///< The unit responsible ("" before routing).
  std::string handler;                         ///< The handler ("" before routing).
  std::string assigned_by_unit;                ///< For 交办: the unit that assigned it, to report back to.
  std::string owner_leader;                    ///< The leader who owns it (包案), if any.
  bool key_case = false;                       ///< 重点.
  bool confidential = false;                   ///< The petitioner's identity is redacted for readers without the role.
  bool repeat = false;                         ///< A repeat petition.
  std::vector<std::string> repeat_of;          ///< Earlier cases of the same petitioner and matter.
  std::string merged_into;                     ///< The case this one was merged into.
  std::vector<std::string> merged_from;        ///< Cases merged into this one.
  std::string not_accepted_reason;             ///< Reason id if not accepted.
  std::string forwarded_to;                    ///< Organisation it was forwarded to.
  int extensions_granted = 0;                  ///< Extensions approved.
  int extension_total = 0;                     ///< Extra time granted, in the handling clock's unit.
  int extension_requested = 0;                 ///< A pending request's amount (0 = none pending).
  std::string suspension_reason;               ///< Why it is suspended.
  Outcome outcome = Outcome::none;             ///< The reply's outcome.
  Instant replied_at;                          ///< When it was replied.
  std::string rating;                          ///< Rating level id ("" if unrated).
  Instant rated_at;                            ///< When it was rated.
  bool rated_after_review = false;             ///< The rating counts for the review.
  /// The petitioner's answer to "was it resolved?" with the latest rating (解决率), if asked.
  std::optional<bool> resolved;
  bool follow_up_pending = false;            ///< A rating asked for a follow-up (回访) not yet recorded.
  Instant followed_up_at;                    ///< When the last follow-up was recorded.
  Instant contacted_at;                      ///< When the petitioner was last contacted (先行联系).
  Instant review_requested_at;               ///< When review was requested.
  Outcome review_outcome = Outcome::none;    ///< The review's outcome.
  Instant reviewed_at;                       ///< When review was decided.
  Instant rereview_requested_at;             ///< When re-review was requested.
  Outcome rereview_outcome = Outcome::none;  ///< The re-review's outcome.
  Instant concluded_at;                      ///< When it was concluded.
  int escalation_level = 0;                  ///< Highest escalation step fired.
  /// For a case received in a dossier from another organisation (dossier.hpp): its number
  /// there ("" for a case registered here); the latest receipt's.
  std::string origin_number;
  std::string origin_organisation;  ///< The organisation it came from ("" for a case registered here).
  std::string policy_name;          ///< The policy it was registered under.
  std::string policy_version;       ///< Its version.
  /// Every suspension, in order: the handling and re-review clocks do not count them.
  std::vector<Suspension> suspensions;
  /// An open case of the same matter at an organisation below this one (its number; "" if none):
  /// this organisation does not accept it (信访工作条例 第十九条第三款).
  std::string handled_below;
  /// Every event's type and time, in order, with what the clocks read of extensions and
  /// escalation steps: the clocks of deadline.hpp are evaluated from it.
  std::vector<ClockMark> timeline;
  /// Which unit held the case when, in order (the indicators count a case for the unit holding
  /// it when its clock settled: docs/indicators.md).
  std::vector<HolderSpell> holders;
  /// The reply and the review opinion, each with its rating (a later rating does not replace
  /// an earlier one here: each counts for the answer it rates).
  std::vector<RateableAnswer> answers;
};

/** One change to a case: the unit of the audit log. */
struct Event {
  std::string type;  ///< e.g. "registered", "accepted" (docs/lifecycle.md lists them).
  Instant at;        ///< When it happened (the command's time).
  Actor actor;       ///< Who did it.
  Json payload;      ///< The event's data (an object).
};

/** A command: what an actor asks to do to a case. */
struct Command {
  std::string name;  ///< e.g. "accept" (command_names() lists them).
  Json args;         ///< The command's arguments (an object; docs/lifecycle.md has each shape).
};

/** What decide() needs besides the state and the command. */
struct DecideContext {
  const Policy& policy;      ///< The policy in force.
  const Calendar& calendar;  ///< The calendar the policy counts on.
  Instant now;               ///< The command's time (UTC).
  Actor actor;               ///< Who performs it.
  /// For intake: the case number the store allocated (see CaseNumberFormat).
  std::string number;
  /// For intake: the petitioner's query code, already generated (make_query_code()).
  std::string query_code;
  /// For intake: the salt of identity hashes (a per-installation secret).
  std::string identity_salt;
  /// For intake: earlier cases of the same petitioner (matched on identity hashes).
  std::vector<PriorCase> prior_cases;
};

/** @return The names of every command, in docs/lifecycle.md's order. */
const std::vector<std::string>& command_names();

/**
 * @return The names of every event type apply() knows, including those the engine appends
 *         itself (escalation steps, merges received); policies name them in clock rules.
 */
const std::vector<std::string>& event_type_names();

/**
 * Decides a command against a case.
 * @param state The case's current state (for "intake", a default-constructed state).
 * @param command The command.
 * @param context The policy, calendar, time, actor and intake data.
 * @return The events the command produces, in order (at least one).
 * @throws Error invalid_data (a malformed command, with the JSON path), invalid_utf8,
 *         invalid_state (not allowed in the case's status), forbidden (the actor's roles),
 *         out_of_window (outside its period), not_found (an id the policy does not define),
 *         invalid_argument (an unusable context: no time, no actor id; an intake without
 *         number, query code or salt).
 */
std::vector<Event> decide(const CaseState& state, const Command& command, const DecideContext& context);

/**
 * Folds one event into a state.
 * @param state The state before.
 * @param event An event decide() produced (or one read back from the log).
 * @return The state after.
 * @throws Error invalid_data for an event type or payload it does not know.
 */
CaseState apply(CaseState state, const Event& event);

/**
 * Folds a whole log.
 * @param events The events in order.
 * @return The state.
 */
CaseState fold(const std::vector<Event>& events);

/**
 * A view of a case for an actor: the state as JSON, with a confidential petitioner's identity
 * (names, identity numbers, phones, addresses) removed for an actor without the policy's
 * confidential-reader role. The data itself is never changed.
 * @param state The case.
 * @param policy The policy (its confidential-reader role).
 * @param reader Who is looking; std::nullopt for the petitioner's own view (number + query code).
 * @return The view.
 */
Json case_view(const CaseState& state, const Policy& policy, const std::optional<Actor>& reader);

/**
 * An event as an actor may see it: for a confidential case and a reader without the
 * confidential-reader role, petitioner identities in the payload are removed.
 * @param event The event.
 * @param state The case it belongs to (its type decides confidentiality).
 * @param policy The policy.
 * @param reader Who is looking; std::nullopt for the petitioner's own view.
 * @return {"type", "at", "actor", "payload"} as JSON.
 */
Json event_view(const Event& event, const CaseState& state, const Policy& policy, const std::optional<Actor>& reader);

}  // namespace xinfang

#endif  // XINFANG_LIFECYCLE_HPP
