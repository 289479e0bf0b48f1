// xinfang::Policy: loading (UTF-8, syntax, "extends" as a JSON merge patch over a preset, then
// validation), the compiled-in presets, and the accessors of the validated model.
#include "xinfang/policy.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "policy/policy_impl.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

namespace xinfang {
namespace policy_detail {
namespace {

// Presets may themselves extend presets; deeper than this is surely a cycle.
constexpr int kMaxExtendsDepth = 8;

// Finds keys given twice in one object while the parser runs: JSON parsers keep one of the two
// silently, and a policy must not lose a definition without a word. Tracks the JSON path.
class DuplicateKeys {
 public:
  explicit DuplicateKeys(std::vector<Issue>& issues) : issues_(issues) {}

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start: frames_.push_back(Frame{false, {}, {}, 0}); break;
      case Json::parse_event_t::array_start: frames_.push_back(Frame{true, {}, {}, 0}); break;
      case Json::parse_event_t::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second) {
          issues_.push_back(Issue{ErrorCode::invalid_data, path(),
                                  "key given twice in one object (one of the two would be silently lost)"});
        }
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        frames_.pop_back();
        element_done();
        break;
      case Json::parse_event_t::value: element_done(); break;
    }
    return true;
  }

 private:
  struct Frame {
    bool array;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };

  void element_done() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }

  std::string path() const {
    std::string result;
    for (const Frame& frame : frames_) {
      result += "/";
      if (frame.array) {
        result += std::to_string(frame.index);
        continue;
      }
      result += util::json_pointer_segment(frame.key);
    }
    return result;
  }

  std::vector<Issue>& issues_;
  std::vector<Frame> frames_;
};

// Parses @p text (what names it in messages) and applies its "extends", recording any finding.
std::optional<Json> resolve(std::string_view text, const std::string& what, int depth, std::vector<Issue>& issues) {
  Json doc;
  try {
    util::require_utf8(text, what);
    std::vector<Issue> duplicates;
    doc = Json::parse(text.begin(), text.end(), DuplicateKeys(duplicates), /*allow_exceptions=*/true,
                      /*ignore_comments=*/true);
    issues.insert(issues.end(), duplicates.begin(), duplicates.end());
  } catch (const Error& e) {
    issues.push_back(Issue{e.code(), "", e.what()});
    return std::nullopt;
  } catch (const Json::exception& e) {
    // A syntax error, or a number too large for a double (out_of_range.406): malformed either way.
    std::string message = e.what();
    // nlohmann's messages begin with "[json.exception.parse_error.101] "; keep the rest.
    if (auto close = message.find("] "); close != std::string::npos) message = message.substr(close + 2);
    issues.push_back(Issue{ErrorCode::parse_error, "", what + ": " + message});
    return std::nullopt;
  }
  if (!doc.is_object() || !doc.contains("extends")) return doc;

  const Json& extends = doc["extends"];
  if (!extends.is_string()) {
    issues.push_back(
        Issue{ErrorCode::invalid_data, "/extends", "must be the name of a preset (" + preset_list() + ")"});
    return std::nullopt;
  }
  const std::string base_name = extends.get<std::string>();
  const char* base_source = find_preset_source(base_name);
  if (base_source == nullptr) {
    issues.push_back(Issue{ErrorCode::not_found, "/extends",
                           "no preset named '" + base_name + "' (presets: " + preset_list() + ")"});
    return std::nullopt;
  }
  if (depth >= kMaxExtendsDepth) {
    issues.push_back(Issue{ErrorCode::invalid_data, "/extends", "presets extend each other too deeply (a cycle?)"});
    return std::nullopt;
  }
  std::optional<Json> merged = resolve(base_source, "preset " + base_name, depth + 1, issues);
  if (!merged) return std::nullopt;
  doc.erase("extends");
  merged->merge_patch(doc);  // RFC 7386: objects merge by key, null deletes, anything else replaces
  return merged;
}

}  // namespace

LoadResult load(std::string_view json) {
  LoadResult result;
  std::optional<Json> doc = resolve(json, "policy JSON", 0, result.issues);
  if (!doc) return result;
  auto impl = std::make_shared<Policy::Impl>();
  read_policy(*doc, *impl, result.issues);
  if (result.issues.empty()) result.impl = std::move(impl);
  return result;
}

}  // namespace policy_detail

namespace {

template <class Entry>
const Entry* find_by_id(const std::vector<Entry>& entries, std::string_view id) noexcept {
  for (const auto& entry : entries) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace

Policy::Policy(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Policy Policy::from_json(std::string_view json) {
  policy_detail::LoadResult result = policy_detail::load(json);
  if (result.issues.empty()) return Policy(std::move(result.impl));
  const policy_detail::Issue& first = result.issues.front();
  std::string message = first.text();
  if (result.issues.size() > 1) {
    const std::size_t more = result.issues.size() - 1;
    message += " (and " + std::to_string(more) + " more error" + (more == 1 ? "" : "s") +
               "; `xinfang policy check` lists them all)";
  }
  throw Error(first.code, message);
}

Policy Policy::preset(std::string_view name) {
  // Built once, on first use (thread-safe); every copy shares the model.
  static const std::map<std::string, Policy, std::less<>> presets = [] {
    std::map<std::string, Policy, std::less<>> built;
    for (const auto& preset : policy_detail::preset_sources()) {
      try {
        built.emplace(preset.first, from_json(preset.second));
      } catch (const Error& e) {
        throw Error(ErrorCode::internal, "preset '" + preset.first + "' does not load: " + e.what());
      }
    }
    return built;
  }();
  auto it = presets.find(name);
  if (it == presets.end()) {
    throw Error(ErrorCode::not_found,
                "no preset named '" + std::string(name) + "' (presets: " + policy_detail::preset_list() + ")");
  }
  return it->second;
}

std::vector<std::string> Policy::preset_names() {
  std::vector<std::string> names;
  for (const auto& preset : policy_detail::preset_sources()) names.push_back(preset.first);
  return names;
}

std::string Policy::preset_source(std::string_view name) {
  const char* source = policy_detail::find_preset_source(name);
  if (source == nullptr) {
    throw Error(ErrorCode::not_found,
                "no preset named '" + std::string(name) + "' (presets: " + policy_detail::preset_list() + ")");
  }
  return source;
}

const std::string& Policy::name() const noexcept {
  return impl_->name;
}
const std::string& Policy::version() const noexcept {
  return impl_->version;
}
const std::string& Policy::title() const noexcept {
  return impl_->title;
}
const std::string& Policy::calendar_name() const noexcept {
  return impl_->calendar;
}
const std::vector<Organisation>& Policy::organisations() const noexcept {
  return impl_->organisations;
}
const std::vector<Unit>& Policy::units() const noexcept {
  return impl_->units;
}
const std::vector<NamedEntry>& Policy::roles() const noexcept {
  return impl_->roles;
}
const std::vector<NamedEntry>& Policy::channels() const noexcept {
  return impl_->channels;
}
const std::vector<NamedEntry>& Policy::categories() const noexcept {
  return impl_->categories;
}
const std::vector<NamedEntry>& Policy::regions() const noexcept {
  return impl_->regions;
}
const std::vector<NamedEntry>& Policy::not_accepted_reasons() const noexcept {
  return impl_->not_accepted_reasons;
}
const std::vector<PetitionTypeRules>& Policy::petition_types() const noexcept {
  return impl_->petition_types;
}
const NumberingRules& Policy::numbering() const noexcept {
  return impl_->numbering;
}
const RoutingRules& Policy::routing() const noexcept {
  return impl_->routing;
}
const std::vector<ClockRules>& Policy::clocks() const noexcept {
  return impl_->clocks;
}
const RatingRules& Policy::rating() const noexcept {
  return impl_->rating;
}
const std::map<std::string, double>& Policy::indicator_weights() const noexcept {
  return impl_->indicator_weights;
}

const std::vector<std::string>& Policy::indicator_clocks(std::string_view indicator) const noexcept {
  static const std::vector<std::string> none;
  for (const auto& entry : impl_->indicator_clocks) {
    if (entry.first == indicator) return entry.second;
  }
  return none;
}
int Policy::max_representatives() const noexcept {
  return impl_->max_representatives;
}
int Policy::repeat_window_days() const noexcept {
  return impl_->repeat_window_days;
}
const std::string& Policy::confidential_reader_role() const noexcept {
  return impl_->confidential_reader_role;
}

const Period* Policy::window(std::string_view window) const noexcept {
  if (window == "rating") return &impl_->rating.window;
  for (const auto& entry : impl_->windows) {
    if (entry.first == window) return &entry.second;
  }
  return nullptr;
}

const std::vector<std::string>& Policy::roles_for(std::string_view command) const noexcept {
  static const std::vector<std::string> nobody;
  for (const auto& entry : impl_->permissions) {
    if (entry.first == command) return entry.second;
  }
  return nobody;
}

const Organisation* Policy::find_organisation(std::string_view id) const noexcept {
  return find_by_id(impl_->organisations, id);
}
const Unit* Policy::find_unit(std::string_view id) const noexcept {
  return find_by_id(impl_->units, id);
}
const NamedEntry* Policy::find_channel(std::string_view id) const noexcept {
  return find_by_id(impl_->channels, id);
}
const NamedEntry* Policy::find_category(std::string_view id) const noexcept {
  return find_by_id(impl_->categories, id);
}
const NamedEntry* Policy::find_region(std::string_view id) const noexcept {
  return find_by_id(impl_->regions, id);
}
const NamedEntry* Policy::find_not_accepted_reason(std::string_view id) const noexcept {
  return find_by_id(impl_->not_accepted_reasons, id);
}
const RatingLevel* Policy::find_rating_level(std::string_view id) const noexcept {
  return find_by_id(impl_->rating.scale, id);
}
const ClockRules* Policy::find_clock(std::string_view id) const noexcept {
  return find_by_id(impl_->clocks, id);
}

const PetitionTypeRules& Policy::rules_for(PetitionType type) const noexcept {
  const auto index = static_cast<std::size_t>(type);
  return impl_->petition_types[std::min(index, impl_->petition_types.size() - 1)];
}

std::string Policy::to_json() const {
  return policy_detail::to_json(*impl_).dump(2);
}

}  // namespace xinfang
