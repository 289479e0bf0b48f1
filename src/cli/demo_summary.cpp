// The xinfang command-line program: the summaries of `xinfang demo` as a clerk reads them. They
// are printed from the same JSON that --json prints, so the text and the JSON never differ.
#include <cstdio>
#include <iostream>

#include "cli/db_format.hpp"
#include "cli/demo_sim.hpp"
#include "cli/output.hpp"

namespace xinfang::cli::demo {
namespace {

using Json = nlohmann::json;

std::string n(const Json& value) {
  return std::to_string(value.get<std::int64_t>());
}

std::string share(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buffer;
}

std::string ratio(const Json& indicator) {
  if (indicator.at("value").is_null()) return "—";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f%% (%g/%lld)", 100 * indicator.at("value").get<double>(),
                indicator.at("numerator").get<double>(),
                static_cast<long long>(indicator.at("denominator").get<std::int64_t>()));
  return buffer;
}

std::string points(const Json& score) {
  if (score.is_null()) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", score.get<double>());
  return buffer;
}

std::string percent(const Json& value) {
  if (value.is_null()) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * value.get<double>());
  return buffer;
}

std::string line_label(const Json& line) {
  const std::string id = line.at("id").get<std::string>();
  if (id.empty()) return "尚未分办 (not routed)";
  return line.at("name").get<std::string>() + " (" + id + ")";
}

// A breakdown as a table: id and name, count, share of the total; zero lines left out.
void print_breakdown(std::ostream& out, const char* title, const Json& lines, std::int64_t total) {
  Table table({Table::Align::left, Table::Align::right, Table::Align::right});
  table.add_row({title, "件数 (cases)", "占比 (share)"});
  for (const Json& line : lines) {
    const std::int64_t count = line.at("count").get<std::int64_t>();
    if (count == 0) continue;
    table.add_row({line_label(line), std::to_string(count), share(count, total)});
  }
  table.print(out, "     ");
}

void print_indicators(std::ostream& out, const Json& indicators, const std::vector<std::string>& shown) {
  Table table({Table::Align::left, Table::Align::left});
  for (const std::string& id : shown) {
    const Json& indicator = indicators.at("indicators").at(id);
    table.add_row({indicator.at("label").get<std::string>() + " (" + id + ")", ratio(indicator)});
  }
  table.add_row({"综合得分 (score)", points(indicators.at("score"))});
  table.print(out, "     ");
  Table units(std::vector<Table::Align>(3 + shown.size(), Table::Align::left));
  std::vector<std::string> header = {"名次 (rank)", "承办单位 (unit)", "得分 (score)"};
  for (const std::string& id : shown)
    header.push_back(indicators.at("indicators").at(id).at("label").get<std::string>());
  units.add_row(header);
  for (const Json& unit : indicators.at("units")) {
    std::vector<std::string> cells = {
        unit.at("rank").is_null() ? "—" : n(unit.at("rank")),
        unit.at("name").get<std::string>() + " (" + unit.at("id").get<std::string>() + ")", points(unit.at("score"))};
    for (const std::string& id : shown) cells.push_back(percent(unit.at(id)));
    units.add_row(cells);
  }
  out << "\n";
  units.print(out, "     ");
}

void print_bulletin(std::ostream& out, const Json& b) {
  const std::string period = b.at("period").get<std::string>();
  out << "     "
      << (period.find("..") != std::string::npos ? b.at("first_day").get<std::string>()
                                                 : period + "（" + b.at("first_day").get<std::string>() + " 至 " +
                                                       b.at("last_day").get<std::string>() + "）")
      << "：新收 (received) " << n(b.at("received")) << "，受理 (accepted) " << n(b.at("accepted"))
      << "，办结 (replied) " << n(b.at("replied")) << "，超期未办结 (overdue) " << n(b.at("overdue"))
      << "，重点/包案 (key and owned, open) " << n(b.at("flagged")) << "\n";
  if (b.at("html").is_null()) {
    out << "     （数据库为临时文件，周报未写出；加 --db FILE 可保留 — a temporary database: --db FILE keeps it and "
           "writes the bulletin beside it)\n";
  } else {
    out << "     已写出 (written): " << b.at("html").get<std::string>() << "\n";
    out << "                       " << b.at("markdown").get<std::string>() << "\n";
  }
}

std::string database_line(const Json& s) {
  return s.at("database").is_null()
             ? std::string("临时文件，结束后删除 (a temporary file, removed at the end; --db FILE keeps it)")
             : s.at("database").get<std::string>() + "（SQLite，WAL）";
}

void print_escalations(std::ostream& out, const Json& e, const char* when) {
  out << " 催办督办 (escalations), " << when << "：共 (fired) " << n(e.at("fired"));
  static const std::vector<std::pair<const char*, const char*>> kinds = {{"reminded", "催办"},
                                                                         {"supervised", "督办"},
                                                                         {"escalated", "提级"},
                                                                         {"owner_assigned", "包案"},
                                                                         {"key_marked_by_escalation", "列为重点"}};
  for (const auto& [id, name] : kinds) {
    if (e.at("by_event").contains(id)) out << "，" << name << " (" << id << ") " << n(e.at("by_event").at(id));
  }
  out << "\n     通知 (notifications) " << n(e.at("notifications")) << "，已送达确认 (delivered, acknowledged) "
      << n(e.at("acknowledged")) << "；巡检 (sweeps) " << n(e.at("sweeps")) << " 次\n";
}

void print_open(std::ostream& out, const Json& open_by_status) {
  bool first = true;
  for (const auto& [status, count] : open_by_status.items()) {
    out << (first ? "：" : "，") << status_label(status) << " " << n(count);
    first = false;
  }
}

// The outcomes in the statute's order (Arts. 32-33), with their Chinese names.
void print_outcomes(std::ostream& out, const Json& by_outcome) {
  static const std::vector<std::pair<const char*, const char*>> outcomes = {{"supported", "支持"},
                                                                            {"partly_supported", "部分支持"},
                                                                            {"not_supported", "不予支持"},
                                                                            {"explained", "解释说明"}};
  bool first = true;
  for (const auto& [id, name] : outcomes) {
    if (!by_outcome.contains(id)) continue;
    out << (first ? "：" : "，") << name << " (" << id << ") " << n(by_outcome.at(id));
    first = false;
  }
}

}  // namespace

void print_year_summary(std::ostream& out, const Json& s) {
  const std::int64_t received = s.at("received").at("total").get<std::int64_t>();
  out << "四、" << s.at("organisation").at("name").get<std::string>()
      << "的一年 (a year of a city civil-affairs bureau, simulated)\n\n";
  out << "  " << n(s.at("year")) << " 年全年，策略 (policy) " << s.at("policy").at("name").get<std::string>() << " "
      << s.at("policy").at("version").get<std::string>() << "，种子 (seed) " << n(s.at("seed")) << "，"
      << n(s.at("cases_requested")) << " 件 (petitions)\n";
  out << "  数据库 (database): " << database_line(s) << "\n";
  out << "  人员 (staff) " << n(s.at("staff")) << " 人，值班表 (duty roster) " << n(s.at("roster_days"))
      << " 天，批量登记 (batch intakes) " << n(s.at("received").at("intake_batches"))
      << " 次，每日 08:00 巡检 (daily sweep)\n\n";

  const Json& r = s.at("received");
  out << "  1. 收件 (received) " << received << " 件：工作日 (on working days) " << n(r.at("on_working_days"))
      << "，休息日 (on rest days) " << n(r.at("on_rest_days")) << "；重复信访 (repeat) " << n(r.at("repeat"))
      << "，复核终结后新事实 (new matter) " << n(r.at("new_matter")) << "\n";
  print_breakdown(out, "渠道 (channel)", r.at("by_channel"), received);
  out << "\n";
  print_breakdown(out, "类别 (category)", r.at("by_category"), received);
  out << "\n";
  print_breakdown(out, "类型 (type)", r.at("by_type"), received);

  const Json& d = s.at("dispatch");
  out << "\n  2. 受理 (accepted) " << n(d.at("accepted")) << "：分办本局科室 (routed) " << n(d.at("routed"))
      << "，交办区民政局 (assigned to the district) " << n(d.at("assigned")) << "；转送 (forwarded) "
      << n(d.at("forwarded")) << "；不予受理 (not accepted) " << n(d.at("not_accepted").at("total")) << "\n";
  Table reasons({Table::Align::left, Table::Align::right});
  for (const Json& reason : d.at("not_accepted").at("by_reason")) {
    reasons.add_row({reason.at("name").get<std::string>() + " (" + reason.at("id").get<std::string>() + ")",
                     n(reason.at("count"))});
  }
  reasons.print(out, "     ");

  const Json& h = s.at("handling");
  out << "\n  3. 办理 (handling)：转办 (transfers) " << n(h.at("transfers")) << "，中止 (suspensions) "
      << n(h.at("suspensions")) << "，延期申请 (extensions requested) " << n(h.at("extensions").at("requested"))
      << "（批准 approved " << n(h.at("extensions").at("approved")) << "，不予批准 refused "
      << n(h.at("extensions").at("refused")) << "），撤回 (withdrawn) " << n(h.at("withdrawn")) << "，重点 (key cases) "
      << n(h.at("key_cases")) << "，包案 (owned by a leader) " << n(h.at("owned_cases")) << "\n";

  const Json& a = s.at("replies");
  out << "\n  4. 答复 (replies) " << n(a.at("total")) << "：有办理期限的 (with a handling period) "
      << n(a.at("with_handling_period")) << "，按期 (on time) " << n(a.at("on_time")) << "，超期 (late) "
      << n(a.at("late")) << "\n     结果 (outcomes)";
  print_outcomes(out, a.at("by_outcome"));
  out << "\n";

  const Json& g = s.at("ratings");
  out << "\n  5. 评价 (ratings) " << n(g.at("rated")) << "（答复 of replies " << n(g.at("of_replies"))
      << "，复查意见 of reviews " << n(g.at("of_reviews")) << "）";
  bool first = true;
  for (const Json& level : g.at("by_level")) {
    out << (first ? "：" : "，") << level.at("name").get<std::string>() << " " << n(level.at("count"));
    first = false;
  }
  out << "；满意和基本满意 (satisfied) " << n(g.at("satisfied")) << "，回访 (follow-ups) " << n(g.at("follow_ups"))
      << "\n";

  const Json& v = s.at("reviews");
  out << "\n  6. 复查 (reviews requested) " << n(v.at("requested")) << "，复查意见 (decided) " << n(v.at("decided"))
      << "；复核 (re-reviews requested) " << n(v.at("rereviews_requested")) << "（听证 hearings " << n(v.at("hearings"))
      << "），复核终结 (concluded) " << n(v.at("concluded")) << "\n\n";

  out << "  7.";
  print_escalations(out, s.at("escalations"), "每日 08:00 巡检 (the daily 08:00 sweep)");

  const Json& y = s.at("year_end");
  out << "\n  8. 归档 (archived) " << n(s.at("archived")) << "；年末 (at year end) 未结 (open) " << n(y.at("open"));
  print_open(out, y.at("open_by_status"));
  out << "；其中超期 (overdue) " << n(y.at("overdue")) << "\n";

  out << "\n  9. " << n(s.at("year")) << " 年指标 (indicators of the year)\n";
  print_indicators(out, s.at("indicators"),
                   {"timely_acceptance", "on_time_completion", "satisfaction", "participation"});

  out << "\n  10. 最后一个整周的诉求动态 (the weekly bulletin of the year's last full week)\n";
  print_bulletin(out, s.at("bulletin"));

  const Json& c = s.at("verify");
  out << "\n  11. 校验 (verify): " << (c.at("ok").get<bool>() ? "通过 ok" : "失败 FAILED") << " — " << n(c.at("cases"))
      << " 件 cases, " << n(c.at("events")) << " 个事件 events, " << n(c.at("directory_changes"))
      << " 项名册变更 directory changes\n";
  if (!s.at("database").is_null()) {
    const std::string db = s.at("database").get<std::string>();
    const std::string at = y.at("at").get<std::string>();
    out << "\n  再看看 (look around, as at the year's end):\n"
        << "     xinfang list --db " << db << " --overdue --at " << at << "\n"
        << "     xinfang report yearly --db " << db << " --year " << n(s.at("year")) << " --at " << at << "\n";
  }
}

void print_hotline_summary(std::ostream& out, const Json& s) {
  const std::int64_t received = s.at("received").at("total").get<std::int64_t>();
  out << s.at("organisation").at("name").get<std::string>() << "的一天 (a day of a 12345 hotline, simulated)\n\n";
  out << "  " << s.at("day").get<std::string>() << "，策略 (policy) " << s.at("policy").at("name").get<std::string>()
      << " " << s.at("policy").at("version").get<std::string>() << "，种子 (seed) " << n(s.at("seed")) << "，"
      << n(s.at("cases_requested")) << " 件 (tickets)；跟踪至 (followed to) " << s.at("followed_to").get<std::string>()
      << "\n";
  out << "  数据库 (database): " << database_line(s) << "\n";
  out << "  人员 (staff) " << n(s.at("staff")) << " 人，批量登记 (batch intakes) "
      << n(s.at("received").at("intake_batches")) << " 次，每小时巡检 (hourly sweep)\n\n";

  const Json& r = s.at("received");
  out << "  1. 受理诉求 (tickets) " << received << " 件，高峰 (busiest hour) " << r.at("peak_hour").get<std::string>()
      << " " << n(r.at("peak_count")) << " 件\n";
  print_breakdown(out, "渠道 (channel)", r.at("by_channel"), received);
  out << "\n";
  print_breakdown(out, "类别 (category)", r.at("by_category"), received);

  const Json& d = s.at("dispatch");
  out << "\n  2. 直接答复 (answered on the call) " << n(d.at("answered_on_call")) << "，派单 (dispatched) "
      << n(d.at("dispatched")) << "（退单重派 sent back and re-dispatched " << n(d.at("sent_back"))
      << "），不予受理 (not accepted) " << n(d.at("not_accepted")) << "，撤回 (withdrawn) " << n(d.at("withdrawn"))
      << "；转街道 (to the street office) " << n(d.at("to_street_office")) << "，重点 (key) " << n(d.at("key_cases"))
      << "，中止 (suspended) " << n(d.at("suspensions")) << "\n";
  Table units({Table::Align::left, Table::Align::right});
  units.add_row({"承办单位 (unit)", "件数 (tickets)"});
  for (const Json& line : d.at("by_unit")) {
    units.add_row({line_label(line), n(line.at("count"))});
  }
  units.print(out, "     ");

  const Json& c = s.at("contact");
  out << "\n  3. 先行联系 (first contact within 24 hours)：" << n(c.at("contacted")) << " 件，按时 (in time) "
      << n(c.at("on_time")) << "，超时 (late) " << n(c.at("late")) << "\n";

  const Json& a = s.at("replies");
  out << "\n  4. 办结 (replied) " << n(a.at("total")) << "，按时限 (by time limit)\n";
  Table limits({Table::Align::left, Table::Align::right, Table::Align::right, Table::Align::right});
  limits.add_row({"时限 (clock)", "办结 (replied)", "按时 (on time)", "超时 (late)"});
  for (const Json& line : a.at("by_clock")) {
    limits.add_row({line.at("name").get<std::string>() + " (" + line.at("id").get<std::string>() + ")",
                    n(line.at("replied")), n(line.at("on_time")), n(line.at("late"))});
  }
  limits.print(out, "     ");

  const Json& g = s.at("ratings");
  out << "\n  5. 回访评价 (rated on the call-back) " << n(g.at("rated"));
  bool first = true;
  for (const Json& level : g.at("by_level")) {
    out << (first ? "：" : "，") << level.at("name").get<std::string>() << " " << n(level.at("count"));
    first = false;
  }
  out << "；已解决 (resolved) " << n(g.at("resolved")) << "，不满意回访 (follow-ups) " << n(g.at("follow_ups"))
      << "\n\n  6.";
  print_escalations(out, s.at("escalations"), "每小时巡检 (the hourly sweep)");

  const Json& e = s.at("end");
  out << "\n  7. 归档 (archived) " << n(s.at("dispatch").at("archived")) << "；跟踪结束时 (at the end) 未结 (open) "
      << n(e.at("open"));
  print_open(out, e.at("open_by_status"));
  out << "；其中超期 (overdue) " << n(e.at("overdue")) << "\n";

  out << "\n  8. 接诉即办指标 (indicators of the day's tickets)\n";
  print_indicators(out, s.at("indicators"), {"response", "resolution", "satisfaction", "on_time_completion"});

  out << "\n  9. 当日诉求动态 (the day's bulletin, made at 24:00)\n";
  print_bulletin(out, s.at("bulletin"));

  const Json& v = s.at("verify");
  out << "\n  10. 校验 (verify): " << (v.at("ok").get<bool>() ? "通过 ok" : "失败 FAILED") << " — " << n(v.at("cases"))
      << " 件 cases, " << n(v.at("events")) << " 个事件 events\n";
}

}  // namespace xinfang::cli::demo
