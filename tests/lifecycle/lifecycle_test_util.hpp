// Shared helpers of the lifecycle tests: the cn-national-2022 preset, its actors, local times,
// and a case driven by real commands (decide, then apply) the way the engine drives it.
#ifndef XINFANG_TESTS_LIFECYCLE_TEST_UTIL_HPP
#define XINFANG_TESTS_LIFECYCLE_TEST_UTIL_HPP

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "xinfang/calendar.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"
#include "xinfang/policy.hpp"

namespace xinfang {
/// Prints error codes by name in test failures.
inline void PrintTo(ErrorCode code, std::ostream* os) {
  *os << error_code_name(code);
}
}  // namespace xinfang

namespace xinfang::testing {

/// The policy every lifecycle test runs under.
const Policy& national_policy();
/// The national calendar.
const Calendar& national_calendar();

/// "2025-03-03 09:00" in Asia/Shanghai, as a UTC instant.
Instant local(const std::string& text);

/// The actors of the example tree of cn-national-2022.
Actor registrar();   ///< 登记员, city petition office.
Actor dispatcher();  ///< 分办员, city petition office.
Actor handler_in(const std::string& unit, const std::string& organisation = "city");  ///< 承办人 of a unit.
Actor unit_leader_in(const std::string& unit, const std::string& organisation = "city");
Actor org_leader(const std::string& organisation = "city");    ///< 机关负责人.
Actor reviewer(const std::string& organisation = "province");  ///< 复查复核人员 one level up.
Actor petitioner();                                            ///< 信访人本人 through the portal.
Actor confidential_reader();                                   ///< 检举控告信息查阅, city petition office.
Actor with_roles(Actor actor, std::vector<std::string> roles);

/// The 承办人 of social assistance, the unit build_case() routes to.
inline const Actor kHandler = handler_in("social_assistance");

/// The salt and query code the intake helpers use.
inline constexpr const char* kSalt = "test-salt";
inline constexpr const char* kQueryCode = "ABCDEFGHJK";

/// The args of a claim letter about social assistance, petition_handling route, one petitioner.
Json claim_letter_args(const std::string& received_at = "2025-03-03T08:30:00+08:00");

/// An error's code, or ok if @p action succeeds.
ErrorCode code_of(const std::function<void()>& action);
/// The message of the error @p action throws ("" if none).
std::string message_of(const std::function<void()>& action);
/// Whether @p text contains @p part.
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// A case under cn-national-2022, driven by commands.
class TestCase {
 public:
  TestCase();
  /// Registers the case with @p args at @p at (by the registrar unless @p actor is given).
  TestCase& intake(const Json& args, Instant at, std::optional<Actor> actor = std::nullopt,
                   std::vector<PriorCase> prior = {});
  /// Decides and applies one command; fails the test if it is refused.
  TestCase& run(const std::string& name, const Json& args, const Actor& actor, Instant at);
  /// Decides a command without applying it.
  std::vector<Event> decide(const std::string& name, const Json& args, const Actor& actor, Instant at,
                            std::vector<PriorCase> prior = {}) const;
  /// The error code of deciding a command (ok if it would succeed).
  ErrorCode attempt(const std::string& name, const Json& args, const Actor& actor, Instant at) const;
  /// The error message of deciding a command ("" if it would succeed).
  std::string refusal(const std::string& name, const Json& args, const Actor& actor, Instant at) const;

  const CaseState& state() const { return state_; }
  const std::vector<Event>& events() const { return events_; }
  /// The time of the last event.
  Instant last_at() const;

  std::string number = "MZJ-2025-000001X";
  /// The policy commands are decided under (cn-national-2022 unless a test changes it).
  const Policy* policy = &national_policy();

 private:
  CaseState state_;
  std::vector<Event> events_;
};

/// Brings a case into a status by the commands an office would use. @p column is a status name,
/// with "rated" split into "rated_reply" and "rated_review".
TestCase build_case(const std::string& column);

/// A command attempt: arguments, actor and time.
struct Probe {
  Json args;
  Actor actor;
  Instant at;
};

/// An attempt of @p command that succeeds if @p state's status allows it: the right actor, valid
/// arguments, inside every window (archive: after the review periods have run out). @p last is
/// the time of the case's last event.
Probe probe(const std::string& command, const CaseState& state, Instant last);

/// A case in a status that allows @p command (with an extension request pending for the
/// extension decisions; a new case for intake).
TestCase ready_for(const std::string& command);
/// The probe of @p command on @p c.
Probe ready_probe(const std::string& command, const TestCase& c);

/// The full view (a confidential reader's): used to compare states.
Json full_view(const CaseState& state);

}  // namespace xinfang::testing

#endif
