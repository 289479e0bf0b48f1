// Reading the rule sections of a policy document: routing, clocks and their escalation
// ladders, windows, permissions, the rating scale and the indicator weights.
#include <algorithm>
#include <cmath>
#include <map>

#include "policy/policy_reader.hpp"
#include "xinfang/lifecycle.hpp"

namespace xinfang::policy_detail {
namespace {

std::set<std::string> as_set(const std::vector<std::string>& names) {
  return std::set<std::string>(names.begin(), names.end());
}

std::vector<PetitionType> read_types(Reader& reader, const Json& object, const std::string& path, const char* key) {
  std::vector<PetitionType> types;
  const std::vector<std::string> names = reader.text_list(object, path, key);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (auto type = parse_petition_type(names[i])) {
      types.push_back(*type);
    } else {
      reader.error(Reader::child(Reader::child(path, key), i),
                   "'" + names[i] + "' is not a petition type (suggestion, accusation, claim)");
    }
  }
  return types;
}

// The section @p key as an object (reported if it is something else), or nullptr.
const Json* section(Reader& reader, const Json& doc, const char* key, bool required, const char* shape) {
  const Json* value = reader.member(doc, "", key, required);
  if (value == nullptr || !reader.expect_object(*value, Reader::child("", key), shape)) return nullptr;
  return value;
}

EscalationStep read_step(Reader& reader, const Json& value, const std::string& path, const ClockRules& clock,
                         const Ids& ids) {
  reader.allow_only(value, path,
                    {"at", "share", "offset", "offset_unit", "action", "notify", "hold_to_business_hours"});
  EscalationStep step;
  step.at = reader.text(value, path, "at", true);
  const bool is_share = step.at == "share";
  const bool is_offset = step.at == "before" || step.at == "after";
  if (!step.at.empty() && !is_share && !is_offset && step.at != "breach") {
    reader.error(Reader::child(path, "at"), "'" + step.at + "' is not a step time (share, before, breach, after)");
  }
  if (is_share) {
    step.share = reader.number(value, path, "share", true, 0.5, 0.0, 1.0);
    if (value.contains("share") && (step.share <= 0.0 || step.share >= 1.0)) {
      reader.error(Reader::child(path, "share"), "must be strictly between 0 and 1 (a share of the limit)");
    }
  } else if (value.contains("share")) {
    reader.error(Reader::child(path, "share"), "is only for a step at \"share\"");
  }
  step.offset_unit = clock.period.unit;
  if (is_offset) {
    step.offset = reader.integer(value, path, "offset", true, 1, 1, 100000);
    const std::string unit = reader.text(value, path, "offset_unit", false, false, period_unit_name(clock.period.unit));
    if (auto parsed = parse_period_unit(unit)) {
      step.offset_unit = *parsed;
    } else {
      reader.error(Reader::child(path, "offset_unit"),
                   "'" + unit +
                       "' is not a period unit (calendar_days, working_days, statutory_days, hours, "
                       "business_hours)");
    }
    if (step.at == "before" && step.offset_unit == clock.period.unit && step.offset >= clock.period.limit) {
      reader.error(Reader::child(path, "offset"), "a step " + std::to_string(step.offset) +
                                                      " before the deadline of a clock of " +
                                                      std::to_string(clock.period.limit) + " would fire at its start");
    }
  } else {
    for (const char* key : {"offset", "offset_unit"}) {
      if (value.contains(key)) reader.error(Reader::child(path, key), "is only for a step at \"before\" or \"after\"");
    }
  }
  step.action = reader.text(value, path, "action", true);
  static const char* const kActions[] = {"remind", "supervise", "escalate", "assign_owner", "mark_key"};
  if (!step.action.empty() &&
      std::none_of(std::begin(kActions), std::end(kActions), [&](const char* a) { return step.action == a; })) {
    reader.error(Reader::child(path, "action"),
                 "'" + step.action + "' is not an action (remind, supervise, escalate, assign_owner, mark_key)");
  }
  step.hold_to_business_hours = reader.boolean(value, path, "hold_to_business_hours", false);
  step.notify = reader.text(value, path, "notify", true);
  if (!step.notify.empty() && step.notify != "handler" && step.notify != "unit_leader" && step.notify != "org_leader" &&
      ids.roles.count(step.notify) == 0) {
    reader.error(Reader::child(path, "notify"),
                 "'" + step.notify +
                     "' is neither handler, unit_leader, org_leader nor a role of this policy: nobody "
                     "would be notified");
  }
  return step;
}

ClockRules read_clock(Reader& reader, const std::string& id, const Json& value, const std::string& path,
                      const Ids& ids) {
  reader.allow_only(value, path,
                    {"name", "limit", "unit", "article", "applies_to", "categories", "start_on", "stop_on", "pause_on",
                     "resume_on", "restart_on", "extension", "carry_over_on_transfer", "escalation"});
  ClockRules clock;
  clock.id = id;
  clock.name = reader.text(value, path, "name", true);
  clock.period = read_period(reader, value, path);
  clock.applies_to = read_types(reader, value, path, "applies_to");
  clock.categories = reader.text_list(value, path, "categories");
  check_references(reader, clock.categories, Reader::child(path, "categories"), "a category", ids.categories);

  static const std::set<std::string> kEvents = as_set(event_type_names());
  std::map<std::string, std::string> list_of_event;
  for (auto [key, list] : {std::pair<const char*, std::vector<std::string>*>{"start_on", &clock.start_on},
                           {"stop_on", &clock.stop_on},
                           {"pause_on", &clock.pause_on},
                           {"resume_on", &clock.resume_on},
                           {"restart_on", &clock.restart_on}}) {
    *list = reader.text_list(value, path, key);
    const std::string list_path = Reader::child(path, key);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string& event = (*list)[i];
      if (kEvents.count(event) == 0) {
        reader.error(Reader::child(list_path, i), not_in_vocabulary(event, "an event type", kEvents));
      } else if (auto [it, inserted] = list_of_event.emplace(event, key); !inserted) {
        reader.error(Reader::child(list_path, i),
                     "event '" + event + "' is already in " + it->second + ": an event does one thing to a clock");
      }
    }
  }
  if (value.contains("start_on") && clock.start_on.empty()) reader.error(Reader::child(path, "start_on"), "is empty");
  if (!value.contains("start_on")) reader.error(Reader::child(path, "start_on"), "is required");
  if (value.contains("stop_on") && clock.stop_on.empty()) reader.error(Reader::child(path, "stop_on"), "is empty");
  if (!value.contains("stop_on")) reader.error(Reader::child(path, "stop_on"), "is required");
  if (clock.pause_on.empty() != clock.resume_on.empty()) {
    reader.error(Reader::child(path, clock.pause_on.empty() ? "pause_on" : "resume_on"),
                 "a clock that pauses must also resume, and one that resumes must pause: give both or neither");
  }

  if (const Json* extension = reader.member(value, path, "extension", false)) {
    const std::string ext_path = Reader::child(path, "extension");
    if (reader.expect_object(*extension, ext_path, "{max_total, max_times, approver_role, article}")) {
      reader.allow_only(*extension, ext_path, {"max_total", "max_times", "approver_role", "article"});
      clock.extension.max_total = reader.integer(*extension, ext_path, "max_total", true, 0, 0, 100000);
      clock.extension.max_times = reader.integer(*extension, ext_path, "max_times", false, 1, 1, 100);
      clock.extension.approver_role =
          reader.text(*extension, ext_path, "approver_role", clock.extension.max_total > 0, true);
      clock.extension.article = reader.text(*extension, ext_path, "article", false, true);
      const std::string& role = clock.extension.approver_role;
      if (!role.empty() && ids.roles.count(role) == 0) {
        reader.error(Reader::child(ext_path, "approver_role"), unknown_reference(role, "a role", ids.roles));
      }
    }
  }
  clock.carry_over_on_transfer = reader.boolean(value, path, "carry_over_on_transfer", true);

  if (const Json* ladder = reader.member(value, path, "escalation", false)) {
    const std::string ladder_path = Reader::child(path, "escalation");
    if (reader.expect_object(*ladder, ladder_path, "keyed by step id")) {
      for (const auto& item : ladder->items()) {
        const std::string step_path = Reader::child(ladder_path, item.key());
        if (!reader.check_id(item.key(), step_path) ||
            !reader.expect_object(item.value(), step_path,
                                  "{at, share, offset, offset_unit, action, notify, hold_to_business_hours}")) {
          continue;
        }
        EscalationStep step = read_step(reader, item.value(), step_path, clock, ids);
        step.id = item.key();
        clock.ladder.push_back(std::move(step));
      }
    }
  }
  return clock;
}

}  // namespace

void read_routing(Reader& reader, const Json& doc, const Ids& ids, Policy::Impl& impl) {
  const Json* routing = section(reader, doc, "routing", false, "{rules, default_unit, handler_rule}");
  if (routing == nullptr) return;
  const std::string path = "/routing";
  reader.allow_only(*routing, path, {"rules", "default_unit", "handler_rule"});
  impl.routing.default_unit = reader.text(*routing, path, "default_unit", false, true);
  if (!impl.routing.default_unit.empty() && ids.units.count(impl.routing.default_unit) == 0) {
    reader.error("/routing/default_unit", unknown_reference(impl.routing.default_unit, "a unit", ids.units));
  }
  const std::string rule_name = reader.text(*routing, path, "handler_rule", false, false, "least_open");
  if (rule_name == "least_open") {
    impl.routing.handler_rule = HandlerRule::least_open;
  } else if (rule_name == "round_robin") {
    impl.routing.handler_rule = HandlerRule::round_robin;
  } else if (rule_name == "duty_roster") {
    impl.routing.handler_rule = HandlerRule::duty_roster;
  } else if (!rule_name.empty()) {
    reader.error("/routing/handler_rule",
                 "'" + rule_name + "' is not a handler rule (least_open, round_robin, duty_roster)");
  }
  const Json* rules = reader.member(*routing, path, "rules", false);
  if (rules == nullptr) return;
  if (!rules->is_array()) {
    reader.error("/routing/rules", "must be an array of rules, tried in order");
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < rules->size(); ++i) {
    const std::string at = Reader::child("/routing/rules", i);
    const Json& value = (*rules)[i];
    if (!reader.expect_object(value, at, "{name, categories, regions, channels, types, keywords, unit}")) continue;
    reader.allow_only(value, at, {"name", "categories", "regions", "channels", "types", "keywords", "unit"});
    RoutingRule rule;
    rule.name = reader.text(value, at, "name", true);
    if (!rule.name.empty() && !names.insert(rule.name).second) {
      reader.error(Reader::child(at, "name"), "rule name '" + rule.name + "' is used twice (audit needs it unique)");
    }
    rule.categories = reader.text_list(value, at, "categories");
    check_references(reader, rule.categories, Reader::child(at, "categories"), "a category", ids.categories);
    rule.regions = reader.text_list(value, at, "regions");
    check_references(reader, rule.regions, Reader::child(at, "regions"), "a region", ids.regions);
    rule.channels = reader.text_list(value, at, "channels");
    check_references(reader, rule.channels, Reader::child(at, "channels"), "a channel", ids.channels);
    rule.types = read_types(reader, value, at, "types");
    rule.keywords = reader.text_list(value, at, "keywords");
    rule.unit = reader.text(value, at, "unit", true);
    if (!rule.unit.empty() && ids.units.count(rule.unit) == 0) {
      reader.error(Reader::child(at, "unit"), unknown_reference(rule.unit, "a unit", ids.units));
    }
    impl.routing.rules.push_back(std::move(rule));
  }
}

void read_clocks(Reader& reader, const Json& doc, const Ids& ids, Policy::Impl& impl) {
  const Json* clocks = section(reader, doc, "clocks", false, "keyed by clock id");
  if (clocks == nullptr) return;
  for (const auto& item : clocks->items()) {
    const std::string path = Reader::child("/clocks", item.key());
    if (!reader.check_id(item.key(), path) ||
        !reader.expect_object(item.value(), path, "{name, limit, unit, article, start_on, stop_on, ...}")) {
      continue;
    }
    impl.clocks.push_back(read_clock(reader, item.key(), item.value(), path, ids));
  }
}

void read_windows(Reader& reader, const Json& doc, Policy::Impl& impl) {
  const Json* windows = section(reader, doc, "windows", false, "keyed by window id");
  if (windows == nullptr) return;
  static const char* const kWindows[] = {"objection",       "review_request",    "rereview_request",
                                         "review_decision", "rereview_decision", "report_back"};
  for (const auto& item : windows->items()) {
    const std::string path = Reader::child("/windows", item.key());
    if (item.key() == "rating") {
      reader.error(path, "the rating window is set in /rating/window");
      continue;
    }
    if (std::none_of(std::begin(kWindows), std::end(kWindows), [&](const char* w) { return item.key() == w; })) {
      reader.error(path, "'" + item.key() +
                             "' is not a window the lifecycle uses (objection, review_request, rereview_request, "
                             "review_decision, rereview_decision, report_back)");
      continue;
    }
    if (!reader.expect_object(item.value(), path, "{limit, unit, article}")) continue;
    reader.allow_only(item.value(), path, {"limit", "unit", "article"});
    impl.windows.emplace_back(item.key(), read_period(reader, item.value(), path));
  }
}

void read_permissions(Reader& reader, const Json& doc, const Ids& ids, Policy::Impl& impl) {
  const Json* permissions = section(reader, doc, "permissions", false, "keyed by command name");
  if (permissions == nullptr) return;
  static const std::set<std::string> kCommands = as_set(command_names());
  for (const auto& item : permissions->items()) {
    const std::string path = Reader::child("/permissions", item.key());
    if (kCommands.count(item.key()) == 0) {
      reader.error(path, not_in_vocabulary(item.key(), "a command", kCommands));
      continue;
    }
    std::vector<std::string> roles = reader.text_list(item.value(), path);
    check_references(reader, roles, path, "a role", ids.roles);
    impl.permissions.emplace_back(item.key(), std::move(roles));
  }
}

void read_rating(Reader& reader, const Json& doc, Ids& ids, Policy::Impl& impl) {
  const Json* rating = section(reader, doc, "rating", true, "{scale, window}");
  if (rating == nullptr) return;
  reader.allow_only(*rating, "/rating", {"scale", "window"});
  if (const Json* scale = reader.member(*rating, "/rating", "scale", true)) {
    if (reader.expect_object(*scale, "/rating/scale", "keyed by level id, in display order")) {
      if (scale->empty()) reader.error("/rating/scale", "must define at least one level");
      for (const auto& item : scale->items()) {
        const std::string path = Reader::child("/rating/scale", item.key());
        if (!reader.check_id(item.key(), path)) continue;
        ids.rating_levels.insert(item.key());
        if (!reader.expect_object(item.value(), path, "{name, credit, satisfied, follow_up}")) continue;
        reader.allow_only(item.value(), path, {"name", "credit", "satisfied", "follow_up"});
        RatingLevel level;
        level.id = item.key();
        level.name = reader.text(item.value(), path, "name", true);
        level.credit = reader.number(item.value(), path, "credit", true, 0.0, 0.0, 1.0);
        level.satisfied = reader.boolean(item.value(), path, "satisfied", false);
        level.follow_up = reader.boolean(item.value(), path, "follow_up", false);
        impl.rating.scale.push_back(std::move(level));
      }
    }
  }
  if (const Json* window = reader.member(*rating, "/rating", "window", true)) {
    if (reader.expect_object(*window, "/rating/window", "{limit, unit, article}")) {
      reader.allow_only(*window, "/rating/window", {"limit", "unit", "article"});
      impl.rating.window = read_period(reader, *window, "/rating/window");
    }
  }
}

void read_indicators(Reader& reader, const Json& doc, Policy::Impl& impl) {
  const Json* indicators = section(reader, doc, "indicators", false, "{weights, clocks}");
  if (indicators == nullptr) return;
  reader.allow_only(*indicators, "/indicators", {"weights", "clocks"});
  static const std::set<std::string> kIndicators = {"timely_acceptance", "on_time_completion", "satisfaction",
                                                    "participation",     "response",           "resolution"};
  // The indicators that count clocks: which clocks each counts is the policy's to say.
  static const std::set<std::string> kClockIndicators = {"timely_acceptance", "on_time_completion", "response"};
  std::set<std::string> clock_ids;
  for (const ClockRules& clock : impl.clocks) clock_ids.insert(clock.id);
  const Json* clocks = reader.member(*indicators, "/indicators", "clocks", false);
  if (clocks != nullptr && reader.expect_object(*clocks, "/indicators/clocks", "keyed by indicator id")) {
    for (const auto& item : clocks->items()) {
      const std::string path = Reader::child("/indicators/clocks", item.key());
      if (kClockIndicators.count(item.key()) == 0) {
        reader.error(path, not_in_vocabulary(item.key(), "an indicator that counts clocks", kClockIndicators));
        continue;
      }
      std::vector<std::string> ids = reader.text_list(item.value(), path);
      check_references(reader, ids, path, "a clock", clock_ids);
      impl.indicator_clocks[item.key()] = std::move(ids);
    }
  }
  const Json* weights = reader.member(*indicators, "/indicators", "weights", false);
  if (weights == nullptr || !reader.expect_object(*weights, "/indicators/weights", "keyed by indicator id")) return;
  double total = 0;
  for (const auto& item : weights->items()) {
    const std::string path = Reader::child("/indicators/weights", item.key());
    if (kIndicators.count(item.key()) == 0) {
      reader.error(path, not_in_vocabulary(item.key(), "an indicator", kIndicators));
      continue;
    }
    if (!item.value().is_number() || item.value().get<double>() < 0 || !std::isfinite(item.value().get<double>())) {
      reader.error(path, "must be a number >= 0 (weights are relative: the composite divides by their sum)");
      continue;
    }
    const double weight = item.value().get<double>();
    if (weight > 0 && kClockIndicators.count(item.key()) != 0) {
      const auto counted = impl.indicator_clocks.find(item.key());
      if (counted == impl.indicator_clocks.end() || counted->second.empty()) {
        reader.error(path, "weighs " + item.key() + ", which counts clocks, but /indicators/clocks/" + item.key() +
                               " names none");
      }
    }
    total += weight;
    impl.indicator_weights[item.key()] = weight;
  }
  if (!impl.indicator_weights.empty() && total <= 0) {
    reader.error("/indicators/weights", "at least one weight must be above 0");
  }
}

}  // namespace xinfang::policy_detail
