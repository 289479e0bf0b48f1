#!/usr/bin/env bash
# The main job: installs what is missing, builds the library and the xinfang program, and runs
# the demo. Extra arguments go to `xinfang demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${XINFANG_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target xinfang_cli -j "$(nproc)"
exec "$build/xinfang" demo "$@"
