#include "lifecycle_test_util.hpp"

#include <map>
#include <stdexcept>
#include <utility>

#include <boost/date_time/posix_time/posix_time.hpp>

namespace xinfang::testing {

namespace bpt = boost::posix_time;

const Policy& national_policy() {
  static const Policy policy = Policy::preset("cn-national-2022");
  return policy;
}

const Calendar& national_calendar() {
  return Calendar::national();
}

Instant local(const std::string& text) {
  // "YYYY-MM-DD HH:MM" at UTC+8.
  const Date day = parse_date(text.substr(0, 10));
  const int hour = std::stoi(text.substr(11, 2));
  const int minute = std::stoi(text.substr(14, 2));
  return Instant(day, boost::posix_time::hours(hour) + boost::posix_time::minutes(minute)) -
         boost::posix_time::hours(8);
}

Actor registrar() {
  return Actor{"reg-1", "city", "petition_office", {"registrar"}};
}
Actor dispatcher() {
  return Actor{"disp-1", "city", "petition_office", {"dispatcher"}};
}
Actor handler_in(const std::string& unit, const std::string& organisation) {
  return Actor{"h-" + unit, organisation, unit, {"handler"}};
}
Actor unit_leader_in(const std::string& unit, const std::string& organisation) {
  return Actor{"ul-" + unit, organisation, unit, {"unit_leader"}};
}
Actor org_leader(const std::string& organisation) {
  return Actor{"ol-" + organisation, organisation, organisation == "city" ? "general" : "", {"org_leader"}};
}
Actor reviewer(const std::string& organisation) {
  return Actor{"rev-" + organisation,
               organisation,
               organisation == "province" ? "petition_office_province" : "petition_office",
               {"reviewer"}};
}
Actor petitioner() {
  return Actor{"portal", "", "", {"petitioner"}};
}
Actor confidential_reader() {
  return Actor{"conf-1", "city", "petition_office", {"confidential_reader"}};
}
Actor with_roles(Actor actor, std::vector<std::string> roles) {
  actor.roles = std::move(roles);
  return actor;
}

Json claim_letter_args(const std::string& received_at) {
  return {
      {"channel", "letter"},
      {"type", "claim"},
      {"sub_route", "petition_handling"},
      {"category", "social_assistance"},
      {"region", "central"},
      {"subject", "最低生活保障金停发"},
      {"content", "本人低保金自去年十二月起停发，请求查明原因并恢复发放。"},
      {"petitioners", Json::array({{{"name", "李某"},
                                    {"id_number", "11010119800101123x"},
                                    {"phone", "138-0013-8000"},
                                    {"address", "某市中心区某路1号"}}})},
      {"received_at", received_at},
      {"received_by", "reg-1"},
      {"attachments", Json::array({{{"name", "letter.pdf"},
                                    {"media_type", "application/pdf"},
                                    {"size", 20480},
                                    {"sha256", std::string(64, 'a')}}})},
  };
}

ErrorCode code_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::ok;
}

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TestCase::TestCase() = default;

TestCase& TestCase::intake(const Json& args, Instant at, std::optional<Actor> actor, std::vector<PriorCase> prior) {
  for (auto& event : decide("intake", args, actor ? *actor : registrar(), at, std::move(prior))) {
    state_ = apply(std::move(state_), event);
    events_.push_back(std::move(event));
  }
  return *this;
}

TestCase& TestCase::run(const std::string& name, const Json& args, const Actor& actor, Instant at) {
  std::vector<Event> produced;
  try {
    produced = decide(name, args, actor, at);
  } catch (const Error& e) {
    throw Error(e.code(), std::string("while running ") + name + ": " + e.what());
  }
  for (auto& event : produced) {
    state_ = apply(std::move(state_), event);
    events_.push_back(std::move(event));
  }
  return *this;
}

std::vector<Event> TestCase::decide(const std::string& name, const Json& args, const Actor& actor, Instant at,
                                    std::vector<PriorCase> prior) const {
  DecideContext context{*policy, national_calendar(), at, actor, number, kQueryCode, kSalt, std::move(prior)};
  return xinfang::decide(state_, Command{name, args}, context);
}

ErrorCode TestCase::attempt(const std::string& name, const Json& args, const Actor& actor, Instant at) const {
  return code_of([&] { decide(name, args, actor, at); });
}

std::string TestCase::refusal(const std::string& name, const Json& args, const Actor& actor, Instant at) const {
  return message_of([&] { decide(name, args, actor, at); });
}

Instant TestCase::last_at() const {
  return events_.empty() ? Instant(boost::posix_time::not_a_date_time) : events_.back().at;
}

// Brings a case into the column's status by the commands an office would use.
TestCase build_case(const std::string& column) {
  TestCase c;
  c.intake(claim_letter_args(), local("2025-03-03 09:00"));
  if (column == "registered") return c;
  if (column == "not_accepted")
    return c.run("not_accept", {{"reason", "outside_scope"}}, dispatcher(), local("2025-03-04 10:00")), c;
  if (column == "forwarded")
    return c.run("forward", {{"organisation", "district"}}, dispatcher(), local("2025-03-04 10:00")), c;
  if (column == "withdrawn") return c.run("withdraw", Json::object(), petitioner(), local("2025-03-04 10:00")), c;
  if (column == "merged")
    return c.run("merge", {{"into", "MZJ-2025-000002"}}, dispatcher(), local("2025-03-04 10:00")), c;
  c.run("accept", Json::object(), dispatcher(), local("2025-03-04 10:00"));
  if (column == "accepted") return c;
  if (column == "assigned") {
    return c.run("assign", {{"unit", "district_social_assistance"}}, dispatcher(), local("2025-03-05 10:00")), c;
  }
  c.run("route", {{"unit", "social_assistance"}, {"handler", "h-social_assistance"}}, dispatcher(),
        local("2025-03-05 10:00"));
  const Actor handler = handler_in("social_assistance");
  if (column == "in_handling") return c;
  if (column == "suspended") return c.run("suspend", {{"reason", "等待鉴定"}}, handler, local("2025-03-06 10:00")), c;
  c.run("reply", {{"outcome", "supported"}, {"text", Json("说明")}}, handler, local("2025-03-10 10:00"));
  if (column == "replied") return c;
  // Dissatisfied, as those who ask for a review are: a follow-up (回访) is pending from here on.
  if (column == "rated_reply")
    return c.run("rate", {{"level", "dissatisfied"}}, petitioner(), local("2025-03-11 10:00")), c;
  c.run("request_review", Json::object(), petitioner(), local("2025-03-12 10:00"));
  if (column == "review_requested") return c;
  c.run("decide_review", {{"outcome", "explained"}, {"text", Json("说明")}}, reviewer(), local("2025-03-20 10:00"));
  if (column == "reviewed") return c;
  if (column == "rated_review")
    return c.run("rate", {{"level", "dissatisfied"}}, petitioner(), local("2025-03-21 10:00")), c;
  c.run("request_rereview", Json::object(), petitioner(), local("2025-03-22 10:00"));
  if (column == "rereview_requested") return c;
  c.run("decide_rereview", {{"outcome", "explained"}, {"text", Json("说明")}}, reviewer(), local("2025-03-28 10:00"));
  if (column == "concluded") return c;
  c.run("archive", Json::object(), dispatcher(), local("2025-03-29 10:00"));
  if (column == "archived") return c;
  throw std::logic_error("no such column: " + column);
}

// An attempt that succeeds if the status allows the command: the right actor, valid arguments,
// inside every window (archive: after the review periods have run out).
Probe probe(const std::string& command, const CaseState& state, Instant last) {
  const Instant soon = last + bpt::hours(1);
  const Unit* unit = national_policy().find_unit(state.unit);
  const std::string unit_org = unit != nullptr ? unit->organisation : "city";
  const bool rereview_stage = !state.rereview_requested_at.is_special();
  const Actor stage_actor = rereview_stage ? Actor{"rev-h", "province", "petition_office_province", {"handler"}}
                                           : handler_in(state.unit, unit_org);
  if (command == "intake") return {claim_letter_args(), registrar(), soon};
  if (command == "accept") return {Json::object(), dispatcher(), soon};
  if (command == "not_accept") return {{{"reason", "outside_scope"}}, dispatcher(), soon};
  if (command == "forward") return {{{"organisation", "district"}}, dispatcher(), soon};
  if (command == "assign") return {{{"unit", "district_social_assistance"}}, dispatcher(), soon};
  if (command == "route") {
    const std::string to = state.status == CaseStatus::assigned ? state.unit : "social_assistance";
    return {{{"unit", to}, {"handler", "h-" + to}}, dispatcher(), soon};
  }
  if (command == "transfer") return {{{"unit", "pensions"}, {"handler", "h-pensions"}}, dispatcher(), soon};
  if (command == "object") return {{{"reason", "不属本单位职责"}}, handler_in(state.unit, unit_org), soon};
  if (command == "take_ownership") return {{{"leader", "ol-city"}}, org_leader(), soon};
  if (command == "mark_key") return {Json::object(), dispatcher(), soon};
  if (command == "contact") return {{{"method", "phone"}}, handler_in(state.unit, unit_org), soon};
  if (command == "suspend") return {{{"reason", "等待鉴定"}}, stage_actor, soon};
  if (command == "resume") return {Json::object(), stage_actor, soon};
  if (command == "request_extension") return {{{"amount", 10}, {"reason", "情况复杂"}}, stage_actor, soon};
  if (command == "approve_extension") return {Json::object(), org_leader(), soon};
  if (command == "refuse_extension") return {{{"reason", "无需延期"}}, org_leader(), soon};
  if (command == "reply") return {{{"outcome", "supported"}, {"text", Json("说明")}}, stage_actor, soon};
  if (command == "rate") return {{{"level", "satisfied"}}, petitioner(), soon};
  if (command == "follow_up") return {{{"result", "已回访，解释了政策"}}, registrar(), soon};
  if (command == "request_review" || command == "request_rereview" || command == "withdraw") {
    return {Json::object(), petitioner(), soon};
  }
  if (command == "decide_review" || command == "decide_rereview") {
    return {{{"outcome", "explained"}, {"text", Json("说明")}}, reviewer(), soon};
  }
  if (command == "merge") return {{{"into", "MZJ-2025-000099"}}, dispatcher(), soon};
  if (command == "archive") return {Json::object(), dispatcher(), last + bpt::hours(24 * 61)};
  if (command == "note") return {{{"text", Json("说明")}}, registrar(), soon};
  throw std::logic_error("no probe for " + command);
}

TestCase ready_for(const std::string& command) {
  static const std::map<std::string, std::string> where = {
      {"intake", ""},
      {"accept", "registered"},
      {"not_accept", "registered"},
      {"forward", "registered"},
      {"assign", "registered"},
      {"route", "accepted"},
      {"resume", "suspended"},
      {"rate", "replied"},
      {"follow_up", "rated_reply"},
      {"contact", "in_handling"},
      {"request_review", "replied"},
      {"decide_review", "review_requested"},
      {"request_rereview", "reviewed"},
      {"decide_rereview", "rereview_requested"},
      {"archive", "concluded"},
  };
  auto it = where.find(command);
  if (it != where.end() && it->second.empty()) return TestCase();
  TestCase c = build_case(it != where.end() ? it->second : "in_handling");
  if (command == "approve_extension" || command == "refuse_extension") {
    c.run("request_extension", {{"amount", 10}, {"reason", "情况复杂"}}, handler_in("social_assistance"),
          c.last_at() + boost::posix_time::minutes(30));
  }
  return c;
}

Probe ready_probe(const std::string& command, const TestCase& c) {
  const Instant last = c.last_at().is_special() ? local("2025-03-03 09:00") : c.last_at();
  return probe(command, c.state(), last);
}

Json full_view(const CaseState& state) {
  return case_view(state, national_policy(), confidential_reader());
}

}  // namespace xinfang::testing
