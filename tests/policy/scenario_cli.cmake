# Runs the built `xinfang policy test`: the example suite passes (exit 0); a suite with a broken
# expectation and a scenario naming a missing unit gives the diff, the INVALID line, exit 1 and
# one line on stderr; --json and --junit give the same findings; a missing file is not_found.
# Usage: cmake -DXINFANG=path -DEXAMPLE=file -DFAILING=file -DWORK=dir -P scenario_cli.cmake

function(fail message)
  message(SEND_ERROR "${message}")
endfunction()

function(run_xinfang)
  execute_process(COMMAND ${XINFANG} ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(status "${status}" PARENT_SCOPE)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

run_xinfang(policy test ${EXAMPLE})
if(NOT status EQUAL 0 OR NOT out MATCHES "3 scenarios: 3 passed, 0 failed, 0 invalid\n$" OR NOT err STREQUAL "")
  fail("the example suite: exit ${status}, stdout: ${out}, stderr: ${err}")
endif()

file(MAKE_DIRECTORY ${WORK})
run_xinfang(policy test ${FAILING} --junit ${WORK}/failing.xml)
if(NOT status EQUAL 1)
  fail("a failing suite exits ${status}, not 1")
endif()
foreach(expected
    "FAIL     [^\n]*district-sixty-days.json: still 60 days\n"
    "/scenarios/0/steps/1/expect/clocks/handling/deadline\n"
    "\n +- 2025-05-06 24:00\n +\\+ 2025-04-02 24:00\n"
    "INVALID  [^\n]*: routed to a unit the policy lacks: not_found: scenario /scenarios/1/steps/2/args/unit: 'housing_bureau' is not a unit of this policy"
    "2 scenarios: 0 passed, 1 failed, 1 invalid\n$")
  if(NOT out MATCHES "${expected}")
    fail("a failing suite's report lacks '${expected}': ${out}")
  endif()
endforeach()
if(NOT err MATCHES "^xinfang: error: invalid_data: 2 of 2 scenarios did not pass; first: [^\n]*still 60 days[^\n]*\n$")
  fail("a failing suite's stderr is not one line: ${err}")
endif()
file(READ ${WORK}/failing.xml junit)
if(NOT junit MATCHES "<testsuite name=\"[^\"]*district-sixty-days.json\" tests=\"2\" failures=\"1\" errors=\"1\">"
   OR NOT junit MATCHES "<failure type=\"mismatch\" message=\"1 expectation did not hold\">"
   OR NOT junit MATCHES "<error type=\"not_found\"")
  fail("the JUnit report does not match: ${junit}")
endif()

run_xinfang(policy test ${FAILING} --json)
if(NOT status EQUAL 1)
  fail("--json: a failing suite exits ${status}, not 1")
endif()
string(JSON passed GET "${out}" passed)
string(JSON failed GET "${out}" failed)
string(JSON invalid GET "${out}" invalid)
string(JSON actual GET "${out}" files 0 scenarios 0 mismatches 0 actual)
if(NOT passed STREQUAL "OFF" OR NOT failed EQUAL 1 OR NOT invalid EQUAL 1 OR NOT actual STREQUAL "2025-04-02 24:00")
  fail("--json report: passed ${passed}, failed ${failed}, invalid ${invalid}, actual ${actual}")
endif()

run_xinfang(policy test ${WORK}/no-such-file.json)
if(NOT status EQUAL 1 OR NOT err MATCHES "^xinfang: error: not_found: " OR NOT out MATCHES "INVALID  ")
  fail("a missing file: exit ${status}, stdout ${out}, stderr ${err}")
endif()
