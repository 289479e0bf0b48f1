// The lifecycle's fixed vocabulary: command names, event types, and the stable names of the
// enumerations that reach disk. Policies refer to these names; renaming one breaks stored data.
#include <array>
#include <utility>

#include "xinfang/lifecycle.hpp"
#include "xinfang/policy.hpp"

namespace xinfang {

const std::vector<std::string>& command_names() {
  static const std::vector<std::string> names = {"intake",
                                                 "accept",
                                                 "not_accept",
                                                 "forward",
                                                 "assign",
                                                 "route",
                                                 "transfer",
                                                 "object",
                                                 "take_ownership",
                                                 "mark_key",
                                                 "contact",
                                                 "suspend",
                                                 "resume",
                                                 "request_extension",
                                                 "approve_extension",
                                                 "refuse_extension",
                                                 "reply",
                                                 "rate",
                                                 "follow_up",
                                                 "request_review",
                                                 "decide_review",
                                                 "request_rereview",
                                                 "decide_rereview",
                                                 "withdraw",
                                                 "merge",
                                                 "archive",
                                                 "note"};
  return names;
}

const std::vector<std::string>& event_type_names() {
  static const std::vector<std::string> names = {
      // produced by decide()
      "registered", "repeat_flagged", "accepted", "not_accepted", "forwarded", "assigned", "routed", "transferred",
      "objected", "ownership_taken", "marked_key", "suspended", "resumed", "extension_requested", "extension_approved",
      "extension_refused", "replied", "rated", "follow_up_required", "followed_up", "contacted", "review_requested",
      "review_decided", "rereview_requested", "rereview_decided", "withdrawn", "merged", "archived", "note_added",
      // appended by the engine
      "merge_received", "exported", "dossier_received", "reminded", "supervised", "escalated", "owner_assigned",
      "key_marked_by_escalation"};
  return names;
}

namespace {

constexpr std::array<std::pair<CaseStatus, const char*>, 16> kStatusNames = {{
    {CaseStatus::registered, "registered"},
    {CaseStatus::accepted, "accepted"},
    {CaseStatus::not_accepted, "not_accepted"},
    {CaseStatus::forwarded, "forwarded"},
    {CaseStatus::assigned, "assigned"},
    {CaseStatus::in_handling, "in_handling"},
    {CaseStatus::suspended, "suspended"},
    {CaseStatus::replied, "replied"},
    {CaseStatus::rated, "rated"},
    {CaseStatus::review_requested, "review_requested"},
    {CaseStatus::reviewed, "reviewed"},
    {CaseStatus::rereview_requested, "rereview_requested"},
    {CaseStatus::concluded, "concluded"},
    {CaseStatus::archived, "archived"},
    {CaseStatus::withdrawn, "withdrawn"},
    {CaseStatus::merged, "merged"},
}};

}  // namespace

const char* case_status_name(CaseStatus status) noexcept {
  for (const auto& entry : kStatusNames) {
    if (entry.first == status) return entry.second;
  }
  return "unknown";
}

std::optional<CaseStatus> parse_case_status(std::string_view name) noexcept {
  for (const auto& entry : kStatusNames) {
    if (name == entry.second) return entry.first;
  }
  return std::nullopt;
}

bool is_open(CaseStatus status) noexcept {
  switch (status) {
    case CaseStatus::not_accepted:
    case CaseStatus::forwarded:
    case CaseStatus::concluded:
    case CaseStatus::archived:
    case CaseStatus::withdrawn:
    case CaseStatus::merged: return false;
    default: return true;
  }
}

const char* outcome_name(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::none: return "none";
    case Outcome::supported: return "supported";
    case Outcome::partly_supported: return "partly_supported";
    case Outcome::not_supported: return "not_supported";
    case Outcome::explained: return "explained";
  }
  return "unknown";
}

const char* petition_type_name(PetitionType type) noexcept {
  switch (type) {
    case PetitionType::suggestion: return "suggestion";
    case PetitionType::accusation: return "accusation";
    case PetitionType::claim: return "claim";
  }
  return "unknown";
}

std::optional<PetitionType> parse_petition_type(std::string_view name) noexcept {
  for (PetitionType type : {PetitionType::suggestion, PetitionType::accusation, PetitionType::claim}) {
    if (name == petition_type_name(type)) return type;
  }
  return std::nullopt;
}

bool Actor::has_role(std::string_view role) const noexcept {
  for (const auto& r : roles) {
    if (r == role) return true;
  }
  return false;
}

}  // namespace xinfang
