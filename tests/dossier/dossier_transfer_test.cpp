// Dossiers between databases: a case forwarded by a district continues its life at the city,
// its history intact and its chain verifying in both; imports refuse what does not verify and
// write nothing then; a dossier imported twice makes one case.
#include <gtest/gtest.h>

#include "dossier_test_util.hpp"

namespace xinfang::testing {
namespace {

using boost::posix_time::hours;

class Transfer : public ::testing::Test {
 protected:
  TempDir dir;
  TestEngine district{dir.file("district.db"), local("2025-03-03 09:00"), HashAlgorithm::sm3};
  TestEngine city{dir.file("city.db"), local("2025-03-03 09:00")};

  void SetUp() override {
    add_district_staff(district.engine);
    district.add_staff();  // the directory's administrator; city staff are not used there
    city.add_staff();
  }
};

TEST_F(Transfer, AForwardedCaseContinuesAtTheCityWithItsHistoryAndBothChainsVerify) {
  const std::string origin = forwarded_claim(district);
  const std::string archive = district.engine.export_case(origin, kDistrictDispatcher, DossierFormat::xml);
  const CaseRecord there = district.engine.get(origin);
  ASSERT_EQ(there.events.back().event.type, "exported");
  EXPECT_EQ(there.events.back().event.payload.at("format"), "xml");
  EXPECT_EQ(there.events.back().event.payload.at("redacted"), false);
  EXPECT_TRUE(district.engine.verify().ok) << district.engine.verify().message;

  city.clock->set(local("2025-03-05 10:30"));
  const ImportResult imported = city.engine.import_dossier(kRegistrar, archive);
  ASSERT_EQ(imported.cases.size(), 1U);
  const ImportedCase& received = imported.cases.front();
  EXPECT_TRUE(received.created);
  EXPECT_EQ(received.origin_number, origin);
  EXPECT_NE(received.number, origin);
  EXPECT_EQ(received.number.rfind("MZJ-", 0), 0U) << received.number;
  EXPECT_EQ(received.events, static_cast<std::int64_t>(there.events.size()));

  // The history is the district's, event for event, hash for hash; the receipt follows it.
  const CaseRecord here = city.engine.get(received.number);
  ASSERT_EQ(here.events.size(), there.events.size() + 1);
  for (std::size_t i = 0; i < there.events.size(); ++i) {
    EXPECT_EQ(here.events[i].hash, there.events[i].hash) << i;
    EXPECT_EQ(here.events[i].event.payload, there.events[i].event.payload) << i;
  }
  EXPECT_EQ(here.events.front().event.payload.at("number"), origin);
  const StoredEvent& receipt = here.events.back();
  EXPECT_EQ(receipt.event.type, "dossier_received");
  EXPECT_EQ(receipt.previous_hash, there.events.back().hash);
  EXPECT_EQ(receipt.event.payload.at("origin").at("number"), origin);
  EXPECT_EQ(receipt.event.payload.at("origin").at("hash_algorithm"), "sm3");
  EXPECT_EQ(here.state.status, CaseStatus::registered);
  EXPECT_EQ(here.state.organisation, "city");
  EXPECT_EQ(here.state.origin_number, origin);
  EXPECT_EQ(here.state.origin_organisation, "district");
  EXPECT_EQ(here.state.registered_at, local("2025-03-05 10:30"));
  EXPECT_EQ(here.view().at("origin").at("number"), origin);
  const VerifyReport city_check = city.engine.verify();
  EXPECT_TRUE(city_check.ok) << city_check.message;

  // The city's clocks start from the receipt: 15 days from 2025-03-05 end on 03-20.
  bool routing_seen = false;
  for (const ClockReport& clock : city.engine.clocks(received.number)) {
    if (clock.id != "routing") continue;
    routing_seen = true;
    EXPECT_EQ(clock.started_at, local("2025-03-05 10:30"));
    EXPECT_EQ(clock.started_by, "dossier_received");
    EXPECT_EQ(clock.deadline, local("2025-03-21 00:00"));
  }
  EXPECT_TRUE(routing_seen);

  // Its life goes on at the city.
  city.clock->advance(hours(2));
  city.engine.run(received.number, kDispatcher, Command{"accept", Json::object()});
  city.clock->advance(hours(2));
  city.engine.run(received.number, kDispatcher,
                  Command{"route", {{"unit", "social_assistance"}, {"handler", kHandlerA}}});
  city.clock->advance(hours(48));
  const CommandResult replied = city.engine.run(received.number, kHandlerA,
                                                Command{"reply", {{"outcome", "supported"}, {"text", "已恢复发放。"}}});
  EXPECT_EQ(replied.status, CaseStatus::replied);
  const VerifyReport after = city.engine.verify();
  EXPECT_TRUE(after.ok) << after.message;
  EXPECT_TRUE(district.engine.verify().ok);

  // And again to the province: two receipts, three numbers, three chains' worth of keys.
  TestEngine province{dir.file("province.db"), local("2025-03-10 09:00")};
  province.engine.put_staff(
      kAdmin, StaffMember{"p-reg", "省登记员", "province", "petition_office_province", {"registrar"}, true});
  city.clock->set(local("2025-03-09 09:00"));
  const std::string again = city.engine.export_case(received.number, kDispatcher, DossierFormat::binary);
  province.engine.import_dossier("p-reg", again, ImportOptions{ImportMode::take_over, {}});
  const VerifyReport province_check = province.engine.verify();
  EXPECT_TRUE(province_check.ok) << province_check.message;
  EXPECT_EQ(case_count(province.engine), 1);
}

TEST_F(Transfer, ADossierImportedTwiceMakesOneCase) {
  const std::string origin = forwarded_claim(district);
  const std::string archive = district.engine.export_case(origin, kDistrictDispatcher, DossierFormat::text);
  city.clock->set(local("2025-03-05 10:30"));
  const ImportedCase first = city.engine.import_dossier(kRegistrar, archive).cases.at(0);
  const ImportedCase second = city.engine.import_dossier(kRegistrar, archive).cases.at(0);
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.number, first.number);
  EXPECT_EQ(case_count(city.engine), 1);

  // A later dossier of the same case is not a second case either: it is refused.
  district.clock->advance(hours(1));
  const std::string later = district.engine.export_case(origin, kDistrictDispatcher, DossierFormat::text);
  EXPECT_EQ(code_of([&] { city.engine.import_dossier(kRegistrar, later); }), ErrorCode::already_exists);
  EXPECT_EQ(case_count(city.engine), 1);
}

TEST_F(Transfer, ADatabaseRefusesItsOwnCaseBack) {
  const std::string origin = forwarded_claim(district);
  const std::string archive = district.engine.export_case(origin, kDistrictDispatcher, DossierFormat::xml);
  try {
    district.engine.import_dossier(kDistrictRegistrar, archive);
    FAIL() << "imported its own case";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::already_exists);
    EXPECT_NE(std::string(e.what()).find("own case " + origin), std::string::npos) << e.what();
  }
  EXPECT_EQ(case_count(district.engine), 1);
}

// One byte of an event changed: the chain does not hold, and the city holds nothing after.
TEST_F(Transfer, AChangedByteInAnEventIsRefusedAndNothingIsWritten) {
  const std::string origin = forwarded_claim(district);
  city.clock->set(local("2025-03-05 10:30"));
  for (const DossierFormat format : kFormats) {
    std::string archive = district.engine.export_case(origin, kDistrictDispatcher, format);
    // The identity number appears last in the registered event's payload (the state comes first).
    const std::size_t at = archive.rfind("11010119800101123x");
    ASSERT_NE(at, std::string::npos) << dossier_format_name(format);
    archive[at + 5] = archive[at + 5] == '9' ? '8' : '9';
    try {
      city.engine.import_dossier(kRegistrar, archive);
      FAIL() << dossier_format_name(format) << ": a tampered dossier was imported";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::integrity) << e.what();
      EXPECT_NE(std::string(e.what()).find("event 1: was altered"), std::string::npos) << e.what();
    }
    EXPECT_EQ(case_count(city.engine), 0) << dossier_format_name(format);
  }
  EXPECT_TRUE(city.engine.verify().ok);
}

TEST_F(Transfer, ATruncatedDossierIsRefusedAndNothingIsWritten) {
  const std::string origin = forwarded_claim(district);
  city.clock->set(local("2025-03-05 10:30"));
  for (const DossierFormat format : kFormats) {
    const std::string archive = district.engine.export_case(origin, kDistrictDispatcher, format);
    for (const std::size_t keep : {archive.size() - 1, archive.size() - 7, archive.size() * 9 / 10, archive.size() / 2,
                                   archive.size() / 10, std::size_t{40}, std::size_t{0}}) {
      try {
        city.engine.import_dossier(kRegistrar, archive.substr(0, keep));
        FAIL() << dossier_format_name(format) << " cut to " << keep << " of " << archive.size() << " was imported";
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::parse_error) << dossier_format_name(format) << " " << keep << ": " << e.what();
      }
    }
    EXPECT_EQ(case_count(city.engine), 0);
  }
}

TEST_F(Transfer, TakingOverAClosedCaseOrArchivingAnOpenOneIsRefused) {
  const std::string open_case = district_letter(district);
  const std::string open_archive = district.engine.export_case(open_case, kDistrictDispatcher, DossierFormat::xml);
  EXPECT_EQ(code_of([&] {
              city.engine.import_dossier(kRegistrar, open_archive, {ImportMode::archive, {}});
            }),
            ErrorCode::invalid_state);
  district.clock->advance(hours(1));
  district.engine.run(open_case, kPortal, Command{"withdraw", Json::object()});
  const std::string withdrawn = district.engine.export_case(open_case, kDistrictDispatcher, DossierFormat::xml);
  city.clock->set(local("2025-03-04 09:00"));
  EXPECT_EQ(code_of([&] { city.engine.import_dossier(kRegistrar, withdrawn); }), ErrorCode::invalid_state);
  EXPECT_EQ(case_count(city.engine), 0);
  const ImportedCase kept = city.engine.import_dossier(kRegistrar, withdrawn, {ImportMode::archive, {}}).cases.at(0);
  const CaseRecord record = city.engine.get(kept.number);
  EXPECT_EQ(record.state.status, CaseStatus::withdrawn);
  EXPECT_EQ(record.state.origin_number, open_case);
  EXPECT_TRUE(city.engine.verify().ok) << city.engine.verify().message;
}

TEST_F(Transfer, ARedactedDossierIsReadNotImported) {
  const std::string number = accusation(district);
  const std::string archive = district.engine.export_case(number, kDistrictRegistrar, DossierFormat::xml);
  const DossierCheck check = check_dossier(read_dossier(archive));
  EXPECT_TRUE(check.ok) << check.message;
  EXPECT_GE(check.redacted_events, 1);
  try {
    city.engine.import_dossier(kRegistrar, archive);
    FAIL() << "a redacted dossier was imported";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_data);
    EXPECT_NE(std::string(e.what()).find("redacted"), std::string::npos) << e.what();
  }
  EXPECT_EQ(case_count(city.engine), 0);
}

}  // namespace
}  // namespace xinfang::testing
