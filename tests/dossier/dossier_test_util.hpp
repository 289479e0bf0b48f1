// Shared by the dossier tests: a district's database and a city's, and what they hold.
#ifndef XINFANG_TESTS_DOSSIER_TEST_UTIL_HPP
#define XINFANG_TESTS_DOSSIER_TEST_UTIL_HPP

#include <string>

#include "../engine/engine_test_util.hpp"
#include "xinfang/dossier.hpp"
#include "xinfang/engine.hpp"

namespace xinfang::testing {

/// Staff of the district (cn-national-2022's example tree).
inline constexpr const char* kDistrictRegistrar = "d-reg";
inline constexpr const char* kDistrictDispatcher = "d-disp";
inline constexpr const char* kDistrictReader = "d-conf";  ///< registrar and confidential_reader

/// Adds the district's staff to @p engine.
void add_district_staff(Engine& engine);

/// A claim letter registered at the district; its number.
std::string district_letter(TestEngine& district);

/// A claim letter registered at the district and forwarded (转送) to the city; its number.
std::string forwarded_claim(TestEngine& district);

/// A 检举控告 letter registered at the district; its number.
std::string accusation(TestEngine& district);

/// The three forms.
inline constexpr DossierFormat kFormats[] = {DossierFormat::xml, DossierFormat::text, DossierFormat::binary};

/// How many cases @p engine holds.
std::int64_t case_count(const Engine& engine);

}  // namespace xinfang::testing

#endif
