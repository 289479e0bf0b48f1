// Internal glue shared by the C ABI's translation units: the per-thread error slot, the guard
// that turns every C++ exception into a status, the registry of live handles, and the checks
// every argument passes before the library proper sees it.
#ifndef XINFANG_CAPI_INTERNAL_HPP
#define XINFANG_CAPI_INTERNAL_HPP

#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "xinfang.h"
#include "xinfang/calendar.hpp"
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

// The shape of every call that hands out an owned string: the output is NULL unless the call
// succeeds. @p body checks its arguments (the output among them) before it changes anything.
template <typename Body>
xf_status text_out(char** out, Body&& body) noexcept {
  if (out != nullptr) *out = nullptr;
  return guard([&] {
    std::string text = body();
    *out = copy_out(text);
  });
}

// ---- arguments ----

// @p text as a string: not NULL, at most XF_MAX_INPUT_BYTES, UTF-8; the messages name @p name.
std::string required_text(const char* text, const char* name);
// NULL means "" for the optional strings of the ABI.
std::string optional_text(const char* text, const char* name);
// @p text parsed as JSON: parse_error with line and column, naming @p name.
nlohmann::json parse_json(const char* text, const char* name);
// NULL stands for @p absent.
nlohmann::json optional_json(const char* text, const char* name, nlohmann::json absent);
// A flag of a structure: 0 or 1, else invalid_argument naming @p name ("options->create").
bool read_flag(int32_t value, const std::string& name);
// A key quoted in a message: cut after 100 bytes at a character boundary.
std::string shortened(const std::string& key);
// Throws invalid_data "<name> <path>: <rule>".
[[noreturn]] void fail_at(const char* name, const std::string& path, const std::string& rule);

// A real calendar day, or invalid_argument.
Date checked_date(xf_date day);
xf_date from_date(Date day);
// Seconds since the epoch, within Boost's range, or invalid_argument naming @p name.
Instant from_unix(int64_t seconds, const char* name);
// Rounded down to the second.
int64_t to_unix(Instant instant);

// ---- handles ----

// Every handle starts with a tag so that a handle of another kind is refused with
// XF_ERR_BAD_HANDLE instead of being used.
enum class HandleTag : std::uint32_t { calendar = 0x58464341u, engine = 0x5846454Eu, dead = 0xDEADDEADu };

// The handles of one kind that are alive. A freed handle's memory cannot be read safely
// (AddressSanitizer rightly calls that a use after free), so membership is checked first and a
// pointer that is not a member is never dereferenced. Each member is held by a shared_ptr, so a
// call in progress on another thread keeps the object alive while the handle is being closed.
// Instances are never destroyed, so that a host freeing handles from an atexit handler does not
// meet a destroyed registry.
template <typename Handle>
class LiveHandles {
 public:
  static LiveHandles& instance() {
    static LiveHandles* live = new LiveHandles();
    return *live;
  }
  void add(std::shared_ptr<Handle> handle) {
    std::lock_guard<std::mutex> lock(mutex_);
    const Handle* key = handle.get();
    handles_.emplace(key, std::move(handle));
  }
  // The handle, or null if @p key is not a live handle of this kind.
  std::shared_ptr<Handle> find(const Handle* key) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = handles_.find(key);
    return found == handles_.end() ? nullptr : found->second;
  }
  // Removes and returns the handle, or null.
  std::shared_ptr<Handle> take(const Handle* key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = handles_.find(key);
    if (found == handles_.end()) return nullptr;
    std::shared_ptr<Handle> handle = std::move(found->second);
    handles_.erase(found);
    return handle;
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<const Handle*, std::shared_ptr<Handle>> handles_;
};

// A live handle of its kind, or bad_handle naming @p name.
template <typename Handle>
std::shared_ptr<Handle> live_handle(const Handle* handle, const char* name) {
  if (handle == nullptr) throw Error(ErrorCode::bad_handle, std::string(name) + " is NULL");
  std::shared_ptr<Handle> found = LiveHandles<Handle>::instance().find(handle);
  if (found == nullptr || found->tag != Handle::kTag) {
    throw Error(ErrorCode::bad_handle,
                std::string(name) + " is not a live handle of its kind (freed already, or another kind of handle)");
  }
  return found;
}

}  // namespace xinfang::capi

// The calendar handle: immutable once made.
struct xf_calendar {
  static constexpr xinfang::capi::HandleTag kTag = xinfang::capi::HandleTag::calendar;
  xinfang::capi::HandleTag tag = kTag;
  xinfang::Calendar calendar;
  explicit xf_calendar(xinfang::Calendar c) : calendar(std::move(c)) {}
};

namespace xinfang::capi {
// A new calendar handle, registered, for the caller.
xf_calendar* new_calendar_handle(Calendar calendar);
}  // namespace xinfang::capi

#endif
