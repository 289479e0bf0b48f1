// The xinfang command-line program: how the database subcommands show cases, times and people
// to a clerk at a terminal.
#ifndef XINFANG_SRC_CLI_DB_FORMAT_HPP
#define XINFANG_SRC_CLI_DB_FORMAT_HPP

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xinfang/engine.hpp"

namespace xinfang::cli {

/** @p instant in the calendar's local time, "2025-10-13 09:30:05"; "" for a special instant. */
std::string local_time(const Calendar& calendar, Instant instant);
/** A deadline in local time: as local_time(), except that local midnight, the end of a day
 *  period, is written as 24:00 of the day it ends ("2025-10-13 24:00:00", not
 *  "2025-10-14 00:00:00"), as the statute and a clerk count it. */
std::string local_deadline(const Calendar& calendar, Instant instant);
/** The local day of @p instant, "2025-10-13"; "" for a special instant. */
std::string local_day(const Calendar& calendar, Instant instant);
/** As local_time() for the UTC text of a view ("2025-10-13T01:30:05Z"); other text unchanged. */
std::string local_time_of(const Calendar& calendar, const Json& utc_text);
/** As local_deadline() for the UTC text of a view; other text unchanged. */
std::string local_deadline_of(const Calendar& calendar, const Json& utc_text);

/** The status with its Chinese name, "in_handling 办理中". */
std::string status_label(CaseStatus status);
/** As status_label() for a status name; an unknown name is returned as is. */
std::string status_label(std::string_view name);

/**
 * @p text on one line, cut to at most @p width display columns: a cut text ends in "…".
 */
std::string truncate_to_width(std::string_view text, int width);

/** An id with its display name from the policy, "social_assistance 社会救助科"; "—" for "". */
std::string with_name(const std::string& id, const std::string& name);

/**
 * Label/value lines whose values start at one display column ("编号 (number)  MZJ-2025-..."). A
 * value with line breaks continues on the following lines, under its first line.
 */
class FieldList {
 public:
  /** Adds one field. */
  void add(std::string label, std::string_view value);
  /** Prints the fields. */
  void print(std::ostream& out) const;

 private:
  std::vector<std::pair<std::string, std::string>> rows_;
};

/** One line of an event log as shown: sequence, local time, type and actor. */
struct EventLine {
  std::int64_t sequence = 0;
  std::string time;
  std::string type;
  std::string actor;
};

/** Prints @p events as a table: 序号 (seq), 时间 (time), 事件 (event), 操作人 (actor). */
void print_event_table(std::ostream& out, const std::vector<EventLine>& events);

/** Adds a staff member's fields (id, name, organisation, unit, roles, active) to @p fields. */
void add_staff_fields(FieldList& fields, const StaffMember& member, const Policy& policy);

}  // namespace xinfang::cli

#endif
