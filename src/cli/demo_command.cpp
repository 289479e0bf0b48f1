// The xinfang command-line program: `xinfang demo`.
//
// Shows this year's and next year's statutory calendar (a year whose State Council notice is
// not loaded is shown as a labelled weekend-only estimate), works out real deadlines under
// 信访工作条例 (2022) on the national calendar, then simulates a year of a city civil-affairs
// bureau on a database file (demo_year.cpp) and prints its summary (demo_summary.cpp); with
// --hotline, a day of a 12345 hotline instead (demo_hotline.cpp). The current year comes from
// the system clock, read here in the shell and nowhere in the library; --year pins it. The
// simulations read no clock: a seed gives the same file and the same summary.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <unistd.h>
#include <memory>
#include <string>
#include <vector>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "cli/command.hpp"
#include "cli/demo_sim.hpp"
#include "cli/output.hpp"
#include "cli/year_view.hpp"
#include "xinfang/error.hpp"
#include "xinfang/version.h"

namespace xinfang::cli {
namespace {

// How a period counts its days.
enum class DayCount { calendar_days, working_days };

// One statutory period to work out.
struct Period {
  std::string id;
  std::string label;  // Chinese, with English in parentheses
  std::string basis;  // the article, Chinese and English
  Date start;
  int limit = 0;
  int extension = 0;
  DayCount unit = DayCount::calendar_days;
};

// A period worked out on a calendar (DESIGN.md §4: the end of the day reached by counting
// limit + extension from the start day, rolled forward once off a non-working day).
struct Worked {
  Period period;
  Date reached;   // the day the count reaches
  Date last_day;  // the period's last day, after rolling forward
  bool rolled = false;
};

struct Scenario {
  std::string id;
  std::string title;
  Date received;
  std::vector<std::string> notes;
  std::vector<Worked> deadlines;
};

Date ymd(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

Worked work_out(const Calendar& calendar, const Period& period) {
  const int total = period.limit + period.extension;
  Worked worked{period, Date(), Date(), false};
  if (period.unit == DayCount::calendar_days) {
    worked.reached = calendar.add_calendar_days(period.start, total);
    worked.last_day = calendar.statutory_period_end(period.start, total);
  } else {
    // A working-day count always lands on a working day: nothing to roll.
    worked.reached = calendar.add_working_days(period.start, total);
    worked.last_day = worked.reached;
  }
  worked.rolled = worked.reached != worked.last_day;
  return worked;
}

std::string day_note(const Calendar& calendar, Date day) {
  const DayInfo info = calendar.day_info(day);
  switch (info.kind) {
    case DayKind::makeup_workday: return "调休上班 (make-up working day for " + info.name + ")";
    case DayKind::holiday: return "放假 (holiday " + info.name + ")";
    case DayKind::weekend: return "周末 (weekend)";
    case DayKind::workday: return "工作日 (workday)";
  }
  return "";
}

// 信访工作条例 (2022) worked on the national calendar; every date below is computed, not typed.
std::vector<Scenario> build_scenarios(const Calendar& calendar) {
  std::vector<Scenario> scenarios;

  // 1. A letter received on Sunday 2025-09-28, a make-up working day before National Day.
  {
    Scenario s{"letter-2025-09-28", "收到来信 (letter received)", ymd(2025, 9, 28), {}, {}};
    const Date received = s.received;
    const Date accepted = received;  // letters are dealt with the day they arrive (当日批复)
    s.notes.push_back("收到当日为" + day_note(calendar, received) + "；假定当日受理 (assumed accepted the same day, " +
                      format_date(accepted) + ")");
    s.deadlines.push_back(work_out(calendar, {"routing", "转送、交办 (forward or assign to the competent body)",
                                              "第二十二条 (Art. 22)", received, 15, 0, DayCount::calendar_days}));
    s.deadlines.push_back(work_out(calendar, {"notification", "书面告知信访人 (tell the petitioner in writing)",
                                              "第二十三条 (Art. 23)", received, 15, 0, DayCount::calendar_days}));
    s.deadlines.push_back(work_out(calendar, {"handling", "办结并出具处理意见书 (handle, written opinion)",
                                              "第三十四条 (Art. 34)", accepted, 60, 0, DayCount::calendar_days}));
    s.deadlines.push_back(work_out(calendar, {"handling_extended", "经批准延长 30 日 (handling, extended 30 days)",
                                              "第三十四条 (Art. 34)", accepted, 60, 30, DayCount::calendar_days}));
    const Date replied = s.deadlines.back().last_day;
    s.notes.push_back("假定书面答复于延长期限最后一日送达 (written reply assumed delivered on the extended deadline, " +
                      format_date(replied) + ")");
    s.deadlines.push_back(work_out(calendar, {"review_request", "请求复查 (request a review)", "第三十五条 (Art. 35)",
                                              replied, 30, 0, DayCount::calendar_days}));
    scenarios.push_back(std::move(s));
  }

  // 2. A visit on Saturday 2026-02-14, the make-up working day just before the Spring Festival.
  {
    Scenario s{"visit-2026-02-14",
               "春节假期前夕来访 (visit on the eve of the Spring Festival break)",
               ymd(2026, 2, 14),
               {},
               {}};
    s.notes.push_back("来访当日为" + day_note(calendar, s.received) +
                      "；次日起春节放假 (the break starts the next day)");
    s.deadlines.push_back(work_out(calendar, {"routing", "转送、交办 (forward or assign to the competent body)",
                                              "第二十二条 (Art. 22)", s.received, 15, 0, DayCount::calendar_days}));
    s.deadlines.push_back(work_out(calendar, {"notification", "书面告知信访人 (tell the petitioner in writing)",
                                              "第二十三条 (Art. 23)", s.received, 15, 0, DayCount::calendar_days}));
    s.deadlines.push_back(work_out(
        calendar,
        {"routing_local_5wd", "对照：5 个工作日内转送 (compare: route within 5 working days)",
         "地方规定，如浙江 (a local rule, e.g. 浙江; configurable)", s.received, 5, 0, DayCount::working_days}));
    scenarios.push_back(std::move(s));
  }

  // 3. An assigned petition received on Wednesday 2026-09-30, the day before National Day.
  {
    Scenario s{"assigned-2026-09-30", "收到交办的信访事项 (assigned petition received)", ymd(2026, 9, 30), {}, {}};
    s.notes.push_back(
        "工作日跨国庆假期计算：放假日不计，调休上班日计入 (working days skip the National Day break and "
        "count the make-up working day)");
    s.deadlines.push_back(
        work_out(calendar, {"objection", "认为交办有误，提出异议 (object to a wrong assignment)",
                            "第二十三条第三款 (Art. 23 ¶3)", s.received, 5, 0, DayCount::working_days}));
    s.deadlines.push_back(
        work_out(calendar, {"notification", "告知信访人受理情况 (tell the petitioner how it is handled)",
                            "第二十三条第三款 (Art. 23 ¶3)", s.received, 15, 0, DayCount::calendar_days}));
    scenarios.push_back(std::move(s));
  }
  return scenarios;
}

// "15 日 (15 days after)", "60+30 = 90 日 (90 days after)", "5 个工作日 (5 working days after)".
std::string length_text(const Period& period) {
  const int total = period.limit + period.extension;
  std::string text = std::to_string(period.limit);
  if (period.extension != 0) text += "+" + std::to_string(period.extension) + " = " + std::to_string(total);
  if (period.unit == DayCount::calendar_days) return text + " 日 (" + std::to_string(total) + " days after)";
  return text + " 个工作日 (" + std::to_string(total) + " working days after)";
}

nlohmann::json worked_json(const Calendar& calendar, const Worked& w) {
  return {{"id", w.period.id},
          {"label", w.period.label},
          {"basis", w.period.basis},
          {"start", format_date(w.period.start)},
          {"limit", w.period.limit},
          {"extension", w.period.extension},
          {"unit", w.period.unit == DayCount::calendar_days ? "calendar_days" : "working_days"},
          {"reached", format_date(w.reached)},
          {"rolled_forward", w.rolled},
          {"last_day", format_date(w.last_day)},
          {"weekday", weekday_en(w.last_day)},
          {"weekday_zh", weekday_zh(w.last_day)},
          {"end_local", end_of_day_local(calendar, w.last_day)},
          {"end_utc", iso_utc(calendar.end_of_day(w.last_day))}};
}

// One block per deadline, narrow enough for an 100-column terminal:
//   1) 转送、交办 (forward or assign to the competent body) — 第二十二条 (Art. 22)
//      自 2025-09-28 (日) 起 15 日 (15 days after) → 届满 (ends) 2025-10-13 (一) 24:00 Asia/Shanghai
void print_scenario(std::ostream& out, const Calendar& calendar, const Scenario& s, int number) {
  out << "案例" << number << " (example " << number << ")：" << s.title << " " << date_with_weekday(s.received) << "\n";
  for (const std::string& note : s.notes) out << "  · " << note << "\n";
  int item = 0;
  for (const Worked& w : s.deadlines) {
    out << "  " << ++item << ") " << w.period.label << " — " << w.period.basis << "\n";
    out << "     自 " << date_with_weekday(w.period.start) << " 起 " << length_text(w.period) << " → 届满 (ends) "
        << end_of_day_local(calendar, w.last_day) << "\n";
    if (w.rolled) {
      out << "     第 " << (w.period.limit + w.period.extension) << " 日 " << date_with_weekday(w.reached) << " 为"
          << day_note(calendar, w.reached) << "，顺延至下一个工作日 (not a working day: rolled forward to the next)\n";
    }
  }
}

// The demo's database: the file given, or a new one in a temporary directory removed afterwards.
class TemporaryDemoFile {
 public:
  explicit TemporaryDemoFile(const std::string& given) : path_(given) {
    if (!path_.empty()) {
      if (std::filesystem::exists(path_)) {
        throw Error(ErrorCode::already_exists,
                    "demo database " + path_ + " exists; remove it or give another with --db");
      }
      return;
    }
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/xinfang-demo-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorCode::storage, "cannot make a temporary directory for the demo's database");
    }
    directory_ = pattern;
    path_ = directory_ + "/xinfang-demo.db";
  }
  ~TemporaryDemoFile() {
    std::error_code ignored;
    if (!directory_.empty()) std::filesystem::remove_all(directory_, ignored);
  }
  TemporaryDemoFile(const TemporaryDemoFile&) = delete;
  TemporaryDemoFile& operator=(const TemporaryDemoFile&) = delete;
  const std::string& path() const { return path_; }
  bool temporary() const { return !directory_.empty(); }

 private:
  std::string path_;
  std::string directory_;
};

struct DemoOptions {
  bool json = false;
  int year = 0;            // 0: the current year from the system clock
  std::string database;    // "": a temporary file, removed at the end
  bool hotline = false;    // a 12345 hotline's day instead of the bureau's year
  std::int64_t cases = 0;  // 0: the default of the simulation
  std::uint64_t seed = demo::kDefaultSeed;
  int simulated_year = 2025;
};

// The simulations count deadlines into the year after the simulated one: both need a table.
void check_simulated_year(int year) {
  const Calendar& national = Calendar::national();
  for (const int y : {year, year + 1}) {
    if (national.year_status(y) != YearStatus::published) {
      const auto [first, last] = national.year_range();
      throw Error(ErrorCode::calendar_range,
                  "--sim-year " + std::to_string(year) + ": the simulation needs the holiday tables of " +
                      std::to_string(year) + " and " + std::to_string(year + 1) + "; calendar '" + national.name() +
                      "' has " + std::to_string(first) + "-" + std::to_string(last));
    }
  }
}

demo::SimOptions simulation(const DemoOptions& options, const std::string& path, bool kept) {
  demo::SimOptions sim;
  sim.database = path;
  sim.kept = kept;
  sim.year = options.simulated_year;
  sim.cases = options.cases;
  sim.seed = options.seed;
  sim.progress = demo::stderr_is_terminal();
  return sim;
}

void run_hotline(const DemoOptions& options) {
  check_simulated_year(options.simulated_year);
  const TemporaryDemoFile file(options.database);
  const nlohmann::json summary = demo::run_hotline_day(simulation(options, file.path(), !file.temporary()));
  if (options.json) {
    print_json(std::cout, {{"version", XF_VERSION_STRING},
                           {"calendar", Calendar::national().name()},
                           {"time_zone", Calendar::national().time_zone()},
                           {"hotline", summary}});
    return;
  }
  std::cout << "xinfang " << XF_VERSION_STRING << " 演示 (demo) — 12345 市民服务热线的一天 (a day of a 12345 "
            << "hotline)\n\n";
  demo::print_hotline_summary(std::cout, summary);
}

void run_demo(const DemoOptions& options) {
  if (options.hotline) {
    run_hotline(options);
    return;
  }
  check_simulated_year(options.simulated_year);
  const Calendar& national = Calendar::national();
  // The shell may read the clock: the current year in the calendar's own time zone.
  const int year =
      options.year != 0
          ? options.year
          : static_cast<int>(national.local_date(boost::posix_time::second_clock::universal_time()).year());
  // Only the calendar section sees estimates; the worked deadlines use published tables alone.
  const Calendar shown = national.with_estimated_years(year, year + 1);
  const std::vector<Scenario> scenarios = build_scenarios(national);

  if (options.json) {
    nlohmann::json out = {{"version", XF_VERSION_STRING},
                          {"calendar", national.name()},
                          {"time_zone", national.time_zone()},
                          {"current_year", year},
                          {"years", {year_json(shown, year), year_json(shown, year + 1)}},
                          {"scenarios", nlohmann::json::array()}};
    for (const Scenario& s : scenarios) {
      nlohmann::json item = {{"id", s.id},
                             {"title", s.title},
                             {"received", format_date(s.received)},
                             {"notes", s.notes},
                             {"deadlines", nlohmann::json::array()}};
      for (const Worked& w : s.deadlines) item["deadlines"].push_back(worked_json(national, w));
      out["scenarios"].push_back(std::move(item));
    }
    const TemporaryDemoFile file(options.database);
    out["year"] = demo::run_year(simulation(options, file.path(), !file.temporary()));
    print_json(std::cout, out);
    return;
  }

  std::ostream& out = std::cout;
  out << "xinfang " << XF_VERSION_STRING << " 演示 (demo) — 法定工作日历、信访期限与一个市民政局的一年 (statutory "
      << "calendar, petition deadlines and a year of a city civil-affairs bureau)\n";
  out << "日历 (calendar): " << national.name() << "，时区 (time zone) " << national.time_zone()
      << "；当前年份 (current year): " << year << (options.year != 0 ? " (--year)" : "") << "\n\n";

  out << "一、工作日历 (working calendar)\n\n";
  print_year(out, shown, year);
  out << "\n";
  print_year(out, shown, year + 1);

  out << "\n二、期限怎么算 (how a period is counted)\n";
  out << "  · 收到（受理）当日不计入，自次日起算 (the start day is not counted; 民法典 Art. 201)\n";
  out << "  · 最后一日不是工作日的，顺延至其后第一个工作日；期限至该日 24:00 届满 (rolls forward to the next working "
         "day; ends at 24:00 local; Art. 203)\n";
  out << "  · 延长期限与原期限合并，从同一起算日计算，只顺延一次 (an extension adds to the limit, counted from the "
         "same start, rolled forward once)\n";
  out << "  · 条例中的“日”为自然日，“工作日”按上列工作日历计算 (\"日\" = calendar days; working days follow the "
         "calendar)\n";

  out << "\n三、信访工作条例 (2022) 期限实例 (worked deadlines)\n";
  int number = 0;
  for (const Scenario& s : scenarios) {
    out << "\n";
    print_scenario(out, national, s, ++number);
  }
  out << "\n";
  out.flush();  // the calendar and the deadlines show while the year runs
  const TemporaryDemoFile file(options.database);
  demo::print_year_summary(out, demo::run_year(simulation(options, file.path(), !file.temporary())));
}

}  // namespace

void register_demo_command(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* sub = app.add_subcommand(
      "demo",
      "Show this year's and next year's statutory calendar, worked deadlines under 信访工作条例 (2022), and a "
      "simulated year of a city civil-affairs bureau on a new database file (--hotline: a day of a 12345 hotline)");
  sub->add_option("--year", options->year, "Take YYYY as the current year instead of reading the system clock")
      ->check(CLI::Range(1900, 2199))
      ->type_name("YYYY");
  sub->add_option("--db", options->database,
                  "Keep the demo's database in FILE, which must not exist, and write the bulletin beside it as "
                  "FILE.bulletin.html and FILE.bulletin.md (default: a temporary file, removed at the end)")
      ->type_name("FILE");
  sub->add_flag("--hotline", options->hotline,
                "Simulate a day of a 12345 hotline under hotline-12345 instead of the bureau's year");
  sub->add_option("--cases", options->cases,
                  "Petitions in the year (default 5600), or tickets of the hotline's day (default 3000)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000000}))
      ->type_name("N");
  sub->add_option("--seed", options->seed,
                  "Seed of the simulation's random choices (default 12345): a seed gives "
                  "the same database and the same summary")
      ->type_name("N");
  sub->add_option("--sim-year", options->simulated_year,
                  "The simulated year (default 2025; it and the next year must have holiday tables)")
      ->check(CLI::Range(1900, 2199))
      ->type_name("YYYY");
  add_json_flag(*sub, options->json, globals);
  sub->callback([options] { run_demo(*options); });
}

}  // namespace xinfang::cli
