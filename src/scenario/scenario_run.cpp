// Running a checked scenario (scenario_internal.hpp): an engine on an in-memory database, a
// manual clock the steps set, and each step's expectations compared with what the engine says.
#include <map>
#include <memory>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "lifecycle/command_args.hpp"
#include "scenario/scenario_internal.hpp"
#include "scenario/scenario_reader.hpp"
#include "xinfang/deadline.hpp"
#include "xinfang/sweep.hpp"

namespace xinfang::scenario_detail {

std::string local_text(const Calendar& calendar, Instant instant, bool end_of_day) {
  if (instant.is_special()) return "none";
  const Instant local = instant + boost::posix_time::minutes(calendar.utc_offset_minutes());
  const Duration time = local.time_of_day();
  if (end_of_day && time == Duration(0, 0, 0)) return format_date(local.date() - boost::gregorian::days(1)) + " 24:00";
  std::string text = boost::posix_time::to_simple_string(time).substr(0, 8);
  if (time.seconds() == 0 && time.fractional_seconds() == 0) text = text.substr(0, 5);
  return format_date(local.date()) + " " + text;
}

namespace {

const char* const kActor = "scenario";

std::string quoted(const std::string& text) {
  return Json(text).dump();
}

std::string list_text(const std::vector<std::string>& items) {
  return Json(items).dump();
}

class Runner {
 public:
  Runner(const Scenario& scenario, Engine& engine, ManualClock& clock, ScenarioResult& result)
      : scenario_(scenario), engine_(engine), clock_(clock), result_(result) {}

  // Runs one step; false when the scenario cannot go on.
  bool run(const Step& step, std::size_t index) {
    index_ = index;
    step_ = &step;
    clock_.set(step.at);
    appended_.clear();
    std::optional<Error> error;
    try {
      perform(step);
    } catch (const Error& e) {
      error = e;
    }
    const std::vector<Notification> written = take_outbox();
    ++result_.steps_run;

    const Expectation* expect = step.expect ? &*step.expect : nullptr;
    if (expect != nullptr && expect->error) {
      ++result_.expectations;
      if (!error) {
        mismatch(child(expect->path, "error"), *expect->error,
                 "the " + std::string(step.kind == StepKind::intake ? "intake" : "command") + " succeeded");
      } else if (error_code_name(error->code()) != *expect->error) {
        mismatch(child(expect->path, "error"), *expect->error,
                 std::string(error_code_name(error->code())) + ": " + error->what());
      } else if (expect->error_contains) {
        ++result_.expectations;
        if (std::string(error->what()).find(*expect->error_contains) == std::string::npos) {
          mismatch(child(expect->path, "error_contains"), *expect->error_contains, error->what());
        }
      }
    } else if (error) {
      // Nothing after an unexpected refusal means what its author meant: stop here.
      mismatch(step.path, "the step succeeds", std::string(error_code_name(error->code())) + ": " + error->what());
      result_.error_code = error->code();
      result_.error = "step " + std::to_string(index) + " failed: " + error->what();
      return false;
    }
    if (expect != nullptr) {
      check_outbox(*expect, written);
      check_case(*expect);
    }
    return true;
  }

 private:
  void perform(const Step& step) {
    switch (step.kind) {
      case StepKind::intake: {
        const CommandResult result = engine_.intake_json(step.actor, step.args, step.idempotency_key);
        numbers_[step.case_alias] = result.number;
        aliases_[result.number] = step.case_alias;
        for (const auto& event : result.events) appended_[result.number].push_back(event.type);
        break;
      }
      case StepKind::command: {
        Json args = step.args;
        if (args.contains("into") && args["into"].is_string()) {
          const auto into = numbers_.find(args["into"].get<std::string>());
          if (into != numbers_.end()) args["into"] = into->second;
        }
        const CommandResult result = engine_.run(number_of(step.case_alias), step.actor, Command{step.command, args});
        for (const auto& event : result.events) appended_[result.number].push_back(event.type);
        break;
      }
      case StepKind::sweep: {
        const SweepResult sweep = engine_.sweep();
        for (const auto& fired : sweep.fired) appended_[fired.number].push_back(fired.event_type);
        break;
      }
      case StepKind::wait: break;
    }
  }

  const std::string& number_of(const std::string& alias) const {
    const auto it = numbers_.find(alias);
    if (it == numbers_.end()) {
      throw Error(ErrorCode::not_found, "case '" + alias + "' was never taken in (its intake was refused)");
    }
    return it->second;
  }

  std::vector<Notification> take_outbox() {
    std::vector<Notification> written;
    for (;;) {
      std::vector<Notification> batch = engine_.poll_outbox(10000, 86400);
      if (batch.empty()) break;
      for (auto& notification : batch) {
        engine_.acknowledge(notification.id);
        written.push_back(std::move(notification));
      }
    }
    return written;
  }

  void mismatch(const std::string& path, const std::string& expected, const std::string& actual) {
    ScenarioMismatch m;
    m.step = index_;
    m.when = local_text(scenario_.calendar, step_->at);
    m.action = action_text(*step_);
    m.path = path;
    m.expected = expected;
    m.actual = actual;
    result_.mismatches.push_back(std::move(m));
  }

  template <class T>
  void compare(const std::string& path, const std::optional<T>& expected, const T& actual,
               std::string (*show)(const T&)) {
    if (!expected) return;
    ++result_.expectations;
    if (*expected != actual) mismatch(path, show(*expected), show(actual));
  }

  static std::string action_text(const Step& step) {
    switch (step.kind) {
      case StepKind::intake: return "intake " + step.case_alias + " by " + step.actor;
      case StepKind::command: return step.command + " " + step.case_alias + " by " + step.actor;
      case StepKind::sweep: return "sweep";
      case StepKind::wait: return "wait";
    }
    return "";
  }

  std::string notification_text(const Notification& n) const {
    Json fields = {{"kind", n.kind},
                   {"recipient", n.recipient},
                   {"recipient_kind", n.recipient_kind},
                   {"case", alias_of(n.number)},
                   {"clock", n.parameters.value("clock", "")},
                   {"step", n.parameters.value("step", "")}};
    return fields.dump();
  }

  std::string alias_of(const std::string& number) const {
    const auto it = aliases_.find(number);
    return it != aliases_.end() ? it->second : number;
  }

  bool matches(const NotificationExpectation& expected, const Notification& n) const {
    const Json actual = Json::parse(notification_text(n));
    for (const auto& item : expected.fields.items()) {
      if (actual.value(item.key(), "") != item.value().get<std::string>()) return false;
    }
    return true;
  }

  void check_outbox(const Expectation& expect, const std::vector<Notification>& written) {
    if (!expect.outbox) return;
    ++result_.expectations;
    const auto& expected = *expect.outbox;
    bool same = expected.size() == written.size();
    for (std::size_t i = 0; same && i < expected.size(); ++i) same = matches(expected[i], written[i]);
    if (same) return;
    std::string expected_text;
    for (const auto& e : expected) expected_text += (expected_text.empty() ? "" : "\n") + e.fields.dump();
    std::string actual_text;
    for (const auto& n : written) actual_text += (actual_text.empty() ? "" : "\n") + notification_text(n);
    mismatch(child(expect.path, "outbox"), expected_text.empty() ? "(none)" : expected_text,
             actual_text.empty() ? "(none)" : actual_text);
  }

  void check_case(const Expectation& expect) {
    const bool about_case = expect.status || expect.unit || expect.handler || expect.owner || expect.organisation ||
                            expect.outcome || expect.key_case || expect.escalation_level || expect.events ||
                            !expect.clocks.empty();
    if (!about_case) return;
    const auto number = numbers_.find(expect.case_alias);
    if (number == numbers_.end()) {
      ++result_.expectations;
      mismatch(child(expect.path, "case"), "case '" + expect.case_alias + "'", "its intake was refused: no such case");
      return;
    }
    const CaseRecord record = engine_.get(number->second);
    const CaseState& state = record.state;
    compare<std::string>(child(expect.path, "status"), expect.status, case_status_name(state.status), &quoted);
    compare<std::string>(child(expect.path, "unit"), expect.unit, state.unit, &quoted);
    compare<std::string>(child(expect.path, "handler"), expect.handler, state.handler, &quoted);
    compare<std::string>(child(expect.path, "owner"), expect.owner, state.owner_leader, &quoted);
    compare<std::string>(child(expect.path, "organisation"), expect.organisation, state.organisation, &quoted);
    compare<std::string>(child(expect.path, "outcome"), expect.outcome, outcome_name(state.outcome), &quoted);
    compare<bool>(child(expect.path, "key_case"), expect.key_case, state.key_case,
                  [](const bool& b) { return std::string(b ? "true" : "false"); });
    compare<int>(child(expect.path, "escalation_level"), expect.escalation_level, state.escalation_level,
                 [](const int& i) { return std::to_string(i); });
    const auto appended = appended_.find(number->second);
    compare<std::vector<std::string>>(child(expect.path, "events"), expect.events,
                                      appended == appended_.end() ? std::vector<std::string>() : appended->second,
                                      &list_text);
    if (!expect.clocks.empty()) check_clocks(expect.clocks, engine_.clocks(number->second));
  }

  void check_clocks(const std::vector<ClockExpectation>& expected, const std::vector<ClockReport>& reports) {
    for (const auto& clock : expected) {
      ClockReport report;  // a clock that does not run for the case: not started, no deadline
      report.id = clock.clock;
      for (const auto& r : reports) {
        if (r.id == clock.clock) report = r;
      }
      compare<std::string>(child(clock.path, "status"), clock.status, clock_status_name(report.status), &quoted);
      if (clock.has_deadline) {
        ++result_.expectations;
        if (clock.deadline != report.deadline) {
          mismatch(child(clock.path, "deadline"), local_text(scenario_.calendar, clock.deadline, true),
                   local_text(scenario_.calendar, report.deadline, true));
        }
      }
      if (clock.last_day) {
        ++result_.expectations;
        // A day clock's deadline is the end of its last day: the instant before it is on that day.
        const std::string actual =
            report.deadline.is_special()
                ? "none"
                : format_date(scenario_.calendar.local_date(report.deadline - boost::posix_time::microseconds(1)));
        if (actual != format_date(*clock.last_day)) {
          mismatch(child(clock.path, "last_day"), format_date(*clock.last_day), actual);
        }
      }
      compare<int>(child(clock.path, "run"), clock.run, report.run, [](const int& i) { return std::to_string(i); });
      compare<int>(child(clock.path, "extension_total"), clock.extension_total, report.extension_total,
                   [](const int& i) { return std::to_string(i); });
    }
  }

  const Scenario& scenario_;
  Engine& engine_;
  ManualClock& clock_;
  ScenarioResult& result_;
  std::size_t index_ = 0;
  const Step* step_ = nullptr;
  std::map<std::string, std::string> numbers_;                // alias -> case number
  std::map<std::string, std::string> aliases_;                // case number -> alias
  std::map<std::string, std::vector<std::string>> appended_;  // case number -> event types of this step
};

}  // namespace

ScenarioResult run_scenario(const Scenario& scenario) {
  ScenarioResult result;
  result.name = scenario.name;
  result.steps = scenario.steps.size();
  auto clock = std::make_shared<ManualClock>(scenario.start);
  EngineOptions options;
  options.database = ":memory:";
  options.policy = scenario.policy_text;
  options.installer = kActor;
  options.calendar = scenario.calendar;
  options.clock = clock;
  options.random = std::make_shared<SeededRandom>(scenario.seed);
  options.parallel_batches = false;
  try {
    Engine engine = Engine::open(options);
    for (const auto& member : scenario.staff) engine.put_staff(kActor, member);
    for (const auto& day : scenario.roster) engine.set_roster(kActor, day.day, day.unit, day.staff);
    Runner runner(scenario, engine, *clock, result);
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
      if (!runner.run(scenario.steps[i], i + 1)) break;
    }
  } catch (const Error& e) {
    // The setup, or a query after a step, failed: not something an expectation can say.
    result.error_code = e.code();
    result.error = e.what();
    result.outcome = ScenarioOutcome::failed;
    return result;
  }
  result.outcome = result.mismatches.empty() ? ScenarioOutcome::passed : ScenarioOutcome::failed;
  return result;
}

}  // namespace xinfang::scenario_detail
