#!/usr/bin/env bash
# shellcheck disable=SC2154 # the layout's variables come from a sourced file
# Installs a build tree into a fresh temporary prefix and checks what a host gets: the layout
# (headers, libxinfang.so and its SONAME links, the static core, the program, the CMake package,
# the pkg-config files, the Python package), examples/consumer built against the prefix through
# pkg-config and through find_package, the programs run, the CMake package's version rules, the
# pkg-config one-liner of docs/installing.md, the installed `xinfang`, and the installed Python
# package imported. Any missing or wrong piece fails. The prefix is removed at the end.
#
# Usage: install-and-consume.sh BUILD_DIR SOURCE_DIR CMAKE C_COMPILER CXX_COMPILER
set -euo pipefail
build_dir=$1
source_dir=$2
cmake=$3
c_compiler=$4
cxx_compiler=$5
# Written by cmake/XinfangInstall.cmake: configured_prefix, bindir, libdir, includedir, cmakedir,
# pkgconfigdir, pythondir, version, soversion.
# shellcheck source=/dev/null
source "$build_dir/package/install-layout.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/xinfang-install-XXXXXX")
prefix=$work/prefix
# `cmake --install` rewrites the build tree's install_manifest.txt; keep the one a real
# installation left there, which is what uninstalls it.
manifest=$build_dir/install_manifest.txt
[[ -f $manifest ]] && cp -p "$manifest" "$work/install_manifest.saved"
cleanup() {
  if [[ -f $work/install_manifest.saved ]]; then mv -f "$work/install_manifest.saved" "$manifest"; else rm -f "$manifest"; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
expect_file() {
  [[ -f $prefix/$1 ]] || fail "not installed: $1"
}
# expect_output TEXT COMMAND...: runs COMMAND; fails unless it succeeds and prints TEXT.
expect_output() {
  local text=$1 output
  shift
  output=$("$@" 2>&1) || fail "$* failed: $output"
  [[ $output == *"$text"* ]] || fail "$* did not print \"$text\": $output"
  echo "ok: $* -> $text"
}

echo "== cmake --install into a fresh prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" >"$work/install.log"

echo "== the layout"
expect_file "$includedir/xinfang.h"
for header in "$source_dir"/include/xinfang/*.hpp "$source_dir"/include/xinfang/version.h; do
  expect_file "$includedir/xinfang/$(basename "$header")"
done
lib=$prefix/$libdir
[[ -f $lib/libxinfang.so.$version && ! -L $lib/libxinfang.so.$version ]] || fail "no libxinfang.so.$version"
[[ $(readlink "$lib/libxinfang.so.$soversion") == "libxinfang.so.$version" ]] || fail "libxinfang.so.$soversion is not a link to libxinfang.so.$version"
[[ $(readlink "$lib/libxinfang.so") == "libxinfang.so.$soversion" ]] || fail "libxinfang.so is not a link to libxinfang.so.$soversion"
# Captured first: with pipefail, grep -q closing the pipe early would fail the
# writer with SIGPIPE, and the check with it, at random.
dynamic_section=$(readelf -d "$lib/libxinfang.so.$version")
grep -q "(SONAME).*\[libxinfang.so.$soversion\]" <<<"$dynamic_section" || fail "SONAME is not libxinfang.so.$soversion"
expect_file "$libdir/libxinfang-core.a"
[[ -x $prefix/$bindir/xinfang ]] || fail "not installed: $bindir/xinfang"
for file in xinfangConfig.cmake xinfangConfigVersion.cmake xinfangTargets.cmake xinfangCoreTargets.cmake; do
  expect_file "$cmakedir/$file"
done
expect_file "$pkgconfigdir/xinfang.pc"
expect_file "$pkgconfigdir/xinfang-core.pc"
python_sources=$(cd "$source_dir/bindings/python" && find xinfang -name '*.py' -o -name py.typed 2>/dev/null | sort)
if [[ -n $python_sources ]]; then
  [[ -n $pythondir ]] || fail "the Python package has no install directory (XINFANG_INSTALL_PYTHONDIR)"
  for file in $python_sources; do expect_file "$pythondir/$file"; done
else
  echo "note: no Python package in the source tree yet (bindings/python/xinfang)"
fi
while read -r installed || [[ -n $installed ]]; do
  [[ $installed == "$prefix"/* && -e $installed ]] || fail "install_manifest.txt lists $installed"
done <"$manifest"
grep -qxF "$prefix/$pkgconfigdir/xinfang.pc" "$manifest" || fail "install_manifest.txt misses xinfang.pc"
echo "ok: $(wc -l <"$manifest") files, all in the manifest"

echo "== pkg-config"
export PKG_CONFIG_PATH=$prefix/$pkgconfigdir
pkg-config --validate xinfang xinfang-core || fail "pkg-config --validate"
expect_output "$version" pkg-config --modversion xinfang
[[ $(pkg-config --variable=prefix xinfang) == "$prefix" ]] || fail "xinfang.pc does not name the prefix $prefix"
expect_output "-L$lib -lxinfang-core" pkg-config --libs xinfang-core
# The one-liner of docs/installing.md, split into words on purpose.
# shellcheck disable=SC2046
"$c_compiler" -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$work/app" "$source_dir/examples/consumer/consume_c.c" \
  $(pkg-config --cflags --libs xinfang)
export LD_LIBRARY_PATH=$lib
loaded_libraries=$(ldd "$work/app")
grep -qF "libxinfang.so.$soversion => $lib/" <<<"$loaded_libraries" || fail "app does not load the installed libxinfang.so"
expect_output "routed by 2025-10-13" "$work/app"

echo "== examples/consumer against the prefix"
warnings="-Wall -Wextra -Wpedantic -Werror"
"$cmake" -S "$source_dir/examples/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$c_compiler" -DCMAKE_CXX_COMPILER="$cxx_compiler" \
  -DCMAKE_C_FLAGS="$warnings" -DCMAKE_CXX_FLAGS="$warnings" >"$work/consumer.log"
grep -qxF "xinfang_DIR:PATH=$prefix/$cmakedir" "$work/consumer/CMakeCache.txt" ||
  fail "find_package(xinfang) did not find the prefix's package"
"$cmake" --build "$work/consumer" -j2 >>"$work/consumer.log" || fail "the consumer does not build: $(cat "$work/consumer.log")"
for program in consume_c_pkgconfig consume_c_cmake; do
  expect_output "xinfang $version (ABI $soversion), compiled against $version (ABI $soversion)" "$work/consumer/$program"
  expect_output "routed by 2025-10-13" "$work/consumer/$program"
  expect_output "the letter is registered" "$work/consumer/$program"
done
expect_output "routed by 2025-10-13" "$work/consumer/consume_cpp"
expect_output "the letter is registered, chain verified" "$work/consumer/consume_cpp"
# xinfang-core.pc alone links a C++ host (its object is reused: compiling it again would
# double the time of this test).
# shellcheck disable=SC2046
"$cxx_compiler" -o "$work/tool" "$work/consumer/CMakeFiles/consume_cpp.dir/consume_cpp.cpp.o" \
  $(pkg-config --libs xinfang-core)
expect_output "the letter is registered, chain verified" "$work/tool"

echo "== the CMake package's version and components"
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
mkdir -p "$work/versions"
cat >"$work/versions/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.19)
project(versions LANGUAGES C) # C: the search in lib/<arch>/cmake needs CMAKE_LIBRARY_ARCHITECTURE
foreach(request IN ITEMS "$major.$minor" "$major.$minor...<$major.$((minor + 1))" "$((major + 1))" "$major.$((minor + 1))")
  find_package(xinfang \${request} COMPONENTS xinfang QUIET)
  message(STATUS "request \${request}: \${xinfang_FOUND}")
  unset(xinfang_DIR CACHE)
endforeach()
if(TARGET xinfang::xinfang AND NOT TARGET xinfang::core)
  message(STATUS "component xinfang: xinfang::xinfang alone")
endif()
find_package(xinfang COMPONENTS xinfang OPTIONAL_COMPONENTS core QUIET)
if(xinfang_FOUND AND TARGET xinfang::core)
  message(STATUS "optional component core: xinfang::core")
endif()
find_package(xinfang COMPONENTS dossier QUIET)
message(STATUS "component dossier: \${xinfang_FOUND}")
EOF
"$cmake" -S "$work/versions" -B "$work/versions/build" -DCMAKE_PREFIX_PATH="$prefix" >"$work/versions.log"
for expected in "request $major.$minor: 1" "request $major.$minor...<$major.$((minor + 1)): 1" \
  "request $((major + 1)): 0" "request $major.$((minor + 1)): 0" "component xinfang: xinfang::xinfang alone" \
  "optional component core: xinfang::core" "component dossier: 0"; do
  grep -qxF -- "-- $expected" "$work/versions.log" || fail "find_package $expected expected: $(cat "$work/versions.log")"
  echo "ok: $expected"
done

echo "== the installed program"
expect_output "xinfang $version" "$prefix/$bindir/xinfang" --version
expect_output "2025-10-13" "$prefix/$bindir/xinfang" calendar add 2025-09-28 15 --unit statutory

echo "== the installed Python package"
if [[ -n $python_sources ]]; then
  python=$(command -v /usr/bin/python3 python3 | head -n 1)
  # Found as a Debian user finds it after ldconfig: through the loader (LD_LIBRARY_PATH here).
  expect_output "$prefix/$pythondir/xinfang/__init__.py $(realpath "$lib/libxinfang.so.$soversion") $version" \
    env -u XINFANG_LIBRARY PYTHONPATH="$prefix/$pythondir" "$python" -c 'import os, xinfang
print(xinfang.__file__, os.path.realpath(xinfang.library_path), xinfang.library_version())'
  # Where Debian's own python3 looks, for the prefix the build was configured with.
  if [[ -x /usr/bin/python3 && $configured_prefix =~ ^/usr(/local)?/?$ ]]; then
    expect_output "'${configured_prefix%/}/$pythondir'" /usr/bin/python3 -c 'import sys; print(sys.path)'
  fi
else
  echo "note: skipped, no Python package yet"
fi
echo "install and consume: all checks passed"
