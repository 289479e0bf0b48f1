// The xinfang command-line program: the clocks of a case (`xinfang clocks`), the sweep that
// fires due escalation steps (`xinfang sweep`), and the notification outbox (`xinfang outbox
// poll|ack`). docs/deadlines.md has the model, docs/cli.md the commands.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/db_commands.hpp"
#include "cli/db_format.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "lifecycle/command_args.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

const char* status_zh(ClockStatus status) {
  switch (status) {
    case ClockStatus::not_started: return "未起算";
    case ClockStatus::running: return "计时中";
    case ClockStatus::paused: return "中止";
    case ClockStatus::met: return "已办结";
    case ClockStatus::breached: return "超期";
  }
  return "";
}

std::string time_or_dash(const Calendar& calendar, Instant instant) {
  return instant.is_special() ? "—" : local_deadline(calendar, instant);
}

struct ClocksOptions : DbOptions {
  std::string number;
  bool explain = false;
  bool all = false;
};

void run_clocks(const ClocksOptions& options) {
  const Engine engine = open_database(options);
  const Calendar& calendar = engine.calendar();
  std::vector<ClockReport> reports = engine.clocks(options.number);
  if (!options.all) {
    reports.erase(std::remove_if(reports.begin(), reports.end(),
                                 [](const ClockReport& r) { return r.status == ClockStatus::not_started; }),
                  reports.end());
  }
  if (options.json) {
    Json list = Json::array();
    for (const ClockReport& report : reports) list.push_back(explain(report, calendar).to_json());
    print_json(std::cout, {{"number", options.number}, {"clocks", std::move(list)}});
    return;
  }
  if (reports.empty()) {
    std::cout << "没有计时中的期限 (no clock has started)\n";
    return;
  }
  Table table(std::vector<Table::Align>(5, Table::Align::left));
  table.add_row({"期限 (clock)", "状态 (status)", "期满 (deadline)", "下一步 (next step)", "到期 (due)"});
  for (const ClockReport& report : reports) {
    std::string next = "—";
    for (const LadderStep& step : report.ladder) {
      if (!step.due.is_special() && step.due == report.next_due) next = step.id + " (" + step.action + ")";
    }
    std::string status = std::string(status_zh(report.status)) + " (" + clock_status_name(report.status) + ")";
    if (report.late_by > Duration(0, 0, 0)) status += " +" + std::to_string(report.late_by.hours()) + "h";
    table.add_row({with_name(report.id, report.name), status, time_or_dash(calendar, report.deadline), next,
                   time_or_dash(calendar, report.next_due)});
  }
  table.print(std::cout);
  if (options.explain) {
    std::cout << "\n";
    for (const ClockReport& report : reports) std::cout << explain(report, calendar).sentence << "\n";
  }
}

struct SweepCliOptions : DbOptions {
  std::int64_t per_transaction = 200;
  std::int64_t max_cases = 0;
};

void run_sweep(const SweepCliOptions& options) {
  Engine engine = open_database(options);
  SweepOptions sweep;
  sweep.cases_per_transaction = options.per_transaction;
  sweep.max_cases = options.max_cases;
  const SweepResult result = engine.sweep(sweep);
  if (options.json) {
    print_json(std::cout, result.to_json());
    return;
  }
  if (!result.fired.empty()) {
    Table table(std::vector<Table::Align>(5, Table::Align::left));
    table.add_row({"编号 (number)", "期限.步骤 (clock.step)", "事件 (event)", "到期 (due)", "通知 (notified)"});
    for (const FiredStep& step : result.fired) {
      table.add_row({step.number, step.clock + "." + step.step, step.event_type,
                     local_deadline(engine.calendar(), step.due_at), std::to_string(step.notifications)});
    }
    table.print(std::cout);
  }
  std::cout << "触发 (fired) " << result.fired.size() << "，案件 (cases) " << result.cases << "，事务 (transactions) "
            << result.transactions << (result.more_due ? "；仍有到期 (more due: run again)" : "") << "\n";
}

struct PollOptions : DbOptions {
  std::int64_t limit = 100;
  std::int64_t lease = 300;
};

void run_poll(const PollOptions& options) {
  Engine engine = open_database(options);
  const std::vector<Notification> notifications = engine.poll_outbox(options.limit, options.lease);
  if (options.json) {
    Json list = Json::array();
    for (const Notification& n : notifications) list.push_back(n.to_json());
    print_json(std::cout, {{"notifications", std::move(list)}});
    return;
  }
  if (notifications.empty()) {
    std::cout << "没有待发通知 (nothing to deliver)\n";
    return;
  }
  Table table(std::vector<Table::Align>(5, Table::Align::left));
  table.add_row({"ID", "编号 (number)", "类别 (kind)", "收件人 (recipient)", "期满 (deadline)"});
  for (const Notification& n : notifications) {
    table.add_row({std::to_string(n.id), n.number, n.kind, n.recipient_kind + ":" + n.recipient,
                   local_deadline_of(engine.calendar(), n.parameters.value("deadline", Json()))});
  }
  table.print(std::cout);
}

struct AckOptions : DbOptions {
  std::vector<std::int64_t> ids;
};

void run_ack(const AckOptions& options) {
  Engine engine = open_database(options);
  for (std::int64_t id : options.ids) engine.acknowledge(id);
  if (options.json) {
    print_json(std::cout, {{"acknowledged", options.ids}});
  } else {
    std::cout << "已确认 (acknowledged) " << options.ids.size() << "\n";
  }
}

}  // namespace

void register_clock_commands(CLI::App& app, Globals& globals) {
  auto clocks = std::make_shared<ClocksOptions>();
  CLI::App* sub = app.add_subcommand("clocks", "Show the deadlines of a case and why each is what it is");
  sub->add_option("number", clocks->number, "The case number")->required()->type_name("NUMBER");
  sub->add_flag("--explain", clocks->explain, "Also print each count as a sentence");
  sub->add_flag("--all", clocks->all, "Include clocks that have not started");
  add_db_options(*sub, *clocks, globals, ActorOption::none);
  sub->footer(exit_status_footer(
      "Prints each started clock: status, deadline (local time), next escalation step and when it is due. --json "
      "prints each clock's explanation as data, with the sentence."));
  sub->callback([clocks] { run_clocks(*clocks); });

  auto sweep = std::make_shared<SweepCliOptions>();
  sub = app.add_subcommand("sweep", "Fire every escalation step that is due (run it from cron or a timer)");
  sub->add_option("--per-transaction", sweep->per_transaction, "Cases per transaction (1..10000; default 200)")
      ->type_name("N");
  sub->add_option("--max", sweep->max_cases, "At most N cases in all (default: every case due)")->type_name("N");
  add_db_options(*sub, *sweep, globals, ActorOption::none);
  sub->footer(exit_status_footer(
      "Prints the steps fired. Each step fires once: running it again at the same time fires nothing. --json prints "
      "{\"fired\": [...], \"cases\", \"transactions\", \"more_due\"}."));
  sub->callback([sweep] { run_sweep(*sweep); });

  CLI::App* outbox = app.add_subcommand("outbox", "Hand out and acknowledge the notifications the sweep wrote");
  outbox->require_subcommand(1);
  auto poll = std::make_shared<PollOptions>();
  sub = outbox->add_subcommand("poll", "Hand out notifications to deliver, leased for --lease seconds");
  sub->add_option("--limit", poll->limit, "At most N (1..10000; default 100)")->type_name("N");
  sub->add_option("--lease", poll->lease, "Seconds before an unacknowledged one is handed out again (default 300)")
      ->type_name("SECONDS");
  add_db_options(*sub, *poll, globals, ActorOption::none);
  sub->callback([poll] { run_poll(*poll); });
  auto ack = std::make_shared<AckOptions>();
  sub = outbox->add_subcommand("ack", "Acknowledge delivered notifications");
  sub->add_option("id", ack->ids, "Notification ids")->required()->type_name("ID");
  add_db_options(*sub, *ack, globals, ActorOption::none);
  sub->callback([ack] { run_ack(*ack); });
}

}  // namespace xinfang::cli
