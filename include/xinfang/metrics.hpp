/**
 * @file metrics.hpp
 * @brief What a case counts for in the indicators, the indicators themselves, the composite
 *        score, rankings, and reporting periods. Pure: no I/O, no clock.
 *
 * Every indicator is a ratio whose unit of count is settled once: a run of a clock when it
 * stops on time or its deadline passes, an answer (reply or review opinion) when it is rated or
 * its rating window closes, a rating when it is given. A thing counts in the period in which it
 * settled and for the unit that held the case at that instant. docs/indicators.md defines each
 * indicator exactly; the engine computes the same figures with SQL aggregates
 * (Engine::indicators()).
 */
#ifndef XINFANG_METRICS_HPP
#define XINFANG_METRICS_HPP

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/calendar.hpp"
#include "xinfang/deadline.hpp"
#include "xinfang/lifecycle.hpp"
#include "xinfang/policy.hpp"

namespace xinfang {

/** The indicators. Values reach disk and the C ABI: fixed forever. */
enum class Indicator : std::uint8_t {
  timely_acceptance = 0,   ///< 及时受理率: runs of the acceptance clocks settled on time.
  on_time_completion = 1,  ///< 按期办结率: runs of the completion clocks settled on time.
  satisfaction = 2,        ///< 群众满意率: the credit of the ratings given, over the ratings.
  participation = 3,       ///< 参评率: answers rated within their window, over answers settled.
  response = 4,            ///< 响应率: runs of the response clocks settled on time.
  resolution = 5,          ///< 解决率: ratings that say resolved, over ratings that answer it.
};

/** The number of indicators. */
inline constexpr std::size_t kIndicatorCount = 6;

/** @return Every indicator, in the order of their values. */
const std::array<Indicator, kIndicatorCount>& all_indicators() noexcept;

/** @param indicator An indicator. @return Its stable id, e.g. "timely_acceptance". */
const char* indicator_id(Indicator indicator) noexcept;

/** @param indicator An indicator. @return Its Chinese name, e.g. "及时受理率". */
const char* indicator_label(Indicator indicator) noexcept;

/** @return The indicators that count clock runs (Policy::indicator_clocks() names which). */
const std::array<Indicator, 3>& clock_indicators() noexcept;

/** @param id A stable id. @return The indicator, or nullopt for any other text. */
std::optional<Indicator> parse_indicator(std::string_view id) noexcept;

/** How one run of a clock counts: one unit in the denominator once it has settled. */
struct ClockOutcome {
  std::string clock;   ///< The clock's id.
  int run = 1;         ///< Its run (1, then one more at each restart).
  std::string unit;    ///< The unit that held the case up to its settling (while unsettled: now).
  Instant started_at;  ///< When the run started.
  Instant deadline;    ///< Its deadline, extensions and pauses included (not_a_date_time while paused).
  Instant stopped_at;  ///< When it stopped (not_a_date_time if it has not).
  /// When it settled: its stop if on time, else its deadline (the instant it became late);
  /// while it runs, its deadline (it settles then unless a command stops it first); while it is
  /// paused before its deadline, not_a_date_time.
  Instant settled_at;
  bool on_time = false;   ///< Stopped at or before its deadline.
  bool extended = false;  ///< An extension was approved in this run.
};

/** How one answer the petitioner may rate counts. */
struct AnswerOutcome {
  std::string kind;              ///< "reply" or "review".
  std::string unit;              ///< The unit that gave it.
  Instant answered_at;           ///< When it was given.
  Instant window_end;            ///< When its rating window closes (not_a_date_time: the policy has none).
  Instant rated_at;              ///< When it was rated (not_a_date_time if not).
  std::string level;             ///< The rating level id ("" if unrated).
  double credit = 0;             ///< The level's credit (0 if unrated).
  bool satisfied = false;        ///< The level counts as satisfied.
  std::optional<bool> resolved;  ///< The petitioner's "was it resolved?", if answered.
  /// For 参评率: its rating if rated, else the window's end; not_a_date_time without a window.
  Instant settled_at;
};

/** Everything one case counts for. */
struct CaseOutcomes {
  std::vector<ClockOutcome> clocks;    ///< One per run of each started clock that can settle.
  std::vector<AnswerOutcome> answers;  ///< The reply and the review opinion, if given.
};

/**
 * Works out what a case counts for.
 * @param state The case.
 * @param reports Its clocks, evaluated at the time of its last event (evaluate_clocks();
 *        not-started ones are skipped).
 * @param policy The policy (rating scale and window, clocks).
 * @param calendar The calendar the rating window and earlier runs count on.
 * @return One ClockOutcome per run of each started clock — earlier runs of a restarted clock
 *         included when they had stopped or passed their deadline before the restart — and one
 *         AnswerOutcome per answer.
 */
CaseOutcomes case_outcomes(const CaseState& state, const std::vector<ClockReport>& reports, const Policy& policy,
                           const Calendar& calendar);

/**
 * @param holders A case's holder spells (CaseState::holders).
 * @param at An instant.
 * @return The unit that held the case up to @p at: the spell begun last before it (the first
 *         spell's unit if none began before; "" without spells). An event at @p at that hands
 *         the case on does not count: the clock it stops counts for the unit that acted.
 */
std::string holder_at(const std::vector<HolderSpell>& holders, Instant at);

/** A ratio: what counts for an indicator and how much of it is good. */
struct Ratio {
  double numerator = 0;          ///< On time, rated, satisfied credit, resolved...
  std::int64_t denominator = 0;  ///< What was counted.
  /** @return numerator / denominator, or nullopt when nothing was counted. */
  std::optional<double> value() const noexcept;
  /** @param other Counts to add. @return This ratio, with @p other's counts added. */
  Ratio& operator+=(const Ratio& other) noexcept;
};

/** The six indicators of one unit, region or case over one period. */
struct IndicatorSet {
  std::array<Ratio, kIndicatorCount> ratios{};  ///< Indexed by Indicator's value.
  /** @param indicator An indicator. @return Its ratio. */
  Ratio& operator[](Indicator indicator) noexcept { return ratios[static_cast<std::size_t>(indicator)]; }
  /** @param indicator An indicator. @return Its ratio. */
  const Ratio& operator[](Indicator indicator) const noexcept { return ratios[static_cast<std::size_t>(indicator)]; }
  /** @param other Counts to add. @return This set, with @p other's counts added indicator by indicator. */
  IndicatorSet& operator+=(const IndicatorSet& other) noexcept;
};

/**
 * The composite score: the policy's weighted mean of the indicators that have a value, in
 * points (0-100). An indicator with nothing counted drops out and the other weights are
 * rescaled; with none left there is no score.
 * @param set The indicators.
 * @param weights The policy's weights (Policy::indicator_weights()).
 * @return The score, or nullopt.
 */
std::optional<double> composite_score(const IndicatorSet& set, const std::map<std::string, double>& weights);

/** What one case adds to the indicators of a period. */
struct PeriodCounts {
  IndicatorSet total;                         ///< All of it.
  std::map<std::string, IndicatorSet> units;  ///< By the unit it counts for.
};

/**
 * Adds a case's outcomes to the counts of the period [@p from, @p to): a clock run or answer
 * counts when it settled in the period, a rating when it was given in it. The reference the
 * engine's SQL is tested against.
 * @param outcomes What the case counts for.
 * @param policy Which clocks each indicator counts (Policy::indicator_clocks()).
 * @param from The period's first instant.
 * @param to Its end (not included; for a report made before the period ends: the report's time).
 * @param counts Where to add.
 */
void count_in_period(const CaseOutcomes& outcomes, const Policy& policy, Instant from, Instant to,
                     PeriodCounts& counts);

/** A ranked unit or region. */
struct RankedEntry {
  std::string id;               ///< Unit or region id.
  IndicatorSet indicators;      ///< Its indicators.
  std::optional<double> score;  ///< Its composite score.
  int rank = 0;                 ///< 1 for the best; equal scores share a rank; 0 without a score.
};

/**
 * Ranks by composite score, best first; equal scores share a rank (1, 2, 2, 4); those without
 * a score come last, unranked; ties and the unranked are in id order.
 * @param sets Indicators by id.
 * @param weights The policy's weights.
 * @return The entries, ranked.
 */
std::vector<RankedEntry> rank_by_score(const std::map<std::string, IndicatorSet>& sets,
                                       const std::map<std::string, double>& weights);

/** A reporting period: [from, to) in UTC, from local days of the calendar. */
struct ReportPeriod {
  std::string label;  ///< e.g. "2026-W47", "2026-11", "2026-Q4", "2026", "2026-11-01..2026-11-30".
  Date first;         ///< Its first local day.
  Date last;          ///< Its last local day.
  Instant from;       ///< 00:00 local of the first day, in UTC.
  Instant to;         ///< 24:00 local of the last day, in UTC.
  /** @return {"label", "first_day", "last_day", "from", "to"}. */
  Json to_json() const;
};

/**
 * Parses a period: an ISO week "2026-W47", a month "2026-11", a quarter "2026-Q4", a year
 * "2026", or a range of days "2026-11-01..2026-11-30".
 * @param text The period.
 * @param calendar Its local days.
 * @return The period.
 * @throws Error invalid_argument for anything else, an impossible date or an empty range.
 */
ReportPeriod parse_report_period(std::string_view text, const Calendar& calendar);

/**
 * @param period A period.
 * @param calendar Its local days.
 * @return The period of the same kind just before it (the week, month, quarter or year before;
 *         for a range, the range of as many days ending the day before).
 */
ReportPeriod previous_period(const ReportPeriod& period, const Calendar& calendar);

/** A period's indicators: the whole, and ranked by unit, region and organisation. */
struct IndicatorReport {
  ReportPeriod period;  ///< The period.
  /// Counted up to here: the period's end, or the time of the report if that is earlier.
  Instant counted_to;
  IndicatorSet total;                      ///< Everything counted.
  std::optional<double> score;             ///< The composite of the total.
  std::vector<RankedEntry> units;          ///< By the unit each thing counts for.
  std::vector<RankedEntry> regions;        ///< By the case's region ("" for none).
  std::vector<RankedEntry> organisations;  ///< By the organisation of the unit.
};

/** What one case counts for, and its own indicators and score over everything settled. */
struct CaseScore {
  std::string number;           ///< The case.
  CaseOutcomes outcomes;        ///< What it counts for.
  IndicatorSet indicators;      ///< Its own ratios (each run, answer and rating settled by now).
  std::optional<double> score;  ///< Their composite.
};

/**
 * @param set Indicators.
 * @return {"timely_acceptance": {"label", "numerator", "denominator", "value"}, ...}, value
 *         null when nothing was counted.
 */
Json indicator_set_json(const IndicatorSet& set);

/** @param report A report. @param policy Its policy (for names). @return The report as JSON. */
Json indicator_report_json(const IndicatorReport& report, const Policy& policy);

/** @param score A case's score. @return It as JSON, with each clock run and answer. */
Json case_score_json(const CaseScore& score);

}  // namespace xinfang

#endif
