// A petition given as a structure: read into the C++ Petition and registered by the typed call,
// Engine::intake(), so that a C host with fields rather than JSON text pays for no JSON going in.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

#include "capi_engine.hpp"
#include "xinfang.h"
#include "xinfang/policy.hpp"

namespace xinfang::capi {
namespace {

// More petitioners or attachments than any petition has: a count this large is a host's error.
constexpr size_t kMaxPetitionParts = 100000;

// The size of the structure's first version: every field up to attachment_count.
constexpr std::size_t kPetitionFirstVersionSize = offsetof(xf_petition, attachment_count) + sizeof(size_t);

// The caller's structure as this library knows it. Fields of a newer version that this library
// does not know are refused unless they are still at their defaults (all zero bytes): ignoring
// them would register a petition without something its sender gave.
xf_petition known_fields(const xf_petition* given) {
  require_pointer(given, "petition");
  if (given->struct_size < kPetitionFirstVersionSize) {
    throw Error(ErrorCode::invalid_argument, "petition->struct_size is " + std::to_string(given->struct_size) +
                                                 "; at least " + std::to_string(kPetitionFirstVersionSize) +
                                                 " is needed (fill the petition with xf_petition_init())");
  }
  if (given->struct_size > sizeof(xf_petition)) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(given);
    if (std::any_of(bytes + sizeof(xf_petition), bytes + given->struct_size, [](unsigned char b) { return b != 0; })) {
      throw Error(ErrorCode::unsupported_version,
                  "the petition sets fields of a newer version of xf_petition (struct_size " +
                      std::to_string(given->struct_size) + ", this library knows " +
                      std::to_string(sizeof(xf_petition)) + "): use a library as new as the header");
    }
  }
  xf_petition petition;
  xf_petition_init(&petition);
  std::memcpy(&petition, given, std::min<std::size_t>(given->struct_size, sizeof petition));
  return petition;
}

// A string field of the i-th element of an array, @p element naming it ("petition->petitioners[0].").
// The name is put together only for the message of a refusal, not for every field that passes.
template <typename MakeElement>
std::string element_text(const char* text, MakeElement&& element, const char* field) {
  try {
    return optional_text(text, field);
  } catch (const Error&) {
    return optional_text(text, (element() + field).c_str());  // refused again, under its whole name
  }
}

// An array of @p count elements; NULL only when empty.
template <typename Element>
const Element* elements(const Element* array, size_t count, const char* name) {
  if (array == nullptr && count != 0) {
    throw Error(ErrorCode::invalid_argument,
                std::string("petition->") + name + " is NULL with a count of " + std::to_string(count));
  }
  if (count > kMaxPetitionParts) {
    throw Error(ErrorCode::invalid_argument, std::string("petition->") + name + " has " + std::to_string(count) +
                                                 " elements; at most " + std::to_string(kMaxPetitionParts));
  }
  return array;
}

Petition read_petition(const xf_petition* given) {
  const xf_petition p = known_fields(given);
  Petition petition;
  petition.channel = optional_text(p.channel, "petition->channel");
  const std::string type = optional_text(p.type, "petition->type");
  const std::optional<PetitionType> parsed = parse_petition_type(type);
  if (!parsed) {
    throw Error(ErrorCode::invalid_data,
                "petition->type '" + shortened(type) + "' is not a petition type (claim, suggestion, accusation, ...)");
  }
  petition.type = *parsed;
  petition.sub_route = optional_text(p.sub_route, "petition->sub_route");
  petition.category = optional_text(p.category, "petition->category");
  petition.region = optional_text(p.region, "petition->region");
  petition.subject = optional_text(p.subject, "petition->subject");
  petition.content = optional_text(p.content, "petition->content");
  const xf_petitioner* people = elements(p.petitioners, p.petitioner_count, "petitioners");
  for (size_t i = 0; i < p.petitioner_count; ++i) {
    const auto at = [i] { return "petition->petitioners[" + std::to_string(i) + "]."; };
    const xf_petitioner& person = people[i];
    petition.petitioners.push_back(
        {element_text(person.name, at, "name"), element_text(person.id_number, at, "id_number"),
         element_text(person.phone, at, "phone"), element_text(person.address, at, "address"),
         person.representative != 0 && read_flag(person.representative, at() + "representative")});
  }
  petition.group = p.group != 0 && read_flag(p.group, "petition->group");
  petition.new_matter = p.new_matter != 0 && read_flag(p.new_matter, "petition->new_matter");
  if (p.received_at < 0) {
    throw Error(ErrorCode::invalid_argument, "petition->received_at is " + std::to_string(p.received_at) +
                                                 "; it must be seconds since 1970 (UTC), or 0 for now");
  }
  if (p.received_at != 0) petition.received_at = from_unix(p.received_at, "petition->received_at");
  petition.received_by = optional_text(p.received_by, "petition->received_by");
  const xf_attachment* files = elements(p.attachments, p.attachment_count, "attachments");
  for (size_t i = 0; i < p.attachment_count; ++i) {
    const auto at = [i] { return "petition->attachments[" + std::to_string(i) + "]."; };
    const xf_attachment& file = files[i];
    if (file.size < 0) {
      throw Error(ErrorCode::invalid_argument, at() + "size is " + std::to_string(file.size) + "; it must be >= 0");
    }
    petition.attachments.push_back({element_text(file.name, at, "name"),
                                    element_text(file.media_type, at, "media_type"), file.size,
                                    element_text(file.sha256, at, "sha256")});
  }
  return petition;
}

}  // namespace
}  // namespace xinfang::capi

using namespace xinfang;
using namespace xinfang::capi;

extern "C" {

xf_status xf_petition_init(xf_petition* petition) {
  return guard([&] {
    require_pointer(petition, "petition");
    std::memset(petition, 0, sizeof *petition);
    petition->struct_size = static_cast<uint32_t>(sizeof(xf_petition));
  });
}

xf_status xf_engine_intake_petition(xf_engine* engine, const char* actor, const xf_petition* petition,
                                    const char* idempotency_key, char** out_result_json) {
  return result_text_out(out_result_json, [&] {
    EngineCall call(engine);
    const std::string who = required_text(actor, "actor");
    const Petition fields = read_petition(petition);
    const std::string key = optional_text(idempotency_key, "idempotency_key");
    require_pointer(out_result_json, "out_result_json");
    return call.engine().intake(who, fields, key);
  });
}

}  // extern "C"
