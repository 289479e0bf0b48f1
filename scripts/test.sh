#!/usr/bin/env bash
# Builds and runs every test: the unit, C ABI, CLI and example tests, the exported-symbol check
# and the benchmark smoke runs (ctest); the API documentation (Doxygen, warnings are errors);
# then the whole suite again built with AddressSanitizer and UndefinedBehaviorSanitizer (without
# the benchmarks, not even built there, and the browser test, which add nothing there).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
jobs=$(nproc)

echo "== build and test (warnings are errors)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXINFANG_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== docs (Doxygen, warnings are errors)"
cmake --build build --target docs

echo "== build and test with AddressSanitizer and UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DXINFANG_WERROR=ON -DXINFANG_BUILD_DOCS=OFF \
  -DXINFANG_BUILD_BENCHMARKS=OFF -DXINFANG_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE "bench|browser"
