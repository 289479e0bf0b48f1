/* The clocks, the sweep and the outbox through the C ABI: the two letters of the batch,
 * registered on 15 April 2025, are past their 15-day routing and notification deadlines (30
 * April, 24:00) on 10 May; a sweep fires their reminders and supervision once, and the outbox
 * hands the notifications out until they are acknowledged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_engine_support.h"

#define T_MAY10_1000 1746842400LL /* 2025-05-10T02:00:00Z */

void test_clocks_and_sweep(void) {
  char* json = NULL;
  char number[64];
  long first_id = 0;

  CHECK_STATUS(xf_engine_set_time(engine, T_MAY10_1000), XF_OK);
  /* The newest case is the batch's second letter. */
  CHECK_STATUS(xf_engine_list(engine, "{\"limit\": 1}", &json), XF_OK);
  CHECK(json_string(json, "number", number, sizeof number));
  xf_string_free(json);

  CHECK_STATUS(xf_engine_clocks(engine, number, &json), XF_OK);
  CHECK(has(json, "\"clock\":\"routing\""));
  CHECK(has(json, "\"status\":\"breached\""));
  CHECK(has(json, "\"deadline\":\"2025-04-30T16:00:00Z\""));
  CHECK(has(json, "\"explanation\":"));
  xf_string_free(json);

  /* Two letters, two clocks each, a reminder and a supervision step each: 8 steps, once. */
  CHECK_STATUS(xf_engine_sweep(engine, 1, 0, &json), XF_OK);
  CHECK(json_integer(json, "cases") == 2);
  CHECK(json_integer(json, "transactions") >= 2);
  CHECK(has(json, "\"event\":\"supervised\""));
  CHECK(has(json, "\"due_at\":\"2025-04-30T16:00:00Z\""));
  CHECK(has(json, "\"swept_at\":\"2025-05-10T02:00:00Z\""));
  xf_string_free(json);
  CHECK_STATUS(xf_engine_sweep(engine, 200, 0, &json), XF_OK);
  CHECK(has(json, "\"fired\":[]"));
  CHECK(json_integer(json, "cases") == 0);
  xf_string_free(json);

  CHECK_STATUS(xf_engine_outbox_poll(engine, 100, 60, &json), XF_OK);
  CHECK(has(json, "\"recipient\":\"d-wang\""));
  CHECK(has(json, "\"attempts\":1"));
  first_id = json_integer(json, "id");
  CHECK(first_id > 0);
  xf_string_free(json);
  CHECK_STATUS(xf_engine_outbox_poll(engine, 100, 60, &json), XF_OK); /* all leased */
  CHECK(has(json, "\"notifications\":[]"));
  xf_string_free(json);
  CHECK_STATUS(xf_engine_outbox_ack(engine, first_id), XF_OK);
  CHECK_STATUS(xf_engine_outbox_ack(engine, first_id), XF_OK);
  CHECK_STATUS(xf_engine_set_time(engine, T_MAY10_1000 + 120), XF_OK);
  CHECK_STATUS(xf_engine_outbox_poll(engine, 100, 60, &json), XF_OK); /* the rest, again */
  CHECK(has(json, "\"attempts\":2"));
  CHECK(json_integer(json, "id") != first_id);
  xf_string_free(json);

  /* Bad calls: each a clear status and message, the database unchanged. */
  CHECK_FAILS(xf_engine_outbox_ack(engine, 999999), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_outbox_ack(NULL, first_id), XF_ERR_BAD_HANDLE);
  CHECK_FAILS(xf_engine_sweep(engine, 0, 0, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("cases_per_transaction");
  CHECK(json == NULL);
  CHECK_FAILS(xf_engine_sweep(engine, 10, -1, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_sweep(engine, 10, 0, NULL), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_outbox_poll(engine, 0, 60, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_MESSAGE("limit");
  CHECK_FAILS(xf_engine_outbox_poll(engine, 10, 86401, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_clocks(engine, "MZJ-2099-000001", &json), XF_ERR_NOT_FOUND);
  CHECK_FAILS(xf_engine_clocks(engine, NULL, &json), XF_ERR_INVALID_ARGUMENT);
  CHECK_FAILS(xf_engine_clocks(engine, "\xc3\x28", &json), XF_ERR_INVALID_UTF8);
  CHECK_FAILS(xf_engine_clocks(engine, number, NULL), XF_ERR_INVALID_ARGUMENT);
}
