// Errors, versions and strings of the C ABI.
#include <cstdlib>

#include "capi_internal.hpp"
#include "xinfang.h"

namespace xinfang::capi {
namespace {

struct ThreadError {
  xf_status code = XF_OK;
  std::string message;
  bool out_of_memory = false;
};

thread_local ThreadError last_error;
const char* const kOutOfMemoryMessage = "out of memory";

}  // namespace

xf_status set_error(ErrorCode code, const std::string& message) noexcept {
  last_error.code = static_cast<xf_status>(code);
  try {
    last_error.message = message;
    // Messages are one line: they become Python exception text and log lines.
    for (char& c : last_error.message) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    last_error.out_of_memory = false;
  } catch (...) {
    last_error.out_of_memory = true;
  }
  return last_error.code;
}

xf_status set_out_of_memory() noexcept {
  last_error.code = XF_ERR_OUT_OF_MEMORY;
  last_error.out_of_memory = true;
  return XF_ERR_OUT_OF_MEMORY;
}

void clear_error() noexcept {
  last_error.code = XF_OK;
  last_error.message.clear();
  last_error.out_of_memory = false;
}

char* copy_out(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

}  // namespace xinfang::capi

using namespace xinfang::capi;

extern "C" {

const char* xf_last_error_message(void) {
  return last_error.out_of_memory ? kOutOfMemoryMessage : last_error.message.c_str();
}

xf_status xf_last_error_code(void) {
  return last_error.code;
}

void xf_clear_error(void) {
  clear_error();
}

const char* xf_status_name(xf_status status) {
  if (status > 0 || status < XF_ERR_CALLBACK) return "unknown";
  return xinfang::error_code_name(static_cast<xinfang::ErrorCode>(status));
}

const char* xf_version(void) {
  return XF_VERSION_STRING;
}
int xf_version_number(void) {
  return XF_VERSION_NUMBER;
}
int xf_abi_version(void) {
  return XF_ABI_VERSION;
}

void xf_string_free(char* text) {
  std::free(text);
}

}  // extern "C"
