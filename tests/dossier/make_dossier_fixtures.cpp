// Writes the dossier fixtures of the archive version this library writes (kDossierVersion) into
// the directory given: a claim forwarded by the district to the city in the three forms, and a
// period's concluded cases. Each archive version's fixtures are made once, committed under
// tests/dossier/fixtures/v<N>/, and never rewritten: every later version must read them
// (dossier_fixture_test.cpp). Usage: make_dossier_fixtures DIR
#include <fstream>
#include <iostream>

#include "dossier_test_util.hpp"

using namespace xinfang;
using namespace xinfang::testing;

namespace {

void write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path);
  std::cout << path << " (" << bytes.size() << " bytes)\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_dossier_fixtures DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  try {
    TestEngine district(":memory:", local("2025-03-03 09:00"));
    add_district_staff(district.engine);
    district.add_staff();
    const std::string forwarded = forwarded_claim(district);
    // One export (one `exported` event), written in each form.
    const std::string xml = district.engine.export_case(forwarded, kDistrictDispatcher, DossierFormat::xml);
    write(dir + "/forwarded.xml", xml);
    write(dir + "/forwarded.txt", write_dossier(read_dossier(xml), DossierFormat::text));
    write(dir + "/forwarded.bin", write_dossier(read_dossier(xml), DossierFormat::binary));
    const std::string withdrawn = district_letter(district);
    district.clock->advance(boost::posix_time::hours(3));
    district.engine.run(withdrawn, kPortal, Command{"withdraw", Json::object()});
    district.clock->set(local("2025-04-07 09:00"));
    write(dir + "/concluded-2025-03.xml",
          district.engine.export_concluded(parse_report_period("2025-03", district.engine.calendar()),
                                           kDistrictDispatcher, DossierFormat::xml));
  } catch (const std::exception& e) {
    std::cerr << "make_dossier_fixtures: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
