// The xinfang command-line program: one year of a calendar as a table or as JSON.
#include "cli/year_view.hpp"

#include <ostream>
#include <string>
#include <vector>

#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

// Consecutive days of the same kind, name and source, e.g. the eight days of 国庆节、中秋节.
struct Range {
  Date from;
  Date to;
  DayKind kind;
  std::string name;
  std::string source;
  int days() const { return static_cast<int>((to - from).days()) + 1; }
};

std::vector<Range> group_ranges(const std::vector<SpecialDay>& days) {
  std::vector<Range> ranges;
  for (const SpecialDay& day : days) {
    if (!ranges.empty()) {
      Range& last = ranges.back();
      if (last.kind == day.kind && last.name == day.name && last.source == day.source &&
          day.date == last.to + boost::gregorian::days(1)) {
        last.to = day.date;
        continue;
      }
    }
    ranges.push_back(Range{day.date, day.date, day.kind, day.name, day.source});
  }
  return ranges;
}

const char* kind_label(DayKind kind) {
  switch (kind) {
    case DayKind::holiday: return "放假 (holiday)";
    case DayKind::makeup_workday: return "调休上班 (make-up working day)";
    case DayKind::weekend: return "周末 (weekend)";
    case DayKind::workday: return "工作日 (workday)";
  }
  return "?";
}

const char* kEstimateNote =
    "weekend-only estimate: the State Council notice for this year is not loaded, so weekend days are taken as the "
    "only days off and no statutory holiday or make-up working day is known";

}  // namespace

void require_known_year(const Calendar& calendar, int year) {
  if (calendar.year_status(year) == YearStatus::unknown) {
    throw Error(ErrorCode::calendar_range,
                "calendar '" + calendar.name() + "' has no holiday table for " + std::to_string(year) +
                    "; load that year's notice with --calendar or allow a weekend-only estimate with --estimate " +
                    std::to_string(year));
  }
}

int working_days_in_year(const Calendar& calendar, int year) {
  require_known_year(calendar, year);
  // Working days after 31 December of the year before, up to and including 31 December.
  return calendar.working_days_between(Date(static_cast<unsigned short>(year - 1), 12, 31),
                                       Date(static_cast<unsigned short>(year), 12, 31));
}

nlohmann::json year_json(const Calendar& calendar, int year) {
  require_known_year(calendar, year);
  const bool published = calendar.year_status(year) == YearStatus::published;
  const std::vector<SpecialDay> days = calendar.special_days(year);
  nlohmann::json out = {{"year", year},
                        {"calendar", calendar.name()},
                        {"status", published ? "published" : "estimated"},
                        {"notice_loaded", published},
                        {"source", calendar.year_source(year)},
                        {"working_days", working_days_in_year(calendar, year)}};
  if (!published) out["note"] = kEstimateNote;
  out["days"] = nlohmann::json::array();
  for (const SpecialDay& day : days) {
    out["days"].push_back({{"date", format_date(day.date)},
                           {"weekday", weekday_en(day.date)},
                           {"kind", day_kind_name(day.kind)},
                           {"name", day.name},
                           {"source", day.source}});
  }
  out["ranges"] = nlohmann::json::array();
  for (const Range& range : group_ranges(days)) {
    out["ranges"].push_back({{"kind", day_kind_name(range.kind)},
                             {"from", format_date(range.from)},
                             {"to", format_date(range.to)},
                             {"days", range.days()},
                             {"name", range.name},
                             {"source", range.source}});
  }
  return out;
}

void print_year(std::ostream& out, const Calendar& calendar, int year) {
  require_known_year(calendar, year);
  const std::string y = std::to_string(year);
  const bool published = calendar.year_status(year) == YearStatus::published;
  const std::vector<SpecialDay> days = calendar.special_days(year);
  const int working = working_days_in_year(calendar, year);

  if (published) {
    out << y << " 年节假日安排 (" << y << " holidays and make-up working days) — 日历 (calendar) " << calendar.name()
        << "\n";
  } else {
    out << y << " 年：未载入国务院办公厅节假日安排通知 (State Council notice for " << y << " not loaded)\n";
    out << "  以下为仅按周末估算 (weekend-only ESTIMATE)：周末休息，其余均按工作日计，法定节假日与调休均未计入。\n";
    out << "  (Weekend days off, every other day counted as a working day; no statutory holiday is known.)\n";
  }

  if (!days.empty()) {
    std::vector<std::string> sources;
    Table table({Table::Align::left, Table::Align::left, Table::Align::right, Table::Align::left, Table::Align::left});
    table.add_row({"类别 (kind)", "日期 (dates)", "天数 (days)", "名称 (name)", "来源 (source)"});
    for (const Range& range : group_ranges(days)) {
      std::size_t index = 0;
      while (index < sources.size() && sources[index] != range.source) ++index;
      if (index == sources.size()) sources.push_back(range.source);
      const std::string dates = range.from == range.to
                                    ? date_with_weekday(range.from)
                                    : date_with_weekday(range.from) + " – " + date_with_weekday(range.to);
      table.add_row({kind_label(range.kind), dates, std::to_string(range.days()), range.name,
                     "[" + std::to_string(index + 1) + "]"});
    }
    table.print(out, "  ");
    for (std::size_t i = 0; i < sources.size(); ++i) {
      out << "  [" << i + 1 << "] " << (sources[i].empty() ? "(no source given)" : sources[i]) << "\n";
    }
  } else if (published) {
    out << "  (no holidays or make-up working days listed)\n";
  }

  if (published) {
    out << "  全年工作日 (working days in " << y << "): " << working << "\n";
  } else {
    out << "  估算全年工作日 (estimated working days in " << y << "): " << working
        << " — 仅供参考，不作正式期限依据 (estimate only, not for official deadlines)\n";
  }
}

}  // namespace xinfang::cli
