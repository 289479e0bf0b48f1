// The xinfang command-line program: how the database subcommands show cases, times and people.
#include "cli/db_format.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <ostream>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "cli/output.hpp"
#include "lifecycle/command_args.hpp"

namespace xinfang::cli {
namespace {

// The length of the UTF-8 sequence that starts with @p lead; 1 for a byte that cannot start
// one, so that a bad byte is kept (and counted) on its own, as display_width() does.
std::size_t sequence_length(unsigned char lead) {
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

Instant to_local(const Calendar& calendar, Instant instant) {
  // The calendar's zone is a fixed offset (calendar.hpp): local time is UTC shifted by it.
  return instant + boost::posix_time::minutes(calendar.utc_offset_minutes());
}

}  // namespace

std::string local_time(const Calendar& calendar, Instant instant) {
  if (instant.is_special()) return "";
  const Instant local = to_local(calendar, instant);
  const auto time = local.time_of_day();
  // to_simple_string gives "HH:MM:SS" (with a fraction only when there is one).
  return format_date(local.date()) + " " + boost::posix_time::to_simple_string(time).substr(0, 8);
}

std::string local_deadline(const Calendar& calendar, Instant instant) {
  if (instant.is_special()) return "";
  const Instant local = to_local(calendar, instant);
  if (local.time_of_day() != boost::posix_time::time_duration(0, 0, 0)) return local_time(calendar, instant);
  return format_date(local.date() - boost::gregorian::days(1)) + " 24:00:00";
}

std::string local_day(const Calendar& calendar, Instant instant) {
  if (instant.is_special()) return "";
  return format_date(calendar.local_date(instant));
}

std::string local_time_of(const Calendar& calendar, const Json& utc_text) {
  if (!utc_text.is_string()) return "";
  const std::string text = utc_text.get<std::string>();
  const std::optional<Instant> instant = lifecycle_detail::parse_instant(text);
  return instant ? local_time(calendar, *instant) : text;
}

std::string local_deadline_of(const Calendar& calendar, const Json& utc_text) {
  if (!utc_text.is_string()) return "";
  const std::string text = utc_text.get<std::string>();
  const std::optional<Instant> instant = lifecycle_detail::parse_instant(text);
  return instant ? local_deadline(calendar, *instant) : text;
}

std::string status_label(CaseStatus status) {
  static const char* const kChinese[] = {"登记", "受理",     "不予受理", "转送",     "交办", "办理中", "中止", "答复",
                                         "评价", "复查申请", "复查意见", "复核申请", "终结", "归档",   "撤回", "合并"};
  const auto index = static_cast<std::size_t>(status);
  const std::string name = case_status_name(status);
  return index < std::size(kChinese) ? name + " " + kChinese[index] : name;
}

std::string status_label(std::string_view name) {
  const std::optional<CaseStatus> status = parse_case_status(name);
  return status ? status_label(*status) : std::string(name);
}

std::string truncate_to_width(std::string_view text, int width) {
  const std::string line = one_line(text);
  if (display_width(line) <= width) return line;
  static const std::string kEllipsis = "…";
  const int room = width - display_width(kEllipsis);
  std::string cut;
  int used = 0;
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t length = std::min(sequence_length(static_cast<unsigned char>(line[i])), line.size() - i);
    const std::string_view piece(line.data() + i, length);
    const int piece_width = display_width(piece);
    if (used + piece_width > room) break;
    cut.append(piece);
    used += piece_width;
    i += length;
  }
  return cut + kEllipsis;
}

std::string with_name(const std::string& id, const std::string& name) {
  if (id.empty()) return "—";
  return name.empty() || name == id ? id : id + " " + name;
}

void FieldList::add(std::string label, std::string_view value) {
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.remove_suffix(1);
  rows_.emplace_back(std::move(label), std::string(value));
}

void FieldList::print(std::ostream& out) const {
  Table table({Table::Align::left, Table::Align::left});
  for (const auto& [label, value] : rows_) {
    // Each line of a multi-line value is a row of its own, under the first.
    std::size_t start = 0;
    bool first = true;
    do {
      std::size_t end = value.find('\n', start);
      if (end == std::string::npos) end = value.size();
      std::string line = value.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      table.add_row({first ? label : std::string(), line});
      first = false;
      start = end + 1;
    } while (start <= value.size());
  }
  table.print(out);
}

void print_event_table(std::ostream& out, const std::vector<EventLine>& events) {
  Table table({Table::Align::right, Table::Align::left, Table::Align::left, Table::Align::left});
  table.add_row({"序号 (seq)", "时间 (time)", "事件 (event)", "操作人 (actor)"});
  for (const EventLine& line : events) {
    table.add_row({std::to_string(line.sequence), line.time, line.type, line.actor});
  }
  table.print(out);
}

void add_staff_fields(FieldList& fields, const StaffMember& member, const Policy& policy) {
  const Organisation* organisation = policy.find_organisation(member.organisation);
  const Unit* unit = policy.find_unit(member.unit);
  std::string roles;
  for (const std::string& role : member.roles) roles += (roles.empty() ? "" : ", ") + role;
  fields.add("编号 (id)", member.id);
  fields.add("姓名 (name)", member.name);
  fields.add("机关 (organisation)", with_name(member.organisation, organisation ? organisation->name : ""));
  fields.add("科室 (unit)", with_name(member.unit, unit ? unit->name : ""));
  fields.add("角色 (roles)", roles);
  fields.add("在职 (active)", member.active ? "是 (yes)" : "否 (no, deactivated)");
}

}  // namespace xinfang::cli
