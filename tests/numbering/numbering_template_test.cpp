// Numbering templates: what parses, every way a template can be malformed, and the sequence
// scope each kind of template implies.
#include <gtest/gtest.h>

#include <string>

#include "xinfang/error.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang {
namespace {

NumberFields scope_fields(std::string org, Date date, std::string channel = "V", std::string category = "SA",
                          std::int64_t sequence = 1) {
  NumberFields f;
  f.organisation_code = std::move(org);
  f.date = date;
  f.channel_code = std::move(channel);
  f.category_code = std::move(category);
  f.sequence = sequence;
  return f;
}

// Expects parse() to refuse `pattern` with invalid_data and a message containing `fault`.
void expect_refused(const std::string& pattern, const std::string& fault) {
  SCOPED_TRACE("pattern: " + pattern);
  try {
    (void)CaseNumberFormat::parse(pattern, false);
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_data);
    const std::string message = e.what();
    EXPECT_NE(message.find(fault), std::string::npos) << message;
    EXPECT_NE(message.find("numbering template \"" + pattern + "\""), std::string::npos) << message;
  }
}

// ---- templates that parse ----

TEST(NumberingTemplate, EveryFieldParses) {
  for (const char* pattern : {"{org}-{yyyy}-{seq:06}", "{yyyy}{mm}{dd}{seq:06}", "{org}/{yy}.{mm}_{seq}",
                              "XF-{org}-{channel}-{category}-{yyyy}{mm}{dd}-{seq:012}", "{seq}", "{seq:01}",
                              "{category}-{seq:03}", "{org}-{channel}{yyyy}-{seq:04}"}) {
    SCOPED_TRACE(pattern);
    const CaseNumberFormat format = CaseNumberFormat::parse(pattern, true);
    EXPECT_EQ(format.pattern(), pattern);
    EXPECT_TRUE(format.has_check_character());
  }
  EXPECT_FALSE(CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", false).has_check_character());
}

// ---- every malformed template ----

TEST(NumberingTemplate, EmptyTemplateIsRefused) {
  expect_refused("", "is empty");
}

TEST(NumberingTemplate, TemplateWithoutSeqIsRefused) {
  expect_refused("{org}-{yyyy}", "has no {seq} field");
  expect_refused("CASE", "has no {seq} field");
}

TEST(NumberingTemplate, TwoSeqFieldsAreRefused) {
  expect_refused("{seq}-{seq}", "{seq} appears more than once");
  expect_refused("{org}-{seq:04}-{seq:06}", "{seq:06} appears more than once");
}

TEST(NumberingTemplate, UnknownFieldIsRefused) {
  expect_refused("{org}-{foo}-{seq}", "unknown field {foo}");
  expect_refused("{ORG}-{seq}", "unknown field {ORG}");
  expect_refused("{}-{seq}", "unknown field {}");
  expect_refused("{year}-{seq}", "unknown field {year}");
  expect_refused("{seq:06:x}", "{seq:06:x}: the sequence width is written {seq:0N}");
}

TEST(NumberingTemplate, SequenceWidthOutsideOneToTwelveIsRefused) {
  expect_refused("{seq:00}", "sequence width 0 is out of range 1..12");
  expect_refused("{seq:013}", "sequence width 13 is out of range 1..12");
  expect_refused("{seq:099}", "sequence width 99 is out of range 1..12");
  expect_refused("{seq:0100}", "sequence width 100 is out of range 1..12");
}

TEST(NumberingTemplate, SequenceWidthNotWrittenZeroNIsRefused) {
  expect_refused("{seq:6}", "{seq:6}: the sequence width is written {seq:0N}, N from 1 to 12");
  expect_refused("{seq:0}", "{seq:0}: the sequence width is written {seq:0N}");
  expect_refused("{seq:}", "{seq:}: the sequence width is written {seq:0N}");
  expect_refused("{seq:0x6}", "{seq:0x6}: the sequence width is written {seq:0N}");
  expect_refused("{seq:-6}", "{seq:-6}: the sequence width is written {seq:0N}");
}

TEST(NumberingTemplate, IllegalLiteralCharactersAreRefused) {
  expect_refused("{org} {seq}", "a space at offset 5 is not allowed");
  expect_refused("{org}#{seq}", "'#' at offset 5 is not allowed");
  expect_refused("{org}:{seq}", "':' at offset 5 is not allowed");
  expect_refused("{org}\t{seq}", "byte 0x09 at offset 5 is not allowed");
  // 编号 (U+7F16 U+53F7): the first byte of the UTF-8 is reported.
  expect_refused("\xE7\xBC\x96\xE5\x8F\xB7{seq}", "byte 0xE7 at offset 0 is not allowed");
}

TEST(NumberingTemplate, UnbalancedBracesAreRefused) {
  expect_refused("{org-{seq}", "'{' at offset 0 is not closed");
  expect_refused("{org}-{seq", "'{' at offset 6 is not closed");
  expect_refused("{org}}-{seq}", "'}' at offset 5 has no matching '{'");
  expect_refused("org}-{seq}", "'}' at offset 3 has no matching '{'");
}

TEST(NumberingTemplate, RepeatedFieldIsRefused) {
  expect_refused("{org}-{yyyy}-{org}-{seq}", "{org} appears more than once");
  expect_refused("{yyyy}-{mm}-{mm}-{seq}", "{mm} appears more than once");
  expect_refused("{yyyy}{yy}-{seq}", "has both {yyyy} and {yy}");
}

TEST(NumberingTemplate, DateFieldsThatWouldRepeatNumbersAreRefused) {
  expect_refused("{org}-{mm}-{seq}", "{mm} without {yyyy} or {yy} would repeat numbers every year");
  expect_refused("{org}-{yyyy}{dd}-{seq}", "{dd} without {mm} would repeat numbers every month");
}

TEST(NumberingTemplate, AdjacentVariableWidthFieldsAreRefused) {
  expect_refused("{org}{channel}-{seq:04}", "two fields of variable width are side by side");
  expect_refused("{org}{seq}", "two fields of variable width are side by side");
  expect_refused("{seq}{category}", "two fields of variable width are side by side");
  // A padded sequence has a fixed width: fine.
  EXPECT_NO_THROW(CaseNumberFormat::parse("{org}{seq:06}", false));
}

// ---- sequence scopes ----

TEST(NumberingScope, OrgAndYearTemplateNumbersPerOrganisationAndYear) {
  const auto format = CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", true);
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1))), "MZJ|2025");
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 12, 31), "L", "YF", 99)), "MZJ|2025");
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2026, 1, 1))), "MZJ|2026");
  EXPECT_EQ(format.sequence_scope(scope_fields("QMZJ", Date(2025, 3, 1))), "QMZJ|2025");
  EXPECT_EQ(format.sequence_scope(scope_fields("mzj", Date(2025, 3, 1))), "MZJ|2025");
}

TEST(NumberingScope, MonthFieldNumbersPerMonth) {
  const auto format = CaseNumberFormat::parse("{org}-{yyyy}{mm}-{seq:04}", false);
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1))), "MZJ|2025-03");
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 31))), "MZJ|2025-03");
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 4, 1))), "MZJ|2025-04");
  // {yy} still scopes by the full year.
  EXPECT_EQ(CaseNumberFormat::parse("{yy}{mm}-{seq:05}", false).sequence_scope(scope_fields("MZJ", Date(2025, 3, 9))),
            "MZJ|2025-03");
}

TEST(NumberingScope, DayFieldNumbersPerDay) {
  const auto format = CaseNumberFormat::parse("{yyyy}{mm}{dd}{seq:06}", false);
  EXPECT_EQ(format.sequence_scope(scope_fields("RX", Date(2025, 3, 1))), "RX|2025-03-01");
  EXPECT_EQ(format.sequence_scope(scope_fields("RX", Date(2025, 3, 2))), "RX|2025-03-02");
}

TEST(NumberingScope, ChannelFieldNumbersPerChannel) {
  const auto format = CaseNumberFormat::parse("{org}-{channel}-{yyyy}-{seq:05}", false);
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1), "V")), "MZJ|2025|V");
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1), "L")), "MZJ|2025|L");
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1), "h")), "MZJ|2025|H");
}

TEST(NumberingScope, CategoryFieldNumbersPerCategory) {
  const auto format = CaseNumberFormat::parse("{org}-{category}-{seq:05}", false);
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1), "V", "SA")), "MZJ|SA");
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2030, 1, 1), "L", "YF")), "MZJ|YF");
}

TEST(NumberingScope, TemplateWithoutDateOrCodesNumbersPerOrganisationForever) {
  const auto format = CaseNumberFormat::parse("{seq}", false);
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1))), "MZJ");
  // No date is needed when the template has no date field.
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date())), "MZJ");
}

TEST(NumberingScope, ScopeIgnoresTheSequence) {
  const auto format = CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", false);
  EXPECT_EQ(format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1), "V", "SA", 1)),
            format.sequence_scope(scope_fields("MZJ", Date(2025, 3, 1), "V", "SA", 0)));
}

TEST(NumberingScope, ScopeNeedsTheOrganisationAndTheTemplatesFields) {
  const auto format = CaseNumberFormat::parse("{org}-{channel}-{yyyy}-{seq:05}", false);
  auto expect_invalid = [&](const NumberFields& f) {
    try {
      (void)format.sequence_scope(f);
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument) << e.what();
    }
  };
  expect_invalid(scope_fields("", Date(2025, 3, 1)));
  expect_invalid(scope_fields("MZJ", Date()));
  expect_invalid(scope_fields("MZJ", Date(2025, 3, 1), ""));
  expect_invalid(scope_fields("MZ-J", Date(2025, 3, 1)));
  // Organisation is always part of the scope, even when the template does not print it.
  try {
    (void)CaseNumberFormat::parse("{yyyy}{mm}{dd}{seq:06}", false).sequence_scope(scope_fields("", Date(2025, 3, 1)));
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  }
}

}  // namespace
}  // namespace xinfang
