// Internal: what the deciders of each group of commands share — the status table, refusals,
// event construction, organisation-tree questions and the provisional handling deadline.
#ifndef XINFANG_SRC_LIFECYCLE_DECIDE_INTERNAL_HPP
#define XINFANG_SRC_LIFECYCLE_DECIDE_INTERNAL_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lifecycle/command_args.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"
#include "xinfang/policy.hpp"

namespace xinfang::lifecycle_detail {

// ---- status table (status_table.cpp) ----

/// The statuses in which @p command is allowed (intake: none — it needs a new case); nullptr
/// for a name that is not a command.
const std::vector<CaseStatus>* allowed_statuses(std::string_view command);

// ---- shared helpers (decide.cpp) ----

/// Throws @p code with "command <name>: <why>".
[[noreturn]] void refuse(ErrorCode code, const Command& command, const std::string& why);

/// The reader of @p command's args, allowing exactly @p keys.
JsonReader read_args(const Command& command, std::initializer_list<std::string_view> keys);

/// An event of @p type at the context's time by its actor; the payload gets "policy_version".
Event make_event(const DecideContext& context, std::string type, Json payload);

/// Adds "note" to @p payload when @p args has one.
void copy_note(const JsonReader& args, Json& payload, std::string_view key = "note");

/// Whether @p organisation is @p ancestor or lies below it in @p policy's tree.
bool is_within(const Policy& policy, std::string_view organisation, std::string_view ancestor);

/// The organisation that reviews (复查) and re-reviews (复核) the case: the parent of the case's
/// organisation, or the organisation itself at the top of the tree.
std::string reviewing_organisation(const Policy& policy, const CaseState& state);

/// Refuses (forbidden) an actor who is not in the unit responsible for the case.
void require_responsible_unit(const CaseState& state, const Command& command, const DecideContext& context,
                              const char* what);
/// Refuses (forbidden) an actor who is not of the reviewing organisation.
void require_reviewing_organisation(const CaseState& state, const Command& command, const DecideContext& context);

/// Refuses (out_of_window) when the context's time is at or after @p end.
void require_before(const Command& command, const DecideContext& context, Instant end, const std::string& rule);

/// The end of the policy window @p window counted from @p start, or nullopt if the policy has none.
std::optional<Instant> window_end(const DecideContext& context, std::string_view window, Instant start);

/// Parses an outcome name (not "none").
std::optional<Outcome> parse_outcome(std::string_view name);
/// The outcome names a command accepts.
const std::vector<std::string>& outcome_choices();

/// @return "2025-05-06 24:00 (Asia/Shanghai)"-style text of a period's end, for messages.
std::string describe_end(const Calendar& calendar, Instant end);
/// @return "the objection period (5 working_days from 2025-09-26, <article>)", for messages.
std::string describe_period(const Calendar& calendar, const std::string& name, const Period& period, Instant start);

/// The article a policy gives a not-accepted reason, or @p fallback when it has none.
std::string reason_article(const Policy& policy, std::string_view reason, const char* fallback);

// ---- the deciders, one per command, grouped by file ----
using Events = std::vector<Event>;

// decide_intake.cpp
Events decide_intake(const CaseState&, const Command&, const DecideContext&);
// decide_routing.cpp
Events decide_accept(const CaseState&, const Command&, const DecideContext&);
Events decide_not_accept(const CaseState&, const Command&, const DecideContext&);
Events decide_forward(const CaseState&, const Command&, const DecideContext&);
Events decide_assign(const CaseState&, const Command&, const DecideContext&);
Events decide_route(const CaseState&, const Command&, const DecideContext&);
Events decide_transfer(const CaseState&, const Command&, const DecideContext&);
Events decide_object(const CaseState&, const Command&, const DecideContext&);
// decide_handling.cpp
Events decide_take_ownership(const CaseState&, const Command&, const DecideContext&);
Events decide_mark_key(const CaseState&, const Command&, const DecideContext&);
Events decide_contact(const CaseState&, const Command&, const DecideContext&);
Events decide_suspend(const CaseState&, const Command&, const DecideContext&);
Events decide_resume(const CaseState&, const Command&, const DecideContext&);
Events decide_request_extension(const CaseState&, const Command&, const DecideContext&);
Events decide_approve_extension(const CaseState&, const Command&, const DecideContext&);
Events decide_refuse_extension(const CaseState&, const Command&, const DecideContext&);
Events decide_reply(const CaseState&, const Command&, const DecideContext&);
// decide_review.cpp
Events decide_rate(const CaseState&, const Command&, const DecideContext&);
Events decide_follow_up(const CaseState&, const Command&, const DecideContext&);
Events decide_request_review(const CaseState&, const Command&, const DecideContext&);
Events decide_decide_review(const CaseState&, const Command&, const DecideContext&);
Events decide_request_rereview(const CaseState&, const Command&, const DecideContext&);
Events decide_decide_rereview(const CaseState&, const Command&, const DecideContext&);
// decide_closing.cpp
Events decide_withdraw(const CaseState&, const Command&, const DecideContext&);
Events decide_merge(const CaseState&, const Command&, const DecideContext&);
Events decide_archive(const CaseState&, const Command&, const DecideContext&);
Events decide_note(const CaseState&, const Command&, const DecideContext&);

}  // namespace xinfang::lifecycle_detail

#endif
