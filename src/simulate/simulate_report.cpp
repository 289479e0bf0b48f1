// The what-if report as JSON and Markdown (simulate.hpp).
#include <cmath>
#include <iomanip>
#include <sstream>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "lifecycle/command_args.hpp"
#include "xinfang/simulate.hpp"

namespace xinfang {
namespace {

using lifecycle_detail::instant_or_null;

Json value_or_null(const std::optional<double>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json indicators_json(const IndicatorSet& before, const IndicatorSet& after) {
  Json out = Json::object();
  for (const Indicator indicator : all_indicators()) {
    const std::optional<double> b = before[indicator].value();
    const std::optional<double> a = after[indicator].value();
    out[indicator_id(indicator)] = {{"before", value_or_null(b)},
                                    {"after", value_or_null(a)},
                                    {"delta", b && a ? Json(*a - *b) : Json(nullptr)},
                                    {"counted_before", before[indicator].denominator},
                                    {"counted_after", after[indicator].denominator}};
  }
  return out;
}

Json changes_json(const UnitChanges& changes) {
  return {{"breaches_added", changes.breaches_added},
          {"breaches_removed", changes.breaches_removed},
          {"deadlines_moved", changes.deadlines_moved},
          {"escalations_added", changes.escalations_added},
          {"escalations_removed", changes.escalations_removed},
          {"indicators", indicators_json(changes.before, changes.after)}};
}

template <class T>
Json list_json(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(item.to_json());
  return out;
}

std::string local(const Calendar& calendar, Instant instant) {
  if (instant.is_special()) return "—";
  const Instant at = instant + boost::posix_time::minutes(calendar.utc_offset_minutes());
  if (at.time_of_day() == Duration(0, 0, 0)) return format_date(at.date() - boost::gregorian::days(1)) + " 24:00";
  return format_date(at.date()) + " " + boost::posix_time::to_simple_string(at.time_of_day()).substr(0, 5);
}

std::string as_percent(const std::optional<double>& value) {
  if (!value) return "—";
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << *value * 100 << "%";
  return out.str();
}

std::string points(const std::optional<double>& before, const std::optional<double>& after) {
  if (!before || !after) return "—";
  std::ostringstream out;
  const double delta = (*after - *before) * 100;
  out << std::showpos << std::fixed << std::setprecision(1) << (std::fabs(delta) < 0.05 ? 0.0 : delta) << " pt";
  return out.str();
}

std::string unit_label(const Policy& policy, const std::string& id) {
  if (id.empty()) return "(not routed)";
  const Unit* unit = policy.find_unit(id);
  return unit != nullptr ? unit->name + " (" + id + ")" : id;
}

}  // namespace

Json ClockChange::to_json() const {
  return {{"number", number},
          {"unit", unit},
          {"clock", clock},
          {"run", run},
          {"started_at", instant_or_null(started_at)},
          {"stopped_at", instant_or_null(stopped_at)},
          {"deadline_before", instant_or_null(deadline_before)},
          {"deadline_after", instant_or_null(deadline_after)},
          {"status_before", clock_status_name(status_before)},
          {"status_after", clock_status_name(status_after)},
          {"breached_before", breached_before},
          {"breached_after", breached_after}};
}

Json EscalationChange::to_json() const {
  return {{"number", number},
          {"unit", unit},
          {"clock", clock},
          {"step", step},
          {"action", action},
          {"added", added},
          {"due", instant_or_null(due)}};
}

Json SimulationReport::to_json() const {
  Json unit_changes = Json::object();
  for (const auto& [unit, changes] : units) unit_changes[unit] = changes_json(changes);
  return {{"policy_before", policy_before},
          {"policy_after", policy_after},
          {"from", instant_or_null(from)},
          {"until", instant_or_null(until)},
          {"cases", cases},
          {"clock_runs", clock_runs},
          {"deadlines_earlier", deadlines_earlier},
          {"deadlines_later", deadlines_later},
          {"total", changes_json(total)},
          {"units", std::move(unit_changes)},
          {"breaches_added", list_json(breaches_added)},
          {"breaches_removed", list_json(breaches_removed)},
          {"deadlines_moved", list_json(deadlines_moved)},
          {"escalations", list_json(escalations)}};
}

std::string SimulationReport::to_markdown(const Policy& policy, const Calendar& calendar) const {
  std::ostringstream out;
  out << "# What-if: " << policy_after << " instead of " << policy_before << "\n\n";
  out << cases << " cases replayed from " << local(calendar, from) << " to " << local(calendar, until) << "; "
      << clock_runs << " clock runs compared.\n\n";
  out << "| | Count |\n|---|---:|\n";
  out << "| New breaches (breached or late only under " << policy_after << ") | " << total.breaches_added << " |\n";
  out << "| Breaches avoided | " << total.breaches_removed << " |\n";
  out << "| Deadlines moved | " << total.deadlines_moved << " (" << deadlines_earlier << " earlier, " << deadlines_later
      << " later) |\n";
  out << "| Escalation steps added | " << total.escalations_added << " |\n";
  out << "| Escalation steps removed | " << total.escalations_removed << " |\n\n";

  out << "## Indicators\n\n| Indicator | In force | What-if | Change |\n|---|---:|---:|---:|\n";
  for (const Indicator indicator : all_indicators()) {
    const auto b = total.before[indicator].value();
    const auto a = total.after[indicator].value();
    out << "| " << indicator_label(indicator) << " | " << as_percent(b) << " | " << as_percent(a) << " | "
        << points(b, a) << " |\n";
  }

  out << "\n## By unit\n\n| Unit | New breaches | Avoided | Deadlines moved | Escalations +/− | 按期办结率 in force | "
         "What-if |\n|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& [unit, changes] : units) {
    out << "| " << unit_label(policy, unit) << " | " << changes.breaches_added << " | " << changes.breaches_removed
        << " | " << changes.deadlines_moved << " | +" << changes.escalations_added << " / −"
        << changes.escalations_removed << " | " << as_percent(changes.before[Indicator::on_time_completion].value())
        << " | " << as_percent(changes.after[Indicator::on_time_completion].value()) << " |\n";
  }

  const auto clock_table = [&](const char* title, const std::vector<ClockChange>& list, std::int64_t count) {
    if (list.empty()) return;
    out << "\n## " << title << " (" << count << ")\n\n| Case | Unit | Clock | Started | Stopped | Deadline in force | "
        << "What-if deadline |\n|---|---|---|---|---|---|---|\n";
    for (const auto& change : list) {
      out << "| " << change.number << " | " << change.unit << " | " << change.clock << " | "
          << local(calendar, change.started_at) << " | " << local(calendar, change.stopped_at) << " | "
          << local(calendar, change.deadline_before) << " | " << local(calendar, change.deadline_after) << " |\n";
    }
    if (static_cast<std::int64_t>(list.size()) < count) out << "\n(" << count - list.size() << " more not listed)\n";
  };
  clock_table("New breaches", breaches_added, total.breaches_added);
  clock_table("Breaches avoided", breaches_removed, total.breaches_removed);
  return out.str();
}

}  // namespace xinfang
