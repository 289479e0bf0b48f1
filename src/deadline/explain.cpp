// Why a deadline is what it is: the pieces of the count as data, and the same as an office
// would write it.
#include <cstdio>
#include <sstream>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "deadline/deadline_internal.hpp"
#include "lifecycle/command_args.hpp"
#include "xinfang/deadline.hpp"

namespace xinfang {

using lifecycle_detail::format_instant;
using lifecycle_detail::instant_or_null;

namespace {

namespace bpt = boost::posix_time;

const char* unit_words(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::calendar_days: return "日（自然日）";
    case PeriodUnit::working_days: return "个工作日";
    case PeriodUnit::statutory_days: return "日（法定期间，期满日为节假日的顺延）";
    case PeriodUnit::hours: return "小时";
    case PeriodUnit::business_hours: return "个工作小时";
  }
  return "";
}

const char* short_unit(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::calendar_days:
    case PeriodUnit::statutory_days: return "日";
    case PeriodUnit::working_days: return "个工作日";
    case PeriodUnit::hours: return "小时";
    case PeriodUnit::business_hours: return "个工作小时";
  }
  return "";
}

const char* status_words(ClockStatus status) {
  switch (status) {
    case ClockStatus::not_started: return "未起算";
    case ClockStatus::running: return "计时中";
    case ClockStatus::paused: return "中止计时";
    case ClockStatus::met: return "已办结";
    case ClockStatus::breached: return "已超期";
  }
  return "";
}

// Local wall time, "2025-10-01 09:30"; a day's end as "2025-10-01 24:00".
std::string local_text(const Calendar& calendar, Instant instant, bool end_of_day_as_24 = false) {
  const Date day = calendar.local_date(instant);
  const Duration time = instant - calendar.start_of_day(day);
  std::ostringstream out;
  if (end_of_day_as_24 && time == Duration(0, 0, 0)) {
    out << boost::gregorian::to_iso_extended_string(day - boost::gregorian::days(1)) << " 24:00";
  } else {
    char hhmm[8];
    std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", static_cast<int>(time.hours()), static_cast<int>(time.minutes()));
    out << boost::gregorian::to_iso_extended_string(day) << ' ' << hhmm;
  }
  return out.str();
}

std::string duration_words(Duration d) {
  const long minutes = static_cast<long>(d.total_seconds() / 60);
  std::ostringstream out;
  if (minutes >= 24 * 60) out << minutes / (24 * 60) << "天";
  if (minutes % (24 * 60) >= 60) out << (minutes % (24 * 60)) / 60 << "小时";
  if (minutes % 60 != 0 || minutes == 0) out << minutes % 60 << "分钟";
  return out.str();
}

}  // namespace

Json DeadlineExplanation::to_json() const {
  Json json = data;
  json["explanation"] = sentence;
  return json;
}

DeadlineExplanation explain(const ClockReport& report, const Calendar& calendar) {
  DeadlineExplanation result;
  Json& data = result.data;
  const bool days = deadline_detail::is_day_unit(report.period.unit);
  data["clock"] = report.id;
  data["name"] = report.name;
  data["article"] = report.period.article;
  data["status"] = clock_status_name(report.status);
  data["unit"] = period_unit_name(report.period.unit);
  data["limit"] = report.period.limit;
  data["run"] = report.run;
  std::ostringstream sentence;
  sentence << report.name << "（" << report.period.article << "）：";
  if (report.run == 0) {
    data["deadline"] = nullptr;
    sentence << "尚未起算。";
    result.sentence = sentence.str();
    return result;
  }
  data["start"] = {{"event", report.started_by},
                   {"at", format_instant(report.started_at)},
                   {"local_day", boost::gregorian::to_iso_extended_string(calendar.local_date(report.started_at))}};
  Json extensions = Json::array();
  for (const ClockExtension& e : report.extensions) {
    extensions.push_back({{"at", format_instant(e.at)}, {"amount", e.amount}});
  }
  data["extensions"] = std::move(extensions);
  data["extension_total"] = report.extension_total;
  Json pauses = Json::array();
  for (const ClockPause& p : report.pauses) {
    Json pause = {{"from", format_instant(p.from)},
                  {"to", instant_or_null(p.to)},
                  {"from_event", p.from_event},
                  {"to_event", p.to_event}};
    if (days) {
      pause["days"] = p.days;
    } else {
      pause["seconds"] = p.time.total_seconds();
    }
    pauses.push_back(std::move(pause));
  }
  data["pauses"] = std::move(pauses);

  sentence << "自" << local_text(calendar, report.started_at) << "（" << report.started_by << "）起算";
  if (days) {
    const int counted = report.period.limit + report.extension_total + report.paused_days;
    data["paused_days"] = report.paused_days;
    data["counted"] = counted;
    const Date start_day = calendar.local_date(report.started_at);
    const Date reached = report.period.unit == PeriodUnit::working_days
                             ? calendar.add_working_days(start_day, counted)
                             : calendar.add_calendar_days(start_day, counted);
    data["day_reached"] = boost::gregorian::to_iso_extended_string(reached);
    data["rolled_forward"] = !report.rolled_from.is_special();
    sentence << "，当日不计入，期限" << report.period.limit << unit_words(report.period.unit);
    const char* unit = short_unit(report.period.unit);
    if (report.extension_total > 0) sentence << "，经批准延长" << report.extension_total << unit;
    if (report.paused_days > 0) sentence << "，中止期间顺延" << report.paused_days << unit;
    sentence << "，共计" << counted << unit << "，数至" << boost::gregorian::to_iso_extended_string(reached);
    if (!report.rolled_from.is_special()) {
      const DayInfo info = calendar.day_info(reached);
      sentence << "（" << (info.name.empty() ? std::string("休息日") : info.name) << "），顺延至下一个工作日";
    }
  } else {
    data["paused_seconds"] = report.paused_time.total_seconds();
    sentence << "，期限" << report.period.limit << unit_words(report.period.unit);
    if (report.extension_total > 0) {
      sentence << "，经批准延长" << report.extension_total << short_unit(report.period.unit);
    }
    if (report.paused_time > Duration(0, 0, 0)) sentence << "，中止" << duration_words(report.paused_time) << "不计";
  }
  data["deadline"] = format_instant(report.deadline);
  sentence << "；期满时间为" << local_text(calendar, report.deadline, days) << "。";

  if (!report.stopped_at.is_special()) {
    data["stopped"] = {{"event", report.stopped_by}, {"at", format_instant(report.stopped_at)}};
    sentence << "已于" << local_text(calendar, report.stopped_at) << "（" << report.stopped_by << "）停止计时";
    sentence << (report.late_by > Duration(0, 0, 0) ? "，超期" + duration_words(report.late_by) : std::string("，按期"))
             << "。";
  } else {
    sentence << "状态：" << status_words(report.status);
    if (report.status == ClockStatus::breached) sentence << "，已超期" << duration_words(report.late_by);
    sentence << "。";
  }
  data["late_by_seconds"] = report.late_by.total_seconds();
  Json ladder = Json::array();
  for (const LadderStep& step : report.ladder) {
    ladder.push_back({{"id", step.id},
                      {"at", step.at},
                      {"action", step.action},
                      {"notify", step.notify},
                      {"due", instant_or_null(step.due)},
                      {"fired", step.fired},
                      {"fired_at", instant_or_null(step.fired_at)}});
  }
  data["ladder"] = std::move(ladder);
  data["next_due"] = instant_or_null(report.next_due);
  result.sentence = sentence.str();
  return result;
}

}  // namespace xinfang
