// Internal: the hash chain of the audit log. An event's hash covers every stored field of the
// event, the case it belongs to, and the hash of the event before it, each field length-prefixed
// so that no two different events serialise alike (docs/storage.md, "The hash chain").
#ifndef XINFANG_SRC_ENGINE_CHAIN_HPP
#define XINFANG_SRC_ENGINE_CHAIN_HPP

#include <string>

#include "store/store.hpp"
#include "xinfang/engine.hpp"
#include "xinfang/error.hpp"

namespace xinfang::engine_detail {

/** The hex digest of the event @p row of case @p number (its `hash` field is not read). */
std::string event_hash(HashAlgorithm algorithm, const std::string& number, const store::EventRow& row);

/** The hex digest of an administrative change (its `hash` field is not read). */
std::string admin_change_hash(HashAlgorithm algorithm, const store::AdminChangeRow& row);

/** The hex digest of @p data. */
std::string digest_hex(HashAlgorithm algorithm, const std::string& data);

/** @return The algorithm named @p name ("sha256" or "sm3"), or throws Error(integrity). */
HashAlgorithm parse_hash_algorithm(const std::string& name);

}  // namespace xinfang::engine_detail

#endif
