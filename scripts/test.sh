#!/usr/bin/env bash
# Builds and runs every test: the unit, C ABI, CLI, Python, install and example tests, the
# exported-symbol check and the benchmark smoke runs (ctest); the API documentation (Doxygen,
# warnings are errors); then the whole suite again built with Clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, where each fuzz target also runs for a bounded time
# (docs/fuzzing.md). The sanitizer build leaves out the benchmarks (not even built there); the
# browser test, which adds nothing there; the Python and install tests, which load libxinfang.so
# into programs that do not carry the sanitizer runtime; and the ABI check, whose baseline
# describes the ordinary build's library.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
jobs=$(nproc)
started=$SECONDS

# A new build directory is made with Ninja; an existing one keeps the generator it was made with.
generator() {
  [[ -f "$1/CMakeCache.txt" ]] || echo "-GNinja"
}

stage() {
  echo "== $1 (at $((SECONDS - started)) s)"
}

stage "build and test (warnings are errors)"
# -O2 without debug information, which costs a third of the compile time; libxinfang.so's C ABI
# objects keep theirs whatever the build type (CMakeLists.txt), for abidw. The build type stays
# the one scripts/demo.sh gives the same directory, so that the two do not rebuild each other's.
cmake -S . -B build $(generator build) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXINFANG_WERROR=ON \
  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

stage "docs (Doxygen, warnings are errors)"
cmake --build build --target docs

stage "build and test with Clang, AddressSanitizer and UndefinedBehaviorSanitizer; fuzz"
# -O1: the tests spend most of their time in the code under test, which -O0 leaves several times
# slower; line tables are all the sanitizers' reports need. A unity build (each target's files
# compiled 8 at a time as one translation unit) takes two fifths less compile time: the headers'
# templates are instantiated and instrumented once per batch instead of once per file. It is
# kept to this build, which starts afresh in CI; the ordinary build above still compiles every
# file on its own, so that each one keeps including what it uses (docs/conventions.md).
cmake -S . -B build-sanitize $(generator build-sanitize) -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS_DEBUG=-O1 -gline-tables-only" \
  "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" -DXINFANG_WERROR=ON -DXINFANG_BUILD_DOCS=OFF \
  -DXINFANG_BUILD_BENCHMARKS=OFF -DXINFANG_SANITIZE=address,undefined -DXINFANG_FUZZ=ON \
  -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 >/dev/null
cmake --build build-sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-sanitize --output-on-failure -j "$jobs" -LE "bench|browser|python|install|abi"
stage "done"
