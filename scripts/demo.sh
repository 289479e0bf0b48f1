#!/usr/bin/env bash
# The main job: installs what is missing, builds the library and the xinfang program, and runs
# the demo (the statutory calendar, worked deadlines, and a simulated year of a city
# civil-affairs bureau on an embedded SQLite file, with its summary and last week's bulletin).
# Extra arguments go to `xinfang demo` (--cases N, --seed N, --hotline, --json; docs/cli.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${XINFANG_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target xinfang_cli -j "$(nproc)"
# The demo makes a new database each run; the last one stays for `xinfang list --db ...`, with
# the bulletin beside it ($db.bulletin.html, $db.bulletin.md).
db="$build/xinfang-demo.db"
rm -f "$db" "$db-wal" "$db-shm" "$db.bulletin.html" "$db.bulletin.md"
exec "$build/xinfang" demo --db "$db" "$@"
