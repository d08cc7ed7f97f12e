// OrderedWorkers: runs a function over a stream of items on N threads and hands the
// results back in the order the items came in.
//
// `orbat extract` and `orbat ingest` read documents one at a time and must print (or
// store) them in input order, byte for byte the same whatever the thread count. The
// caller Submit()s items from its own thread; work(item) runs on a worker; consume(out)
// always runs on the caller's thread, in submission order, inside Submit() or
// Finish(). At most `max_in_flight` items are pending, so memory stays flat however
// long the stream. With jobs <= 1 no thread is started: work and consume run inline.
//
// work() must be safe to call from several threads at once; consume() need not be.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace orbat {

template <typename In, typename Out>
class OrderedWorkers {
 public:
  OrderedWorkers(int jobs, std::function<Out(In&)> work, std::function<void(Out&&)> consume,
                 size_t max_in_flight = 0)
      : work_(std::move(work)), consume_(std::move(consume)) {
    if (jobs <= 1) return;
    max_in_flight_ = max_in_flight ? max_in_flight : 4 * static_cast<size_t>(jobs);
    for (int i = 0; i < jobs; ++i) threads_.emplace_back([this] { Run(); });
  }
  OrderedWorkers(const OrderedWorkers&) = delete;
  OrderedWorkers& operator=(const OrderedWorkers&) = delete;
  ~OrderedWorkers() { Finish(); }

  void Submit(In item) {
    if (threads_.empty()) {
      consume_(work_(item));
      return;
    }
    std::unique_lock lock(mu_);
    // Wait for room, handing finished results to consume() meanwhile.
    while (slots_.size() >= max_in_flight_) {
      DrainLocked(lock);
      if (slots_.size() < max_in_flight_) break;
      done_cv_.wait(lock);
    }
    slots_.emplace_back();
    pending_.push_back({std::move(item), &slots_.back()});
    work_cv_.notify_one();
    DrainLocked(lock);
  }

  // Waits for every submitted item and consumes the remaining results.
  void Finish() {
    if (threads_.empty()) return;
    {
      std::unique_lock lock(mu_);
      while (!slots_.empty()) {
        DrainLocked(lock);
        if (!slots_.empty()) done_cv_.wait(lock);
      }
      stop_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  struct Slot {
    std::optional<Out> out;
  };
  struct Job {
    In item;
    Slot* slot;  // std::deque keeps element addresses stable under push_back/pop_front
  };

  void Run() {
    std::unique_lock lock(mu_);
    for (;;) {
      work_cv_.wait(lock, [&] { return stop_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stop_ and nothing left
      Job job = std::move(pending_.front());
      pending_.pop_front();
      lock.unlock();
      Out out = work_(job.item);
      lock.lock();
      job.slot->out = std::move(out);
      done_cv_.notify_all();
    }
  }

  // Consumes finished results at the head of the order. consume() runs unlocked so
  // workers keep going while it prints or writes.
  void DrainLocked(std::unique_lock<std::mutex>& lock) {
    while (!slots_.empty() && slots_.front().out) {
      Out out = std::move(*slots_.front().out);
      slots_.pop_front();
      lock.unlock();
      consume_(std::move(out));
      lock.lock();
    }
  }

  std::function<Out(In&)> work_;
  std::function<void(Out&&)> consume_;
  size_t max_in_flight_ = 0;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<Slot> slots_;  // submitted, in order; out is set when the work is done
  std::deque<Job> pending_;  // submitted, not yet picked up by a worker
  bool stop_ = false;
};

}  // namespace orbat
