// The indicators' tables: each case's clock runs and answers, replaced whole when the case
// changes, and a period's counts by SQL aggregates over the settled-at indexes.
#include "store/sqlite_outcomes.hpp"

#include <map>
#include <utility>

#include "store/sqlite_rows.hpp"
#include "xinfang/error.hpp"

namespace xinfang::store::sqlite {
namespace {

// Answers' row ids pack the case id and the answer's place (sqlite_schema.cpp, version 4).
constexpr std::int64_t kAnswerRowsPerCase = 16;

}  // namespace

void put_outcomes(Connection& c, std::int64_t case_id, const std::string& region, const OutcomeRows& rows,
                  const std::string& old_keys, bool is_new) {
  if (static_cast<std::int64_t>(rows.answers.size()) > kAnswerRowsPerCase) {
    throw Error(ErrorCode::invalid_state, "a case counts at most " + std::to_string(kAnswerRowsPerCase) + " answers");
  }
  // The rows the case had and has no more: "settled_at clock run" each, written by outcome_keys().
  const std::string now_keys = ';' + outcome_keys(rows) + ';';
  std::size_t start = 0;
  while (start < old_keys.size()) {
    std::size_t end = old_keys.find(';', start);
    if (end == std::string::npos) end = old_keys.size();
    const std::string key = old_keys.substr(start, end - start);
    start = end + 1;
    if (now_keys.find(';' + key + ';') != std::string::npos) continue;
    const std::size_t first = key.find(' ');
    const std::size_t last = key.rfind(' ');
    if (first == std::string::npos || first == last) {
      throw Error(ErrorCode::invalid_data,
                  "case " + std::to_string(case_id) + ": outcome key '" + key + "' is malformed");
    }
    Statement s =
        c.prepare("DELETE FROM clock_outcomes WHERE settled_at = ? AND clock = ? AND case_id = ? AND run = ?");
    s.bind(1, static_cast<std::int64_t>(std::stoll(key.substr(0, first))));
    s.bind(2, std::string_view(key).substr(first + 1, last - first - 1));
    s.bind(3, case_id).bind(4, static_cast<std::int64_t>(std::stoll(key.substr(last + 1))));
    s.run();
  }
  for (const ClockOutcomeRow& row : rows.clocks) {
    Statement s = c.prepare(
        "INSERT OR REPLACE INTO clock_outcomes (settled_at, clock, case_id, run, unit, region, on_time, started_at, "
        "deadline, stopped_at, extended) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, row.settled_at).bind_unowned(2, row.clock).bind(3, case_id).bind(4, row.run);
    s.bind_unowned(5, row.unit).bind_unowned(6, region).bind(7, row.on_time).bind(8, row.started_at);
    s.bind(9, row.deadline);
    s.bind_optional(10, row.stopped_at);
    s.bind(11, row.extended);
    s.run();
  }
  if (!is_new) {
    Statement answers = c.prepare("DELETE FROM answers WHERE id BETWEEN ? AND ?");
    answers.bind(1, case_id * kAnswerRowsPerCase).bind(2, case_id * kAnswerRowsPerCase + kAnswerRowsPerCase - 1);
    answers.run();
  }
  for (std::size_t i = 0; i < rows.answers.size(); ++i) {
    const AnswerRow& row = rows.answers[i];
    Statement s = c.prepare(
        "INSERT INTO answers (id, case_id, kind, unit, region, answered_at, window_end, rated_at, level, credit, "
        "satisfied, resolved, settled_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, case_id * kAnswerRowsPerCase + static_cast<std::int64_t>(i)).bind(2, case_id);
    s.bind_unowned(3, row.kind).bind_unowned(4, row.unit).bind_unowned(5, region).bind(6, row.answered_at);
    s.bind_optional(7, row.window_end);
    s.bind_optional(8, row.rated_at);
    s.bind_unowned(9, row.level).bind_real(10, row.credit).bind(11, row.satisfied);
    if (row.resolved) {
      s.bind(12, *row.resolved);
    } else {
      s.bind_null(12);
    }
    s.bind_optional(13, row.settled_at);
    s.run();
  }
}

void clear_outcomes(Connection& c) {
  c.exec("DELETE FROM clock_outcomes; DELETE FROM answers;");
}

std::vector<ClockOutcomeCount> count_clock_outcomes(Connection& c, std::int64_t from, std::int64_t to) {
  Statement s = c.prepare(
      "SELECT clock, unit, region, sum(on_time), count(*) FROM clock_outcomes "
      "WHERE settled_at >= ? AND settled_at < ? GROUP BY clock, unit, region ORDER BY clock, unit, region");
  s.bind(1, from).bind(2, to);
  std::vector<ClockOutcomeCount> counts;
  while (s.step()) counts.push_back({s.text(0), s.text(1), s.text(2), s.integer(3), s.integer(4)});
  return counts;
}

std::vector<AnswerCount> count_answers(Connection& c, std::int64_t from, std::int64_t to) {
  std::map<std::pair<std::string, std::string>, AnswerCount> by_group;
  const auto group = [&](const Statement& s) -> AnswerCount& {
    AnswerCount& count = by_group[{s.text(0), s.text(1)}];
    count.unit = s.text(0);
    count.region = s.text(1);
    return count;
  };
  Statement settled = c.prepare(
      "SELECT unit, region, count(*), count(rated_at) FROM answers "
      "WHERE settled_at >= ? AND settled_at < ? GROUP BY unit, region");
  settled.bind(1, from).bind(2, to);
  while (settled.step()) {
    AnswerCount& count = group(settled);
    count.settled = settled.integer(2);
    count.settled_rated = settled.integer(3);
  }
  Statement rated = c.prepare(
      "SELECT unit, region, count(*), total(credit), sum(satisfied), count(resolved), total(resolved) FROM answers "
      "WHERE rated_at >= ? AND rated_at < ? GROUP BY unit, region");
  rated.bind(1, from).bind(2, to);
  while (rated.step()) {
    AnswerCount& count = group(rated);
    count.rated = rated.integer(2);
    count.credit = rated.real(3);
    count.satisfied = rated.integer(4);
    count.resolved_answered = rated.integer(5);
    count.resolved = static_cast<std::int64_t>(rated.real(6));
  }
  std::vector<AnswerCount> counts;
  counts.reserve(by_group.size());
  for (auto& entry : by_group) counts.push_back(std::move(entry.second));
  return counts;
}

std::vector<ReceivedCount> count_received(Connection& c, std::int64_t from, std::int64_t to) {
  Statement s = c.prepare(
      "SELECT channel, type, category, region, unit, count(*) FROM cases WHERE received_at >= ? AND received_at < ? "
      "GROUP BY channel, type, category, region, unit");
  s.bind(1, from).bind(2, to);
  std::vector<ReceivedCount> counts;
  while (s.step()) {
    counts.push_back({s.text(0), static_cast<int>(s.integer(1)), s.text(2), s.text(3), s.text(4), s.integer(5)});
  }
  return counts;
}

std::int64_t count_accepted(Connection& c, std::int64_t from, std::int64_t to) {
  Statement s = c.prepare("SELECT count(*) FROM cases WHERE accepted_at >= ? AND accepted_at < ?");
  s.bind(1, from).bind(2, to);
  return s.step() ? s.integer(0) : 0;
}

std::int64_t count_replied(Connection& c, std::int64_t from, std::int64_t to) {
  Statement s = c.prepare("SELECT count(*) FROM answers WHERE answered_at >= ? AND answered_at < ? AND kind = 'reply'");
  s.bind(1, from).bind(2, to);
  return s.step() ? s.integer(0) : 0;
}

std::int64_t count_overdue(Connection& c, std::int64_t at) {
  Statement s = c.prepare("SELECT count(*) FROM cases WHERE next_deadline < ? AND open = 1");
  s.bind(1, at);
  return s.step() ? s.integer(0) : 0;
}

std::vector<CaseRow> overdue_cases(Connection& c, std::int64_t at, std::int64_t limit) {
  static const std::string sql = std::string("SELECT ") + kCaseColumns +
                                 " FROM cases WHERE next_deadline < ? AND open = 1 ORDER BY next_deadline, id LIMIT ?";
  Statement s = c.prepare(sql);
  s.bind(1, at).bind(2, limit);
  std::vector<CaseRow> rows;
  while (s.step()) rows.push_back(read_case(s));
  return rows;
}

std::vector<CaseRow> flagged_cases(Connection& c, std::int64_t limit) {
  // One query per partial index: with an OR between them SQLite scans the whole table.
  static const std::string key_sql = std::string("SELECT ") + kCaseColumns +
                                     " FROM cases WHERE key_case <> 0 AND open = 1 ORDER BY key_case, id LIMIT ?";
  static const std::string owned_sql =
      std::string("SELECT ") + kCaseColumns + " FROM cases WHERE owner <> '' AND open = 1 ORDER BY owner, id LIMIT ?";
  std::map<std::int64_t, CaseRow> by_id;
  for (const std::string* sql : {&key_sql, &owned_sql}) {
    Statement s = c.prepare(*sql);
    s.bind(1, limit);
    while (s.step()) {
      CaseRow row = read_case(s);
      by_id.emplace(row.id, std::move(row));
    }
  }
  std::vector<CaseRow> rows;
  for (auto& entry : by_id) {
    if (static_cast<std::int64_t>(rows.size()) >= limit) break;
    rows.push_back(std::move(entry.second));
  }
  return rows;
}

}  // namespace xinfang::store::sqlite
