// The xinfang command-line program: what the simulations of `xinfang demo` share (demo_sim.hpp).
#include "cli/demo_sim.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli::demo {

std::size_t Random::pick(const std::vector<double>& weights) {
  double total = 0;
  for (const double w : weights) total += w;
  double x = uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  // Rounding left x at the top: the last item with a weight.
  for (std::size_t i = weights.size(); i-- > 0;) {
    if (weights[i] > 0) return i;
  }
  return 0;
}

void Agenda::at(Instant when, Action action) {
  queue_.push({when, order_++, std::move(action)});
}

void Agenda::run_until(Instant end, ManualClock& clock, const std::function<void(Instant)>& tick) {
  while (!queue_.empty() && queue_.top().when < end) {
    Item item = queue_.top();
    queue_.pop();
    clock.set(item.when);
    if (tick) tick(item.when);
    item.action();
  }
}

void sweep_and_deliver(Engine& engine, HostTally& tally) {
  const SweepResult swept = engine.sweep();
  ++tally.sweeps;
  for (const FiredStep& step : swept.fired) {
    ++tally.fired[step.event_type];
    if (step.event_type == "owner_assigned") tally.owned.insert(step.number);
    if (step.event_type == "key_marked_by_escalation") tally.keyed.insert(step.number);
  }
  // The host hands each notification to its SMS or mail gateway, then acknowledges it.
  for (;;) {
    const std::vector<Notification> batch = engine.poll_outbox(500, 300);
    if (batch.empty()) break;
    tally.notifications += static_cast<std::int64_t>(batch.size());
    for (const Notification& n : batch) {
      engine.acknowledge(n.id);
      ++tally.acknowledged;
    }
  }
}

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

Progress::Progress(bool enabled) : enabled_(enabled) {}

Progress::~Progress() {
  finish();
}

void Progress::show(const std::string& line) {
  if (!enabled_ || line == shown_) return;
  // "\r", the line, then erase to the end of the line (a shorter line leaves nothing behind).
  std::cerr << '\r' << line << "\x1b[K" << std::flush;
  shown_ = line;
}

void Progress::finish() {
  if (!enabled_ || shown_.empty()) return;
  std::cerr << "\r\x1b[K" << std::flush;
  shown_.clear();
}

Instant local_instant(const Calendar& calendar, Date day, int minute) {
  return calendar.start_of_day(day) + boost::posix_time::minutes(minute);
}

int local_minute(const Calendar& calendar, Instant instant) {
  const Instant local = instant + boost::posix_time::minutes(calendar.utc_offset_minutes());
  return static_cast<int>(local.time_of_day().total_seconds() / 60);
}

std::string staff_name(std::size_t index) {
  static const std::vector<std::string> names = {
      "王建国", "李秀兰", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周芳", "吴强", "徐丽", "孙涛",
      "马琳",   "朱军",   "胡娟", "郭鹏", "何欣", "林峰", "高燕", "罗斌", "郑红", "梁晨", "谢宁", "宋佳",
      "唐亮",   "许婷",   "韩冰", "冯刚", "邓洁", "曹阳", "彭辉", "曾琪", "肖勇", "田甜", "董明", "袁媛",
      "潘杰",   "于波",   "蒋梅", "蔡凯", "余萍", "杜鑫", "叶青", "程浩", "苏雪", "魏东", "吕薇", "丁一",
      "任重",   "沈悦",   "姚远", "卢楠", "姜山", "崔颖", "钟毅", "谭晶", "陆宇", "汪洁", "范勇", "金鑫",
      "石磊",   "廖敏",   "贾茹", "夏天", "韦华", "付强", "方舟", "白雪", "邹平", "孟丽",
  };
  if (index < names.size()) return names[index];
  return names[index % names.size()] + std::to_string(index / names.size() + 1);
}

Petitioner make_petitioner(Random& random, const std::string& area_code, bool representative) {
  static const std::vector<std::string> surnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                                    "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"};
  Petitioner p;
  p.name = random.one_of(surnames) + "某";
  // 18 characters: area, birth date, sequence, and the ISO 7064 MOD 11-2 check character.
  const int year = random.between(1940, 2002);
  const int month = random.between(1, 12);
  const int day = random.between(1, 28);
  char body[64];
  std::snprintf(body, sizeof body, "%s%04d%02d%02d%03d", area_code.c_str(), year, month, day, random.between(1, 999));
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * weights[i];
  p.id_number = std::string(body, 17) + "10X98765432"[sum % 11];
  static const std::vector<std::string> prefixes = {"133", "135", "137", "138", "139",
                                                    "150", "158", "180", "186", "189"};
  char phone[32];
  std::snprintf(phone, sizeof phone, "%s%08d", random.one_of(prefixes).c_str(), random.between(0, 99999999));
  p.phone = phone;
  p.representative = representative;
  return p;
}

BulletinFiles write_bulletin(const Engine& engine, const std::string& period, const SimOptions& options) {
  BulletinFiles files;
  files.period = period;
  files.figures = engine.bulletin(period);
  if (!options.kept) return files;
  const auto write = [](const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw Error(ErrorCode::storage, "cannot write " + path);
  };
  files.html = options.database + ".bulletin.html";
  files.markdown = options.database + ".bulletin.md";
  write(files.html, bulletin_html(files.figures, engine.policy()));
  write(files.markdown, bulletin_markdown(files.figures, engine.policy()));
  return files;
}

nlohmann::json count_lines_json(const std::vector<CountLine>& lines) {
  nlohmann::json out = nlohmann::json::array();
  for (const CountLine& line : lines) out.push_back({{"id", line.id}, {"name", line.name}, {"count", line.count}});
  return out;
}

nlohmann::json bulletin_summary_json(const BulletinFiles& files) {
  const PeriodTotals& t = files.figures.totals;
  nlohmann::json out = {{"period", files.period},
                        {"first_day", format_date(files.figures.indicators.period.first)},
                        {"last_day", format_date(files.figures.indicators.period.last)},
                        {"received", t.received},
                        {"accepted", t.accepted},
                        {"replied", t.replied},
                        {"overdue", t.overdue},
                        {"flagged", files.figures.flagged.size()}};
  out["html"] = files.html.empty() ? nlohmann::json() : nlohmann::json(files.html);
  out["markdown"] = files.markdown.empty() ? nlohmann::json() : nlohmann::json(files.markdown);
  if (files.figures.indicators.score) out["score"] = *files.figures.indicators.score;
  return out;
}

nlohmann::json indicators_summary_json(const IndicatorReport& report, const Policy& policy) {
  nlohmann::json out = {{"period", report.period.label}, {"indicators", nlohmann::json::object()}};
  out["score"] = report.score ? nlohmann::json(*report.score) : nlohmann::json();
  for (const Indicator indicator : all_indicators()) {
    const Ratio& ratio = report.total[indicator];
    const std::optional<double> value = ratio.value();
    out["indicators"][indicator_id(indicator)] = {{"label", indicator_label(indicator)},
                                                  {"numerator", ratio.numerator},
                                                  {"denominator", ratio.denominator},
                                                  {"value", value ? nlohmann::json(*value) : nlohmann::json()}};
  }
  out["units"] = nlohmann::json::array();
  for (const RankedEntry& entry : report.units) {
    const Unit* unit = policy.find_unit(entry.id);
    nlohmann::json line = {{"id", entry.id}, {"name", unit != nullptr ? unit->name : std::string()}};
    line["rank"] = entry.rank == 0 ? nlohmann::json() : nlohmann::json(entry.rank);
    line["score"] = entry.score ? nlohmann::json(*entry.score) : nlohmann::json();
    for (const Indicator indicator : all_indicators()) {
      const std::optional<double> value = entry.indicators[indicator].value();
      line[indicator_id(indicator)] = value ? nlohmann::json(*value) : nlohmann::json();
    }
    out["units"].push_back(std::move(line));
  }
  return out;
}

nlohmann::json open_by_status_json(const Engine& engine) {
  nlohmann::json out = nlohmann::json::object();
  for (int code = 0; code <= static_cast<int>(CaseStatus::merged); ++code) {
    const CaseStatus status = static_cast<CaseStatus>(code);
    if (!is_open(status)) continue;
    CaseFilter filter;
    filter.statuses = {status};
    const std::int64_t n = engine.count(filter);
    if (n > 0) out[case_status_name(status)] = n;
  }
  return out;
}

nlohmann::json ratings_json(const Policy& policy, const std::map<std::string, std::int64_t>& by_level) {
  std::int64_t rated = 0, satisfied = 0;
  nlohmann::json levels = nlohmann::json::array();
  for (const RatingLevel& level : policy.rating().scale) {
    const auto it = by_level.find(level.id);
    const std::int64_t n = it == by_level.end() ? 0 : it->second;
    rated += n;
    if (level.satisfied) satisfied += n;
    levels.push_back({{"id", level.id}, {"name", level.name}, {"count", n}});
  }
  return {{"rated", rated}, {"by_level", std::move(levels)}, {"satisfied", satisfied}};
}

nlohmann::json escalations_json(const HostTally& host) {
  std::int64_t fired = 0;
  for (const auto& [type, n] : host.fired) fired += n;
  return {{"sweeps", host.sweeps},
          {"fired", fired},
          {"by_event", host.fired},
          {"notifications", host.notifications},
          {"acknowledged", host.acknowledged}};
}

nlohmann::json standing_json(const Engine& engine, Instant at, std::int64_t overdue) {
  CaseFilter open;
  open.open = true;
  return {{"at", iso_utc(at)},
          {"open", engine.count(open)},
          {"open_by_status", open_by_status_json(engine)},
          {"overdue", overdue}};
}

nlohmann::json verify_json(const Engine& engine) {
  const VerifyReport verified = engine.verify();
  return {{"ok", verified.ok},
          {"cases", verified.cases},
          {"events", verified.events},
          {"directory_changes", verified.directory_changes}};
}

}  // namespace xinfang::cli::demo
