// `xinfang demo`, part two: a week of a city civil-affairs bureau's petition office on an
// embedded SQLite file — the staff directory, petitions from several channels numbered as they
// arrive, a retried portal request that makes no second case, routing by the rules, a refusal,
// a reply and its rating, the list a clerk sees, one case's log, and the audit chain verified.
// The time runs on a manual clock through a fixed week so that the output is the same each run.
#include "cli/demo_database.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "cli/db_format.hpp"
#include "cli/output.hpp"
#include "xinfang/engine.hpp"

namespace xinfang::cli {
namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;

Instant office_time(const char* text) {
  // Asia/Shanghai is UTC+8 all year.
  return boost::posix_time::time_from_string(text) - hours(8);
}

Json petition(const char* channel, const char* category, const char* region, const char* subject, const char* content,
              Json petitioners, Instant received) {
  Json p = {{"channel", channel},
            {"type", "claim"},
            {"sub_route", "petition_handling"},
            {"category", category},
            {"region", region},
            {"subject", subject},
            {"content", content},
            {"petitioners", std::move(petitioners)}};
  p["received_at"] = iso_utc(received);
  return p;
}

Json person(const char* name, const char* id_number, const char* phone) {
  return {{"name", name}, {"id_number", id_number}, {"phone", phone}};
}

void add_staff(Engine& engine) {
  const std::vector<StaffMember> staff = {
      {"reg-01", "王登记", "city", "petition_office", {"registrar"}, true},
      {"disp-01", "李分办", "city", "petition_office", {"dispatcher"}, true},
      {"h-sa-01", "张承办", "city", "social_assistance", {"handler"}, true},
      {"h-sa-02", "赵承办", "city", "social_assistance", {"handler"}, true},
      {"h-yf-01", "刘承办", "city", "pensions", {"handler"}, true},
      {"h-yl-01", "陈承办", "city", "elderly", {"handler"}, true},
      {"lead-sa", "孙科长", "city", "social_assistance", {"unit_leader"}, true},
      {"boss", "周局长", "city", "petition_office", {"org_leader"}, true},
      {"portal", "网上信访平台", "city", "", {"petitioner"}, true},
  };
  for (const StaffMember& m : staff) engine.put_staff("demo-admin", m);
}

}  // namespace

Json run_database_demo(const std::string& path, std::ostream* out, bool kept) {
  if (std::filesystem::exists(path)) {
    throw Error(ErrorCode::already_exists, "demo database " + path + " exists; remove it or give another with --db");
  }
  auto clock = std::make_shared<ManualClock>(office_time("2025-03-03 08:45:00"));
  EngineOptions options;
  options.database = path;
  options.policy = "cn-national-2022";
  options.installer = "demo-admin";
  options.clock = clock;
  Engine engine = Engine::open(options);
  add_staff(engine);

  // Monday: the morning's post, a visit, a call; the portal sends its request twice.
  clock->set(office_time("2025-03-03 09:10:00"));
  const Json letter =
      petition("letter", "social_assistance", "central", "最低生活保障金停发",
               "本人低保金自去年十二月起停发，请求查明原因并恢复发放。",
               Json::array({person("李某", "110101198001011234", "13800138000")}), office_time("2025-03-03 08:30:00"));
  const CommandResult a = engine.intake_json("reg-01", letter);
  clock->advance(minutes(25));
  const CommandResult b = engine.intake_json(
      "reg-01",
      petition("visit", "pensions", "east", "重点优抚对象定期抚恤金标准咨询", "询问2025年抚恤金调整标准及发放时间。",
               Json::array({person("王某", "110101196505052345", "13900139000")}), clock->now()));
  clock->advance(minutes(40));
  const Json online =
      petition("online", "elderly_care", "west", "养老机构收费不透明", "某养老院收费项目未公示，请核查。",
               Json::array({person("陈某", "110101197203033456", "13700137000")}), clock->now());
  const CommandResult c = engine.intake_json("reg-01", online, "portal-2025-03-03-0007");
  const CommandResult c_again = engine.intake_json("reg-01", online, "portal-2025-03-03-0007");
  clock->advance(minutes(30));
  const CommandResult d = engine.intake_json(
      "reg-01", petition("phone", "social_assistance", "county", "要求撤销法院关于赡养费的判决",
                         "对法院判决不服，要求民政局撤销。",
                         Json::array({person("赵某", "110101195811114567", "13600136000")}), clock->now()));

  // The dispatcher sorts the morning's petitions: three accepted and routed by the rules, one
  // belongs to the courts (Art. 31 (1)).
  clock->set(office_time("2025-03-03 14:00:00"));
  for (const CommandResult* r : {&a, &b, &c}) {
    engine.accept(r->number, "disp-01");
    engine.route(r->number, "disp-01");
  }
  engine.not_accept(d.number, "disp-01", "litigation", "已告知通过诉讼程序解决");
  engine.mark_key(c.number, "disp-01", "涉及老年人权益，列为重点");

  // Friday: the pensions question is answered; the petitioner rates it through the portal.
  clock->set(office_time("2025-03-07 10:00:00"));
  const std::string pensions_handler = engine.get(b.number).state.handler;
  engine.reply(b.number, pensions_handler, Outcome::explained, "已书面告知2025年抚恤金调整标准及发放时间。");
  clock->set(office_time("2025-03-07 16:20:00"));
  engine.rate(b.number, "portal", "satisfied", "答复及时");

  // End of April: the timer's sweep finds the reminders due 5 working days before the handling
  // deadlines (6 May: 60 days from 3 March reach 2 May, in the Labour Day holiday), and the
  // host delivers them through the outbox.
  clock->set(office_time("2025-04-28 09:00:00"));
  const SweepResult swept = engine.sweep();
  const std::vector<Notification> to_send = engine.poll_outbox(100, 300);
  for (const Notification& n : to_send) engine.acknowledge(n.id);
  const std::vector<ClockReport> clocks_of_a = engine.clocks(a.number);

  CaseFilter all;
  const std::vector<CaseSummary> cases = engine.list(all);
  const CaseRecord record = engine.get(a.number);
  const VerifyReport report = engine.verify();
  const bool same_case = c_again.replayed && c_again.number == c.number;

  if (out == nullptr) {
    Json json = {{"database", path},
                 {"cases", Json::array()},
                 {"retry_made_no_new_case", same_case},
                 {"sweep", swept.to_json()},
                 {"verify", report.to_json()}};
    for (const CaseSummary& s : cases) json["cases"].push_back(s.to_json());
    json["log_of"] = {{"number", a.number}, {"events", Json::array()}};
    for (const StoredEvent& e : record.events) {
      json["log_of"]["events"].push_back(
          {{"sequence", e.sequence}, {"type", e.event.type}, {"actor", e.event.actor.id}, {"hash", e.hash}});
    }
    return json;
  }

  std::ostream& o = *out;
  o << "四、一个信访办的一周 (a petition office on a database file)\n\n";
  o << "  数据库 (database): " << path << "（SQLite，WAL；策略 policy " << engine.policy().name() << " "
    << engine.policy().version() << "，哈希链 hash chain " << hash_algorithm_name(engine.hash_algorithm()) << "）\n";
  o << "  网上信访平台重复提交同一请求 (the portal retried a request): " << c_again.number
    << (same_case ? " — 同一件，未重复登记 (same case, nothing new)" : " — 重复登记! (a second case!)") << "\n\n";

  Table table({Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::left,
               Table::Align::left});
  table.add_row({"编号 number", "状态 status", "承办 unit / handler", "渠道 channel", "收到 received", "事由 subject"});
  for (const CaseSummary& s : cases) {
    const std::string who = s.unit.empty() ? "—" : s.unit + " / " + (s.handler.empty() ? "—" : s.handler);
    table.add_row({s.number + (s.key_case ? " ★" : ""), case_status_name(s.status), who, s.channel,
                   local_time(engine.calendar(), s.received_at).substr(0, 16), s.subject});
  }
  table.print(o, "  ");
  o << "  ★ 重点信访事项 (key case)\n";

  o << "\n  " << a.number << " 的记录 (its log; each event carries the hash of the one before):\n\n";
  Table log({Table::Align::right, Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::left});
  log.add_row({"#", "时间 time (UTC+8)", "事件 event", "经办 actor", "哈希 hash"});
  for (const StoredEvent& e : record.events) {
    log.add_row({std::to_string(e.sequence), local_time(engine.calendar(), e.event.at).substr(0, 16), e.event.type,
                 e.event.actor.id, e.hash.substr(0, 16) + "…"});
  }
  log.print(o, "  ");

  o << "\n  4月28日定时巡检 (the sweep on 28 April): " << swept.fired.size() << " 个催办 (steps fired), "
    << to_send.size() << " 条通知已送达 (notifications delivered)\n";
  for (const FiredStep& step : swept.fired) {
    o << "    " << step.number << "  " << step.clock << "." << step.step << " → " << step.event_type << "\n";
  }
  for (const ClockReport& clock_report : clocks_of_a) {
    if (clock_report.id == "handling") o << "  " << explain(clock_report, engine.calendar()).sentence << "\n";
  }

  o << "\n  校验 (verify): " << (report.ok ? "通过 ok" : "失败 FAILED: " + report.message) << " — " << report.cases
    << " 件 cases, " << report.events << " 个事件 events, " << report.directory_changes
    << " 项名册变更 directory changes\n";
  if (kept) {
    o << "  再看看 (look around): xinfang list --db " << path << "    xinfang show --db " << path << " " << a.number
      << " --events\n";
  }
  return Json();
}

}  // namespace xinfang::cli
