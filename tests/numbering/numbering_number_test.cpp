// Case numbers: formatting under a template, reading numbers back as typed or read out over the
// phone, and the round trip between the two.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "xinfang/error.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang {
namespace {

NumberFields fields(std::string org, Date date, std::int64_t sequence, std::string channel = "V",
                    std::string category = "SA") {
  NumberFields f;
  f.organisation_code = std::move(org);
  f.date = date;
  f.channel_code = std::move(channel);
  f.category_code = std::move(category);
  f.sequence = sequence;
  return f;
}

ErrorCode format_error(const CaseNumberFormat& format, const NumberFields& f) {
  try {
    (void)format.format(f);
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::ok;
}

// ---- formatting ----

TEST(CaseNumberFormatting, NationalTemplateWithCheckCharacter) {
  const auto format = CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", true);
  // Check character L: worked out step by step in check_character_test.cpp.
  EXPECT_EQ(format.format(fields("MZJ", Date(2025, 3, 1), 123)), "MZJ-2025-000123L");
  EXPECT_EQ(CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", false).format(fields("MZJ", Date(2025, 3, 1), 123)),
            "MZJ-2025-000123");
}

TEST(CaseNumberFormatting, HotlineTemplate) {
  const auto format = CaseNumberFormat::parse("{yyyy}{mm}{dd}{seq:06}", false);
  EXPECT_EQ(format.format(fields("RX", Date(2025, 3, 1), 42)), "20250301000042");
  // Check character Q: worked out in check_character_test.cpp.
  EXPECT_EQ(CaseNumberFormat::parse("{yyyy}{mm}{dd}{seq:06}", true).format(fields("RX", Date(2025, 3, 1), 42)),
            "20250301000042Q");
}

TEST(CaseNumberFormatting, EveryField) {
  const auto format = CaseNumberFormat::parse("XF/{org}-{channel}.{category}_{yy}{mm}{dd}-{seq}", false);
  EXPECT_EQ(format.format(fields("MZJ", Date(2009, 11, 5), 7, "W", "YL")), "XF/MZJ-W.YL_091105-7");
  EXPECT_EQ(format.format(fields("MZJ", Date(2009, 11, 5), 1234567, "W", "YL")), "XF/MZJ-W.YL_091105-1234567");
}

TEST(CaseNumberFormatting, NumbersAreUpperCase) {
  const auto format = CaseNumberFormat::parse("xf-{org}-{channel}-{seq:03}", false);
  EXPECT_EQ(format.format(fields("mzj", Date(2025, 3, 1), 5, "h")), "XF-MZJ-H-005");
}

TEST(CaseNumberFormatting, SequenceFillsItsWidthAndNoMore) {
  const auto format = CaseNumberFormat::parse("{org}-{seq:06}", false);
  EXPECT_EQ(format.format(fields("MZJ", Date(), 1)), "MZJ-000001");
  EXPECT_EQ(format.format(fields("MZJ", Date(), 999999)), "MZJ-999999");
  EXPECT_EQ(format_error(format, fields("MZJ", Date(), 1000000)), ErrorCode::invalid_argument);
  EXPECT_EQ(CaseNumberFormat::parse("{org}-{seq:012}", false).format(fields("MZJ", Date(), 1)), "MZJ-000000000001");
  EXPECT_EQ(CaseNumberFormat::parse("{org}-{seq:01}", false).format(fields("MZJ", Date(), 9)), "MZJ-9");
  EXPECT_EQ(format_error(CaseNumberFormat::parse("{org}-{seq:01}", false), fields("MZJ", Date(), 10)),
            ErrorCode::invalid_argument);
}

TEST(CaseNumberFormatting, SequenceBelowOneIsRefused) {
  const auto format = CaseNumberFormat::parse("{org}-{seq:06}", false);
  EXPECT_EQ(format_error(format, fields("MZJ", Date(), 0)), ErrorCode::invalid_argument);
  EXPECT_EQ(format_error(format, fields("MZJ", Date(), -5)), ErrorCode::invalid_argument);
}

TEST(CaseNumberFormatting, MissingOrMalformedFieldsAreRefused) {
  const auto format = CaseNumberFormat::parse("{org}-{channel}-{category}-{yyyy}-{seq:04}", false);
  EXPECT_EQ(format_error(format, fields("", Date(2025, 3, 1), 1)), ErrorCode::invalid_argument);
  EXPECT_EQ(format_error(format, fields("MZJ", Date(2025, 3, 1), 1, "")), ErrorCode::invalid_argument);
  EXPECT_EQ(format_error(format, fields("MZJ", Date(2025, 3, 1), 1, "V", "")), ErrorCode::invalid_argument);
  EXPECT_EQ(format_error(format, fields("MZJ", Date(), 1)), ErrorCode::invalid_argument);
  EXPECT_EQ(format_error(format, fields("M-J", Date(2025, 3, 1), 1)), ErrorCode::invalid_argument);
  EXPECT_EQ(format_error(format, fields("MZJ", Date(2025, 3, 1), 1, "V V")), ErrorCode::invalid_argument);
  EXPECT_EQ(format_error(format, fields("MZJ", Date(2025, 3, 1), 1, "V", "\xE7\xA4\xBE")), ErrorCode::invalid_argument);
  // Fields the template does not print are not needed.
  EXPECT_EQ(CaseNumberFormat::parse("{org}-{seq:04}", false).format(fields("MZJ", Date(), 1, "", "")), "MZJ-0001");
}

// ---- reading numbers back ----

TEST(CaseNumberParsing, ReadsTheFieldsTheTemplateHas) {
  const auto format = CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", true);
  const auto f = format.parse_number("MZJ-2025-000123L");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->organisation_code, "MZJ");
  EXPECT_EQ(f->date, Date(2025, 1, 1));  // a year-only template reads back as 1 January
  EXPECT_EQ(f->sequence, 123);
  EXPECT_EQ(f->channel_code, "");
  EXPECT_EQ(f->category_code, "");
}

TEST(CaseNumberParsing, IsCaseInsensitiveAndIgnoresSpaces) {
  const auto format = CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", true);
  for (const char* typed : {"mzj-2025-000123l", "  MZJ-2025-000123L  ", "MZJ - 2025 - 000123 L", "M Z J-2025-0001 23 l",
                            "MZJ-2025-000123\tL\n", "MZJ\xE3\x80\x80-2025-000123L"}) {
    SCOPED_TRACE(typed);
    const auto f = format.parse_number(typed);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->organisation_code, "MZJ");
    EXPECT_EQ(f->sequence, 123);
    EXPECT_EQ(format.format(*f), "MZJ-2025-000123L");
  }
  // Only spaces are dropped: an extra separator does not match the template.
  EXPECT_FALSE(format.parse_number("MZJ-2025-000123-L").has_value());
}

TEST(CaseNumberParsing, WrongCheckCharacterIsRefused) {
  const auto format = CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", true);
  const std::string body = "MZJ-2025-000123";
  int accepted = 0;
  for (char c : std::string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
    if (format.parse_number(body + c).has_value()) {
      ++accepted;
      EXPECT_EQ(c, 'L');
    }
  }
  EXPECT_EQ(accepted, 1);
  EXPECT_FALSE(format.parse_number(body).has_value());         // check character missing
  EXPECT_FALSE(format.parse_number(body + "-").has_value());   // not a check character
  EXPECT_FALSE(format.parse_number(body + "LL").has_value());  // one too many
}

TEST(CaseNumberParsing, NumbersThatDoNotFitTheTemplateAreRefused) {
  const auto format = CaseNumberFormat::parse("{org}-{yyyy}-{seq:06}", false);
  EXPECT_TRUE(format.parse_number("MZJ-2025-000123").has_value());
  for (const char* bad : {"", "   ", "MZJ-2025-00123", "MZJ-2025-0000123", "MZJ_2025-000123", "MZJ2025-000123",
                          "-2025-000123", "MZJ-25-000123", "MZJ-2025-000000", "MZJ-2025-00012A", "MZJ-2025-000123-",
                          "MZJ-0000-000001", "M\xC3\x89J-2025-000123", "MZJ-2025-000123X"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(format.parse_number(bad).has_value());
  }
  EXPECT_FALSE(format.parse_number(std::string(1000, 'A') + "-2025-000001").has_value());
}

TEST(CaseNumberParsing, DatesMustBeRealDays) {
  const auto format = CaseNumberFormat::parse("{yyyy}{mm}{dd}{seq:06}", false);
  const auto f = format.parse_number("20240229000001");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->date, Date(2024, 2, 29));
  EXPECT_FALSE(format.parse_number("20250229000001").has_value());  // 2025 is not a leap year
  EXPECT_FALSE(format.parse_number("20250230000001").has_value());
  EXPECT_FALSE(format.parse_number("20251301000001").has_value());
  EXPECT_FALSE(format.parse_number("20250001000001").has_value());
  EXPECT_FALSE(format.parse_number("20250100000001").has_value());
  EXPECT_FALSE(format.parse_number("20250132000001").has_value());
}

TEST(CaseNumberParsing, TwoDigitYearsReadAsThisCentury) {
  const auto format = CaseNumberFormat::parse("{org}-{yy}{mm}-{seq:04}", false);
  const auto f = format.parse_number("MZJ-2503-0001");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->date, Date(2025, 3, 1));  // month without day: the first of the month
}

TEST(CaseNumberParsing, TemplateWithoutDateLeavesTheDateUnset) {
  const auto f = CaseNumberFormat::parse("{org}-{seq}", false).parse_number("MZJ-42");
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(f->date.is_not_a_date());
  EXPECT_EQ(f->sequence, 42);
}

TEST(CaseNumberParsing, UnpaddedSequenceHasOneSpelling) {
  const auto format = CaseNumberFormat::parse("{org}-{seq}", false);
  EXPECT_FALSE(format.parse_number("MZJ-042").has_value());
  EXPECT_FALSE(format.parse_number("MZJ-0").has_value());
  EXPECT_FALSE(format.parse_number("MZJ-").has_value());
  EXPECT_EQ(format.parse_number("MZJ-123456789012345678")->sequence, 123456789012345678);
  EXPECT_FALSE(format.parse_number("MZJ-1234567890123456789").has_value());  // beyond 18 digits
}

TEST(CaseNumberParsing, CodesNextToFixedWidthFieldsAreFound) {
  const auto format = CaseNumberFormat::parse("{org}-{channel}{yyyy}{category}-{seq:04}", false);
  const auto f = format.parse_number("MZJ-H2025SQ-0012");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->organisation_code, "MZJ");
  EXPECT_EQ(f->channel_code, "H");
  EXPECT_EQ(f->date, Date(2025, 1, 1));
  EXPECT_EQ(f->category_code, "SQ");
  EXPECT_EQ(f->sequence, 12);
  // Codes may hold digits when a literal separates them from the next field.
  const auto g = CaseNumberFormat::parse("{org}-{seq}", false).parse_number("A1-5");
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->organisation_code, "A1");
  EXPECT_EQ(g->sequence, 5);
}

// ---- round trip ----

TEST(CaseNumberRoundTrip, FormatThenParseGivesTheFieldsBack) {
  const char* patterns[] = {"{org}-{yyyy}-{seq:06}",
                            "{yyyy}{mm}{dd}{seq:06}",
                            "{org}-{channel}-{yyyy}{mm}-{seq:05}",
                            "XF/{org}-{category}.{yy}{mm}{dd}_{seq}",
                            "{channel}{yyyy}{category}-{seq:012}",
                            "{org}{seq:04}"};
  const char* orgs[] = {"MZJ", "SMZT", "Q1", "A"};
  const char* channels[] = {"V", "L", "P", "H", "W", "E", "R"};
  const char* categories[] = {"SA", "YF", "CJ", "YL", "HY", "BZ", "SQ", "QT"};
  std::mt19937 random(20250301);
  for (const char* pattern : patterns) {
    for (bool check : {false, true}) {
      const auto format = CaseNumberFormat::parse(pattern, check);
      for (int i = 0; i < 300; ++i) {
        NumberFields f;
        f.organisation_code = orgs[random() % 4];
        f.channel_code = channels[random() % 7];
        f.category_code = categories[random() % 8];
        f.date = Date(2000, 1, 1) + boost::gregorian::days(static_cast<long>(random() % 36500));
        f.sequence = 1 + static_cast<std::int64_t>(random() % 9999);
        const std::string number = format.format(f);
        SCOPED_TRACE(std::string(pattern) + " -> " + number);
        const auto back = format.parse_number(number);
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(format.format(*back), number);
        EXPECT_EQ(back->sequence, f.sequence);
        const std::string p = pattern;
        auto has = [&](const char* field) { return p.find(field) != std::string::npos; };
        EXPECT_EQ(back->organisation_code, has("{org}") ? f.organisation_code : "");
        EXPECT_EQ(back->channel_code, has("{channel}") ? f.channel_code : "");
        EXPECT_EQ(back->category_code, has("{category}") ? f.category_code : "");
        // The dates are in 2000-2099, so {yy} reads back as the same year.
        if (has("{dd}")) {
          EXPECT_EQ(back->date, f.date);
        } else if (has("{mm}")) {
          EXPECT_EQ(back->date, Date(f.date.year(), f.date.month(), 1));
        } else if (has("{yyyy}") || has("{yy}")) {
          EXPECT_EQ(back->date, Date(f.date.year(), 1, 1));
        } else {
          EXPECT_TRUE(back->date.is_not_a_date());
        }
        // The same scope whichever way the number is known (the organisation comes from the
        // store when the template does not print it).
        NumberFields known = *back;
        known.organisation_code = f.organisation_code;
        EXPECT_EQ(format.sequence_scope(known), format.sequence_scope(f));
      }
    }
  }
}

}  // namespace
}  // namespace xinfang
