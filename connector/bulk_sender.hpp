#pragma once
// Sends _bulk requests, at most `max_concurrency` at a time, and accounts for every item.
//
//   writer --submit(batch)--> [queue of 1] --> N sender threads --_bulk--> Elasticsearch
//                                                 | items: accepted -> IngestStats
//                                                 |        rejected 429 -> sent again, with backoff
//                                                 |        rejected otherwise -> ErrorMonitor
//
// Whole-request failures are retried by EsClient (429/5xx, timeouts). The first failure that
// survives the retries, or a TooManyErrors from the monitor, stops the sender: later calls
// rethrow it, and the `on_failure` callback lets the pipeline stop its other threads.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "connector/error_monitor.hpp"
#include "connector/ingest_stats.hpp"
#include "core/backoff.hpp"
#include "core/clock.hpp"
#include "protocol/bulk_request.hpp"
#include "protocol/es_client.hpp"

namespace connectors::service {

// A request plus, per operation in order, where it starts in the body and how many document
// bytes it carries (0 for deletes): enough to count accepted bytes and to resend rejected
// operations without rebuilding them.
struct BulkBatch {
  explicit BulkBatch(std::string index) : request(std::move(index)) {}

  struct Operation {
    std::uint32_t offset;
    std::uint32_t document_bytes;
  };
  protocol::BulkRequest request;
  std::vector<Operation> operations;

  std::string_view operation_text(std::size_t i) const;
};

struct BulkSenderSettings {
  std::string pipeline;       // ?pipeline=<name>
  int max_concurrency = 5;
  int max_item_retries = 5;   // for items rejected with 429
  core::Backoff item_backoff = core::Backoff::exponential(std::chrono::seconds{1}, 2.0,
                                                          std::chrono::seconds{30});
  bool log_operations = false;
};

class BulkSender {
 public:
  BulkSender(protocol::EsClient& client, BulkSenderSettings settings, ErrorMonitor& monitor,
             IngestStats& stats, core::Clock& clock, std::stop_token stop,
             std::function<void()> on_failure);
  ~BulkSender();
  BulkSender(const BulkSender&) = delete;
  BulkSender& operator=(const BulkSender&) = delete;

  // Hands a batch to the senders; blocks while all are busy and one batch is waiting.
  // Throws the first failure of an earlier batch, core::StopRequested when stopped.
  void submit(BulkBatch&& batch);
  // Waits until every batch is answered; throws the first failure.
  void drain();

 private:
  void work(std::stop_token thread_stop);
  void send(BulkBatch& batch);
  void fail(std::exception_ptr error);
  void rethrow_failure();

  protocol::EsClient& client_;
  BulkSenderSettings settings_;
  std::string target_;
  ErrorMonitor& monitor_;
  IngestStats& stats_;
  core::Clock& clock_;
  std::stop_token stop_;
  std::function<void()> on_failure_;

  std::mutex mutex_;
  std::condition_variable_any changed_;
  std::optional<BulkBatch> waiting_;
  int busy_ = 0;
  std::exception_ptr failure_;
  std::mutex monitor_mutex_;
  std::vector<std::jthread> threads_;
};

}  // namespace connectors::service
