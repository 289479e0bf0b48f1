/* The C ABI's policies, tested from C99: the presets, their sources, and checking a policy —
 * every error of a broken one reported, with its code and JSON path. */
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

int main(void) {
  test_presets();
  test_check();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
