// Dossiers in and out of a database (docs/dossiers.md): an export appends its `exported` event
// and builds the archive in the same transaction; an import reads and checks the whole archive
// before its transaction begins, then writes each case's log as it came and the receipt after it.
#include "dossier/dossier_internal.hpp"
#include "engine/chain.hpp"
#include "engine/engine_impl.hpp"
#include "lifecycle/command_args.hpp"
#include "xinfang/version.h"

namespace xinfang {

using namespace engine_detail;

namespace {

// A case's log may not be extended before its last event: the engine's clock must not lag it.
void require_not_before(Instant now, const std::vector<store::EventRow>& log, const std::string& number) {
  if (!log.empty() && to_micros(now) < log.back().at) {
    throw Error(ErrorCode::invalid_argument,
                "the clock (" + lifecycle_detail::format_instant(now) + ") is before the last event of case " + number);
  }
}

Dossier dossier_header(const Actor& who, Instant now) {
  Dossier dossier;
  dossier.library_version = XF_VERSION_STRING;
  dossier.organisation = who.organisation;
  dossier.exported_by = who.id;
  dossier.exported_at = to_micros(now);
  return dossier;
}

// The number's channel or category code: the policy's, or the id itself when this policy lacks
// the entry (a case from an organisation whose policy names it otherwise).
std::string code_or_id(const NamedEntry* entry, const std::string& id) {
  if (entry == nullptr) return id;
  return entry->code.empty() ? entry->id : entry->code;
}

// A dossier is the organisation's case file: its staff export it, not a petitioner's account
// and not another organisation's staff (who receive it by import).
bool may_export(const Actor& who, const CaseState& state) {
  return !who.has_role("petitioner") && who.organisation == state.organisation;
}

struct CaseToExport {
  store::CaseRow row;
  CaseState state;
};

}  // namespace

Json ImportResult::to_json() const {
  Json list = Json::array();
  for (const ImportedCase& c : cases) {
    list.push_back(
        {{"origin_number", c.origin_number}, {"number", c.number}, {"events", c.events}, {"created", c.created}});
  }
  return {{"cases", list}};
}

namespace {

// Appends `exported` to each case and builds the dossier, in the caller's transaction.
std::string export_cases(Engine::Impl& impl, store::Transaction& txn, std::vector<CaseToExport>& cases,
                         const Actor& who, Instant now, DossierFormat format, Dossier dossier, const Json& extra,
                         const DossierProgress& progress) {
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CaseToExport& c = cases[i];
    const bool redacted = case_view(c.state, impl.policy, who).value("redacted", false);
    Json payload = {{"format", dossier_format_name(format)}, {"redacted", redacted}};
    payload.update(extra);
    const Event exported{"exported", now, who, std::move(payload)};
    CaseState state = impl.append(txn, c.row, std::move(c.state), "export", {exported});
    dossier.cases.push_back(dossier_detail::case_for_dossier(c.row, txn.events(c.row.id), state, impl.policy, who,
                                                             hash_algorithm_name(impl.hash)));
    if (progress) progress(i + 1, cases.size());
  }
  return write_dossier(dossier, format);
}

}  // namespace

std::string Engine::export_case(const std::string& number, const std::string& actor, DossierFormat format) {
  require_text(number, "case number");
  std::string bytes;
  impl_->store->write([&](store::Transaction& txn) {
    const Instant now = impl_->clock->now();
    const Actor who = impl_->resolve_actor(txn, actor);
    std::optional<store::CaseRow> row = txn.find_case(number);
    if (!row) throw Error(ErrorCode::not_found, "no case " + number);
    const std::vector<store::EventRow> log = txn.events(row->id);
    require_not_before(now, log, number);
    CaseState state = fold_rows(log);
    if (!may_export(who, state)) {
      throw Error(ErrorCode::forbidden, "actor '" + who.id + "' may not export case " + number + ", held by " +
                                            state.organisation + ": only its own organisation's staff export it");
    }
    std::vector<CaseToExport> cases{{std::move(*row), std::move(state)}};
    bytes = export_cases(*impl_, txn, cases, who, now, format, dossier_header(who, now), Json::object(), {});
  });
  return bytes;
}

std::string Engine::export_concluded(const ReportPeriod& period, const std::string& actor, DossierFormat format,
                                     const DossierProgress& progress) {
  std::string bytes;
  impl_->store->write([&](store::Transaction& txn) {
    const Instant now = impl_->clock->now();
    const Actor who = impl_->resolve_actor(txn, actor);
    if (who.has_role("petitioner")) {
      throw Error(ErrorCode::forbidden, "actor '" + who.id + "' is a petitioner's account and exports no dossier");
    }
    std::vector<CaseToExport> cases;
    txn.scan_cases([&](const store::CaseRow& row, const std::vector<store::EventRow>& log) {
      if (row.open || row.organisation != who.organisation) return true;
      CaseState state;
      Instant closed_at;
      for (const store::EventRow& stored : log) {
        const bool was_open = state.version == 0 || is_open(state.status);
        state = apply(std::move(state), from_row(stored));
        if (was_open && !is_open(state.status)) closed_at = from_micros(stored.at);
      }
      if (closed_at.is_special() || closed_at < period.from || closed_at >= period.to) return true;
      require_not_before(now, log, row.number);
      cases.push_back({row, std::move(state)});
      return true;
    });
    Dossier dossier = dossier_header(who, now);
    dossier.period_from = boost::gregorian::to_iso_extended_string(period.first);
    dossier.period_to = boost::gregorian::to_iso_extended_string(period.last);
    bytes =
        export_cases(*impl_, txn, cases, who, now, format, std::move(dossier), {{"period", period.label}}, progress);
  });
  return bytes;
}

namespace {

// Whether @p mode may receive a case its origin left in @p status.
void require_importable(ImportMode mode, const DossierCase& c, CaseStatus status) {
  const bool closed = !is_open(status);
  if (mode == ImportMode::archive && !closed) {
    throw Error(ErrorCode::invalid_state, "case " + c.number + " is " + case_status_name(status) +
                                              " at its origin: only a closed case is archived; one to go on with "
                                              "here is taken over");
  }
  if (mode == ImportMode::take_over && closed && status != CaseStatus::forwarded) {
    throw Error(ErrorCode::invalid_state, "case " + c.number + " is " + case_status_name(status) +
                                              " at its origin: there is nothing to take over; archive it instead");
  }
}

}  // namespace

ImportResult Engine::import_dossier(const std::string& actor, std::string_view archive, const ImportOptions& options) {
  const Dossier dossier = read_dossier(archive);
  for (const DossierCase& c : dossier.cases) {
    if (c.redacted) {
      throw Error(ErrorCode::invalid_data,
                  "case " + c.number +
                      " of the dossier is redacted (exported without the confidential-reader role): its "
                      "petitioner's identity is absent and its chain cannot be checked whole; it can be read, not "
                      "imported");
    }
  }
  const DossierCheck check = check_dossier(dossier);
  if (!check.ok) throw Error(ErrorCode::integrity, "the dossier does not verify: " + check.message);

  ImportResult result;
  impl_->store->write([&](store::Transaction& txn) {
    result = ImportResult{};
    const Instant now = impl_->clock->now();
    const Actor who = impl_->resolve_actor(txn, actor);
    for (std::size_t i = 0; i < dossier.cases.size(); ++i) {
      const DossierCase& c = dossier.cases[i];
      std::vector<store::EventRow> rows = dossier_detail::event_rows(c);
      const std::string& first_hash = rows.front().hash;
      if (const std::optional<store::CaseOriginRow> seen = txn.find_case_origin(first_hash)) {
        if (seen->origin_head != c.head_hash) {
          throw Error(ErrorCode::already_exists, "case " + c.number +
                                                     " of the dossier was received here before, as case " +
                                                     seen->number + ", at another point of its history");
        }
        result.cases.push_back({c.number, seen->number, static_cast<std::int64_t>(rows.size()), false});
        if (options.progress) options.progress(i + 1, dossier.cases.size());
        continue;
      }
      const std::string born = chain_keys(rows, impl_->hash).front().number;
      if (const std::optional<store::CaseRow> own = txn.find_case(born)) {
        const std::vector<store::EventRow> own_log = txn.events(own->id);
        if (!own_log.empty() && own_log.front().hash == first_hash) {
          throw Error(ErrorCode::already_exists, "case " + c.number + " of the dossier is this database's own case " +
                                                     own->number + ", registered here");
        }
      }
      CaseState state = fold_rows(rows);
      require_importable(options.mode, c, state.status);
      require_not_before(now, rows, c.number);

      NumberFields fields;
      const Organisation* organisation = impl_->policy.find_organisation(who.organisation);
      fields.organisation_code = organisation == nullptr
                                     ? who.organisation
                                     : (organisation->code.empty() ? organisation->id : organisation->code);
      fields.date = impl_->calendar.local_date(now);
      fields.channel_code = code_or_id(impl_->policy.find_channel(state.channel), state.channel);
      fields.category_code = code_or_id(impl_->policy.find_category(state.category), state.category);
      store::CaseRow row;
      row.scope = impl_->number_format.sequence_scope(fields);
      fields.sequence = txn.next_sequence(row.scope);
      row.sequence = fields.sequence;
      const std::string number = impl_->number_format.format(fields);
      row.version = static_cast<std::int64_t>(rows.size());
      row.head_hash = c.head_hash;
      row.query_code_hash = state.query_code_hash;

      const Json origin = {{"number", c.number},
                           {"organisation", c.organisation},
                           {"hash_algorithm", c.hash_algorithm},
                           {"head_hash", c.head_hash},
                           {"events", rows.size()},
                           {"exported_by", dossier.exported_by},
                           {"exported_at", lifecycle_detail::format_instant(from_micros(dossier.exported_at))}};
      const Json payload = {{"number", number},
                            {"organisation", who.organisation},
                            {"mode", options.mode == ImportMode::archive ? "archive" : "take_over"},
                            {"origin", origin},
                            {"policy", {{"name", impl_->policy.name()}, {"version", impl_->policy.version()}}}};
      std::vector<store::EventRow> received;
      store::OutcomeRows outcomes;
      impl_->chain_events(row, std::move(state), "import", {Event{"dossier_received", now, who, payload}},
                          impl_->actor_texts, received, outcomes);
      row.id = txn.insert_case(row);
      for (const store::EventRow& stored : rows) txn.append_event(row.id, stored);
      for (const store::EventRow& stored : received) txn.append_event(row.id, stored);
      txn.put_outcomes(row.id, row.region, outcomes, "", true);
      txn.put_case_origin({first_hash, row.id, number, c.number, c.head_hash});
      result.cases.push_back({c.number, number, static_cast<std::int64_t>(rows.size()), true});
      if (options.progress) options.progress(i + 1, dossier.cases.size());
    }
  });
  return result;
}

}  // namespace xinfang
