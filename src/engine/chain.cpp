#include "engine/chain.hpp"

#include <memory>

#include <openssl/evp.h>

namespace xinfang {

const char* hash_algorithm_name(HashAlgorithm algorithm) noexcept {
  return algorithm == HashAlgorithm::sm3 ? "sm3" : "sha256";
}

namespace engine_detail {
namespace {

void add_field(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '\n';
}

}  // namespace

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

std::string digest_hex(HashAlgorithm algorithm, const std::string& data) {
  const EVP_MD* md = algorithm == HashAlgorithm::sm3 ? EVP_sm3() : EVP_sha256();
  if (md == nullptr)
    throw Error(ErrorCode::internal, "OpenSSL does not provide " + std::string(hash_algorithm_name(algorithm)));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, md, nullptr) != 1) {
    throw Error(ErrorCode::internal, "OpenSSL could not compute a digest");
  }
  return to_hex(digest, size);
}

std::string event_hash(HashAlgorithm algorithm, const std::string& number, const store::EventRow& row) {
  std::string data = "xinfang-event-1\n";
  data.reserve(data.size() + row.payload.size() + row.actor.size() + 256);
  add_field(data, number);
  add_field(data, std::to_string(row.sequence));
  add_field(data, row.type);
  add_field(data, std::to_string(row.at));
  add_field(data, row.actor);
  add_field(data, row.command);
  add_field(data, row.policy_name);
  add_field(data, row.policy_version);
  add_field(data, row.payload);
  add_field(data, row.previous_hash);
  return digest_hex(algorithm, data);
}

std::string admin_change_hash(HashAlgorithm algorithm, const store::AdminChangeRow& row) {
  std::string data = "xinfang-admin-1\n";
  add_field(data, std::to_string(row.sequence));
  add_field(data, std::to_string(row.at));
  add_field(data, row.actor);
  add_field(data, row.action);
  add_field(data, row.payload);
  add_field(data, row.previous_hash);
  return digest_hex(algorithm, data);
}

}  // namespace engine_detail
}  // namespace xinfang
