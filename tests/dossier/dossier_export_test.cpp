// Exports: redaction of a 检举控告 petitioner's identity (absent from the bytes, not masked), the
// export as an event, and the bulk export of a period's concluded cases with its import.
#include <gtest/gtest.h>

#include "dossier_test_util.hpp"

namespace xinfang::testing {
namespace {

using boost::posix_time::hours;

class Export : public ::testing::Test {
 protected:
  TempDir dir;
  TestEngine district{dir.file("district.db"), local("2025-03-03 09:00")};

  void SetUp() override {
    add_district_staff(district.engine);
    district.add_staff();
  }
};

// Everything that would identify the reporter: the petition's fields and the salted hashes.
std::vector<std::string> identity_of(const CaseState& state) {
  std::vector<std::string> traces;
  for (const Petitioner& p : state.petitioners) {
    for (const std::string& field : {p.name, p.id_number, p.phone, p.address}) {
      if (!field.empty()) traces.push_back(field);
    }
  }
  for (const std::string& hash : state.identity_hashes) traces.push_back(hash);
  return traces;
}

TEST_F(Export, AReporterIsAbsentFromADossierExportedWithoutTheConfidentialRole) {
  const std::string number = accusation(district);
  const std::vector<std::string> traces = identity_of(district.engine.get(number).state);
  ASSERT_GE(traces.size(), 5U);  // name, id number, phone, address and their hashes
  for (const DossierFormat format : kFormats) {
    district.clock->advance(hours(1));
    const std::string archive = district.engine.export_case(number, kDistrictRegistrar, format);
    for (const std::string& trace : traces) {
      EXPECT_EQ(archive.find(trace), std::string::npos) << dossier_format_name(format) << " holds " << trace;
    }
    const Dossier dossier = read_dossier(archive);
    ASSERT_EQ(dossier.cases.size(), 1U);
    EXPECT_TRUE(dossier.cases[0].redacted);
    EXPECT_TRUE(dossier.cases[0].events.front().redacted);  // registered: the petitioners
    EXPECT_FALSE(dossier.cases[0].events.back().redacted);  // exported: nothing of theirs
    // Absent, not masked: the petitioner keeps only the fields that do not identify.
    const Json state = Json::parse(dossier.cases[0].state);
    EXPECT_EQ(state.at("petitioners").at(0), Json({{"representative", false}}));
    EXPECT_FALSE(state.contains("identity_hashes"));
    // The export is an event of the case, and says it was redacted.
    const CaseRecord record = district.engine.get(number);
    const StoredEvent& exported = record.events.back();
    EXPECT_EQ(exported.event.type, "exported");
    EXPECT_EQ(exported.event.actor.id, kDistrictRegistrar);
    EXPECT_EQ(exported.event.payload.at("redacted"), true);
    EXPECT_EQ(exported.event.payload.at("format"), dossier_format_name(format));
  }
  EXPECT_TRUE(district.engine.verify().ok) << district.engine.verify().message;
}

TEST_F(Export, AConfidentialReaderExportsTheWholeCase) {
  const std::string number = accusation(district);
  const std::string archive = district.engine.export_case(number, kDistrictReader, DossierFormat::xml);
  EXPECT_NE(archive.find("11010119800101123x"), std::string::npos);
  const Dossier dossier = read_dossier(archive);
  EXPECT_FALSE(dossier.cases.at(0).redacted);
  EXPECT_EQ(district.engine.get(number).events.back().event.payload.at("redacted"), false);
  // Taken over by the city, the case stays confidential there.
  TestEngine city{dir.file("city.db"), local("2025-03-04 09:00")};
  city.add_staff();
  const std::string here = city.engine.import_dossier(kRegistrar, archive).cases.at(0).number;
  EXPECT_TRUE(city.engine.view(here, kRegistrar).at("redacted").get<bool>());
  EXPECT_TRUE(city.engine.verify().ok);
}

TEST_F(Export, AnExportNeedsAnActiveStaffMemberAndAnExistingCase) {
  const std::string number = district_letter(district);
  EXPECT_EQ(code_of([&] { district.engine.export_case(number, "nobody", DossierFormat::xml); }), ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] { district.engine.export_case(number, kRegistrar, DossierFormat::xml); }),
            ErrorCode::forbidden);  // the city's staff: the case is the district's
  EXPECT_EQ(code_of([&] { district.engine.export_case(number, kPortal, DossierFormat::xml); }), ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] {
              district.engine.export_concluded(parse_report_period("2025", district.engine.calendar()), kPortal,
                                               DossierFormat::xml);
            }),
            ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] { district.engine.export_case("QMZJ-0000", kDistrictRegistrar, DossierFormat::xml); }),
            ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { district.engine.export_case("\xff", kDistrictRegistrar, DossierFormat::xml); }),
            ErrorCode::invalid_utf8);
  EXPECT_EQ(district.engine.get(number).events.size(), 1U);  // a refused export is no event
}

// A period's concluded cases, and only they, in one dossier; kept by an archive database.
TEST_F(Export, APeriodsConcludedCasesGoToOneDossierAndIntoAnArchive) {
  std::vector<std::string> concluded;
  concluded.push_back(forwarded_claim(district));  // forwarded 03-04
  const std::string withdrawn = district_letter(district);
  district.clock->advance(hours(3));
  district.engine.run(withdrawn, kPortal, Command{"withdraw", Json::object()});
  concluded.push_back(withdrawn);
  const std::string still_open = district_letter(district);
  district.clock->set(local("2025-04-02 10:00"));
  const std::string in_april = district_letter(district);
  district.clock->advance(hours(1));
  district.engine.run(in_april, kPortal, Command{"withdraw", Json::object()});

  district.clock->set(local("2025-05-06 09:00"));
  std::vector<std::size_t> progress;
  const std::string archive = district.engine.export_concluded(
      parse_report_period("2025-03", district.engine.calendar()), kDistrictDispatcher, DossierFormat::binary,
      [&](std::size_t done, std::size_t total) { progress.push_back(done * 100 + total); });
  const Dossier dossier = read_dossier(archive);
  EXPECT_EQ(dossier.period_from, "2025-03-01");
  EXPECT_EQ(dossier.period_to, "2025-03-31");
  std::vector<std::string> numbers;
  for (const DossierCase& c : dossier.cases) numbers.push_back(c.number);
  std::sort(numbers.begin(), numbers.end());
  std::sort(concluded.begin(), concluded.end());
  EXPECT_EQ(numbers, concluded);
  EXPECT_EQ(progress, (std::vector<std::size_t>{102, 202}));
  for (const std::string& number : concluded) {
    const CaseRecord record = district.engine.get(number);
    const StoredEvent& exported = record.events.back();
    EXPECT_EQ(exported.event.type, "exported");
    EXPECT_EQ(exported.event.payload.at("period"), "2025-03");
  }
  EXPECT_NE(district.engine.get(still_open).events.back().event.type, "exported");
  EXPECT_EQ(district.engine.get(in_april).events.back().event.type, "withdrawn");

  TestEngine archive_db{dir.file("archive.db"), local("2025-05-07 09:00")};
  archive_db.add_staff();
  const ImportResult kept = archive_db.engine.import_dossier(kRegistrar, archive, {ImportMode::archive, {}});
  ASSERT_EQ(kept.cases.size(), 2U);
  for (const ImportedCase& c : kept.cases) {
    EXPECT_TRUE(c.created);
    const CaseState there = district.engine.get(c.origin_number).state;
    const CaseState here = archive_db.engine.get(c.number).state;
    EXPECT_EQ(here.status, there.status);
    EXPECT_EQ(here.organisation, "district");
    EXPECT_EQ(here.origin_number, c.origin_number);
  }
  const VerifyReport check = archive_db.engine.verify();
  EXPECT_TRUE(check.ok) << check.message;
  const ImportResult again = archive_db.engine.import_dossier(kRegistrar, archive, {ImportMode::archive, {}});
  EXPECT_FALSE(again.cases.at(0).created);
  EXPECT_FALSE(again.cases.at(1).created);
  EXPECT_EQ(case_count(archive_db.engine), 2);
  EXPECT_EQ(again.to_json().at("cases").size(), 2U);
}

TEST_F(Export, APeriodWithoutConcludedCasesGivesAnEmptyDossier) {
  district_letter(district);
  const std::string archive = district.engine.export_concluded(parse_report_period("2024", district.engine.calendar()),
                                                               kDistrictDispatcher, DossierFormat::xml);
  EXPECT_TRUE(read_dossier(archive).cases.empty());
  TestEngine other{dir.file("other.db"), local("2025-05-07 09:00")};
  other.add_staff();
  EXPECT_TRUE(other.engine.import_dossier(kRegistrar, archive).cases.empty());
}

}  // namespace
}  // namespace xinfang::testing
