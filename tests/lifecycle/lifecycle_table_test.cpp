// The whole status x command table: a case is brought into every status by real commands, and
// every command is tried on it with an actor, arguments and a time that would let it through.
// It must succeed exactly where the table below — written here, independently of
// src/lifecycle/status_table.cpp — says so, and be refused with invalid_state everywhere else.
#include <map>

#include "lifecycle_test_util.hpp"

namespace xinfang::testing {
namespace {

namespace bpt = boost::posix_time;

// Columns: the statuses, with "rated" split into the rating of the reply and of the review
// opinion (the same status; what may follow differs).
const std::vector<std::string> kColumns = {
    "registered", "accepted",    "not_accepted", "forwarded",        "assigned", "in_handling",        "suspended",
    "replied",    "rated_reply", "rated_review", "review_requested", "reviewed", "rereview_requested", "concluded",
    "archived",   "withdrawn",   "merged"};

// x: allowed; .: refused with invalid_state. Column order as kColumns:
//                                     reg acc nac fwd asg inh sus rep ra1 ra2 rvq rvd rrq con arc wdr mrg
const std::map<std::string, std::string> kExpected = {
    {"intake", /*                   */ " .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   . "},
    {"accept", /*                   */ " x   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   . "},
    {"not_accept", /*               */ " x   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   . "},
    {"forward", /*                  */ " x   x   .   .   .   .   .   .   .   .   .   .   .   .   .   .   . "},
    {"assign", /*                   */ " x   x   .   .   .   .   .   .   .   .   .   .   .   .   .   .   . "},
    {"route", /*                    */ " .   x   .   .   x   .   .   .   .   .   .   .   .   .   .   .   . "},
    {"transfer", /*                 */ " .   .   .   .   x   x   .   .   .   .   .   .   .   .   .   .   . "},
    {"object", /*                   */ " .   .   .   .   x   x   .   .   .   .   .   .   .   .   .   .   . "},
    {"take_ownership", /*           */ " x   x   .   .   x   x   x   x   x   x   x   x   x   .   .   .   . "},
    {"mark_key", /*                 */ " x   x   .   .   x   x   x   x   x   x   x   x   x   .   .   .   . "},
    {"contact", /*                  */ " .   .   .   .   x   x   x   .   .   .   .   .   .   .   .   .   . "},
    {"suspend", /*                  */ " .   .   .   .   .   x   .   .   .   .   .   .   x   .   .   .   . "},
    {"resume", /*                   */ " .   .   .   .   .   .   x   .   .   .   .   .   .   .   .   .   . "},
    {"request_extension", /*        */ " .   .   .   .   .   x   .   .   .   .   .   .   .   .   .   .   . "},
    {"approve_extension", /*        */ " .   .   .   .   .   x   .   .   .   .   .   .   .   .   .   .   . "},
    {"refuse_extension", /*         */ " .   .   .   .   .   x   .   .   .   .   .   .   .   .   .   .   . "},
    {"reply", /*                    */ " .   .   .   .   .   x   .   .   .   .   .   .   .   .   .   .   . "},
    {"rate", /*                     */ " .   .   .   .   .   .   .   x   .   .   .   x   .   .   .   .   . "},
    // Only while a rating asked for a 回访 and none is recorded: the builders rate dissatisfied.
    {"follow_up", /*                */ " .   .   .   .   .   .   .   .   x   x   .   .   .   .   .   .   . "},
    {"request_review", /*           */ " .   .   .   .   .   .   .   x   x   .   .   .   .   .   .   .   . "},
    {"decide_review", /*            */ " .   .   .   .   .   .   .   .   .   .   x   .   .   .   .   .   . "},
    {"request_rereview", /*         */ " .   .   .   .   .   .   .   .   .   x   .   x   .   .   .   .   . "},
    {"decide_rereview", /*          */ " .   .   .   .   .   .   .   .   .   .   .   .   x   .   .   .   . "},
    {"withdraw", /*                 */ " x   x   .   .   x   x   x   x   x   x   x   x   x   .   .   .   . "},
    {"merge", /*                    */ " x   x   .   .   x   x   x   .   .   .   .   .   .   .   .   .   . "},
    {"archive", /*                  */ " .   .   x   x   .   .   .   x   x   x   .   x   .   x   .   x   x "},
    {"note", /*                     */ " x   x   .   .   x   x   x   x   x   x   x   x   x   .   .   .   . "},
};

bool expected_allowed(const std::string& command, std::size_t column) {
  std::string marks;
  for (char c : kExpected.at(command)) {
    if (c == 'x' || c == '.') marks += c;
  }
  return marks.at(column) == 'x';
}

TEST(LifecycleTable, ExpectedTableNamesEveryCommand) {
  EXPECT_EQ(kExpected.size(), command_names().size());
  for (const auto& name : command_names()) {
    ASSERT_TRUE(kExpected.count(name)) << name;
    std::size_t marks = 0;
    for (char c : kExpected.at(name)) marks += (c == 'x' || c == '.') ? 1 : 0;
    EXPECT_EQ(marks, kColumns.size()) << name;
  }
}

TEST(LifecycleTable, BuildersReachEveryStatus) {
  for (const auto& column : kColumns) {
    const TestCase c = build_case(column);
    const std::string expected = column.rfind("rated", 0) == 0 ? "rated" : column;
    EXPECT_EQ(case_status_name(c.state().status), expected) << column;
  }
}

TEST(LifecycleTable, EveryCommandInEveryStatusIsAllowedOrRefusedWithInvalidState) {
  int allowed = 0;
  int refused = 0;
  for (std::size_t column = 0; column < kColumns.size(); ++column) {
    const TestCase base = build_case(kColumns[column]);
    for (const auto& command : command_names()) {
      TestCase c = base;
      // An extension decision needs a request pending; that is the same status.
      if ((command == "approve_extension" || command == "refuse_extension") &&
          c.state().status == CaseStatus::in_handling) {
        c.run("request_extension", {{"amount", 10}, {"reason", "情况复杂"}}, handler_in("social_assistance"),
              c.last_at() + bpt::minutes(30));
      }
      const Probe p = probe(command, c.state(), c.last_at());
      const std::string message = c.refusal(command, p.args, p.actor, p.at);
      const ErrorCode code = c.attempt(command, p.args, p.actor, p.at);
      if (expected_allowed(command, column)) {
        EXPECT_EQ(code, ErrorCode::ok) << command << " in " << kColumns[column] << ": " << message;
        if (code == ErrorCode::ok) {
          EXPECT_NO_THROW(c.run(command, p.args, p.actor, p.at)) << command << " in " << kColumns[column];
        }
        ++allowed;
      } else {
        EXPECT_EQ(code, ErrorCode::invalid_state) << command << " in " << kColumns[column] << ": " << message;
        ++refused;
      }
    }
  }
  EXPECT_EQ(allowed + refused, static_cast<int>(kColumns.size() * command_names().size()));
}

TEST(LifecycleTable, RefusalNamesTheStatusAndWhereTheCommandIsAllowed) {
  const TestCase c = build_case("replied");
  const std::string message = c.refusal("accept", Json::object(), dispatcher(), c.last_at() + bpt::hours(1));
  EXPECT_EQ(message, "command accept: not allowed in status replied (allowed in: registered)");
}

TEST(LifecycleTable, EveryCommandButIntakeNeedsACase) {
  const TestCase empty;
  for (const auto& command : command_names()) {
    if (command == "intake") continue;
    const Probe p = probe(command, empty.state(), local("2025-03-03 09:00"));
    EXPECT_EQ(empty.attempt(command, p.args, p.actor, p.at), ErrorCode::invalid_state) << command;
  }
}

}  // namespace
}  // namespace xinfang::testing
