// The archive forms on their own: round trips, format detection, versions, truncation, and the
// chain check's findings on a dossier changed in memory.
#include <gtest/gtest.h>

#include "dossier_test_util.hpp"

namespace xinfang::testing {
namespace {

Dossier awkward_dossier() {
  Dossier d;
  d.library_version = "0.1.0";
  d.organisation = "district";
  d.exported_by = "d-disp";
  d.exported_at = -1234567890123456;  // before 1970: the sign survives
  d.period_from = "";
  d.period_to = "2025-03-31";
  DossierCase c;
  c.number = "QMZJ-20250303-L-SHJZ-0001";
  c.organisation = "district";
  c.status = "forwarded";
  c.state = R"({"subject":"低保 <停发> & \"恢复\"\n第二行\t制表"})";
  c.hash_algorithm = "sm3";
  c.policy_name = "cn-national-2022";
  c.policy_version = "2022.1";
  c.head_hash = std::string(64, 'f');
  c.attachments.push_back({"信件 扫描.pdf", "application/pdf", std::int64_t{1} << 52, std::string(64, 'a')});
  c.attachments.push_back({"", "", 0, ""});
  for (int i = 1; i <= 3; ++i) {
    DossierEvent e;
    e.sequence = i;
    e.type = i == 1 ? "registered" : "note_added";
    e.at = 1740963600000000 + i;
    e.actor = R"({"id":"d-reg","roles":["registrar"]})";
    e.command = i == 1 ? "intake" : "note";
    e.payload = "  leading and trailing spaces  ";
    e.policy_name = "cn-national-2022";
    e.policy_version = "2022.1";
    e.previous_hash = i == 1 ? "" : std::string(64, static_cast<char>('0' + i));
    e.hash = std::string(64, static_cast<char>('a' + i));
    e.redacted = i == 2;
    c.events.push_back(e);
  }
  d.cases.push_back(c);
  d.cases.push_back(DossierCase{});  // an empty case: every field at its default
  return d;
}

void expect_same(const Dossier& a, const Dossier& b) {
  EXPECT_EQ(a.library_version, b.library_version);
  EXPECT_EQ(a.organisation, b.organisation);
  EXPECT_EQ(a.exported_by, b.exported_by);
  EXPECT_EQ(a.exported_at, b.exported_at);
  EXPECT_EQ(a.period_from, b.period_from);
  EXPECT_EQ(a.period_to, b.period_to);
  ASSERT_EQ(a.cases.size(), b.cases.size());
  for (std::size_t i = 0; i < a.cases.size(); ++i) {
    const DossierCase& x = a.cases[i];
    const DossierCase& y = b.cases[i];
    EXPECT_EQ(x.number, y.number);
    EXPECT_EQ(x.organisation, y.organisation);
    EXPECT_EQ(x.status, y.status);
    EXPECT_EQ(x.state, y.state);
    EXPECT_EQ(x.hash_algorithm, y.hash_algorithm);
    EXPECT_EQ(x.policy_name, y.policy_name);
    EXPECT_EQ(x.policy_version, y.policy_version);
    EXPECT_EQ(x.head_hash, y.head_hash);
    EXPECT_EQ(x.redacted, y.redacted);
    ASSERT_EQ(x.attachments.size(), y.attachments.size());
    for (std::size_t j = 0; j < x.attachments.size(); ++j) {
      EXPECT_EQ(x.attachments[j].name, y.attachments[j].name);
      EXPECT_EQ(x.attachments[j].media_type, y.attachments[j].media_type);
      EXPECT_EQ(x.attachments[j].size, y.attachments[j].size);
      EXPECT_EQ(x.attachments[j].sha256, y.attachments[j].sha256);
    }
    ASSERT_EQ(x.events.size(), y.events.size());
    for (std::size_t j = 0; j < x.events.size(); ++j) {
      const DossierEvent& e = x.events[j];
      const DossierEvent& f = y.events[j];
      EXPECT_EQ(e.sequence, f.sequence);
      EXPECT_EQ(e.type, f.type);
      EXPECT_EQ(e.at, f.at);
      EXPECT_EQ(e.actor, f.actor);
      EXPECT_EQ(e.command, f.command);
      EXPECT_EQ(e.payload, f.payload);
      EXPECT_EQ(e.policy_name, f.policy_name);
      EXPECT_EQ(e.policy_version, f.policy_version);
      EXPECT_EQ(e.previous_hash, f.previous_hash);
      EXPECT_EQ(e.hash, f.hash);
      EXPECT_EQ(e.redacted, f.redacted);
    }
  }
}

ErrorCode read_code(std::string_view bytes) {
  return code_of([&] { read_dossier(bytes); });
}

TEST(DossierArchive, EveryFormRoundTripsEveryField) {
  const Dossier original = awkward_dossier();
  for (const DossierFormat format : kFormats) {
    SCOPED_TRACE(dossier_format_name(format));
    const std::string bytes = write_dossier(original, format);
    EXPECT_EQ(detect_dossier_format(bytes), format);
    expect_same(read_dossier(bytes), original);
    EXPECT_EQ(write_dossier(read_dossier(bytes), format), bytes);  // and writes back the same bytes
  }
}

TEST(DossierArchive, FormatsHaveStableNames) {
  for (const DossierFormat format : kFormats) EXPECT_EQ(parse_dossier_format(dossier_format_name(format)), format);
  EXPECT_EQ(parse_dossier_format("XML"), std::nullopt);
  EXPECT_EQ(parse_dossier_format(""), std::nullopt);
}

TEST(DossierArchive, WhatIsNotADossierIsRefusedAsMalformed) {
  EXPECT_EQ(detect_dossier_format(""), std::nullopt);
  EXPECT_EQ(read_code(""), ErrorCode::parse_error);
  EXPECT_EQ(read_code("hello"), ErrorCode::parse_error);
  EXPECT_EQ(read_code("{\"cases\": []}"), ErrorCode::parse_error);
  EXPECT_EQ(read_code("<?xml version=\"1.0\"?><a/>"), ErrorCode::parse_error);
  // A Boost archive of something else: its first string is not the dossier's kind.
  std::string other = write_dossier(awkward_dossier(), DossierFormat::text);
  const std::size_t kind = other.find("15 xinfang-dossier");
  ASSERT_NE(kind, std::string::npos);
  other.replace(kind, 18, "15 something-else");
  try {
    read_dossier(other);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_NE(std::string(e.what()).find("not an xinfang dossier"), std::string::npos) << e.what();
  }
}

// Every prefix of an archive, in every form, is refused.
TEST(DossierArchive, EveryTruncationIsRefused) {
  for (const DossierFormat format : kFormats) {
    const std::string bytes = write_dossier(awkward_dossier(), format);
    for (std::size_t keep = 0; keep < bytes.size(); ++keep) {
      ASSERT_EQ(read_code(std::string_view(bytes).substr(0, keep)), ErrorCode::parse_error)
          << dossier_format_name(format) << " cut to " << keep << " of " << bytes.size();
    }
  }
}

TEST(DossierArchive, TextThatIsNotUtf8IsRefusedNamingWhereItIs) {
  Dossier d = awkward_dossier();
  d.cases[0].events[1].payload = "caf\xc3";  // a lead byte without its continuation
  for (const DossierFormat format : kFormats) {
    try {
      read_dossier(write_dossier(d, format));
      FAIL() << dossier_format_name(format);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_utf8);
      EXPECT_NE(std::string(e.what()).find("dossier case 1 event 2"), std::string::npos) << e.what();
    }
  }
}

TEST(DossierArchive, AClassOfANewerVersionIsRefusedByName) {
  const std::string bytes = write_dossier(awkward_dossier(), DossierFormat::xml);
  for (const char* element : {"<dossier ", "<item class_id=\"2\""}) {
    std::string newer = bytes;
    const std::size_t tag = newer.find(element);
    ASSERT_NE(tag, std::string::npos) << element << " in\n" << bytes.substr(0, 800);
    const std::size_t version = newer.find("version=\"1\"", tag);
    ASSERT_NE(version, std::string::npos);
    newer.replace(version, 11, "version=\"2\"");
    try {
      read_dossier(newer);
      FAIL() << element;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::unsupported_version) << e.what();
      EXPECT_NE(std::string(e.what()).find("is version 2, written by a newer xinfang"), std::string::npos) << e.what();
    }
  }
}

TEST(DossierArchive, AnArchiveOfANewerBoostIsRefused) {
  std::string bytes = write_dossier(awkward_dossier(), DossierFormat::xml);
  const std::size_t signature = bytes.find("signature=\"serialization::archive\" version=\"");
  ASSERT_NE(signature, std::string::npos);
  const std::size_t number = signature + 44;
  bytes.replace(number, bytes.find('"', number) - number, "250");
  EXPECT_EQ(read_code(bytes), ErrorCode::unsupported_version);
}

// The chain check on a real case's dossier, changed in memory as a careless or dishonest
// sender might.
class DossierCheckTest : public ::testing::Test {
 protected:
  TestEngine district{":memory:", local("2025-03-03 09:00")};
  Dossier dossier;

  void SetUp() override {
    add_district_staff(district.engine);
    district.add_staff();
    dossier = read_dossier(
        district.engine.export_case(forwarded_claim(district), kDistrictDispatcher, DossierFormat::binary));
    ASSERT_EQ(dossier.cases.at(0).events.size(), 3U);
  }

  std::string problem() {
    const DossierCheck check = check_dossier(dossier);
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.case_number, dossier.cases.at(0).number);
    return check.message;
  }
};

TEST_F(DossierCheckTest, AnUntouchedDossierHolds) {
  const DossierCheck check = check_dossier(dossier);
  EXPECT_TRUE(check.ok) << check.message;
  EXPECT_EQ(check.cases, 1);
  EXPECT_EQ(check.events, 3);
  EXPECT_EQ(check.redacted_events, 0);
}

TEST_F(DossierCheckTest, ChangesAreFoundWhereTheyAre) {
  DossierCase& c = dossier.cases[0];
  const Dossier untouched = dossier;
  c.events[1].at += 1;
  EXPECT_NE(problem().find("event 2: was altered"), std::string::npos);
  dossier = untouched;
  c.events[0].actor = R"({"id":"someone-else","organisation":"district","unit":"petition_office_district","roles":[]})";
  EXPECT_NE(problem().find("event 1: was altered"), std::string::npos);
  dossier = untouched;
  c.events.erase(c.events.begin() + 1);
  EXPECT_NE(problem().find("event 2: is missing"), std::string::npos);
  dossier = untouched;
  c.events.pop_back();
  EXPECT_NE(problem().find("removed or added"), std::string::npos);
  dossier = untouched;
  c.events[2].previous_hash = c.events[0].hash;
  EXPECT_NE(problem().find("event 3: does not follow"), std::string::npos);
  dossier = untouched;
  c.events[1].redacted = true;  // to skip its check
  EXPECT_NE(problem().find(": is marked redacted in a case that is not"), std::string::npos);
  dossier = untouched;
  c.hash_algorithm = "md5";
  EXPECT_NE(problem().find("unknown hash algorithm"), std::string::npos);
  dossier = untouched;
  c.status = "concluded";
  EXPECT_NE(problem().find("leaves it forwarded, not concluded"), std::string::npos);
  dossier = untouched;
  c.number = "QMZJ-other";
  EXPECT_NE(problem().find("not QMZJ-other"), std::string::npos);
  dossier = untouched;
  const std::size_t id = c.state.find("11010119800101123x");
  ASSERT_NE(id, std::string::npos);
  c.state[id] = '9';  // shown to a reader, not hashed: checked against the fold
  EXPECT_NE(problem().find("stated state differs from what its log folds to in /petitioners"), std::string::npos);
  dossier = untouched;
  c.state = "[]";
  EXPECT_NE(problem().find("stated state"), std::string::npos);
  dossier = untouched;
  c.events.clear();
  c.head_hash.clear();
  EXPECT_NE(problem().find("has no events"), std::string::npos);
}

}  // namespace
}  // namespace xinfang::testing
