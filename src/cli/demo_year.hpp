// The xinfang command-line program: the year of a city civil-affairs bureau in `xinfang demo`,
// shared by demo_year.cpp (the bureau: its staff, the petitions, the office's daily routine and
// the summary) and demo_year_case.cpp (a case's life from dispatch to archive).
#ifndef XINFANG_SRC_CLI_DEMO_YEAR_HPP
#define XINFANG_SRC_CLI_DEMO_YEAR_HPP

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cli/demo_sim.hpp"

namespace xinfang::cli::demo::year_detail {

using Json = nlohmann::json;

inline constexpr const char* kAdmin = "demo-admin";

struct Weighted {
  std::string id;
  double weight;
};

// Calls are the bureau's own lines (来电) and the 96100/12345 hotline; a few percent reach it
// online or by e-mail. Leader reception (领导接待) is the visits of the director's reception day.
inline const std::vector<Weighted> kChannels = {{"visit", 38.5}, {"leader_reception", 1.5}, {"letter", 2.0},
                                                {"phone", 47.0}, {"hotline", 6.0},          {"online", 4.5},
                                                {"email", 0.5}};

struct CategoryInfo {
  std::string id;
  double weight;
  std::string district_unit;  // where the district handles it (交办)
  std::vector<std::string> subjects;
};

inline const std::vector<CategoryInfo>& categories() {
  static const std::vector<CategoryInfo> list = {
      {"social_assistance",
       30,
       "district_social_assistance",
       {"申请最低生活保障未获批准", "低保金停发要求说明原因", "特困人员供养待遇核定", "临时救助申请进度",
        "低保年审材料要求过多", "医疗救助报销比例"}},
      {"pensions",
       18,
       "district_general",
       {"重点优抚对象抚恤金标准", "烈属优待金发放", "伤残抚恤待遇调整", "优待证办理进度", "带病回乡退伍军人补助"}},
      {"disability",
       9,
       "district_general",
       {"残疾人两项补贴申领", "重度残疾人护理补贴停发", "残疾人康复服务补贴", "精神残疾人监护补贴"}},
      {"elderly_care",
       17,
       "district_elderly",
       {"高龄津贴未按时发放", "养老机构收费不透明", "居家养老服务补贴申请", "社区老年助餐点建设",
        "养老院服务质量投诉"}},
      {"marriage", 7, "district_general", {"婚姻登记信息更正", "补领结婚证", "婚姻登记预约难", "撤销受胁迫婚姻登记"}},
      {"funeral", 6, "district_general", {"公墓收费标准", "殡葬服务价格", "骨灰存放到期续费", "惠民殡葬补贴申领"}},
      {"community",
       8,
       "district_general",
       {"社区居委会换届选举", "社区服务站办事效率", "小区业委会成立指导", "社区养老设施被占用"}},
      {"other", 5, "district_general", {"社会组织登记咨询", "慈善募捐资格", "地名标志设置", "政策咨询"}},
  };
  return list;
}

inline const std::vector<Weighted> kRegions = {{"central", 35}, {"east", 25}, {"west", 22}, {"county", 18}};
inline const std::vector<std::string> kAreaCodes = {"330102", "330104", "330106", "330122"};

// Not accepted: the procedures of Art. 31 (1)-(5), outside the bureau's remit, or no name or address.
inline const std::vector<Weighted> kNotAccepted = {
    {"litigation", 22}, {"administrative_review", 18}, {"other_procedure", 18}, {"outside_scope", 22},
    {"arbitration", 6}, {"party_appeal", 3},           {"unidentifiable", 11}};

// The city's business units, for transfers between them.
inline const std::vector<Weighted> kCityUnits = {{"social_assistance", 30}, {"pensions", 18}, {"disability", 9},
                                                 {"elderly", 17},           {"marriage", 7},  {"general", 19}};

enum class Disposition { route, not_accept, forward, assign };

// Letters and online petitions wait for a working day; the duty officer registers visits and calls.
inline bool office_only_channel(const std::string& channel) {
  return channel == "letter" || channel == "online" || channel == "email";
}

struct SimCase {
  std::size_t channel = 0;
  std::size_t category = 0;
  std::size_t region = 0;
  std::size_t petitioner = 0;
  PetitionType type = PetitionType::claim;
  bool group = false;
  Instant received;
  Disposition disposition = Disposition::route;
  std::string reason;  // of not accepting
  std::string number;
  std::string unit;
  std::string handler;
  bool district = false;
  bool key = false;
  // The handling plan, each step done at most once.
  bool transfer = false, suspend = false, extend = false, refuse_extension = false, withdraw = false, late = false;
  Outcome outcome = Outcome::none;
  Instant answered;       // the reply, then the review opinion
  bool reviewed = false;  // `answered` is the review opinion
  std::string rating;     // the rating of the last answer ("" if none)
  bool pending = true;    // a step of its life is still to come
  bool closed = false;    // not accepted, forwarded, withdrawn or concluded
  bool archived = false;
};

struct PetitionerRecord {
  Petitioner person;
  std::size_t region = 0;
  std::vector<std::size_t> categories;
  std::set<std::size_t> concluded;  // matters concluded after re-review (Art. 36 ¶3)
};

struct Tally {
  std::int64_t registered = 0, batches = 0, on_working_days = 0, on_rest_days = 0, new_matter = 0;
  std::int64_t accepted = 0, routed = 0, forwarded = 0, assigned = 0, key_marked = 0;
  std::map<std::string, std::int64_t> not_accepted;
  std::int64_t transfers = 0, suspensions = 0, extension_requests = 0, extensions_approved = 0, extensions_refused = 0;
  std::int64_t withdrawn = 0, replies = 0, with_period = 0, on_time = 0, late = 0, follow_ups = 0;
  std::map<std::string, std::int64_t> outcomes, ratings;
  std::int64_t rated_replies = 0, rated_reviews = 0;
  std::int64_t reviews_requested = 0, reviews_decided = 0, rereviews_requested = 0, hearings = 0, concluded = 0;
  std::int64_t archived = 0, roster_days = 0;
  std::set<std::string> owned;
};

class YearSim {
 public:
  explicit YearSim(const SimOptions& options);

  Json run();

 private:
  // The bureau.
  void add_staff();
  void generate();
  void schedule_office();
  void set_rosters(Date first, Date last);
  const std::vector<std::string>& duty(Date day, const std::string& unit);
  std::string on_duty(Date day, const char* prefix);
  void registration_round(bool office_day);
  void archive_round();
  // A case's life.
  void schedule_dispatch(std::size_t i, Instant registered);
  void dispatch(std::size_t i);
  void route(std::size_t i);
  void district_route(std::size_t i);
  void plan_handling(std::size_t i);
  void next_step(std::size_t i);
  void plan_reply(std::size_t i);
  void reply(std::size_t i);
  void after_answer(std::size_t i);
  void rate(std::size_t i, const std::string& level);
  void after_rating(std::size_t i);
  void request_review(std::size_t i, bool rereview);
  void decide_review(std::size_t i);
  void decide_rereview(std::size_t i);
  Json summary(const BulletinFiles& week);
  // Time.
  Date today() const { return cal_.local_date(clock_->now()); }
  Date working_on_or_after(Date d) const { return cal_.is_working_day(d) ? d : cal_.next_working_day(d); }
  Instant office_time(Date day);
  Instant office_after(int min_working_days, int max_working_days);
  Instant handling_deadline(const std::string& number) const;
  Date last_day(Instant deadline) const { return cal_.local_date(deadline - boost::posix_time::microseconds(1)); }
  void at(Instant when, std::function<void()> action);
  std::string leader_of(const std::string& unit) const;
  std::string approver(const SimCase& c) const;
  std::string petitioner_actor(const SimCase& c);

  SimOptions options_;
  Random random_;
  std::shared_ptr<ManualClock> clock_;
  Engine engine_;
  const Calendar& cal_;
  Progress progress_;
  Agenda agenda_;
  std::vector<SimCase> cases_;
  std::vector<PetitionerRecord> people_;
  std::vector<std::size_t> duty_queue_, office_queue_;  // cases in arrival order, by who may register them
  std::size_t duty_next_ = 0, office_next_ = 0;
  std::map<std::pair<Date, std::string>, std::vector<std::string>> rosters_;
  std::map<std::string, std::string> leaders_;
  Tally tally_;
  HostTally host_;
};

}  // namespace xinfang::cli::demo::year_detail

#endif
