#include "engine/deciding_thread.hpp"

#include <utility>

namespace xinfang::engine_detail {

DecidingThread::DecidingThread(Decide decide) : decide_(std::move(decide)), worker_([this] { run(); }) {}

DecidingThread::~DecidingThread() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_given_.notify_one();
  worker_.join();
}

void DecidingThread::give(PreparedIntake&& prepared) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    slots_.push_back(Slot{std::move(prepared), std::nullopt, nullptr, false});
    wake = worker_waiting_;
  }
  // A wake-up is a system call; a worker still busy with earlier intakes finds this one itself.
  if (wake) work_given_.notify_one();
}

std::size_t DecidingThread::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return slots_.size();
}

bool DecidingThread::oldest_ready() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return !slots_.empty() && slots_.front().done;
}

DecidedIntake DecidingThread::take_oldest() {
  std::unique_lock<std::mutex> lock(mutex_);
  caller_waiting_ = true;
  work_done_.wait(lock, [this] { return slots_.front().done; });
  caller_waiting_ = false;
  Slot slot = std::move(slots_.front());
  slots_.pop_front();
  --next_to_decide_;
  lock.unlock();
  if (slot.error) std::rethrow_exception(slot.error);
  return std::move(*slot.decided);
}

void DecidingThread::retire(DecidedIntake&& written) {
  std::lock_guard<std::mutex> lock(mutex_);
  retired_.push_back(std::move(written));
}

void DecidingThread::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  std::vector<DecidedIntake> freeing;
  for (;;) {
    worker_waiting_ = true;
    work_given_.wait(lock, [this] { return stopping_ || next_to_decide_ < slots_.size(); });
    worker_waiting_ = false;
    if (stopping_) return;
    Slot& slot = slots_[next_to_decide_];
    freeing.swap(retired_);
    lock.unlock();
    freeing.clear();
    try {
      slot.decided = decide_(std::move(slot.prepared));
    } catch (...) {
      slot.error = std::current_exception();
    }
    lock.lock();
    slot.done = true;
    ++next_to_decide_;
    if (caller_waiting_) work_done_.notify_one();
  }
}

}  // namespace xinfang::engine_detail
