// Batch intake: every petition of an import in one transaction. On two processors, the calling
// thread reads and writes the database while a second thread decides the petitions it has
// prepared; what is stored is the same as petition after petition on one thread.
#include <algorithm>
#include <deque>
#include <thread>
#include <unordered_map>

#include "engine/deciding_thread.hpp"
#include "engine/engine_impl.hpp"

namespace xinfang {

using namespace engine_detail;

namespace {

// A batch's progress is reported after every this many petitions.
constexpr std::size_t kProgressEvery = 1024;
// Fewer petitions than this are not worth starting a thread for.
constexpr std::size_t kSmallestParallelBatch = 16;
// How far the preparing thread may run ahead of the writes: enough to cover a slow decision,
// few enough that a batch's memory stays that of a handful of cases.
constexpr std::size_t kMostInFlight = 32;

Error numbered(std::size_t index, const Error& e) {
  return Error(e.code(), "petition " + std::to_string(index) + ": " + e.what());
}

// The identities and idempotency keys of petitions prepared but not yet written. A petition
// that shares one with them must wait for their writes: its repeat detection reads their
// identity rows, a repeated key must find the first petition's case.
class InFlight {
 public:
  bool touches(const std::vector<std::string>& hashes, const std::string& key) const {
    if (!key.empty() && keys_.count(key) != 0) return true;
    return std::any_of(hashes.begin(), hashes.end(), [&](const std::string& hash) { return hashes_.count(hash) != 0; });
  }
  void add(const std::vector<std::string>& hashes, const std::string& key) {
    if (!key.empty()) ++keys_[key];
    for (const std::string& hash : hashes) ++hashes_[hash];
  }
  void remove(const std::vector<std::string>& hashes, const std::string& key) {
    if (!key.empty()) drop(keys_, key);
    for (const std::string& hash : hashes) drop(hashes_, hash);
  }

 private:
  using Counts = std::unordered_map<std::string, int>;
  static void drop(Counts& counts, const std::string& entry) {
    const auto found = counts.find(entry);
    if (found != counts.end() && --found->second == 0) counts.erase(found);
  }
  Counts keys_;
  Counts hashes_;
};

}  // namespace

std::vector<CommandResult> Engine::intake_batch(const std::string& actor, const std::vector<IntakeRequest>& petitions,
                                                const BatchProgress& progress) {
  Impl& impl = *impl_;
  const bool parallel =
      impl.parallel_batches && petitions.size() >= kSmallestParallelBatch && std::thread::hardware_concurrency() > 1;
  std::vector<CommandResult> results;
  impl.store->write([&](store::Transaction& txn) {
    results.assign(petitions.size(), CommandResult{});
    const Instant now = impl.clock->now();
    const Actor who = impl.resolve_actor(txn, actor);
    // Every code drawn before the first petition: a refused batch leaves a seeded source where
    // it would be on one thread or two, wherever the refusal came.
    std::vector<std::uint8_t> code_bytes(petitions.size() * kQueryCodeBytes);
    if (!code_bytes.empty()) impl.random->fill(code_bytes.data(), code_bytes.size());
    // Once for the batch: every petition has the same time, so later ones would forget nothing more.
    for (const IntakeRequest& request : petitions) {
      if (!request.idempotency_key.empty()) {
        txn.forget_query_codes(to_micros(now - kQueryCodeRetention));
        break;
      }
    }
    // An import wants numbers and codes back, not every event tree: freed at once, their memory
    // serves the next petition instead of the batch growing by a few kilobytes per case.
    std::size_t done = 0;
    const auto advance = [&] {
      if (progress && ++done % kProgressEvery == 0) progress(done, petitions.size());
    };
    const auto keep = [&](std::size_t index, CommandResult&& result) {
      advance();
      results[index] = std::move(result);
      results[index].events.clear();
      results[index].events.shrink_to_fit();
      results[index].logged.clear();
      results[index].logged.shrink_to_fit();
    };

    if (!parallel) {
      for (std::size_t i = 0; i < petitions.size(); ++i) {
        try {
          const IntakeRequest& request = petitions[i];
          keep(i,
               impl.intake(txn, who, request.petition, request.idempotency_key, now, &code_bytes[i * kQueryCodeBytes]));
        } catch (const Error& e) {
          throw numbered(i, e);
        }
      }
      return;
    }

    ActorTexts worker_texts;
    DecidingThread deciding([&](PreparedIntake&& prepared) {
      DecidedIntake decided = impl.decide_intake(std::move(prepared), who, now, worker_texts);
      decided.result.events = {};  // freed where they were made (see DecidingThread::retire)
      return decided;
    });
    struct Given {
      std::size_t index;
      std::vector<std::string> hashes;
    };
    std::deque<Given> given;
    InFlight in_flight;
    const auto write_oldest = [&] {
      const Given oldest = std::move(given.front());
      given.pop_front();
      const std::string& key = petitions[oldest.index].idempotency_key;
      try {
        DecidedIntake decided = deciding.take_oldest();
        impl.write_intake(txn, decided, now);
        advance();
        results[oldest.index] = std::move(decided.result);
        deciding.retire(std::move(decided));
      } catch (const Error& e) {
        throw numbered(oldest.index, e);
      }
      in_flight.remove(oldest.hashes, key);
    };
    const auto write_all = [&] {
      while (!given.empty()) write_oldest();
    };

    for (std::size_t i = 0; i < petitions.size(); ++i) {
      const IntakeRequest& request = petitions[i];
      std::vector<std::string> hashes = impl.lookup_hashes(request.petition);
      if (in_flight.touches(hashes, request.idempotency_key)) write_all();
      PreparedIntake prepared;
      try {
        prepared = impl.prepare_intake(txn, who, request.petition, request.idempotency_key, now, hashes,
                                       &code_bytes[i * kQueryCodeBytes]);
      } catch (const Error& e) {
        write_all();  // an earlier petition's error comes first
        throw numbered(i, e);
      }
      if (prepared.replay) {
        keep(i, std::move(*prepared.replay));
        continue;
      }
      in_flight.add(hashes, request.idempotency_key);
      given.push_back({i, std::move(hashes)});
      deciding.give(std::move(prepared));
      while (deciding.oldest_ready()) write_oldest();
      if (given.size() >= kMostInFlight) write_oldest();
    }
    write_all();
  });
  return results;
}

}  // namespace xinfang
