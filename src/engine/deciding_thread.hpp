// Internal: a second thread that decides prepared intakes while the caller's thread goes on
// reading and writing the database, handing them back in the order they were given.
#ifndef XINFANG_SRC_ENGINE_DECIDING_THREAD_HPP
#define XINFANG_SRC_ENGINE_DECIDING_THREAD_HPP

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "engine/engine_impl.hpp"

namespace xinfang::engine_detail {

/** Runs `decide` on one other thread over the intakes given to it, in order. */
class DecidingThread {
 public:
  using Decide = std::function<DecidedIntake(PreparedIntake&&)>;

  explicit DecidingThread(Decide decide);
  /** Stops after the intake being decided, if any; undecided ones are dropped. */
  ~DecidingThread();
  DecidingThread(const DecidingThread&) = delete;
  DecidingThread& operator=(const DecidingThread&) = delete;

  /** Queues @p prepared (whose petition must outlive this object). */
  void give(PreparedIntake&& prepared);
  /** @return How many were given and not yet taken back. */
  std::size_t pending() const;
  /** @return Whether the oldest pending intake is decided (false if none is pending). */
  bool oldest_ready() const;
  /** Waits for the oldest pending intake; rethrows what deciding it threw. Needs pending() > 0. */
  DecidedIntake take_oldest();
  /** Hands back a written intake to be freed on the thread that allocated most of it: memory
   *  freed by another thread goes back to its allocator under a lock and is not reused locally. */
  void retire(DecidedIntake&& written);

 private:
  struct Slot {
    PreparedIntake prepared;
    std::optional<DecidedIntake> decided;
    std::exception_ptr error;
    bool done = false;
  };

  void run();

  Decide decide_;
  mutable std::mutex mutex_;
  std::condition_variable work_given_;
  std::condition_variable work_done_;
  // Elements of a deque keep their address while others are added at the back or removed at the
  // front, so the worker decides a slot in place without holding the lock.
  std::deque<Slot> slots_;
  std::vector<DecidedIntake> retired_;
  std::size_t next_to_decide_ = 0;  // index into slots_
  bool worker_waiting_ = false;
  bool caller_waiting_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace xinfang::engine_detail

#endif
