#!/usr/bin/env bash
# Fails if a function the C header declares is called by none of the C tests of the ABI: every
# function of xinfang.h must be exercised from C, bad paths included (tests/capi/*.c).
set -euo pipefail
header=$1
tests_dir=$2
functions=$(grep -oE 'XF_API [^;(]*\b(xf_[a-z0-9_]+)\(' "$header" | grep -oE 'xf_[a-z0-9_]+\($' | tr -d '(' | sort -u)
[[ -n "$functions" ]] || { echo "no functions found in $header" >&2; exit 1; }
missing=0
count=0
for function in $functions; do
  count=$((count + 1))
  if ! grep -qE "\b${function}\(" "$tests_dir"/*.c; then
    echo "not called by any C test: $function" >&2
    missing=$((missing + 1))
  fi
done
echo "$count functions declared; $((count - missing)) called by the C tests"
[[ $missing -eq 0 ]]
