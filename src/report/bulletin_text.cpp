// The bulletin as JSON (for portals), Markdown and CSV (one file per table).
#include <sstream>

#include "lifecycle/command_args.hpp"
#include "report/report_internal.hpp"

namespace xinfang {

using lifecycle_detail::instant_or_null;
using report_detail::bulletin_tables;
using report_detail::period_title;
using report_detail::Table;

namespace {

Json optional_number(const std::optional<double>& value) {
  return value ? Json(*value) : Json();
}

Json lines_json(const std::vector<CountLine>& lines) {
  Json out = Json::array();
  for (const CountLine& line : lines) out.push_back({{"id", line.id}, {"name", line.name}, {"count", line.count}});
  return out;
}

// Markdown cells: a pipe would end the cell and a line break the row.
std::string md_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void md_table(std::ostringstream& out, const Table& table) {
  out << "\n## " << table.title << "\n\n";
  if (table.rows.empty()) {
    out << "无 (none)\n";
    return;
  }
  out << "|";
  for (const std::string& head : table.heads) out << " " << md_cell(head) << " |";
  out << "\n|";
  for (std::size_t i = 0; i < table.heads.size(); ++i) out << "---|";
  out << "\n";
  for (const auto& row : table.rows) {
    out << "|";
    for (const std::string& cell : row) out << " " << md_cell(cell) << " |";
    out << "\n";
  }
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Json bulletin_json(const Bulletin& b, const Policy& policy) {
  const auto total = [](std::int64_t now, std::int64_t before) {
    return Json{{"value", now}, {"previous", before}, {"change", now - before}};
  };
  Json changes = Json::object();
  for (Indicator indicator : all_indicators()) {
    const std::optional<double> now = b.indicators.total[indicator].value();
    const std::optional<double> before = b.previous.total[indicator].value();
    changes[indicator_id(indicator)] = now && before ? Json(*now - *before) : Json();
  }
  changes["score"] = b.indicators.score && b.previous.score ? Json(*b.indicators.score - *b.previous.score) : Json();
  Json flagged = Json::array();
  for (const FlaggedCase& f : b.flagged) {
    flagged.push_back({{"number", f.number},
                       {"subject", f.subject},
                       {"status", f.status},
                       {"unit", f.unit},
                       {"unit_name", f.unit_name},
                       {"key_case", f.key_case},
                       {"owner", f.owner}});
  }
  Json overdue = Json::array();
  for (const OverdueCase& o : b.overdue) {
    overdue.push_back({{"number", o.number},
                       {"subject", o.subject},
                       {"unit", o.unit},
                       {"unit_name", o.unit_name},
                       {"deadline", instant_or_null(o.deadline)},
                       {"days_overdue", o.days_overdue}});
  }
  return {{"period", b.indicators.period.to_json()},
          {"previous_period", b.previous.period.to_json()},
          {"counted_to", instant_or_null(b.indicators.counted_to)},
          {"policy", {{"name", b.policy_name}, {"version", b.policy_version}}},
          {"totals",
           {{"received", total(b.totals.received, b.previous_totals.received)},
            {"accepted", total(b.totals.accepted, b.previous_totals.accepted)},
            {"replied", total(b.totals.replied, b.previous_totals.replied)},
            {"overdue", total(b.totals.overdue, b.previous_totals.overdue)}}},
          {"by_channel", lines_json(b.by_channel)},
          {"by_type", lines_json(b.by_type)},
          {"by_category", lines_json(b.by_category)},
          {"by_region", lines_json(b.by_region)},
          {"by_unit", lines_json(b.by_unit)},
          {"indicators", indicator_report_json(b.indicators, policy)},
          {"previous_indicators",
           {{"score", optional_number(b.previous.score)}, {"indicators", indicator_set_json(b.previous.total)}}},
          {"indicator_changes", std::move(changes)},
          {"flagged", std::move(flagged)},
          {"overdue", {{"count", b.totals.overdue}, {"listed", std::move(overdue)}}}};
}

std::string bulletin_markdown(const Bulletin& b, const Policy& policy) {
  std::ostringstream out;
  out << "# 诉求动态 " << period_title(b.indicators.period) << "\n\n";
  out << "- 策略 (policy)：" << b.policy_name << " " << b.policy_version << "\n";
  out << "- 统计至 (counted to)：" << lifecycle_detail::format_instant(b.indicators.counted_to) << "\n";
  out << "- 上期 (previous period)：" << period_title(b.previous.period) << "\n";
  out << "- 综合得分 (score)：" << report_detail::points(b.indicators.score) << "（上期 "
      << report_detail::points(b.previous.score) << "）\n";
  for (const Table& table : bulletin_tables(b, policy)) md_table(out, table);
  if (b.totals.overdue > static_cast<std::int64_t>(b.overdue.size())) {
    out << "\n（共 " << b.totals.overdue << " 件超期，列出最久的 " << b.overdue.size() << " 件）\n";
  }
  out << "\n指标定义见 docs/indicators.md。\n";
  return out.str();
}

std::map<std::string, std::string> bulletin_csv(const Bulletin& b, const Policy& policy) {
  std::map<std::string, std::string> files;
  for (const Table& table : bulletin_tables(b, policy)) {
    std::string text = "\xEF\xBB\xBF";  // the byte-order mark: spreadsheets then read UTF-8
    const auto add_row = [&](const std::vector<std::string>& cells) {
      for (std::size_t i = 0; i < cells.size(); ++i) text += (i ? "," : "") + csv_field(cells[i]);
      text += "\r\n";
    };
    add_row(table.heads);
    for (const auto& row : table.rows) add_row(row);
    files[table.file] = std::move(text);
  }
  return files;
}

}  // namespace xinfang
