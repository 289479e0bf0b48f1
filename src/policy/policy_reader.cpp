// Reading policy values with their JSON paths (policy_reader.hpp).
#include "policy/policy_reader.hpp"

#include <algorithm>
#include <cmath>

#include "util/text.hpp"

namespace xinfang::policy_detail {

std::string Issue::text() const {
  // A document that cannot be read at all has no path: its message says where (line, column, byte).
  // Messages quote the document's own names and values, which may hold line breaks.
  if (path.empty() && code != ErrorCode::invalid_data) return util::one_line(message);
  return util::one_line("policy " + (path.empty() ? std::string("/") : path) + ": " + message);
}

void Reader::error(const std::string& path, const std::string& message) {
  issues_.push_back(Issue{ErrorCode::invalid_data, path, message});
}

std::string Reader::child(const std::string& path, std::string_view key) {
  return path + "/" + util::json_pointer_segment(key);
}

std::string Reader::child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

bool Reader::expect_object(const Json& value, const std::string& path, const char* shape) {
  if (value.is_object()) return true;
  error(path, std::string("must be an object ") + shape);
  return false;
}

void Reader::allow_only(const Json& object, const std::string& path, std::initializer_list<const char*> keys) {
  for (const auto& item : object.items()) {
    const bool known = std::any_of(keys.begin(), keys.end(), [&](const char* k) { return item.key() == k; });
    if (known) continue;
    std::string list;
    for (const char* k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
    error(child(path, item.key()),
          "unknown key (a typo must not silently change the policy; known here: " + list + ")");
  }
}

const Json* Reader::member(const Json& object, const std::string& path, const char* key, bool required) {
  auto it = object.find(key);
  if (it != object.end()) return &*it;
  if (required) error(child(path, key), "is required");
  return nullptr;
}

std::string Reader::text(const Json& object, const std::string& path, const char* key, bool required, bool allow_empty,
                         const std::string& fallback) {
  const Json* value = member(object, path, key, required);
  if (value == nullptr) return fallback;
  const std::string at = child(path, key);
  if (!value->is_string()) {
    error(at, "must be a string");
    return fallback;
  }
  std::string result = value->get<std::string>();
  if (!allow_empty && result.empty()) error(at, "must not be empty");
  if (result.size() > 1000) error(at, "is longer than 1000 bytes");
  return result;
}

bool Reader::boolean(const Json& object, const std::string& path, const char* key, bool fallback) {
  const Json* value = member(object, path, key, false);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) {
    error(child(path, key), "must be true or false");
    return fallback;
  }
  return value->get<bool>();
}

int Reader::integer(const Json& object, const std::string& path, const char* key, bool required, int fallback, int min,
                    int max) {
  const Json* value = member(object, path, key, required);
  if (value == nullptr) return fallback;
  const std::string range = "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (!value->is_number_integer()) {
    error(child(path, key), range);
    return fallback;
  }
  // Unsigned values beyond long long wrap negative here, and are refused as out of range.
  const long long number =
      value->is_number_unsigned() && value->get<unsigned long long>() > 1ULL << 62 ? -1 : value->get<long long>();
  if (number < min || number > max) {
    error(child(path, key), range + " (it is " + value->dump() + ")");
    return fallback;
  }
  return static_cast<int>(number);
}

double Reader::number(const Json& object, const std::string& path, const char* key, bool required, double fallback,
                      double min, double max) {
  const Json* value = member(object, path, key, required);
  if (value == nullptr) return fallback;
  auto bound = [](double d) {
    // 0 and 1, not 0.0 and 1.0: bounds are read by people.
    return d == std::floor(d) && std::fabs(d) < 1e15 ? std::to_string(static_cast<long long>(d)) : Json(d).dump();
  };
  const std::string range = "must be a number from " + bound(min) + " to " + bound(max);
  if (!value->is_number()) {
    error(child(path, key), range);
    return fallback;
  }
  const double result = value->get<double>();
  if (!std::isfinite(result) || result < min || result > max) {
    error(child(path, key), range + " (it is " + value->dump() + ")");
    return fallback;
  }
  return result;
}

std::vector<std::string> Reader::text_list(const Json& object, const std::string& path, const char* key) {
  const Json* value = member(object, path, key, false);
  if (value == nullptr) return {};
  return text_list(*value, child(path, key));
}

std::vector<std::string> Reader::text_list(const Json& value, const std::string& path) {
  std::vector<std::string> result;
  if (!value.is_array()) {
    error(path, "must be an array of strings");
    return result;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& item = value[i];
    if (!item.is_string() || item.get<std::string>().empty()) {
      error(child(path, i), "must be a non-empty string");
      continue;
    }
    std::string text = item.get<std::string>();
    if (std::find(result.begin(), result.end(), text) != result.end()) {
      error(child(path, i), "'" + text + "' is listed twice");
      continue;
    }
    result.push_back(std::move(text));
  }
  return result;
}

bool Reader::check_id(const std::string& id, const std::string& path) {
  const bool ok = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
  if (!ok) error(path, "'" + id + "' is not a valid id (1 to 64 letters, digits, '_', '-' or '.')");
  return ok;
}

bool Reader::check_code(const std::string& code, const std::string& path) {
  const bool ok = !code.empty() && code.size() <= 16 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
  if (!ok) {
    error(path,
          "'" + code + "' is not a valid code (1 to 16 capital letters A-Z or digits: codes go into case numbers)");
  }
  return ok;
}

std::string unknown_reference(const std::string& value, const char* what, const std::set<std::string>& defined) {
  std::string message = "'" + value + "' is not " + what + " of this policy";
  if (defined.empty()) return message + " (it defines none)";
  std::string list;
  std::size_t shown = 0;
  for (const auto& id : defined) {
    if (shown++ == 12) {
      list += ", ...";
      break;
    }
    list += (list.empty() ? "" : ", ") + id;
  }
  return message + " (defined: " + list + ")";
}

std::string not_in_vocabulary(const std::string& value, const char* what, const std::set<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return "'" + value + "' is not " + what + " (one of: " + list + ")";
}

void check_references(Reader& reader, const std::vector<std::string>& values, const std::string& path, const char* what,
                      const std::set<std::string>& defined) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (defined.count(values[i]) == 0)
      reader.error(Reader::child(path, i), unknown_reference(values[i], what, defined));
  }
}

Period read_period(Reader& reader, const Json& object, const std::string& path) {
  Period period;
  period.limit = reader.integer(object, path, "limit", true, 1, 1, 100000);
  const std::string unit = reader.text(object, path, "unit", true);
  if (auto parsed = parse_period_unit(unit)) {
    period.unit = *parsed;
  } else if (!unit.empty()) {
    reader.error(Reader::child(path, "unit"),
                 "'" + unit +
                     "' is not a period unit (calendar_days, working_days, statutory_days, hours, "
                     "business_hours)");
  }
  period.article = reader.text(object, path, "article", false, true);
  return period;
}

}  // namespace xinfang::policy_detail
