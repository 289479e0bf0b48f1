#!/usr/bin/env bash
# The rendering test: the demo's database (a year of 1,500 petitions), the bulletin of its week
# 2025-W10 as HTML, opened in headless Chromium and photographed; and the bulletin the demo
# wrote itself beside its database. Fails if Chromium is missing (scripts/install-deps.sh
# --test installs it), if the page does not render, or if the picture is blank.
# Usage: render_bulletin.sh XINFANG_PROGRAM OUTPUT_DIRECTORY
set -euo pipefail
program=$1
out=$2
rm -rf "$out"
mkdir -p "$out"

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "render_bulletin: no chromium: run scripts/install-deps.sh --test" >&2
  exit 1
fi

"$program" demo --cases 1500 --db "$out/demo.db" >/dev/null
grep -q '<svg' "$out/demo.db.bulletin.html"
grep -q '诉求动态' "$out/demo.db.bulletin.md"
"$program" report weekly --db "$out/demo.db" --week 2025-W10 --at 2025-06-01T10:00:00+08:00 \
  --format html -o "$out/bulletin.html"
grep -q '<svg' "$out/bulletin.html"

# As root Chromium needs --no-sandbox; the network flags keep it from calling out on a closed
# machine; a fresh profile directory keeps runs independent.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$out/profile" --hide-scrollbars --window-size=1000,2400 \
  --screenshot="$out/bulletin.png" "file://$out/bulletin.html" >"$out/chromium.log" 2>&1 || {
  cat "$out/chromium.log" >&2
  exit 1
}

png="$out/bulletin.png"
[[ -s "$png" ]] || { echo "render_bulletin: no screenshot" >&2; exit 1; }
# The PNG signature, then the IHDR chunk's width and height (big-endian, bytes 16-23).
signature=$(od -An -tx1 -N8 "$png" | tr -d ' \n')
[[ "$signature" == "89504e470d0a1a0a" ]] || { echo "render_bulletin: not a PNG" >&2; exit 1; }
width=$((16#$(od -An -tx1 -j16 -N4 "$png" | tr -d ' \n')))
height=$((16#$(od -An -tx1 -j20 -N4 "$png" | tr -d ' \n')))
[[ $width -eq 1000 && $height -eq 2400 ]] || { echo "render_bulletin: ${width}x${height}, not 1000x2400" >&2; exit 1; }
# A blank page compresses to a few kilobytes; text, tables and charts do not.
size=$(stat -c %s "$png")
[[ $size -gt 40000 ]] || { echo "render_bulletin: the screenshot is $size bytes: blank?" >&2; exit 1; }
echo "render_bulletin: $png ${width}x${height}, $size bytes"
