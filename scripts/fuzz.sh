#!/usr/bin/env bash
# Runs one fuzz target for longer than the test command does (docs/fuzzing.md).
# Usage: scripts/fuzz.sh TARGET [SECONDS] [LIBFUZZER_OPTION...]
#   TARGET   policy, calendar, intake, intake_batch, command or list
#   SECONDS  how long to fuzz (default 600)
# Builds the target in build-fuzz (Clang, AddressSanitizer, UndefinedBehaviorSanitizer), then
# fuzzes from a working corpus kept in build-fuzz/fuzz/TARGET/corpus — the committed seeds plus
# whatever earlier runs found — so that a second run goes on where the first stopped. Inputs that
# crash or break an invariant are written to build-fuzz/fuzz/TARGET/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
targets="policy calendar intake intake_batch command list"
target="${1:-}"
if [[ -z "$target" || " $targets " != *" $target "* ]]; then
  echo "usage: scripts/fuzz.sh TARGET [SECONDS] [LIBFUZZER_OPTION...]; TARGET is one of: $targets" >&2
  exit 2
fi
seconds="${2:-600}"
shift $(($# < 2 ? $# : 2))
scripts/install-deps.sh --test

build=build-fuzz
[[ -f "$build/CMakeCache.txt" ]] || generator=-GNinja
cmake -S . -B "$build" ${generator:-} -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS_DEBUG=-O1 -gline-tables-only" \
  "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" -DXINFANG_BUILD_DOCS=OFF -DXINFANG_BUILD_BENCHMARKS=OFF \
  -DXINFANG_SANITIZE=address,undefined -DXINFANG_FUZZ=ON >/dev/null
cmake --build "$build" --target "${target}_fuzzer" -j "$(nproc)"

work="$build/fuzz/$target"
mkdir -p "$work/corpus" "$work/crashes" "$work/tmp"
cp -n tests/fuzz/corpus/"$target"/* "$work/corpus/"
options=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
  -dict="tests/fuzz/dictionaries/$target.dict" -artifact_prefix="$work/crashes/")
# As in the test command: the engine's caches would make libFuzzer stop for a leak check after
# every input; leaks are still looked for when the process exits.
[[ "$target" == policy || "$target" == calendar ]] || options+=(-detect_leaks=0)

status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  TMPDIR="$work/tmp" "$build/tests/fuzz/${target}_fuzzer" "${options[@]}" "$@" "$work/corpus" || status=$?
rm -rf "${work:?}/tmp"/*

echo
echo "working corpus: $work/corpus ($(ls "$work/corpus" | wc -l) inputs)"
if [[ -n "$(ls -A "$work/crashes")" ]]; then
  echo "inputs that failed: $work/crashes/"
  ls -l "$work/crashes"
  echo "Replay one with: $build/tests/fuzz/${target}_fuzzer FILE"
  echo "Once it is fixed, keep it as a regression input (it then runs in every build):"
  echo "  cp FILE tests/fuzz/regressions/$target/WHAT_BROKE"
else
  echo "no failing inputs in $work/crashes/"
fi
exit "$status"
