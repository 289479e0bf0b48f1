// The bulletin as one self-contained HTML page: inline CSS, charts drawn as inline SVG, no
// scripts and nothing fetched, in Chinese, printable on A4.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>

#include "lifecycle/command_args.hpp"
#include "report/report_internal.hpp"

namespace xinfang {

using report_detail::bulletin_tables;
using report_detail::count_change;
using report_detail::percent;
using report_detail::period_title;
using report_detail::points;
using report_detail::Table;

namespace {

std::string esc(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei",
       sans-serif;
       color: #1f2933; margin: 24px auto; max-width: 960px; line-height: 1.5; }
h1 { font-size: 26px; margin: 0 0 4px; color: #9b1c1c; }
h2 { font-size: 18px; border-left: 4px solid #9b1c1c; padding-left: 8px; margin-top: 28px; }
.meta { color: #52606d; font-size: 13px; }
.cards { display: flex; gap: 12px; margin: 16px 0; }
.card { flex: 1; border: 1px solid #d9e2ec; border-radius: 6px; padding: 10px 14px; }
.card .label { font-size: 13px; color: #52606d; }
.card .value { font-size: 28px; font-weight: 600; }
.card .change { font-size: 12px; color: #52606d; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #d9e2ec; padding: 4px 8px; text-align: left; }
th { background: #f0f4f8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; flex: 1 1 440px; }
figcaption { font-size: 13px; color: #52606d; }
footer { margin-top: 32px; font-size: 12px; color: #7b8794; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
)css";

struct Bar {
  std::string label;
  double value;        // 0..max
  std::string text;    // shown after the bar
  double second = -1;  // a previous value (-1: none)
};

// A horizontal bar chart: one row per bar, an optional thin bar for the previous period.
std::string bar_chart(const std::string& title, const std::vector<Bar>& bars, double max, const char* colour) {
  const int row = 28;
  const int label_width = 150;
  const int bar_width = 260;
  const int height = 12 + row * static_cast<int>(std::max<std::size_t>(bars.size(), 1));
  std::ostringstream svg;
  svg << "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << label_width + bar_width + 110
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << label_width + bar_width + 110 << " " << height
      << "\" font-size=\"12\"><title>" << esc(title) << "</title>";
  if (bars.empty()) svg << "<text x=\"0\" y=\"20\" fill=\"#7b8794\">无数据 (no data)</text>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const int y = 6 + row * static_cast<int>(i);
    const double width = max > 0 ? bar_width * std::clamp(bar.value / max, 0.0, 1.0) : 0;
    svg << "<text x=\"" << label_width - 6 << "\" y=\"" << y + 14 << "\" text-anchor=\"end\">" << esc(bar.label)
        << "</text>";
    svg << "<rect x=\"" << label_width << "\" y=\"" << y + 2 << "\" width=\"" << num(width)
        << "\" height=\"14\" fill=\"" << colour << "\"/>";
    if (bar.second >= 0 && max > 0) {
      const double previous = bar_width * std::clamp(bar.second / max, 0.0, 1.0);
      svg << "<rect x=\"" << label_width << "\" y=\"" << y + 18 << "\" width=\"" << num(previous)
          << "\" height=\"4\" fill=\"#9aa5b1\"/>";
    }
    svg << "<text x=\"" << num(label_width + width + 6) << "\" y=\"" << y + 14 << "\">" << esc(bar.text) << "</text>";
  }
  svg << "</svg><figcaption>" << esc(title) << "</figcaption></figure>\n";
  return svg.str();
}

void html_table(std::ostringstream& out, const Table& table) {
  out << "<h2>" << esc(table.title) << "</h2>\n";
  if (table.rows.empty()) {
    out << "<p class=\"meta\">无 (none)</p>\n";
    return;
  }
  out << "<table><thead><tr>";
  for (const std::string& head : table.heads) out << "<th>" << esc(head) << "</th>";
  out << "</tr></thead><tbody>\n";
  for (const auto& row : table.rows) {
    out << "<tr>";
    for (const std::string& cell : row) {
      const bool numeric = !cell.empty() && (std::isdigit(static_cast<unsigned char>(cell[0])) || cell[0] == '+' ||
                                             cell[0] == '-' || cell == "—");
      out << (numeric ? "<td class=\"n\">" : "<td>") << esc(cell) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
}

}  // namespace

std::string bulletin_html(const Bulletin& b, const Policy& policy) {
  std::ostringstream out;
  const std::string title = "诉求动态 " + period_title(b.indicators.period);
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << esc(title)
      << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<h1>" << esc(title) << "</h1>\n";
  out << "<p class=\"meta\">" << esc(b.policy_name + " " + b.policy_version) << " · 统计至 "
      << esc(lifecycle_detail::format_instant(b.indicators.counted_to)) << " · 上期 "
      << esc(period_title(b.previous.period)) << "</p>\n";

  out << "<div class=\"cards\">\n";
  const auto card = [&](const char* label, std::int64_t now, std::int64_t before) {
    out << "<div class=\"card\"><div class=\"label\">" << label << "</div><div class=\"value\">" << now
        << "</div><div class=\"change\">较上期 " << count_change(now, before) << "</div></div>\n";
  };
  card("新收", b.totals.received, b.previous_totals.received);
  card("受理", b.totals.accepted, b.previous_totals.accepted);
  card("办结", b.totals.replied, b.previous_totals.replied);
  card("超期未办结", b.totals.overdue, b.previous_totals.overdue);
  out << "<div class=\"card\"><div class=\"label\">综合得分</div><div class=\"value\">" << points(b.indicators.score)
      << "</div><div class=\"change\">上期 " << points(b.previous.score) << "</div></div>\n</div>\n";

  std::vector<Bar> indicator_bars;
  for (Indicator indicator : all_indicators()) {
    const std::optional<double> now = b.indicators.total[indicator].value();
    const std::optional<double> before = b.previous.total[indicator].value();
    if (!now && !before) continue;
    indicator_bars.push_back(
        {indicator_label(indicator), now ? 100 * *now : 0, percent(now), before ? 100 * *before : -1});
  }
  std::vector<Bar> channel_bars;
  std::int64_t most = 0;
  for (const CountLine& line : b.by_channel) most = std::max(most, line.count);
  for (const CountLine& line : b.by_channel) {
    channel_bars.push_back(
        {report_detail::line_label(line, "未填"), static_cast<double>(line.count), std::to_string(line.count)});
  }
  std::vector<Bar> unit_bars;
  for (const RankedEntry& e : b.indicators.units) {
    if (!e.score) continue;
    const Unit* unit = policy.find_unit(e.id);
    unit_bars.push_back({unit != nullptr ? unit->name : e.id, *e.score, points(e.score)});
  }
  out << "<div class=\"charts\">\n";
  out << bar_chart("指标：本期（粗）与上期（细），%", indicator_bars, 100, "#9b1c1c");
  out << bar_chart("新收：按渠道", channel_bars, static_cast<double>(most), "#2680c2");
  out << bar_chart("承办单位综合得分", unit_bars, 100, "#3f9142");
  out << "</div>\n";

  for (const Table& table : bulletin_tables(b, policy)) html_table(out, table);
  if (b.totals.overdue > static_cast<std::int64_t>(b.overdue.size())) {
    out << "<p class=\"meta\">共 " << b.totals.overdue << " 件超期，列出最久的 " << b.overdue.size() << " 件。</p>\n";
  }
  out << "<footer>由 xinfang 生成。指标定义：及时受理率、按期办结率、响应率按期限计；群众满意率为评价得分均值；"
         "参评率为评价期届满或已评价的答复中已评价的比例；解决率为答复“是否解决”者中答“已解决”的比例。"
         "</footer>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace xinfang
