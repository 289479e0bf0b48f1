#!/usr/bin/env bash
# Installs the Debian 12 packages xinfang needs to build, test and document itself — only those
# missing, quietly; running it again does nothing. `--bench` adds the benchmark-only comparison
# library (QuantLib), which the library itself never needs; `--test` adds what only the tests
# need: Chromium and a Chinese font, for the test that renders the HTML bulletin; python3-venv,
# for the test that installs the Python package with pip into a virtual environment; Ninja, which
# the test command builds with; and Clang with its sanitizer and libFuzzer runtimes and LLVM's
# symbolizer, for the sanitizer build and its fuzz targets (docs/fuzzing.md); libabigail's abidiff,
# for the ABI check against the committed baseline (docs/api-stability.md).
set -euo pipefail

packages=(
  g++ make cmake pkg-config binutils python3
  libboost-date-time-dev libboost-serialization-dev
  libsqlite3-dev libssl-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  doxygen
)
for option in "$@"; do
  case "$option" in
    --bench) packages+=(libquantlib0-dev) ;;
    --test) packages+=(chromium fonts-wqy-microhei python3-venv ninja-build clang libclang-rt-14-dev llvm abigail-tools) ;;
    *) echo "install-deps: unknown option $option (--bench, --test)" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
