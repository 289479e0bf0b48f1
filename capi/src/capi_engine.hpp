// The engine handle of the C ABI, and the lock every call on it holds.
#ifndef XINFANG_CAPI_ENGINE_HPP
#define XINFANG_CAPI_ENGINE_HPP

#include <memory>
#include <mutex>

#include "capi_internal.hpp"
#include "xinfang/engine.hpp"

struct xf_engine {
  static constexpr xinfang::capi::HandleTag kTag = xinfang::capi::HandleTag::engine;
  xinfang::capi::HandleTag tag = kTag;
  // One call at a time: xinfang::Engine is not thread-safe, and the C ABI promises that a handle
  // may be shared between threads.
  std::mutex mutex;
  xinfang::Engine engine;
  // Kept so that xf_engine_set_time() can move the clock the engine reads; null otherwise.
  std::shared_ptr<xinfang::ManualClock> manual_clock;
  xf_engine(xinfang::Engine e, std::shared_ptr<xinfang::ManualClock> clock)
      : engine(std::move(e)), manual_clock(std::move(clock)) {}
};

namespace xinfang::capi {

// A live engine handle, locked for the length of one call. Holding the handle's shared_ptr keeps
// the engine alive even if another thread closes the handle meanwhile (a host error, but not a
// crash); the close then waits for this call to end.
class EngineCall {
 public:
  explicit EngineCall(xf_engine* handle)
      : handle_(live_handle(static_cast<const xf_engine*>(handle), "engine")), lock_(handle_->mutex) {}
  Engine& engine() { return handle_->engine; }
  xf_engine& handle() { return *handle_; }

 private:
  std::shared_ptr<xf_engine> handle_;
  std::unique_lock<std::mutex> lock_;
};

// text_out() for a call whose body returns a command's result, handed out as its JSON text.
// The copy is made while the result still lives: freed first, the result's many small blocks
// would make the copy's large allocation gather them up (glibc consolidates its fast bins before
// a large request), which was a sixth of what the boundary cost an intake.
template <typename Body>
xf_status result_text_out(char** out, Body&& body) noexcept {
  if (out != nullptr) *out = nullptr;
  return guard([&] {
    const CommandResult result = body();
    *out = copy_out(result.to_json_text());
  });
}

}  // namespace xinfang::capi

#endif
