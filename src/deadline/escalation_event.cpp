// The escalation steps due on a case and the event a due step appends (escalation_event.hpp).
#include "deadline/escalation_event.hpp"

#include <algorithm>
#include <tuple>

#include "lifecycle/command_args.hpp"

namespace xinfang::deadline_detail {
namespace {

const char* event_type_of(const std::string& action) {
  if (action == "remind") return "reminded";
  if (action == "supervise") return "supervised";
  if (action == "assign_owner") return "owner_assigned";
  if (action == "mark_key") return "key_marked_by_escalation";
  return "escalated";
}

}  // namespace

std::vector<DueStep> due_steps(const std::vector<ClockReport>& reports, Instant at, bool inclusive) {
  std::vector<DueStep> due;
  for (std::size_t c = 0; c < reports.size(); ++c) {
    for (std::size_t s = 0; s < reports[c].ladder.size(); ++s) {
      const LadderStep& step = reports[c].ladder[s];
      if (step.fired || step.due.is_special()) continue;
      if (step.due < at || (inclusive && step.due == at)) due.push_back({step.due, c, s});
    }
  }
  std::sort(due.begin(), due.end(), [](const DueStep& a, const DueStep& b) {
    return std::tie(a.due, a.clock, a.step) < std::tie(b.due, b.clock, b.step);
  });
  return due;
}

Event escalation_event(const ClockReport& report, std::size_t step, Instant swept_at, const std::string& organisation,
                       const std::function<std::string()>& leader) {
  const LadderStep& rung = report.ladder[step];
  Json payload = {{"clock", report.id},
                  {"step", rung.id},
                  {"run", report.run},
                  {"action", rung.action},
                  {"notify", rung.notify},
                  {"level", static_cast<int>(step) + 1},
                  {"deadline", lifecycle_detail::format_instant(report.deadline)},
                  {"due_at", lifecycle_detail::format_instant(rung.due)},
                  {"swept_at", lifecycle_detail::format_instant(swept_at)}};
  std::string type = event_type_of(rung.action);
  if (rung.action == "assign_owner") {
    const std::string owner = leader ? leader() : std::string();
    if (owner.empty()) {
      type = "escalated";  // nobody to own it: escalated, and the role is notified
      payload["owner_not_found"] = true;
    } else {
      payload["leader"] = owner;
    }
  }
  return Event{type, swept_at, Actor{"system", organisation, "", {}}, std::move(payload)};
}

}  // namespace xinfang::deadline_detail
