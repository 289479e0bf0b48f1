// Salted hashes of petitioners' identity numbers and phones, and of query codes: what the
// library keeps instead of the raw values, so that repeat petitions can be matched without a
// searchable copy of anyone's identity.
//
// hash = hex(SHA-256(salt || 0x00 || kind || 0x00 || normalise(kind, value)))
//
// Normalisation makes the same person's value hash the same however it was typed:
// - "id" and "query": ASCII whitespace removed (not only trimmed: an identity number or a
//   query code never contains a space, but a clerk may type one), ASCII letters upper-cased
//   (the final X of a resident identity number, a query code read out in lower case);
// - "phone": digits only, and a leading country code +86 or 0086 dropped, so "+86 138-0013-8000",
//   "0086 13800138000" and "13800138000" agree;
// - any other kind: the value unchanged.
// The kind is part of the hashed text, so the same digits as a phone and as an identity number
// never collide.
#include <array>
#include <cstdio>
#include <string>

#include "util/digest.hpp"
#include "xinfang/error.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang {

namespace {

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string normalise_code(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (is_space(c)) continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

std::string normalise_phone(std::string_view value) {
  std::size_t start = 0;
  while (start < value.size() && is_space(value[start])) ++start;
  const bool plus = start < value.size() && value[start] == '+';
  std::string digits;
  for (char c : value) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (plus && digits.compare(0, 2, "86") == 0) return digits.substr(2);
  if (!plus && digits.compare(0, 4, "0086") == 0) return digits.substr(4);
  return digits;
}

std::string normalise(std::string_view kind, std::string_view value) {
  if (kind == "id" || kind == "query") return normalise_code(value);
  if (kind == "phone") return normalise_phone(value);
  return std::string(value);
}

// The engine hashes a petition's identities to find earlier cases, and decide() hashes them
// again for the event it records: the last few results are kept per thread so that the second
// time costs a comparison instead of a digest. The result depends on the arguments alone.
class RecentHashes {
 public:
  const std::string* find(std::string_view salt, std::string_view kind, std::string_view value) const {
    for (const Entry& e : entries_) {
      if (e.used && e.value == value && e.kind == kind && e.salt == salt) return &e.hash;
    }
    return nullptr;
  }
  void add(std::string_view salt, std::string_view kind, std::string_view value, const std::string& hash) {
    Entry& e = entries_[next_];
    next_ = (next_ + 1) % entries_.size();
    e.salt.assign(salt);
    e.kind.assign(kind);
    e.value.assign(value);
    e.hash = hash;
    e.used = true;
  }

 private:
  struct Entry {
    std::string salt, kind, value, hash;
    bool used = false;
  };
  std::array<Entry, 8> entries_;
  std::size_t next_ = 0;
};

}  // namespace

std::string salted_hash(std::string_view salt, std::string_view kind, std::string_view value) {
  thread_local RecentHashes recent;
  if (const std::string* known = recent.find(salt, kind, value)) return *known;
  const char separator = '\0';
  util::Digest digest(util::DigestAlgorithm::sha256);
  digest.add(salt).add({&separator, 1}).add(kind).add({&separator, 1}).add(normalise(kind, value));
  std::string hash = digest.hex();
  recent.add(salt, kind, value, hash);
  return hash;
}

}  // namespace xinfang
