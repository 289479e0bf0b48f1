// Deadlines and their escalation: a letter registered on the eve of National Day 2025, its
// clocks explained, a sweep from a timer that fires the reminder and then — after a week
// without sweeps — the supervision, once each, and the host delivering the notifications
// through the outbox.
//
// Usage: example_cpp_escalation_sweep [DATABASE]   (default: a new file in $TMPDIR)
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "xinfang/engine.hpp"

using namespace xinfang;
namespace bpt = boost::posix_time;

namespace {

// Local time (UTC+8) as UTC.
Instant beijing(const char* text) {
  return bpt::time_from_string(text) - bpt::hours(8);
}

// What a host does with the outbox: deliver (here, print) and acknowledge.
int deliver(Engine& engine) {
  int sent = 0;
  for (const Notification& n : engine.poll_outbox(100, 300)) {
    std::cout << "  notify " << n.recipient << " (" << n.kind << "): case " << n.number << ", "
              << n.parameters["clock_name"].get<std::string>() << "\n";
    engine.acknowledge(n.id);
    ++sent;
  }
  return sent;
}

}  // namespace

int main(int argc, char** argv) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string path =
      argc > 1 ? argv[1]
               : std::string(tmp != nullptr ? tmp : "/tmp") + "/xinfang-sweep-" + std::to_string(getpid()) + ".db";
  try {
    auto clock = std::make_shared<ManualClock>(beijing("2025-09-30 17:00:00"));
    EngineOptions options;
    options.database = path;
    options.policy = "cn-national-2022";
    options.clock = clock;
    Engine engine = Engine::open(options);
    engine.put_staff("admin", {"reg-1", "登记员甲", "city", "petition_office", {"registrar"}, true});
    engine.put_staff("admin", {"disp-1", "分办员乙", "city", "petition_office", {"dispatcher"}, true});
    engine.put_staff("admin", {"lead-po", "主任丁", "city", "petition_office", {"unit_leader"}, true});

    Petition letter;
    letter.channel = "letter";
    letter.type = PetitionType::claim;
    letter.sub_route = "petition_handling";
    letter.category = "social_assistance";
    letter.subject = "最低生活保障金停发";
    letter.content = "本人低保金停发，请求恢复。";
    letter.petitioners.push_back({"李某", "", "13800138000", "", false});
    const std::string number = engine.intake("reg-1", letter).number;
    std::cout << "registered " << number << " on 30 September, 17:00\n";

    // The holiday inside the 15 days counts; the reminder falls on the make-up Saturday.
    for (const ClockReport& clock_report : engine.clocks(number)) {
      if (clock_report.status == ClockStatus::not_started) continue;
      std::cout << explain(clock_report, engine.calendar()).sentence << "\n";
    }

    clock->set(beijing("2025-10-13 09:00:00"));
    const SweepResult first = engine.sweep();
    std::cout << "sweep on 13 October fired " << first.fired.size() << " reminders\n";
    deliver(engine);
    std::cout << "sweep again at once fired " << engine.sweep().fired.size() << "\n";

    // Nobody sweeps for a week: the late sweep fires the supervision due at the deadline, once.
    clock->set(beijing("2025-10-20 09:00:00"));
    const SweepResult late = engine.sweep();
    for (const FiredStep& step : late.fired) {
      std::cout << "fired " << step.clock << "." << step.step << " due " << bpt::to_simple_string(step.due_at)
                << " UTC, swept " << bpt::to_simple_string(step.swept_at) << " UTC\n";
    }
    deliver(engine);

    CaseFilter overdue;
    overdue.deadline_to = clock->now();
    std::cout << "overdue cases: " << engine.count(overdue) << "\n";
    const bool verified = engine.verify().ok;
    if (first.fired.size() == 2 && late.fired.size() == 2 && verified) {
      std::cout << "each step fired once, chain verified\n";
    }
  } catch (const Error& e) {
    std::cerr << "error: " << error_code_name(e.code()) << ": " << e.what() << "\n";
    if (argc <= 1) std::remove(path.c_str());
    return 1;
  }
  if (argc <= 1) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  }
  return 0;
}
