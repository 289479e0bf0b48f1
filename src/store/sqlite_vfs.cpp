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

// A checkpoint reads the log ahead this far: the unix VFS reads at most 128 KiB - 1 bytes per call too.
constexpr std::size_t kReadAhead = kMaxWrite;

sqlite3_vfs* base_vfs = nullptr;
sqlite3_vfs gathering_vfs;
sqlite3_io_methods wal_methods;
sqlite3_io_methods database_methods;

// Writes gathered at consecutive offsets of one file, written out with as few calls as possible.
struct Gathered {
  std::vector<unsigned char> bytes;
  sqlite3_int64 at = 0;  // the file offset of bytes[0]
};

// The main database file: the default VFS's file, and the pages a checkpoint copies into it.
struct DatabaseFile {
  sqlite3_file base;
  sqlite3_file* real;
  bool in_checkpoint = false;     // between SQLITE_FCNTL_CKPT_START and SQLITE_FCNTL_CKPT_DONE
  std::uint64_t checkpoints = 0;  // copy loops started: a log read ahead in one serves no other
  Gathered pending;               // the pages of the copy loop, not yet written
};

// The object SQLite allocates for a file of this VFS: our state, then the default VFS's file.
struct GatheringFile {
  sqlite3_file base;
  sqlite3_file* real;
  DatabaseFile* database = nullptr;  // the log's database, when it was opened through this VFS
  Gathered pending;                  // the frames of the commit, not yet written
  // What a checkpoint read ahead of the log; only used while the database is in its copy loop.
  std::vector<unsigned char> ahead;
  sqlite3_int64 ahead_at = 0;
  std::uint64_t ahead_in_checkpoint = 0;  // the copy loop it was read in; no other may use it
  // The log's size when that loop first read it: every frame the loop copies lies within it.
  sqlite3_int64 size_in_checkpoint = 0;
  sqlite3_int64 last_read_end = -1;  // where the loop's last read of the log ended
  // After a frame header is gathered: where its page will be written, and whether it ends a commit.
  sqlite3_int64 page_expected_at = -1;
  bool commit_frame = false;
};

// Either kind of file this VFS wraps: the log (GatheringFile) or the database (DatabaseFile).
template <typename File>
File* as(sqlite3_file* file) {
  return reinterpret_cast<File*>(file);
}

int flush(sqlite3_file* real, Gathered& g) {
  for (std::size_t done = 0; done < g.bytes.size();) {
    const std::size_t amount = std::min(kMaxWrite, g.bytes.size() - done);
    const int rc = real->pMethods->xWrite(real, g.bytes.data() + done, static_cast<int>(amount),
                                          g.at + static_cast<sqlite3_int64>(done));
    // On failure the bytes stay gathered: SQLite fails the statement, and a later flush writes
    // them again, so that nothing it counts as written goes missing.
    if (rc != SQLITE_OK) return rc;
    done += amount;
  }
  g.bytes.clear();
  return SQLITE_OK;
}

template <typename File>
int flush(File* f) {
  return flush(f->real, f->pending);
}

int gather(sqlite3_file* real, Gathered& g, const void* data, int amount, sqlite3_int64 offset) {
  const sqlite3_int64 end = g.at + static_cast<sqlite3_int64>(g.bytes.size());
  if (!g.bytes.empty() && (offset != end || g.bytes.size() + static_cast<std::size_t>(amount) > kMaxGathered)) {
    const int rc = flush(real, g);
    if (rc != SQLITE_OK) return rc;
  }
  if (g.bytes.empty()) g.at = offset;
  const auto* bytes = static_cast<const unsigned char*>(data);
  g.bytes.insert(g.bytes.end(), bytes, bytes + amount);
  return SQLITE_OK;
}

std::uint32_t big_endian_u32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

int gather(GatheringFile* f, const void* data, int amount, sqlite3_int64 offset) {
  f->ahead.clear();
  return gather(f->real, f->pending, data, amount, offset);
}

int wal_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  GatheringFile* f = as<GatheringFile>(file);
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
  f->ahead.clear();
  const int rc = flush(f);
  if (rc != SQLITE_OK) return rc;
  return f->real->pMethods->xWrite(f->real, data, amount, offset);
}

// The methods both kinds share. Those that read, size, sync, truncate or end the file write out
// what is pending first; the others go straight to the default VFS.
template <typename File>
int close_file(sqlite3_file* file) {
  File* f = as<File>(file);
  const int flushed = flush(f);
  const int closed = f->real->pMethods->xClose(f->real);
  f->~File();
  return flushed != SQLITE_OK ? flushed : closed;
}
template <typename File>
int read_after_flush(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  File* f = as<File>(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xRead(f->real, data, amount, offset);
}
template <typename File>
int truncate_after_flush(sqlite3_file* file, sqlite3_int64 size) {
  File* f = as<File>(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size);
}
template <typename File>
int sync_after_flush(sqlite3_file* file, int flags) {
  File* f = as<File>(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags);
}
template <typename File>
int file_size_after_flush(sqlite3_file* file, sqlite3_int64* size) {
  File* f = as<File>(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real, size);
}
template <typename File>
int file_control_after_flush(sqlite3_file* file, int op, void* arg) {
  File* f = as<File>(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xFileControl(f->real, op, arg);
}
template <typename File>
int lock(sqlite3_file* file, int level) {
  return as<File>(file)->real->pMethods->xLock(as<File>(file)->real, level);
}
template <typename File>
int unlock(sqlite3_file* file, int level) {
  return as<File>(file)->real->pMethods->xUnlock(as<File>(file)->real, level);
}
template <typename File>
int check_reserved_lock(sqlite3_file* file, int* out) {
  return as<File>(file)->real->pMethods->xCheckReservedLock(as<File>(file)->real, out);
}
template <typename File>
int sector_size(sqlite3_file* file) {
  return as<File>(file)->real->pMethods->xSectorSize(as<File>(file)->real);
}
template <typename File>
int device_characteristics(sqlite3_file* file) {
  return as<File>(file)->real->pMethods->xDeviceCharacteristics(as<File>(file)->real);
}

int wal_read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  GatheringFile* f = as<GatheringFile>(file);
  int rc = flush(f);
  if (rc != SQLITE_OK) return rc;
  if (f->database == nullptr || !f->database->in_checkpoint) {
    f->ahead.clear();
    return f->real->pMethods->xRead(f->real, data, amount, offset);
  }
  const auto within = [&] {
    return f->ahead_in_checkpoint == f->database->checkpoints && offset >= f->ahead_at &&
           offset + amount <= f->ahead_at + static_cast<sqlite3_int64>(f->ahead.size());
  };
  if (!within()) {
    if (f->ahead_in_checkpoint != f->database->checkpoints) {
      rc = f->real->pMethods->xFileSize(f->real, &f->size_in_checkpoint);
      if (rc != SQLITE_OK) return rc;
      f->ahead_in_checkpoint = f->database->checkpoints;
      f->last_read_end = -1;
    }
    // Read ahead only where the loop is going through the log in order: the page of the frame
    // right after the last one read. Pages scattered over the log (the indexes of many small
    // commits) are read one at a time, as SQLite would.
    const bool in_order = offset == f->last_read_end + kFrameHeaderBytes;
    f->last_read_end = offset + amount;
    const sqlite3_int64 available =
        std::min<sqlite3_int64>(static_cast<sqlite3_int64>(kReadAhead), f->size_in_checkpoint - offset);
    f->ahead.clear();
    if (!in_order || available < amount) return f->real->pMethods->xRead(f->real, data, amount, offset);
    f->ahead.resize(static_cast<std::size_t>(available));
    rc = f->real->pMethods->xRead(f->real, f->ahead.data(), static_cast<int>(available), offset);
    if (rc != SQLITE_OK) {
      f->ahead.clear();
      return rc;
    }
    f->ahead_at = offset;
  } else {
    f->last_read_end = offset + amount;
  }
  std::memcpy(data, f->ahead.data() + (offset - f->ahead_at), static_cast<std::size_t>(amount));
  return SQLITE_OK;
}

int wal_truncate(sqlite3_file* file, sqlite3_int64 size) {
  as<GatheringFile>(file)->ahead.clear();
  return truncate_after_flush<GatheringFile>(file, size);
}

int database_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  DatabaseFile* f = as<DatabaseFile>(file);
  if (f->in_checkpoint) return gather(f->real, f->pending, data, amount, offset);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xWrite(f->real, data, amount, offset);
}
int database_unlock(sqlite3_file* file, int level) {
  DatabaseFile* f = as<DatabaseFile>(file);
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xUnlock(f->real, level);
}
int database_file_control(sqlite3_file* file, int op, void* arg) {
  DatabaseFile* f = as<DatabaseFile>(file);
  if (op == SQLITE_FCNTL_CKPT_START) {
    f->in_checkpoint = true;
    ++f->checkpoints;
  } else {
    // CKPT_DONE comes after the copy loop and before SQLite records the checkpoint's progress:
    // the copied pages are in the file before any connection is told to read them from it.
    if (op == SQLITE_FCNTL_CKPT_DONE) f->in_checkpoint = false;
    const int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
  }
  return f->real->pMethods->xFileControl(f->real, op, arg);
}
int database_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return as<DatabaseFile>(file)->real->pMethods->xShmMap(as<DatabaseFile>(file)->real, region, size, extend, out);
}
int database_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  return as<DatabaseFile>(file)->real->pMethods->xShmLock(as<DatabaseFile>(file)->real, offset, n, flags);
}
void database_shm_barrier(sqlite3_file* file) {
  as<DatabaseFile>(file)->real->pMethods->xShmBarrier(as<DatabaseFile>(file)->real);
}
int database_shm_unmap(sqlite3_file* file, int remove) {
  return as<DatabaseFile>(file)->real->pMethods->xShmUnmap(as<DatabaseFile>(file)->real, remove);
}
int database_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  DatabaseFile* f = as<DatabaseFile>(file);
  *out = nullptr;
  const int rc = flush(f);
  return rc != SQLITE_OK ? rc : f->real->pMethods->xFetch(f->real, offset, amount, out);
}
int database_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  return as<DatabaseFile>(file)->real->pMethods->xUnfetch(as<DatabaseFile>(file)->real, offset, page);
}

int open_database(sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* f = new (file) DatabaseFile;
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<unsigned char*>(file) + sizeof(DatabaseFile));
  const int rc = base_vfs->xOpen(base_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK || f->real->pMethods == nullptr) {
    f->~DatabaseFile();
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  }
  // The methods forwarded are those of version 3 (shared memory, memory mapping), which the
  // default VFS of every platform SQLite supports has had since 3.7.17.
  if (f->real->pMethods->iVersion < 3) {
    f->real->pMethods->xClose(f->real);
    f->~DatabaseFile();
    return SQLITE_CANTOPEN;
  }
  f->base.pMethods = &database_methods;
  return SQLITE_OK;
}

int open_file(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  if ((flags & SQLITE_OPEN_MAIN_DB) != 0) return open_database(name, file, flags, out_flags);
  // Every other file but the log is the default VFS's own object, in the space SQLite allocated.
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
  sqlite3_file* main = sqlite3_database_file_object(name);
  if (main != nullptr && main->pMethods == &database_methods) f->database = as<DatabaseFile>(main);
  return SQLITE_OK;
}

void register_vfs() {
  base_vfs = sqlite3_vfs_find(nullptr);
  gathering_vfs = *base_vfs;
  gathering_vfs.zName = "xinfang-gather";
  gathering_vfs.pNext = nullptr;
  gathering_vfs.szOsFile = static_cast<int>(std::max(sizeof(GatheringFile), sizeof(DatabaseFile))) + base_vfs->szOsFile;
  gathering_vfs.xOpen = open_file;

  wal_methods = sqlite3_io_methods{};
  wal_methods.iVersion = 1;
  wal_methods.xClose = close_file<GatheringFile>;
  wal_methods.xRead = wal_read;
  wal_methods.xWrite = wal_write;
  wal_methods.xTruncate = wal_truncate;
  wal_methods.xSync = sync_after_flush<GatheringFile>;
  wal_methods.xFileSize = file_size_after_flush<GatheringFile>;
  wal_methods.xLock = lock<GatheringFile>;
  wal_methods.xUnlock = unlock<GatheringFile>;
  wal_methods.xCheckReservedLock = check_reserved_lock<GatheringFile>;
  wal_methods.xFileControl = file_control_after_flush<GatheringFile>;
  wal_methods.xSectorSize = sector_size<GatheringFile>;
  wal_methods.xDeviceCharacteristics = device_characteristics<GatheringFile>;

  database_methods = sqlite3_io_methods{};
  database_methods.iVersion = 3;
  database_methods.xClose = close_file<DatabaseFile>;
  database_methods.xRead = read_after_flush<DatabaseFile>;
  database_methods.xWrite = database_write;
  database_methods.xTruncate = truncate_after_flush<DatabaseFile>;
  database_methods.xSync = sync_after_flush<DatabaseFile>;
  database_methods.xFileSize = file_size_after_flush<DatabaseFile>;
  database_methods.xLock = lock<DatabaseFile>;
  database_methods.xUnlock = database_unlock;
  database_methods.xCheckReservedLock = check_reserved_lock<DatabaseFile>;
  database_methods.xFileControl = database_file_control;
  database_methods.xSectorSize = sector_size<DatabaseFile>;
  database_methods.xDeviceCharacteristics = device_characteristics<DatabaseFile>;
  database_methods.xShmMap = database_shm_map;
  database_methods.xShmLock = database_shm_lock;
  database_methods.xShmBarrier = database_shm_barrier;
  database_methods.xShmUnmap = database_shm_unmap;
  database_methods.xFetch = database_fetch;
  database_methods.xUnfetch = database_unfetch;
  sqlite3_vfs_register(&gathering_vfs, 0);
}

}  // namespace

const char* gathering_vfs_name() {
  static std::once_flag once;
  std::call_once(once, register_vfs);
  return gathering_vfs.zName;
}

}  // namespace xinfang::store::sqlite
