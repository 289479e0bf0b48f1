#include "util/text.hpp"

namespace xinfang::util {

std::string json_pointer_segment(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

bool digits_at(std::string_view text, std::size_t position, std::size_t count) noexcept {
  if (position > text.size() || count > text.size() - position) return false;
  for (std::size_t i = position; i < position + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace xinfang::util
