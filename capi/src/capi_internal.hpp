// Internal glue shared by the C ABI's translation units: the per-thread error slot, the guard
// that turns every C++ exception into a status, and handle checks.
#ifndef XINFANG_CAPI_INTERNAL_HPP
#define XINFANG_CAPI_INTERNAL_HPP

#include <cstdint>
#include <cstring>
#include <new>
#include <string>

#include "xinfang.h"
#include "xinfang/error.hpp"

namespace xinfang::capi {

// Records a failure for the calling thread and returns its status.
xf_status set_error(ErrorCode code, const std::string& message) noexcept;
// Records out-of-memory without allocating.
xf_status set_out_of_memory() noexcept;
void clear_error() noexcept;

// Runs @p body, returning XF_OK, or the status of whatever it threw. Nothing escapes.
template <typename Body>
xf_status guard(Body&& body) noexcept {
  try {
    body();
    return XF_OK;
  } catch (const Error& e) {
    return set_error(e.code(), e.what());
  } catch (const std::bad_alloc&) {
    return set_out_of_memory();
  } catch (const std::exception& e) {
    return set_error(ErrorCode::internal, std::string("internal error: ") + e.what());
  } catch (...) {
    return set_error(ErrorCode::internal, "internal error: unknown exception");
  }
}

// Throws invalid_argument naming @p name if @p pointer is NULL.
inline void require_pointer(const void* pointer, const char* name) {
  if (pointer == nullptr) throw Error(ErrorCode::invalid_argument, std::string(name) + " must not be NULL");
}

// A malloc'd copy of @p text for the caller, released by xf_string_free().
char* copy_out(const std::string& text);

// Every handle starts with a tag so that a freed handle or a handle of another kind is refused
// with XF_ERR_BAD_HANDLE instead of being used.
enum class HandleTag : std::uint32_t { calendar = 0x58464341u, engine = 0x5846454Eu, dead = 0xDEADDEADu };

template <typename Handle>
const Handle& checked(const Handle* handle, HandleTag tag, const char* name) {
  if (handle == nullptr) throw Error(ErrorCode::bad_handle, std::string(name) + " is NULL");
  if (handle->tag != tag) throw Error(ErrorCode::bad_handle, std::string(name) + " is not a live handle of its kind");
  return *handle;
}

}  // namespace xinfang::capi

#endif
