# What `cmake --install` puts where (docs/installing.md): the headers, libxinfang.so with its
# SONAME links, the static core, the `xinfang` program, the Python package, a CMake package
# (find_package(xinfang) -> xinfang::xinfang, xinfang::core) and pkg-config files.
#
# Components, for packagers who split them as Debian does: `runtime` (the shared library and
# the program), `development` (headers, the .so link, the static core, package files), `python`.
include(CMakePackageConfigHelpers)

# Empty means "worked out from the prefix", so that changing CMAKE_INSTALL_PREFIX (and with it
# GNUInstallDirs' LIBDIR) in an existing build directory moves these too.
set(XINFANG_INSTALL_CMAKEDIR "" CACHE STRING
    "Where the CMake package files go, relative to the prefix; empty: LIBDIR/cmake/xinfang")
set(XINFANG_INSTALL_PKGCONFIGDIR "" CACHE STRING
    "Where xinfang.pc and xinfang-core.pc go, relative to the prefix; empty: LIBDIR/pkgconfig")
set(XINFANG_INSTALL_PYTHONDIR "" CACHE STRING
    "Where the xinfang Python package goes, relative to the prefix; empty: where Debian's python3 looks for that prefix")
set(xinfang_cmake_dir "${XINFANG_INSTALL_CMAKEDIR}")
if(NOT xinfang_cmake_dir)
  set(xinfang_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/xinfang")
endif()
set(xinfang_pkgconfig_dir "${XINFANG_INSTALL_PKGCONFIGDIR}")
if(NOT xinfang_pkgconfig_dir)
  set(xinfang_pkgconfig_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endif()

# ---- libraries, program, headers ----
set_target_properties(xinfang PROPERTIES EXPORT_NAME xinfang)
set_target_properties(xinfang_core PROPERTIES EXPORT_NAME core)

install(TARGETS xinfang EXPORT xinfangTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development)
install(TARGETS xinfang_core EXPORT xinfangCoreTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
install(TARGETS xinfang_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/xinfang DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT development FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
# The presets' scenario suites (docs/policy-testing.md): examples of the format, and a way to
# check an installation counts as the statute does.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/policy/presets/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/xinfang/scenarios
        COMPONENT runtime FILES_MATCHING PATTERN "*.json")
install(FILES ${PROJECT_SOURCE_DIR}/capi/include/xinfang.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT development)

# ---- the CMake package ----
# Two export sets so that a C host can ask for COMPONENTS xinfang without having the core's
# build dependencies (Boost, nlohmann-json, ...) on its machine.
install(EXPORT xinfangTargets NAMESPACE xinfang:: DESTINATION ${xinfang_cmake_dir}
  COMPONENT development)
install(EXPORT xinfangCoreTargets NAMESPACE xinfang:: DESTINATION ${xinfang_cmake_dir}
  COMPONENT development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/xinfangConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/xinfangConfig.cmake
  INSTALL_DESTINATION ${xinfang_cmake_dir})
# The promise that binds at run time is libxinfang.so's: its ABI holds within a major version
# (version.h), so a request for 0.1 takes 0.1.x or any later 0.y. The static core is compiled into the host
# with the headers of the same installation, so it cannot mismatch at run time; a C++ host that
# wants one minor version's API asks for a range, find_package(xinfang 0.1...<0.2).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/xinfangConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/xinfangConfig.cmake
              ${PROJECT_BINARY_DIR}/package/xinfangConfigVersion.cmake
  DESTINATION ${xinfang_cmake_dir} COMPONENT development)

# ---- pkg-config ----
# The .pc files name the prefix the files are installed under, which `cmake --install
# --prefix` may change after configuring; so they are written at install time. The first pass
# fills in what configuring knows and leaves @XINFANG_PC_PREFIX@ for the second.
set(XINFANG_PC_PREFIX "@XINFANG_PC_PREFIX@")
set(XINFANG_PC_LIBDIR "\${exec_prefix}/${CMAKE_INSTALL_LIBDIR}")
set(XINFANG_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
foreach(dir_name IN ITEMS LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir_name}}")
    set(XINFANG_PC_${dir_name} "${CMAKE_INSTALL_${dir_name}}")
  endif()
endforeach()
set(xinfang_pc_stage ${PROJECT_BINARY_DIR}/package/pkgconfig)
configure_file(${PROJECT_SOURCE_DIR}/cmake/xinfang.pc.in ${xinfang_pc_stage}/xinfang.pc.in @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/cmake/xinfang-core.pc.in ${xinfang_pc_stage}/xinfang-core.pc.in @ONLY)
set(xinfang_pc_install_code [[
get_filename_component(XINFANG_PC_PREFIX "${CMAKE_INSTALL_PREFIX}" ABSOLUTE)
cmake_path(ABSOLUTE_PATH xinfang_pc_destination BASE_DIRECTORY "${CMAKE_INSTALL_PREFIX}")
foreach(pc_name IN ITEMS xinfang xinfang-core)
  configure_file("@xinfang_pc_stage@/${pc_name}.pc.in" "@xinfang_pc_stage@/${pc_name}.pc" @ONLY)
  file(INSTALL DESTINATION "${xinfang_pc_destination}" TYPE FILE FILES "@xinfang_pc_stage@/${pc_name}.pc")
endforeach()
]])
string(CONFIGURE "set(xinfang_pc_destination \"@xinfang_pkgconfig_dir@\")\n${xinfang_pc_install_code}"
       xinfang_pc_install_code @ONLY)
install(CODE "${xinfang_pc_install_code}" COMPONENT development)

# ---- the Python package ----
# Debian's python3 reads /usr/lib/python3/dist-packages for packaged modules and
# /usr/local/lib/python3.X/dist-packages for local ones; other prefixes need PYTHONPATH anyway.
set(xinfang_python_dir "${XINFANG_INSTALL_PYTHONDIR}")
if(NOT xinfang_python_dir)
  if(CMAKE_INSTALL_PREFIX MATCHES "^/usr/?$")
    set(xinfang_python_dir lib/python3/dist-packages)
  else()
    find_package(Python3 COMPONENTS Interpreter QUIET)
    if(Python3_FOUND)
      set(xinfang_python_dir lib/python${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}/dist-packages)
    endif()
  endif()
endif()
# The modules and the PEP 561 marker (py.typed: type checkers read the package's annotations);
# globbed with CONFIGURE_DEPENDS so that a module added later is installed without a reconfigure.
file(GLOB_RECURSE xinfang_python_files RELATIVE ${PROJECT_SOURCE_DIR}/bindings/python CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/bindings/python/xinfang/*.py ${PROJECT_SOURCE_DIR}/bindings/python/xinfang/py.typed)
if(NOT xinfang_python_dir)
  message(STATUS "No python3 found: set XINFANG_INSTALL_PYTHONDIR to install the Python package")
else()
  foreach(python_file IN LISTS xinfang_python_files)
    get_filename_component(python_subdir ${python_file} DIRECTORY)
    install(FILES ${PROJECT_SOURCE_DIR}/bindings/python/${python_file}
      DESTINATION ${xinfang_python_dir}/${python_subdir} COMPONENT python)
  endforeach()
endif()

# The layout, for tests/install to check an installation against (sourced by its script).
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/package/install-layout.sh CONTENT [[
configured_prefix='@CMAKE_INSTALL_PREFIX@'
bindir='@CMAKE_INSTALL_BINDIR@'
libdir='@CMAKE_INSTALL_LIBDIR@'
includedir='@CMAKE_INSTALL_INCLUDEDIR@'
cmakedir='@xinfang_cmake_dir@'
pkgconfigdir='@xinfang_pkgconfig_dir@'
pythondir='@xinfang_python_dir@'
version='@PROJECT_VERSION@'
soversion='@XF_ABI_VERSION@'
]] @ONLY)
