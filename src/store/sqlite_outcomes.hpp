// Internal: the indicators' tables (schema 4, clock_outcomes and answers) of one connection.
#ifndef XINFANG_SRC_STORE_SQLITE_OUTCOMES_HPP
#define XINFANG_SRC_STORE_SQLITE_OUTCOMES_HPP

#include "store/sqlite_connection.hpp"
#include "store/store.hpp"

namespace xinfang::store::sqlite {

/** Writes a case's outcome rows, first removing those it had when @p replace. */
void put_outcomes(Connection& c, std::int64_t case_id, const std::string& region, const OutcomeRows& rows,
                  bool replace);
/** Clock runs settled in [@p from, @p to), grouped by clock, unit and region. */
std::vector<ClockOutcomeCount> count_clock_outcomes(Connection& c, std::int64_t from, std::int64_t to);
/** Answers settled and ratings given in [@p from, @p to), grouped by unit and region. */
std::vector<AnswerCount> count_answers(Connection& c, std::int64_t from, std::int64_t to);

}  // namespace xinfang::store::sqlite

#endif
