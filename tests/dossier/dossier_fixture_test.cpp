// The archives of every earlier dossier version, kept in tests/dossier/fixtures/v<N>/ as they
// were written (make_dossier_fixtures.cpp), are read by this version: the same content in each
// form, a chain that holds, and a case that can still be taken over or archived.
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "dossier_test_util.hpp"

namespace xinfang::testing {
namespace {

std::string fixture(unsigned version, const std::string& name) {
  const std::string path = std::string(XINFANG_DOSSIER_FIXTURES) + "/v" + std::to_string(version) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> event_types(const DossierCase& c) {
  std::vector<std::string> types;
  for (const DossierEvent& e : c.events) types.push_back(e.type);
  return types;
}

TEST(DossierFixtures, EveryVersionsForwardedCaseReadsTheSameInEveryForm) {
  for (unsigned version = 1; version <= kDossierVersion; ++version) {
    SCOPED_TRACE("version " + std::to_string(version));
    const Dossier xml = read_dossier(fixture(version, "forwarded.xml"));
    for (const char* name : {"forwarded.txt", "forwarded.bin"}) {
      const Dossier other = read_dossier(fixture(version, name));
      ASSERT_EQ(other.cases.size(), 1U) << name;
      EXPECT_EQ(other.cases[0].number, xml.cases.at(0).number) << name;
      EXPECT_EQ(event_types(other.cases[0]), event_types(xml.cases[0])) << name;
      EXPECT_EQ(other.cases[0].head_hash, xml.cases[0].head_hash) << name;
      EXPECT_TRUE(check_dossier(other).ok) << name << ": " << check_dossier(other).message;
    }
    ASSERT_EQ(xml.cases.size(), 1U);
    const DossierCase& c = xml.cases[0];
    EXPECT_EQ(c.number.rfind("QMZJ-", 0), 0U) << c.number;
    EXPECT_EQ(c.status, "forwarded");
    EXPECT_EQ(c.organisation, "district");
    ASSERT_GE(c.events.size(), 3U);
    EXPECT_EQ(c.events[0].type, "registered");
    EXPECT_EQ(c.events[1].type, "forwarded");
    EXPECT_EQ(c.events.back().type, "exported");
    EXPECT_EQ(c.attachments.size(), 1U);
    const DossierCheck check = check_dossier(xml);
    EXPECT_TRUE(check.ok) << check.message;

    TempDir dir;
    TestEngine city{dir.file("city.db"), local("2025-03-06 09:00")};
    city.add_staff();
    const ImportedCase received = city.engine.import_dossier(kRegistrar, fixture(version, "forwarded.bin")).cases.at(0);
    EXPECT_EQ(received.origin_number, c.number);
    EXPECT_EQ(city.engine.get(received.number).state.status, CaseStatus::registered);
    EXPECT_TRUE(city.engine.verify().ok) << city.engine.verify().message;
  }
}

TEST(DossierFixtures, EveryVersionsBulkExportIsArchived) {
  for (unsigned version = 1; version <= kDossierVersion; ++version) {
    SCOPED_TRACE("version " + std::to_string(version));
    const std::string bytes = fixture(version, "concluded-2025-03.xml");
    const Dossier dossier = read_dossier(bytes);
    EXPECT_EQ(dossier.period_from, "2025-03-01");
    EXPECT_EQ(dossier.period_to, "2025-03-31");
    ASSERT_EQ(dossier.cases.size(), 2U);
    TempDir dir;
    TestEngine archive{dir.file("archive.db"), local("2025-05-01 09:00")};
    archive.add_staff();
    const ImportResult kept = archive.engine.import_dossier(kRegistrar, bytes, {ImportMode::archive, {}});
    EXPECT_EQ(kept.cases.size(), 2U);
    EXPECT_EQ(case_count(archive.engine), 2);
    EXPECT_TRUE(archive.engine.verify().ok) << archive.engine.verify().message;
  }
}

}  // namespace
}  // namespace xinfang::testing
