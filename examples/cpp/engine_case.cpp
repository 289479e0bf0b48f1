// A petition office on one database file: the directory, a letter registered, accepted, routed
// by the rules to a handler, replied, rated, then archived; a list, the petitioner's own lookup,
// and the audit chain verified.
//
// Usage: example_cpp_engine_case [DATABASE]   (default: a new file in $TMPDIR)
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "xinfang/engine.hpp"

using namespace xinfang;
using boost::posix_time::hours;

int main(int argc, char** argv) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string path =
      argc > 1 ? argv[1]
               : std::string(tmp != nullptr ? tmp : "/tmp") + "/xinfang-example-" + std::to_string(getpid()) + ".db";
  try {
    // A manual clock so that the example walks through weeks in a moment.
    auto clock = std::make_shared<ManualClock>(boost::posix_time::time_from_string("2025-03-03 01:00:00"));
    EngineOptions options;
    options.database = path;
    options.policy = "cn-national-2022";
    options.clock = clock;
    Engine engine = Engine::open(options);

    // People act through the staff directory: the engine checks roles there.
    engine.put_staff("admin", {"reg-1", "登记员甲", "city", "petition_office", {"registrar"}, true});
    engine.put_staff("admin", {"disp-1", "分办员乙", "city", "petition_office", {"dispatcher"}, true});
    engine.put_staff("admin", {"h-sa-1", "承办人丙", "city", "social_assistance", {"handler"}, true});
    engine.put_staff("admin", {"portal", "网上信访平台", "city", "", {"petitioner"}, true});

    Petition letter;
    letter.channel = "letter";
    letter.type = PetitionType::claim;
    letter.sub_route = "petition_handling";
    letter.category = "social_assistance";
    letter.subject = "最低生活保障金停发";
    letter.content = "本人低保金自去年十二月起停发，请求查明原因并恢复发放。";
    letter.petitioners.push_back({"李某", "11010119800101123X", "13800138000", "", false});
    // The portal's request id: a retry after a lost response returns the same case.
    const CommandResult made = engine.intake("reg-1", letter, "portal-request-0001");
    std::cout << "registered " << made.number << ", query code " << made.query_code << "\n";

    clock->advance(hours(2));
    engine.accept(made.number, "disp-1");
    const CommandResult routed = engine.route(made.number, "disp-1");  // unit and handler by the rules
    std::cout << "routed to " << routed.events[0].payload["unit"].get<std::string>() << " / "
              << routed.events[0].payload["handler"].get<std::string>() << "\n";

    clock->advance(hours(24 * 10));
    engine.reply(made.number, "h-sa-1", Outcome::supported, "经核查，已恢复发放并补发。");
    clock->advance(hours(24 * 2));
    engine.rate(made.number, "portal", "satisfied");
    clock->advance(hours(24 * 40));  // past the review window
    const CommandResult archived = engine.archive(made.number, "reg-1");

    CaseFilter filter;
    filter.category = "social_assistance";
    for (const CaseSummary& s : engine.list(filter)) {
      std::cout << s.number << "  " << case_status_name(s.status) << "  " << s.subject << "\n";
    }
    const Json own_view = engine.lookup(made.number, made.query_code);
    std::cout << "the petitioner sees " << own_view["events"].size() << " events\n";

    const VerifyReport report = engine.verify();
    if (archived.status == CaseStatus::archived && report.ok) {
      std::cout << "the letter's life is complete: " << case_status_name(archived.status) << ", chain verified ("
                << report.events << " events)\n";
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
