// Internal: a SQLite connection with cached prepared statements, and errors mapped to
// xinfang::Error. Only src/store/ includes this file.
#ifndef XINFANG_SRC_STORE_SQLITE_CONNECTION_HPP
#define XINFANG_SRC_STORE_SQLITE_CONNECTION_HPP

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "xinfang/error.hpp"

namespace xinfang::store::sqlite {

/** Thrown for SQLITE_BUSY / SQLITE_LOCKED: the store waits and re-runs the transaction. */
class Busy : public Error {
 public:
  explicit Busy(const std::string& message) : Error(ErrorCode::storage, message) {}
};

/** Throws the Error for @p code (Busy for a transient lock), with the connection's message. */
[[noreturn]] void fail(sqlite3* db, int code, std::string_view doing);

/** A prepared statement in use: bind, step, read; reset when it goes out of scope. */
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  /** Binds @p text without copying it: it must stay unchanged until this Statement is gone. */
  Statement& bind_unowned(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& bind_real(int index, double value);
  Statement& bind_null(int index);
  /** Binds @p value, or NULL when it is empty. */
  Statement& bind_optional(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  Statement& bind_blob(int index, std::string_view bytes);

  /** Steps once: true while there is a row. */
  bool step();
  /** Steps to the end (for statements that return no rows). */
  void run();

  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  Statement& checked(int rc);  // throws for a failed bind

  sqlite3* db_;
  sqlite3_stmt* statement_;
};

/** One open database file. */
class Connection {
 public:
  Connection(const std::string& path, bool create, int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /** Runs SQL that returns no rows (several statements allowed). */
  void exec(const char* sql);
  /** The cached statement for @p sql, ready to bind. */
  Statement prepare(const char* sql);
  Statement prepare(const std::string& sql);
  /** An integer pragma's value. */
  std::int64_t pragma_integer(const char* pragma);
  sqlite3* handle() const noexcept { return db_; }
  const std::string& path() const noexcept { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;  // owns the statements
  std::unordered_map<const char*, sqlite3_stmt*> by_address_;     // the same, by the address of their text
};

}  // namespace xinfang::store::sqlite

#endif
