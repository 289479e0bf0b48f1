// The canonical JSON of a validated policy: the merged document with "extends" resolved and
// every value explicit, in the same shape from_json reads, so that from_json(to_json()) is
// the same policy. Empty optional texts (a code, an article, a parent) are left out.
#include "policy/policy_impl.hpp"

namespace xinfang::policy_detail {
namespace {

void put_text(Json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

Json list(const std::vector<std::string>& values) {
  Json array = Json::array();
  for (const auto& value : values) array.push_back(value);
  return array;
}

Json types(const std::vector<PetitionType>& values) {
  Json array = Json::array();
  for (PetitionType type : values) array.push_back(petition_type_name(type));
  return array;
}

Json period(const Period& p) {
  Json object = {{"limit", p.limit}, {"unit", period_unit_name(p.unit)}};
  put_text(object, "article", p.article);
  return object;
}

Json named(const std::vector<NamedEntry>& entries) {
  Json object = Json::object();
  for (const auto& entry : entries) {
    Json value = {{"name", entry.name}};
    put_text(value, "code", entry.code);
    put_text(value, "article", entry.article);
    object[entry.id] = std::move(value);
  }
  return object;
}

const char* handler_rule_name(HandlerRule rule) {
  switch (rule) {
    case HandlerRule::least_open: return "least_open";
    case HandlerRule::round_robin: return "round_robin";
    case HandlerRule::duty_roster: return "duty_roster";
  }
  return "least_open";
}

Json clock_json(const ClockRules& clock) {
  Json object = {{"name", clock.name}, {"limit", clock.period.limit}, {"unit", period_unit_name(clock.period.unit)}};
  put_text(object, "article", clock.period.article);
  if (!clock.applies_to.empty()) object["applies_to"] = types(clock.applies_to);
  if (!clock.categories.empty()) object["categories"] = list(clock.categories);
  object["start_on"] = list(clock.start_on);
  object["stop_on"] = list(clock.stop_on);
  if (!clock.pause_on.empty()) object["pause_on"] = list(clock.pause_on);
  if (!clock.resume_on.empty()) object["resume_on"] = list(clock.resume_on);
  if (!clock.restart_on.empty()) object["restart_on"] = list(clock.restart_on);
  if (clock.extension.max_total > 0) {
    Json extension = {{"max_total", clock.extension.max_total},
                      {"max_times", clock.extension.max_times},
                      {"approver_role", clock.extension.approver_role}};
    put_text(extension, "article", clock.extension.article);
    object["extension"] = std::move(extension);
  }
  object["carry_over_on_transfer"] = clock.carry_over_on_transfer;
  if (!clock.ladder.empty()) {
    Json ladder = Json::object();
    for (const auto& step : clock.ladder) {
      Json value = {{"at", step.at}};
      if (step.at == "share") value["share"] = step.share;
      if (step.at == "before" || step.at == "after") {
        value["offset"] = step.offset;
        value["offset_unit"] = period_unit_name(step.offset_unit);
      }
      value["action"] = step.action;
      value["notify"] = step.notify;
      if (step.hold_to_business_hours) value["hold_to_business_hours"] = true;
      ladder[step.id] = std::move(value);
    }
    object["escalation"] = std::move(ladder);
  }
  return object;
}

}  // namespace

Json to_json(const Policy::Impl& impl) {
  Json doc = Json::object();
  doc["name"] = impl.name;
  doc["version"] = impl.version;
  doc["title"] = impl.title;
  doc["calendar"] = impl.calendar;

  Json organisations = Json::object();
  for (const auto& org : impl.organisations) {
    Json value = {{"name", org.name}};
    put_text(value, "code", org.code);
    put_text(value, "parent", org.parent);
    organisations[org.id] = std::move(value);
  }
  doc["organisations"] = std::move(organisations);

  Json units = Json::object();
  for (const auto& unit : impl.units) {
    Json value = {{"name", unit.name}, {"organisation", unit.organisation}};
    put_text(value, "parent", unit.parent);
    put_text(value, "code", unit.code);
    value["petition_office"] = unit.petition_office;
    units[unit.id] = std::move(value);
  }
  doc["units"] = std::move(units);
  doc["roles"] = named(impl.roles);
  doc["channels"] = named(impl.channels);

  Json petition_types = Json::object();
  for (const auto& rules : impl.petition_types) {
    Json value = {{"name", rules.name}};
    put_text(value, "article", rules.article);
    value["confidential"] = rules.confidential;
    if (!rules.routes.empty()) {
      Json routes = Json::object();
      for (const auto& route : rules.routes) {
        Json r = {{"name", route.name}};
        put_text(r, "article", route.article);
        r["handled_here"] = route.handled_here;
        routes[route.id] = std::move(r);
      }
      value["routes"] = std::move(routes);
    }
    petition_types[petition_type_name(rules.type)] = std::move(value);
  }
  doc["petition_types"] = std::move(petition_types);
  doc["categories"] = named(impl.categories);
  doc["regions"] = named(impl.regions);
  doc["not_accepted_reasons"] = named(impl.not_accepted_reasons);
  doc["numbering"] = {{"pattern", impl.numbering.pattern}, {"check_character", impl.numbering.check_character}};

  Json rules = Json::array();
  for (const auto& rule : impl.routing.rules) {
    Json value = {{"name", rule.name}};
    if (!rule.categories.empty()) value["categories"] = list(rule.categories);
    if (!rule.regions.empty()) value["regions"] = list(rule.regions);
    if (!rule.channels.empty()) value["channels"] = list(rule.channels);
    if (!rule.types.empty()) value["types"] = types(rule.types);
    if (!rule.keywords.empty()) value["keywords"] = list(rule.keywords);
    value["unit"] = rule.unit;
    rules.push_back(std::move(value));
  }
  doc["routing"] = {{"handler_rule", handler_rule_name(impl.routing.handler_rule)}};
  put_text(doc["routing"], "default_unit", impl.routing.default_unit);
  doc["routing"]["rules"] = std::move(rules);

  Json clocks = Json::object();
  for (const auto& clock : impl.clocks) clocks[clock.id] = clock_json(clock);
  doc["clocks"] = std::move(clocks);

  Json windows = Json::object();
  for (const auto& window : impl.windows) windows[window.first] = period(window.second);
  doc["windows"] = std::move(windows);

  Json permissions = Json::object();
  for (const auto& entry : impl.permissions) permissions[entry.first] = list(entry.second);
  doc["permissions"] = std::move(permissions);

  Json scale = Json::object();
  for (const auto& level : impl.rating.scale) {
    scale[level.id] = {
        {"name", level.name}, {"credit", level.credit}, {"satisfied", level.satisfied}, {"follow_up", level.follow_up}};
  }
  doc["rating"] = {{"scale", std::move(scale)}, {"window", period(impl.rating.window)}};

  Json weights = Json::object();
  for (const auto& weight : impl.indicator_weights) weights[weight.first] = weight.second;
  Json counted = Json::object();
  for (const auto& entry : impl.indicator_clocks) counted[entry.first] = entry.second;
  doc["indicators"] = {{"weights", std::move(weights)}, {"clocks", std::move(counted)}};

  doc["max_representatives"] = impl.max_representatives;
  doc["repeat_window_days"] = impl.repeat_window_days;
  doc["confidential_reader_role"] = impl.confidential_reader_role;
  return doc;
}

}  // namespace xinfang::policy_detail
