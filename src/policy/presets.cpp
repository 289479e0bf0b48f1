// The compiled-in presets: the JSON files in presets/, embedded at build time
// (xinfang_embed_text in the top-level CMakeLists.txt) and loaded through Policy::from_json,
// the same loader a host's own policy goes through.
#include "policy/policy_impl.hpp"

namespace xinfang::embedded {
extern const char preset_cn_national_2022_json[];
extern const char preset_cn_national_2005_json[];
extern const char preset_hotline_12345_json[];
}  // namespace xinfang::embedded

namespace xinfang::policy_detail {

const std::vector<std::pair<std::string, const char*>>& preset_sources() {
  static const std::vector<std::pair<std::string, const char*>> presets = {
      {"cn-national-2022", embedded::preset_cn_national_2022_json},
      {"cn-national-2005", embedded::preset_cn_national_2005_json},
      {"hotline-12345", embedded::preset_hotline_12345_json},
  };
  return presets;
}

std::string preset_list() {
  std::string list;
  for (const auto& preset : preset_sources()) list += (list.empty() ? "" : ", ") + preset.first;
  return list;
}

const char* find_preset_source(std::string_view name) {
  for (const auto& preset : preset_sources()) {
    if (preset.first == name) return preset.second;
  }
  return nullptr;
}

}  // namespace xinfang::policy_detail
