// A commit in WAL mode writes every changed page as a frame of the log: a 24-byte header and the
// page, each its own write() — two system calls per page, and an intake changes about a dozen
// pages. This VFS keeps the frames of a commit in memory until its last frame (the one whose
// header carries the commit mark) and writes them with one call. Nothing else changes: the
// bytes and their offsets are SQLite's, every other file and method goes straight to the
// default VFS.
//
// Why it is safe: other connections find frames through the shared WAL index, which SQLite
// updates only after the commit frame is written; by then every gathered frame has reached the
// operating system. A crash before that point loses frames of an unfinished commit, which
// recovery would discard anyway. Reads, syncs, truncation and size queries on the log write the
// gathered frames out first, so the connection never sees its own log without them.
#include "store/sqlite_vfs.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

#include <sqlite3.h>

namespace xinfang::store::sqlite {
namespace {

constexpr int kFrameHeaderBytes = 24;  // the WAL format: https://www.sqlite.org/fileformat2.html#walformat
constexpr int kWalHeaderBytes = 32;
// Frames of a long transaction that spills pages before its commit go out in pieces this large.
constexpr std::size_t kMaxGathered = std::size_t{1} << 20;
// The unix VFS writes at most 128 KiB - 1 bytes per call (os_unix.c, seekAndWriteFd).
constexpr std::size_t kMaxWrite = std::size_t{120} << 10;

sqlite3_vfs* base_vfs = nullptr;
sqlite3_vfs gathering_vfs;
sqlite3_io_methods wal_methods;

// The object SQLite allocates for a file of this VFS: our state, then the default VFS's file.
struct GatheringFile {
  sqlite3_file base;
  sqlite3_file* real;
  std::vector<unsigned char> gathered;
  sqlite3_int64 gathered_at = 0;  // the file offset of gathered[0]
  // After a frame header is gathered: where its page will be written, and whether it ends a commit.
  sqlite3_int64 page_expected_at = -1;
  bool commit_frame = false;
};

GatheringFile* gathering(sqlite3_file* file) {
  return reinterpret_cast<GatheringFile*>(file);
}

int flush(GatheringFile* f) {
  for (std::size_t done = 0; done < f->gathered.size();) {
    const std::size_t amount = std::min(kMaxWrite, f->gathered.size() - done);
    const int rc = f->real->pMethods->xWrite(f->real, f->gathered.data() + done, static_cast<int>(amount),
                                             f->gathered_at + static_cast<sqlite3_int64>(done));
    // On failure the frames stay gathered: SQLite fails the statement, and a later flush writes
    // them again, so that no frame it counts as written goes missing.
    if (rc != SQLITE_OK) return rc;
    done += amount;
  }
  f->gathered.clear();
  return SQLITE_OK;
}

std::uint32_t big_endian_u32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

int gather(GatheringFile* f, const void* data, int amount, sqlite3_int64 offset) {
  const sqlite3_int64 end = f->gathered_at + static_cast<sqlite3_int64>(f->gathered.size());
  if (!f->gathered.empty() && (offset != end || f->gathered.size() + static_cast<std::size_t>(amount) > kMaxGathered)) {
    const int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
  }
  if (f->gathered.empty()) f->gathered_at = offset;
  const auto* bytes = static_cast<const unsigned char*>(data);
  f->gathered.insert(f->gathered.end(), bytes, bytes + amount);
  return SQLITE_OK;
}

int wal_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  GatheringFile* f = gathering(file);
  if (amount == kFrameHeaderBytes && offset >= kWalHeaderBytes) {
    const int rc = gather(f, data, amount, offset);
    if (rc != SQLITE_OK) return rc;
    f->page_expected_at = offset + kFrameHeaderBytes;
    // Bytes 4-7 of a frame header: the database size after a commit, zero for other frames.
    f->commit_frame = big_endian_u32(static_cast<const unsigned char*>(data) + 4) != 0;
    return SQLITE_OK;
  }
  if (offset == f->page_expected_at) {
    f->page_expected_at = -1;
    const int rc = gather(f, data, amount, offset);
    if (rc != SQLITE_OK || !f->commit_frame) return rc;
    return flush(f);
  }
  // The log's own header, or a page split around a sync point: in order, straight through.
  f->page_expected_at = -1;
  const int rc = flush(f);
  if (rc != SQLITE_OK) return rc;
  return f->real->pMethods->xWrite(f->real, data, amount, offset);
}

int wal_close(sqlite3_file* file) {
  GatheringFile* f = gathering(file);
  const int flushed = flush(f);
  const int closed = f->real->pMethods->xClose(f->real);
  f->~GatheringFile();
  return flushed != SQLITE_OK ? flushed : closed;
}

int wal_read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  GatheringFile* f = gathering(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xRead(f->real, data, amount, offset);
}

int wal_truncate(sqlite3_file* file, sqlite3_int64 size) {
  GatheringFile* f = gathering(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size);
}

int wal_sync(sqlite3_file* file, int flags) {
  GatheringFile* f = gathering(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags);
}

int wal_file_size(sqlite3_file* file, sqlite3_int64* size) {
  GatheringFile* f = gathering(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real, size);
}

int wal_lock(sqlite3_file* file, int level) {
  return gathering(file)->real->pMethods->xLock(gathering(file)->real, level);
}
int wal_unlock(sqlite3_file* file, int level) {
  return gathering(file)->real->pMethods->xUnlock(gathering(file)->real, level);
}
int wal_check_reserved_lock(sqlite3_file* file, int* out) {
  return gathering(file)->real->pMethods->xCheckReservedLock(gathering(file)->real, out);
}
int wal_file_control(sqlite3_file* file, int op, void* arg) {
  GatheringFile* f = gathering(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xFileControl(f->real, op, arg);
}
int wal_sector_size(sqlite3_file* file) {
  return gathering(file)->real->pMethods->xSectorSize(gathering(file)->real);
}
int wal_device_characteristics(sqlite3_file* file) {
  return gathering(file)->real->pMethods->xDeviceCharacteristics(gathering(file)->real);
}

int open_file(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  // Every other file is the default VFS's own object, in the space SQLite allocated.
  if ((flags & SQLITE_OPEN_WAL) == 0) return base_vfs->xOpen(base_vfs, name, file, flags, out_flags);
  auto* f = new (file) GatheringFile;
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<unsigned char*>(file) + sizeof(GatheringFile));
  const int rc = base_vfs->xOpen(base_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK || f->real->pMethods == nullptr) {
    f->~GatheringFile();
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  }
  f->base.pMethods = &wal_methods;
  return SQLITE_OK;
}

void register_vfs() {
  base_vfs = sqlite3_vfs_find(nullptr);
  gathering_vfs = *base_vfs;
  gathering_vfs.zName = "xinfang-gather";
  gathering_vfs.pNext = nullptr;
  gathering_vfs.szOsFile = static_cast<int>(sizeof(GatheringFile)) + base_vfs->szOsFile;
  gathering_vfs.xOpen = open_file;

  wal_methods = sqlite3_io_methods{};
  wal_methods.iVersion = 1;
  wal_methods.xClose = wal_close;
  wal_methods.xRead = wal_read;
  wal_methods.xWrite = wal_write;
  wal_methods.xTruncate = wal_truncate;
  wal_methods.xSync = wal_sync;
  wal_methods.xFileSize = wal_file_size;
  wal_methods.xLock = wal_lock;
  wal_methods.xUnlock = wal_unlock;
  wal_methods.xCheckReservedLock = wal_check_reserved_lock;
  wal_methods.xFileControl = wal_file_control;
  wal_methods.xSectorSize = wal_sector_size;
  wal_methods.xDeviceCharacteristics = wal_device_characteristics;
  sqlite3_vfs_register(&gathering_vfs, 0);
}

}  // namespace

const char* gathering_vfs_name() {
  static std::once_flag once;
  std::call_once(once, register_vfs);
  return gathering_vfs.zName;
}

}  // namespace xinfang::store::sqlite
