// Internal: reading a scenario document value by value. The first finding stops the scenario
// (Invalid): a scenario is a test, and the author fixes it one finding at a time, with its path.
#ifndef XINFANG_SRC_SCENARIO_SCENARIO_READER_HPP
#define XINFANG_SRC_SCENARIO_SCENARIO_READER_HPP

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/calendar.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang::scenario_detail {

/** Thrown by the readers: the scenario is invalid at @p path. */
struct Invalid {
  ErrorCode code;
  std::string path;
  std::string message;
  /** "scenario /path: message". */
  std::string text() const;
};

[[noreturn]] void invalid(const std::string& path, const std::string& message,
                          ErrorCode code = ErrorCode::invalid_data);

/** @p path extended by an object key (RFC 6901 escaping). */
std::string child(const std::string& path, std::string_view key);
/** @p path extended by an array index. */
std::string child(const std::string& path, std::size_t index);

/** Refuses a value that is not an object. */
const Json& object_at(const Json& value, const std::string& path);
/** Refuses every key of @p object not in @p keys. */
void allow_only(const Json& object, const std::string& path, std::initializer_list<const char*> keys);
/** A string member (non-empty), or nullopt when absent. */
std::optional<std::string> text_member(const Json& object, const std::string& path, const char* key);
/** A whole-number member in [min, max], or nullopt when absent. */
std::optional<long long> integer_member(const Json& object, const std::string& path, const char* key, long long min,
                                        long long max);
/** A boolean member, or nullopt when absent. */
std::optional<bool> boolean_member(const Json& object, const std::string& path, const char* key);
/** An array of non-empty strings. */
std::vector<std::string> text_list(const Json& value, const std::string& path);
/** Refuses @p value when it is not one of @p names, listing them: not_found for what a policy
 *  defines, invalid_data for a fixed vocabulary. */
void require_one_of(const std::string& value, const std::string& path, const char* what,
                    const std::vector<std::string>& names, ErrorCode code = ErrorCode::invalid_data);

/**
 * A point in time: "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or with "T", in the calendar's zone
 * unless it ends in "Z" or "+HH:MM"; "24:00" is the end of the day.
 */
Instant absolute_time(const std::string& text, const Calendar& calendar, const std::string& path);
/** A step's time: absolute_time(), or "+N minutes|hours|days|working days" after @p previous
 *  (working days keep the time of day). */
Instant step_time(const std::string& text, Instant previous, const Calendar& calendar, const std::string& path);

}  // namespace xinfang::scenario_detail

#endif
