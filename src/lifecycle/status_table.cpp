// Which statuses allow which command: the table of docs/lifecycle.md, in one place. decide()
// refuses a command in any other status with invalid_state before it looks at anything else.
#include <map>

#include "lifecycle/decide_internal.hpp"

namespace xinfang::lifecycle_detail {
namespace {

using S = CaseStatus;

// Every status in which a case is still open (is_open()).
const std::vector<CaseStatus> kOpen = {S::registered, S::accepted,          S::assigned, S::in_handling,
                                       S::suspended,  S::replied,           S::rated,    S::review_requested,
                                       S::reviewed,   S::rereview_requested};

}  // namespace

const std::vector<CaseStatus>* allowed_statuses(std::string_view command) {
  static const std::map<std::string, std::vector<CaseStatus>, std::less<>> table = {
      // A new case only: decide() checks that the state has no events.
      {"intake", {}},
      // 受理 / 不予受理: the first decision on a registered petition (Arts. 22-23).
      {"accept", {S::registered}},
      {"not_accept", {S::registered}},
      // 转送 and 交办 (Art. 22): instead of accepting, or after accepting (also after an objection
      // returned the case to the petition office).
      {"forward", {S::registered, S::accepted}},
      {"assign", {S::registered, S::accepted}},
      // Routing to a handling unit and handler: an accepted case, or an assigned one within its unit.
      {"route", {S::accepted, S::assigned}},
      {"transfer", {S::assigned, S::in_handling}},
      // Art. 23 ¶3: the unit it was assigned or routed to objects.
      {"object", {S::assigned, S::in_handling}},
      {"take_ownership", kOpen},
      {"mark_key", kOpen},
      // 先行联系: the unit holding it tells the petitioner it has the matter.
      {"contact", {S::assigned, S::in_handling, S::suspended}},
      // Handling may be suspended; so may a re-review, for a hearing (Art. 36: hearing time not counted).
      {"suspend", {S::in_handling, S::rereview_requested}},
      {"resume", {S::suspended}},
      // Art. 34: extensions of the handling period.
      {"request_extension", {S::in_handling}},
      {"approve_extension", {S::in_handling}},
      {"refuse_extension", {S::in_handling}},
      {"reply", {S::in_handling}},
      // A rating of the reply, or of the review opinion.
      {"rate", {S::replied, S::reviewed}},
      // 回访 after a rating that asks for one (decide() checks that one is pending).
      {"follow_up", {S::rated, S::review_requested, S::reviewed, S::rereview_requested, S::concluded}},
      // Art. 35 and 36.
      {"request_review", {S::replied, S::rated}},
      {"decide_review", {S::review_requested}},
      {"request_rereview", {S::reviewed, S::rated}},
      {"decide_rereview", {S::rereview_requested}},
      {"withdraw", kOpen},
      {"merge", {S::registered, S::accepted, S::assigned, S::in_handling, S::suspended}},
      // A case that has ended, or one replied whose review period has run out.
      {"archive",
       {S::not_accepted, S::forwarded, S::concluded, S::withdrawn, S::merged, S::replied, S::rated, S::reviewed}},
      {"note", kOpen},
  };
  auto it = table.find(command);
  return it == table.end() ? nullptr : &it->second;
}

}  // namespace xinfang::lifecycle_detail
