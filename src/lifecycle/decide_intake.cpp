// intake (登记): the first event of a case — the petition as received, numbered, with the hash
// of its query code and of its petitioners' identities — and repeat detection against the
// petitioner's earlier cases.
#include <algorithm>

#include "lifecycle/decide_internal.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang::lifecycle_detail {
namespace {

constexpr const char* kArt20 = "信访工作条例 第二十条第三款";
constexpr const char* kArt36 = "信访工作条例 第三十六条第三款";

bool is_hex_digest(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

Json read_petitioner(const JsonReader& args, std::size_t index, const Json& element) {
  const JsonReader p = args.element("petitioners", index, element);
  p.allow_only({"name", "id_number", "phone", "address", "representative"});
  Json out = Json::object();
  out["name"] = p.string("name", kMaxNameBytes);
  out["id_number"] = p.string_or("id_number", kMaxIdNumberBytes, "");
  out["phone"] = p.string_or("phone", kMaxPhoneBytes, "");
  out["address"] = p.string_or("address", kMaxAddressBytes, "");
  out["representative"] = p.boolean_or("representative", false);
  return out;
}

Json read_attachment(const JsonReader& args, std::size_t index, const Json& element) {
  const JsonReader a = args.element("attachments", index, element);
  a.allow_only({"name", "media_type", "size", "sha256"});
  Json out = Json::object();
  out["name"] = a.string("name", kMaxNameBytes);
  out["media_type"] = a.string("media_type", kMaxNameBytes);
  out["size"] = a.integer("size", 0, std::int64_t{1} << 53);
  std::string digest = a.string("sha256", 64);
  if (!is_hex_digest(digest)) a.fail("sha256", "must be 64 hexadecimal digits (the SHA-256 of the file)");
  std::transform(digest.begin(), digest.end(), digest.begin(),
                 [](char c) { return static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c); });
  out["sha256"] = digest;
  return out;
}

// Art. 20 ¶3: several people visiting with a common matter choose representatives, at most the
// policy's number (5 in the national presets). Leader reception days are visits too.
void check_group_visit(const JsonReader& args, const DecideContext& context, const std::string& channel, bool group,
                       const Json& petitioners) {
  if (!group || (channel != "visit" && channel != "leader_reception")) return;
  const auto representatives = std::count_if(petitioners.begin(), petitioners.end(),
                                             [](const Json& p) { return p["representative"].get<bool>(); });
  const int most = context.policy.max_representatives();
  if (representatives == 0) {
    args.fail("petitioners", std::string("a group visit chooses representatives (at most ") + std::to_string(most) +
                                 "), and none is marked representative (" + kArt20 + ")");
  }
  if (representatives > most) {
    args.fail("petitioners", "a group visit sends at most " + std::to_string(most) + " representatives; " +
                                 std::to_string(representatives) + " are named (" + kArt20 + ")");
  }
}

}  // namespace

Events decide_intake(const CaseState&, const Command& command, const DecideContext& context) {
  const Policy& policy = context.policy;
  const JsonReader args =
      read_args(command, {"channel", "type", "sub_route", "category", "region", "subject", "content", "petitioners",
                          "group", "received_at", "received_by", "attachments", "new_matter"});
  // 4. Shape.
  const std::string channel = args.string("channel", kMaxIdBytes);
  const std::string type_text = args.choice("type", {"suggestion", "accusation", "claim"});
  std::string sub_route = args.string_or("sub_route", kMaxIdBytes, "");
  const std::string category = args.string("category", kMaxIdBytes);
  std::string region = args.string_or("region", kMaxIdBytes, "");
  std::string subject = args.string("subject", kMaxSubjectBytes);
  std::string content = args.string("content", kMaxTextBytes, /*allow_empty=*/true);
  Json petitioners = Json::array();
  const auto petitioner_items = args.array("petitioners", kMaxListItems, /*required=*/true);
  for (std::size_t i = 0; i < petitioner_items.size(); ++i) {
    petitioners.push_back(read_petitioner(args, i, *petitioner_items[i]));
  }
  if (petitioners.empty()) args.fail("petitioners", "must name at least one petitioner");
  const bool group = args.boolean_or("group", false);
  const Instant received_at = args.instant("received_at");
  std::string received_by = args.string_or("received_by", kMaxNameBytes, context.actor.id);
  Json attachments = Json::array();
  const auto attachment_items = args.array("attachments", kMaxListItems, /*required=*/false);
  for (std::size_t i = 0; i < attachment_items.size(); ++i) {
    attachments.push_back(read_attachment(args, i, *attachment_items[i]));
  }
  const bool new_matter = args.boolean_or("new_matter", false);

  // What the engine must supply with an intake.
  if (context.number.empty()) refuse(ErrorCode::invalid_argument, command, "no case number was allocated");
  if (context.query_code.empty()) refuse(ErrorCode::invalid_argument, command, "no query code was generated");
  if (context.identity_salt.empty()) refuse(ErrorCode::invalid_argument, command, "the identity salt is empty");

  // 5. Ids.
  const std::string& organisation = context.actor.organisation;
  if (policy.find_organisation(organisation) == nullptr) {
    refuse(ErrorCode::not_found, command,
           "the actor's organisation '" + organisation + "' is not in policy " + policy.name());
  }
  if (policy.find_channel(channel) == nullptr) {
    args.fail(ErrorCode::not_found, "channel", "no channel '" + channel + "' in policy " + policy.name());
  }
  const PetitionType type = *parse_petition_type(type_text);
  const PetitionTypeRules& type_rules = policy.rules_for(type);
  if (!sub_route.empty() && std::none_of(type_rules.routes.begin(), type_rules.routes.end(),
                                         [&](const SubRoute& r) { return r.id == sub_route; })) {
    args.fail(ErrorCode::not_found, "sub_route",
              "no route '" + sub_route + "' for " + type_text + " petitions in policy " + policy.name());
  }
  if (policy.find_category(category) == nullptr) {
    args.fail(ErrorCode::not_found, "category", "no category '" + category + "' in policy " + policy.name());
  }
  if (!region.empty() && policy.find_region(region) == nullptr) {
    args.fail(ErrorCode::not_found, "region", "no region '" + region + "' in policy " + policy.name());
  }

  // 6. Rules.
  if (received_at > context.now) {
    args.fail("received_at", "is after the time of registration " + format_instant(context.now));
  }
  check_group_visit(args, context, channel, group, petitioners);

  std::vector<std::string> repeat_of;
  std::string handled_below;
  if (!new_matter) {
    for (const PriorCase& prior : context.prior_cases) {
      if (prior.category != category) continue;
      if (prior.status == CaseStatus::concluded) {
        refuse(ErrorCode::invalid_state, command,
               "the same matter was concluded after re-review in case " + prior.number +
                   " and is not accepted again (" + reason_article(policy, "concluded", kArt36) +
                   "); intake it with new_matter for new facts and reasons");
      }
      if (handled_below.empty() && is_open(prior.status) && prior.organisation != organisation &&
          is_within(policy, prior.organisation, organisation)) {
        handled_below = prior.number;
      }
      const int window = policy.repeat_window_days();
      if (window > 0 && !prior.registered_at.is_special() &&
          context.now < context.calendar.period_end(prior.registered_at, window, PeriodUnit::calendar_days)) {
        repeat_of.push_back(prior.number);
      }
    }
  }

  std::vector<std::string> hashes;
  const auto add_hash = [&](const char* kind, const std::string& value) {
    if (value.empty()) return;
    std::string hash = salted_hash(context.identity_salt, kind, value);
    if (std::find(hashes.begin(), hashes.end(), hash) == hashes.end()) hashes.push_back(std::move(hash));
  };
  for (const auto& p : petitioners) {
    add_hash("id", p["id_number"].get<std::string>());
    add_hash("phone", p["phone"].get<std::string>());
  }

  // Built member by member so that the lists move in instead of being copied.
  Json payload = Json::object();
  payload["number"] = context.number;
  payload["organisation"] = organisation;
  payload["channel"] = channel;
  payload["type"] = type_text;
  payload["sub_route"] = std::move(sub_route);
  payload["category"] = category;
  payload["region"] = std::move(region);
  payload["subject"] = std::move(subject);
  payload["content"] = std::move(content);
  payload["petitioners"] = std::move(petitioners);
  payload["group"] = group;
  payload["received_at"] = format_instant(received_at);
  payload["received_by"] = std::move(received_by);
  payload["attachments"] = std::move(attachments);
  payload["query_code_hash"] = salted_hash(context.identity_salt, "query", context.query_code);
  payload["identity_hashes"] = std::move(hashes);
  payload["confidential"] = type_rules.confidential;
  payload["new_matter"] = new_matter;
  payload["handled_below"] = handled_below;
  payload["policy"] = {{"name", policy.name()}, {"version", policy.version()}};
  Events events;
  events.push_back(make_event(context, "registered", std::move(payload)));
  // An event lists at most kMaxListItems cases: the newest of them (prior cases come oldest first).
  if (repeat_of.size() > kMaxListItems) {
    repeat_of.erase(repeat_of.begin(), repeat_of.end() - static_cast<std::ptrdiff_t>(kMaxListItems));
  }
  if (!repeat_of.empty()) {
    events.push_back(make_event(context, "repeat_flagged",
                                {{"repeat_of", repeat_of}, {"window_days", policy.repeat_window_days()}}));
  }
  return events;
}

}  // namespace xinfang::lifecycle_detail
