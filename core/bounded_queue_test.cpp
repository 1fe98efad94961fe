#include "core/bounded_queue.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace connectors::core {
namespace {

using namespace std::chrono_literals;

SteadyTime soon(std::chrono::milliseconds d = 50ms) { return std::chrono::steady_clock::now() + d; }
SteadyTime later() { return std::chrono::steady_clock::now() + 10s; }

BoundedQueue<std::string> make_queue(std::size_t items, std::size_t bytes) {
  return BoundedQueue<std::string>(items, bytes, [](const std::string& s) { return s.size(); });
}

TEST(BoundedQueue, IsFifo) {
  auto q = make_queue(10, 1000);
  std::stop_source stop;
  ASSERT_EQ(q.push("a", stop.get_token(), later()), QueueStatus::kOk);
  ASSERT_EQ(q.push("b", stop.get_token(), later()), QueueStatus::kOk);
  std::optional<std::string> out;
  ASSERT_EQ(q.pop(out, stop.get_token(), later()), QueueStatus::kOk);
  EXPECT_EQ(*out, "a");
  out.reset();
  ASSERT_EQ(q.pop(out, stop.get_token(), later()), QueueStatus::kOk);
  EXPECT_EQ(*out, "b");
}

TEST(BoundedQueue, PushTimesOutWhenItemLimitIsReached) {
  auto q = make_queue(2, 1000);
  std::stop_source stop;
  ASSERT_EQ(q.push("a", stop.get_token(), later()), QueueStatus::kOk);
  ASSERT_EQ(q.push("b", stop.get_token(), later()), QueueStatus::kOk);
  EXPECT_EQ(q.push("c", stop.get_token(), soon()), QueueStatus::kTimedOut);
  EXPECT_EQ(q.size(), 2u);
}

TEST(BoundedQueue, PushTimesOutWhenByteLimitIsReached) {
  auto q = make_queue(100, 10);
  std::stop_source stop;
  ASSERT_EQ(q.push("12345678", stop.get_token(), later()), QueueStatus::kOk);
  EXPECT_EQ(q.push("123", stop.get_token(), soon()), QueueStatus::kTimedOut);
  EXPECT_EQ(q.bytes(), 8u);
}

TEST(BoundedQueue, EmptyQueueAcceptsOneOversizedItem) {
  auto q = make_queue(100, 10);
  std::stop_source stop;
  EXPECT_EQ(q.push(std::string(50, 'x'), stop.get_token(), soon()), QueueStatus::kOk);
  EXPECT_EQ(q.push("y", stop.get_token(), soon()), QueueStatus::kTimedOut);
}

TEST(BoundedQueue, BlockedProducerResumesWhenConsumerPops) {
  auto q = make_queue(1, 1000);
  std::stop_source stop;
  ASSERT_EQ(q.push("first", stop.get_token(), later()), QueueStatus::kOk);
  std::thread producer([&] { EXPECT_EQ(q.push("second", stop.get_token(), later()), QueueStatus::kOk); });
  std::optional<std::string> out;
  ASSERT_EQ(q.pop(out, stop.get_token(), later()), QueueStatus::kOk);
  producer.join();
  out.reset();
  ASSERT_EQ(q.pop(out, stop.get_token(), later()), QueueStatus::kOk);
  EXPECT_EQ(*out, "second");
}

TEST(BoundedQueue, CloseDrainsThenReportsClosed) {
  auto q = make_queue(10, 1000);
  std::stop_source stop;
  ASSERT_EQ(q.push("a", stop.get_token(), later()), QueueStatus::kOk);
  q.close();
  EXPECT_EQ(q.push("b", stop.get_token(), later()), QueueStatus::kClosed);
  std::optional<std::string> out;
  EXPECT_EQ(q.pop(out, stop.get_token(), later()), QueueStatus::kOk);
  out.reset();
  EXPECT_EQ(q.pop(out, stop.get_token(), later()), QueueStatus::kClosed);
}

TEST(BoundedQueue, StopWakesABlockedConsumer) {
  auto q = make_queue(10, 1000);
  std::stop_source stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(20ms);
    stop.request_stop();
  });
  std::optional<std::string> out;
  EXPECT_EQ(q.pop(out, stop.get_token(), later()), QueueStatus::kStopped);
  stopper.join();
}

TEST(BoundedQueue, PopTimesOutOnAnEmptyQueue) {
  auto q = make_queue(10, 1000);
  std::stop_source stop;
  std::optional<std::string> out;
  EXPECT_EQ(q.pop(out, stop.get_token(), soon()), QueueStatus::kTimedOut);
}

}  // namespace
}  // namespace connectors::core
