#!/usr/bin/env bash
# Builds the benchmarks in Release mode (with the benchmark-only comparison libraries) and runs
# them with repetitions, reporting medians; docs/performance.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DXINFANG_BUILD_DOCS=OFF >/dev/null
cmake --build build-bench --target calendar_bench -j "$(nproc)"
build-bench/tests/bench/calendar_bench --benchmark_repetitions=9 --benchmark_report_aggregates_only=true "$@"
