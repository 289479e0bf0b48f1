// Internal: strict reading of a command's JSON arguments and of event payloads. Every refusal
// names the command (or event) and the JSON path of the value at fault, e.g.
// "command reply /args/outcome: must be one of supported, partly_supported, not_supported, explained".
#ifndef XINFANG_SRC_LIFECYCLE_COMMAND_ARGS_HPP
#define XINFANG_SRC_LIFECYCLE_COMMAND_ARGS_HPP

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/calendar.hpp"
#include "xinfang/error.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang::lifecycle_detail {

/// Text limits (docs/lifecycle.md, "Text limits"); longer text is invalid_data.
constexpr std::size_t kMaxIdBytes = 200;        ///< Ids: units, organisations, leaders, case numbers.
constexpr std::size_t kMaxNameBytes = 200;      ///< Names of people and files, media types.
constexpr std::size_t kMaxSubjectBytes = 500;   ///< A petition's subject line.
constexpr std::size_t kMaxTextBytes = 1048576;  ///< Content, reply text, notes, reasons: 1 MiB.
constexpr std::size_t kMaxIdNumberBytes = 64;   ///< An identity-card number.
constexpr std::size_t kMaxPhoneBytes = 64;      ///< A phone number.
constexpr std::size_t kMaxAddressBytes = 1000;  ///< A postal address.
constexpr std::size_t kMaxListItems = 1000;     ///< Petitioners or attachments of one petition.

/// An instant as text: "YYYY-MM-DDTHH:MM:SSZ" (UTC, whole seconds).
std::string format_instant(Instant instant);
/// format_instant(), or JSON null for not_a_date_time.
Json instant_or_null(Instant instant);
/// An actor as events show it: {"id", "organisation", "unit", "roles"}.
Json actor_json(const Actor& actor);
/// Parses "YYYY-MM-DDTHH:MM:SS" with an optional fraction and "Z" or "+HH:MM"/"-HH:MM"; nullopt if not.
std::optional<Instant> parse_instant(std::string_view text);

/// @return @p text with bytes that are not UTF-8 shown as \xNN, cut after 100 bytes, for messages.
std::string printable(std::string_view text);

/**
 * Reads one JSON object strictly. @p subject is "command reply" or "event replied"; @p path is
 * the object's JSON path ("/args", "/args/petitioners/0"). Getters throw Error invalid_data
 * (missing, wrong type, empty, too long, out of range) or invalid_utf8, naming the path.
 */
class JsonReader {
 public:
  /// @p value must be an object (null counts as {} when @p null_is_empty).
  JsonReader(std::string subject, const Json& value, std::string path, bool null_is_empty = false);

  /// Refuses any key not in @p keys (invalid_data), and keys that are not UTF-8 (invalid_utf8).
  void allow_only(std::initializer_list<std::string_view> keys) const;

  bool has(std::string_view key) const;

  /// A string of 1..@p max_bytes bytes (0.. when @p allow_empty).
  std::string string(std::string_view key, std::size_t max_bytes, bool allow_empty = false) const;
  /// As string(), or nullopt when the key is absent.
  std::optional<std::string> optional_string(std::string_view key, std::size_t max_bytes,
                                             bool allow_empty = false) const;
  /// A string, or @p fallback when absent.
  std::string string_or(std::string_view key, std::size_t max_bytes, std::string fallback) const;
  /// One of @p choices.
  std::string choice(std::string_view key, const std::vector<std::string>& choices) const;
  bool boolean(std::string_view key) const;
  bool boolean_or(std::string_view key, bool fallback) const;
  std::optional<bool> optional_boolean(std::string_view key) const;
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) const;
  std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min, std::int64_t max) const;
  Instant instant(std::string_view key) const;
  std::optional<Instant> optional_instant(std::string_view key) const;
  /// An array of at most @p max_items elements (absent: an empty array when @p required is false).
  std::vector<const Json*> array(std::string_view key, std::size_t max_items, bool required) const;
  /// An array of strings, each 1..@p max_bytes.
  std::vector<std::string> strings(std::string_view key, std::size_t max_bytes, bool required) const;
  /// A reader of the object at @p key.
  JsonReader object(std::string_view key) const;
  /// A reader of @p element, the @p index-th of array @p key.
  JsonReader element(std::string_view key, std::size_t index, const Json& element) const;

  /// The path of @p key within this object.
  std::string path_of(std::string_view key) const;
  /// Throws invalid_data "<subject> <path of key>: <what>".
  [[noreturn]] void fail(std::string_view key, const std::string& what) const;
  /// Throws @p code "<subject> <path of key>: <what>".
  [[noreturn]] void fail(ErrorCode code, std::string_view key, const std::string& what) const;

  const std::string& subject() const noexcept { return subject_; }

 private:
  const Json& require(std::string_view key) const;
  // The path of a refused value is built only when it is refused: @p key, and @p index when the
  // value is an element of the array at @p key (npos otherwise).
  std::string check_string(const Json& value, std::string_view key, std::size_t index, std::size_t max_bytes,
                           bool allow_empty) const;

  std::string subject_;
  const Json* object_;
  std::string path_;
};

}  // namespace xinfang::lifecycle_detail

#endif
