#!/usr/bin/env bash
# Writes the C ABI of a built libxinfang.so as the committed baseline that the test command's
# abidiff check compares against (tests/capi/abi/). Run it only on purpose: after adding to the
# ABI, or when raising XF_ABI_VERSION for a deliberate break (docs/api-stability.md).
# Usage: scripts/update-abi-baseline.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
library=$(readlink -f "$build/libxinfang.so")
abi=$(sed -n 's/^#define XF_ABI_VERSION \([0-9]*\)$/\1/p' include/xinfang/version.h)
out=tests/capi/abi/libxinfang.so.$abi.abi
# Only what the public header declares (the library's C++ inside is not the ABI), and nothing of
# this machine in the file: no corpus path, no compilation directory, no source locations, and
# each translation unit by its file name alone.
abidw --header-file capi/include/xinfang.h --headers-dir capi/include --drop-private-types \
  --exported-interfaces-only --drop-undefined-syms --no-elf-needed --no-corpus-path --no-comp-dir-path \
  --no-show-locs --short-locs --type-id-style hash --out-file "$out" "$library"
echo "wrote $out"
