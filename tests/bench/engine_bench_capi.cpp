// Intake through the C ABI, beside the same intake through the C++ call (engine_bench_intake.cpp):
// what a host pays for the stable boundary — JSON text in and out, the argument checks, the
// handle's lock, the copy handed out and freed.
#include "engine_bench_support.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "xinfang.h"

namespace xinfang_bench {
namespace {

// The petitions of the single-intake benchmarks as the JSON text a C host would hold: the same
// list intake_single_engine() cycles through, serialised once, outside timing.
const std::vector<std::string>& single_petition_texts() {
  static const std::vector<std::string> list = [] {
    std::vector<std::string> out;
    const Instant now = local(2025, 3, 3, 9);
    for (std::int64_t i = 0; i < g_config.single_pool; ++i) {
      out.push_back(petition(static_cast<std::uint64_t>(i), now).dump());
    }
    return out;
  }();
  return list;
}

std::int64_t unix_seconds(Instant instant) {
  return (instant - Instant(boost::gregorian::date(1970, 1, 1))).total_seconds();
}

// An engine of the C ABI on a fresh copy of the template, with the clock the C++ benchmarks use.
struct CEngine {
  xf_engine* handle = nullptr;
  std::int64_t time = 0;
  CEngine(const std::string& path, Durability durability, std::int64_t start_offset_seconds = 0) {
    xf_engine_options options;
    xf_engine_options_init(&options);
    options.database = path.c_str();
    options.durability = durability == Durability::full ? XF_DURABILITY_FULL : XF_DURABILITY_NORMAL;
    options.manual_clock = 1;
    time = unix_seconds(local(2025, 3, 3, 9)) + start_offset_seconds;
    options.manual_time = time;
    options.seeded_random = 1;
    options.random_seed = 1;
    if (xf_engine_open(&options, &handle) != XF_OK) throw std::runtime_error(xf_last_error_message());
  }
  ~CEngine() { xf_engine_close(handle); }
  CEngine(const CEngine&) = delete;
  CEngine& operator=(const CEngine&) = delete;
};

void check(xf_status status) {
  if (status != XF_OK) throw std::runtime_error(std::string(xf_status_name(status)) + ": " + xf_last_error_message());
}

}  // namespace

// The timed loop of the single-intake benchmarks: @p intake_one registers the i-th petition of
// the pool; a failure ends the benchmark with its message.
template <typename IntakeOne>
void timed_intakes(benchmark::State& state, IntakeOne&& intake_one) {
  std::size_t i = 0;
  for (auto _ : state) {
    try {
      intake_one(i);
    } catch (const std::exception& ex) {
      state.SkipWithError(ex.what());
      g_failed = true;
      break;
    }
    if (++i == static_cast<std::size_t>(g_config.single_pool)) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

// Single intakes through the C ABI on an engine of the same template and clock as
// intake_single_engine(); @p intake_one registers the i-th petition of the pool and hands back
// the result's text.
template <typename IntakeOne>
void each_c_intake(benchmark::State& state, const char* file, Durability durability, IntakeOne&& intake_one) {
  guarded(state, [&] {
    const std::string path = g_run_dir.file(file);
    fresh_file(path);
    {
      CEngine e(path, durability);
      timed_intakes(state, [&](std::size_t i) {
        check(xf_engine_set_time(e.handle, ++e.time));
        char* result = nullptr;
        check(intake_one(e.handle, i, &result));
        benchmark::DoNotOptimize(result);
        xf_string_free(result);
      });
    }
    remove_database(path);
  });
}

void intake_single_c_abi(benchmark::State& state, Durability durability) {
  const std::vector<std::string>& list = single_petition_texts();
  each_c_intake(state, "single-c-abi.db", durability, [&](xf_engine* engine, std::size_t i, char** out) {
    return xf_engine_intake(engine, kRegistrar, list[i].c_str(), nullptr, out);
  });
}

// Single intakes through a C++ call on an engine of the same template and clock as
// intake_single_engine(); @p intake_one registers the i-th petition of the pool.
template <typename IntakeOne>
void each_cpp_intake(benchmark::State& state, const char* file, IntakeOne&& intake_one) {
  guarded(state, [&] {
    const std::string path = g_run_dir.file(file);
    fresh_file(path);
    {
      BenchEngine e = open_engine(path, Durability::normal, local(2025, 3, 3, 9));
      timed_intakes(state, [&](std::size_t i) {
        e.clock->advance(bpt::seconds(1));
        intake_one(e.engine, i);
      });
    }
    remove_database(path);
  });
}

// The same intakes through the C++ call by a host that, like a C host, holds each petition as
// JSON text and hands the result on as JSON text: the work of the format without the boundary.
void intake_single_cpp_json_text(benchmark::State& state) {
  const std::vector<std::string>& list = single_petition_texts();
  each_cpp_intake(state, "single-cpp-text.db", [&](Engine& engine, std::size_t i) {
    std::string text = engine.intake_json(kRegistrar, Json::parse(list[i])).to_json_text();
    benchmark::DoNotOptimize(text);
  });
}

namespace {

// A petition of the pool as the structure a C++ host fills in for the typed call.
Petition typed_petition(const Json& json) {
  Petition p;
  p.channel = json.at("channel").get<std::string>();
  p.type = xinfang::parse_petition_type(json.at("type").get<std::string>()).value();
  p.sub_route = json.value("sub_route", "");
  p.category = json.at("category").get<std::string>();
  p.region = json.value("region", "");
  p.subject = json.at("subject").get<std::string>();
  p.content = json.at("content").get<std::string>();
  for (const Json& person : json.at("petitioners")) {
    p.petitioners.push_back({person.at("name").get<std::string>(), person.value("id_number", ""),
                             person.value("phone", ""), person.value("address", ""), false});
  }
  std::string received = json.at("received_at").get<std::string>();
  if (!received.empty() && received.back() == 'Z') received.pop_back();
  p.received_at = bpt::from_iso_extended_string(received);
  for (const Json& file : json.value("attachments", Json::array())) {
    p.attachments.push_back({file.at("name").get<std::string>(), file.at("media_type").get<std::string>(),
                             file.at("size").get<std::int64_t>(), file.at("sha256").get<std::string>()});
  }
  return p;
}

// The pool's petitions, typed, made once outside timing.
const std::vector<Petition>& typed_petitions() {
  static const std::vector<Petition> list = [] {
    std::vector<Petition> out;
    const Instant now = local(2025, 3, 3, 9);
    for (std::int64_t i = 0; i < g_config.single_pool; ++i) {
      out.push_back(typed_petition(petition(static_cast<std::uint64_t>(i), now)));
    }
    return out;
  }();
  return list;
}

}  // namespace

namespace {

// The pool's typed petitions as the structures a C host fills in, pointing into the Petitions.
struct CPetition {
  std::vector<xf_petitioner> petitioners;
  std::vector<xf_attachment> attachments;
  xf_petition petition{};
};

std::vector<CPetition> c_petitions(const std::vector<Petition>& list) {
  std::vector<CPetition> out(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Petition& from = list[i];
    CPetition& to = out[i];
    for (const xinfang::Petitioner& p : from.petitioners) {
      to.petitioners.push_back({p.name.c_str(), p.id_number.c_str(), p.phone.c_str(), p.address.c_str(), 0});
    }
    for (const xinfang::Attachment& a : from.attachments) {
      to.attachments.push_back({a.name.c_str(), a.media_type.c_str(), a.size, a.sha256.c_str()});
    }
    xf_petition& p = to.petition;
    xf_petition_init(&p);
    p.channel = from.channel.c_str();
    p.type = xinfang::petition_type_name(from.type);
    p.sub_route = from.sub_route.c_str();
    p.category = from.category.c_str();
    p.region = from.region.c_str();
    p.subject = from.subject.c_str();
    p.content = from.content.c_str();
    p.petitioners = to.petitioners.data();
    p.petitioner_count = to.petitioners.size();
    p.received_at = unix_seconds(from.received_at);
    p.attachments = to.attachments.empty() ? nullptr : to.attachments.data();
    p.attachment_count = to.attachments.size();
  }
  return out;
}

}  // namespace

// The typed petitions through xf_engine_intake_petition(): a C host with fields, not JSON text.
void intake_single_c_abi_typed(benchmark::State& state) {
  static const std::vector<CPetition> list = c_petitions(typed_petitions());
  each_c_intake(state, "single-c-abi-typed.db", Durability::normal, [&](xf_engine* engine, std::size_t i, char** out) {
    return xf_engine_intake_petition(engine, kRegistrar, &list[i].petition, nullptr, out);
  });
}

// The same intakes through the typed C++ call, Engine::intake(actor, Petition), by a host that
// fills in a Petition from its own data and keeps the CommandResult.
void intake_single_cpp_typed(benchmark::State& state) {
  const std::vector<Petition>& list = typed_petitions();
  each_cpp_intake(state, "single-cpp-typed.db", [&](Engine& engine, std::size_t i) {
    CommandResult result = engine.intake(kRegistrar, list[i]);
    benchmark::DoNotOptimize(result);
  });
}

void intake_batch_c_abi(benchmark::State& state) {
  guarded(state, [&] {
    // The batch the C++ benchmark registers, as the JSON array a C host would pass.
    const std::vector<IntakeRequest> requests = petitions(0, g_config.batch, local(2025, 3, 3, 9));
    Json array = Json::array();
    for (const IntakeRequest& request : requests) array.push_back({{"petition", request.petition}});
    const std::string text = array.dump();
    for (auto _ : state) {
      state.PauseTiming();
      const std::string path = g_run_dir.file("batch-c-abi.db");
      fresh_file(path);
      {
        CEngine e(path, Durability::normal, 60);  // as intake_batch_engine(): a minute after receipt
        state.ResumeTiming();
        char* result = nullptr;
        try {
          check(xf_engine_intake_batch(e.handle, kRegistrar, text.c_str(), &result));
        } catch (const std::exception& ex) {
          state.SkipWithError(ex.what());
          g_failed = true;
        }
        benchmark::DoNotOptimize(result);
        xf_string_free(result);
        state.PauseTiming();
      }
      remove_database(path);
      state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * g_config.batch);
  });
}

}  // namespace xinfang_bench

namespace xinfang_bench {

// Part of what the JSON format costs per intake, measured alone: the petition's text parsed.
void capi_breakdown_parse(benchmark::State& state) {
  const std::vector<std::string>& list = single_petition_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    Json parsed = Json::parse(list[i]);
    benchmark::DoNotOptimize(parsed);
    if (++i == list.size()) i = 0;
  }
}

}  // namespace xinfang_bench
