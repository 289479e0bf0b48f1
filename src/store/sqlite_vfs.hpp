// Internal: the SQLite VFS the store opens its files with. It is the platform's default VFS with
// two changes: the frames a commit appends to the write-ahead log reach the operating system in
// one write instead of two per page, and a checkpoint reads the log and writes the database in
// large pieces instead of a page at a time (docs/storage.md, "Writing the log" and "Copying the
// log into the database").
#ifndef XINFANG_SRC_STORE_SQLITE_VFS_HPP
#define XINFANG_SRC_STORE_SQLITE_VFS_HPP

namespace xinfang::store::sqlite {

/**
 * The name of the gathering VFS, registered (not as the default) on first use. Other SQLite
 * users in the same process are unaffected.
 */
const char* gathering_vfs_name();

}  // namespace xinfang::store::sqlite

#endif
