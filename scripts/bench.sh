#!/usr/bin/env bash
# Builds the benchmarks in Release mode (with the benchmark-only comparison libraries) and runs
# them with repetitions, reporting medians; docs/performance.md records the figures.
#
#   scripts/bench.sh                   calendar_bench, then engine_bench (about 15 minutes)
#   scripts/bench.sh calendar [ARGS]   calendar_bench only, with ARGS
#   scripts/bench.sh engine [ARGS]     engine_bench only, with ARGS (e.g. --engine_keep_large)
#
# Without a selector, ARGS go to both programs, so they must be Google Benchmark flags.
# engine_bench writes its databases (up to about 4 GB) under build-bench/tests/bench and deletes
# them at exit unless given --engine_keep_large.
set -euo pipefail
cd "$(dirname "$0")/.."
which=all
if [[ "${1:-}" == calendar || "${1:-}" == engine ]]; then
  which=$1
  shift
fi
scripts/install-deps.sh --bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DXINFANG_BUILD_BENCHMARKS=ON -DXINFANG_BUILD_DOCS=OFF >/dev/null
if [[ $which != engine ]]; then
  cmake --build build-bench --target calendar_bench -j "$(nproc)"
  build-bench/tests/bench/calendar_bench --benchmark_repetitions=9 --benchmark_report_aggregates_only=true "$@"
fi
if [[ $which != calendar ]]; then
  cmake --build build-bench --target engine_bench -j "$(nproc)"
  build-bench/tests/bench/engine_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true "$@"
fi
