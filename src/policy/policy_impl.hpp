// Internal: the validated model behind xinfang::Policy, and the loader that builds it.
//
// Loading is two steps: resolve the document (UTF-8, syntax, "extends" applied as a JSON merge
// patch over the preset), then read and validate it into a Policy::Impl, collecting every
// finding rather than stopping at the first, so that `xinfang policy check` can list them all.
// Policy::from_json throws the first finding.
#ifndef XINFANG_SRC_POLICY_POLICY_IMPL_HPP
#define XINFANG_SRC_POLICY_POLICY_IMPL_HPP

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "xinfang/error.hpp"
#include "xinfang/policy.hpp"

namespace xinfang {

/** The model. Every vector keeps the order of the document. */
struct Policy::Impl {
  std::string name;
  std::string version;
  std::string title;
  std::string calendar = "cn-national";
  std::vector<Organisation> organisations;
  std::vector<Unit> units;
  std::vector<NamedEntry> roles;
  std::vector<NamedEntry> channels;
  std::vector<PetitionTypeRules> petition_types;  // indexed by PetitionType
  std::vector<NamedEntry> categories;
  std::vector<NamedEntry> regions;
  std::vector<NamedEntry> not_accepted_reasons;
  NumberingRules numbering;
  RoutingRules routing;
  std::vector<ClockRules> clocks;
  std::vector<std::pair<std::string, Period>> windows;  // "rating" is rating.window
  std::vector<std::pair<std::string, std::vector<std::string>>> permissions;
  RatingRules rating;
  std::map<std::string, double> indicator_weights;
  std::map<std::string, std::vector<std::string>> indicator_clocks;
  int max_representatives = 5;
  int repeat_window_days = 180;
  std::string confidential_reader_role;
};

namespace policy_detail {

/** Policy documents are read keeping the author's order of keys. */
using Json = nlohmann::ordered_json;

/** One finding of the validator. */
struct Issue {
  ErrorCode code = ErrorCode::invalid_data;
  std::string path;     // JSON pointer into the merged document; "" for the whole document
  std::string message;  // what is wrong, and the rule
  /** "policy /path: message"; the message alone for a document that could not be read (no path). */
  std::string text() const;
};

/** What loading a document produced: a model if there were no findings. */
struct LoadResult {
  std::shared_ptr<Policy::Impl> impl;  // null if issues is not empty
  std::vector<Issue> issues;
};

/**
 * Resolves and validates @p json. Never throws Error: a document that cannot be read at all
 * (invalid UTF-8, a syntax error, an unknown preset in "extends") gives a single issue.
 */
LoadResult load(std::string_view json);

/** Reads and validates a resolved document (extends already applied) into @p impl. */
void read_policy(const Json& doc, Policy::Impl& impl, std::vector<Issue>& issues);

/** The canonical JSON of a model: every value explicit, defaults included, no "extends". */
Json to_json(const Policy::Impl& impl);

/**
 * How a host's policy text is read (EngineOptions::policy, xf_policy_check()): a preset name, or
 * else a policy document. A document always has a '{'; a name never does. (Looking at the first
 * character instead would take a document that opens with a comment, as the presets do, for a
 * name.)
 */
inline bool names_a_preset(std::string_view text) {
  return text.find('{') == std::string_view::npos;
}

/** The compiled-in presets, by name, in a fixed order. */
const std::vector<std::pair<std::string, const char*>>& preset_sources();

/** "cn-national-2022, cn-national-2005, hotline-12345", for messages. */
std::string preset_list();

/** The source of the preset @p name, or nullptr. */
const char* find_preset_source(std::string_view name);

}  // namespace policy_detail
}  // namespace xinfang

#endif
