#include "xinfang/error.hpp"

namespace xinfang {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::invalid_utf8: return "invalid_utf8";
    case ErrorCode::parse_error: return "parse_error";
    case ErrorCode::invalid_data: return "invalid_data";
    case ErrorCode::calendar_range: return "calendar_range";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::already_exists: return "already_exists";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::invalid_state: return "invalid_state";
    case ErrorCode::out_of_window: return "out_of_window";
    case ErrorCode::storage: return "storage";
    case ErrorCode::integrity: return "integrity";
    case ErrorCode::unsupported_version: return "unsupported_version";
    case ErrorCode::bad_handle: return "bad_handle";
    case ErrorCode::out_of_memory: return "out_of_memory";
    case ErrorCode::internal: return "internal";
    case ErrorCode::callback: return "callback";
  }
  return "unknown";
}

}  // namespace xinfang
