// Internal: reading a case row, shared by the store's files.
#ifndef XINFANG_SRC_STORE_SQLITE_ROWS_HPP
#define XINFANG_SRC_STORE_SQLITE_ROWS_HPP

#include "store/sqlite_connection.hpp"
#include "store/store.hpp"

namespace xinfang::store::sqlite {

/** The columns of a case row, in the order read_case() reads them. */
extern const char* const kCaseColumns;

/** The case row of a statement that selected kCaseColumns. */
CaseRow read_case(const Statement& s);

}  // namespace xinfang::store::sqlite

#endif
