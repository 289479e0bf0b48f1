// The bulletin of a period: headline counts, breakdowns of what was received, the indicators of
// the period and the one before, key and owned cases, and the overdue list — each an aggregate
// or a bounded list read in one read transaction.
#include <algorithm>

#include "engine/engine_impl.hpp"

namespace xinfang {

using engine_detail::from_micros;
using engine_detail::require_text;
using engine_detail::to_micros;

namespace {

constexpr std::int64_t kMaxListed = 100000;

// The lines of a breakdown in the policy's order (every entry, zero or not), then ids the
// policy no longer names.
std::vector<CountLine> lines(const std::vector<NamedEntry>& entries, const std::map<std::string, std::int64_t>& counts,
                             bool keep_zero) {
  std::vector<CountLine> out;
  std::map<std::string, std::int64_t> rest = counts;
  for (const NamedEntry& entry : entries) {
    const auto it = rest.find(entry.id);
    const std::int64_t count = it == rest.end() ? 0 : it->second;
    if (it != rest.end()) rest.erase(it);
    if (count > 0 || keep_zero) out.push_back({entry.id, entry.name, count});
  }
  for (const auto& [id, count] : rest) out.push_back({id, "", count});
  return out;
}

std::vector<NamedEntry> unit_entries(const Policy& policy) {
  std::vector<NamedEntry> entries;
  for (const Unit& unit : policy.units()) entries.push_back({unit.id, unit.name, unit.code, ""});
  return entries;
}

std::string unit_name(const Policy& policy, const std::string& id) {
  const Unit* unit = policy.find_unit(id);
  return unit != nullptr ? unit->name : std::string();
}

// Local days from the deadline's last day to the period's last day.
std::int64_t days_overdue(const Calendar& calendar, Instant deadline, Instant end) {
  const boost::posix_time::microseconds just_before(1);
  return (calendar.local_date(end - just_before) - calendar.local_date(deadline - just_before)).days();
}

}  // namespace

Bulletin Engine::bulletin(const ReportPeriod& period, const BulletinOptions& options) const {
  for (const std::int64_t limit : {options.overdue_limit, options.flagged_limit}) {
    if (limit < 0 || limit > kMaxListed) {
      throw Error(ErrorCode::invalid_argument,
                  "a bulletin lists 0.." + std::to_string(kMaxListed) + " cases, not " + std::to_string(limit));
    }
  }
  const Impl& impl = *impl_;
  const Policy& policy = impl.policy;
  Bulletin b;
  b.policy_name = policy.name();
  b.policy_version = policy.version();
  b.indicators = indicators(period);
  const ReportPeriod before = previous_period(period, impl.calendar);
  b.previous = indicators(before);
  const Instant end = b.indicators.counted_to;
  std::map<std::string, std::int64_t> channels, types, categories, regions, units;
  impl.store->read([&](store::Transaction& txn) {
    const auto totals = [&](const ReportPeriod& p, Instant to) {
      PeriodTotals t;
      if (to <= p.from) return t;
      for (const store::ReceivedCount& c : txn.count_received(to_micros(p.from), to_micros(to))) t.received += c.count;
      t.accepted = txn.count_accepted(to_micros(p.from), to_micros(to));
      t.replied = txn.count_replied(to_micros(p.from), to_micros(to));
      t.overdue = txn.count_overdue(to_micros(to));
      return t;
    };
    if (end > period.from) {
      for (const store::ReceivedCount& c : txn.count_received(to_micros(period.from), to_micros(end))) {
        channels[c.channel] += c.count;
        types[petition_type_name(static_cast<PetitionType>(c.type))] += c.count;
        categories[c.category] += c.count;
        regions[c.region] += c.count;
        units[c.unit] += c.count;
        b.totals.received += c.count;
      }
      b.totals.accepted = txn.count_accepted(to_micros(period.from), to_micros(end));
      b.totals.replied = txn.count_replied(to_micros(period.from), to_micros(end));
      b.totals.overdue = txn.count_overdue(to_micros(end));
      for (const store::CaseRow& row : txn.overdue_cases(to_micros(end), options.overdue_limit)) {
        const Instant deadline = from_micros(*row.next_deadline);
        b.overdue.push_back({row.number, row.subject, row.unit, unit_name(policy, row.unit), deadline,
                             days_overdue(impl.calendar, deadline, end)});
      }
    }
    b.previous_totals = totals(before, b.previous.counted_to);
    for (const store::CaseRow& row : txn.flagged_cases(options.flagged_limit)) {
      b.flagged.push_back({row.number, row.subject, case_status_name(static_cast<CaseStatus>(row.status)), row.unit,
                           unit_name(policy, row.unit), row.key_case, row.owner});
    }
  });
  std::vector<NamedEntry> type_entries;
  for (const PetitionTypeRules& rules : policy.petition_types()) {
    type_entries.push_back({petition_type_name(rules.type), rules.name, "", rules.article});
  }
  b.by_channel = lines(policy.channels(), channels, true);
  b.by_type = lines(type_entries, types, true);
  b.by_category = lines(policy.categories(), categories, true);
  b.by_region = lines(policy.regions(), regions, true);
  b.by_unit = lines(unit_entries(policy), units, false);
  return b;
}

Bulletin Engine::bulletin(const std::string& period, const BulletinOptions& options) const {
  require_text(period, "period");
  return bulletin(parse_report_period(period, impl_->calendar), options);
}

}  // namespace xinfang
