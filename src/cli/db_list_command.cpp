// The xinfang command-line program: `xinfang list` — the cases matching a filter.
//
// The flags are turned into the filter's JSON and read by CaseFilter::from_json, so the program
// and every other host accept and refuse the same filters.
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

// The subject column's width: the table stays within 120 columns with a full-length number,
// status, date, unit and handler.
constexpr int kSubjectWidth = 30;

struct ListOptions : DbOptions {
  std::vector<std::string> statuses;
  std::string organisation;
  std::string unit;
  std::string handler;
  std::string type;
  std::string category;
  std::string region;
  std::string channel;
  std::string from;
  std::string to;
  std::string text;
  bool key_case = false;
  bool repeat = false;
  bool open = false;
  bool closed = false;
  bool count_only = false;
  bool overdue = false;
  std::string deadline_before;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
};

bool is_day(std::string_view text) {
  try {
    parse_date(text);
    return text.size() == 10;
  } catch (const Error&) {
    return false;
  }
}

// --from and --to take a time, or a local day: --from DAY is its first instant, --to DAY takes
// the whole day in (the filter's bound is exclusive, so it is the day's end).
std::string bound(const std::string& text, bool is_end, const Calendar& calendar, std::string_view option) {
  if (is_day(text)) {
    const Date day = parse_date(text);
    return lifecycle_detail::format_instant(is_end ? calendar.end_of_day(day) : calendar.start_of_day(day));
  }
  return lifecycle_detail::format_instant(parse_time(text, option));
}

CLI::Validator time_or_day_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (is_day(value)) return std::string();
        const std::string problem = why_not_a_time(value);
        return problem.empty() ? problem : problem + ", nor a day YYYY-MM-DD";
      },
      "", "TIME|DAY");
}

Json filter_json(const ListOptions& options, const Calendar& calendar, Instant now) {
  Json filter = Json::object();
  if (!options.statuses.empty()) filter["status"] = options.statuses;
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"organisation", &options.organisation},
                                   {"unit", &options.unit},
                                   {"handler", &options.handler},
                                   {"type", &options.type},
                                   {"category", &options.category},
                                   {"region", &options.region},
                                   {"channel", &options.channel},
                                   {"text", &options.text}}) {
    if (!value->empty()) filter[key] = *value;
  }
  if (!options.from.empty()) filter["received_from"] = bound(options.from, false, calendar, "--from");
  if (!options.to.empty()) filter["received_to"] = bound(options.to, true, calendar, "--to");
  if (options.key_case) filter["key_case"] = true;
  if (options.repeat) filter["repeat"] = true;
  if (options.open) filter["open"] = true;
  if (options.closed) filter["open"] = false;
  if (options.overdue) filter["deadline_to"] = lifecycle_detail::format_instant(now);
  if (!options.deadline_before.empty()) {
    filter["deadline_from"] = lifecycle_detail::format_instant(now);
    filter["deadline_to"] = bound(options.deadline_before, true, calendar, "--due-before");
  }
  if (options.limit) filter["limit"] = *options.limit;
  if (options.offset) filter["offset"] = *options.offset;
  return filter;
}

void print_table(const std::vector<CaseSummary>& cases, std::int64_t total, const Calendar& calendar) {
  if (cases.empty()) {
    std::cout << "没有符合条件的案件 (no cases match)"
              << (total > 0 ? "; 共 (total) " + std::to_string(total) + ", --offset is past the end" : "") << "\n";
    return;
  }
  Table table(std::vector<Table::Align>(6, Table::Align::left));
  table.add_row(
      {"编号 (number)", "状态 (status)", "收到 (received)", "标题 (subject)", "科室 (unit)", "承办人 (handler)"});
  for (const CaseSummary& summary : cases) {
    table.add_row({summary.number, status_label(summary.status), local_day(calendar, summary.received_at),
                   truncate_to_width(summary.subject, kSubjectWidth), summary.unit.empty() ? "—" : summary.unit,
                   summary.handler.empty() ? "—" : summary.handler});
  }
  table.print(std::cout);
  std::cout << "显示 (shown) " << cases.size() << "，共 (total) " << total << "\n";
}

void run_list(const ListOptions& options) {
  const Engine engine = open_database(options);
  const CaseFilter filter = CaseFilter::from_json(filter_json(options, engine.calendar(), engine.now()));
  const std::int64_t total = engine.count(filter);
  if (options.count_only) {
    if (options.json) {
      print_json(std::cout, {{"total", total}});
    } else {
      std::cout << total << "\n";
    }
    return;
  }
  const std::vector<CaseSummary> cases = engine.list(filter);
  if (options.json) {
    Json list = Json::array();
    for (const CaseSummary& summary : cases) list.push_back(summary.to_json());
    print_json(std::cout, {{"cases", std::move(list)}, {"total", total}});
    return;
  }
  print_table(cases, total, engine.calendar());
}

}  // namespace

void register_list_command(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* sub = app.add_subcommand("list", "List the cases matching a filter, newest registration first");
  sub->add_option("--status", options->statuses, "Any of these statuses; repeat for several")
      ->allow_extra_args(false)  // each --status takes one value
      ->type_name("STATUS");
  sub->add_option("--org", options->organisation, "Held by this organisation")->type_name("ORG");
  sub->add_option("--unit", options->unit, "With this responsible unit")->type_name("UNIT");
  sub->add_option("--handler", options->handler, "With this handler")->type_name("ID");
  sub->add_option("--type", options->type, "Of this petition type")
      ->check(CLI::IsMember({"suggestion", "accusation", "claim"}));
  sub->add_option("--category", options->category, "Of this category")->type_name("ID");
  sub->add_option("--region", options->region, "Of this region")->type_name("ID");
  sub->add_option("--channel", options->channel, "Received by this channel")->type_name("ID");
  sub->add_option("--from", options->from, "Received at or after TIME, or from the start of the local DAY")
      ->check(time_or_day_validator());
  sub->add_option("--to", options->to, "Received before TIME, or up to the end of the local DAY")
      ->check(time_or_day_validator());
  sub->add_flag("--key", options->key_case, "Only key cases (重点)");
  sub->add_flag("--repeat", options->repeat, "Only repeat petitions");
  CLI::Option* open = sub->add_flag("--open", options->open, "Only open cases");
  sub->add_flag("--closed", options->closed, "Only ended cases")->excludes(open);
  sub->add_option("--text", options->text, "Whose subject contains TEXT")->type_name("TEXT");
  sub->add_option("--limit", options->limit, "At most N cases (1..100000; default 100)")->type_name("N");
  sub->add_option("--offset", options->offset, "Skip the first N")->type_name("N");
  CLI::Option* overdue = sub->add_flag("--overdue", options->overdue, "Only cases with a deadline already passed");
  sub->add_option("--due-before", options->deadline_before,
                  "Only cases whose next deadline is still ahead and before TIME, or by the end of DAY")
      ->check(time_or_day_validator())
      ->excludes(overdue);
  sub->add_flag("--count", options->count_only, "Print only how many cases match");
  add_db_options(*sub, *options, globals, ActorOption::none);
  sub->footer(exit_status_footer(
      "Prints a table (number, status, received day, subject cut to " + std::to_string(kSubjectWidth) +
      " columns, unit, handler) and how many cases match in all. --json prints {\"cases\": [...], \"total\": N}."));
  sub->callback([options] { run_list(*options); });
}

}  // namespace xinfang::cli
