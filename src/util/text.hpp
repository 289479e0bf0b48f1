// Internal: small text helpers shared by the loaders (JSON paths in messages, fixed-width
// numeric fields).
#ifndef XINFANG_SRC_UTIL_TEXT_HPP
#define XINFANG_SRC_UTIL_TEXT_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace xinfang::util {

/** @p key as one JSON Pointer segment (RFC 6901: "~" is written "~0" and "/" is written "~1"). */
std::string json_pointer_segment(std::string_view key);

/** Whether @p text holds @p count ASCII digits from @p position (sscanf's %d alone would also
 *  take a sign or a space there). */
bool digits_at(std::string_view text, std::size_t position, std::size_t count) noexcept;

/** @p text with its control characters (U+0000 to U+001F, U+007F) written as JSON writes them
 *  ("\\n", "\\u0001"), so that a message quoting a caller's text stays on one line. */
std::string one_line(std::string_view text);

}  // namespace xinfang::util

#endif
