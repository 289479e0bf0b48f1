// A letter that belongs to the city arrives at a district: the district registers it, forwards
// it (转送) and exports its dossier; the city, on its own database, checks the dossier, takes the
// case over under a local number, accepts it, and both audit chains verify. At the end of the
// year the district archives its concluded cases in one binary dossier.
//
// Usage: example_cpp_dossier_transfer   (its files are made in $TMPDIR and removed)
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "xinfang/engine.hpp"

using namespace xinfang;
using boost::posix_time::hours;
using boost::posix_time::time_from_string;

namespace {

Engine open_at(const std::string& path, const std::shared_ptr<ManualClock>& clock) {
  EngineOptions options;
  options.database = path;
  options.policy = "cn-national-2022";
  options.clock = clock;
  return Engine::open(options);
}

}  // namespace

int main() {
  const char* tmp = std::getenv("TMPDIR");
  const std::string base =
      std::string(tmp != nullptr ? tmp : "/tmp") + "/xinfang-dossier-example-" + std::to_string(getpid());
  const std::string district_file = base + "-district.db";
  const std::string city_file = base + "-city.db";
  int status = 1;
  try {
    auto clock = std::make_shared<ManualClock>(time_from_string("2025-03-03 01:00:00"));
    Engine district = open_at(district_file, clock);
    district.put_staff("admin", {"d-reg", "区登记员", "district", "petition_office_district", {"registrar"}, true});
    district.put_staff("admin", {"d-disp", "区分办员", "district", "petition_office_district", {"dispatcher"}, true});

    Petition letter;
    letter.channel = "letter";
    letter.type = PetitionType::claim;
    letter.sub_route = "petition_handling";
    letter.category = "social_assistance";
    letter.subject = "市级养老服务补贴未发放";
    letter.content = "本人申请的市级养老服务补贴至今未发放，请求核查。";
    letter.petitioners.push_back({"王某", "110101195001011234", "13900139000", "", false});
    const std::string there = district.intake("d-reg", letter).number;
    clock->advance(hours(3));
    district.forward(there, "d-disp", "city", "市级补贴由市民政局办理");
    // The dossier: the case's whole log, hash for hash; the export itself is its last event.
    const std::string dossier = district.export_case(there, "d-disp", DossierFormat::xml);
    const Dossier read = read_dossier(dossier);
    std::cout << "district exported " << there << ": " << read.cases[0].events.size() << " events, last hash "
              << read.cases[0].head_hash.substr(0, 16) << "…\n";

    clock->advance(hours(20));
    Engine city = open_at(city_file, clock);
    city.put_staff("admin", {"reg-1", "登记员甲", "city", "petition_office", {"registrar"}, true});
    city.put_staff("admin", {"disp-1", "分办员乙", "city", "petition_office", {"dispatcher"}, true});
    const DossierCheck check = check_dossier(read);
    std::cout << "the city checks it: " << (check.ok ? "the chain holds" : check.message) << "\n";
    const ImportedCase here = city.import_dossier("reg-1", dossier).cases.at(0);
    std::cout << "the city took it over as " << here.number << " (from " << here.origin_number << ")\n";
    for (const ClockReport& clock_report : city.clocks(here.number)) {
      if (clock_report.id == "notification") {
        std::cout << "书面告知 due " << boost::posix_time::to_simple_string(clock_report.deadline)
                  << " UTC, from the receipt\n";
      }
    }
    clock->advance(hours(2));
    city.accept(here.number, "disp-1");

    // A retry of the same import makes no second case.
    const bool again = city.import_dossier("reg-1", dossier).cases.at(0).created;

    // The district's year: its concluded cases (the forwarded one among them) in one archive.
    clock->set(time_from_string("2026-01-05 01:00:00"));
    const std::string year =
        district.export_concluded(parse_report_period("2025", district.calendar()), "d-disp", DossierFormat::binary);
    std::cout << "the district's 2025 archive: " << read_dossier(year).cases.size() << " case(s), " << year.size()
              << " bytes\n";

    const VerifyReport district_check = district.verify();
    const VerifyReport city_check = city.verify();
    if (!again && district_check.ok && city_check.ok) {
      std::cout << "transferred once, district and city chains verified\n";
      status = 0;
    }
  } catch (const Error& e) {
    std::cerr << "error: " << error_code_name(e.code()) << ": " << e.what() << "\n";
  }
  for (const std::string& file : {district_file, city_file}) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((file + suffix).c_str());
  }
  return status;
}
