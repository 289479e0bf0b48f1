// Internal: the hash chain of the audit log. An event's hash covers every stored field of the
// event, the case it belongs to, and the hash of the event before it, each field length-prefixed
// so that no two different events serialise alike (docs/storage.md, "The hash chain").
#ifndef XINFANG_SRC_ENGINE_CHAIN_HPP
#define XINFANG_SRC_ENGINE_CHAIN_HPP

#include <string>
#include <vector>

#include "store/store.hpp"
#include "xinfang/engine.hpp"
#include "xinfang/error.hpp"

namespace xinfang::engine_detail {

/** The hex digest of the event @p row of case @p number (its `hash` field is not read). */
std::string event_hash(HashAlgorithm algorithm, const std::string& number, const store::EventRow& row);

/** What one event of a case's log is hashed under. */
struct ChainKey {
  std::string number;       ///< The case's number before the event (the first event's own).
  HashAlgorithm algorithm;  ///< The chain's algorithm where the event was made.
};

/**
 * The number and algorithm each event of @p log was hashed under: a case's number changes only
 * where it was registered and where it was received from another organisation (its number
 * there precedes the receipt); events before a receipt were made under the algorithm the receipt
 * names for its origin, those after the last receipt under @p local. Payloads that do not read
 * leave the number as it was (the hash check then reports the event).
 */
std::vector<ChainKey> chain_keys(const std::vector<store::EventRow>& log, HashAlgorithm local);

/** The hex digest of an administrative change (its `hash` field is not read). */
std::string admin_change_hash(HashAlgorithm algorithm, const store::AdminChangeRow& row);

/** The hex digest of @p data. */
std::string digest_hex(HashAlgorithm algorithm, const std::string& data);

/** @return The algorithm named @p name ("sha256" or "sm3"), or throws Error(integrity). */
HashAlgorithm parse_hash_algorithm(const std::string& name);

}  // namespace xinfang::engine_detail

#endif
