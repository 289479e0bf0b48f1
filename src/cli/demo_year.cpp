// `xinfang demo`, part two: a year of a city civil-affairs bureau (某市民政局) under
// cn-national-2022, simulated on an embedded SQLite file with a manual clock and seeded random
// numbers, so that a seed always gives the same file and the same summary.
//
// The bureau: a staff directory of some fifty people (registrars and dispatchers of the petition
// office, handlers and leaders of five business units and the office, the director and two
// deputies, a district bureau below and the province's reviewers above), a duty roster for every
// day and the director's reception day each Wednesday. The petitions: about 5,600 a year, 40%
// visits, 2% letters and 58% calls, as the bureau of DESIGN.md §1 counts them, arriving mostly on
// working days in office hours, registered in hourly rounds with one batch intake each, then
// accepted and routed by the policy's rules — or not accepted with a reason, forwarded, or
// assigned to the district — transferred, suspended, extended, withdrawn, answered mostly in
// time, rated, followed up, reviewed and re-reviewed, and archived once the windows close. A
// sweep at 08:00 every day fires the reminders and supervision, and the host delivers the outbox.
// docs/cli.md describes the mix and the choices.
#include <algorithm>
#include <cstdio>

#include "cli/demo_year.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli::demo {
namespace year_detail {
namespace {

using boost::gregorian::days;
using boost::posix_time::minutes;

std::shared_ptr<ManualClock> start_clock(int year) {
  // The bureau sets up the file on the last afternoon of the year before.
  return std::make_shared<ManualClock>(
      Calendar::national().start_of_day(Date(static_cast<unsigned short>(year - 1), 12, 31)) +
      boost::posix_time::hours(15));
}

EngineOptions engine_options(const SimOptions& options, std::shared_ptr<ManualClock> clock) {
  EngineOptions e;
  e.database = options.database;
  e.policy = "cn-national-2022";
  e.installer = kAdmin;
  e.clock = std::move(clock);
  e.random = std::make_shared<SeededRandom>(options.seed);
  return e;
}

}  // namespace

YearSim::YearSim(const SimOptions& options)
    : options_(options),
      random_(options.seed ^ 0x9e3779b97f4a7c15ULL),
      clock_(start_clock(options.year)),
      engine_(Engine::open(engine_options(options, clock_))),
      cal_(engine_.calendar()),
      progress_(options.progress) {}

void YearSim::at(Instant when, std::function<void()> action) {
  // Nothing is scheduled before now: a case's log never goes back in time.
  const Instant earliest = clock_->now() + minutes(1);
  agenda_.at(std::max(when, earliest), std::move(action));
}

Instant YearSim::office_time(Date day) {
  // 08:30-12:00 and 13:30-17:30.
  const int minute = random_.chance(0.55) ? random_.between(510, 719) : random_.between(810, 1049);
  return local_instant(cal_, day, minute);
}

Instant YearSim::office_after(int min_working_days, int max_working_days) {
  const int n = random_.between(min_working_days, max_working_days);
  const Date day = today();
  if (n == 0 && cal_.is_working_day(day) && local_minute(cal_, clock_->now()) < 16 * 60) {
    return clock_->now() + minutes(random_.between(20, 90));
  }
  return office_time(cal_.add_working_days(day, std::max(n, 1)));
}

Instant YearSim::handling_deadline(const std::string& number) const {
  for (const ClockReport& report : engine_.clocks(number)) {
    if (report.id == "handling") return report.deadline;
  }
  return Instant();
}

std::string YearSim::leader_of(const std::string& unit) const {
  return leaders_.at(unit);
}

std::string YearSim::approver(const SimCase& c) const {
  if (c.district) return "q-dir";
  if (c.key) return "dir";
  return c.unit == "social_assistance" || c.unit == "disability" || c.unit == "pensions" ? "dep-1" : "dep-2";
}

std::string YearSim::petitioner_actor(const SimCase& c) {
  const std::string& channel = kChannels[c.channel].id;
  return channel == "online" || channel == "email" ? "portal" : on_duty(today(), "reg-");
}

void YearSim::add_staff() {
  struct Entry {
    std::string id, organisation, unit;
    std::vector<std::string> roles;
  };
  std::vector<Entry> entries = {
      {"dir", "city", "general", {"org_leader"}},
      {"dep-1", "city", "general", {"org_leader"}},
      {"dep-2", "city", "general", {"org_leader"}},
      {"gen-lead", "city", "general", {"unit_leader"}},
      {"gen-h1", "city", "general", {"handler"}},
      {"gen-h2", "city", "general", {"handler"}},
      {"xf-lead", "city", "petition_office", {"unit_leader", "confidential_reader"}},
  };
  for (int n = 1; n <= 4; ++n)
    entries.push_back({"reg-" + std::to_string(n), "city", "petition_office", {"registrar"}});
  for (int n = 1; n <= 2; ++n)
    entries.push_back({"disp-" + std::to_string(n), "city", "petition_office", {"dispatcher"}});
  const std::vector<std::tuple<std::string, std::string, int>> units = {{"sa", "social_assistance", 5},
                                                                        {"yf", "pensions", 3},
                                                                        {"cj", "disability", 2},
                                                                        {"yl", "elderly", 3},
                                                                        {"hy", "marriage", 2}};
  for (const auto& [prefix, unit, handlers] : units) {
    entries.push_back({prefix + "-lead", "city", unit, {"unit_leader"}});
    for (int n = 1; n <= handlers; ++n)
      entries.push_back({prefix + "-h" + std::to_string(n), "city", unit, {"handler"}});
  }
  entries.push_back({"q-dir", "district", "district_general", {"org_leader"}});
  entries.push_back({"qg-lead", "district", "district_general", {"unit_leader"}});
  entries.push_back({"qg-h1", "district", "district_general", {"handler"}});
  entries.push_back({"q-reg", "district", "petition_office_district", {"registrar"}});
  entries.push_back({"q-disp", "district", "petition_office_district", {"dispatcher"}});
  for (const std::string unit : {"district_social_assistance", "district_elderly"}) {
    const std::string prefix = unit == "district_elderly" ? "qyl" : "qsa";
    entries.push_back({prefix + "-lead", "district", unit, {"unit_leader"}});
    entries.push_back({prefix + "-h1", "district", unit, {"handler"}});
    entries.push_back({prefix + "-h2", "district", unit, {"handler"}});
  }
  entries.push_back({"s-dir", "province", "petition_office_province", {"org_leader"}});
  entries.push_back({"s-lead", "province", "petition_office_province", {"reviewer", "unit_leader"}});
  entries.push_back({"s-rev1", "province", "petition_office_province", {"reviewer"}});
  entries.push_back({"s-rev2", "province", "petition_office_province", {"reviewer"}});
  std::size_t n = 0;
  for (const Entry& e : entries) {
    engine_.put_staff(kAdmin, {e.id, staff_name(n++), e.organisation, e.unit, e.roles, true});
    if (std::find(e.roles.begin(), e.roles.end(), "unit_leader") != e.roles.end()) leaders_[e.unit] = e.id;
  }
  engine_.put_staff(kAdmin, {"portal", "网上信访平台", "city", "", {"petitioner"}, true});
}

// Every petition of the year: its channel, day and time first, then, in arrival order, who
// sends it and about what (a repeat petitioner needs an earlier petition).
void YearSim::generate() {
  const Date first(static_cast<unsigned short>(options_.year), 1, 1);
  const Date last(static_cast<unsigned short>(options_.year), 12, 31);
  std::vector<Date> all_days;
  for (Date d = first; d <= last; d += days(1)) all_days.push_back(d);
  // Day weights by channel: working days carry the load, Monday and the day after a long break
  // most; a duty officer takes visits and calls on rest days; the reception is on Wednesdays.
  std::vector<std::vector<double>> cumulative(kChannels.size());
  for (std::size_t c = 0; c < kChannels.size(); ++c) {
    const std::string& channel = kChannels[c].id;
    double total = 0;
    for (std::size_t k = 0; k < all_days.size(); ++k) {
      const Date d = all_days[k];
      const bool working = cal_.is_working_day(d);
      const int weekday = d.day_of_week().as_number();  // 0 = Sunday
      double w = 0;
      if (channel == "online" || channel == "email") {
        w = working ? 1.0 : 0.5;
      } else if (channel == "letter") {
        w = working ? 1.0 : 0.0;
      } else if (channel == "leader_reception") {
        w = working && weekday == 3 ? 1.0 : 0.0;
      } else if (working) {
        static const double by_weekday[7] = {0.8, 1.25, 1.05, 1.0, 1.0, 0.85, 0.8};
        w = by_weekday[weekday];
        if (k > 2 && !cal_.is_working_day(all_days[k - 1]) && !cal_.is_working_day(all_days[k - 3])) w *= 1.5;
      } else {
        w = 0.08;
      }
      static const double by_month[12] = {1.1, 0.9, 1.1, 1.0, 1.0, 1.0, 0.95, 0.95, 1.0, 0.95, 1.0, 1.1};
      total += w * by_month[d.month() - 1];
      cumulative[c].push_back(total);
    }
  }
  struct Arrival {
    Instant at;
    std::size_t channel;
  };
  std::vector<Arrival> arrivals;
  std::vector<double> shares;
  for (const Weighted& c : kChannels) shares.push_back(c.weight);
  static const std::vector<double> online_hours = {0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 3.0, 2.5,
                                                   2.0, 2.0, 2.5, 2.5, 2.5, 2.0, 2.0, 2.5, 3.0, 2.5, 1.5, 0.8};
  for (std::int64_t k = 0; k < options_.cases; ++k) {
    const std::size_t c = random_.pick(shares);
    const double x = random_.uniform() * cumulative[c].back();
    const std::size_t day_index = static_cast<std::size_t>(
        std::upper_bound(cumulative[c].begin(), cumulative[c].end(), x) - cumulative[c].begin());
    const Date d = all_days[std::min(day_index, all_days.size() - 1)];
    const std::string& channel = kChannels[c].id;
    int minute = 0;
    if (channel == "online" || channel == "email") {
      minute = static_cast<int>(random_.pick(online_hours)) * 60 + random_.between(0, 59);
    } else if (channel == "letter") {
      minute = random_.between(540, 630);  // the morning post
    } else if (channel == "leader_reception") {
      minute = random_.between(540, 690);
    } else if (!cal_.is_working_day(d)) {
      minute = random_.between(540, 1019);  // the duty desk, 09:00-17:00
    } else {
      minute = random_.chance(channel == "visit" ? 0.6 : 0.55) ? random_.between(510, 719) : random_.between(810, 1049);
    }
    arrivals.push_back({local_instant(cal_, d, minute), c});
  }
  // Petitions that no registration round of the year would reach (online on the last evening,
  // or over a New Year's Eve break) arrive a little earlier instead.
  Date last_working = last;
  while (!cal_.is_working_day(last_working)) last_working -= days(1);
  const Instant office_limit = local_instant(cal_, last_working, 18 * 60);
  const Instant duty_limit = local_instant(cal_, last, cal_.is_working_day(last) ? 18 * 60 : 17 * 60 + 30);
  for (Arrival& a : arrivals) {
    const std::string& channel = kChannels[a.channel].id;
    const Instant limit = office_only_channel(channel) ? office_limit : duty_limit;
    if (a.at > limit) a.at = limit - minutes(random_.between(1, 480));
  }
  std::stable_sort(arrivals.begin(), arrivals.end(), [](const Arrival& a, const Arrival& b) { return a.at < b.at; });

  std::vector<double> category_weights, region_weights, reason_weights;
  for (const CategoryInfo& c : categories()) category_weights.push_back(c.weight);
  for (const Weighted& r : kRegions) region_weights.push_back(r.weight);
  for (const Weighted& r : kNotAccepted) reason_weights.push_back(r.weight);
  cases_.reserve(arrivals.size());
  for (const Arrival& a : arrivals) {
    SimCase c;
    c.channel = a.channel;
    c.received = a.at;
    const std::string& channel = kChannels[a.channel].id;
    if (!people_.empty() && random_.chance(0.12)) {
      // A petitioner who came before: mostly about the same matter (a repeat petition).
      c.petitioner = static_cast<std::size_t>(random_.between(0, static_cast<int>(people_.size()) - 1));
      const PetitionerRecord& p = people_[c.petitioner];
      c.category = random_.chance(0.75) ? p.categories.back() : random_.pick(category_weights);
    } else {
      c.region = random_.pick(region_weights);
      c.category = random_.pick(category_weights);
      people_.push_back({make_petitioner(random_, kAreaCodes[c.region], false), c.region, {}, {}});
      c.petitioner = people_.size() - 1;
    }
    people_[c.petitioner].categories.push_back(c.category);
    c.region = people_[c.petitioner].region;
    const double t = random_.uniform();
    c.type = t < 0.78 ? PetitionType::claim : t < 0.92 ? PetitionType::suggestion : PetitionType::accusation;
    c.group = channel == "visit" && random_.chance(0.03);
    const double d = random_.uniform();
    const bool district_region = kRegions[c.region].id == "east";
    if (d < 0.07) {
      c.disposition = Disposition::not_accept;
      c.reason = kNotAccepted[random_.pick(reason_weights)].id;
    } else if (d < 0.115) {
      c.disposition = Disposition::forward;
    } else if (district_region && d < 0.40) {
      c.disposition = Disposition::assign;
    }
    (office_only_channel(channel) ? office_queue_ : duty_queue_).push_back(cases_.size());
    cases_.push_back(std::move(c));
  }
}

void YearSim::schedule_office() {
  const int year = options_.year;
  for (int m = 1; m <= 12; ++m) {
    // The month's duty roster (值班表), published on its first morning.
    const Date first(static_cast<unsigned short>(year), static_cast<unsigned short>(m), 1);
    const Instant when = m == 1 ? clock_->now() : local_instant(cal_, first, 7 * 60);
    at(when, [this, first] { set_rosters(first, first.end_of_month()); });
  }
  for (Date d(static_cast<unsigned short>(year), 1, 1); d.year() == year; d += days(1)) {
    at(local_instant(cal_, d, 8 * 60), [this] { sweep_and_deliver(engine_, host_); });
    if (cal_.is_working_day(d)) {
      for (int h = 9; h <= 18; ++h) at(local_instant(cal_, d, h * 60), [this] { registration_round(true); });
    } else {
      for (const int m : {12 * 60, 17 * 60 + 30}) at(local_instant(cal_, d, m), [this] { registration_round(false); });
    }
  }
  for (int m = 1; m <= 12; ++m) {
    // Archiving (归档) on the first working day of each month.
    const Date first = working_on_or_after(Date(static_cast<unsigned short>(year), static_cast<unsigned short>(m), 1));
    at(local_instant(cal_, first, 16 * 60 + 30), [this] { archive_round(); });
  }
}

void YearSim::set_rosters(Date first, Date last) {
  for (Date d = first; d <= last; d += days(1)) {
    const int k = d.day_of_year();
    std::vector<std::string> ids;
    if (cal_.is_working_day(d)) {
      ids = {"reg-" + std::to_string(k % 4 + 1), "reg-" + std::to_string((k + 2) % 4 + 1),
             "disp-" + std::to_string(k % 2 + 1)};
    } else {
      ids = {"reg-" + std::to_string(k % 4 + 1)};  // the duty officer of a rest day
    }
    engine_.set_roster(kAdmin, d, "petition_office", ids);
    ++tally_.roster_days;
    if (cal_.is_working_day(d) && d.day_of_week().as_number() == 3) {
      // 局长接待日: the director and the deputies take Wednesdays in turn.
      static const std::vector<std::string> leaders = {"dir", "dep-1", "dep-2"};
      engine_.set_roster(kAdmin, d, "general", {leaders[static_cast<std::size_t>(k / 7) % leaders.size()]});
    }
  }
}

const std::vector<std::string>& YearSim::duty(Date day, const std::string& unit) {
  const auto key = std::make_pair(day, unit);
  auto it = rosters_.find(key);
  if (it == rosters_.end()) it = rosters_.emplace(key, engine_.roster(day, unit)).first;
  return it->second;
}

std::string YearSim::on_duty(Date day, const char* prefix) {
  for (const std::string& id : duty(day, "petition_office")) {
    if (id.rfind(prefix, 0) == 0) return id;
  }
  return std::string(prefix) + "1";
}

void YearSim::registration_round(bool office_day) {
  const Instant now = clock_->now();
  std::vector<std::size_t> batch;
  const auto take = [&](const std::vector<std::size_t>& queue, std::size_t& next) {
    while (next < queue.size() && cases_[queue[next]].received <= now) batch.push_back(queue[next++]);
  };
  take(duty_queue_, duty_next_);
  if (office_day) take(office_queue_, office_next_);
  if (batch.empty()) return;
  std::sort(batch.begin(), batch.end());  // arrival order: the numbers follow it
  std::vector<IntakeRequest> requests;
  requests.reserve(batch.size());
  for (const std::size_t i : batch) {
    SimCase& c = cases_[i];
    PetitionerRecord& person = people_[c.petitioner];
    const CategoryInfo& category = categories()[c.category];
    const std::string& channel = kChannels[c.channel].id;
    Petition p;
    p.channel = channel;
    p.type = c.type;
    if (c.type == PetitionType::claim) {
      // A claim the registrar already sees belongs to litigation, arbitration... (Art. 31 (1)-(5)).
      const bool own_route =
          c.disposition == Disposition::not_accept && c.reason != "outside_scope" && c.reason != "unidentifiable";
      p.sub_route = own_route ? c.reason : "petition_handling";
    }
    p.category = category.id;
    p.region = kRegions[c.region].id;
    p.subject = random_.one_of(category.subjects);
    p.content = "信访人反映：" + p.subject + "，请求有关部门依法核查处理并答复。";
    Petitioner first = person.person;
    first.representative = c.group;
    p.petitioners.push_back(first);
    if (c.group) {
      // A group visit sends at most five representatives (Art. 20 ¶3).
      const int more = random_.between(1, 4);
      for (int n = 0; n < more; ++n) p.petitioners.push_back(make_petitioner(random_, kAreaCodes[c.region], true));
      p.group = true;
      p.subject = "群体访：" + p.subject;
    }
    p.received_at = c.received;
    if (channel == "leader_reception") {
      const std::vector<std::string>& leader = duty(cal_.local_date(c.received), "general");
      if (!leader.empty()) p.received_by = leader.front();
    }
    if (person.concluded.count(c.category) != 0) {
      // The same person on a matter concluded after re-review: the registrar records new facts.
      p.new_matter = true;
      ++tally_.new_matter;
    }
    const std::string key =
        channel == "online" ? "portal-" + std::to_string(options_.year) + "-" + std::to_string(i) : "";
    requests.push_back({p.to_json(), key});
  }
  const std::vector<CommandResult> results = engine_.intake_batch(on_duty(today(), "reg-"), requests);
  ++tally_.batches;
  for (std::size_t k = 0; k < batch.size(); ++k) {
    SimCase& c = cases_[batch[k]];
    c.number = results[k].number;
    ++tally_.registered;
    ++(cal_.is_working_day(cal_.local_date(c.received)) ? tally_.on_working_days : tally_.on_rest_days);
    schedule_dispatch(batch[k], now);
  }
}

void YearSim::archive_round() {
  const std::string dispatcher = on_duty(today(), "disp-");
  const Instant now = clock_->now();
  for (SimCase& c : cases_) {
    if (c.number.empty() || c.archived || c.pending) continue;
    if (!c.closed) {
      // A replied case is archived once review (or re-review) may no longer be requested.
      if (c.answered.is_special() || now < cal_.period_end(c.answered, 30, PeriodUnit::statutory_days)) continue;
    }
    engine_.archive(c.number, dispatcher, "办结归档");
    c.archived = true;
    ++tally_.archived;
  }
}

Json YearSim::summary(const BulletinFiles& week) {
  const Policy& policy = engine_.policy();
  const Bulletin year = engine_.bulletin(std::to_string(options_.year));
  // The figures below come from the database; what the simulation counted itself must agree.
  if (year.totals.received != tally_.registered || year.totals.accepted != tally_.accepted ||
      year.totals.replied != tally_.replies) {
    throw Error(ErrorCode::internal,
                "the demo's own count differs from its database: received " + std::to_string(year.totals.received) +
                    "/" + std::to_string(tally_.registered) + ", accepted " + std::to_string(year.totals.accepted) +
                    "/" + std::to_string(tally_.accepted) + ", replied " + std::to_string(year.totals.replied) + "/" +
                    std::to_string(tally_.replies));
  }
  CaseFilter filter;
  Json s = {{"kind", "year"},
            {"year", options_.year},
            {"seed", options_.seed},
            {"cases_requested", options_.cases},
            {"policy", {{"name", policy.name()}, {"version", policy.version()}, {"title", policy.title()}}},
            {"organisation", {{"id", "city"}, {"name", policy.find_organisation("city")->name}}}};
  s["database"] = options_.kept ? Json(options_.database) : Json();
  s["staff"] = engine_.list_staff().size();
  s["roster_days"] = tally_.roster_days;
  filter.repeat = true;
  s["received"] = {{"total", year.totals.received},
                   {"by_channel", count_lines_json(year.by_channel)},
                   {"by_category", count_lines_json(year.by_category)},
                   {"by_type", count_lines_json(year.by_type)},
                   {"by_region", count_lines_json(year.by_region)},
                   {"on_working_days", tally_.on_working_days},
                   {"on_rest_days", tally_.on_rest_days},
                   {"intake_batches", tally_.batches},
                   {"repeat", engine_.count(filter)},
                   {"new_matter", tally_.new_matter}};
  Json reasons = Json::array();
  std::int64_t not_accepted = 0;
  for (const NamedEntry& reason : policy.not_accepted_reasons()) {
    const auto it = tally_.not_accepted.find(reason.id);
    const std::int64_t n = it == tally_.not_accepted.end() ? 0 : it->second;
    not_accepted += n;
    if (n > 0) reasons.push_back({{"id", reason.id}, {"name", reason.name}, {"count", n}});
  }
  s["dispatch"] = {{"accepted", year.totals.accepted},
                   {"routed", tally_.routed},
                   {"assigned", tally_.assigned},
                   {"forwarded", tally_.forwarded},
                   {"not_accepted", {{"total", not_accepted}, {"by_reason", reasons}}}};
  filter = CaseFilter();
  filter.key_case = true;
  std::set<std::string> owned = tally_.owned;
  owned.insert(host_.owned.begin(), host_.owned.end());
  s["handling"] = {{"transfers", tally_.transfers},
                   {"suspensions", tally_.suspensions},
                   {"extensions",
                    {{"requested", tally_.extension_requests},
                     {"approved", tally_.extensions_approved},
                     {"refused", tally_.extensions_refused}}},
                   {"withdrawn", tally_.withdrawn},
                   {"key_cases", engine_.count(filter)},
                   {"owned_cases", owned.size()}};
  s["replies"] = {{"total", year.totals.replied},
                  {"by_outcome", tally_.outcomes},
                  {"with_handling_period", tally_.with_period},
                  {"on_time", tally_.on_time},
                  {"late", tally_.late}};
  s["ratings"] = ratings_json(policy, tally_.ratings);
  s["ratings"]["of_replies"] = tally_.rated_replies;
  s["ratings"]["of_reviews"] = tally_.rated_reviews;
  s["ratings"]["follow_ups"] = tally_.follow_ups;
  s["reviews"] = {{"requested", tally_.reviews_requested},
                  {"decided", tally_.reviews_decided},
                  {"rereviews_requested", tally_.rereviews_requested},
                  {"hearings", tally_.hearings},
                  {"concluded", tally_.concluded}};
  s["escalations"] = escalations_json(host_);
  s["archived"] = tally_.archived;
  s["year_end"] = standing_json(engine_, clock_->now(), year.totals.overdue);
  s["indicators"] = indicators_summary_json(year.indicators, policy);
  s["bulletin"] = bulletin_summary_json(week);
  s["verify"] = verify_json(engine_);
  return s;
}

Json YearSim::run() {
  add_staff();
  generate();
  schedule_office();
  const Instant end = local_instant(cal_, Date(static_cast<unsigned short>(options_.year + 1), 1, 1), 0);
  Date shown;
  const std::string total = std::to_string(cases_.size());
  agenda_.run_until(end, *clock_, [&](Instant when) {
    const Date day = cal_.local_date(when);
    if (day == shown) return;
    shown = day;
    progress_.show("xinfang demo: " + format_date(day) + "  登记 (registered) " + std::to_string(tally_.registered) +
                   "/" + total);
  });
  clock_->set(end);
  progress_.finish();
  // The weekly bulletin of the year's last full week (Monday to Sunday).
  Date sunday(static_cast<unsigned short>(options_.year), 12, 31);
  while (sunday.day_of_week().as_number() != 0) sunday -= days(1);
  const Date thursday = sunday - days(3);  // an ISO week belongs to the year of its Thursday
  char week[16];
  std::snprintf(week, sizeof week, "%04d-W%02d", static_cast<int>(thursday.year()), thursday.week_number());
  return summary(write_bulletin(engine_, week, options_));
}

}  // namespace year_detail

Json run_year(const SimOptions& options) {
  SimOptions o = options;
  if (o.cases <= 0) o.cases = kDefaultYearCases;
  year_detail::YearSim sim(o);
  return sim.run();
}

}  // namespace xinfang::cli::demo
