// Internal: SHA-256 and SM3 digests in hex, fed piece by piece. The OpenSSL context and the
// algorithm are fetched once per thread and reused: creating them costs more than hashing the
// few hundred bytes of an event or an identity number.
#ifndef XINFANG_SRC_UTIL_DIGEST_HPP
#define XINFANG_SRC_UTIL_DIGEST_HPP

#include <string>
#include <string_view>

namespace xinfang::util {

enum class DigestAlgorithm { sha256, sm3 };

/** @p size bytes as lower-case hex. */
std::string to_hex(const unsigned char* data, std::size_t size);

/** One digest in progress. Not copyable; finish it with hex(). */
class Digest {
 public:
  explicit Digest(DigestAlgorithm algorithm);
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  Digest& add(std::string_view bytes);
  /** Finishes the digest: lower-case hex (64 digits for both algorithms). */
  std::string hex();

 private:
  struct Context;
  Context* context_;
  bool own_ = false;  // true when the thread's shared context was busy and this one is private
};

}  // namespace xinfang::util

#endif
