// Bad input for every command: missing fields, wrong types, unknown keys, invalid UTF-8 and
// oversized text are refused with the JSON path of the value at fault, and deciding never
// changes the case.
#include <map>
#include <random>
#include <set>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "lifecycle/command_args.hpp"
#include "lifecycle_test_util.hpp"

namespace xinfang::testing {
namespace {

// Every command with every key it takes.
Json rich_args(const std::string& command) {
  static const std::map<std::string, Json> args = {
      {"accept", {{"note", "材料齐全"}}},
      {"not_accept", {{"reason", "outside_scope"}, {"note", "不属本机关职权"}}},
      {"forward", {{"organisation", "district"}, {"note", "属区级职权"}}},
      {"assign",
       {{"unit", "district_social_assistance"},
        {"report_back", {{"limit", 30}, {"unit", "statutory_days"}}},
        {"note", "请按期报告"}}},
      {"route",
       {{"unit", "social_assistance"},
        {"handler", "h-social_assistance"},
        {"manual", true},
        {"rule", "社会救助"},
        {"note", "人工分办"}}},
      {"transfer", {{"unit", "pensions"}, {"handler", "h-pensions"}, {"reason", "属优抚事项"}}},
      {"object", {{"reason", "不属本单位职责"}}},
      {"take_ownership", {{"leader", "ol-city"}, {"note", "局长包案"}}},
      {"mark_key", {{"note", "重点关注"}}},
      {"contact", {{"method", "visit"}, {"note", "上门了解情况"}}},
      {"suspend", {{"reason", "等待伤残等级鉴定"}}},
      {"resume", {{"reason", "鉴定结论已出"}}},
      {"request_extension", {{"amount", 10}, {"reason", "情况复杂"}}},
      {"approve_extension", {{"note", "同意延期"}}},
      {"refuse_extension", {{"reason", "无需延期"}}},
      {"reply", {{"outcome", "partly_supported"}, {"text", "经查……"}}},
      {"rate", {{"level", "satisfied"}, {"resolved", true}, {"comment", "处理及时"}}},
      {"follow_up", {{"result", "已回访，解释了政策"}, {"resolved", false}}},
      {"request_review", {{"reason", "不服处理意见"}}},
      {"decide_review", {{"outcome", "not_supported"}, {"text", "复查意见……"}}},
      {"request_rereview", {{"reason", "不服复查意见"}}},
      {"decide_rereview", {{"outcome", "not_supported"}, {"text", "复核意见……"}}},
      {"withdraw", {{"reason", "问题已解决"}}},
      {"merge", {{"into", "MZJ-2025-000002"}, {"note", "同一事项"}}},
      {"archive", {{"note", "归档"}}},
      {"note", {{"text", "电话回访"}}},
  };
  if (command == "intake") {
    Json intake = claim_letter_args();
    intake["group"] = false;
    intake["new_matter"] = false;
    intake["petitioners"][0]["representative"] = false;
    return intake;
  }
  return args.at(command);
}

const std::map<std::string, std::set<std::string>>& required_keys() {
  static const std::map<std::string, std::set<std::string>> keys = {
      {"intake", {"channel", "type", "category", "subject", "content", "petitioners", "received_at"}},
      {"accept", {}},
      {"not_accept", {"reason"}},
      {"forward", {"organisation"}},
      {"assign", {"unit"}},
      {"route", {"unit", "handler"}},
      {"transfer", {"unit"}},
      {"object", {"reason"}},
      {"take_ownership", {"leader"}},
      {"mark_key", {}},
      {"contact", {"method"}},
      {"suspend", {"reason"}},
      {"resume", {}},
      {"request_extension", {"amount", "reason"}},
      {"approve_extension", {}},
      {"refuse_extension", {"reason"}},
      {"reply", {"outcome", "text"}},
      {"rate", {"level"}},
      {"follow_up", {"result"}},
      {"request_review", {}},
      {"decide_review", {"outcome", "text"}},
      {"request_rereview", {}},
      {"decide_rereview", {"outcome", "text"}},
      {"withdraw", {}},
      {"merge", {"into"}},
      {"archive", {}},
      {"note", {"text"}},
  };
  return keys;
}

// A value of another JSON type than @p value.
Json wrong_type(const Json& value) {
  if (value.is_string()) return 42;
  if (value.is_boolean()) return "yes";
  if (value.is_number()) return "10";
  if (value.is_array()) return Json{{"a", 1}};
  return "x";
}

// Tries @p args as command @p command on a case ready for it; checks the case is unchanged.
struct Attempt {
  ErrorCode code;
  std::string message;
};

Attempt attempt(const std::string& command, const Json& args) {
  const TestCase c = ready_for(command);
  const Probe p = ready_probe(command, c);
  const Json before = full_view(c.state());
  const auto events_before = c.events().size();
  Attempt result{c.attempt(command, args, p.actor, p.at), c.refusal(command, args, p.actor, p.at)};
  EXPECT_EQ(full_view(c.state()), before) << command;
  EXPECT_EQ(c.events().size(), events_before) << command;
  return result;
}

TEST(LifecycleArgs, EveryCommandTakesItsFullArguments) {
  for (const auto& command : command_names()) {
    const Attempt a = attempt(command, rich_args(command));
    EXPECT_EQ(a.code, ErrorCode::ok) << command << ": " << a.message;
  }
}

TEST(LifecycleArgs, OptionalArgumentsMayBeLeftOut) {
  for (const auto& command : command_names()) {
    const Json rich = rich_args(command);
    for (const auto& item : rich.items()) {
      if (required_keys().at(command).count(item.key())) continue;
      Json args = rich;
      args.erase(item.key());
      const Attempt a = attempt(command, args);
      EXPECT_EQ(a.code, ErrorCode::ok) << command << " without " << item.key() << ": " << a.message;
    }
  }
}

TEST(LifecycleArgs, MissingRequiredArgumentsAreRefusedWithTheirPath) {
  for (const auto& command : command_names()) {
    for (const auto& key : required_keys().at(command)) {
      Json args = rich_args(command);
      ASSERT_TRUE(args.contains(key)) << command << " " << key;
      args.erase(key);
      const Attempt a = attempt(command, args);
      EXPECT_EQ(a.code, ErrorCode::invalid_data) << command << " without " << key;
      EXPECT_EQ(a.message, "command " + command + " /args/" + key + ": is required");
    }
  }
}

TEST(LifecycleArgs, AHugeUnknownKeyIsNamedInOneShortLine) {
  Json args = rich_args("note");
  args[std::string(10 * 1024 * 1024, 'k')] = 1;
  const Attempt a = attempt("note", args);
  EXPECT_EQ(a.code, ErrorCode::invalid_data);
  EXPECT_LT(a.message.size(), 300u);
  EXPECT_TRUE(contains(a.message, "... (10485760 bytes): unknown key")) << a.message;
}

TEST(LifecycleArgs, UnknownKeysAreRefused) {
  for (const auto& command : command_names()) {
    Json args = rich_args(command);
    args["colour"] = "red";
    const Attempt a = attempt(command, args);
    EXPECT_EQ(a.code, ErrorCode::invalid_data) << command;
    EXPECT_TRUE(contains(a.message, "command " + command + " /args/colour: unknown key")) << a.message;
  }
}

TEST(LifecycleArgs, WrongTypesAreRefusedWithTheirPath) {
  for (const auto& command : command_names()) {
    const Json rich = rich_args(command);
    for (const auto& item : rich.items()) {
      for (const Json& bad : {wrong_type(item.value()), Json(nullptr)}) {
        Json args = rich;
        args[item.key()] = bad;
        const Attempt a = attempt(command, args);
        EXPECT_EQ(a.code, ErrorCode::invalid_data) << command << " " << item.key() << " = " << bad.dump();
        EXPECT_TRUE(contains(a.message, "command " + command + " /args/" + item.key() + ": ")) << a.message;
      }
    }
  }
}

TEST(LifecycleArgs, ArgumentsMustBeAnObject) {
  for (const auto& command : command_names()) {
    for (const Json& bad : {Json::array({1, 2}), Json("accept"), Json(7)}) {
      const Attempt a = attempt(command, bad);
      EXPECT_EQ(a.code, ErrorCode::invalid_data) << command;
      EXPECT_TRUE(contains(a.message, "command " + command + " /args: must be an object")) << a.message;
    }
  }
}

TEST(LifecycleArgs, InvalidUtf8IsRefusedWithItsPath) {
  for (const auto& command : command_names()) {
    const Json rich = rich_args(command);
    int strings = 0;
    for (const auto& item : rich.items()) {
      if (!item.value().is_string()) continue;
      ++strings;
      Json args = rich;
      args[item.key()] = std::string("ab\xC3\x28", 4);  // a lead byte followed by ASCII
      const Attempt a = attempt(command, args);
      EXPECT_EQ(a.code, ErrorCode::invalid_utf8) << command << " " << item.key();
      EXPECT_TRUE(contains(a.message, "/args/" + item.key() + ": is not valid UTF-8 (byte 2)")) << a.message;
    }
    EXPECT_GT(strings, 0) << command << " has no text to test";
    Json args = rich;
    args[std::string("k\xFF", 2)] = 1;
    EXPECT_EQ(attempt(command, args).code, ErrorCode::invalid_utf8) << command << ": a key";
  }
}

TEST(LifecycleArgs, TenMegabytesOfTextAreRefused) {
  const std::string huge(10 * 1024 * 1024, 'a');
  for (const auto& command : command_names()) {
    const Json rich = rich_args(command);
    for (const auto& item : rich.items()) {
      if (!item.value().is_string()) continue;
      Json args = rich;
      args[item.key()] = huge;
      const Attempt a = attempt(command, args);
      EXPECT_EQ(a.code, ErrorCode::invalid_data) << command << " " << item.key();
      EXPECT_TRUE(contains(a.message, "/args/" + item.key() + ": is 10485760 bytes; at most ")) << a.message;
    }
  }
}

TEST(LifecycleArgs, TextLimitsAreExact) {
  Json args = rich_args("note");
  args["text"] = std::string(1048576, 'a');
  EXPECT_EQ(attempt("note", args).code, ErrorCode::ok);
  args["text"] = std::string(1048577, 'a');
  EXPECT_EQ(attempt("note", args).code, ErrorCode::invalid_data);
  Json intake = rich_args("intake");
  intake["subject"] = std::string(500, 'a');
  EXPECT_EQ(attempt("intake", intake).code, ErrorCode::ok);
  intake["subject"] = std::string(501, 'a');
  EXPECT_EQ(attempt("intake", intake).message, "command intake /args/subject: is 501 bytes; at most 500 are allowed");
  intake = rich_args("intake");
  intake["petitioners"][0]["name"] = std::string(201, 'a');
  EXPECT_EQ(attempt("intake", intake).message,
            "command intake /args/petitioners/0/name: is 201 bytes; at most 200 are allowed");
}

TEST(LifecycleArgs, EnumerationsNameTheirChoices) {
  Json reply = rich_args("reply");
  reply["outcome"] = "great";
  EXPECT_EQ(attempt("reply", reply).message,
            "command reply /args/outcome: must be one of supported, partly_supported, not_supported, explained");
  Json intake = rich_args("intake");
  intake["type"] = "complaint";
  EXPECT_EQ(attempt("intake", intake).message,
            "command intake /args/type: must be one of suggestion, accusation, claim");
  Json assign = rich_args("assign");
  assign["report_back"]["unit"] = "weeks";
  EXPECT_EQ(attempt("assign", assign).code, ErrorCode::invalid_data);
  EXPECT_TRUE(contains(attempt("assign", assign).message, "/args/report_back/unit: must be one of"));
}

TEST(LifecycleArgs, NumbersMustBeWholeAndInRange) {
  for (const Json& bad : {Json(0), Json(-3), Json(1.5), Json(100001), Json(std::uint64_t{1} << 63)}) {
    Json args = rich_args("request_extension");
    args["amount"] = bad;
    const Attempt a = attempt("request_extension", args);
    EXPECT_EQ(a.code, ErrorCode::invalid_data) << bad.dump();
    EXPECT_TRUE(contains(a.message, "/args/amount: ")) << a.message;
  }
}

TEST(LifecycleArgs, IntakeChecksEveryPetitionerAndAttachment) {
  const std::vector<std::pair<std::function<void(Json&)>, std::string>> cases = {
      {[](Json& a) { a["petitioners"] = Json::array(); }, "/args/petitioners: must name at least one petitioner"},
      {[](Json& a) { a["petitioners"][0].erase("name"); }, "/args/petitioners/0/name: is required"},
      {[](Json& a) { a["petitioners"][0]["gender"] = "f"; }, "/args/petitioners/0/gender: unknown key"},
      {[](Json& a) { a["petitioners"][0]["representative"] = "yes"; }, "/args/petitioners/0/representative: must be"},
      {[](Json& a) { a["petitioners"][0] = "李某"; }, "/args/petitioners/0: must be an object"},
      {[](Json& a) { a["attachments"][0]["sha256"] = "xyz"; }, "/args/attachments/0/sha256: must be 64 hexadecimal"},
      {[](Json& a) { a["attachments"][0]["size"] = -1; }, "/args/attachments/0/size: must be within"},
      {[](Json& a) { a["attachments"][0].erase("media_type"); }, "/args/attachments/0/media_type: is required"},
      {[](Json& a) { a["received_at"] = "2025-03-03"; }, "/args/received_at: '2025-03-03' is not a time"},
      {[](Json& a) { a["received_at"] = "2025-03-03T08:00:00"; }, "(a zone is required)"},
      {[](Json& a) { a["received_at"] = "2025-02-30T08:00:00Z"; }, "/args/received_at: '2025-02-30T08:00:00Z'"},
      {[](Json& a) { a["received_at"] = "2025-03-04T08:00:00+08:00"; }, "/args/received_at: is after the time"},
      {[](Json& a) { a["subject"] = ""; }, "/args/subject: must not be empty"},
  };
  for (const auto& [mutate, expected] : cases) {
    Json args = rich_args("intake");
    mutate(args);
    const Attempt a = attempt("intake", args);
    EXPECT_EQ(a.code, ErrorCode::invalid_data) << expected;
    EXPECT_TRUE(contains(a.message, expected)) << a.message;
  }
}

TEST(LifecycleArgs, IdsThePolicyDoesNotDefineAreNotFound) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"intake", "channel", "fax"},       {"intake", "category", "tax"},     {"intake", "region", "mars"},
      {"intake", "sub_route", "lawsuit"}, {"not_accept", "reason", "bored"}, {"forward", "organisation", "moon"},
      {"assign", "unit", "nowhere"},      {"route", "unit", "nowhere"},      {"transfer", "unit", "nowhere"},
      {"rate", "level", "ecstatic"},
  };
  for (const auto& [command, key, value] : cases) {
    Json args = rich_args(command);
    args[key] = value;
    const Attempt a = attempt(command, args);
    EXPECT_EQ(a.code, ErrorCode::not_found) << command << " " << key;
    EXPECT_TRUE(contains(a.message, "command " + command + " /args/" + key + ": no ")) << a.message;
    EXPECT_TRUE(contains(a.message, "'" + value + "'")) << a.message;
  }
}

TEST(LifecycleArgs, UnknownCommandsAndBadContextsAreRefused) {
  const TestCase c = build_case("in_handling");
  EXPECT_EQ(c.attempt("approve", Json::object(), dispatcher(), c.last_at()), ErrorCode::invalid_data);
  EXPECT_EQ(c.refusal("approve", Json::object(), dispatcher(), c.last_at()),
            "unknown command 'approve' (docs/lifecycle.md lists them)");
  EXPECT_EQ(c.attempt("note", {{"text", "x"}}, Actor{"", "city", "petition_office", {"registrar"}}, c.last_at()),
            ErrorCode::invalid_argument);
  EXPECT_EQ(c.attempt("note", {{"text", "x"}}, registrar(), Instant(boost::posix_time::not_a_date_time)),
            ErrorCode::invalid_argument);
  EXPECT_EQ(c.attempt("note", {{"text", "x"}}, Actor{std::string("r\xFF", 2), "city", "", {"registrar"}}, c.last_at()),
            ErrorCode::invalid_utf8);
}

TEST(LifecycleArgs, IntakeNeedsTheNumberQueryCodeAndSaltFromTheEngine) {
  const CaseState empty;
  for (int missing = 0; missing < 3; ++missing) {
    DecideContext context{national_policy(),
                          national_calendar(),
                          local("2025-03-03 09:00"),
                          registrar(),
                          missing == 0 ? "" : "MZJ-2025-000001X",
                          missing == 1 ? "" : kQueryCode,
                          missing == 2 ? "" : kSalt,
                          {}};
    EXPECT_EQ(code_of([&] {
                decide(empty, Command{"intake", claim_letter_args()}, context);
              }),
              ErrorCode::invalid_argument)
        << missing;
  }
}

// Stored events carry times as format_instant() writes them, and their hashes cover that text:
// it must stay exactly Boost's ISO form with a "Z", for every instant Boost can hold.
TEST(LifecycleArgs, FormattedInstantsAreBoostsIsoTextWithZ) {
  std::mt19937_64 random(20251127);
  const auto first = boost::posix_time::ptime(boost::gregorian::date(1400, 1, 1));
  const std::int64_t span = (boost::posix_time::ptime(boost::gregorian::date(9999, 12, 31)) - first).total_seconds();
  for (int i = 0; i < 20000; ++i) {
    Instant instant =
        first + boost::posix_time::seconds(static_cast<long>(random() % static_cast<std::uint64_t>(span)));
    if (i % 3 == 1) instant += boost::posix_time::microseconds(static_cast<long>(random() % 1000000));
    if (i % 3 == 2) instant += boost::posix_time::microseconds(static_cast<long>(random() % 10));
    ASSERT_EQ(lifecycle_detail::format_instant(instant), boost::posix_time::to_iso_extended_string(instant) + "Z");
    ASSERT_EQ(lifecycle_detail::parse_instant(lifecycle_detail::format_instant(instant)), instant);
  }
  EXPECT_EQ(lifecycle_detail::format_instant(local("2025-03-03 09:30")), "2025-03-03T01:30:00Z");
  EXPECT_EQ(lifecycle_detail::format_instant(Instant()), "");
  EXPECT_EQ(lifecycle_detail::format_instant(Instant(boost::posix_time::pos_infin)), "");
}

}  // namespace
}  // namespace xinfang::testing
