#pragma once
// A multi-producer, multi-consumer queue bounded in items and in bytes: the backpressure
// between a source that reads rows and the writer that sends _bulk requests.
//
//   producer --push()--> [ at most max_items, at most max_bytes ] --pop()--> consumer
//
// push() blocks while the queue is full; an empty queue always accepts one item, however
// large, so a single oversized item cannot deadlock the pipeline. Every blocking call takes
// a deadline and a stop_token and says why it returned.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>

#include "core/clock.hpp"

namespace connectors::core {

enum class QueueStatus {
  kOk,        // the item was pushed / popped
  kClosed,    // push: the queue is closed; pop: closed and drained
  kStopped,   // the stop_token was triggered
  kTimedOut,  // the deadline passed first
};

template <class T>
class BoundedQueue {
 public:
  using Weigher = std::function<std::size_t(const T&)>;

  BoundedQueue(std::size_t max_items, std::size_t max_bytes, Weigher weigh)
      : max_items_(max_items), max_bytes_(max_bytes), weigh_(std::move(weigh)) {}

  QueueStatus push(T item, std::stop_token stop, SteadyTime deadline) {
    const std::size_t weight = weigh_ ? weigh_(item) : 0;
    std::unique_lock lock(mutex_);
    const bool ready = not_full_.wait_until(lock, stop, deadline, [&] {
      return closed_ || items_.empty() ||
             (items_.size() < max_items_ && bytes_ + weight <= max_bytes_);
    });
    if (closed_) return QueueStatus::kClosed;
    if (stop.stop_requested()) return QueueStatus::kStopped;
    if (!ready) return QueueStatus::kTimedOut;
    bytes_ += weight;
    items_.push_back(Entry{std::move(item), weight});
    not_empty_.notify_one();
    return QueueStatus::kOk;
  }

  // On kOk, `out` holds the item.
  QueueStatus pop(std::optional<T>& out, std::stop_token stop, SteadyTime deadline) {
    std::unique_lock lock(mutex_);
    const bool ready =
        not_empty_.wait_until(lock, stop, deadline, [&] { return closed_ || !items_.empty(); });
    if (!items_.empty()) {
      Entry entry = std::move(items_.front());
      items_.pop_front();
      bytes_ -= entry.weight;
      out.emplace(std::move(entry.item));
      not_full_.notify_all();
      return QueueStatus::kOk;
    }
    if (closed_) return QueueStatus::kClosed;
    if (stop.stop_requested()) return QueueStatus::kStopped;
    (void)ready;
    return QueueStatus::kTimedOut;
  }

  // No more pushes; consumers drain what is left, then see kClosed.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }
  std::size_t bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
  }

 private:
  struct Entry {
    T item;
    std::size_t weight;
  };

  const std::size_t max_items_;
  const std::size_t max_bytes_;
  const Weigher weigh_;

  mutable std::mutex mutex_;
  std::condition_variable_any not_full_;
  std::condition_variable_any not_empty_;
  std::deque<Entry> items_;
  std::size_t bytes_ = 0;
  bool closed_ = false;
};

}  // namespace connectors::core
