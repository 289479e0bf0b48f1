// The xinfang command-line program: `xinfang staff add | list | show | deactivate` and
// `xinfang roster set | show` — the staff directory and duty roster an engine checks actors
// against. Who may change them is the host's decision, not the policy's: the program records
// --actor with each change and leaves access to the database file to the operating system.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/calendar_source.hpp"
#include "cli/db_commands.hpp"
#include "cli/db_format.hpp"
#include "cli/db_options.hpp"
#include "cli/output.hpp"
#include "xinfang/error.hpp"

namespace xinfang::cli {
namespace {

// ---- staff add ----

struct StaffAddOptions : DbOptions {
  StaffMember member;
};

void print_member(const StaffMember& member, const Policy& policy, bool json) {
  if (json) {
    print_json(std::cout, member.to_json());
    return;
  }
  FieldList fields;
  add_staff_fields(fields, member, policy);
  fields.print(std::cout);
}

void register_staff_add(CLI::App& staff, Globals& globals) {
  auto options = std::make_shared<StaffAddOptions>();
  CLI::App* sub = staff.add_subcommand("add", "Add a person to the staff directory, or replace their record");
  sub->add_option("ID", options->member.id, "The staff id commands name as --actor")->required();
  sub->add_option("--name", options->member.name, "The person's name")->required();
  sub->add_option("--org", options->member.organisation, "Their organisation (an id of the policy)")
      ->required()
      ->type_name("ORG");
  sub->add_option("--unit", options->member.unit, "Their unit (an id of the policy; none for an external account)")
      ->type_name("UNIT");
  sub->add_option("--role", options->member.roles, "A role of the policy; repeat for several")
      ->required()
      ->allow_extra_args(false)  // each --role takes one value, so a positional after it is not a role
      ->type_name("ROLE");
  add_db_options(*sub, *options, globals, ActorOption::required);
  sub->footer(exit_status_footer(
      "Prints the person's record as stored. An existing id is replaced (and reactivated). The organisation, unit "
      "and roles must exist in the policy in force (not_found otherwise)."));
  sub->callback([options] {
    Engine engine = open_database(*options);
    options->member.active = true;
    engine.put_staff(require_actor(*options), options->member);
    const std::optional<StaffMember> stored = engine.staff(options->member.id);
    print_member(stored ? *stored : options->member, engine.policy(), options->json);
  });
}

// ---- staff list ----

struct StaffListOptions : DbOptions {
  std::string unit;
};

void register_staff_list(CLI::App& staff, Globals& globals) {
  auto options = std::make_shared<StaffListOptions>();
  CLI::App* sub = staff.add_subcommand("list", "List the staff directory, by id");
  sub->add_option("--unit", options->unit, "Only the people of this unit")->type_name("UNIT");
  add_db_options(*sub, *options, globals, ActorOption::none);
  sub->footer(exit_status_footer("Prints one line per person: id, name, organisation, unit, roles, active."));
  sub->callback([options] {
    const Engine engine = open_database(*options);
    const std::vector<StaffMember> members = engine.list_staff(options->unit);
    if (options->json) {
      Json list = Json::array();
      for (const StaffMember& member : members) list.push_back(member.to_json());
      print_json(std::cout, {{"staff", std::move(list)}});
      return;
    }
    Table table(std::vector<Table::Align>(6, Table::Align::left));
    table.add_row({"编号 (id)", "姓名 (name)", "机关 (organisation)", "科室 (unit)", "角色 (roles)", "在职 (active)"});
    for (const StaffMember& member : members) {
      std::string roles;
      for (const std::string& role : member.roles) roles += (roles.empty() ? "" : ",") + role;
      table.add_row({member.id, member.name, member.organisation, member.unit.empty() ? "—" : member.unit, roles,
                     member.active ? "是" : "否"});
    }
    table.print(std::cout);
  });
}

// ---- staff show ----

struct StaffIdOptions : DbOptions {
  std::string id;
};

StaffMember find_member(const Engine& engine, const std::string& id) {
  std::optional<StaffMember> member = engine.staff(id);
  if (!member) throw Error(ErrorCode::not_found, "no staff member '" + id + "' in the directory");
  return *member;
}

void register_staff_show(CLI::App& staff, Globals& globals) {
  auto options = std::make_shared<StaffIdOptions>();
  CLI::App* sub = staff.add_subcommand("show", "Show one person of the staff directory");
  sub->add_option("ID", options->id, "The staff id")->required();
  add_db_options(*sub, *options, globals, ActorOption::none);
  sub->callback([options] {
    const Engine engine = open_database(*options);
    print_member(find_member(engine, options->id), engine.policy(), options->json);
  });
}

// ---- staff deactivate ----

void register_staff_deactivate(CLI::App& staff, Globals& globals) {
  auto options = std::make_shared<StaffIdOptions>();
  CLI::App* sub = staff.add_subcommand("deactivate", "Mark a person inactive: they keep their history but may not act");
  sub->add_option("ID", options->id, "The staff id")->required();
  add_db_options(*sub, *options, globals, ActorOption::required);
  sub->footer(exit_status_footer("Prints the person's record as stored. 'staff add' with the same id reactivates."));
  sub->callback([options] {
    Engine engine = open_database(*options);
    engine.deactivate_staff(require_actor(*options), options->id);
    print_member(find_member(engine, options->id), engine.policy(), options->json);
  });
}

// ---- roster ----

struct RosterOptions : DbOptions {
  std::string unit;
  std::string date;
  std::vector<std::string> staff_ids;
};

void print_roster(const Engine& engine, const RosterOptions& options, const std::vector<std::string>& on_duty) {
  const Date day = parse_date(options.date);
  if (options.json) {
    print_json(std::cout, {{"unit", options.unit}, {"date", format_date(day)}, {"staff", on_duty}});
    return;
  }
  const Unit* unit = engine.policy().find_unit(options.unit);
  std::cout << date_with_weekday(day) << "  " << with_name(options.unit, unit ? unit->name : "") << "  值班 (on duty)";
  if (on_duty.empty()) {
    std::cout << ": 无 (nobody)\n";
    return;
  }
  std::cout << "\n";
  Table table({Table::Align::left, Table::Align::left});
  for (const std::string& id : on_duty) {
    const std::optional<StaffMember> member = engine.staff(id);
    table.add_row({id, member ? member->name : ""});
  }
  table.print(std::cout, "  ");
}

void add_roster_day_options(CLI::App& sub, RosterOptions& options) {
  sub.add_option("--unit", options.unit, "The unit (an id of the policy)")->required()->type_name("UNIT");
  sub.add_option("--date", options.date, "The local day")
      ->required()
      ->check(iso_date_validator())
      ->type_name("YYYY-MM-DD");
}

void register_roster_set(CLI::App& roster, Globals& globals) {
  auto options = std::make_shared<RosterOptions>();
  CLI::App* sub = roster.add_subcommand("set", "Set who is on duty in a unit on a day, replacing the day's list");
  add_roster_day_options(*sub, *options);
  sub->add_option("ID", options->staff_ids, "The people on duty (active, of the unit); none clears the day");
  add_db_options(*sub, *options, globals, ActorOption::required);
  sub->footer(exit_status_footer(
      "The duty roster is what the duty_roster handler rule (docs/policy.md) chooses a handler from. Prints the "
      "day's list as stored."));
  sub->callback([options] {
    Engine engine = open_database(*options);
    const Date day = parse_date(options->date);
    engine.set_roster(require_actor(*options), day, options->unit, options->staff_ids);
    print_roster(engine, *options, engine.roster(day, options->unit));
  });
}

void register_roster_show(CLI::App& roster, Globals& globals) {
  auto options = std::make_shared<RosterOptions>();
  CLI::App* sub = roster.add_subcommand("show", "Show who is on duty in a unit on a day");
  add_roster_day_options(*sub, *options);
  add_db_options(*sub, *options, globals, ActorOption::none);
  sub->callback([options] {
    const Engine engine = open_database(*options);
    print_roster(engine, *options, engine.roster(parse_date(options->date), options->unit));
  });
}

}  // namespace

void register_staff_command(CLI::App& app, Globals& globals) {
  CLI::App* staff = app.add_subcommand("staff", "The staff directory: the people who may act, with their roles");
  require_one_subcommand(*staff);
  staff->footer(exit_status_footer());
  register_staff_add(*staff, globals);
  register_staff_list(*staff, globals);
  register_staff_show(*staff, globals);
  register_staff_deactivate(*staff, globals);
}

void register_roster_command(CLI::App& app, Globals& globals) {
  CLI::App* roster = app.add_subcommand("roster", "The duty roster (值班): who is on duty in a unit on a day");
  require_one_subcommand(*roster);
  roster->footer(exit_status_footer());
  register_roster_set(*roster, globals);
  register_roster_show(*roster, globals);
}

}  // namespace xinfang::cli
