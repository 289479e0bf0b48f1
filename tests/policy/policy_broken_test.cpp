// Broken policies are refused with the error code and the JSON path of the value at fault: each
// file under tests/policy/broken/ (listed with its expectation in expected.tsv), and a few
// rules checked inline.
#include <dirent.h>

#include <set>

#include "policy/policy_impl.hpp"
#include "policy_test_util.hpp"

namespace xinfang::policy_test {
namespace {

class BrokenPolicy : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenPolicy, IsRefusedWithCodeAndPath) {
  const BrokenCase& c = GetParam();
  EXPECT_TRUE(fails_with(read_file(broken_path(c.file)), c.code, c.needle)) << c.file;
}

std::string case_name(const ::testing::TestParamInfo<BrokenCase>& info) {
  std::string name = info.param.file.substr(0, info.param.file.find('.'));
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, BrokenPolicy, ::testing::ValuesIn(broken_cases()), case_name);

TEST(PolicyBroken, EveryFileInTheBrokenDirectoryIsListedWithItsExpectation) {
  std::set<std::string> listed;
  for (const auto& c : broken_cases()) listed.insert(c.file);
  EXPECT_GE(listed.size(), 15u);
  DIR* dir = opendir(XF_POLICY_BROKEN_DIR);
  ASSERT_NE(dir, nullptr);
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json") {
      EXPECT_EQ(listed.count(name), 1u) << name << " is not in expected.tsv";
    }
  }
  closedir(dir);
}

TEST(PolicyBroken, CheckListsEveryErrorAndFromJsonCountsTheRest) {
  const std::string json = extending(R"("clocks": {"handling": {"limit": 0, "unit": "fortnights"}},
                                        "permissions": {"reply": ["nobody"]})");
  const policy_detail::LoadResult result = policy_detail::load(json);
  ASSERT_EQ(result.issues.size(), 3u);
  EXPECT_EQ(result.issues[0].path, "/clocks/handling/limit");
  EXPECT_EQ(result.issues[1].path, "/clocks/handling/unit");
  EXPECT_EQ(result.issues[2].path, "/permissions/reply/0");
  EXPECT_EQ(result.impl, nullptr);
  EXPECT_TRUE(fails_with(json, ErrorCode::invalid_data, "policy /clocks/handling/limit:"));
  EXPECT_TRUE(fails_with(json, ErrorCode::invalid_data, "(and 2 more errors"));
}

TEST(PolicyBroken, SyntaxErrorGivesLineAndColumn) {
  EXPECT_TRUE(fails_with("{\n  \"name\": \"x\",\n  \"version\": 1,,\n}", ErrorCode::parse_error, "line 3, column"));
}

TEST(PolicyBroken, KeyGivenTwiceIsReportedWithItsPathInsideArrays) {
  EXPECT_TRUE(fails_with(extending(R"("routing": {"rules": [
      {"name": "a", "unit": "general"},
      {"name": "b", "unit": "general", "categories": [], "unit": "pensions"}]})"),
                         ErrorCode::invalid_data, "policy /routing/rules/1/unit: key given twice"));
}

TEST(PolicyBroken, WrongTypesNameTheirPath) {
  EXPECT_TRUE(fails_with(extending(R"("max_representatives": "5")"), ErrorCode::invalid_data,
                         "policy /max_representatives: must be a whole number"));
  EXPECT_TRUE(
      fails_with(extending(R"("max_representatives": 5.5)"), ErrorCode::invalid_data, "policy /max_representatives:"));
  EXPECT_TRUE(fails_with(extending(R"("units": {"general": {"petition_office": "yes"}})"), ErrorCode::invalid_data,
                         "policy /units/general/petition_office: must be true or false"));
  EXPECT_TRUE(fails_with(extending(R"("routing": {"rules": {"name": "x"}})"), ErrorCode::invalid_data,
                         "policy /routing/rules: must be an array"));
  EXPECT_TRUE(fails_with(extending(R"("extends": 2022)"), ErrorCode::invalid_data, "policy /extends:"));
}

TEST(PolicyBroken, ClockRulesAreChecked) {
  // An event may do one thing to a clock.
  EXPECT_TRUE(fails_with(extending(R"("clocks": {"routing": {"stop_on": ["registered"]}})"), ErrorCode::invalid_data,
                         "policy /clocks/routing/stop_on/0: event 'registered' is already in start_on"));
  // A clock that pauses must resume.
  EXPECT_TRUE(fails_with(extending(R"("clocks": {"handling": {"resume_on": null}})"), ErrorCode::invalid_data,
                         "policy /clocks/handling/resume_on:"));
  EXPECT_TRUE(fails_with(extending(R"("clocks": {"handling": {"applies_to": ["complaint"]}})"), ErrorCode::invalid_data,
                         "policy /clocks/handling/applies_to/0:"));
  EXPECT_TRUE(fails_with(extending(R"("clocks": {"handling": {"categories": ["pensionz"]}})"), ErrorCode::invalid_data,
                         "policy /clocks/handling/categories/0:"));
  EXPECT_TRUE(fails_with(extending(R"("clocks": {"x": {"name": "x", "limit": 3, "unit": "hours"}})"),
                         ErrorCode::invalid_data, "policy /clocks/x/start_on: is required"));
}

TEST(PolicyBroken, EscalationStepsAreChecked) {
  const auto step = [](const std::string& body) {
    return extending(R"("clocks": {"handling": {"escalation": {"s": )" + body + "}}}");
  };
  EXPECT_TRUE(fails_with(step(R"({"at": "halfway", "action": "remind", "notify": "handler"})"), ErrorCode::invalid_data,
                         "policy /clocks/handling/escalation/s/at:"));
  EXPECT_TRUE(fails_with(step(R"({"at": "share", "share": 1.5, "action": "remind", "notify": "handler"})"),
                         ErrorCode::invalid_data, "policy /clocks/handling/escalation/s/share:"));
  EXPECT_TRUE(fails_with(step(R"({"at": "share", "share": 0, "action": "remind", "notify": "handler"})"),
                         ErrorCode::invalid_data, "policy /clocks/handling/escalation/s/share:"));
  EXPECT_TRUE(fails_with(step(R"({"at": "breach", "offset": 2, "action": "remind", "notify": "handler"})"),
                         ErrorCode::invalid_data, "policy /clocks/handling/escalation/s/offset:"));
  EXPECT_TRUE(fails_with(step(R"({"at": "after", "offset": 2, "action": "shout", "notify": "handler"})"),
                         ErrorCode::invalid_data, "policy /clocks/handling/escalation/s/action:"));
  EXPECT_TRUE(fails_with(step(R"({"at": "before", "offset": 60, "action": "remind", "notify": "handler"})"),
                         ErrorCode::invalid_data, "policy /clocks/handling/escalation/s/offset: a step 60"));
  // A role of the policy may be notified, as well as the three positions.
  EXPECT_NO_THROW(
      Policy::from_json(step(R"({"at": "after", "offset": 2, "action": "escalate", "notify": "reviewer"})")));
}

TEST(PolicyBroken, IdsAndCodesAreWellFormedAndCodesUnique) {
  EXPECT_TRUE(fails_with(extending(R"("roles": {"team lead": {"name": "组长"}})"), ErrorCode::invalid_data,
                         "policy /roles/team lead: 'team lead' is not a valid id"));
  EXPECT_TRUE(fails_with(extending(R"("channels": {"wechat": {"name": "微信", "code": "wx"}})"),
                         ErrorCode::invalid_data, "policy /channels/wechat/code:"));
  EXPECT_TRUE(fails_with(extending(R"("categories": {"burial": {"name": "安葬", "code": "BZ"}})"),
                         ErrorCode::invalid_data, "policy /categories/burial/code: code 'BZ' is also the code of"));
  // A JSON pointer escapes '/' as ~1.
  EXPECT_TRUE(fails_with(extending(R"("clocks": {"a/b": {}})"), ErrorCode::invalid_data, "policy /clocks/a~1b:"));
}

TEST(PolicyBroken, NamesQuotedInAMessageKeepItOnOneLine) {
  // A message quotes the document's own text; its control characters are written as JSON writes them.
  EXPECT_TRUE(fails_with(R"({"extends": "\n-national-2022"})", ErrorCode::not_found,
                         "policy /extends: no preset named '\\n-national-2022'"));
  EXPECT_TRUE(fails_with(extending(R"("roles": {"a\tb\u0001": {"name": "组长"}})"), ErrorCode::invalid_data,
                         "policy /roles/a\\tb\\u0001: 'a\\tb\\u0001' is not a valid id"));
}

TEST(PolicyBroken, ReferencesInRoutingRulesAreChecked) {
  const auto rule = [](const std::string& body) {
    return extending(R"("routing": {"rules": [{"name": "r", "unit": "general", )" + body + "}]}");
  };
  EXPECT_TRUE(fails_with(rule(R"("categories": ["pension"])"), ErrorCode::invalid_data,
                         "policy /routing/rules/0/categories/0:"));
  EXPECT_TRUE(
      fails_with(rule(R"("regions": ["north"])"), ErrorCode::invalid_data, "policy /routing/rules/0/regions/0:"));
  EXPECT_TRUE(
      fails_with(rule(R"("channels": ["fax"])"), ErrorCode::invalid_data, "policy /routing/rules/0/channels/0:"));
  EXPECT_TRUE(
      fails_with(rule(R"("types": ["complaint"])"), ErrorCode::invalid_data, "policy /routing/rules/0/types/0:"));
  EXPECT_TRUE(fails_with(extending(R"("routing": {"default_unit": "nowhere"})"), ErrorCode::invalid_data,
                         "policy /routing/default_unit:"));
  EXPECT_TRUE(fails_with(extending(R"("routing": {"handler_rule": "random"})"), ErrorCode::invalid_data,
                         "policy /routing/handler_rule:"));
}

}  // namespace
}  // namespace xinfang::policy_test
