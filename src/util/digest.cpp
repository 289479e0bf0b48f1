#include "util/digest.hpp"

#include <openssl/evp.h>

#include "xinfang/error.hpp"

namespace xinfang::util {

struct Digest::Context {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool busy = false;
  ~Context() { EVP_MD_CTX_free(ctx); }
};

namespace {

const EVP_MD* algorithm_of(DigestAlgorithm algorithm) {
  // Fetched once: EVP_sha256() and EVP_sm3() make every init look the implementation up again.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  static EVP_MD* const sm3 = EVP_MD_fetch(nullptr, "SM3", nullptr);
  const EVP_MD* md = algorithm == DigestAlgorithm::sm3 ? sm3 : sha256;
  if (md == nullptr) {
    throw Error(ErrorCode::internal,
                std::string("OpenSSL does not provide ") + (algorithm == DigestAlgorithm::sm3 ? "SM3" : "SHA-256"));
  }
  return md;
}

}  // namespace

Digest::Digest(DigestAlgorithm algorithm) {
  thread_local Context shared;
  if (shared.busy || shared.ctx == nullptr) {
    context_ = new Context;
    own_ = true;
  } else {
    context_ = &shared;
  }
  context_->busy = true;
  if (context_->ctx == nullptr || EVP_DigestInit_ex(context_->ctx, algorithm_of(algorithm), nullptr) != 1) {
    context_->busy = false;
    if (own_) delete context_;
    throw Error(ErrorCode::internal, "OpenSSL could not start a digest");
  }
}

Digest::~Digest() {
  context_->busy = false;
  if (own_) delete context_;
}

Digest& Digest::add(std::string_view bytes) {
  if (EVP_DigestUpdate(context_->ctx, bytes.data(), bytes.size()) != 1) {
    throw Error(ErrorCode::internal, "OpenSSL could not compute a digest");
  }
  return *this;
}

std::string Digest::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context_->ctx, digest, &size) != 1) {
    throw Error(ErrorCode::internal, "OpenSSL could not compute a digest");
  }
  return to_hex(digest, size);
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * size, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 0x0F];
  }
  return out;
}

}  // namespace xinfang::util
