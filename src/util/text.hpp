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

}  // namespace xinfang::util

#endif
