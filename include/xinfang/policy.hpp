/**
 * @file policy.hpp
 * @brief Policy as data: the rules of a petition office, loaded from JSON and validated.
 *
 * A policy is a JSON document (comments allowed) that says who the organisations, units and
 * roles are, which channels, petition types and categories exist, how cases are numbered and
 * routed, which clocks run with which limits, who may perform which command, and how ratings
 * and indicators count. The lifecycle (lifecycle.hpp) decides every command against a Policy;
 * nothing in the library hard-codes a period or a permission.
 *
 * Loading validates everything: syntax errors give line and column; unknown keys are errors (a
 * typo must not silently change the law); every cross-reference (a routing rule's unit, a
 * permission's role, a clock's events) must resolve. Every error names the JSON path.
 *
 * Three presets are compiled in (docs/policy.md documents them field by field):
 * `cn-national-2022` (信访工作条例, 2022), `cn-national-2005` (信访条例, 2005) and
 * `hotline-12345` (hour-level limits; response, resolution and satisfaction scoring). A policy
 * may name a preset in `"extends"` and change only what differs (a JSON merge patch, RFC 7386).
 *
 * A Policy is an immutable value; copies share their data; it is safe to read from several
 * threads at once.
 */
#ifndef XINFANG_POLICY_HPP
#define XINFANG_POLICY_HPP

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/calendar.hpp"

namespace xinfang {

/** The three petition types of 信访工作条例 Arts. 29–31. Values reach disk: fixed forever. */
enum class PetitionType : std::uint8_t {
  suggestion = 0,  ///< 建议意见类 (Art. 29)
  accusation = 1,  ///< 检举控告类 (Art. 30): the petitioner's identity is confidential
  claim = 2,       ///< 申诉求决类 (Art. 31)
};

/**
 * @param type A petition type.
 * @return Its stable name: "suggestion", "accusation" or "claim".
 */
const char* petition_type_name(PetitionType type) noexcept;
/**
 * @param name "suggestion", "accusation" or "claim".
 * @return The type, or std::nullopt for any other name.
 */
std::optional<PetitionType> parse_petition_type(std::string_view name) noexcept;

/** A length of time in a unit, with the article of law it encodes. */
struct Period {
  int limit = 0;                                 ///< The length, > 0.
  PeriodUnit unit = PeriodUnit::statutory_days;  ///< How it counts.
  std::string article;                           ///< The legal basis, e.g. "信访工作条例 第三十五条".
};

/** An organisation (机关): a city bureau, a district office. */
struct Organisation {
  std::string id;      ///< Stable key.
  std::string name;    ///< Display name.
  std::string code;    ///< Short code used in case numbers.
  std::string parent;  ///< The organisation one level up ("" for the top), for 复查/复核 and 督办.
};

/** A unit (部门/科室) within an organisation. */
struct Unit {
  std::string id;                ///< Stable key.
  std::string name;              ///< Display name.
  std::string organisation;      ///< The organisation it belongs to.
  std::string parent;            ///< The unit above it ("" for none).
  std::string code;              ///< Short code.
  bool petition_office = false;  ///< Whether it registers and dispatches petitions (信访办).
};

/** A named entry of a policy list (role, channel, category, region, reason...). */
struct NamedEntry {
  std::string id;       ///< Stable key.
  std::string name;     ///< Display name (Chinese as the office uses it).
  std::string code;     ///< Short code (channels and categories use it in case numbers).
  std::string article;  ///< The legal basis, where there is one.
};

/** One Art. 31 sub-route of 申诉求决 petitions, or a route of another type. */
struct SubRoute {
  std::string id;            ///< Stable key.
  std::string name;          ///< Display name.
  std::string article;       ///< The legal basis.
  bool handled_here = true;  ///< True if the petition office's chain handles it (Art. 31(6)); false if it is redirected
                             ///< (litigation, arbitration...).
};

/** What a policy says about one petition type. */
struct PetitionTypeRules {
  PetitionType type = PetitionType::claim;  ///< The type.
  std::string name;                         ///< Display name.
  std::string article;                      ///< The legal basis.
  bool confidential =
      false;  ///< Whether the petitioner's identity is redacted for actors without the confidential-reader role.
  std::vector<SubRoute> routes;  ///< Its sub-routes (may be empty).
};

/** How cases are numbered. */
struct NumberingRules {
  std::string pattern = "{org}-{yyyy}-{seq:06}";  ///< The template (lifecycle.hpp, CaseNumberFormat).
  bool check_character = false;                   ///< Whether a check character is appended.
};

/** A routing rule: all of its non-empty conditions must match. */
struct RoutingRule {
  std::string name;                     ///< For messages and audit.
  std::vector<std::string> categories;  ///< Any of these categories.
  std::vector<std::string> regions;     ///< Any of these regions.
  std::vector<std::string> channels;    ///< Any of these channels.
  std::vector<PetitionType> types;      ///< Any of these types.
  std::vector<std::string> keywords;    ///< Any of these words in the subject or content.
  std::string unit;                     ///< The unit it routes to.
};

/** How a handler is chosen within a unit. Values reach disk: fixed forever. */
enum class HandlerRule : std::uint8_t {
  least_open = 0,   ///< The handler with the fewest open cases (ties: the first by id).
  round_robin = 1,  ///< The handler after the one chosen last, by id.
  duty_roster = 2,  ///< The handler on duty that day.
};

/** Routing: rules in order, a default unit, and the handler rule. */
struct RoutingRules {
  std::vector<RoutingRule> rules;  ///< Tried in order; the first that matches wins.
  std::string default_unit;        ///< Used when no rule matches ("" = none: routing then needs a manual choice).
  HandlerRule handler_rule = HandlerRule::least_open;  ///< How a handler is chosen.
};

/** A clock's extension rule. */
struct ExtensionRule {
  int max_total = 0;          ///< Most extra time in the clock's unit, over all extensions (0 = none allowed).
  int max_times = 1;          ///< Most extensions.
  std::string approver_role;  ///< The role that approves.
  std::string article;        ///< The legal basis.
};

/** When an escalation step fires, relative to a clock. */
struct EscalationStep {
  std::string id;  ///< Stable key within the clock.
  /// "share" (a share of the limit has passed), "before" (a time before the deadline),
  /// "breach" (at the deadline), "after" (a time after breach).
  std::string at;
  double share = 0;                                   ///< For "share": 0 < share < 1.
  int offset = 0;                                     ///< For "before" and "after": the time, in offset_unit.
  PeriodUnit offset_unit = PeriodUnit::working_days;  ///< The unit of offset.
  std::string action;  ///< "remind" (催办), "supervise" (督办), "escalate", "assign_owner" (包案), "mark_key".
  std::string notify;  ///< "handler", "unit_leader", "org_leader" or a role id.
  /// Whether a step due outside the calendar's business windows waits for the next one to open
  /// (on a calendar without business hours: for the start of the next working day).
  bool hold_to_business_hours = false;
};

/** A named deadline a policy defines. */
struct ClockRules {
  std::string id;                        ///< Stable key.
  std::string name;                      ///< Display name.
  Period period;                         ///< Limit, unit and article.
  std::vector<std::string> start_on;     ///< Event types that start it.
  std::vector<std::string> stop_on;      ///< Event types that stop it (met).
  std::vector<std::string> pause_on;     ///< Event types that pause it.
  std::vector<std::string> resume_on;    ///< Event types that resume it.
  std::vector<std::string> restart_on;   ///< Event types that restart it from zero.
  std::vector<PetitionType> applies_to;  ///< Types it runs for (empty = all).
  std::vector<std::string> categories;   ///< Categories it runs for (empty = all), e.g. a hotline's time classes.
  ExtensionRule extension;               ///< Extensions allowed.
  bool carry_over_on_transfer = true;    ///< Whether a transfer keeps the clock (else restarts it).
  std::vector<EscalationStep> ladder;    ///< Escalation steps, in order.
};

/** A rating level of the satisfaction scale. */
struct RatingLevel {
  std::string id;          ///< Stable key, e.g. "satisfied".
  std::string name;        ///< Display name, e.g. "满意".
  double credit = 0;       ///< Partial credit in 0..1 for scores (基本满意 may count 0.9).
  bool satisfied = false;  ///< Whether it counts as satisfied for 满意率.
  bool follow_up = false;  ///< Whether it triggers a follow-up (回访).
};

/** The satisfaction scale and its window. */
struct RatingRules {
  std::vector<RatingLevel> scale;  ///< In display order.
  Period window;                   ///< How long after the reply a rating is accepted.
};

/**
 * A validated policy. Load with Policy::from_json() or Policy::preset(); the accessors return
 * the model; lookups by id return nullptr for ids the policy does not define.
 */
class Policy {
 public:
  /**
   * Loads and validates a policy document.
   * @param json UTF-8 JSON (comments allowed).
   * @return The policy.
   * @throws Error invalid_utf8, parse_error (line and column), invalid_data (JSON path and the
   *         rule broken), not_found (an unknown preset in "extends").
   */
  static Policy from_json(std::string_view json);
  /**
   * @param name "cn-national-2022", "cn-national-2005" or "hotline-12345".
   * @return The compiled-in preset.
   * @throws Error not_found for another name.
   */
  static Policy preset(std::string_view name);
  /** @return The names of the compiled-in presets. */
  static std::vector<std::string> preset_names();
  /**
   * @param name A preset name.
   * @return The preset's JSON source text, as compiled in.
   * @throws Error not_found for an unknown name.
   */
  static std::string preset_source(std::string_view name);

  /** @return The policy's name. */
  const std::string& name() const noexcept;
  /** @return The policy's version (recorded on every event). */
  const std::string& version() const noexcept;
  /** @return A one-line title. */
  const std::string& title() const noexcept;
  /** @return The name of the calendar it counts on, e.g. "cn-national". */
  const std::string& calendar_name() const noexcept;
  /** @return The organisations. */
  const std::vector<Organisation>& organisations() const noexcept;
  /** @return The units. */
  const std::vector<Unit>& units() const noexcept;
  /** @return The roles. */
  const std::vector<NamedEntry>& roles() const noexcept;
  /** @return The channels. */
  const std::vector<NamedEntry>& channels() const noexcept;
  /** @return The categories. */
  const std::vector<NamedEntry>& categories() const noexcept;
  /** @return The regions. */
  const std::vector<NamedEntry>& regions() const noexcept;
  /** @return The statutory reasons for not accepting a petition. */
  const std::vector<NamedEntry>& not_accepted_reasons() const noexcept;
  /** @return The rules for each of the three petition types. */
  const std::vector<PetitionTypeRules>& petition_types() const noexcept;
  /** @return The numbering rules. */
  const NumberingRules& numbering() const noexcept;
  /** @return The routing rules. */
  const RoutingRules& routing() const noexcept;
  /** @return The clocks. */
  const std::vector<ClockRules>& clocks() const noexcept;
  /** @return The rating scale and window. */
  const RatingRules& rating() const noexcept;
  /** @return The indicator weights by indicator id (docs/indicators.md). */
  const std::map<std::string, double>& indicator_weights() const noexcept;
  /**
   * @param indicator timely_acceptance, on_time_completion or response.
   * @return The ids of the clocks the indicator counts (empty for any other indicator, or when
   *         the policy names none; docs/indicators.md).
   */
  const std::vector<std::string>& indicator_clocks(std::string_view indicator) const noexcept;
  /** @return The most representatives a group petition may send (Art. 20 ¶3). */
  int max_representatives() const noexcept;
  /** @return The window in which a repeat petition is flagged, in calendar days. */
  int repeat_window_days() const noexcept;
  /** @return The role that may see a confidential petitioner's identity. */
  const std::string& confidential_reader_role() const noexcept;

  /**
   * @param window "objection", "review_request", "rereview_request", "review_decision",
   *               "rereview_decision", "report_back" (any the policy defines).
   * @return The window, or nullptr if the policy does not define it.
   */
  const Period* window(std::string_view window) const noexcept;
  /**
   * @param command A command name (lifecycle.hpp, command_name()).
   * @return The roles allowed to perform it; empty if nobody may.
   */
  const std::vector<std::string>& roles_for(std::string_view command) const noexcept;

  /** @param id An organisation id. @return It, or nullptr. */
  const Organisation* find_organisation(std::string_view id) const noexcept;
  /** @param id A unit id. @return It, or nullptr. */
  const Unit* find_unit(std::string_view id) const noexcept;
  /** @param id A channel id. @return It, or nullptr. */
  const NamedEntry* find_channel(std::string_view id) const noexcept;
  /** @param id A category id. @return It, or nullptr. */
  const NamedEntry* find_category(std::string_view id) const noexcept;
  /** @param id A region id. @return It, or nullptr. */
  const NamedEntry* find_region(std::string_view id) const noexcept;
  /** @param id A reason id. @return It, or nullptr. */
  const NamedEntry* find_not_accepted_reason(std::string_view id) const noexcept;
  /** @param id A rating level id. @return It, or nullptr. */
  const RatingLevel* find_rating_level(std::string_view id) const noexcept;
  /** @param id A clock id. @return It, or nullptr. */
  const ClockRules* find_clock(std::string_view id) const noexcept;
  /** @param type A petition type. @return Its rules (every policy defines all three). */
  const PetitionTypeRules& rules_for(PetitionType type) const noexcept;

  /** @return The policy as canonical JSON (the merged document, "extends" resolved). */
  std::string to_json() const;

  /** Opaque validated model; shared between copies. */
  struct Impl;

 private:
  explicit Policy(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace xinfang

#endif  // XINFANG_POLICY_HPP
