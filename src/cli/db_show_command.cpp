// The xinfang command-line program: `xinfang show` (a case as staff see it) and `xinfang lookup`
// (the petitioner's own view, by number and query code).
//
// The text is drawn from the JSON view of the case (case_view() shape) in every mode, so what a
// reader may not see is already absent from what is printed: the redaction happens in the
// library, never in the shell.
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/db_commands.hpp"
#include "cli/db_format.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

std::string text_of(const Json& view, const char* key) {
  const auto found = view.find(key);
  return found != view.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string joined(const Json& list, const char* separator = ", ") {
  std::string out;
  if (!list.is_array()) return out;
  for (const Json& item : list) {
    if (item.is_string()) out += (out.empty() ? "" : separator) + item.get<std::string>();
  }
  return out;
}

std::string outcome_label(const std::string& outcome) {
  static const std::map<std::string, std::string> kChinese = {{"supported", "支持"},
                                                              {"partly_supported", "部分支持"},
                                                              {"not_supported", "不予支持"},
                                                              {"explained", "解释说明"}};
  const auto found = kChinese.find(outcome);
  return found == kChinese.end() ? outcome : outcome + " " + found->second;
}

// Names a staff id for a clerk, "h1 王芳"; staff who left the directory keep their id. The
// petitioner's own view gets ids only: it must not show more than the library's view holds.
class StaffNames {
 public:
  StaffNames(const Engine& engine, bool resolve) : engine_(engine), resolve_(resolve) {}
  std::string label(const std::string& id) {
    if (id.empty()) return "—";
    if (!resolve_) return id;
    auto found = names_.find(id);
    if (found == names_.end()) {
      const std::optional<StaffMember> member = engine_.staff(id);
      found = names_.emplace(id, member ? member->name : std::string()).first;
    }
    return with_name(id, found->second);
  }

 private:
  const Engine& engine_;
  bool resolve_;
  std::map<std::string, std::string> names_;
};

std::string entry_name(const NamedEntry* entry) {
  return entry ? entry->name : std::string();
}

std::string petitioner_text(const Json& petitioner) {
  if (!petitioner.is_object()) return std::string();
  std::string text;
  if (!petitioner.contains("name")) {
    text = "（已隐去 identity withheld: confidential）";
  } else {
    for (const char* key : {"name", "id_number", "phone", "address"}) {
      const std::string value = text_of(petitioner, key);
      if (!value.empty()) text += (text.empty() ? "" : "  ") + value;
    }
  }
  if (petitioner.value("representative", false)) text += "  代表 (representative)";
  return text;
}

void add_identity_fields(FieldList& fields, const Json& view, const Engine& engine, StaffNames& staff) {
  const Policy& policy = engine.policy();
  const std::string type = text_of(view, "type");
  const std::optional<PetitionType> parsed_type = parse_petition_type(type);
  fields.add("编号 (number)", text_of(view, "number"));
  fields.add("状态 (status)", status_label(text_of(view, "status")));
  if (view.contains("version")) fields.add("版本 (version)", view["version"].dump());
  fields.add("类型 (type)", with_name(type, parsed_type ? policy.rules_for(*parsed_type).name : ""));
  const std::string sub_route = text_of(view, "sub_route");
  if (!sub_route.empty() && parsed_type) {
    std::string name;
    for (const SubRoute& route : policy.rules_for(*parsed_type).routes) {
      if (route.id == sub_route) name = route.name;
    }
    fields.add("途径 (sub-route)", with_name(sub_route, name));
  }
  const std::string channel = text_of(view, "channel");
  fields.add("渠道 (channel)", with_name(channel, entry_name(policy.find_channel(channel))));
  const std::string category = text_of(view, "category");
  fields.add("类别 (category)", with_name(category, entry_name(policy.find_category(category))));
  const std::string region = text_of(view, "region");
  if (!region.empty()) fields.add("地区 (region)", with_name(region, entry_name(policy.find_region(region))));
  const std::string organisation = text_of(view, "organisation");
  const Organisation* org = policy.find_organisation(organisation);
  fields.add("机关 (organisation)", with_name(organisation, org ? org->name : ""));
  const std::string unit_id = text_of(view, "unit");
  const Unit* unit = policy.find_unit(unit_id);
  fields.add("科室 (unit)", with_name(unit_id, unit ? unit->name : ""));
  fields.add("承办人 (handler)", staff.label(text_of(view, "handler")));
  fields.add("标题 (subject)", text_of(view, "subject"));
  fields.add("内容 (content)", text_of(view, "content"));
  const Json petitioners = view.value("petitioners", Json::array());
  for (std::size_t i = 0; i < petitioners.size(); ++i) {
    fields.add(i == 0 ? "信访人 (petitioner)" : "", petitioner_text(petitioners[i]));
  }
  if (view.value("group", false)) fields.add("群体 (group)", "是 (yes)");
}

void add_time_fields(FieldList& fields, const Json& view, const Calendar& calendar) {
  static const std::pair<const char*, const char*> kTimes[] = {
      {"received_at", "收到 (received)"},
      {"registered_at", "登记 (registered)"},
      {"accepted_at", "受理 (accepted)"},
      {"assigned_at", "交办/分办 (assigned)"},
      {"replied_at", "答复 (replied)"},
      {"rated_at", "评价 (rated)"},
      {"review_requested_at", "申请复查 (review requested)"},
      {"reviewed_at", "复查意见 (reviewed)"},
      {"rereview_requested_at", "申请复核 (re-review requested)"},
      {"concluded_at", "终结 (concluded)"},
  };
  for (const auto& [key, label] : kTimes) {
    const std::string time = local_time_of(calendar, view.value(key, Json()));
    if (!time.empty()) fields.add(label, time);
  }
}

void add_outcome_fields(FieldList& fields, const Json& view, const Engine& engine, StaffNames& staff) {
  const Policy& policy = engine.policy();
  for (const auto& [key, label] : {std::pair<const char*, const char*>{"outcome", "答复结果 (outcome)"},
                                   {"review_outcome", "复查结果 (review outcome)"},
                                   {"rereview_outcome", "复核结果 (re-review outcome)"}}) {
    const std::string outcome = text_of(view, key);
    if (!outcome.empty() && outcome != "none") fields.add(label, outcome_label(outcome));
  }
  const std::string rating = text_of(view, "rating");
  if (!rating.empty()) {
    const RatingLevel* level = policy.find_rating_level(rating);
    fields.add("评价结果 (rating)", with_name(rating, level ? level->name : ""));
  }
  const std::string reason = text_of(view, "not_accepted_reason");
  if (!reason.empty()) {
    fields.add("不予受理理由 (not accepted)", with_name(reason, entry_name(policy.find_not_accepted_reason(reason))));
  }
  const std::string forwarded = text_of(view, "forwarded_to");
  if (!forwarded.empty()) {
    const Organisation* org = policy.find_organisation(forwarded);
    fields.add("转送至 (forwarded to)", with_name(forwarded, org ? org->name : ""));
  }
  if (const auto origin = view.find("origin"); origin != view.end() && origin->is_object()) {
    fields.add("来源 (received from)", text_of(*origin, "number") + " (" + text_of(*origin, "organisation") + ")");
  }
  if (text_of(view, "status") == "suspended")
    fields.add("中止原因 (suspended for)", text_of(view, "suspension_reason"));
  if (view.value("extension_total", 0) > 0) fields.add("延期 (extended by)", view["extension_total"].dump());
  if (view.value("extension_requested", 0) > 0)
    fields.add("延期申请中 (extension asked)", view["extension_requested"].dump());
  if (view.value("key_case", false)) fields.add("重点 (key case)", "是 (yes)");
  if (view.value("repeat", false)) fields.add("重复信访 (repeat of)", joined(view.value("repeat_of", Json::array())));
  for (const auto& [key, label] : {std::pair<const char*, const char*>{"handled_below", "下级在办 (open below)"},
                                   {"merged_into", "并入 (merged into)"}}) {
    const std::string value = text_of(view, key);
    if (!value.empty()) fields.add(label, value);
  }
  const std::string merged_from = joined(view.value("merged_from", Json::array()));
  if (!merged_from.empty()) fields.add("并入本件 (merged from)", merged_from);
  const std::string owner = text_of(view, "owner_leader");
  if (!owner.empty()) fields.add("包案领导 (owning leader)", staff.label(owner));
  if (view.value("escalation_level", 0) > 0) fields.add("督办级别 (escalation)", view["escalation_level"].dump());
  if (view.value("confidential", false)) {
    fields.add("保密 (confidential)",
               view.value("redacted", false) ? "是，身份已隐去 (yes; identity withheld)" : "是 (yes)");
  }
  const std::string policy_name = text_of(view, "policy_name");
  if (!policy_name.empty()) fields.add("政策 (policy)", policy_name + " " + text_of(view, "policy_version"));
}

// Prints the case; the event log as a table when @p events_wanted, else only how long it is.
void print_case(const Json& view, const std::vector<EventLine>& events, bool events_wanted, const Engine& engine,
                bool staff_view) {
  StaffNames staff(engine, staff_view);
  FieldList fields;
  add_identity_fields(fields, view, engine, staff);
  add_time_fields(fields, view, engine.calendar());
  add_outcome_fields(fields, view, engine, staff);
  fields.add("时区 (time zone)", engine.calendar().time_zone());
  if (!events_wanted) fields.add("事件 (events)", std::to_string(events.size()) + "  (--events lists them)");
  fields.print(std::cout);
  if (!events_wanted) return;
  std::cout << "\n";
  print_event_table(std::cout, events);
}

// The event lines of a view's "events" (event_view() shape: "at" in UTC text, "actor" an object
// that a petitioner's own view may leave out).
std::vector<EventLine> event_lines(const Json& view, const Calendar& calendar) {
  std::vector<EventLine> lines;
  const Json events = view.value("events", Json::array());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Json& event = events[i];
    EventLine line;
    line.sequence = event.value("sequence", static_cast<std::int64_t>(i + 1));
    line.time = local_time_of(calendar, event.value("at", Json()));
    line.type = text_of(event, "type");
    const Json actor = event.value("actor", Json::object());
    if (actor.is_object()) {
      line.actor = actor.contains("id") ? text_of(actor, "id") : joined(actor.value("roles", Json()));
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// ---- show ----

struct ShowOptions : DbOptions {
  std::string number;
  std::string reader;
  bool events = false;
};

void run_show(const ShowOptions& options) {
  const Engine engine = open_database(options);
  if (!options.reader.empty()) {
    const Json view = engine.view(options.number, options.reader);
    if (options.json) {
      print_json(std::cout, view);
    } else {
      print_case(view, event_lines(view, engine.calendar()), options.events, engine, true);
    }
    return;
  }
  const CaseRecord record = engine.get(options.number);
  const Json json = record.to_json();
  if (options.json) {
    print_json(std::cout, json);
    return;
  }
  StaffNames staff(engine, true);
  std::vector<EventLine> events;
  for (const StoredEvent& stored : record.events) {
    events.push_back(EventLine{stored.sequence, local_time(engine.calendar(), stored.event.at), stored.event.type,
                               staff.label(stored.event.actor.id)});
  }
  print_case(json.at("case"), events, options.events, engine, true);
}

void register_show(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App* sub = app.add_subcommand("show", "Show a case: its fields and, with --events, its event log");
  sub->add_option("NUMBER", options->number, "The case number")->required();
  sub->add_option("--reader", options->reader,
                  "Show the case as this staff member may see it (a confidential petitioner's identity withheld "
                  "without the confidential reader role)")
      ->type_name("ID");
  sub->add_flag("--events", options->events, "Also list the event log (sequence, local time, type, actor)");
  add_db_options(*sub, *options, globals, ActorOption::none);
  sub->footer(exit_status_footer(
      "Without --reader the case is shown in full (the host's own view). Times are local, in the calendar's time "
      "zone. --json prints the case record {\"case\", \"events\"} (with --reader: the reader's view) and always "
      "includes the log."));
  sub->callback([options] { run_show(*options); });
}

// ---- lookup ----

struct LookupOptions : DbOptions {
  std::string number;
  std::string code;
  bool events = false;
};

void register_lookup(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<LookupOptions>();
  CLI::App* sub = app.add_subcommand("lookup", "The petitioner's view of a case (查询), by number and query code");
  sub->add_option("NUMBER", options->number, "The case number")->required();
  sub->add_option("--code", options->code, "The query code given at intake")->required()->type_name("CODE");
  sub->add_flag("--events", options->events, "Also list the event log");
  add_db_options(*sub, *options, globals, ActorOption::none);
  sub->footer(exit_status_footer(
      "A wrong code is answered as an unknown number (not_found), so the code cannot be guessed case by case."));
  sub->callback([options] {
    const Engine engine = open_database(*options);
    const Json view = engine.lookup(options->number, options->code);
    if (options->json) {
      print_json(std::cout, view);
    } else {
      print_case(view, event_lines(view, engine.calendar()), options->events, engine, false);
    }
  });
}

}  // namespace

void register_show_commands(CLI::App& app, Globals& globals) {
  register_show(app, globals);
  register_lookup(app, globals);
}

}  // namespace xinfang::cli
