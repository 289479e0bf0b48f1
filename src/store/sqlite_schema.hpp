// Internal: the SQLite schema and its migrations.
#ifndef XINFANG_SRC_STORE_SQLITE_SCHEMA_HPP
#define XINFANG_SRC_STORE_SQLITE_SCHEMA_HPP

#include "store/sqlite_connection.hpp"

namespace xinfang::store::sqlite {

/** The schema version this build writes. */
int schema_version() noexcept;

/**
 * Brings the file to the current schema in one transaction: creates it when empty, upgrades
 * an older one, refuses a newer one (unsupported_version) or another application's file.
 * @return Whether the schema was created now.
 */
bool migrate(Connection& connection);

/** Writes the schema as of @p version into an empty file (for migration tests). */
void create_schema_at(Connection& connection, int version);

}  // namespace xinfang::store::sqlite

#endif
