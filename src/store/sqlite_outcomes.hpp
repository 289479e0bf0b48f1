// Internal: the indicators' tables (schema 4, clock_outcomes and answers) and the period
// reports' queries of one connection.
#ifndef XINFANG_SRC_STORE_SQLITE_OUTCOMES_HPP
#define XINFANG_SRC_STORE_SQLITE_OUTCOMES_HPP

#include "store/sqlite_connection.hpp"
#include "store/store.hpp"

namespace xinfang::store::sqlite {

/** Writes a case's outcome rows: removes the clock rows of @p old_keys that are not among them,
 *  writes them, and replaces its answers (none to remove for a new case). */
void put_outcomes(Connection& c, std::int64_t case_id, const std::string& region, const OutcomeRows& rows,
                  const std::string& old_keys, bool is_new);
/** Removes every outcome row (before they are worked out again). */
void clear_outcomes(Connection& c);
/** Clock runs settled in [@p from, @p to), grouped by clock, unit and region. */
std::vector<ClockOutcomeCount> count_clock_outcomes(Connection& c, std::int64_t from, std::int64_t to);
/** Answers settled and ratings given in [@p from, @p to), grouped by unit and region. */
std::vector<AnswerCount> count_answers(Connection& c, std::int64_t from, std::int64_t to);

/** Cases received in [@p from, @p to), grouped by channel, type, category, region and unit. */
std::vector<ReceivedCount> count_received(Connection& c, std::int64_t from, std::int64_t to);
/** Cases accepted in [@p from, @p to). */
std::int64_t count_accepted(Connection& c, std::int64_t from, std::int64_t to);
/** Replies given in [@p from, @p to). */
std::int64_t count_replied(Connection& c, std::int64_t from, std::int64_t to);
/** Open cases whose earliest running deadline is before @p at. */
std::int64_t count_overdue(Connection& c, std::int64_t at);
/** The first @p limit of them, the most overdue first. */
std::vector<CaseRow> overdue_cases(Connection& c, std::int64_t at, std::int64_t limit);
/** Open key (重点) and owned (包案) cases, oldest first, at most @p limit. */
std::vector<CaseRow> flagged_cases(Connection& c, std::int64_t limit);

}  // namespace xinfang::store::sqlite

#endif
