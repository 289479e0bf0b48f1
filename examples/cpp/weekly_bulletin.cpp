// A 12345 hotline's week: tickets dispatched to units, a unit that calls back late, replies
// rated on the hotline's scale (基本满意 counts 0.9) with "was it resolved?", a follow-up (回访)
// after a dissatisfied rating; then the week's indicators and rankings, and the bulletin
// written as Markdown and as an HTML page.
//
// Usage: example_cpp_weekly_bulletin [DIRECTORY]   (default: $TMPDIR; writes bulletin.md, bulletin.html)
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <tuple>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "xinfang/engine.hpp"

using namespace xinfang;
namespace bpt = boost::posix_time;

namespace {

// Local time (UTC+8) as UTC.
Instant beijing(const char* text) {
  return bpt::time_from_string(text) - bpt::hours(8);
}

Petition call(const char* category, const char* region, const char* subject) {
  Petition p;
  p.channel = "hotline";
  p.type = PetitionType::claim;
  p.category = category;
  p.region = region;
  p.subject = subject;
  p.content = std::string("来电反映：") + subject;
  p.petitioners.push_back({"市民", "", "13900000000", "", false});
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = argc > 1 ? argv[1] : std::string(tmp != nullptr ? tmp : "/tmp");
  const std::string path = dir + "/xinfang-bulletin-" + std::to_string(getpid()) + ".db";
  int status = 0;
  try {
    auto clock = std::make_shared<ManualClock>(beijing("2026-11-16 08:00:00"));
    EngineOptions options;
    options.database = path;
    options.policy = "hotline-12345";
    options.clock = clock;
    Engine engine = Engine::open(options);
    const auto staff = [&](const char* id, const char* name, const char* org, const char* unit, const char* role) {
      engine.put_staff("admin", {id, name, org, unit, {role}, true});
    };
    staff("op-1", "话务员甲", "city_government", "call_center", "registrar");
    staff("pd-1", "派单员乙", "city_government", "dispatch_center", "dispatcher");
    staff("gs-1", "供水承办人", "water_bureau", "water_supply", "handler");
    staff("fw-1", "房管承办人", "housing_bureau", "housing_service", "handler");

    // Monday 16 November: two calls about water, one about housing.
    const std::string water1 = engine.intake("op-1", call("water", "east", "小区停水")).number;
    const std::string water2 = engine.intake("op-1", call("water", "west", "水管漏水")).number;
    const std::string house = engine.intake("op-1", call("housing", "central", "楼道照明损坏")).number;
    clock->set(beijing("2026-11-16 08:30:00"));
    for (const std::string& number : {water1, water2, house}) engine.accept(number, "pd-1");
    for (const auto& [number, unit, handler] : {std::tuple{water1, "water_supply", "gs-1"},
                                                {water2, "water_supply", "gs-1"},
                                                {house, "housing_service", "fw-1"}}) {
      engine.assign(number, "pd-1", unit);  // 派单 to a bureau's unit: its response clock starts
      engine.route(number, "pd-1", unit, handler);
    }

    // Water supply calls both back within the hour and fixes the first by the afternoon; the
    // second waits two days: its 24-hour limit passes. Housing calls back the next day at 10:00,
    // past its 24 hours to respond, and fixes the light at once.
    clock->set(beijing("2026-11-16 09:00:00"));
    engine.contact(water1, "gs-1", "phone");
    engine.contact(water2, "gs-1", "phone");
    clock->set(beijing("2026-11-16 15:00:00"));
    engine.reply(water1, "gs-1", Outcome::supported, "已抢修恢复供水。");
    clock->set(beijing("2026-11-17 10:00:00"));
    engine.contact(house, "fw-1", "visit");
    engine.reply(house, "fw-1", Outcome::supported, "已更换照明灯具。");
    clock->set(beijing("2026-11-18 11:00:00"));
    engine.reply(water2, "gs-1", Outcome::partly_supported, "已临时封堵，待更换管道。");

    // The callers rate the replies.
    clock->set(beijing("2026-11-19 10:00:00"));
    engine.rate(water1, "op-1", RatingInput{"satisfied", true, ""});
    engine.rate(house, "op-1", RatingInput{"basically_satisfied", true, ""});
    engine.rate(water2, "op-1", RatingInput{"dissatisfied", false, "修了两天"});
    clock->set(beijing("2026-11-20 10:00:00"));
    engine.follow_up(water2, "op-1", "回访：解释管道更换计划，市民表示理解", false);

    // Monday 23 November: last week's bulletin.
    clock->set(beijing("2026-11-23 08:00:00"));
    const Bulletin bulletin = engine.bulletin(std::string("2026-W47"));
    const IndicatorReport& week = bulletin.indicators;
    std::cout << "week " << week.period.label << ": received " << bulletin.totals.received << ", replied "
              << bulletin.totals.replied << "\n";
    for (Indicator indicator : all_indicators()) {
      const std::optional<double> value = week.total[indicator].value();
      if (!value) continue;
      std::printf("  %s %.1f%% (%g/%lld)\n", indicator_label(indicator), 100 * *value, week.total[indicator].numerator,
                  static_cast<long long>(week.total[indicator].denominator));
    }
    for (const RankedEntry& unit : week.units) {
      std::printf("  #%d %s %.2f\n", unit.rank, unit.id.c_str(), unit.score ? *unit.score : 0.0);
    }
    std::ofstream(dir + "/bulletin.md") << bulletin_markdown(bulletin, engine.policy());
    std::ofstream(dir + "/bulletin.html") << bulletin_html(bulletin, engine.policy());
    std::cout << "wrote " << dir << "/bulletin.md and bulletin.html\n";

    // 响应率 2/3 (housing called back late); 按期办结率 2/3 (the second leak took two days);
    // 解决率 2/3; 满意率 (1 + 0.9 + 0) / 3.
    const double satisfaction = *week.total[Indicator::satisfaction].value();
    if (week.total[Indicator::response].numerator == 2 && week.total[Indicator::response].denominator == 3 &&
        week.total[Indicator::on_time_completion].numerator == 2 && week.total[Indicator::resolution].numerator == 2 &&
        satisfaction > 0.633 && satisfaction < 0.634 && engine.verify().ok) {
      std::cout << "the week's figures are as worked out, chain verified\n";
    }
  } catch (const Error& e) {
    std::cerr << "error: " << error_code_name(e.code()) << ": " << e.what() << "\n";
    status = 1;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return status;
}
