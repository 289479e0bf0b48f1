/**
 * @file version.h
 * @brief The version of xinfang, in one place, usable from C and C++.
 *
 * The build reads these numbers (CMakeLists.txt parses this file), the C ABI reports them at
 * run time through xf_version() and xf_abi_version(), and a host can compare the header it
 * compiled against with the library it loaded.
 */
#ifndef XINFANG_VERSION_H
#define XINFANG_VERSION_H

/** Major version: changes when the C ABI breaks (it then equals the new XF_ABI_VERSION). */
#define XF_VERSION_MAJOR 0
/** Minor version: new features, ABI-compatible. */
#define XF_VERSION_MINOR 1
/** Patch version: fixes only. */
#define XF_VERSION_PATCH 0
/** The version as one comparable number: major * 10000 + minor * 100 + patch. */
#define XF_VERSION_NUMBER (XF_VERSION_MAJOR * 10000 + XF_VERSION_MINOR * 100 + XF_VERSION_PATCH)
/** The version as a string. */
#define XF_VERSION_STRING "0.1.0"
/**
 * The ABI version of libxinfang.so: its SOVERSION. It changes only when a released function
 * or type changes incompatibly (docs/api-stability.md).
 */
#define XF_ABI_VERSION 1

#endif /* XINFANG_VERSION_H */
