/* A petition given as a structure (xf_engine_intake_petition): the same petition as the JSON
 * intake registers, and every malformed structure refused with nothing written. Runs on the
 * shared database after test_hosts(). */
#include <stdint.h>
#include <string.h>

#include "capi_engine_support.h"

static const xf_petitioner kPerson = {"李四", "110101198001011234", "13900000000", NULL, 0};
static const xf_attachment kFile = {"材料1.pdf", "application/pdf", 20480,
                                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"};

/* The petition of these tests: a letter received at 09:30 local on 2025-03-03. */
static void fill(xf_petition* p) {
  xf_petition_init(p);
  p->channel = "letter";
  p->type = "claim";
  p->category = "social_assistance";
  p->region = "central";
  p->subject = "临时救助申请未答复";
  p->content = "2月申请临时救助，至今未答复。";
  p->petitioners = &kPerson;
  p->petitioner_count = 1;
  p->received_at = T_MON_0930;
  p->attachments = &kFile;
  p->attachment_count = 1;
}

/* The same petition as JSON text, written as the library writes a Petition: received_at in UTC
 * with a Z, the fields not given left out. */
static const char* const kSameAsJson =
    "{\"channel\":\"letter\",\"type\":\"claim\",\"category\":\"social_assistance\",\"region\":\"central\","
    "\"subject\":\"临时救助申请未答复\",\"content\":\"2月申请临时救助，至今未答复。\","
    "\"petitioners\":[{\"name\":\"李四\",\"id_number\":\"110101198001011234\",\"phone\":\"13900000000\"}],"
    "\"received_at\":\"2025-03-03T01:30:00Z\","
    "\"attachments\":[{\"name\":\"材料1.pdf\",\"media_type\":\"application/pdf\",\"size\":20480,"
    "\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}]}";

static void test_registers_as_json_would(void) {
  xf_petition p;
  char* result = NULL;
  char number[64] = "";
  char again[64] = "";
  char code[64] = "";
  long total = total_cases();

  CHECK_STATUS(xf_petition_init(NULL), XF_ERR_INVALID_ARGUMENT);
  memset(&p, 0xAB, sizeof p);
  CHECK_STATUS(xf_petition_init(&p), XF_OK);
  CHECK(p.struct_size == sizeof(xf_petition));
  CHECK(p.channel == NULL && p.petitioners == NULL && p.petitioner_count == 0 && p.received_at == 0);
  CHECK(p.group == 0 && p.new_matter == 0 && p.attachments == NULL && p.attachment_count == 0);

  fill(&p);
  CHECK_STATUS(xf_engine_intake_petition(engine, "r-li", &p, "typed-1", &result), XF_OK);
  CHECK(json_string(result, "number", number, sizeof number));
  CHECK(json_string(result, "query_code", code, sizeof code));
  CHECK(has(result, "\"replayed\":false"));
  CHECK(has(result, "\"type\":\"registered\""));
  xf_string_free(result);
  CHECK(total_cases() == total + 1);

  CHECK_STATUS(xf_engine_get(engine, number, NULL, &result), XF_OK);
  CHECK(has(result, "临时救助申请未答复"));
  CHECK(has(result, "材料1.pdf"));
  CHECK(has(result, "2025-03-03T01:30:00"));
  CHECK(has(result, "110101198001011234"));
  xf_string_free(result);

  /* The JSON intake of the same fields is the same request: replayed under the same key. */
  CHECK_STATUS(xf_engine_intake(engine, "r-li", kSameAsJson, "typed-1", &result), XF_OK);
  CHECK(json_string(result, "number", again, sizeof again));
  CHECK(strcmp(again, number) == 0);
  CHECK(has(result, "\"replayed\":true"));
  xf_string_free(result);
  /* And the structure again, too. */
  CHECK_STATUS(xf_engine_intake_petition(engine, "r-li", &p, "typed-1", &result), XF_OK);
  CHECK(has(result, "\"replayed\":true"));
  xf_string_free(result);
  CHECK(total_cases() == total + 1);

  /* Other content under the same key is a conflict. */
  p.subject = "另一件事";
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, "typed-1", &result), XF_ERR_CONFLICT);
  CHECK_MESSAGE("typed-1");
}

/* A newer caller's structure: its extra fields are accepted only at their defaults. */
struct newer_petition {
  xf_petition known;
  int64_t field_of_a_later_version;
};

static void test_newer_structure(void) {
  struct newer_petition newer;
  char* result = NULL;
  long total = total_cases();

  memset(&newer, 0, sizeof newer);
  fill(&newer.known);
  newer.known.struct_size = (uint32_t)sizeof newer;
  newer.field_of_a_later_version = 7;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &newer.known, NULL, &result), XF_ERR_UNSUPPORTED_VERSION);
  CHECK_MESSAGE("newer version");
  CHECK(result == NULL);
  newer.field_of_a_later_version = 0;
  CHECK_STATUS(xf_engine_intake_petition(engine, "r-li", &newer.known, NULL, &result), XF_OK);
  CHECK(has(result, "\"type\":\"registered\""));
  xf_string_free(result);
  CHECK(total_cases() == total + 1);
}

static void test_malformed_structures(void) {
  xf_petition p;
  xf_petitioner nameless = kPerson;
  xf_attachment negative = kFile;
  char* result = (char*)"untouched";

  fill(&p);
  CHECK_FAILS(xf_engine_intake_petition(NULL, "r-li", &p, NULL, &result), XF_ERR_BAD_HANDLE);
  CHECK(result == NULL);
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", NULL, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("petition");
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("out_result_json");
  CHECK_FAILS(xf_engine_intake_petition(engine, NULL, &p, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("actor");

  p.struct_size = 8;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("struct_size");

  fill(&p);
  p.petitioners = NULL;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("petitioners");
  fill(&p);
  p.attachments = NULL;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("attachments");
  fill(&p);
  p.petitioner_count = 100001;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("100000");

  fill(&p);
  p.group = 2;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("group");
  fill(&p);
  p.received_at = -5;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("received_at");
  fill(&p);
  negative.size = -1;
  p.attachments = &negative;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("attachments[0].size");

  fill(&p);
  p.type = "nonsense";
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("nonsense");
  p.type = NULL;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("petition->type");

  fill(&p);
  p.subject = "\xff\xfe";
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_UTF8);
  CHECK_MESSAGE("petition->subject");

  /* What the engine checks, it reports by the JSON path of the same field. */
  fill(&p);
  nameless.name = NULL;
  p.petitioners = &nameless;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("petitioners/0/name");
  fill(&p);
  p.petitioners = NULL;
  p.petitioner_count = 0;
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_INVALID_DATA);
  CHECK_MESSAGE("petitioners");
  fill(&p);
  p.channel = "carrier-pigeon";
  CHECK_FAILS(xf_engine_intake_petition(engine, "r-li", &p, NULL, &result), XF_ERR_NOT_FOUND);
  CHECK_MESSAGE("carrier-pigeon");
  fill(&p);
  CHECK_FAILS(xf_engine_intake_petition(engine, "nobody", &p, NULL, &result), XF_ERR_FORBIDDEN);
  CHECK(result == NULL);
}

void test_petition(void) {
  test_registers_as_json_would();
  test_newer_structure();
  test_malformed_structures();
}
