// A clock of one case, worked out from the case's timeline: its runs, pauses and extensions,
// its deadline by the one rule of DESIGN.md §4, and where it stands at the evaluation time.
#include <algorithm>
#include <cmath>

#include "deadline/deadline_internal.hpp"
#include "xinfang/deadline.hpp"
#include "xinfang/error.hpp"

namespace xinfang {

using namespace deadline_detail;

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

template <typename T>
bool contains_value(const std::vector<T>& list, const T& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

enum class Phase { idle, running, paused, stopped };

// The clock's state as the timeline is walked.
struct Walk {
  Phase phase = Phase::idle;
  ClockReport& report;

  void start(const ClockMark& mark) {
    phase = Phase::running;
    report.run += 1;
    report.started_at = mark.at;
    report.started_by = mark.type;
    report.pauses.clear();
    report.extensions.clear();
    report.stopped_at = Instant();
    report.stopped_by.clear();
    for (LadderStep& step : report.ladder) {
      step.fired = false;
      step.fired_at = Instant();
    }
  }
  void close_pause(const ClockMark& mark) {
    if (phase == Phase::paused && !report.pauses.empty()) {
      report.pauses.back().to = mark.at;
      report.pauses.back().to_event = mark.type;
    }
  }
};

}  // namespace

const char* clock_status_name(ClockStatus status) noexcept {
  switch (status) {
    case ClockStatus::not_started: return "not_started";
    case ClockStatus::running: return "running";
    case ClockStatus::paused: return "paused";
    case ClockStatus::met: return "met";
    case ClockStatus::breached: return "breached";
  }
  return "unknown";
}

bool clock_runs_for(const ClockRules& clock, const CaseState& state) {
  return (clock.applies_to.empty() || contains_value(clock.applies_to, state.type)) &&
         (clock.categories.empty() || contains(clock.categories, state.category));
}

const ClockRules* handling_clock(const Policy& policy, const CaseState& state) {
  if (const ClockRules* clock = policy.find_clock("handling"); clock != nullptr && clock_runs_for(*clock, state)) {
    return clock;
  }
  for (const ClockRules& clock : policy.clocks()) {
    if (clock_runs_for(clock, state) && contains(clock.stop_on, "replied") &&
        (contains(clock.start_on, "accepted") || contains(clock.start_on, "registered"))) {
      return &clock;
    }
  }
  return nullptr;
}

ClockReport evaluate_clock(const CaseState& state, const ClockRules& clock, const Calendar& calendar, Instant now) {
  // Instants and dates left unset are not_a_date_time, durations zero.
  ClockReport report;
  report.id = clock.id;
  report.name = clock.name;
  report.period = clock.period;
  for (const EscalationStep& rule : clock.ladder) {
    report.ladder.push_back({rule.id, rule.at, rule.action, rule.notify, Instant(), false, Instant()});
  }
  if (!clock_runs_for(clock, state)) return report;

  Walk walk{Phase::idle, report};
  for (const ClockMark& mark : state.timeline) {
    if (mark.at > now) break;  // evaluated as the case stood at `now`
    const bool live = walk.phase == Phase::running || walk.phase == Phase::paused;
    const bool restarts =
        contains(clock.restart_on, mark.type) || (mark.type == "transferred" && !clock.carry_over_on_transfer);
    if (live && restarts) {
      walk.close_pause(mark);
      walk.start(mark);
    } else if (!live && contains(clock.start_on, mark.type)) {
      walk.start(mark);
    } else if (live && contains(clock.stop_on, mark.type)) {
      walk.close_pause(mark);
      walk.phase = Phase::stopped;
      report.stopped_at = mark.at;
      report.stopped_by = mark.type;
    } else if (walk.phase == Phase::running && contains(clock.pause_on, mark.type)) {
      walk.phase = Phase::paused;
      ClockPause pause;
      pause.from = mark.at;
      pause.from_event = mark.type;
      report.pauses.push_back(pause);
    } else if (walk.phase == Phase::paused && contains(clock.resume_on, mark.type)) {
      walk.close_pause(mark);
      walk.phase = Phase::running;
    } else if (live && mark.type == "extension_approved" &&
               (mark.clock == clock.id || (mark.clock.empty() && clock.id == "handling"))) {
      report.extensions.push_back({mark.at, mark.amount});
    } else if (!mark.step.empty() && mark.clock == clock.id && mark.run == report.run) {
      for (LadderStep& step : report.ladder) {
        if (step.id == mark.step && !step.fired) {
          step.fired = true;
          step.fired_at = mark.at;
        }
      }
    }
  }
  if (report.run == 0) return report;

  report.extension_total = 0;
  for (const ClockExtension& e : report.extensions) report.extension_total += e.amount;
  const PeriodUnit unit = clock.period.unit;
  const int granted = clock.period.limit + report.extension_total;

  // What each pause adds, the open one counted to `now`.
  Schedule s{&calendar, unit, report.started_at, granted, 0, Duration(0, 0, 0)};
  for (ClockPause& pause : report.pauses) {
    const Instant end = pause.to.is_special() ? now : pause.to;
    if (is_day_unit(unit)) {
      pause.days = paused_days(calendar, unit, pause.from, end);
      s.paused_days += pause.days;
    } else {
      pause.time = paused_time(calendar, unit, pause.from, end);
      s.paused_time += pause.time;
    }
  }
  report.deadline = s.deadline();

  if (walk.phase == Phase::stopped) {
    report.status = ClockStatus::met;
    if (report.stopped_at > report.deadline) report.late_by = report.stopped_at - report.deadline;
  } else if (walk.phase == Phase::paused) {
    // Where the deadline stood when the open pause began: a pause that began after it does not
    // undo the breach, and then adds nothing.
    ClockPause& open = report.pauses.back();
    Schedule before = s;
    before.paused_days -= open.days;
    before.paused_time -= open.time;
    const Instant deadline_at_pause = before.deadline();
    if (open.from > deadline_at_pause) {
      open.days = 0;
      open.time = Duration(0, 0, 0);
      s = before;
      report.status = ClockStatus::breached;
      report.deadline = deadline_at_pause;
      report.late_by = open.from - deadline_at_pause;
    } else {
      report.status = ClockStatus::paused;
    }
  } else {
    report.status = now > report.deadline ? ClockStatus::breached : ClockStatus::running;
    if (report.status == ClockStatus::breached) report.late_by = now - report.deadline;
  }
  report.paused_days = s.paused_days;
  report.paused_time = s.paused_time;
  report.rolled_from = s.rolled_from(report.deadline);

  // Steps are due only while the clock runs; a paused or stopped clock waits or is done.
  const bool steps_due = walk.phase == Phase::running;
  for (std::size_t i = 0; i < report.ladder.size(); ++i) {
    LadderStep& step = report.ladder[i];
    if (step.fired || !steps_due) continue;
    step.due = step_due(clock.ladder[i], s, report.deadline);
    if (report.next_due.is_special() || step.due < report.next_due) report.next_due = step.due;
  }
  return report;
}

std::vector<ClockReport> evaluate_clocks(const CaseState& state, const Policy& policy, const Calendar& calendar,
                                         Instant now) {
  std::vector<ClockReport> reports;
  reports.reserve(policy.clocks().size());
  for (const ClockRules& clock : policy.clocks()) {
    if (clock_runs_for(clock, state)) reports.push_back(evaluate_clock(state, clock, calendar, now));
  }
  return reports;
}

Instant next_due(const std::vector<ClockReport>& reports) {
  Instant first(boost::posix_time::not_a_date_time);
  for (const ClockReport& report : reports) {
    if (!report.next_due.is_special() && (first.is_special() || report.next_due < first)) first = report.next_due;
  }
  return first;
}

}  // namespace xinfang
