// The staff directory and the duty roster (值班): data that changes daily, so it lives in the
// database rather than the policy. Every change is one transaction and one entry of the
// hash-chained administrative log.
#include <algorithm>

#include "engine/engine_impl.hpp"
#include "lifecycle/command_args.hpp"

namespace xinfang {

using namespace engine_detail;
using lifecycle_detail::JsonReader;
using lifecycle_detail::kMaxIdBytes;
using lifecycle_detail::kMaxNameBytes;

namespace {

void check_member(const Policy& policy, const StaffMember& m) {
  for (const std::string* text : {&m.id, &m.name, &m.organisation, &m.unit}) require_text(*text, "staff member");
  for (const std::string& role : m.roles) require_text(role, "staff member's role");
  if (m.id.empty() || m.id.size() > kMaxIdBytes) {
    throw Error(ErrorCode::invalid_data, "staff member: the id must be 1.." + std::to_string(kMaxIdBytes) + " bytes");
  }
  if (m.name.empty() || m.name.size() > kMaxNameBytes) {
    throw Error(ErrorCode::invalid_data,
                "staff member " + m.id + ": the name must be 1.." + std::to_string(kMaxNameBytes) + " bytes");
  }
  if (policy.find_organisation(m.organisation) == nullptr) {
    throw Error(ErrorCode::not_found,
                "staff member " + m.id + ": no organisation '" + m.organisation + "' in policy " + policy.name());
  }
  if (!m.unit.empty()) {
    const Unit* unit = policy.find_unit(m.unit);
    if (unit == nullptr) {
      throw Error(ErrorCode::not_found,
                  "staff member " + m.id + ": no unit '" + m.unit + "' in policy " + policy.name());
    }
    if (unit->organisation != m.organisation) {
      throw Error(ErrorCode::invalid_data, "staff member " + m.id + ": unit " + m.unit + " belongs to " +
                                               unit->organisation + ", not " + m.organisation);
    }
  }
  if (m.roles.empty()) throw Error(ErrorCode::invalid_data, "staff member " + m.id + ": give at least one role");
  for (std::size_t i = 0; i < m.roles.size(); ++i) {
    const std::string& role = m.roles[i];
    if (std::find(m.roles.begin(), m.roles.begin() + static_cast<std::ptrdiff_t>(i), role) !=
        m.roles.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw Error(ErrorCode::invalid_data, "staff member " + m.id + ": role '" + role + "' is given twice");
    }
    const auto& roles = policy.roles();
    if (std::none_of(roles.begin(), roles.end(), [&](const NamedEntry& r) { return r.id == role; })) {
      throw Error(ErrorCode::not_found, "staff member " + m.id + ": no role '" + role + "' in policy " + policy.name());
    }
  }
}

store::StaffRow row_of(const StaffMember& m) {
  return {m.id, m.name, m.organisation, m.unit, Json(m.roles).dump(), m.active};
}

}  // namespace

void Engine::put_staff(const std::string& actor, const StaffMember& member) {
  require_text(actor, "actor");
  if (actor.empty()) throw Error(ErrorCode::invalid_argument, "no actor was given");
  check_member(impl_->policy, member);
  impl_->store->write([&](store::Transaction& txn) {
    txn.put_staff(row_of(member));
    record_admin_change(txn, impl_->hash, actor, "staff_put", member.to_json(), impl_->clock->now());
  });
}

void Engine::deactivate_staff(const std::string& actor, const std::string& id) {
  require_text(actor, "actor");
  require_text(id, "staff id");
  if (actor.empty()) throw Error(ErrorCode::invalid_argument, "no actor was given");
  impl_->store->write([&](store::Transaction& txn) {
    std::optional<store::StaffRow> row = txn.find_staff(id);
    if (!row) throw Error(ErrorCode::not_found, "no staff member " + id);
    row->active = false;
    txn.put_staff(*row);
    record_admin_change(txn, impl_->hash, actor, "staff_deactivated", {{"id", id}}, impl_->clock->now());
  });
}

std::optional<StaffMember> Engine::staff(const std::string& id) const {
  require_text(id, "staff id");
  std::optional<StaffMember> member;
  impl_->store->read([&](store::Transaction& txn) {
    if (auto row = txn.find_staff(id)) member = staff_from_row(*row);
  });
  return member;
}

std::vector<StaffMember> Engine::list_staff(const std::string& unit) const {
  require_text(unit, "unit");
  std::vector<StaffMember> members;
  impl_->store->read([&](store::Transaction& txn) {
    members.clear();
    for (const store::StaffRow& row : txn.list_staff(unit)) members.push_back(staff_from_row(row));
  });
  return members;
}

void Engine::set_roster(const std::string& actor, Date day, const std::string& unit,
                        const std::vector<std::string>& staff_ids) {
  require_text(actor, "actor");
  require_text(unit, "unit");
  if (actor.empty()) throw Error(ErrorCode::invalid_argument, "no actor was given");
  if (day.is_special()) throw Error(ErrorCode::invalid_argument, "the roster's day is not a date");
  if (impl_->policy.find_unit(unit) == nullptr) {
    throw Error(ErrorCode::not_found, "no unit '" + unit + "' in policy " + impl_->policy.name());
  }
  const std::string day_text = boost::gregorian::to_iso_extended_string(day);
  impl_->store->write([&](store::Transaction& txn) {
    for (const std::string& id : staff_ids) {
      require_text(id, "staff id");
      const std::optional<store::StaffRow> row = txn.find_staff(id);
      if (!row || !row->active) throw Error(ErrorCode::not_found, "roster: no active staff member " + id);
      if (row->unit != unit) {
        throw Error(ErrorCode::invalid_data, "roster: " + id + " is in unit " + row->unit + ", not " + unit);
      }
    }
    txn.set_roster(day_text, unit, staff_ids);
    record_admin_change(txn, impl_->hash, actor, "roster_set",
                        {{"day", day_text}, {"unit", unit}, {"staff", staff_ids}}, impl_->clock->now());
  });
}

std::vector<std::string> Engine::roster(Date day, const std::string& unit) const {
  require_text(unit, "unit");
  if (day.is_special()) throw Error(ErrorCode::invalid_argument, "the roster's day is not a date");
  std::vector<std::string> ids;
  impl_->store->read(
      [&](store::Transaction& txn) { ids = txn.roster(boost::gregorian::to_iso_extended_string(day), unit); });
  return ids;
}

Json StaffMember::to_json() const {
  return {{"id", id},     {"name", name},   {"organisation", organisation},
          {"unit", unit}, {"roles", roles}, {"active", active}};
}

StaffMember StaffMember::from_json(const Json& json) {
  const JsonReader r("staff member", json, "");
  r.allow_only({"id", "name", "organisation", "unit", "roles", "active"});
  StaffMember m;
  m.id = r.string("id", kMaxIdBytes);
  m.name = r.string("name", kMaxNameBytes);
  m.organisation = r.string("organisation", kMaxIdBytes);
  m.unit = r.string_or("unit", kMaxIdBytes, "");
  m.roles = r.strings("roles", kMaxIdBytes, true);
  m.active = r.boolean_or("active", true);
  return m;
}

}  // namespace xinfang
