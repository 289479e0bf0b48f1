// The xinfang command-line program: what the simulations of `xinfang demo` share — the options,
// a seeded random source that gives the same numbers on every platform, the agenda that runs
// the simulated office's actions in time order on a manual clock, the host's sweep and outbox
// loop, progress on a terminal, the bulletin files, and the entry points of the year of a
// civil-affairs bureau (demo_year.cpp), the 12345 hotline day (demo_hotline.cpp) and their
// summaries (demo_summary.cpp).
#ifndef XINFANG_SRC_CLI_DEMO_SIM_HPP
#define XINFANG_SRC_CLI_DEMO_SIM_HPP

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xinfang/engine.hpp"

namespace xinfang::cli::demo {

/** What a simulation is asked to do. */
struct SimOptions {
  std::string database;    ///< The file (it must not exist).
  bool kept = false;       ///< The file stays afterwards (its path is shown; bulletins are written beside it).
  int year = 2025;         ///< The simulated year (its holiday table and the next year's must be known).
  std::int64_t cases = 0;  ///< Petitions (year) or tickets (hotline day); 0 for the default.
  std::uint64_t seed = 0;  ///< The seed of every random choice and of the engine's SeededRandom.
  bool progress = false;   ///< Show progress on stderr.
};

/// The default number of petitions in the bureau's year: 4,518 visits, 210 letters and 6,540
/// calls in two years (DESIGN.md §1) are 5,634 a year.
inline constexpr std::int64_t kDefaultYearCases = 5600;
/// The default number of tickets of the hotline's day.
inline constexpr std::int64_t kDefaultHotlineTickets = 3000;
/// The default seed.
inline constexpr std::uint64_t kDefaultSeed = 12345;

/**
 * Random numbers from std::mt19937_64, whose output the standard fixes, turned into values by
 * arithmetic of our own: the standard's distributions differ between library implementations,
 * and the demo must give the same figures everywhere for a seed.
 */
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  /** @return A double in [0, 1). */
  double uniform() { return static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0); }
  /** @return An integer in [lo, hi]. */
  int between(int lo, int hi) { return lo + static_cast<int>(uniform() * static_cast<double>(hi - lo + 1)); }
  /** @return true with probability @p p. */
  bool chance(double p) { return uniform() < p; }
  /** @return An index drawn with the given (non-negative, not all zero) weights. */
  std::size_t pick(const std::vector<double>& weights);
  /** @return One of @p items, uniformly. */
  template <typename T>
  const T& one_of(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

/** The simulated office's actions in time order; ties run in the order they were scheduled. */
class Agenda {
 public:
  using Action = std::function<void()>;
  /** Schedules @p action at @p when. */
  void at(Instant when, Action action);
  /** Runs every action before @p end in order, setting @p clock to each one's time; @p tick is
   *  called with each action's time before it runs. Actions still scheduled stay. */
  void run_until(Instant end, ManualClock& clock, const std::function<void(Instant)>& tick);
  /** @return Actions still scheduled. */
  std::size_t pending() const { return queue_.size(); }

 private:
  struct Item {
    Instant when;
    std::uint64_t order;
    Action action;
  };
  struct Later {
    bool operator()(const Item& a, const Item& b) const {
      return a.when != b.when ? a.when > b.when : a.order > b.order;
    }
  };
  std::priority_queue<Item, std::vector<Item>, Later> queue_;
  std::uint64_t order_ = 0;
};

/** What the host's timer did: sweeps run, steps fired, notifications delivered. */
struct HostTally {
  std::int64_t sweeps = 0;
  std::map<std::string, std::int64_t> fired;  ///< By event type: reminded, supervised, escalated, owner_assigned...
  std::int64_t notifications = 0;             ///< Handed out by poll_outbox (each once here).
  std::int64_t acknowledged = 0;              ///< Acknowledged after delivery.
  std::set<std::string> owned;                ///< Cases given an owner by the sweep (包案).
  std::set<std::string> keyed;                ///< Cases marked key by the sweep.
};

/** The host's timer: Engine::sweep(), then every notification polled and acknowledged, as a host
 *  delivers them (at least once; here each arrives). */
void sweep_and_deliver(Engine& engine, HostTally& tally);

/** A line on stderr rewritten in place with "\r", only when stderr is a terminal. */
class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /** Shows @p line (skipped when it is the one shown). */
  void show(const std::string& line);
  /** Clears the line. */
  void finish();

 private:
  bool enabled_;
  std::string shown_;
};

/** Whether standard error is a terminal (isatty). */
bool stderr_is_terminal();

/** @return @p minute minutes after local midnight of @p day, as UTC. */
Instant local_instant(const Calendar& calendar, Date day, int minute);
/** @return The minutes after local midnight of @p instant. */
int local_minute(const Calendar& calendar, Instant instant);

/** @return A staff member's made-up name, distinct for the first seventy. */
std::string staff_name(std::size_t index);

/** A made-up petitioner: a surname with 某 (as registers anonymise), an identity-card number
 *  of 18 characters with its ISO 7064 MOD 11-2 check character, a mobile number. */
Petitioner make_petitioner(Random& random, const std::string& area_code, bool representative);

/** The bulletin written beside the database. */
struct BulletinFiles {
  std::string period;    ///< e.g. "2025-W52".
  std::string html;      ///< The HTML file ("" when the database is temporary).
  std::string markdown;  ///< The Markdown file ("" when the database is temporary).
  Bulletin figures;      ///< What it holds.
};

/** Makes the bulletin of @p period and, when @p options.kept, writes `<db>.bulletin.html` and
 *  `<db>.bulletin.md`. */
BulletinFiles write_bulletin(const Engine& engine, const std::string& period, const SimOptions& options);

/** The JSON of a bulletin's headline and its files. */
nlohmann::json bulletin_summary_json(const BulletinFiles& files);
/** @return [{"id", "name", "count"}] of a breakdown. */
nlohmann::json count_lines_json(const std::vector<CountLine>& lines);
/** @return {"score", "indicators": {id: {"label", "numerator", "denominator", "value"}}, "units": [...]} */
nlohmann::json indicators_summary_json(const IndicatorReport& report, const Policy& policy);
/** @return {status name: count} of the open cases, by Engine::count. */
nlohmann::json open_by_status_json(const Engine& engine);
/** {"rated", "by_level": [{"id", "name", "count"}], "satisfied"}: ratings counted by level. */
nlohmann::json ratings_json(const Policy& policy, const std::map<std::string, std::int64_t>& by_level);
/** {"sweeps", "fired", "by_event", "notifications", "acknowledged"}: what the host's sweeps did. */
nlohmann::json escalations_json(const HostTally& host);
/** {"at", "open", "open_by_status", "overdue"}: where the cases stand at @p at. */
nlohmann::json standing_json(const Engine& engine, Instant at, std::int64_t overdue);
/** {"ok", "cases", "events", "directory_changes"}: Engine::verify(). */
nlohmann::json verify_json(const Engine& engine);

/** Runs the year of the city civil-affairs bureau; returns its summary (docs/cli.md). */
nlohmann::json run_year(const SimOptions& options);
/** Runs the 12345 hotline's day; returns its summary. */
nlohmann::json run_hotline_day(const SimOptions& options);
/** Prints the year's summary as a clerk reads it. */
void print_year_summary(std::ostream& out, const nlohmann::json& summary);
/** Prints the hotline day's summary. */
void print_hotline_summary(std::ostream& out, const nlohmann::json& summary);

}  // namespace xinfang::cli::demo

#endif
