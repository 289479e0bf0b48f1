/**
 * @file error.hpp
 * @brief The one error model of xinfang: ErrorCode and the Error exception.
 *
 * The same codes are the xf_status values of the C ABI (capi/include/xinfang.h) and the
 * exception classes of the Python package. Their numeric values reach callers' code and logs,
 * so they are fixed forever: a code is never renumbered or reused (docs/error-handling.md).
 */
#ifndef XINFANG_ERROR_HPP
#define XINFANG_ERROR_HPP

#include <stdexcept>
#include <string>

namespace xinfang {

/** What went wrong, as a stable number. Values are fixed forever. */
enum class ErrorCode : int {
  ok = 0,                 ///< Success.
  invalid_argument = -1,  ///< A value out of range, an impossible date, a NULL pointer.
  invalid_utf8 = -2,      ///< Text that is not valid UTF-8.
  parse_error = -3,       ///< Malformed input (JSON syntax); the message has line and column.
  invalid_data =
      -4,  ///< Well-formed input that breaks the rules (unknown key, bad value); the message has the JSON path.
  calendar_range = -5,        ///< A date in a year the calendar has no holiday table for.
  not_found = -6,             ///< A case, unit, calendar or other named thing does not exist.
  already_exists = -7,        ///< A thing that must be unique exists already.
  conflict = -8,              ///< A stale version, or an idempotency key reused with other content.
  forbidden = -9,             ///< The actor's roles do not allow the command.
  invalid_state = -10,        ///< The command is not allowed in the case's state.
  out_of_window = -11,        ///< The command came outside the period in which it is allowed.
  storage = -12,              ///< The database failed (I/O, disk full, locked past the timeout).
  integrity = -13,            ///< Stored or imported data fails verification (broken hash chain).
  unsupported_version = -14,  ///< A file, schema or archive from a newer version of xinfang.
  bad_handle = -15,           ///< A C handle that is NULL, closed or of the wrong kind.
  out_of_memory = -16,        ///< An allocation failed.
  internal = -17,             ///< A bug in xinfang: please report it with the message.
  callback = -18,             ///< A host's callback (the C ABI's clock callback) reported a failure.
};

/**
 * @param code Any value.
 * @return The code's stable lower-case name, e.g. "calendar_range"; "unknown" for other values.
 */
const char* error_code_name(ErrorCode code) noexcept;

/**
 * The exception every xinfang function throws on failure: a code and a one-line message
 * written to be shown to a person (and raised as a Python exception by the bindings).
 */
class Error : public std::runtime_error {
 public:
  /**
   * @param code What went wrong.
   * @param message One line, naming the thing at fault and the rule that refused it.
   */
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /** @return The error's code. */
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace xinfang

#endif  // XINFANG_ERROR_HPP
