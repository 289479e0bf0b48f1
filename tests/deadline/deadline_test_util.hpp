// What the clock tests share: a step of a clock's ladder found by its id.
#ifndef XINFANG_TESTS_DEADLINE_DEADLINE_TEST_UTIL_HPP
#define XINFANG_TESTS_DEADLINE_DEADLINE_TEST_UTIL_HPP

#include <stdexcept>
#include <string>

#include "xinfang/deadline.hpp"

namespace xinfang::testing {

/// The step of @p report's ladder with id @p id; throws if there is none.
inline const LadderStep& step_of(const ClockReport& report, const std::string& id) {
  for (const LadderStep& step : report.ladder) {
    if (step.id == id) return step;
  }
  throw std::runtime_error("no step " + id);
}

}  // namespace xinfang::testing

#endif
