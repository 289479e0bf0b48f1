#include "engine/chain.hpp"

#include <cstdio>
#include <string_view>

#include "util/digest.hpp"

namespace xinfang {

const char* hash_algorithm_name(HashAlgorithm algorithm) noexcept {
  return algorithm == HashAlgorithm::sm3 ? "sm3" : "sha256";
}

namespace engine_detail {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static const char* const hex = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += hex[data[i] >> 4];
    out += hex[data[i] & 0x0f];
  }
  return out;
}

HashAlgorithm parse_hash_algorithm(const std::string& name) {
  if (name == "sha256") return HashAlgorithm::sha256;
  if (name == "sm3") return HashAlgorithm::sm3;
  throw Error(ErrorCode::integrity, "the database names an unknown hash algorithm '" + name + "'");
}

namespace {

util::DigestAlgorithm digest_algorithm(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::sm3 ? util::DigestAlgorithm::sm3 : util::DigestAlgorithm::sha256;
}

// A field of a hashed record: its length, a colon, the bytes, a newline.
void add_field(util::Digest& digest, std::string_view field) {
  char length[24];
  const int size = std::snprintf(length, sizeof length, "%zu:", field.size());
  digest.add({length, static_cast<std::size_t>(size)}).add(field).add("\n");
}

void add_field(util::Digest& digest, std::int64_t value) {
  add_field(digest, std::to_string(value));
}

}  // namespace

std::string digest_hex(HashAlgorithm algorithm, const std::string& data) {
  return util::Digest(digest_algorithm(algorithm)).add(data).hex();
}

std::string event_hash(HashAlgorithm algorithm, const std::string& number, const store::EventRow& row) {
  util::Digest digest(digest_algorithm(algorithm));
  digest.add("xinfang-event-1\n");
  add_field(digest, number);
  add_field(digest, row.sequence);
  add_field(digest, row.type);
  add_field(digest, row.at);
  add_field(digest, row.actor);
  add_field(digest, row.command);
  add_field(digest, row.policy_name);
  add_field(digest, row.policy_version);
  add_field(digest, row.payload);
  add_field(digest, row.previous_hash);
  return digest.hex();
}

std::string admin_change_hash(HashAlgorithm algorithm, const store::AdminChangeRow& row) {
  util::Digest digest(digest_algorithm(algorithm));
  digest.add("xinfang-admin-1\n");
  add_field(digest, row.sequence);
  add_field(digest, row.at);
  add_field(digest, row.actor);
  add_field(digest, row.action);
  add_field(digest, row.payload);
  add_field(digest, row.previous_hash);
  return digest.hex();
}

}  // namespace engine_detail
}  // namespace xinfang
