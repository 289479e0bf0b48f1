// Internal: reading a step's "expect" (scenario_read_expect.cpp).
#ifndef XINFANG_SRC_SCENARIO_SCENARIO_READ_EXPECT_HPP
#define XINFANG_SRC_SCENARIO_SCENARIO_READ_EXPECT_HPP

#include <set>
#include <string>

#include "scenario/scenario_internal.hpp"

namespace xinfang::scenario_detail {

/** What an expectation may refer to. */
struct ExpectContext {
  const Policy& policy;
  const Calendar& calendar;
  const std::set<std::string>& staff;
  const std::set<std::string>& cases;
  const std::string& last_case;  // the case the step acted on, or the one before
};

/** Reads "expect" at @p path; @p runs_command: the step is an intake or a command (it may expect an error). */
Expectation read_expectation(const Json& value, const std::string& path, const ExpectContext& context,
                             bool runs_command);

}  // namespace xinfang::scenario_detail

#endif
