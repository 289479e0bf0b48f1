#!/bin/sh
# Fails if libxinfang.so exports any symbol that is not part of the C ABI (xf_*). The version
# node (XINFANG_*) is an absolute symbol the linker adds, not code, and is allowed.
set -eu
library="$1"
symbols=$(nm -D --defined-only "$library" | awk '$2 != "A" { print $3 }' | sed 's/@.*//')
if [ -z "$symbols" ]; then
  echo "check-exports: $library exports nothing" >&2
  exit 1
fi
bad=$(printf '%s\n' "$symbols" | grep -v '^xf_' || true)
if [ -n "$bad" ]; then
  echo "check-exports: symbols outside the C ABI exported from $library:" >&2
  printf '%s\n' "$bad" | head -20 >&2
  exit 1
fi
count=$(printf '%s\n' "$symbols" | wc -l)
echo "check-exports: $count symbols, all xf_*"
echo "1 passed, 0 failed"
