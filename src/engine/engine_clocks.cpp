// Clocks in the engine: each case's clock columns (the earliest due step, the earliest
// deadline), the sweep that fires due steps with their notifications, the outbox the host
// polls, and the clock queries. docs/deadlines.md, "The sweep and the outbox".
#include <algorithm>

#include "deadline/escalation_event.hpp"
#include "engine/chain.hpp"
#include "engine/engine_impl.hpp"
#include "lifecycle/command_args.hpp"
#include "lifecycle/decide_internal.hpp"

namespace xinfang {

using namespace engine_detail;
using lifecycle_detail::format_instant;

namespace {

constexpr std::int64_t kMaxCasesPerTransaction = 10000;
constexpr std::int64_t kMaxPoll = 10000;
constexpr std::int64_t kMaxLeaseSeconds = 86400;

bool has_role(const StaffMember& member, const std::string& role) {
  return std::find(member.roles.begin(), member.roles.end(), role) != member.roles.end();
}

// The active people who hold @p role in @p unit (whatever its organisation: a case assigned
// (交办) to a unit of a body below stays the assigning body's), or, with no unit, in
// @p organisation; by id.
std::vector<std::string> holders(store::Transaction& txn, const std::string& organisation, const std::string& unit,
                                 const std::string& role) {
  std::vector<std::string> ids;
  for (const store::StaffRow& row : txn.list_staff(unit)) {
    const StaffMember member = staff_from_row(row);
    const bool where = !unit.empty() || member.organisation == organisation;
    if (member.active && where && has_role(member, role)) ids.push_back(member.id);
  }
  return ids;
}

struct Recipients {
  std::string kind;  // staff or role
  std::vector<std::string> ids;
};

// Who a step notifies: the handler; the leaders of the case's unit (before routing, of its
// organisation's petition office) or organisation; or the holders of a role in its
// organisation. While a review or re-review is pending, the body one level up has the case (第三十五条,
// 第三十六条): its petition office's leaders and its holders of the role are told, not the unit
// that replied. Nobody found: the role itself, for the host to route.
Recipients recipients_of(store::Transaction& txn, const Policy& policy, const CaseState& state,
                         const std::string& notify) {
  const bool under_review =
      state.status == CaseStatus::review_requested || state.status == CaseStatus::rereview_requested;
  const std::string organisation =
      under_review ? lifecycle_detail::reviewing_organisation(policy, state) : state.organisation;
  if (notify == "handler" && !state.handler.empty() && !under_review) return {"staff", {state.handler}};
  if (notify == "handler") return recipients_of(txn, policy, state, "unit_leader");
  std::vector<std::string> ids;
  if (notify == "unit_leader") {
    std::vector<std::string> units;
    if (!state.unit.empty() && !under_review) {
      units.push_back(state.unit);
    } else {
      for (const Unit& unit : policy.units()) {
        if (unit.petition_office && unit.organisation == organisation) units.push_back(unit.id);
      }
    }
    for (const std::string& unit : units) {
      for (std::string& id : holders(txn, organisation, unit, "unit_leader")) ids.push_back(std::move(id));
    }
  } else {
    ids = holders(txn, organisation, "", notify);
  }
  if (ids.empty()) return {"role", {notify}};
  return {"staff", ids};
}

Notification notification_of(const store::NotificationRow& row) {
  Notification n;
  n.id = row.id;
  n.number = row.number;
  n.event_sequence = row.event_sequence;
  n.kind = row.kind;
  n.recipient_kind = row.recipient_kind;
  n.recipient = row.recipient;
  n.parameters = Json::parse(row.payload);
  n.due_at = from_micros(row.due_at);
  n.created_at = from_micros(row.created_at);
  n.leased_until = row.leased_until == 0 ? Instant(boost::posix_time::not_a_date_time) : from_micros(row.leased_until);
  n.attempts = row.attempts;
  n.acknowledged_at =
      row.acknowledged_at ? from_micros(*row.acknowledged_at) : Instant(boost::posix_time::not_a_date_time);
  return n;
}

// What the clock columns depend on besides the logs: the policy's clocks and the calendar's
// days. The calendar is read through its public face: its zone, its years and their special
// days, and a week of business windows.
std::string clock_inputs(const Policy& policy, const Calendar& calendar) {
  std::string text = policy.to_json();
  text += '\n' + calendar.name() + ' ' + std::to_string(calendar.utc_offset_minutes());
  const auto [first, last] = calendar.year_range();
  for (int year = first; year <= last; ++year) {
    text += '\n' + std::to_string(year) + ':' + std::to_string(static_cast<int>(calendar.year_status(year)));
    for (const SpecialDay& day : calendar.special_days(year)) {
      text += ' ' + boost::gregorian::to_iso_string(day.date) + std::to_string(static_cast<int>(day.kind));
    }
  }
  if (first <= last) {
    for (Date day(first, 1, 1), end = day + boost::gregorian::days(7); day < end; day += boost::gregorian::days(1)) {
      text += '\n' + std::to_string(calendar.is_working_day(day));
      if (calendar.has_business_hours()) {
        for (const BusinessWindow& w : calendar.business_windows(day)) {
          text += ' ' + std::to_string(w.start_minute) + '-' + std::to_string(w.end_minute);
        }
      }
    }
  }
  return digest_hex(HashAlgorithm::sha256, text);
}

std::optional<std::int64_t> micros_or_null(Instant at) {
  if (at.is_special()) return std::nullopt;
  return to_micros(at);
}

// The rows the indicators count: a clock run once it has a settling instant (a paused run has
// none and no row), and every answer.
store::OutcomeRows outcome_rows(const CaseOutcomes& outcomes) {
  store::OutcomeRows rows;
  rows.clocks.reserve(outcomes.clocks.size());
  for (const ClockOutcome& o : outcomes.clocks) {
    if (o.settled_at.is_special()) continue;
    rows.clocks.push_back({to_micros(o.settled_at), o.clock, o.run, o.unit, to_micros(o.started_at),
                           to_micros(o.deadline), micros_or_null(o.stopped_at), o.on_time, o.extended});
  }
  rows.answers.reserve(outcomes.answers.size());
  for (const AnswerOutcome& o : outcomes.answers) {
    rows.answers.push_back({o.kind, o.unit, to_micros(o.answered_at), micros_or_null(o.window_end),
                            micros_or_null(o.rated_at), micros_or_null(o.settled_at), o.level, o.credit, o.satisfied,
                            o.resolved});
  }
  return rows;
}

}  // namespace

std::vector<ClockReport> Engine::Impl::clock_reports(const CaseState& state, Instant at) const {
  // Every command of every case comes here: only the clocks one of whose start events is in the
  // log can have a deadline or a due step, and only they are evaluated (a new case starts two
  // of six).
  std::vector<ClockReport> reports;
  for (const ClockRules& clock : policy.clocks()) {
    const bool started = std::any_of(state.timeline.begin(), state.timeline.end(), [&](const ClockMark& mark) {
      return std::find(clock.start_on.begin(), clock.start_on.end(), mark.type) != clock.start_on.end();
    });
    if (!started || !clock_runs_for(clock, state)) continue;
    try {
      reports.push_back(evaluate_clock(state, clock, calendar, at));
    } catch (const Error& e) {
      if (e.code() != ErrorCode::calendar_range) throw;
      reports.push_back(evaluate_clock(state, clock, estimating_calendar, at));
    }
  }
  return reports;
}

CaseOutcomes Engine::Impl::outcomes_of(const CaseState& state, const std::vector<ClockReport>& reports) const {
  try {
    return case_outcomes(state, reports, policy, calendar);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::calendar_range) throw;
    return case_outcomes(state, reports, policy, estimating_calendar);
  }
}

void Engine::Impl::project_clocks(const CaseState& state, store::CaseRow& row, store::OutcomeRows* outcomes,
                                  Instant at) const {
  row.next_due.reset();
  row.next_deadline.reset();
  const std::vector<ClockReport> reports = clock_reports(state, at);
  for (const ClockReport& report : reports) {
    if (!report.next_due.is_special()) {
      const std::int64_t due = to_micros(report.next_due);
      row.next_due = row.next_due ? std::min(*row.next_due, due) : due;
    }
    // A paused clock's deadline moves until it resumes: it counts only once it has passed.
    const bool counts = report.status == ClockStatus::running || report.status == ClockStatus::breached;
    if (counts && !report.deadline.is_special()) {
      const std::int64_t deadline = to_micros(report.deadline);
      row.next_deadline = row.next_deadline ? std::min(*row.next_deadline, deadline) : deadline;
    }
  }
  if (outcomes != nullptr) {
    *outcomes = outcome_rows(outcomes_of(state, reports));
    row.outcome_keys = store::outcome_keys(*outcomes);
  }
}

void Engine::Impl::refresh_stale_clock_columns() {
  const std::string inputs = clock_inputs(policy, calendar);
  store->write([&](store::Transaction& txn) {
    // Stale after an upgrade from schema 2, and whenever the engine opens the file with another
    // policy or calendar than the columns were worked out with.
    if (txn.meta("clock_columns").value_or("") == "current" && txn.meta("clock_inputs").value_or("") == inputs) return;
    // What each case counts for is written as it is worked out: the scan reads cases and
    // events only, the writes go to other tables. The clock columns wait for the scan's end.
    std::vector<store::CaseRow> changed;
    txn.clear_outcomes();
    txn.scan_cases([&](const store::CaseRow& row, const std::vector<store::EventRow>& log) {
      store::CaseRow updated = row;
      const CaseState state = fold_rows(log);
      project(state, updated);  // a file from schema 3 lacks accepted_at and owner
      store::OutcomeRows outcomes;
      project_clocks(state, updated, &outcomes, from_micros(row.updated_at));
      txn.put_outcomes(row.id, row.region, outcomes, /*old_keys=*/"", /*is_new=*/true);  // all cleared above
      if (updated.next_due != row.next_due || updated.next_deadline != row.next_deadline ||
          updated.accepted_at != row.accepted_at || updated.owner != row.owner ||
          updated.outcome_keys != row.outcome_keys) {
        changed.push_back(updated);
      }
      return true;
    });
    for (const store::CaseRow& row : changed) txn.update_case(row, row.version);
    txn.set_meta("clock_columns", "current");
    txn.set_meta("clock_inputs", inputs);
  });
}

std::vector<ClockReport> Engine::clocks(const std::string& number) const {
  std::vector<ClockReport> reports;
  impl_->store->read([&](store::Transaction& txn) {
    const std::optional<store::CaseRow> row = txn.find_case(number);
    if (!row) throw Error(ErrorCode::not_found, "no case " + number);
    reports = evaluate_clocks(fold_rows(txn.events(row->id)), impl_->policy, impl_->calendar, impl_->clock->now());
  });
  return reports;
}

SweepResult Engine::sweep(const SweepOptions& options) {
  if (options.cases_per_transaction < 1 || options.cases_per_transaction > kMaxCasesPerTransaction) {
    throw Error(ErrorCode::invalid_argument, "cases_per_transaction must be 1.." +
                                                 std::to_string(kMaxCasesPerTransaction) + ", not " +
                                                 std::to_string(options.cases_per_transaction));
  }
  if (options.max_cases < 0) throw Error(ErrorCode::invalid_argument, "max_cases must not be negative");
  Impl& impl = *impl_;
  const Instant now = impl.clock->now();
  SweepResult result;
  for (;;) {
    std::int64_t batch = options.cases_per_transaction;
    if (options.max_cases > 0) batch = std::min(batch, options.max_cases - result.cases);
    if (batch <= 0) {
      impl.store->read([&](store::Transaction& txn) { result.more_due = !txn.cases_due(to_micros(now), 1).empty(); });
      break;
    }
    std::vector<FiredStep> fired;
    std::int64_t cases = 0;
    impl.store->write([&](store::Transaction& txn) {
      fired.clear();
      const std::vector<store::CaseRow> due_cases = txn.cases_due(to_micros(now), batch);
      cases = static_cast<std::int64_t>(due_cases.size());
      for (store::CaseRow row : due_cases) {
        CaseState state = fold_rows(txn.events(row.id));
        const std::vector<ClockReport> reports = impl.clock_reports(state, now);
        std::vector<Event> events;
        std::vector<std::pair<const ClockReport*, const LadderStep*>> sources;
        for (const deadline_detail::DueStep& d : deadline_detail::due_steps(reports, now, true)) {
          const ClockReport& report = reports[d.clock];
          const LadderStep& step = report.ladder[d.step];
          events.push_back(deadline_detail::escalation_event(report, d.step, now, state.organisation, [&] {
            const std::vector<std::string> leaders = holders(txn, state.organisation, "", "org_leader");
            return leaders.empty() ? std::string() : leaders.front();
          }));
          sources.emplace_back(&report, &step);
        }
        if (events.empty()) {
          // Nothing due after all (the columns were stale): put them right so it is not read again.
          impl.project_clocks(state, row, nullptr, now);
          txn.set_case_clocks(row.id, row.next_due, row.next_deadline);
          continue;
        }
        const std::int64_t first_sequence = row.version + 1;
        const CaseState after = impl.append(txn, row, state, "sweep", events);
        for (std::size_t i = 0; i < events.size(); ++i) {
          const ClockReport& report = *sources[i].first;
          const LadderStep& step = *sources[i].second;
          const Recipients who = recipients_of(txn, impl.policy, after, step.notify);
          const Json parameters = {{"number", after.number},
                                   {"subject", after.subject},
                                   {"clock", report.id},
                                   {"clock_name", report.name},
                                   {"step", step.id},
                                   {"deadline", format_instant(report.deadline)},
                                   {"due_at", format_instant(step.due)},
                                   {"swept_at", format_instant(now)},
                                   {"organisation", after.organisation},
                                   {"unit", after.unit},
                                   {"handler", after.handler}};
          const std::string text = parameters.dump();
          for (const std::string& id : who.ids) {
            txn.add_notification({0, row.id, "", first_sequence + static_cast<std::int64_t>(i), step.action, who.kind,
                                  id, text, to_micros(step.due), to_micros(now), 0, 0, std::nullopt});
          }
          fired.push_back({after.number, report.id, step.id, step.action, events[i].type, report.run, step.due, now,
                           first_sequence + static_cast<std::int64_t>(i), static_cast<std::int64_t>(who.ids.size())});
        }
      }
    });
    result.transactions += 1;
    result.cases += cases;
    result.fired.insert(result.fired.end(), fired.begin(), fired.end());
    if (cases < batch) break;
  }
  return result;
}

Json FiredStep::to_json() const {
  return {{"number", number},
          {"clock", clock},
          {"step", step},
          {"action", action},
          {"event", event_type},
          {"run", run},
          {"due_at", format_instant(due_at)},
          {"swept_at", format_instant(swept_at)},
          {"version", version},
          {"notifications", notifications}};
}

Json SweepResult::to_json() const {
  Json list = Json::array();
  for (const FiredStep& step : fired) list.push_back(step.to_json());
  return {{"fired", std::move(list)}, {"cases", cases}, {"transactions", transactions}, {"more_due", more_due}};
}

Json Notification::to_json() const {
  return {{"id", id},
          {"number", number},
          {"event_sequence", event_sequence},
          {"kind", kind},
          {"recipient_kind", recipient_kind},
          {"recipient", recipient},
          {"parameters", parameters},
          {"due_at", lifecycle_detail::instant_or_null(due_at)},
          {"created_at", lifecycle_detail::instant_or_null(created_at)},
          {"leased_until", lifecycle_detail::instant_or_null(leased_until)},
          {"attempts", attempts},
          {"acknowledged_at", lifecycle_detail::instant_or_null(acknowledged_at)}};
}

std::vector<Notification> Engine::poll_outbox(std::int64_t limit, std::int64_t lease_seconds) {
  if (limit < 1 || limit > kMaxPoll) {
    throw Error(ErrorCode::invalid_argument,
                "limit must be 1.." + std::to_string(kMaxPoll) + ", not " + std::to_string(limit));
  }
  if (lease_seconds < 1 || lease_seconds > kMaxLeaseSeconds) {
    throw Error(ErrorCode::invalid_argument, "lease_seconds must be 1.." + std::to_string(kMaxLeaseSeconds) + ", not " +
                                                 std::to_string(lease_seconds));
  }
  std::vector<Notification> out;
  impl_->store->write([&](store::Transaction& txn) {
    out.clear();
    const Instant now = impl_->clock->now();
    for (const store::NotificationRow& row :
         txn.lease_notifications(to_micros(now), to_micros(now + boost::posix_time::seconds(lease_seconds)), limit)) {
      out.push_back(notification_of(row));
    }
  });
  return out;
}

void Engine::acknowledge(std::int64_t notification_id) {
  impl_->store->write([&](store::Transaction& txn) {
    if (!txn.acknowledge_notification(notification_id, to_micros(impl_->clock->now()))) {
      throw Error(ErrorCode::not_found, "no notification " + std::to_string(notification_id));
    }
  });
}

std::vector<Notification> Engine::notifications(const std::string& number) const {
  std::vector<Notification> out;
  impl_->store->read([&](store::Transaction& txn) {
    const std::optional<store::CaseRow> row = txn.find_case(number);
    if (!row) throw Error(ErrorCode::not_found, "no case " + number);
    for (const store::NotificationRow& n : txn.notifications_of_case(row->id)) out.push_back(notification_of(n));
  });
  return out;
}

}  // namespace xinfang
