// The xinfang command-line program: `xinfang calendar is-workday | add | between | year`.
//
// Every calendar subcommand takes --json, --calendar FILE and --estimate YEAR[-YEAR]. Text
// output is meant for a clerk at a terminal; JSON output is one object on stdout.
#include <iostream>
#include <memory>
#include <string>

#include "cli/calendar_source.hpp"
#include "cli/command.hpp"
#include "cli/output.hpp"
#include "cli/year_view.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

// The options every calendar subcommand shares.
struct CommonOptions {
  bool json = false;
  CalendarSource source;
};

void add_common_options(CLI::App& sub, CommonOptions& options, Globals& globals) {
  add_json_flag(sub, options.json, globals);
  add_calendar_source_options(sub, options.source);
}

CLI::Option* add_date_argument(CLI::App& sub, const std::string& name, std::string& target, const std::string& help) {
  return sub.add_option(name, target, help)->required()->check(iso_date_validator())->type_name("YYYY-MM-DD");
}

// ---- is-workday ----

struct IsWorkdayOptions : CommonOptions {
  std::string date;
};

// The reason a clerk reads after yes/no, e.g. "holiday 国庆节、中秋节 (国务院办公厅关于...)".
std::string reason(const DayInfo& info) {
  switch (info.kind) {
    case DayKind::workday: return "workday";
    case DayKind::weekend: return "weekend";
    case DayKind::makeup_workday: return "make-up working day for " + info.name;
    case DayKind::holiday: return "holiday " + info.name + (info.source.empty() ? "" : " (" + info.source + ")");
  }
  return "?";
}

void run_is_workday(const IsWorkdayOptions& options) {
  const Calendar calendar = load_calendar(options.source);
  const Date day = parse_date(options.date);
  const DayInfo info = calendar.day_info(day);
  if (options.json) {
    print_json(std::cout, {{"date", format_date(day)},
                           {"weekday", weekday_en(day)},
                           {"working", info.working},
                           {"kind", day_kind_name(info.kind)},
                           {"name", info.name},
                           {"source", info.source},
                           {"estimated", info.estimated},
                           {"calendar", calendar.name()}});
    return;
  }
  std::cout << (info.working ? "yes" : "no") << "  " << reason(info);
  if (info.estimated) {
    std::cout << "  [weekend-only estimate: no State Council notice loaded for " << day.year() << "]";
  }
  std::cout << "\n";
}

void register_is_workday(CLI::App& calendar, Globals& globals) {
  auto options = std::make_shared<IsWorkdayOptions>();
  CLI::App* sub = calendar.add_subcommand("is-workday", "Whether DATE is a working day, and why");
  add_date_argument(*sub, "DATE", options->date, "The day to ask about");
  add_common_options(*sub, *options, globals);
  sub->footer(exit_status_footer(
      "Prints 'yes' or 'no', two spaces, and the reason: workday, weekend, holiday NAME (SOURCE), or make-up "
      "working day for NAME."));
  sub->callback([options] { run_is_workday(*options); });
}

// ---- add ----

struct AddOptions : CommonOptions {
  std::string date;
  int amount = 0;
  std::string unit = "calendar";
};

void run_add(const AddOptions& options) {
  const Calendar calendar = load_calendar(options.source);
  const Date start = parse_date(options.date);
  Date result;
  if (options.unit == "calendar") {
    result = calendar.add_calendar_days(start, options.amount);
  } else if (options.unit == "working") {
    result = calendar.add_working_days(start, options.amount);
  } else {
    result = calendar.statutory_period_end(start, options.amount);
  }
  if (options.json) {
    nlohmann::json out = {{"start", format_date(start)},   {"amount", options.amount},
                          {"unit", options.unit},          {"result", format_date(result)},
                          {"weekday", weekday_en(result)}, {"calendar", calendar.name()}};
    if (options.unit == "statutory") {
      // The day the count reached before rolling off a non-working day.
      const Date reached = calendar.add_calendar_days(start, options.amount);
      out["reached"] = format_date(reached);
      out["rolled_forward"] = reached != result;
      out["end_utc"] = iso_utc(calendar.end_of_day(result));
    }
    print_json(std::cout, out);
    return;
  }
  std::cout << format_date(result) << "\n";
}

void register_add(CLI::App& calendar, Globals& globals) {
  auto options = std::make_shared<AddOptions>();
  CLI::App* sub = calendar.add_subcommand("add", "The date N days (of --unit) after DATE");
  add_date_argument(*sub, "DATE", options->date, "The start day (not itself counted)");
  sub->add_option("N", options->amount, "How many days; negative goes back (calendar and working units)")->required();
  sub->add_option("--unit", options->unit,
                  "calendar: plain calendar days; working: the N-th working day after DATE; statutory: a statutory "
                  "period (民法典 Art. 201, 203): start day not counted, a last day that is not a working day rolls "
                  "forward to the next working day")
      ->check(CLI::IsMember({"calendar", "working", "statutory"}))
      ->capture_default_str();
  add_common_options(*sub, *options, globals);
  sub->footer(exit_status_footer("Prints the resulting date as YYYY-MM-DD."));
  sub->callback([options] { run_add(*options); });
}

// ---- between ----

struct BetweenOptions : CommonOptions {
  std::string from;
  std::string to;
};

void run_between(const BetweenOptions& options) {
  const Calendar calendar = load_calendar(options.source);
  const Date from = parse_date(options.from);
  const Date to = parse_date(options.to);
  const int count = calendar.working_days_between(from, to);
  if (options.json) {
    print_json(
        std::cout,
        {{"from", format_date(from)}, {"to", format_date(to)}, {"working_days", count}, {"calendar", calendar.name()}});
    return;
  }
  std::cout << count << "\n";
}

void register_between(CLI::App& calendar, Globals& globals) {
  auto options = std::make_shared<BetweenOptions>();
  CLI::App* sub =
      calendar.add_subcommand("between", "The number of working days after DATE1 up to and including DATE2");
  add_date_argument(*sub, "DATE1", options->from, "The first day (not itself counted)");
  add_date_argument(*sub, "DATE2", options->to, "The last day (counted); before DATE1 gives a negative count");
  add_common_options(*sub, *options, globals);
  sub->footer(exit_status_footer("Prints the count, e.g. 5."));
  sub->callback([options] { run_between(*options); });
}

// ---- year ----

struct YearOptions : CommonOptions {
  int year = 0;
};

void run_year(const YearOptions& options) {
  const Calendar calendar = load_calendar(options.source);
  if (options.json) {
    print_json(std::cout, year_json(calendar, options.year));
  } else {
    print_year(std::cout, calendar, options.year);
  }
}

void register_year(CLI::App& calendar, Globals& globals) {
  auto options = std::make_shared<YearOptions>();
  CLI::App* sub = calendar.add_subcommand("year", "List a year's holidays and make-up working days, with sources");
  sub->add_option("YEAR", options->year, "The year, e.g. 2026")->required();
  add_common_options(*sub, *options, globals);
  sub->footer(exit_status_footer(
      "A year without a holiday table is an error (calendar_range) unless --estimate allows a weekend-only estimate "
      "for it or --calendar loads its notice."));
  sub->callback([options] { run_year(*options); });
}

}  // namespace

void register_calendar_command(CLI::App& app, Globals& globals) {
  CLI::App* calendar = app.add_subcommand("calendar",
                                          "The statutory working-day calendar (cn-national 2008-2026 "
                                          "built in)");
  require_one_subcommand(*calendar);
  register_is_workday(*calendar, globals);
  register_add(*calendar, globals);
  register_between(*calendar, globals);
  register_year(*calendar, globals);
}

}  // namespace xinfang::cli
