// Internal: UTF-8 validation for text that crosses the library's boundary.
#ifndef XINFANG_SRC_UTIL_UTF8_HPP
#define XINFANG_SRC_UTIL_UTF8_HPP

#include <cstddef>
#include <string_view>

namespace xinfang::util {

/**
 * The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or npos if @p text is valid.
 */
std::size_t find_invalid_utf8(std::string_view text) noexcept;

/** Throws Error(invalid_utf8) naming @p what and the byte offset if @p text is not UTF-8. */
void require_utf8(std::string_view text, std::string_view what);

}  // namespace xinfang::util

#endif
