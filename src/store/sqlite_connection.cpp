#include "store/sqlite_connection.hpp"

#include <cstring>
#include <limits>

#include "store/sqlite_vfs.hpp"

namespace xinfang::store::sqlite {

void fail(sqlite3* db, int code, std::string_view doing) {
  const int primary = code & 0xff;
  std::string message = std::string(doing) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw Busy(message);
  if (primary == SQLITE_NOMEM) throw Error(ErrorCode::out_of_memory, message);
  if (primary == SQLITE_NOTADB) throw Error(ErrorCode::storage, message + " (the file is not a database)");
  if (primary == SQLITE_CORRUPT) throw Error(ErrorCode::integrity, message);
  throw Error(ErrorCode::storage, message);
}

Statement::~Statement() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

namespace {

int length_of(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error(ErrorCode::invalid_argument, "a value too long for the database");
  }
  return static_cast<int>(bytes.size());
}

}  // namespace

Statement& Statement::checked(int rc) {
  if (rc != SQLITE_OK) fail(db_, rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  return checked(sqlite3_bind_text(statement_, index, text.data(), length_of(text), SQLITE_TRANSIENT));
}

Statement& Statement::bind_unowned(int index, std::string_view text) {
  return checked(sqlite3_bind_text(statement_, index, text.data(), length_of(text), SQLITE_STATIC));
}

Statement& Statement::bind(int index, std::int64_t value) {
  return checked(sqlite3_bind_int64(statement_, index, value));
}

Statement& Statement::bind_real(int index, double value) {
  return checked(sqlite3_bind_double(statement_, index, value));
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  return checked(sqlite3_bind_blob(statement_, index, bytes.data(), length_of(bytes), SQLITE_TRANSIENT));
}

Statement& Statement::bind_null(int index) {
  return checked(sqlite3_bind_null(statement_, index));
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc, "running a statement");
}

void Statement::run() {
  while (step()) {
  }
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (data == nullptr) return std::string();
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Connection::Connection(const std::string& path, bool create, int busy_timeout_ms) : path_(path) {
  if (path.empty()) throw Error(ErrorCode::invalid_argument, "no database path was given");
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, gathering_vfs_name());
  if (rc != SQLITE_OK) {
    std::string message =
        "cannot open database " + path + ": " + (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(ErrorCode::storage, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Connection::~Connection() {
  for (auto& entry : statements_) sqlite3_finalize(entry.second);
  sqlite3_close_v2(db_);
}

void Connection::exec(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    const std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    const int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw Busy(message);
    if (primary == SQLITE_NOTADB) {
      throw Error(ErrorCode::storage, path_ + " is not a database (" + message + ")");
    }
    throw Error(ErrorCode::storage, message);
  }
}

Statement Connection::prepare(const char* sql) {
  // Most SQL is a literal or a static string: found by its address, confirmed by its text (an
  // address can be reused for other text), without building a key or walking the map.
  const auto known = by_address_.find(sql);
  if (known != by_address_.end() && std::strcmp(sqlite3_sql(known->second), sql) == 0) {
    return Statement(db_, known->second);
  }
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "preparing a statement");
    found = statements_.emplace(sql, statement).first;
  }
  by_address_[sql] = found->second;
  return Statement(db_, found->second);
}

Statement Connection::prepare(const std::string& sql) {
  return prepare(sql.c_str());
}

std::int64_t Connection::pragma_integer(const char* pragma) {
  Statement statement = prepare(std::string("PRAGMA ") + pragma);
  if (!statement.step()) return 0;
  return statement.integer(0);
}

}  // namespace xinfang::store::sqlite
