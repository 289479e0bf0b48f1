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

void intake_single_c_abi(benchmark::State& state, Durability durability) {
  guarded(state, [&] {
    const std::vector<std::string>& list = single_petition_texts();
    const std::string path = g_run_dir.file("single-c-abi.db");
    fresh_file(path);
    {
      CEngine e(path, durability);
      std::size_t i = 0;
      for (auto _ : state) {
        try {
          check(xf_engine_set_time(e.handle, ++e.time));
          char* result = nullptr;
          check(xf_engine_intake(e.handle, kRegistrar, list[i].c_str(), nullptr, &result));
          benchmark::DoNotOptimize(result);
          xf_string_free(result);
        } catch (const std::exception& ex) {
          state.SkipWithError(ex.what());
          g_failed = true;
          break;
        }
        if (++i == list.size()) i = 0;
      }
      state.SetItemsProcessed(state.iterations());
    }
    remove_database(path);
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
      std::size_t i = 0;
      for (auto _ : state) {
        try {
          e.clock->advance(bpt::seconds(1));
          intake_one(e.engine, i);
        } catch (const std::exception& ex) {
          state.SkipWithError(ex.what());
          g_failed = true;
          break;
        }
        if (++i == static_cast<std::size_t>(g_config.single_pool)) i = 0;
      }
      state.SetItemsProcessed(state.iterations());
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

}  // namespace

// The same intakes through the typed C++ call, Engine::intake(actor, Petition), by a host that
// fills in a Petition from its own data and keeps the CommandResult.
void intake_single_cpp_typed(benchmark::State& state) {
  static const std::vector<Petition> list = [] {
    std::vector<Petition> out;
    const Instant now = local(2025, 3, 3, 9);
    for (std::int64_t i = 0; i < g_config.single_pool; ++i) {
      out.push_back(typed_petition(petition(static_cast<std::uint64_t>(i), now)));
    }
    return out;
  }();
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
