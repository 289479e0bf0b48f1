// The petitions the engine benchmark registers: deterministic and varied (channels, types,
// categories, regions, subjects, one or two petitioners, repeat petitioners), so that the
// indexes and the repeat detection work as on a real file.
#include "engine_bench_support.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace xinfang_bench {
namespace {

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct CategoryText {
  const char* id;
  int weight;        // in percent
  const char* unit;  // where the routing rules send it
  std::vector<const char*> subjects;
  const char* content;
};

const std::vector<CategoryText>& categories() {
  static const std::vector<CategoryText> list = {
      {"social_assistance",
       30,
       "social_assistance",
       {"最低生活保障金停发", "低保资格被取消", "临时救助申请未获答复"},
       "本人家庭人均收入低于当地最低生活保障标准，此前一直按月领取低保金，自去年起停发，多次到街道询问未获书面答复，"
       "请求查明原因并依法恢复发放。"},
      {"pensions",
       15,
       "pensions",
       {"优抚金发放标准有误", "退役军人安置待遇未落实", "伤残抚恤金调整"},
       "本人系退役军人，按规定应享受定期抚恤补助，但今年发放标准低于文件规定，请求核实并补发差额。"},
      {"disability",
       10,
       "disability",
       {"残疾人两项补贴未到账", "残疾等级评定异议"},
       "家中有重度残疾人一名，已按程序申请困难残疾人生活补贴和重度残疾人护理补贴，至今未到账，请求督促办理。"},
      {"elderly_care",
       15,
       "elderly",
       {"养老院服务质量投诉", "高龄津贴停发", "居家养老服务补贴申请"},
       "老人年满八十周岁，符合高龄津贴发放条件，近期发放中断，养老机构服务也存在问题，请求民政部门调查处理。"},
      {"marriage",
       8,
       "marriage",
       {"婚姻登记信息错误", "补领结婚证手续繁琐"},
       "办理婚姻登记时登记信息录入错误，申请更正时被告知需提供多项证明材料，请求简化手续并予以更正。"},
      {"funeral",
       7,
       "general",
       {"公墓收费过高", "殡葬补贴申领困难"},
       "经营性公墓收费明显高于物价部门核定标准，且存在捆绑收费情况，请求依法查处并规范收费。"},
      {"community",
       10,
       "general",
       {"社区物业管理纠纷", "居委会选举程序不规范"},
       "小区物业服务质量差，业主多次反映无果，居委会未履行协调职责，请求主管部门介入督促整改。"},
      {"other",
       5,
       "general",
       {"政策咨询", "对工作人员态度不满"},
       "前往窗口办理业务时工作人员态度生硬、推诿扯皮，请求对相关人员批评教育并改进窗口服务。"},
  };
  return list;
}

const CategoryText& category_of(std::uint64_t h) {
  int roll = static_cast<int>(h % 100);
  for (const CategoryText& c : categories()) {
    if (roll < c.weight) return c;
    roll -= c.weight;
  }
  return categories().back();
}

const char* channel_of(std::uint64_t h) {
  static const std::pair<const char*, int> channels[] = {{"online", 25},         {"hotline", 20}, {"letter", 20},
                                                         {"visit", 15},          {"phone", 15},   {"email", 4},
                                                         {"leader_reception", 1}};
  int roll = static_cast<int>(h % 100);
  for (const auto& [id, weight] : channels) {
    if (roll < weight) return id;
    roll -= weight;
  }
  return "online";
}

std::string digits(std::uint64_t value, int width) {
  std::string out(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10) out[static_cast<std::size_t>(i)] = '0' + value % 10;
  return out;
}

std::string iso(Instant t) {
  return bpt::to_iso_extended_string(t) + "Z";
}

Json person(std::uint64_t id, const char* region) {
  static const char* const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                         "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
  static const char* const given[] = {"某", "某某", "某甲", "某乙"};
  const std::uint64_t h = mix(id);
  return {{"name", std::string(surnames[h % 20]) + given[(h >> 8) % 4]},
          {"id_number", "110101" + digits(id, 12)},
          {"phone", "13" + digits(h % 1000000000ULL, 9)},
          {"address", std::string("某市") + region + "某路" + std::to_string(1 + (h >> 16) % 2000) + "号"}};
}

}  // namespace

Json petition(std::uint64_t i, Instant now) {
  static const std::pair<const char*, const char*> regions[] = {
      {"central", "中心区"}, {"east", "东区"}, {"west", "西区"}, {"county", "某县"}};
  const std::uint64_t h = mix(kSeed ^ (i * 0x100000001b3ULL));
  const CategoryText& category = category_of(h);
  const auto& region = regions[(h >> 8) % 4];
  const std::uint64_t repeater_roll = (h >> 16) % 100;
  const std::uint64_t person_id =
      repeater_roll < 15 ? mix(h) % static_cast<std::uint64_t>(g_config.repeater_pool) : 1000000000ULL + i;
  Json petitioners = Json::array({person(person_id, region.second)});
  if ((h >> 24) % 10 == 0) petitioners.push_back(person(2000000000ULL + i, region.second));

  const std::uint64_t type_roll = (h >> 32) % 100;
  const char* type = type_roll < 80 ? "claim" : (type_roll < 92 ? "suggestion" : "accusation");
  const std::string subject = category.subjects[(h >> 40) % category.subjects.size()];
  Json args = {{"channel", channel_of(h >> 44)},
               {"type", type},
               {"category", category.id},
               {"region", region.first},
               {"subject", subject},
               {"content", std::string(category.content) + "信访人住" + petitioners[0]["address"].get<std::string>() +
                               "，联系电话" + petitioners[0]["phone"].get<std::string>() + "。"},
               {"petitioners", std::move(petitioners)},
               {"received_at", iso(now - bpt::seconds(static_cast<long>((h >> 20) % (3 * 24 * 3600))))}};
  if (std::string(type) == "claim") args["sub_route"] = "petition_handling";
  if ((h >> 52) % 10 < 4) {
    std::string sha;
    for (int k = 0; k < 4; ++k) sha += digits(mix(h + static_cast<std::uint64_t>(k)) % 10000000000000000ULL, 16);
    args["attachments"] = Json::array({{{"name", "材料" + std::to_string(1 + (h >> 56) % 9) + ".pdf"},
                                        {"media_type", "application/pdf"},
                                        {"size", 10000 + static_cast<std::int64_t>((h >> 12) % 500000)},
                                        {"sha256", sha}}});
  }
  return args;
}

std::vector<IntakeRequest> petitions(std::uint64_t first, std::int64_t count, Instant now) {
  std::vector<IntakeRequest> list;
  list.reserve(static_cast<std::size_t>(count));
  for (std::int64_t k = 0; k < count; ++k) list.push_back({petition(first + static_cast<std::uint64_t>(k), now), ""});
  return list;
}

std::string unit_of_category(const std::string& category) {
  for (const CategoryText& c : categories()) {
    if (category == c.id) return c.unit;
  }
  return "general";
}

}  // namespace xinfang_bench
