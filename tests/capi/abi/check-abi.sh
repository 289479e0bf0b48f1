#!/usr/bin/env bash
# Compares libxinfang.so with the committed ABI baseline (libabigail's abidiff) and fails on any
# change a caller built against the baseline could notice: a removed function, a changed
# parameter, return or type. Two changes are compatible by design and pass: new functions, and
# new fields at the end of xf_engine_options (allowed-changes.suppr). New functions are listed,
# so that the baseline is brought up to date on purpose with scripts/update-abi-baseline.sh
# (docs/api-stability.md).
# Usage: check-abi.sh BASELINE.abi LIBRARY.so
set -uo pipefail
baseline=$1
library=$2
here=$(dirname "$0")
command -v abidiff >/dev/null || { echo "abidiff not found (Debian package abigail-tools)" >&2; exit 1; }
[[ -f "$baseline" ]] || { echo "no ABI baseline at $baseline" >&2; exit 1; }

# No header filter here: the baseline holds only the header's types already (abidw was given the
# header), and a filter on one side only would hide changes to types the baseline describes.
report=$(abidiff --exported-interfaces-only --no-added-syms --suppressions "$here/allowed-changes.suppr" \
  "$baseline" "$library" 2>&1)
status=$?
# abidiff's status is a bit field: 1 error, 2 usage error, 4 an ABI change, 8 an incompatible one.
# Bit 4 alone is not harmless: a structure that grows in place, passed by value, sets only it.
if (( status & 3 )); then
  echo "abidiff failed (status $status):" >&2
  echo "$report" >&2
  exit 1
fi
if (( status != 0 )); then
  echo "the C ABI changed against $(basename "$baseline") (abidiff status $status):" >&2
  echo "$report" >&2
  echo "A caller built against the baseline could break. Keep the old declaration; or, for a deliberate" >&2
  echo "break, raise XF_ABI_VERSION (the SONAME) and write a new baseline (docs/api-stability.md)." >&2
  exit 1
fi
exported=$(nm -D --defined-only "$library" | awk '{print $3}' | sed 's/@.*//' | grep '^xf_' | sort -u)
known=$(grep -o "<elf-symbol name='xf_[a-z0-9_]*'" "$baseline" | sed "s/.*name='//; s/'//" | sort -u)
added=$(comm -23 <(echo "$exported") <(echo "$known"))
if [[ -n "$added" ]]; then
  echo "compatible: functions not in the baseline yet (update it with scripts/update-abi-baseline.sh):"
  echo "$added" | sed 's/^/  /'
fi
echo "the C ABI is compatible with the baseline $(basename "$baseline")"
