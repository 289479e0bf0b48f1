// Internal: reading a policy document value by value, recording every finding with its JSON
// path and going on, so that one pass reports everything a policy author has to fix.
#ifndef XINFANG_SRC_POLICY_POLICY_READER_HPP
#define XINFANG_SRC_POLICY_POLICY_READER_HPP

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy_impl.hpp"

namespace xinfang::policy_detail {

/** Reads values out of a document; every accessor reports what is wrong and returns a fallback. */
class Reader {
 public:
  explicit Reader(std::vector<Issue>& issues) : issues_(issues) {}

  /** Records a finding at @p path. */
  void error(const std::string& path, const std::string& message);
  /** The number of findings so far. */
  std::size_t error_count() const { return issues_.size(); }

  /** @p path extended by an object key (escaped as RFC 6901 says). */
  static std::string child(const std::string& path, std::string_view key);
  /** @p path extended by an array index. */
  static std::string child(const std::string& path, std::size_t index);

  /** Whether @p value is an object; reports "must be an object <shape>" if not. */
  bool expect_object(const Json& value, const std::string& path, const char* shape);
  /** Reports every key of @p object not in @p keys. */
  void allow_only(const Json& object, const std::string& path, std::initializer_list<const char*> keys);
  /** The member @p key of @p object, or nullptr; reports it missing when @p required. */
  const Json* member(const Json& object, const std::string& path, const char* key, bool required);

  /** A string member: non-empty unless @p allow_empty; @p fallback if absent and not required. */
  std::string text(const Json& object, const std::string& path, const char* key, bool required,
                   bool allow_empty = false, const std::string& fallback = std::string());
  /** A boolean member; @p fallback if absent. */
  bool boolean(const Json& object, const std::string& path, const char* key, bool fallback);
  /** A whole-number member within [min, max]; @p fallback if absent (or wrong). */
  int integer(const Json& object, const std::string& path, const char* key, bool required, int fallback, int min,
              int max);
  /** A number member within [min, max]; @p fallback if absent (or wrong). */
  double number(const Json& object, const std::string& path, const char* key, bool required, double fallback,
                double min, double max);
  /** An array of non-empty, distinct strings; empty if absent. */
  std::vector<std::string> text_list(const Json& object, const std::string& path, const char* key);
  /** @p value (at @p path) as an array of non-empty, distinct strings. */
  std::vector<std::string> text_list(const Json& value, const std::string& path);
  /** Whether @p id is a well-formed id (letters, digits, '_', '-', '.'; 1..64); reports if not. */
  bool check_id(const std::string& id, const std::string& path);
  /** Whether @p code is a well-formed code (A-Z, 0-9; 1..16); reports if not. */
  bool check_code(const std::string& code, const std::string& path);

 private:
  std::vector<Issue>& issues_;
};

/** What the later sections may refer to: the ids each collection defines. */
struct Ids {
  std::set<std::string> organisations;
  std::set<std::string> units;
  std::set<std::string> roles;
  std::set<std::string> channels;
  std::set<std::string> categories;
  std::set<std::string> regions;
  std::set<std::string> rating_levels;
};

/** "'x' is not a <what> of this policy (defined: a, b, c)", listing at most a dozen ids. */
std::string unknown_reference(const std::string& value, const char* what, const std::set<std::string>& defined);

/** "'x' is not <what> (one of: a, b, c)", listing every name of a fixed vocabulary. */
std::string not_in_vocabulary(const std::string& value, const char* what, const std::set<std::string>& names);

/** Checks each of @p values (at @p path/i) is in @p defined. */
void check_references(Reader& reader, const std::vector<std::string>& values, const std::string& path, const char* what,
                      const std::set<std::string>& defined);

/** Reads a {limit, unit, article} period at @p path. */
Period read_period(Reader& reader, const Json& object, const std::string& path);

// The sections of a policy document (policy_read_rules.cpp).
void read_routing(Reader& reader, const Json& doc, const Ids& ids, Policy::Impl& impl);
void read_clocks(Reader& reader, const Json& doc, const Ids& ids, Policy::Impl& impl);
void read_windows(Reader& reader, const Json& doc, Policy::Impl& impl);
void read_permissions(Reader& reader, const Json& doc, const Ids& ids, Policy::Impl& impl);
void read_rating(Reader& reader, const Json& doc, Ids& ids, Policy::Impl& impl);
void read_indicators(Reader& reader, const Json& doc, Policy::Impl& impl);

}  // namespace xinfang::policy_detail

#endif
