#include "dossier_test_util.hpp"

namespace xinfang::testing {

void add_district_staff(Engine& engine) {
  const auto put = [&](const char* id, const char* name, std::vector<std::string> roles) {
    engine.put_staff(kAdmin, StaffMember{id, name, "district", "petition_office_district", std::move(roles), true});
  };
  put(kDistrictRegistrar, "区登记员", {"registrar"});
  put(kDistrictDispatcher, "区分办员", {"dispatcher"});
  put(kDistrictReader, "区查阅员", {"registrar", "confidential_reader"});
}

std::string district_letter(TestEngine& district) {
  Json letter = letter_at(district.clock->now());
  letter["received_by"] = kDistrictRegistrar;
  return district.engine.intake_json(kDistrictRegistrar, letter).number;
}

std::string forwarded_claim(TestEngine& district) {
  const std::string number = district_letter(district);
  district.clock->advance(boost::posix_time::hours(26));
  district.engine.run(number, kDistrictDispatcher, Command{"forward", {{"organisation", "city"}}});
  district.clock->advance(boost::posix_time::hours(1));
  return number;
}

std::string accusation(TestEngine& district) {
  Json letter = letter_at(district.clock->now());
  letter["received_by"] = kDistrictRegistrar;
  letter["type"] = "accusation";
  letter.erase("sub_route");
  letter["subject"] = "反映某站点负责人违规发放补贴";
  letter["content"] = "举报某站点负责人违规发放补贴，请依法查处。";
  return district.engine.intake_json(kDistrictRegistrar, letter).number;
}

std::int64_t case_count(const Engine& engine) {
  return engine.count(CaseFilter{});
}

}  // namespace xinfang::testing
