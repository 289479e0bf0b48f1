#!/usr/bin/env bash
# Runs one libFuzzer program for a bounded time on a copy of its seed corpus, so that the
# repository is never written. Usage:
#   run-fuzzer.sh FUZZER CORPUS SECONDS CRASH_DIRECTORY [LIBFUZZER_OPTION...]
# A crash (or leak, or broken invariant, or an input slower than 25 s) fails the run; its input
# is kept in CRASH_DIRECTORY, to be added under tests/fuzz/regressions/<target>/ once fixed.
set -euo pipefail
fuzzer="$1"
corpus="$2"
seconds="$3"
crashes="$4"
shift 4

work=$(mktemp -d "${TMPDIR:-/tmp}/xf-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/tmp" "$crashes"
cp "$corpus"/* "$work/corpus/"

options=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
  -artifact_prefix="$crashes/" "$@")

# The engine targets make their database under TMPDIR: inside $work, removed even after a crash.
if TMPDIR="$work/tmp" "$fuzzer" "${options[@]}" "$work/corpus"; then
  echo "$(basename "$fuzzer"): ${seconds} s without a finding"
else
  status=$?
  echo "$(basename "$fuzzer") failed (exit $status); the input is in $crashes/:" >&2
  ls -l "$crashes" >&2
  exit "$status"
fi
