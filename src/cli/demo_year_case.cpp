// `xinfang demo`, the year of a civil-affairs bureau: a case's life — dispatch (受理, 不予受理,
// 转送, 交办, 分办), transfer, suspension, extension, withdrawal, the reply in or out of time, the
// rating and its follow-up, review and re-review. Each step is scheduled on the agenda at a time
// drawn from the seeded random source; whether a reply was in time is the engine's count.
#include <algorithm>
#include <cmath>

#include "cli/demo_year.hpp"

namespace xinfang::cli::demo::year_detail {

using boost::gregorian::days;
using boost::posix_time::minutes;

// Letters get their instruction the day they arrive (当日批复); most others within a working
// day or two; a few wait past the reminder, and one in fifty past the 15 days of Art. 22.
void YearSim::schedule_dispatch(std::size_t i, Instant registered) {
  const Date day = cal_.local_date(registered);
  Instant when;
  if (kChannels[cases_[i].channel].id == "letter") {
    when = local_instant(cal_, working_on_or_after(day), random_.between(16 * 60, 17 * 60 + 29));
  } else {
    const double r = random_.uniform();
    if (r < 0.45 && cal_.is_working_day(day) && local_minute(cal_, registered) < 16 * 60) {
      when = registered + minutes(random_.between(20, 120));
    } else if (r < 0.80) {
      when = office_time(cal_.add_working_days(day, 1));
    } else if (r < 0.93) {
      when = office_time(cal_.add_working_days(day, random_.between(2, 3)));
    } else if (r < 0.98) {
      when = office_time(cal_.add_working_days(day, random_.between(5, 9)));
    } else {
      when = office_time(working_on_or_after(day + days(random_.between(16, 24))));
    }
  }
  at(when, [this, i] { dispatch(i); });
}

void YearSim::dispatch(std::size_t i) {
  SimCase& c = cases_[i];
  const std::string dispatcher = on_duty(today(), "disp-");
  switch (c.disposition) {
    case Disposition::not_accept:
      engine_.not_accept(c.number, dispatcher, c.reason, "已书面告知信访人不予受理的理由及其他途径");
      ++tally_.not_accepted[c.reason];
      c.closed = true;
      c.pending = false;
      return;
    case Disposition::forward:
      engine_.forward(c.number, dispatcher, random_.chance(0.75) ? "district" : "province", "转送有权处理的机关");
      ++tally_.forwarded;
      c.closed = true;
      c.pending = false;
      return;
    case Disposition::assign:
      engine_.accept(c.number, dispatcher);
      ++tally_.accepted;
      c.unit = categories()[c.category].district_unit;
      engine_.assign(c.number, dispatcher, c.unit, "请依法办理并按期报告办理结果");
      ++tally_.assigned;
      c.district = true;
      at(office_after(0, 2), [this, i] { district_route(i); });
      return;
    case Disposition::route:
      engine_.accept(c.number, dispatcher);
      ++tally_.accepted;
      at(clock_->now() + minutes(random_.between(5, 40)), [this, i] { route(i); });
      return;
  }
}

void YearSim::route(std::size_t i) {
  SimCase& c = cases_[i];
  const std::string dispatcher = on_duty(today(), "disp-");
  // The unit by the policy's routing rules, the handler by the directory (fewest open cases).
  const CommandResult routed = engine_.route(c.number, dispatcher);
  c.unit = routed.events.front().payload.at("unit").get<std::string>();
  c.handler = routed.events.front().payload.at("handler").get<std::string>();
  ++tally_.routed;
  if (c.group ? random_.chance(0.7) : random_.chance(0.015)) {
    engine_.mark_key(c.number, dispatcher, c.group ? "群体访，列为重点信访事项" : "涉及困难群众基本生活，列为重点");
    c.key = true;
    ++tally_.key_marked;
  }
  if (c.group && random_.chance(0.5)) {
    // 包案: a leader takes the case on.
    const std::string leader = random_.one_of(std::vector<std::string>{"dir", "dep-1", "dep-2"});
    engine_.take_ownership(c.number, leader, leader, "领导包案，限期化解");
    tally_.owned.insert(c.number);
  }
  plan_handling(i);
  next_step(i);
}

void YearSim::district_route(std::size_t i) {
  SimCase& c = cases_[i];
  const CommandResult routed = engine_.route(c.number, "q-disp");
  c.handler = routed.events.front().payload.at("handler").get<std::string>();
  plan_handling(i);
  next_step(i);
}

void YearSim::plan_handling(std::size_t i) {
  SimCase& c = cases_[i];
  if (c.type == PetitionType::claim) {
    c.transfer = !c.district && random_.chance(0.04);
    c.suspend = random_.chance(0.035);
    c.extend = random_.chance(0.06);
    c.refuse_extension = random_.chance(0.12);
    c.withdraw = random_.chance(0.02);
    c.late = random_.chance(0.045);
  } else {
    c.transfer = !c.district && random_.chance(0.03);
    c.withdraw = random_.chance(0.01);
  }
}

// The handling steps in order — a transfer to the competent unit, a suspension, an extension,
// or a withdrawal — then the reply.
void YearSim::next_step(std::size_t i) {
  SimCase& c = cases_[i];
  const bool has_clock = c.type == PetitionType::claim;
  if (c.transfer) {
    c.transfer = false;
    at(office_after(1, 4), [this, i] {
      SimCase& s = cases_[i];
      std::vector<double> weights;
      for (const Weighted& u : kCityUnits) weights.push_back(u.id == s.unit ? 0.0 : u.weight);
      const std::string target = kCityUnits[random_.pick(weights)].id;
      const CommandResult moved =
          engine_.transfer(s.number, leader_of(s.unit), target, "", "经核查，该事项不属本科室职责，转有关科室办理");
      s.unit = target;
      s.handler = moved.events.front().payload.at("handler").get<std::string>();
      ++tally_.transfers;
      next_step(i);
    });
    return;
  }
  if (c.suspend) {
    c.suspend = false;
    const Instant when = office_after(2, 8);
    if (has_clock && when + days(10) < handling_deadline(c.number)) {
      at(when, [this, i] {
        engine_.suspend(cases_[i].number, cases_[i].handler, "需等待鉴定结论，中止办理");
        ++tally_.suspensions;
        at(office_after(5, 15), [this, i] {
          engine_.resume(cases_[i].number, cases_[i].handler, "鉴定结论已出具，恢复办理");
          next_step(i);
        });
      });
      return;
    }
  }
  if (c.extend) {
    c.extend = false;
    if (has_clock) {
      const Instant deadline = handling_deadline(c.number);
      Date day = last_day(deadline) - days(random_.between(2, 8));
      while (!cal_.is_working_day(day)) day -= days(1);
      const Instant when = office_time(day);
      if (when > clock_->now() + boost::posix_time::hours(1)) {
        at(when, [this, i, deadline] {
          SimCase& s = cases_[i];
          engine_.request_extension(s.number, s.handler, 30, "情况复杂，需实地调查核实，申请延长办理期限");
          ++tally_.extension_requests;
          Instant decided = office_after(0, 1);
          if (decided >= deadline - boost::posix_time::hours(1))
            decided = clock_->now() + minutes(random_.between(30, 90));
          at(decided, [this, i] {
            SimCase& t = cases_[i];
            if (t.refuse_extension) {
              engine_.refuse_extension(t.number, approver(t), "材料已齐备，应在法定期限内办结");
              ++tally_.extensions_refused;
            } else {
              engine_.approve_extension(t.number, approver(t), "同意延长30日，并书面告知信访人延期理由");
              ++tally_.extensions_approved;
            }
            next_step(i);
          });
        });
        return;
      }
    }
  }
  if (c.withdraw) {
    c.withdraw = false;
    const Date limit = has_clock ? last_day(handling_deadline(c.number)) - days(1) : today() + days(30);
    const int span = static_cast<int>((limit - today()).days());
    if (span >= 2) {
      at(office_time(working_on_or_after(today() + days(random_.between(2, span)))), [this, i] {
        SimCase& s = cases_[i];
        engine_.withdraw(s.number, petitioner_actor(s), "问题已自行解决，申请撤回");
        ++tally_.withdrawn;
        s.closed = true;
        s.pending = false;
      });
      return;
    }
  }
  plan_reply(i);
}

// Most replies come well inside the period; a few after it.
void YearSim::plan_reply(std::size_t i) {
  SimCase& c = cases_[i];
  const Date now_day = today();
  Instant when;
  if (c.type == PetitionType::claim) {
    const Date last = last_day(handling_deadline(c.number));
    const int span = static_cast<int>((last - now_day).days());
    if (c.late || span < 0) {
      // Late: mostly by days, now and then by weeks, long enough for the ladder to reach 包案.
      const int late_days = random_.chance(0.8) ? random_.between(1, 14) : random_.between(15, 42);
      when = office_time(working_on_or_after(std::max(last, now_day) + days(late_days)));
    } else if (span == 0) {
      when = clock_->now() + minutes(random_.between(30, 120));
    } else {
      const double f = 0.08 + 0.9 * std::pow(random_.uniform(), 1.4);
      Date day = working_on_or_after(now_day + days(std::max(1, static_cast<int>(std::lround(f * span)))));
      if (day > last) day = last;
      when = office_time(day);
    }
  } else {
    // Suggestions and accusations have no statutory handling period (Arts. 29-30).
    when = office_time(working_on_or_after(now_day + days(random_.between(5, 45))));
  }
  at(when, [this, i] { reply(i); });
}

namespace {

Outcome draw_outcome(Random& random, PetitionType type) {
  static const std::vector<Outcome> outcomes = {Outcome::supported, Outcome::partly_supported, Outcome::not_supported,
                                                Outcome::explained};
  switch (type) {
    case PetitionType::suggestion: return outcomes[random.pick({0.25, 0.15, 0.0, 0.6})];
    case PetitionType::accusation: return outcomes[random.pick({0.25, 0.2, 0.4, 0.15})];
    case PetitionType::claim: break;
  }
  return outcomes[random.pick({0.30, 0.18, 0.22, 0.30})];
}

std::string reply_text(Outcome outcome) {
  switch (outcome) {
    case Outcome::supported: return "经调查核实，信访人反映的问题属实，已责成有关单位予以解决。";
    case Outcome::partly_supported: return "经调查核实，信访人的部分诉求符合政策规定，予以支持；其余诉求缺乏依据。";
    case Outcome::not_supported: return "经调查核实，信访人的诉求缺乏政策依据，不予支持，并已做好解释工作。";
    case Outcome::explained:
    case Outcome::none: break;
  }
  return "已向信访人详细解释相关政策规定及办理程序。";
}

}  // namespace

void YearSim::reply(std::size_t i) {
  SimCase& c = cases_[i];
  c.outcome = draw_outcome(random_, c.type);
  engine_.reply(c.number, c.handler, c.outcome, reply_text(c.outcome));
  ++tally_.replies;
  ++tally_.outcomes[outcome_name(c.outcome)];
  c.answered = clock_->now();
  if (c.type == PetitionType::claim) {
    // Whether the reply met its period is the engine's count, not the plan's.
    for (const ClockReport& report : engine_.clocks(c.number)) {
      if (report.id != "handling") continue;
      ++tally_.with_period;
      ++(report.late_by > boost::posix_time::time_duration(0, 0, 0) ? tally_.late : tally_.on_time);
    }
  }
  after_answer(i);
}

// A rating of the answer (most petitioners give one), then perhaps a review.
void YearSim::after_answer(std::size_t i) {
  SimCase& c = cases_[i];
  if (!random_.chance(c.reviewed ? 0.5 : 0.82)) {
    after_rating(i);
    return;
  }
  // Satisfaction well above 90%, as bureaus report it; an unfavourable answer is rated worse.
  std::vector<double> weights = {0.82, 0.15, 0.03};
  switch (c.outcome) {
    case Outcome::supported: weights = {0.93, 0.065, 0.005}; break;
    case Outcome::partly_supported: weights = {0.78, 0.18, 0.04}; break;
    case Outcome::not_supported: weights = {0.60, 0.30, 0.10}; break;
    case Outcome::explained:
    case Outcome::none: break;
  }
  static const std::vector<std::string> levels = {"satisfied", "basically_satisfied", "dissatisfied"};
  const std::string level = levels[random_.pick(weights)];
  const Instant when = petitioner_actor(c) == "portal"
                           ? clock_->now() + days(random_.between(1, 20)) + minutes(random_.between(0, 600))
                           : office_time(cal_.add_working_days(today(), random_.between(1, 12)));
  at(when, [this, i, level] { rate(i, level); });
}

void YearSim::rate(std::size_t i, const std::string& level) {
  SimCase& c = cases_[i];
  RatingInput rating;
  rating.level = level;
  rating.resolved = random_.chance(level == "satisfied" ? 0.95 : level == "basically_satisfied" ? 0.7 : 0.15);
  engine_.rate(c.number, petitioner_actor(c), rating);
  ++tally_.ratings[level];
  ++(c.reviewed ? tally_.rated_reviews : tally_.rated_replies);
  c.rating = level;
  if (level != "dissatisfied") {
    after_rating(i);
    return;
  }
  // 不满意: the office calls the petitioner back (回访) within the follow-up period, mostly.
  at(random_.chance(0.92) ? office_after(1, 4) : office_after(6, 8), [this, i] {
    engine_.follow_up(cases_[i].number, on_duty(today(), "disp-"), "回访：已再次解释政策依据，告知复查途径");
    ++tally_.follow_ups;
    after_rating(i);
  });
}

void YearSim::after_rating(std::size_t i) {
  SimCase& c = cases_[i];
  double p = 0;
  if (!c.reviewed) {
    p = c.rating == "dissatisfied" ? 0.35 : c.outcome == Outcome::not_supported ? 0.05 : 0.006;
  } else if (c.outcome == Outcome::not_supported) {
    p = c.rating == "dissatisfied" ? 0.6 : 0.2;
  }
  if (random_.chance(p)) {
    // Within 30 days of the reply (Art. 35) or of the review opinion (Art. 36).
    const Instant window_end = cal_.period_end(c.answered, 30, PeriodUnit::statutory_days);
    const Instant when =
        petitioner_actor(c) == "portal" ? clock_->now() + days(random_.between(1, 15)) : office_after(1, 10);
    if (when < window_end - boost::posix_time::hours(2)) {
      const bool rereview = c.reviewed;
      at(when, [this, i, rereview] { request_review(i, rereview); });
      return;
    }
  }
  c.pending = false;
}

namespace {

std::string reviewer(Random& random) {
  return random.one_of(std::vector<std::string>{"s-rev1", "s-rev2", "s-lead"});
}

}  // namespace

void YearSim::request_review(std::size_t i, bool rereview) {
  SimCase& c = cases_[i];
  if (!rereview) {
    engine_.request_review(c.number, petitioner_actor(c), "对处理意见不服，请求复查");
    ++tally_.reviews_requested;
    at(random_.chance(0.95) ? office_after(6, 19) : office_after(23, 28), [this, i] { decide_review(i); });
    return;
  }
  engine_.request_rereview(c.number, petitioner_actor(c), "对复查意见不服，请求复核");
  ++tally_.rereviews_requested;
  if (!random_.chance(0.2)) {
    at(office_after(6, 19), [this, i] { decide_rereview(i); });
    return;
  }
  // A hearing (听证): its time is not counted (Art. 36).
  at(office_after(2, 5), [this, i] {
    engine_.suspend(cases_[i].number, "s-lead", "组织听证");
    ++tally_.hearings;
    at(office_after(4, 10), [this, i] {
      engine_.resume(cases_[i].number, "s-lead", "听证结束");
      at(office_after(4, 12), [this, i] { decide_rereview(i); });
    });
  });
}

void YearSim::decide_review(std::size_t i) {
  SimCase& c = cases_[i];
  static const std::vector<Outcome> outcomes = {Outcome::not_supported, Outcome::partly_supported, Outcome::supported};
  c.outcome = outcomes[random_.pick({0.72, 0.17, 0.11})];
  engine_.decide_review(c.number, reviewer(random_), c.outcome,
                        c.outcome == Outcome::not_supported ? "经复查，原处理意见认定事实清楚、适用政策正确，予以维持。"
                                                            : "经复查，原处理意见部分不当，责成重新办理。");
  ++tally_.reviews_decided;
  c.answered = clock_->now();
  c.reviewed = true;
  c.rating.clear();
  after_answer(i);
}

void YearSim::decide_rereview(std::size_t i) {
  SimCase& c = cases_[i];
  c.outcome = random_.chance(0.85) ? Outcome::not_supported : Outcome::partly_supported;
  engine_.decide_rereview(c.number, reviewer(random_), c.outcome,
                          "经复核，维持复查意见。信访人以同一事实和理由再次提出的，不再受理。");
  ++tally_.concluded;
  c.closed = true;
  c.pending = false;
  people_[c.petitioner].concluded.insert(c.category);
}

}  // namespace xinfang::cli::demo::year_detail
