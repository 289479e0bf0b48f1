// Helpers shared by the calendar tests: error assertions, test-data files, fixed instants, the
// calendars several files query.
#ifndef XINFANG_TESTS_CALENDAR_CALENDAR_TEST_UTIL_HPP
#define XINFANG_TESTS_CALENDAR_CALENDAR_TEST_UTIL_HPP

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "xinfang/calendar.hpp"
#include "xinfang/error.hpp"

namespace xinfang::test {

/**
 * Succeeds when @p body throws xinfang::Error with @p code and, if @p needle is not empty, a
 * message containing @p needle. Any other outcome (no throw, another code, another exception
 * type) fails with a message that says what happened instead.
 */
template <typename F>
::testing::AssertionResult ThrowsXf(F&& body, ErrorCode code, std::string_view needle = {}) {
  try {
    body();
  } catch (const Error& e) {
    if (e.code() != code) {
      return ::testing::AssertionFailure() << "threw " << error_code_name(e.code()) << " (\"" << e.what()
                                           << "\"), expected " << error_code_name(code);
    }
    if (!needle.empty() && std::string_view(e.what()).find(needle) == std::string_view::npos) {
      return ::testing::AssertionFailure() << "threw " << error_code_name(code) << " with message \"" << e.what()
                                           << "\", which does not contain \"" << needle << "\"";
    }
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-xinfang exception: " << e.what();
  } catch (...) {
    return ::testing::AssertionFailure() << "threw something that is not a std::exception";
  }
  return ::testing::AssertionFailure() << "did not throw; expected " << error_code_name(code);
}

#define XF_EXPECT_ERROR(statement, code) \
  EXPECT_TRUE(::xinfang::test::ThrowsXf([&] { static_cast<void>(statement); }, (code))) << #statement
#define XF_EXPECT_ERROR_MSG(statement, code, needle) \
  EXPECT_TRUE(::xinfang::test::ThrowsXf([&] { static_cast<void>(statement); }, (code), (needle))) << #statement

/** The bytes of a file in tests/calendar/data/. */
inline std::string ReadTestData(const std::string& name) {
  const std::string path = std::string(XF_TEST_DATA_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open test data file " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/** The UTC instant of local wall time @p h:@p m on @p day in a zone @p offset_minutes east of UTC. */
inline Instant LocalTime(Date day, int h, int m, int offset_minutes = 480) {
  return Instant(day, boost::posix_time::hours(h) + boost::posix_time::minutes(m)) -
         boost::posix_time::minutes(offset_minutes);
}

/** An instant given directly in UTC. */
inline Instant Utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return Instant(Date(y, mo, d),
                 boost::posix_time::hours(h) + boost::posix_time::minutes(mi) + boost::posix_time::seconds(s));
}

/** The national calendar. */
inline const Calendar& cn() {
  return Calendar::national();
}

/** The national calendar with an office's business hours, 08:30-12:00 and 13:30-17:30. */
inline const Calendar& office() {
  static const Calendar c = Calendar::from_json(
      R"({"name": "office", "base": "cn-national", "business_hours": [["08:30", "12:00"], ["13:30", "17:30"]]})");
  return c;
}

inline bool IsWeekend(Date day) {
  const auto dow = day.day_of_week();
  return dow == boost::date_time::Saturday || dow == boost::date_time::Sunday;
}

}  // namespace xinfang::test

#endif
