// Reading a resolved policy document: the top level, the organisation tree, the named lists,
// the petition types and the numbering. The rule sections are in policy_read_rules.cpp.
#include <algorithm>
#include <map>

#include "policy/policy_reader.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang::policy_detail {
namespace {

// Calls @p read(id, value, path) for each entry of the object-keyed section @p key, after
// recording the id in @p ids (so that a broken entry does not also break every reference to it).
template <class Read>
void each_entry(Reader& reader, const Json& doc, const char* key, bool required, const char* shape,
                std::set<std::string>* ids, Read&& read) {
  const Json* section = reader.member(doc, "", key, required);
  if (section == nullptr) return;
  const std::string path = Reader::child("", key);
  if (!reader.expect_object(*section, path, "keyed by id")) return;
  if (required && section->empty()) reader.error(path, "must define at least one entry");
  for (const auto& item : section->items()) {
    const std::string item_path = Reader::child(path, item.key());
    if (!reader.check_id(item.key(), item_path)) continue;
    if (ids != nullptr) ids->insert(item.key());
    if (!reader.expect_object(item.value(), item_path, shape)) continue;
    read(item.key(), item.value(), item_path);
  }
}

// A code, if given, is well formed and not used by another entry of the same list.
void read_code(Reader& reader, const Json& entry, const std::string& path, std::string& code,
               std::map<std::string, std::string>& owners, const std::string& id) {
  code = reader.text(entry, path, "code", false, true);
  if (code.empty() || !reader.check_code(code, Reader::child(path, "code"))) return;
  auto [it, inserted] = owners.emplace(code, id);
  if (!inserted)
    reader.error(Reader::child(path, "code"), "code '" + code + "' is also the code of '" + it->second + "'");
}

std::vector<NamedEntry> read_named(Reader& reader, const Json& doc, const char* key, bool required,
                                   std::set<std::string>* ids) {
  std::vector<NamedEntry> entries;
  std::map<std::string, std::string> codes;
  each_entry(reader, doc, key, required, "{name, code, article}", ids,
             [&](const std::string& id, const Json& value, const std::string& path) {
               reader.allow_only(value, path, {"name", "code", "article"});
               NamedEntry entry;
               entry.id = id;
               entry.name = reader.text(value, path, "name", true);
               read_code(reader, value, path, entry.code, codes, id);
               entry.article = reader.text(value, path, "article", false, true);
               entries.push_back(std::move(entry));
             });
  return entries;
}

// Follows parent links from each entry; reports each cycle once, at the first entry on it.
template <class Entry>
void check_no_cycles(Reader& reader, const std::vector<Entry>& entries, const char* section) {
  std::map<std::string, std::string> parent;
  for (const auto& e : entries) parent[e.id] = e.parent;
  std::set<std::string> reported;
  for (const auto& e : entries) {
    std::vector<std::string> chain{e.id};
    std::string at = e.parent;
    while (!at.empty() && parent.count(at) != 0 && chain.size() <= entries.size()) {
      if (at == e.id) {
        if (reported.count(e.id) != 0) break;
        std::string text;
        for (const auto& id : chain) {
          text += id + " -> ";
          reported.insert(id);
        }
        reader.error(Reader::child(Reader::child(Reader::child("", section), e.id), "parent"),
                     "the parent chain " + text + e.id + " is a cycle");
        break;
      }
      chain.push_back(at);
      at = parent[at];
    }
  }
}

void read_organisations(Reader& reader, const Json& doc, Ids& ids, Policy::Impl& impl) {
  std::map<std::string, std::string> codes;
  each_entry(reader, doc, "organisations", true, "{name, code, parent}", &ids.organisations,
             [&](const std::string& id, const Json& value, const std::string& path) {
               reader.allow_only(value, path, {"name", "code", "parent"});
               Organisation org;
               org.id = id;
               org.name = reader.text(value, path, "name", true);
               read_code(reader, value, path, org.code, codes, id);
               org.parent = reader.text(value, path, "parent", false, true);
               impl.organisations.push_back(std::move(org));
             });
  for (const auto& org : impl.organisations) {
    const std::string path = Reader::child(Reader::child("/organisations", org.id), "parent");
    if (org.parent.empty()) continue;
    if (org.parent == org.id) {
      reader.error(path, "an organisation cannot be its own parent");
    } else if (ids.organisations.count(org.parent) == 0) {
      reader.error(path, unknown_reference(org.parent, "an organisation", ids.organisations));
    }
  }
  check_no_cycles(reader, impl.organisations, "organisations");
}

void read_units(Reader& reader, const Json& doc, Ids& ids, Policy::Impl& impl) {
  std::map<std::string, std::string> codes;
  each_entry(reader, doc, "units", true, "{name, organisation, parent, code, petition_office}", &ids.units,
             [&](const std::string& id, const Json& value, const std::string& path) {
               reader.allow_only(value, path, {"name", "organisation", "parent", "code", "petition_office"});
               Unit unit;
               unit.id = id;
               unit.name = reader.text(value, path, "name", true);
               unit.organisation = reader.text(value, path, "organisation", true);
               unit.parent = reader.text(value, path, "parent", false, true);
               read_code(reader, value, path, unit.code, codes, id);
               unit.petition_office = reader.boolean(value, path, "petition_office", false);
               impl.units.push_back(std::move(unit));
             });
  std::map<std::string, std::string> organisation_of;
  for (const auto& unit : impl.units) organisation_of[unit.id] = unit.organisation;
  for (const auto& unit : impl.units) {
    const std::string path = Reader::child("/units", unit.id);
    if (!unit.organisation.empty() && ids.organisations.count(unit.organisation) == 0) {
      reader.error(Reader::child(path, "organisation"),
                   unknown_reference(unit.organisation, "an organisation", ids.organisations));
    }
    if (unit.parent.empty()) continue;
    if (unit.parent == unit.id) {
      reader.error(Reader::child(path, "parent"), "a unit cannot be its own parent");
    } else if (ids.units.count(unit.parent) == 0) {
      reader.error(Reader::child(path, "parent"), unknown_reference(unit.parent, "a unit", ids.units));
    } else if (organisation_of.count(unit.parent) != 0 && organisation_of[unit.parent] != unit.organisation) {
      reader.error(Reader::child(path, "parent"), "unit '" + unit.parent + "' belongs to organisation '" +
                                                      organisation_of[unit.parent] + "', not '" + unit.organisation +
                                                      "': a unit's parent is in the same organisation");
    }
  }
  check_no_cycles(reader, impl.units, "units");
}

void read_petition_types(Reader& reader, const Json& doc, Policy::Impl& impl) {
  std::vector<std::optional<PetitionTypeRules>> found(3);
  each_entry(reader, doc, "petition_types", true, "{name, article, confidential, routes}", nullptr,
             [&](const std::string& id, const Json& value, const std::string& path) {
               const auto type = parse_petition_type(id);
               if (!type) {
                 reader.error(path, "'" + id + "' is not a petition type (suggestion, accusation, claim)");
                 return;
               }
               reader.allow_only(value, path, {"name", "article", "confidential", "routes"});
               PetitionTypeRules rules;
               rules.type = *type;
               rules.name = reader.text(value, path, "name", true);
               rules.article = reader.text(value, path, "article", false, true);
               rules.confidential = reader.boolean(value, path, "confidential", *type == PetitionType::accusation);
               if (*type == PetitionType::accusation && !rules.confidential) {
                 reader.error(Reader::child(path, "confidential"),
                              "must be true: a reporter's identity and materials must never reach the person or "
                              "unit reported on (信访工作条例 第三十条第三款)");
               }
               if (const Json* routes = reader.member(value, path, "routes", false)) {
                 const std::string routes_path = Reader::child(path, "routes");
                 if (reader.expect_object(*routes, routes_path, "keyed by route id")) {
                   for (const auto& item : routes->items()) {
                     const std::string route_path = Reader::child(routes_path, item.key());
                     if (!reader.check_id(item.key(), route_path) ||
                         !reader.expect_object(item.value(), route_path, "{name, article, handled_here}")) {
                       continue;
                     }
                     reader.allow_only(item.value(), route_path, {"name", "article", "handled_here"});
                     SubRoute route;
                     route.id = item.key();
                     route.name = reader.text(item.value(), route_path, "name", true);
                     route.article = reader.text(item.value(), route_path, "article", false, true);
                     route.handled_here = reader.boolean(item.value(), route_path, "handled_here", true);
                     rules.routes.push_back(std::move(route));
                   }
                 }
               }
               found[static_cast<std::size_t>(*type)] = std::move(rules);
             });
  // Missing types are reported only when the section itself is readable (else it is reported).
  const bool readable = doc.contains("petition_types") && doc.at("petition_types").is_object();
  for (PetitionType type : {PetitionType::suggestion, PetitionType::accusation, PetitionType::claim}) {
    auto& rules = found[static_cast<std::size_t>(type)];
    if (!rules) {
      if (readable) {
        reader.error(Reader::child("/petition_types", petition_type_name(type)),
                     "is required: a policy defines all three petition types, suggestion, accusation and claim "
                     "(信访工作条例 第二十九条至第三十一条)");
      }
      rules = PetitionTypeRules{};
      rules->type = type;
    }
    impl.petition_types.push_back(std::move(*rules));
  }
}

void read_numbering(Reader& reader, const Json& doc, Policy::Impl& impl) {
  const Json* numbering = reader.member(doc, "", "numbering", true);
  if (numbering == nullptr || !reader.expect_object(*numbering, "/numbering", "{pattern, check_character}")) return;
  reader.allow_only(*numbering, "/numbering", {"pattern", "check_character"});
  impl.numbering.pattern = reader.text(*numbering, "/numbering", "pattern", true);
  impl.numbering.check_character = reader.boolean(*numbering, "/numbering", "check_character", false);
  if (impl.numbering.pattern.empty()) return;
  try {
    CaseNumberFormat::parse(impl.numbering.pattern, impl.numbering.check_character);
  } catch (const Error& e) {
    reader.error("/numbering/pattern", e.what());
    return;
  }
  // Fields that take a code need every entry they can take to have one.
  auto require_codes = [&](const char* field, const auto& entries, const char* section) {
    if (impl.numbering.pattern.find(field) == std::string::npos) return;
    for (const auto& entry : entries) {
      if (!entry.code.empty()) continue;
      reader.error(Reader::child(Reader::child(Reader::child("", section), entry.id), "code"),
                   std::string("is required: the numbering pattern uses ") + field);
    }
  };
  require_codes("{org}", impl.organisations, "organisations");
  require_codes("{channel}", impl.channels, "channels");
  require_codes("{category}", impl.categories, "categories");
}

}  // namespace

void read_policy(const Json& doc, Policy::Impl& impl, std::vector<Issue>& issues) {
  Reader reader(issues);
  if (!doc.is_object()) {
    reader.error("", "a policy must be a JSON object");
    return;
  }
  reader.allow_only(doc, "",
                    {"extends",
                     "name",
                     "version",
                     "title",
                     "calendar",
                     "organisations",
                     "units",
                     "roles",
                     "channels",
                     "petition_types",
                     "categories",
                     "regions",
                     "not_accepted_reasons",
                     "numbering",
                     "routing",
                     "clocks",
                     "windows",
                     "permissions",
                     "rating",
                     "indicators",
                     "max_representatives",
                     "repeat_window_days",
                     "confidential_reader_role"});
  impl.name = reader.text(doc, "", "name", true);
  impl.version = reader.text(doc, "", "version", true);
  impl.title = reader.text(doc, "", "title", false, true);
  impl.calendar = reader.text(doc, "", "calendar", false, false, "cn-national");

  Ids ids;
  read_organisations(reader, doc, ids, impl);
  read_units(reader, doc, ids, impl);
  impl.roles = read_named(reader, doc, "roles", true, &ids.roles);
  impl.channels = read_named(reader, doc, "channels", true, &ids.channels);
  read_petition_types(reader, doc, impl);
  impl.categories = read_named(reader, doc, "categories", true, &ids.categories);
  impl.regions = read_named(reader, doc, "regions", false, &ids.regions);
  impl.not_accepted_reasons = read_named(reader, doc, "not_accepted_reasons", false, nullptr);
  read_numbering(reader, doc, impl);
  read_routing(reader, doc, ids, impl);
  read_clocks(reader, doc, ids, impl);
  read_windows(reader, doc, impl);
  read_permissions(reader, doc, ids, impl);
  read_rating(reader, doc, ids, impl);
  read_indicators(reader, doc, impl);

  impl.max_representatives = reader.integer(doc, "", "max_representatives", false, 5, 1, 100);
  impl.repeat_window_days = reader.integer(doc, "", "repeat_window_days", false, 180, 0, 3650);
  impl.confidential_reader_role = reader.text(doc, "", "confidential_reader_role", true);
  if (!impl.confidential_reader_role.empty() && ids.roles.count(impl.confidential_reader_role) == 0) {
    reader.error("/confidential_reader_role", unknown_reference(impl.confidential_reader_role, "a role", ids.roles));
  }
}

}  // namespace xinfang::policy_detail
