#include "engine/chain.hpp"

#include <cstdio>
#include <initializer_list>
#include <string_view>

#include "util/digest.hpp"

namespace xinfang {

const char* hash_algorithm_name(HashAlgorithm algorithm) noexcept {
  return algorithm == HashAlgorithm::sm3 ? "sm3" : "sha256";
}

namespace engine_detail {

HashAlgorithm parse_hash_algorithm(const std::string& name) {
  if (name == "sha256") return HashAlgorithm::sha256;
  if (name == "sm3") return HashAlgorithm::sm3;
  throw Error(ErrorCode::integrity, "the database names an unknown hash algorithm '" + name + "'");
}

namespace {

util::DigestAlgorithm digest_algorithm(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::sm3 ? util::DigestAlgorithm::sm3 : util::DigestAlgorithm::sha256;
}

// A record's hash: its kind's prefix line, then each field as its length, a colon, the bytes
// and a newline, so that no two different records serialise alike.
std::string record_hash(HashAlgorithm algorithm, std::string_view prefix,
                        std::initializer_list<std::string_view> fields) {
  util::Digest digest(digest_algorithm(algorithm));
  digest.add(prefix);
  for (std::string_view field : fields) {
    char length[24];
    const int size = std::snprintf(length, sizeof length, "%zu:", field.size());
    digest.add({length, static_cast<std::size_t>(size)}).add(field).add("\n");
  }
  return digest.hex();
}

}  // namespace

std::string digest_hex(HashAlgorithm algorithm, const std::string& data) {
  return util::Digest(digest_algorithm(algorithm)).add(data).hex();
}

std::string event_hash(HashAlgorithm algorithm, const std::string& number, const store::EventRow& row) {
  const std::string sequence = std::to_string(row.sequence);
  const std::string at = std::to_string(row.at);
  return record_hash(algorithm, "xinfang-event-1\n",
                     {number, sequence, row.type, at, row.actor, row.command, row.policy_name, row.policy_version,
                      row.payload, row.previous_hash});
}

std::vector<ChainKey> chain_keys(const std::vector<store::EventRow>& log, HashAlgorithm local) {
  std::vector<ChainKey> keys(log.size(), ChainKey{"", local});
  const auto read = [](const store::EventRow& row) {
    return Json::parse(row.payload, nullptr, /*allow_exceptions=*/false);
  };
  std::string number;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const store::EventRow& row = log[i];
    const bool renumbers = row.type == "registered" || row.type == "dossier_received";
    if (number.empty() || renumbers) {
      const Json payload = renumbers || number.empty() ? read(row) : Json();
      const auto named = payload.is_object() ? payload.find("number") : payload.end();
      const std::string own = named != payload.end() && named->is_string() ? named->get<std::string>() : "";
      keys[i].number = number.empty() ? own : number;
      if (renumbers && !own.empty()) number = own;
    } else {
      keys[i].number = number;
    }
  }
  // Walking back, each receipt names the algorithm of the events before it, up to the receipt
  // before that.
  HashAlgorithm algorithm = local;
  for (std::size_t i = log.size(); i-- > 0;) {
    keys[i].algorithm = algorithm;
    if (log[i].type != "dossier_received") continue;
    const Json payload = read(log[i]);
    const Json* origin = payload.is_object() && payload.contains("origin") ? &payload["origin"] : nullptr;
    const std::string name = origin != nullptr && origin->is_object() ? origin->value("hash_algorithm", "") : "";
    algorithm = name == "sm3" ? HashAlgorithm::sm3 : HashAlgorithm::sha256;
  }
  return keys;
}

std::string admin_change_hash(HashAlgorithm algorithm, const store::AdminChangeRow& row) {
  const std::string sequence = std::to_string(row.sequence);
  const std::string at = std::to_string(row.at);
  return record_hash(algorithm, "xinfang-admin-1\n",
                     {sequence, at, row.actor, row.action, row.payload, row.previous_hash});
}

}  // namespace engine_detail
}  // namespace xinfang
