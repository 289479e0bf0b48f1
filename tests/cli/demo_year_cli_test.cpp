// `xinfang demo`'s simulations: the year of a civil-affairs bureau and the 12345 hotline's day.
//
// Every figure the demo prints is checked against its own database, opened independently with
// SQLite's library and counted with plain SQL over the tables of docs/storage.md: the cases, the
// event log, the answers, the clock outcomes and the outbox. The text output is printed from the
// same figures as the JSON; a few of its lines are checked too. A seed must give the same JSON and
// the same file; another seed another year.
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "cli_test_util.hpp"
#include "xinfang/calendar.hpp"

namespace xinfang::cli_test {
namespace {

using Json = nlohmann::json;

// A database file opened read-only with SQLite itself, not through the engine.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path;
    }
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Rows of text, one vector per row.
  std::vector<std::vector<std::string>> rows(const std::string& sql) const {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return out;
    }
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const unsigned char* text = sqlite3_column_text(s, c);
        row.push_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(s);
    return out;
  }
  std::int64_t count(const std::string& sql) const {
    const auto r = rows(sql);
    return r.empty() || r[0].empty() || r[0][0].empty() ? 0 : std::stoll(r[0][0]);
  }
  double real(const std::string& sql) const {
    const auto r = rows(sql);
    return r.empty() || r[0].empty() || r[0][0].empty() ? 0 : std::stod(r[0][0]);
  }
  // {key: count} of a two-column query.
  std::map<std::string, std::int64_t> counts(const std::string& sql) const {
    std::map<std::string, std::int64_t> out;
    for (const auto& row : rows(sql)) out[row[0]] = std::stoll(row[1]);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::int64_t micros(Instant instant) {
  return (instant - Instant(boost::gregorian::date(1970, 1, 1))).total_microseconds();
}

std::string events_of(const std::string& type) {
  return "SELECT count(*) FROM events WHERE type = '" + type + "'";
}

// Each line {"id", "count"} of a breakdown against the same GROUP BY in SQL (zeros included).
void expect_lines(const Json& lines, const std::map<std::string, std::int64_t>& counted, const std::string& what) {
  std::int64_t sum = 0;
  for (const Json& line : lines) {
    const std::string id = line.at("id").get<std::string>();
    const auto it = counted.find(id);
    EXPECT_EQ(line.at("count").get<std::int64_t>(), it == counted.end() ? 0 : it->second) << what << " " << id;
    sum += line.at("count").get<std::int64_t>();
  }
  std::int64_t total = 0;
  for (const auto& entry : counted) total += entry.second;
  EXPECT_EQ(sum, total) << what;
}

// The escalation steps the sweeps fired, the outbox, and the case statuses: shared by both simulations.
void expect_sweeps_and_statuses(const Json& escalations, const Json& open_by_status, std::int64_t open,
                                const RawDb& db) {
  const auto fired = db.counts("SELECT type, count(*) FROM events WHERE command = 'sweep' GROUP BY type");
  std::int64_t total = 0;
  for (const auto& [type, n] : fired) {
    EXPECT_EQ(escalations.at("by_event").value(type, std::int64_t{-1}), n) << type;
    total += n;
  }
  EXPECT_EQ(escalations.at("by_event").size(), fired.size());
  EXPECT_EQ(escalations.at("fired").get<std::int64_t>(), total);
  EXPECT_GT(total, 0);
  EXPECT_EQ(escalations.at("notifications").get<std::int64_t>(), db.count("SELECT count(*) FROM outbox"));
  EXPECT_EQ(escalations.at("acknowledged").get<std::int64_t>(),
            db.count("SELECT count(*) FROM outbox WHERE acknowledged_at IS NOT NULL"));
  EXPECT_EQ(open, db.count("SELECT count(*) FROM cases WHERE open = 1"));
  const auto by_status = db.counts("SELECT status, count(*) FROM cases WHERE open = 1 GROUP BY status");
  std::int64_t listed = 0;
  for (const auto& [status, count] : open_by_status.items()) listed += count.get<std::int64_t>();
  EXPECT_EQ(listed, open);
  const std::map<std::string, std::string> codes = {{"registered", "0"}, {"accepted", "1"},
                                                    {"assigned", "4"},   {"in_handling", "5"},
                                                    {"suspended", "6"},  {"replied", "7"},
                                                    {"rated", "8"},      {"review_requested", "9"},
                                                    {"reviewed", "10"},  {"rereview_requested", "11"}};
  for (const auto& [status, count] : open_by_status.items()) {
    const auto code = codes.find(status);
    ASSERT_NE(code, codes.end()) << status;
    EXPECT_EQ(count.get<std::int64_t>(), by_status.at(code->second)) << status;
  }
}

void expect_indicator(const Json& indicator, double numerator, std::int64_t denominator, const std::string& what) {
  EXPECT_DOUBLE_EQ(indicator.at("numerator").get<double>(), numerator) << what;
  EXPECT_EQ(indicator.at("denominator").get<std::int64_t>(), denominator) << what;
}

TEST(CliDemoYear, EveryFigureMatchesItsDatabase) {
  const TempDir dir;
  const std::string file = dir.path() + "/year.db";
  const CliRun run = run_cli({"demo", "--year", "2025", "--cases", "300", "--db", file, "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");  // no progress when stderr is not a terminal
  const Json j = parse_json(run.out);
  ASSERT_TRUE(j.contains("year")) << run.out;
  const Json& y = j.at("year");
  EXPECT_EQ(y.at("year"), 2025);
  EXPECT_EQ(y.at("seed"), 12345);
  EXPECT_EQ(y.at("database"), file);
  const RawDb db(file);

  const Calendar& calendar = Calendar::national();
  const std::string from = std::to_string(micros(calendar.start_of_day(Date(2025, 1, 1))));
  const std::string to = std::to_string(micros(calendar.start_of_day(Date(2026, 1, 1))));

  // Received: the total, and by channel, category and type; on working days and rest days.
  const Json& r = y.at("received");
  EXPECT_EQ(r.at("total"), 300);
  EXPECT_EQ(r.at("total").get<std::int64_t>(), db.count("SELECT count(*) FROM cases"));
  expect_lines(r.at("by_channel"), db.counts("SELECT channel, count(*) FROM cases GROUP BY channel"), "channel");
  expect_lines(r.at("by_category"), db.counts("SELECT category, count(*) FROM cases GROUP BY category"), "category");
  const auto types = db.counts("SELECT type, count(*) FROM cases GROUP BY type");
  const std::map<std::string, std::int64_t> by_type = {{"suggestion", types.count("0") ? types.at("0") : 0},
                                                       {"accusation", types.count("1") ? types.at("1") : 0},
                                                       {"claim", types.count("2") ? types.at("2") : 0}};
  expect_lines(r.at("by_type"), by_type, "type");
  std::int64_t working = 0, rest = 0;
  for (const auto& row : db.rows("SELECT received_at FROM cases")) {
    const std::int64_t us = std::stoll(row[0]);
    const Instant at = Instant(boost::gregorian::date(1970, 1, 1)) + boost::posix_time::microseconds(us);
    ++(calendar.is_working_day(calendar.local_date(at)) ? working : rest);
  }
  EXPECT_EQ(r.at("on_working_days").get<std::int64_t>(), working);
  EXPECT_EQ(r.at("on_rest_days").get<std::int64_t>(), rest);
  EXPECT_GT(working, 10 * rest);  // petitions come on working days mostly
  EXPECT_EQ(r.at("repeat").get<std::int64_t>(), db.count("SELECT count(*) FROM cases WHERE repeat = 1"));
  // The mix: about 40% visits (with the leader's reception), 2% letters, 58% calls and online.
  const auto channels = db.counts("SELECT channel, count(*) FROM cases GROUP BY channel");
  const std::int64_t visits =
      channels.at("visit") + (channels.count("leader_reception") ? channels.at("leader_reception") : 0);
  EXPECT_NEAR(static_cast<double>(visits) / 300, 0.40, 0.07);
  EXPECT_NEAR(static_cast<double>(channels.at("phone")) / 300, 0.47, 0.07);

  // Dispatch: accepted, routed here, assigned below, forwarded, not accepted by reason.
  const Json& d = y.at("dispatch");
  EXPECT_EQ(d.at("accepted").get<std::int64_t>(), db.count("SELECT count(*) FROM cases WHERE accepted_at IS NOT NULL"));
  EXPECT_EQ(d.at("accepted").get<std::int64_t>(), db.count(events_of("accepted")));
  EXPECT_EQ(d.at("routed").get<std::int64_t>(),
            db.count("SELECT count(DISTINCT case_id) FROM events WHERE type = 'routed' AND case_id NOT IN "
                     "(SELECT case_id FROM events WHERE type = 'assigned')"));
  EXPECT_EQ(d.at("assigned").get<std::int64_t>(), db.count(events_of("assigned")));
  EXPECT_EQ(d.at("forwarded").get<std::int64_t>(), db.count(events_of("forwarded")));
  EXPECT_EQ(d.at("not_accepted").at("total").get<std::int64_t>(), db.count(events_of("not_accepted")));
  expect_lines(d.at("not_accepted").at("by_reason"),
               db.counts("SELECT json_extract(payload, '$.reason'), count(*) FROM events WHERE type = 'not_accepted' "
                         "GROUP BY 1"),
               "not accepted");

  // Handling.
  const Json& h = y.at("handling");
  EXPECT_EQ(h.at("transfers").get<std::int64_t>(), db.count(events_of("transferred")));
  EXPECT_EQ(h.at("suspensions").get<std::int64_t>(),
            db.count("SELECT count(*) FROM events WHERE type = 'suspended' AND "
                     "json_extract(payload, '$.from_status') = 'in_handling'"));
  EXPECT_EQ(h.at("extensions").at("requested").get<std::int64_t>(), db.count(events_of("extension_requested")));
  EXPECT_EQ(h.at("extensions").at("approved").get<std::int64_t>(), db.count(events_of("extension_approved")));
  EXPECT_EQ(h.at("extensions").at("refused").get<std::int64_t>(), db.count(events_of("extension_refused")));
  EXPECT_EQ(h.at("withdrawn").get<std::int64_t>(), db.count(events_of("withdrawn")));
  EXPECT_EQ(h.at("key_cases").get<std::int64_t>(), db.count("SELECT count(*) FROM cases WHERE key_case = 1"));
  EXPECT_EQ(h.at("owned_cases").get<std::int64_t>(), db.count("SELECT count(*) FROM cases WHERE owner <> ''"));

  // Replies, on time and late by the handling clock the reply stopped.
  const Json& a = y.at("replies");
  EXPECT_EQ(a.at("total").get<std::int64_t>(), db.count(events_of("replied")));
  EXPECT_EQ(a.at("total").get<std::int64_t>(), db.count("SELECT count(*) FROM answers WHERE kind = 'reply'"));
  const std::string stopped_by_reply =
      "SELECT count(*) FROM clock_outcomes o JOIN events e ON e.case_id = o.case_id AND e.type = 'replied' AND "
      "e.at = o.stopped_at WHERE o.clock = 'handling'";
  EXPECT_EQ(a.at("on_time").get<std::int64_t>(), db.count(stopped_by_reply + " AND o.on_time = 1"));
  EXPECT_EQ(a.at("late").get<std::int64_t>(), db.count(stopped_by_reply + " AND o.on_time = 0"));
  EXPECT_EQ(a.at("with_handling_period").get<std::int64_t>(), db.count(stopped_by_reply));
  EXPECT_GT(a.at("late").get<std::int64_t>(), 0);
  EXPECT_GT(a.at("on_time").get<std::int64_t>(), 10 * a.at("late").get<std::int64_t>());
  const auto outcomes =
      db.counts("SELECT json_extract(payload, '$.outcome'), count(*) FROM events WHERE type = 'replied' GROUP BY 1");
  EXPECT_EQ(a.at("by_outcome").size(), outcomes.size());
  for (const auto& [outcome, n] : outcomes) EXPECT_EQ(a.at("by_outcome").at(outcome).get<std::int64_t>(), n);

  // Ratings and follow-ups.
  const Json& g = y.at("ratings");
  EXPECT_EQ(g.at("rated").get<std::int64_t>(), db.count("SELECT count(*) FROM answers WHERE rated_at IS NOT NULL"));
  EXPECT_EQ(g.at("rated").get<std::int64_t>(), db.count(events_of("rated")));
  EXPECT_EQ(g.at("of_replies").get<std::int64_t>(),
            db.count("SELECT count(*) FROM answers WHERE rated_at IS NOT NULL AND kind = 'reply'"));
  EXPECT_EQ(g.at("of_reviews").get<std::int64_t>(),
            db.count("SELECT count(*) FROM answers WHERE rated_at IS NOT NULL AND kind = 'review'"));
  expect_lines(g.at("by_level"),
               db.counts("SELECT level, count(*) FROM answers WHERE rated_at IS NOT NULL GROUP BY level"), "rating");
  EXPECT_EQ(g.at("satisfied").get<std::int64_t>(), db.count("SELECT sum(satisfied) FROM answers"));
  EXPECT_EQ(g.at("follow_ups").get<std::int64_t>(), db.count(events_of("followed_up")));

  // Review and re-review.
  const Json& v = y.at("reviews");
  EXPECT_EQ(v.at("requested").get<std::int64_t>(), db.count(events_of("review_requested")));
  EXPECT_EQ(v.at("decided").get<std::int64_t>(), db.count(events_of("review_decided")));
  EXPECT_EQ(v.at("rereviews_requested").get<std::int64_t>(), db.count(events_of("rereview_requested")));
  EXPECT_EQ(v.at("concluded").get<std::int64_t>(), db.count(events_of("rereview_decided")));
  EXPECT_EQ(v.at("hearings").get<std::int64_t>(),
            db.count("SELECT count(*) FROM events WHERE type = 'suspended' AND "
                     "json_extract(payload, '$.from_status') = 'rereview_requested'"));

  // The sweeps, the outbox, archiving and what was open at the end of the year.
  const Json& e = y.at("escalations");
  EXPECT_EQ(e.at("sweeps"), 365);
  expect_sweeps_and_statuses(e, y.at("year_end").at("open_by_status"), y.at("year_end").at("open").get<std::int64_t>(),
                             db);
  EXPECT_EQ(y.at("archived").get<std::int64_t>(), db.count("SELECT count(*) FROM cases WHERE status = 13"));
  EXPECT_EQ(y.at("year_end").at("overdue").get<std::int64_t>(),
            db.count("SELECT count(*) FROM cases WHERE open = 1 AND next_deadline < " + to));
  EXPECT_EQ(y.at("year_end").at("at"), "2025-12-31T16:00:00Z");

  // The year's indicators, from the clock outcomes and answers settled in it.
  const Json& i = y.at("indicators").at("indicators");
  const std::string in_year = " settled_at >= " + from + " AND settled_at < " + to;
  expect_indicator(
      i.at("timely_acceptance"),
      db.real("SELECT total(on_time) FROM clock_outcomes WHERE clock IN ('routing', 'notification') AND" + in_year),
      db.count("SELECT count(*) FROM clock_outcomes WHERE clock IN ('routing', 'notification') AND" + in_year),
      "timely acceptance");
  expect_indicator(i.at("on_time_completion"),
                   db.real("SELECT total(on_time) FROM clock_outcomes WHERE clock = 'handling' AND" + in_year),
                   db.count("SELECT count(*) FROM clock_outcomes WHERE clock = 'handling' AND" + in_year),
                   "on-time completion");
  const std::string rated_in_year = " rated_at >= " + from + " AND rated_at < " + to;
  expect_indicator(i.at("satisfaction"), db.real("SELECT total(credit) FROM answers WHERE" + rated_in_year),
                   db.count("SELECT count(*) FROM answers WHERE" + rated_in_year), "satisfaction");
  expect_indicator(i.at("participation"), db.real("SELECT count(rated_at) FROM answers WHERE" + in_year),
                   db.count("SELECT count(*) FROM answers WHERE" + in_year), "participation");

  // The last full week's bulletin, written beside the database.
  const Json& b = y.at("bulletin");
  EXPECT_EQ(b.at("period"), "2025-W52");
  const std::string week = " received_at >= " + std::to_string(micros(calendar.start_of_day(Date(2025, 12, 22)))) +
                           " AND received_at < " + std::to_string(micros(calendar.start_of_day(Date(2025, 12, 29))));
  EXPECT_EQ(b.at("received").get<std::int64_t>(), db.count("SELECT count(*) FROM cases WHERE" + week));
  EXPECT_EQ(b.at("html"), file + ".bulletin.html");
  EXPECT_EQ(b.at("markdown"), file + ".bulletin.md");
  ASSERT_TRUE(std::filesystem::exists(file + ".bulletin.html"));
  ASSERT_TRUE(std::filesystem::exists(file + ".bulletin.md"));
  EXPECT_GT(std::filesystem::file_size(file + ".bulletin.html"), 1000u);

  const Json& c = y.at("verify");
  EXPECT_TRUE(c.at("ok").get<bool>());
  EXPECT_EQ(c.at("cases").get<std::int64_t>(), 300);
  EXPECT_EQ(c.at("events").get<std::int64_t>(), db.count("SELECT count(*) FROM events"));

  // The text is printed from the same figures; and the same seed makes the same file.
  const std::string text_file = dir.path() + "/text.db";
  const CliRun text = run_cli({"demo", "--year", "2025", "--cases", "300", "--db", text_file});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "1. 收件 (received) 300 件")) << text.out;
  EXPECT_TRUE(contains(text.out, "2. 受理 (accepted) " + std::to_string(d.at("accepted").get<std::int64_t>())))
      << text.out;
  EXPECT_TRUE(contains(
      text.out, "不予受理 (not accepted) " + std::to_string(d.at("not_accepted").at("total").get<std::int64_t>())))
      << text.out;
  EXPECT_TRUE(contains(text.out, "4. 答复 (replies) " + std::to_string(a.at("total").get<std::int64_t>()))) << text.out;
  EXPECT_TRUE(contains(text.out, "超期 (late) " + std::to_string(a.at("late").get<std::int64_t>()))) << text.out;
  EXPECT_TRUE(contains(text.out, "5. 评价 (ratings) " + std::to_string(g.at("rated").get<std::int64_t>()))) << text.out;
  EXPECT_TRUE(contains(text.out, "共 (fired) " + std::to_string(e.at("fired").get<std::int64_t>()))) << text.out;
  EXPECT_TRUE(contains(text.out, "未结 (open) " + std::to_string(y.at("year_end").at("open").get<std::int64_t>())))
      << text.out;
  EXPECT_TRUE(contains(text.out, "已写出 (written): " + text_file + ".bulletin.html")) << text.out;
  const RawDb again(text_file);
  const std::string chain = "SELECT group_concat(hash, '') FROM (SELECT hash FROM events ORDER BY id)";
  EXPECT_EQ(db.rows(chain), again.rows(chain));
  const std::string outbox = "SELECT group_concat(payload, '') FROM (SELECT payload FROM outbox ORDER BY id)";
  EXPECT_EQ(db.rows(outbox), again.rows(outbox));
}

TEST(CliDemoYear, ASeedGivesTheSameJsonAnotherSeedAnother) {
  const std::vector<std::string> args = {"demo", "--year", "2025", "--cases", "150", "--json"};
  const CliRun first = run_cli(args);
  const CliRun second = run_cli(args);
  ASSERT_EQ(first.status, 0) << first.err;
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(first.out, second.out);
  EXPECT_TRUE(parse_json(first.out).at("year").at("database").is_null());  // a temporary file
  std::vector<std::string> other = args;
  other.insert(other.end(), {"--seed", "99"});
  const CliRun third = run_cli(other);
  ASSERT_EQ(third.status, 0) << third.err;
  EXPECT_NE(first.out, third.out);
  EXPECT_EQ(parse_json(third.out).at("year").at("seed"), 99);
}

TEST(CliDemoYear, RefusesAYearWithoutTablesAndAnExistingFile) {
  EXPECT_TRUE(one_line_error(run_cli({"demo", "--sim-year", "2026", "--cases", "10"}), 1, "calendar_range"));
  EXPECT_TRUE(one_line_error(run_cli({"demo", "--cases", "0"}), 2, "invalid_argument"));
  const TempDir dir;
  const std::string file = dir.write("taken.db", "");
  EXPECT_TRUE(one_line_error(run_cli({"demo", "--cases", "10", "--db", file}), 1, "already_exists"));
}

TEST(CliDemoHotline, EveryFigureMatchesItsDatabase) {
  const TempDir dir;
  const std::string file = dir.path() + "/hotline.db";
  const CliRun run = run_cli({"demo", "--hotline", "--cases", "200", "--db", file, "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const Json j = parse_json(run.out);
  ASSERT_TRUE(j.contains("hotline")) << run.out;
  const Json& s = j.at("hotline");
  EXPECT_EQ(s.at("day"), "2025-07-15");
  EXPECT_EQ(s.at("policy").at("name"), "hotline-12345");
  const RawDb db(file);

  const Json& r = s.at("received");
  EXPECT_EQ(r.at("total").get<std::int64_t>(), 200);
  EXPECT_EQ(db.count("SELECT count(*) FROM cases"), 200);
  const auto channels = db.counts("SELECT channel, count(*) FROM cases GROUP BY channel");
  expect_lines(r.at("by_channel"), channels, "channel");
  EXPECT_GT(channels.at("hotline"), 200 / 2);  // mostly phone
  expect_lines(r.at("by_category"), db.counts("SELECT category, count(*) FROM cases GROUP BY category"), "category");
  // Every ticket arrived on the day, in local time; the busiest hour is the one the JSON names.
  const Calendar& calendar = Calendar::national();
  const std::int64_t day = micros(calendar.start_of_day(Date(2025, 7, 15)));
  EXPECT_EQ(db.count("SELECT count(*) FROM cases WHERE received_at >= " + std::to_string(day) + " AND received_at < " +
                     std::to_string(day + 86400000000LL)),
            200);
  const auto hours =
      db.counts("SELECT (received_at - " + std::to_string(day) + ") / 3600000000, count(*) FROM cases GROUP BY 1");
  for (std::size_t h = 0; h < 24; ++h) {
    const auto it = hours.find(std::to_string(h));
    EXPECT_EQ(r.at("by_hour").at(h).get<std::int64_t>(), it == hours.end() ? 0 : it->second) << h;
  }

  const Json& d = s.at("dispatch");
  EXPECT_EQ(d.at("answered_on_call").get<std::int64_t>(),
            db.count("SELECT count(*) FROM events WHERE type = 'routed' AND json_extract(payload, '$.unit') = "
                     "'call_center'"));
  EXPECT_EQ(d.at("dispatched").get<std::int64_t>(),
            db.count("SELECT count(*) FROM cases WHERE id IN (SELECT case_id FROM events WHERE type = 'assigned') OR "
                     "id IN (SELECT case_id FROM events WHERE type = 'routed' AND json_extract(payload, '$.unit') = "
                     "'emergency_desk')"));
  EXPECT_EQ(d.at("sent_back").get<std::int64_t>(), db.count(events_of("objected")));
  EXPECT_EQ(d.at("to_street_office").get<std::int64_t>(), db.count(events_of("transferred")));
  EXPECT_EQ(d.at("not_accepted").get<std::int64_t>(), db.count(events_of("not_accepted")));
  EXPECT_EQ(d.at("withdrawn").get<std::int64_t>(), db.count(events_of("withdrawn")));
  EXPECT_EQ(d.at("archived").get<std::int64_t>(), db.count("SELECT count(*) FROM cases WHERE status = 13"));
  EXPECT_EQ(d.at("key_cases").get<std::int64_t>(), db.count("SELECT count(*) FROM cases WHERE key_case = 1"));
  EXPECT_EQ(d.at("suspensions").get<std::int64_t>(), db.count(events_of("suspended")));
  expect_lines(d.at("by_unit"), db.counts("SELECT unit, count(*) FROM cases GROUP BY unit"), "unit");

  // First contact within 24 hours: the response clock's run the contact stopped.
  const Json& c = s.at("contact");
  EXPECT_EQ(c.at("contacted").get<std::int64_t>(), db.count(events_of("contacted")));
  const std::string contacted =
      "SELECT count(*) FROM clock_outcomes o JOIN events e ON e.case_id = o.case_id AND e.type = 'contacted' AND "
      "e.at = o.stopped_at WHERE o.clock = 'response'";
  EXPECT_EQ(c.at("on_time").get<std::int64_t>(), db.count(contacted + " AND o.on_time = 1"));
  EXPECT_EQ(c.at("late").get<std::int64_t>(), db.count(contacted + " AND o.on_time = 0"));

  // Replies by the time limit each one stopped.
  const Json& a = s.at("replies");
  EXPECT_EQ(a.at("total").get<std::int64_t>(), db.count(events_of("replied")));
  std::int64_t late = 0;
  for (const Json& line : a.at("by_clock")) {
    const std::string stopped =
        "SELECT count(*) FROM clock_outcomes o JOIN events e ON e.case_id = o.case_id AND e.type = 'replied' AND "
        "e.at = o.stopped_at WHERE o.clock = '" +
        line.at("id").get<std::string>() + "'";
    EXPECT_EQ(line.at("replied").get<std::int64_t>(), db.count(stopped)) << line;
    EXPECT_EQ(line.at("on_time").get<std::int64_t>(), db.count(stopped + " AND o.on_time = 1")) << line;
    EXPECT_EQ(line.at("late").get<std::int64_t>(), db.count(stopped + " AND o.on_time = 0")) << line;
    late += line.at("late").get<std::int64_t>();
  }
  EXPECT_GT(late, 0);

  const Json& g = s.at("ratings");
  EXPECT_EQ(g.at("rated").get<std::int64_t>(), db.count("SELECT count(*) FROM answers WHERE rated_at IS NOT NULL"));
  expect_lines(g.at("by_level"),
               db.counts("SELECT level, count(*) FROM answers WHERE rated_at IS NOT NULL GROUP BY level"), "rating");
  EXPECT_EQ(g.at("satisfied").get<std::int64_t>(), db.count("SELECT sum(satisfied) FROM answers"));
  EXPECT_EQ(g.at("resolved").get<std::int64_t>(), db.count("SELECT count(*) FROM answers WHERE resolved = 1"));
  EXPECT_EQ(g.at("follow_ups").get<std::int64_t>(), db.count(events_of("followed_up")));

  const Json& e = s.at("escalations");
  EXPECT_EQ(e.at("sweeps"), 25 * 24);  // every hour
  expect_sweeps_and_statuses(e, s.at("end").at("open_by_status"), s.at("end").at("open").get<std::int64_t>(), db);

  const Json& i = s.at("indicators").at("indicators");
  expect_indicator(i.at("response"), db.real("SELECT total(on_time) FROM clock_outcomes WHERE clock = 'response'"),
                   db.count("SELECT count(*) FROM clock_outcomes WHERE clock = 'response'"), "response");
  expect_indicator(i.at("resolution"), db.real("SELECT total(resolved) FROM answers WHERE resolved IS NOT NULL"),
                   db.count("SELECT count(resolved) FROM answers"), "resolution");

  EXPECT_EQ(s.at("bulletin").at("received").get<std::int64_t>(), 200);
  EXPECT_TRUE(std::filesystem::exists(file + ".bulletin.html"));
  EXPECT_TRUE(std::filesystem::exists(file + ".bulletin.md"));
  EXPECT_TRUE(s.at("verify").at("ok").get<bool>());

  const CliRun text = run_cli({"demo", "--hotline", "--cases", "200"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "1. 受理诉求 (tickets) 200 件")) << text.out;
  EXPECT_TRUE(contains(text.out, "4. 办结 (replied) " + std::to_string(a.at("total").get<std::int64_t>()))) << text.out;
  EXPECT_TRUE(contains(text.out, "临时文件")) << text.out;

  const CliRun again = run_cli({"demo", "--hotline", "--cases", "200", "--json"});
  const CliRun same = run_cli({"demo", "--hotline", "--cases", "200", "--json"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, same.out);
}

}  // namespace
}  // namespace xinfang::cli_test
