#include "connector/bulk_sender.hpp"

#include <spdlog/spdlog.h>

#include "protocol/bulk_response.hpp"

namespace connectors::service {

std::string_view BulkBatch::operation_text(std::size_t i) const {
  const std::string& body = request.body();
  const std::size_t begin = operations[i].offset;
  const std::size_t end = i + 1 < operations.size() ? operations[i + 1].offset : body.size();
  return std::string_view(body).substr(begin, end - begin);
}

BulkSender::BulkSender(protocol::EsClient& client, BulkSenderSettings settings, ErrorMonitor& monitor,
                       IngestStats& stats, core::Clock& clock, std::stop_token stop,
                       std::function<void()> on_failure)
    : client_(client),
      settings_(std::move(settings)),
      monitor_(monitor),
      stats_(stats),
      clock_(clock),
      stop_(std::move(stop)),
      on_failure_(std::move(on_failure)) {
  target_ = "/_bulk";
  if (!settings_.pipeline.empty()) target_ += "?pipeline=" + protocol::encode_path_segment(settings_.pipeline);
  const int threads = std::max(settings_.max_concurrency, 1);
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this](std::stop_token t) { work(t); });
  }
}

BulkSender::~BulkSender() {
  for (auto& t : threads_) t.request_stop();
  {
    std::lock_guard lock(mutex_);
    changed_.notify_all();
  }
  threads_.clear();  // joins
}

void BulkSender::rethrow_failure() {
  if (failure_) std::rethrow_exception(failure_);
}

void BulkSender::submit(BulkBatch&& batch) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, stop_, [&] { return failure_ || !waiting_; });
  rethrow_failure();
  if (stop_.stop_requested()) throw core::StopRequested();
  waiting_.emplace(std::move(batch));
  changed_.notify_all();
}

void BulkSender::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, stop_, [&] { return failure_ || (!waiting_ && busy_ == 0); });
  rethrow_failure();
  if (stop_.stop_requested()) throw core::StopRequested();
}

void BulkSender::fail(std::exception_ptr error) {
  // The failure is recorded and the pipeline told before anyone waiting can look, so a
  // waiter sees the failure itself rather than the stop it causes.
  std::lock_guard lock(mutex_);
  if (!failure_) failure_ = error;
  if (on_failure_) on_failure_();
  changed_.notify_all();
}

void BulkSender::work(std::stop_token thread_stop) {
  while (true) {
    std::optional<BulkBatch> batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, thread_stop, [&] { return waiting_.has_value() || stop_.stop_requested(); });
      if (thread_stop.stop_requested() || (stop_.stop_requested() && !waiting_)) return;
      if (!waiting_) continue;
      batch = std::move(waiting_);
      waiting_.reset();
      ++busy_;
      changed_.notify_all();
    }
    try {
      if (!stop_.stop_requested()) send(*batch);
    } catch (const core::StopRequested&) {
      // The pipeline is stopping; it knows why.
    } catch (...) {
      fail(std::current_exception());
    }
    std::lock_guard lock(mutex_);
    --busy_;
    changed_.notify_all();
  }
}

void BulkSender::send(BulkBatch& first) {
  protocol::RequestOptions options;
  options.content_type = "application/x-ndjson";
  BulkBatch* batch = &first;
  std::optional<BulkBatch> retry;
  for (int attempt = 1;; ++attempt) {
    ++stats_.bulk_requests;
    const protocol::EsResponse response =
        client_.request(protocol::HttpMethod::kPut, target_, batch->request.body(), options, stop_);
    const protocol::BulkResponse parsed = protocol::parse_bulk_response(response.body);
    if (parsed.items.size() != batch->operations.size()) {
      throw core::Error("BulkResponseError", "_bulk answered " + std::to_string(parsed.items.size()) +
                                                 " items for " +
                                                 std::to_string(batch->operations.size()) + " operations");
    }
    // Items rejected under load (429) go again after a pause; Elastic's service drops them.
    const bool may_retry = attempt < settings_.max_item_retries;
    std::optional<BulkBatch> rejected;
    {
      std::lock_guard monitor_lock(monitor_mutex_);
      for (std::size_t i = 0; i < parsed.items.size(); ++i) {
        const protocol::BulkItemResult& item = parsed.items[i];
        if (item.retryable() && may_retry) {
          if (!rejected) rejected.emplace(batch->request.index());
          rejected->operations.push_back({static_cast<std::uint32_t>(rejected->request.bytes()),
                                          batch->operations[i].document_bytes});
          rejected->request.append_operation(batch->operation_text(i));
          ++stats_.item_retries;
          continue;
        }
        switch (item.op) {
          case protocol::BulkOp::kDelete: ++stats_.delete_responses; break;
          case protocol::BulkOp::kUpdate: ++stats_.update_responses; break;
          default: ++stats_.index_responses; break;
        }
        if (item.failed()) {
          ++stats_.item_errors;
          const char* action = item.op == protocol::BulkOp::kDelete   ? "delete"
                               : item.op == protocol::BulkOp::kUpdate ? "update"
                                                                       : "index";
          const std::string error = "Failed to execute '" + std::string(action) + "' on document with id '" +
                                    item.id + "'. Error: " + item.error_type + ": " + item.error_reason;
          spdlog::error(error);
          monitor_.track_error(error);
          continue;
        }
        monitor_.track_success();
        if (item.result == "noop") ++stats_.noop_results;
        if (item.op == protocol::BulkOp::kDelete) {
          if (item.result == "deleted") ++stats_.deleted;
        } else {
          ++stats_.indexed;
          stats_.indexed_bytes += batch->operations[i].document_bytes;
        }
        if (settings_.log_operations) {
          spdlog::debug("Executed bulk operation on document with id '{}': {}", item.id, item.result);
        }
      }
    }
    if (!rejected) return;
    const auto delay = settings_.item_backoff.delay(attempt);
    spdlog::warn("Elasticsearch rejected {} operations with 429, sending them again in {} ms (attempt {}/{})",
                 rejected->operations.size(), delay.count(), attempt + 1, settings_.max_item_retries);
    if (!clock_.sleep_for(delay, stop_)) throw core::StopRequested();
    retry = std::move(rejected);
    batch = &*retry;
  }
}

}  // namespace connectors::service
