/* The C ABI's policies, tested from C99: the presets, their sources, checking a policy —
 * every error of a broken one reported, with its code and JSON path — and running scenarios. */
#include <stdio.h>
#include <string.h>

#include "capi_check.h"

static int has(const char* text, const char* part) {
  return text != NULL && strstr(text, part) != NULL;
}

static void test_presets(void) {
  char* json = NULL;
  CHECK_STATUS(xf_policy_presets(&json), XF_OK);
  CHECK(has(json, "\"cn-national-2022\"") && has(json, "\"cn-national-2005\"") && has(json, "\"hotline-12345\""));
  CHECK(json != NULL && json[0] == '[');
  xf_string_free(json);
  CHECK_STATUS(xf_policy_presets(NULL), XF_ERR_INVALID_ARGUMENT);

  CHECK_STATUS(xf_policy_preset_source("hotline-12345", &json), XF_OK);
  CHECK(has(json, "\"name\"") && has(json, "hotline-12345"));
  xf_string_free(json);
  json = (char*)"untouched";
  CHECK_STATUS(xf_policy_preset_source("atlantis-2030", &json), XF_ERR_NOT_FOUND);
  CHECK(has(xf_last_error_message(), "atlantis-2030"));
  CHECK(json == NULL);
  CHECK_STATUS(xf_policy_preset_source(NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_policy_preset_source("\xfe", &json), XF_ERR_INVALID_UTF8);
  CHECK_STATUS(xf_policy_preset_source("hotline-12345", NULL), XF_ERR_INVALID_ARGUMENT);
}

static void test_check(void) {
  char* report = NULL;

  /* A preset by name, and a local policy that extends one. */
  CHECK_STATUS(xf_policy_check("cn-national-2022", &report), XF_OK);
  CHECK(has(report, "\"ok\":true") && has(report, "\"name\":\"cn-national-2022\""));
  CHECK(has(report, "\"clocks\":[") && has(report, "\"handling\""));
  CHECK(has(report, "\"units\":[") && has(report, "\"social_assistance\""));
  xf_string_free(report);
  CHECK_STATUS(
      xf_policy_check("{\"extends\":\"cn-national-2022\",\"name\":\"district\",\"version\":\"2025.1\"}", &report),
      XF_OK);
  CHECK(has(report, "\"ok\":true") && has(report, "\"name\":\"district\"") && has(report, "\"version\":\"2025.1\""));
  xf_string_free(report);

  /* A document that opens with a comment, as the presets do, is a document, not a preset name. */
  CHECK_STATUS(xf_policy_check("// the district's policy\n/* since 2025 */ {\"extends\":\"cn-national-2022\","
                               "\"name\":\"district\",\"version\":\"2025.2\"}",
                               &report),
               XF_OK);
  CHECK(has(report, "\"ok\":true") && has(report, "\"version\":\"2025.2\""));
  xf_string_free(report);

  /* A broken policy is a finding: XF_OK, every error with its code and path. */
  CHECK_STATUS(xf_policy_check("{\"extends\":\"cn-national-2022\",\"name\":\"\",\"numbering\":{\"template\":7},"
                               "\"weights\":3}",
                               &report),
               XF_OK);
  CHECK(has(report, "\"ok\":false") && has(report, "\"errors\":["));
  CHECK(has(report, "\"path\":\"/name\""));
  CHECK(has(report, "\"path\":\"/numbering/template\""));
  CHECK(has(report, "\"code\":\"invalid_data\""));
  xf_string_free(report);
  CHECK_STATUS(xf_policy_check("{\"extends\":", &report), XF_OK);
  CHECK(has(report, "\"ok\":false") && has(report, "\"code\":\"parse_error\""));
  xf_string_free(report);
  CHECK_STATUS(xf_policy_check("{\"extends\":\"atlantis\"}", &report), XF_OK);
  CHECK(has(report, "\"ok\":false") && has(report, "\"code\":\"not_found\"") && has(report, "\"path\":\"/extends\""));
  xf_string_free(report);
  CHECK_STATUS(xf_policy_check("no-such-preset", &report), XF_OK);
  CHECK(has(report, "\"ok\":false") && has(report, "no-such-preset"));
  xf_string_free(report);

  /* Bad calls. */
  report = (char*)"untouched";
  CHECK_STATUS(xf_policy_check(NULL, &report), XF_ERR_INVALID_ARGUMENT);
  CHECK(has(xf_last_error_message(), "policy"));
  CHECK(report == NULL);
  CHECK_STATUS(xf_policy_check("{\"name\":\"\xc3\"}", &report), XF_ERR_INVALID_UTF8);
  CHECK_STATUS(xf_policy_check("cn-national-2022", NULL), XF_ERR_INVALID_ARGUMENT);
}

/* A district that handles in 30 days; a scenario that expects it, one that expects 60 (fails),
 * and one that routes to a unit the policy lacks (invalid: nothing runs). */
static const char* const kScenarios =
    "{\"policy\": {\"extends\": \"cn-national-2022\", \"name\": \"district\", \"version\": \"1\",\n"
    "             \"clocks\": {\"handling\": {\"limit\": 30}}},\n"
    " \"start\": \"2025-03-03 09:00\",\n"
    " \"staff\": [{\"id\": \"reg\", \"unit\": \"petition_office\", \"roles\": [\"registrar\"]},\n"
    "           {\"id\": \"disp\", \"unit\": \"petition_office\", \"roles\": [\"dispatcher\"]}],\n"
    " \"petition\": {\"channel\": \"letter\", \"type\": \"claim\", \"sub_route\": \"petition_handling\",\n"
    "              \"category\": \"social_assistance\", \"subject\": \"s\", \"content\": \"\",\n"
    "              \"petitioners\": [{\"name\": \"li\"}]},\n"
    " \"scenarios\": [\n"
    "  {\"name\": \"thirty days\", \"steps\": [{\"actor\": \"reg\", \"intake\": {}},\n"
    "    {\"actor\": \"disp\", \"command\": \"accept\",\n"
    "     \"expect\": {\"clocks\": {\"handling\": {\"deadline\": \"2025-04-02 24:00\"}}}}]},\n"
    "  {\"name\": \"sixty days\", \"steps\": [{\"actor\": \"reg\", \"intake\": {}},\n"
    "    {\"actor\": \"disp\", \"command\": \"accept\",\n"
    "     \"expect\": {\"clocks\": {\"handling\": {\"deadline\": \"2025-05-06 24:00\"}}}}]},\n"
    "  {\"name\": \"no such unit\", \"steps\": [{\"actor\": \"reg\", \"intake\": {}},\n"
    "    {\"actor\": \"disp\", \"command\": \"assign\", \"args\": {\"unit\": \"housing\"}}]}]}";

static void test_scenarios(void) {
  char* report = NULL;
  int all_passed = 7;
  CHECK_STATUS(xf_policy_test(kScenarios, "district.json", NULL, XF_REPORT_JSON, &all_passed, &report), XF_OK);
  CHECK(all_passed == 0);
  CHECK(has(report, "\"failed\":1") && has(report, "\"invalid\":1") && has(report, "\"scenarios\":3"));
  CHECK(has(report, "\"expected\":\"2025-05-06 24:00\"") && has(report, "\"actual\":\"2025-04-02 24:00\""));
  CHECK(has(report, "/scenarios/1/steps/1/expect/clocks/handling/deadline"));
  CHECK(has(report, "scenario /scenarios/2/steps/1/args/unit: 'housing' is not a unit of this policy"));
  xf_string_free(report);

  CHECK_STATUS(xf_policy_test(kScenarios, "district.json", NULL, XF_REPORT_TEXT, NULL, &report), XF_OK);
  CHECK(has(report, "PASS     district.json: thirty days"));
  CHECK(has(report, "FAIL     district.json: sixty days"));
  CHECK(has(report, "  - 2025-05-06 24:00\n") && has(report, "  + 2025-04-02 24:00\n"));
  CHECK(has(report, "INVALID  district.json: no such unit: not_found:"));
  CHECK(has(report, "3 scenarios: 1 passed, 1 failed, 1 invalid"));
  xf_string_free(report);

  CHECK_STATUS(xf_policy_test(kScenarios, NULL, NULL, XF_REPORT_JUNIT, &all_passed, &report), XF_OK);
  CHECK(has(report, "<testsuite name=\"scenarios\" tests=\"3\" failures=\"1\" errors=\"1\">"));
  CHECK(has(report, "<failure type=\"mismatch\"") && has(report, "<error type=\"not_found\""));
  xf_string_free(report);

  /* A document that is not JSON is the report's finding; the call succeeds. */
  CHECK_STATUS(xf_policy_test("{\"steps\": [", "broken.json", NULL, XF_REPORT_JSON, &all_passed, &report), XF_OK);
  CHECK(all_passed == 0 && has(report, "\"error_code\":\"parse_error\""));
  xf_string_free(report);
  /* A reference to a file, with no directory to read it from. */
  CHECK_STATUS(xf_policy_test("{\"name\": \"n\", \"policy\": {\"file\": \"district.json\"}, \"start\": \"2025-03-03\","
                              " \"steps\": [{}]}",
                              NULL, NULL, XF_REPORT_JSON, &all_passed, &report),
               XF_OK);
  CHECK(all_passed == 0 && has(report, "\"error_code\":\"invalid_argument\"") && has(report, "no base directory"));
  xf_string_free(report);

  /* Bad arguments: an error code, no report, and passed left 0. */
  report = (char*)"untouched";
  all_passed = 7;
  CHECK_STATUS(xf_policy_test(NULL, NULL, NULL, XF_REPORT_JSON, &all_passed, &report), XF_ERR_INVALID_ARGUMENT);
  CHECK(report == NULL && all_passed == 0);
  CHECK(has(xf_last_error_message(), "scenarios"));
  CHECK_STATUS(xf_policy_test(kScenarios, NULL, NULL, 3, &all_passed, &report), XF_ERR_INVALID_ARGUMENT);
  CHECK(has(xf_last_error_message(), "format"));
  CHECK_STATUS(xf_policy_test(kScenarios, NULL, NULL, XF_REPORT_JSON, &all_passed, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(xf_policy_test("{\"name\": \"\xfe\"}", NULL, NULL, XF_REPORT_JSON, &all_passed, &report),
               XF_ERR_INVALID_UTF8);
  CHECK_STATUS(xf_policy_test(kScenarios, "\xfe", NULL, XF_REPORT_JSON, &all_passed, &report), XF_ERR_INVALID_UTF8);
  CHECK_STATUS(xf_policy_test(kScenarios, NULL, "\xfe", XF_REPORT_JSON, &all_passed, &report), XF_ERR_INVALID_UTF8);
}

int main(void) {
  test_presets();
  test_check();
  test_scenarios();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
