// `xinfang demo --hotline`: a day of a city's 12345 hotline (接诉即办) under hotline-12345,
// simulated on its own SQLite file with a manual clock and seeded random numbers.
//
// About 3,000 tickets come in over 24 hours, mostly by phone, and are registered every five
// minutes in one batch. Operators answer consultations on the call (直办); the rest are
// dispatched (派单) by the policy's routing rules — emergencies to the centre's own desk, the
// rest assigned (交办) to the water, energy and housing bureaus and the district, whose service
// centre passes some to a street office — contacted first (先行联系) within 24 hours, answered
// within the hour-level limits (emergency 2 h, utilities 24 h, general 7 days, complex 15 days),
// some late, some sent back to the dispatcher (退单), and rated on a call-back (回访). A sweep
// every hour fires the ladders; the day's bulletin is made at 24:00 and the tickets are followed
// for three weeks, until nearly all are closed.
#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

#include "cli/db_format.hpp"
#include "cli/demo_sim.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"
#include "xinfang/routing.hpp"

namespace xinfang::cli::demo {
namespace {

using boost::gregorian::days;
using boost::posix_time::hours;
using boost::posix_time::minutes;
using Json = nlohmann::json;

constexpr const char* kAdmin = "hotline-admin";
constexpr int kFollowDays = 25;  // the longest limit (15 days) and its late tickets

struct Weighted {
  std::string id;
  double weight;
};

const std::vector<Weighted> kChannels = {
    {"hotline", 84.0}, {"online", 13.5}, {"email", 1.0}, {"letter", 0.5}, {"visit", 1.0}};

struct HotlineCategory {
  std::string id;
  double weight;
  std::vector<std::string> subjects;
};

// A summer working day: water and power more than heating.
const std::vector<HotlineCategory>& hotline_categories() {
  static const std::vector<HotlineCategory> list = {
      {"emergency", 2, {"电梯困人", "路面塌陷有人受伤", "燃气泄漏气味浓", "高空坠物险情"}},
      {"water", 9, {"小区突然停水", "自来水浑浊发黄", "水压过低", "楼道水管漏水"}},
      {"power", 7, {"片区停电", "电压不稳", "电表计费异常"}},
      {"gas", 3, {"燃气表故障", "燃气开户办理"}},
      {"heating", 0.5, {"供暖费退费咨询"}},
      {"housing", 12, {"房屋漏雨", "物业不作为", "公租房申请进度", "加装电梯协调"}},
      {"traffic", 10, {"路口信号灯故障", "公交线路调整建议", "违停占道"}},
      {"environment", 14, {"夜间施工噪音扰民", "垃圾清运不及时", "餐饮油烟扰民", "河道异味"}},
      {"market", 12, {"预付卡商家跑路", "商品价格欺诈", "食品安全投诉"}},
      {"community", 16, {"小区绿地被占", "社区服务站办事难", "楼道堆物"}},
      {"complex", 4, {"老旧小区改造遗留问题", "历史遗留产权纠纷"}},
      {"other", 10.5, {"政策咨询", "办事指南咨询"}},
  };
  return list;
}

const std::vector<Weighted> kRegions = {{"central", 40}, {"east", 32}, {"west", 28}};
const std::vector<std::string> kAreaCodes = {"110101", "110105", "110108"};

// Calls by the hour of the day: a morning and an afternoon peak, a quiet night.
const std::vector<double> kHours = {0.6, 0.4, 0.3, 0.25, 0.25, 0.4, 0.9, 2.0, 4.5, 6.5, 7.0, 6.0,
                                    4.0, 4.5, 6.0, 6.5,  6.0,  5.0, 4.0, 3.5, 3.0, 2.5, 1.8, 1.1};

// "hw-01" .. "hw-16": the call centre's operators.
std::string operator_id(int n) {
  return (n < 10 ? "hw-0" : "hw-") + std::to_string(n);
}

// Which clock holds a category's time limit (the policy's clocks by category).
std::string limit_clock(const std::string& category) {
  if (category == "emergency") return "emergency";
  if (category == "water" || category == "power" || category == "gas" || category == "heating") return "utilities";
  if (category == "complex") return "complex";
  return "general";
}

enum class Way { on_call, dispatch, not_accept };

struct Ticket {
  std::size_t channel = 0, category = 0, region = 0;
  PetitionType type = PetitionType::claim;
  Instant received;
  std::string operator_id;
  std::string subject;
  Way way = Way::dispatch;
  bool send_back = false, street = false, suspend = false, withdraw = false, late = false, late_contact = false;
  std::string number, unit, handler;
  Instant registered;
  bool done = false;  // nothing more to do: archived at the evening's round
  bool archived = false;
};

struct HotlineTally {
  std::int64_t registered = 0, batches = 0, on_call = 0, dispatched = 0, sent_back = 0, not_accepted = 0;
  std::int64_t withdrawn = 0, transferred = 0, suspensions = 0, key = 0, archived = 0;
  std::int64_t contacted = 0, contact_on_time = 0, contact_late = 0, replies = 0, follow_ups = 0, resolved = 0;
  std::map<std::string, std::int64_t> ratings;
  std::map<std::string, std::array<std::int64_t, 3>> by_clock;  // replied, on time, late
  std::array<std::int64_t, 24> by_hour{};
};

class HotlineDay {
 public:
  explicit HotlineDay(const SimOptions& options);
  Json run();

 private:
  void add_staff();
  void generate();
  void register_batch();
  void answer_on_call(std::size_t i);
  void dispatch(std::size_t i);
  void routed(std::size_t i, const CommandResult& result);
  void contact(std::size_t i);
  void reply(std::size_t i);
  void rate(std::size_t i);
  void archive_round();
  Instant unit_hours(Instant t);
  std::string unit_for(const Ticket& t) const;
  std::string dispatcher();
  void at(Instant when, std::function<void()> action) { agenda_.at(std::max(when, clock_->now()), std::move(action)); }
  Json summary(const BulletinFiles& day);

  SimOptions options_;
  Random random_;
  Date day_;
  std::shared_ptr<ManualClock> clock_;
  Engine engine_;
  const Calendar& cal_;
  Progress progress_;
  Agenda agenda_;
  std::vector<Ticket> tickets_;
  std::size_t next_ = 0;
  HotlineTally tally_;
  HostTally host_;
  std::map<std::string, std::string> leaders_;
};

Date hotline_day(int year) {
  // 15 July, or the first working day after it: a summer working day.
  Date day(static_cast<unsigned short>(year), 7, 15);
  const Calendar& national = Calendar::national();
  return national.is_working_day(day) ? day : national.next_working_day(day);
}

EngineOptions hotline_options(const SimOptions& options, std::shared_ptr<ManualClock> clock) {
  EngineOptions e;
  e.database = options.database;
  e.policy = "hotline-12345";
  e.installer = kAdmin;
  e.clock = std::move(clock);
  e.random = std::make_shared<SeededRandom>(options.seed);
  return e;
}

HotlineDay::HotlineDay(const SimOptions& options)
    : options_(options),
      random_(options.seed ^ 0x12345ULL),
      day_(hotline_day(options.year)),
      clock_(std::make_shared<ManualClock>(Calendar::national().start_of_day(day_) - hours(6))),
      engine_(Engine::open(hotline_options(options, clock_))),
      cal_(engine_.calendar()),
      progress_(options.progress) {}

void HotlineDay::add_staff() {
  struct Entry {
    std::string id, organisation, unit;
    std::vector<std::string> roles;
  };
  std::vector<Entry> entries = {{"rx-dir", "city_government", "dispatch_center", {"org_leader"}},
                                {"pd-lead", "city_government", "dispatch_center", {"unit_leader"}},
                                {"hw-lead", "city_government", "call_center", {"unit_leader"}}};
  // Operators take the call, answer what they can on it (直办) and call back for the rating.
  for (int n = 1; n <= 16; ++n) {
    entries.push_back({operator_id(n), "city_government", "call_center", {"registrar", "dispatcher", "handler"}});
  }
  for (int n = 1; n <= 4; ++n)
    entries.push_back({"pd-0" + std::to_string(n), "city_government", "dispatch_center", {"dispatcher"}});
  const std::vector<std::tuple<std::string, std::string, std::string, int, std::string>> units = {
      {"yj", "city_government", "emergency_desk", 3, ""},
      {"gs", "water_bureau", "water_supply", 3, "sw-dir"},
      {"ny", "urban_management", "energy_supply", 4, "cg-dir"},
      {"fw", "housing_bureau", "housing_service", 3, "zj-dir"},
      {"qj", "district", "district_service", 4, "qz-dir"},
      {"jd", "district", "street_office", 6, ""}};
  for (const auto& [prefix, organisation, unit, handlers, director] : units) {
    if (!director.empty()) entries.push_back({director, organisation, unit, {"org_leader"}});
    entries.push_back({prefix + "-lead", organisation, unit, {"unit_leader"}});
    for (int n = 1; n <= handlers; ++n)
      entries.push_back({prefix + "-h" + std::to_string(n), organisation, unit, {"handler"}});
  }
  std::size_t n = 0;
  for (const Entry& e : entries) {
    engine_.put_staff(kAdmin, {e.id, staff_name(n++), e.organisation, e.unit, e.roles, true});
    if (e.roles.front() == "unit_leader") leaders_[e.unit] = e.id;
  }
  engine_.put_staff(kAdmin, {"app", "12345网站、APP、小程序", "city_government", "", {"petitioner"}, true});
}

void HotlineDay::generate() {
  std::vector<double> channels, categories, regions;
  for (const Weighted& c : kChannels) channels.push_back(c.weight);
  for (const HotlineCategory& c : hotline_categories()) categories.push_back(c.weight);
  for (const Weighted& r : kRegions) regions.push_back(r.weight);
  std::vector<std::pair<Instant, std::size_t>> times;
  for (std::int64_t k = 0; k < options_.cases; ++k) {
    const int hour = static_cast<int>(random_.pick(kHours));
    times.push_back({local_instant(cal_, day_, hour * 60) + boost::posix_time::seconds(random_.between(0, 3599)),
                     static_cast<std::size_t>(k)});
  }
  std::sort(times.begin(), times.end());
  for (const auto& [received, k] : times) {
    (void)k;
    Ticket t;
    t.received = received;
    t.channel = random_.pick(channels);
    t.category = random_.pick(categories);
    t.region = random_.pick(regions);
    const HotlineCategory& category = hotline_categories()[t.category];
    t.subject = random_.one_of(category.subjects);
    const double type = random_.uniform();
    t.type = type < 0.65 ? PetitionType::claim : type < 0.95 ? PetitionType::suggestion : PetitionType::accusation;
    const int hour = local_minute(cal_, received) / 60;
    ++tally_.by_hour[static_cast<std::size_t>(hour)];
    // The operator of the shift: night 00-08, day 08-16, evening 16-24.
    const int shift = hour < 8 ? 0 : hour < 16 ? 1 : 2;
    t.operator_id = operator_id(shift * 5 + random_.between(1, shift == 1 ? 6 : 5));
    const bool emergency = category.id == "emergency";
    if (random_.chance(0.02) && !emergency) {
      t.way = Way::not_accept;
    } else if (!emergency && (t.type == PetitionType::suggestion ? random_.chance(0.75) : random_.chance(0.1))) {
      t.way = Way::on_call;
    }
    t.send_back = !emergency && random_.chance(0.04);
    t.street = random_.chance(0.5);
    t.suspend = (limit_clock(category.id) == "general" || category.id == "complex") && random_.chance(0.03);
    t.withdraw = random_.chance(0.01);
    const std::string clock = limit_clock(category.id);
    t.late = random_.chance(clock == "emergency"   ? 0.10
                            : clock == "utilities" ? 0.12
                            : clock == "complex"   ? 0.15
                                                   : 0.06);
    t.late_contact = random_.chance(0.07);
    tickets_.push_back(std::move(t));
  }
}

std::string HotlineDay::dispatcher() {
  const int hour = local_minute(cal_, clock_->now()) / 60;
  return "pd-0" + std::to_string(hour / 6 + 1);
}

Instant HotlineDay::unit_hours(Instant t) {
  // The bureaus' and districts' 接诉即办 desks work 08:00-20:00 every day.
  const int minute = local_minute(cal_, t);
  const Date day = cal_.local_date(t);
  if (minute < 8 * 60) return local_instant(cal_, day, 8 * 60 + random_.between(0, 30));
  if (minute >= 20 * 60) return local_instant(cal_, day + days(1), 8 * 60 + random_.between(0, 30));
  return t;
}

std::string HotlineDay::unit_for(const Ticket& t) const {
  RoutingInput input;
  input.channel = kChannels[t.channel].id;
  input.type = t.type;
  input.category = hotline_categories()[t.category].id;
  input.region = kRegions[t.region].id;
  input.subject = t.subject;
  const std::optional<RouteDecision> decision = route_unit(engine_.policy(), input);
  return decision ? decision->unit : "district_service";
}

void HotlineDay::register_batch() {
  const Instant now = clock_->now();
  std::vector<std::size_t> batch;
  while (next_ < tickets_.size() && tickets_[next_].received <= now) batch.push_back(next_++);
  if (batch.empty()) return;
  std::vector<IntakeRequest> requests;
  for (const std::size_t i : batch) {
    const Ticket& t = tickets_[i];
    Petition p;
    p.channel = kChannels[t.channel].id;
    p.type = t.type;
    p.category = hotline_categories()[t.category].id;
    p.region = kRegions[t.region].id;
    p.subject = t.subject;
    p.content = "诉求人来电反映：" + t.subject + "。";
    p.petitioners.push_back(make_petitioner(random_, kAreaCodes[t.region], false));
    p.received_at = t.received;
    p.received_by = t.operator_id;
    requests.push_back({p.to_json(), p.channel == "online" ? "app-" + std::to_string(i) : ""});
  }
  const std::vector<CommandResult> results = engine_.intake_batch(tickets_[batch.front()].operator_id, requests);
  ++tally_.batches;
  for (std::size_t k = 0; k < batch.size(); ++k) {
    const std::size_t i = batch[k];
    Ticket& t = tickets_[i];
    t.number = results[k].number;
    t.registered = now;
    ++tally_.registered;
    const bool emergency = hotline_categories()[t.category].id == "emergency";
    if (t.way == Way::on_call) {
      at(now + minutes(random_.between(1, 6)), [this, i] { answer_on_call(i); });
    } else if (t.way == Way::not_accept) {
      at(now + minutes(random_.between(10, 60)), [this, i] {
        engine_.not_accept(tickets_[i].number, dispatcher(), random_.chance(0.6) ? "outside_scope" : "unidentifiable",
                           "已告知诉求人");
        ++tally_.not_accepted;
        tickets_[i].done = true;
      });
    } else {
      // Emergencies at once; the rest within the hour, or at 07:00 for the night's tickets.
      Instant when = now + minutes(emergency ? random_.between(2, 10) : random_.between(5, 60));
      if (!emergency && local_minute(cal_, when) < 7 * 60)
        when = local_instant(cal_, day_, 7 * 60 + random_.between(0, 59));
      at(when, [this, i] { dispatch(i); });
    }
  }
}

void HotlineDay::answer_on_call(std::size_t i) {
  Ticket& t = tickets_[i];
  // 直办: the operator answers it on the call and the caller rates it before hanging up.
  engine_.accept(t.number, t.operator_id);
  engine_.route(t.number, t.operator_id, "call_center", t.operator_id);
  engine_.reply(t.number, t.operator_id, Outcome::explained, "话务员当场解答，诉求人表示清楚。");
  t.unit = "call_center";
  t.handler = t.operator_id;
  ++tally_.on_call;
  reply(i);
}

void HotlineDay::dispatch(std::size_t i) {
  Ticket& t = tickets_[i];
  const std::string unit = unit_for(t);
  if (unit == "emergency_desk") {
    engine_.accept(t.number, dispatcher());
    routed(i, engine_.route(t.number, dispatcher(), unit));
    if (random_.chance(0.2)) {
      engine_.mark_key(t.number, dispatcher(), "危及人身安全，列为重点");
      ++tally_.key;
    }
  } else {
    // 派单 to a bureau or the district below the centre (交办), then to a handler there.
    engine_.assign(t.number, dispatcher(), unit, "请按时限办理并反馈");
    routed(i, engine_.route(t.number, dispatcher()));
  }
  ++tally_.dispatched;
}

void HotlineDay::routed(std::size_t i, const CommandResult& result) {
  Ticket& t = tickets_[i];
  t.unit = result.events.front().payload.at("unit").get<std::string>();
  t.handler = result.events.front().payload.at("handler").get<std::string>();
  const bool emergency = t.unit == "emergency_desk";
  if (t.send_back) {
    // 退单: the unit says the ticket is not its own, within its working day; the dispatcher sends it on.
    t.send_back = false;
    at(unit_hours(clock_->now() + minutes(random_.between(30, 240))), [this, i] {
      Ticket& s = tickets_[i];
      engine_.object(s.number, s.handler, "不属本单位职责，申请退单");
      ++tally_.sent_back;
      at(clock_->now() + minutes(random_.between(10, 60)), [this, i] {
        Ticket& r = tickets_[i];
        const std::string to =
            r.unit == "district_service" || r.unit == "street_office" ? "housing_service" : "district_service";
        engine_.assign(r.number, dispatcher(), to, "退单后重新派单");
        routed(i, engine_.route(r.number, dispatcher()));
      });
    });
    return;
  }
  if (t.unit == "district_service" && t.street) {
    // The district's centre passes it to the street office (街道), whose own 24 hours start.
    t.street = false;
    at(unit_hours(clock_->now() + minutes(random_.between(30, 180))), [this, i] {
      Ticket& s = tickets_[i];
      const CommandResult moved = engine_.transfer(s.number, leaders_.at("district_service"), "street_office", "",
                                                   "属街道职责，转街道接诉即办工作站");
      ++tally_.transferred;
      routed(i, moved);
    });
    return;
  }
  const Instant contact_at = emergency        ? clock_->now() + minutes(random_.between(5, 30))
                             : t.late_contact ? clock_->now() + hours(random_.between(25, 40))
                                              : unit_hours(clock_->now() + minutes(random_.between(30, 20 * 60)));
  at(contact_at, [this, i] { contact(i); });
}

void HotlineDay::contact(std::size_t i) {
  Ticket& t = tickets_[i];
  engine_.contact(t.number, t.handler, "phone", "已电话联系诉求人，了解具体情况");
  ++tally_.contacted;
  for (const ClockReport& report : engine_.clocks(t.number)) {
    if (report.id != "response" || report.status != ClockStatus::met) continue;
    ++(report.late_by > boost::posix_time::time_duration(0, 0, 0) ? tally_.contact_late : tally_.contact_on_time);
  }
  if (t.withdraw) {
    at(clock_->now() + minutes(random_.between(20, 240)), [this, i] {
      engine_.withdraw(tickets_[i].number, tickets_[i].operator_id, "诉求人表示问题已自行解决");
      ++tally_.withdrawn;
      tickets_[i].done = true;
    });
    return;
  }
  // The time to answer, from registration: inside the limit, or (for a few) after it.
  const std::string clock = limit_clock(hotline_categories()[t.category].id);
  double limit_hours = clock == "emergency" ? 2 : clock == "utilities" ? 24 : clock == "general" ? 7 * 24 : 15 * 24;
  double share = t.late ? 1.05 + 0.4 * random_.uniform() : 0.15 + 0.77 * random_.uniform();
  if (clock == "emergency" && !t.late) share = 0.25 + 0.65 * random_.uniform();
  Instant when = t.registered + boost::posix_time::seconds(static_cast<long>(limit_hours * share * 3600));
  if (clock == "general" || clock == "complex") when = unit_hours(when);
  if (when <= clock_->now()) when = clock_->now() + minutes(random_.between(10, 60));
  if (t.suspend) {
    // Waiting for the caller's documents: the general and complex clocks pause.
    const Instant paused = unit_hours(clock_->now() + hours(random_.between(2, 20)));
    if (paused < when) {
      const Instant resumed = paused + hours(random_.between(20, 48));
      at(paused, [this, i] {
        engine_.suspend(tickets_[i].number, tickets_[i].handler, "等待诉求人补充材料");
        ++tally_.suspensions;
      });
      at(resumed, [this, i] { engine_.resume(tickets_[i].number, tickets_[i].handler, "材料已补齐"); });
      when = std::max(when + (resumed - paused), resumed + minutes(30));
    }
  }
  at(when, [this, i] {
    Ticket& s = tickets_[i];
    static const std::vector<Outcome> outcomes = {Outcome::supported, Outcome::partly_supported, Outcome::explained,
                                                  Outcome::not_supported};
    const Outcome outcome = outcomes[random_.pick({0.55, 0.15, 0.22, 0.08})];
    engine_.reply(s.number, s.handler, outcome, "已现场核实处理，并向诉求人反馈办理结果。");
    reply(i);
  });
}

// After the answer: its time limit counted, then the call-back (回访) for the rating.
void HotlineDay::reply(std::size_t i) {
  Ticket& t = tickets_[i];
  ++tally_.replies;
  for (const ClockReport& report : engine_.clocks(t.number)) {
    if (report.id == "response" || report.id == "follow_up" || report.status != ClockStatus::met) continue;
    auto& line = tally_.by_clock[report.id];
    ++line[0];
    ++line[report.late_by > boost::posix_time::time_duration(0, 0, 0) ? 2 : 1];
  }
  if (t.way == Way::on_call) {
    rate(i);  // on the call
    return;
  }
  if (!random_.chance(0.85)) {
    t.done = true;  // not reached on the call-back
    return;
  }
  Instant when = clock_->now() + hours(random_.between(2, 30));
  const int minute = local_minute(cal_, when);
  if (minute < 8 * 60 || minute >= 21 * 60) when = unit_hours(when);
  at(when, [this, i] { rate(i); });
}

void HotlineDay::rate(std::size_t i) {
  Ticket& t = tickets_[i];
  static const std::vector<std::string> levels = {"satisfied", "basically_satisfied", "dissatisfied"};
  const std::string level = levels[random_.pick(t.way == Way::on_call ? std::vector<double>{0.9, 0.08, 0.02}
                                                : t.late              ? std::vector<double>{0.6, 0.2, 0.2}
                                                                      : std::vector<double>{0.78, 0.14, 0.08})];
  RatingInput rating;
  rating.level = level;
  rating.resolved = random_.chance(level == "satisfied" ? 0.93 : level == "basically_satisfied" ? 0.75 : 0.2);
  engine_.rate(t.number, t.operator_id, rating);
  ++tally_.ratings[level];
  if (*rating.resolved) ++tally_.resolved;
  if (level != "dissatisfied") {
    t.done = true;
    return;
  }
  // 不满意: the dispatch centre calls back within its two working days, mostly.
  const Date due = cal_.add_working_days(cal_.local_date(clock_->now()), random_.chance(0.9) ? 1 : 3);
  at(local_instant(cal_, due, random_.between(9 * 60, 17 * 60)), [this, i] {
    engine_.follow_up(tickets_[i].number, dispatcher(), "回访：已协调承办单位再次处理");
    ++tally_.follow_ups;
    tickets_[i].done = true;
  });
}

// Every evening the dispatch centre archives (归档) the tickets closed during the day.
void HotlineDay::archive_round() {
  const std::string actor = dispatcher();
  for (Ticket& t : tickets_) {
    if (!t.done || t.archived) continue;
    engine_.archive(t.number, actor, "办结归档");
    t.archived = true;
    ++tally_.archived;
  }
}

Json HotlineDay::summary(const BulletinFiles& day) {
  const Policy& policy = engine_.policy();
  const Date last = day_ + days(kFollowDays - 1);
  const Bulletin whole = engine_.bulletin(format_date(day_) + ".." + format_date(last));
  if (whole.totals.received != tally_.registered || whole.totals.replied != tally_.replies) {
    throw Error(ErrorCode::internal, "the demo's own count differs from its database: received " +
                                         std::to_string(whole.totals.received) + "/" +
                                         std::to_string(tally_.registered) + ", replied " +
                                         std::to_string(whole.totals.replied) + "/" + std::to_string(tally_.replies));
  }
  Json s = {{"kind", "hotline"},
            {"day", format_date(day_)},
            {"followed_to", format_date(last)},
            {"seed", options_.seed},
            {"cases_requested", options_.cases},
            {"policy", {{"name", policy.name()}, {"version", policy.version()}, {"title", policy.title()}}},
            {"organisation", {{"id", "city_government"}, {"name", policy.title()}}}};
  s["database"] = options_.kept ? Json(options_.database) : Json();
  s["staff"] = engine_.list_staff().size();
  const auto peak = std::max_element(tally_.by_hour.begin(), tally_.by_hour.end());
  const int peak_hour = static_cast<int>(peak - tally_.by_hour.begin());
  char hours_text[32];
  std::snprintf(hours_text, sizeof hours_text, "%02d:00-%02d:00", peak_hour, peak_hour + 1);
  s["received"] = {{"total", whole.totals.received},
                   {"by_channel", count_lines_json(whole.by_channel)},
                   {"by_category", count_lines_json(whole.by_category)},
                   {"by_type", count_lines_json(whole.by_type)},
                   {"by_hour", tally_.by_hour},
                   {"peak_hour", hours_text},
                   {"peak_count", *peak},
                   {"intake_batches", tally_.batches}};
  s["dispatch"] = {{"answered_on_call", tally_.on_call},  {"dispatched", tally_.dispatched},
                   {"sent_back", tally_.sent_back},       {"to_street_office", tally_.transferred},
                   {"not_accepted", tally_.not_accepted}, {"withdrawn", tally_.withdrawn},
                   {"archived", tally_.archived},         {"key_cases", tally_.key},
                   {"suspensions", tally_.suspensions},   {"by_unit", count_lines_json(whole.by_unit)}};
  s["contact"] = {{"contacted", tally_.contacted}, {"on_time", tally_.contact_on_time}, {"late", tally_.contact_late}};
  Json clocks = Json::array();
  for (const ClockRules& clock : policy.clocks()) {
    const auto it = tally_.by_clock.find(clock.id);
    if (it == tally_.by_clock.end()) continue;
    clocks.push_back({{"id", clock.id},
                      {"name", clock.name},
                      {"replied", it->second[0]},
                      {"on_time", it->second[1]},
                      {"late", it->second[2]}});
  }
  s["replies"] = {{"total", whole.totals.replied}, {"by_clock", clocks}};
  s["ratings"] = ratings_json(policy, tally_.ratings);
  s["ratings"]["resolved"] = tally_.resolved;
  s["ratings"]["follow_ups"] = tally_.follow_ups;
  s["escalations"] = escalations_json(host_);
  s["end"] = standing_json(engine_, clock_->now(), whole.totals.overdue);
  s["indicators"] = indicators_summary_json(whole.indicators, policy);
  s["bulletin"] = bulletin_summary_json(day);
  s["verify"] = verify_json(engine_);
  return s;
}

Json HotlineDay::run() {
  add_staff();
  generate();
  std::vector<std::string> operators;
  for (int n = 1; n <= 16; ++n) operators.push_back(operator_id(n));
  engine_.set_roster(kAdmin, day_, "call_center", operators);
  const Instant start = local_instant(cal_, day_, 0);
  for (int m = 5; m <= 24 * 60; m += 5) at(start + minutes(m), [this] { register_batch(); });
  for (int h = 1; h <= kFollowDays * 24; ++h) at(start + hours(h), [this] { sweep_and_deliver(engine_, host_); });
  for (int d = 0; d < kFollowDays; ++d) at(start + hours(d * 24 + 23) + minutes(30), [this] { archive_round(); });
  BulletinFiles day;
  at(start + hours(24), [&] { day = write_bulletin(engine_, format_date(day_) + ".." + format_date(day_), options_); });
  const Instant end = start + hours(kFollowDays * 24);
  const std::string total = std::to_string(tickets_.size());
  Instant shown;
  agenda_.run_until(end + minutes(1), *clock_, [&](Instant when) {
    const Instant hour = when - minutes(local_minute(cal_, when) % 60);
    if (hour == shown) return;
    shown = hour;
    progress_.show("xinfang demo --hotline: " + local_time(cal_, hour).substr(0, 16) + "  登记 (registered) " +
                   std::to_string(tally_.registered) + "/" + total);
  });
  clock_->set(end);
  progress_.finish();
  return summary(day);
}

}  // namespace

Json run_hotline_day(const SimOptions& options) {
  SimOptions o = options;
  if (o.cases <= 0) o.cases = kDefaultHotlineTickets;
  HotlineDay day(o);
  return day.run();
}

}  // namespace xinfang::cli::demo
