#include "connector/sync_pipeline.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include "connector/bulk_sender.hpp"
#include "connector/document_decorator.hpp"
#include "connector/error_monitor.hpp"
#include "connector/id_fingerprints.hpp"
#include "core/bounded_queue.hpp"
#include "core/json_writer.hpp"
#include "core/time_format.hpp"
#include "protocol/content_index.hpp"

namespace connectors::service {
namespace {

constexpr std::size_t kMiB = 1024 * 1024;
// How often the writer wakes up while the queue is empty, to notice a stop.
constexpr core::Millis kPopWait{500};

using DocumentQueue = core::BoundedQueue<sources::Document>;

// What the source could not read. Bounded: past kMaxSkips the messages are counted only.
class SkipLog {
 public:
  static constexpr std::size_t kMaxSkips = 1000;

  void add(std::string prefix, std::string message) {
    std::lock_guard lock(mutex_);
    ++count_;
    if (entries_.size() < kMaxSkips) entries_.push_back({std::move(prefix), std::move(message)});
  }
  // Call after the source thread ended: no lock needed from then on.
  bool protects(std::string_view id) const {
    for (const auto& e : entries_) {
      if (id.substr(0, e.prefix.size()) == e.prefix) return true;
    }
    return false;
  }
  bool empty() const { return count_ == 0; }
  std::string summary() const {
    std::string text = std::to_string(count_) + (count_ == 1 ? " part" : " parts") +
                       " of the source could not be read; their documents were kept: ";
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (i > 0) text += "; ";
      text += entries_[i].message;
    }
    return text;
  }

 private:
  struct Entry {
    std::string prefix;
    std::string message;
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::size_t count_ = 0;
};

// The source's end of the queue.
class QueueSink final : public sources::DocumentSink {
 public:
  QueueSink(DocumentQueue& queue, SkipLog& skips, core::Clock& clock, std::chrono::seconds timeout,
            std::stop_token stop)
      : queue_(queue), skips_(skips), clock_(clock), timeout_(timeout), stop_(std::move(stop)) {}

  void put(sources::Document&& document) override {
    switch (queue_.push(std::move(document), stop_, clock_.steady_now() + timeout_)) {
      case core::QueueStatus::kOk: return;
      case core::QueueStatus::kTimedOut: throw ElasticsearchOverloaded();
      case core::QueueStatus::kClosed:
      case core::QueueStatus::kStopped: throw core::StopRequested();
    }
  }

  void skip(std::string id_prefix, std::string message) override {
    spdlog::warn("Keeping the documents of '{}*': {}", id_prefix, message);
    skips_.add(std::move(id_prefix), std::move(message));
  }

 private:
  DocumentQueue& queue_;
  SkipLog& skips_;
  core::Clock& clock_;
  std::chrono::seconds timeout_;
  std::stop_token stop_;
};

// Fills batches and hands them to the sender when a limit is reached.
class Batcher {
 public:
  Batcher(const SyncSettings& settings, BulkSender& sender)
      : settings_(settings),
        sender_(sender),
        max_lines_(static_cast<std::size_t>(std::max(settings.bulk.chunk_size, 2))),
        max_bytes_(static_cast<std::size_t>(std::max(settings.bulk.chunk_max_mem_size, 1)) * kMiB),
        batch_(settings.index_name) {}

  std::string& begin_index(std::string_view id, std::size_t expected_bytes) {
    make_room(2, expected_bytes);
    batch_.operations.push_back({static_cast<std::uint32_t>(batch_.request.bytes()), 0});
    std::string& out = batch_.request.begin_index(id);
    document_start_ = out.size();
    return out;
  }
  void end_index() {
    batch_.operations.back().document_bytes =
        static_cast<std::uint32_t>(batch_.request.bytes() - document_start_);
    batch_.request.end_document();
    flush_if_full();
  }
  // An update with doc_as_upsert (access-control documents that changed).
  void add_update(std::string_view id, std::string_view document) {
    std::string operation = "{\"update\":{\"_index\":\"";
    core::append_json_escaped(operation, settings_.index_name);
    operation += "\",\"_id\":\"";
    core::append_json_escaped(operation, id);
    operation += "\"}}\n{\"doc\":";
    operation += document;
    operation += ",\"doc_as_upsert\":true}\n";
    make_room(2, operation.size());
    batch_.operations.push_back({static_cast<std::uint32_t>(batch_.request.bytes()),
                                 static_cast<std::uint32_t>(document.size())});
    batch_.request.append_operation(operation);
    flush_if_full();
  }
  void add_delete(std::string_view id) {
    make_room(1, id.size() + 64);
    batch_.operations.push_back({static_cast<std::uint32_t>(batch_.request.bytes()), 0});
    batch_.request.add_delete(id);
    flush_if_full();
  }
  void flush() {
    if (batch_.request.empty()) return;
    BulkBatch full(settings_.index_name);
    std::swap(full, batch_);
    sender_.submit(std::move(full));
  }

 private:
  // Elastic flushes before adding when the operation would cross a limit, and after adding
  // when a limit is reached.
  void make_room(std::size_t lines, std::size_t bytes) {
    if (!batch_.request.empty() &&
        (batch_.request.lines() + lines > max_lines_ || batch_.request.bytes() + bytes > max_bytes_)) {
      flush();
    }
  }
  void flush_if_full() {
    if (batch_.request.lines() >= max_lines_ || batch_.request.bytes() >= max_bytes_) flush();
  }

  const SyncSettings& settings_;
  BulkSender& sender_;
  const std::size_t max_lines_;
  const std::size_t max_bytes_;
  BulkBatch batch_;
  std::size_t document_start_ = 0;
};

}  // namespace

ElasticsearchOverloaded::ElasticsearchOverloaded()
    : core::Error("ElasticsearchOverloadedError",
                  "Connector was unable to ingest data into overloaded Elasticsearch. Make sure "
                  "Elasticsearch instance is healthy, has enough resources and content index is "
                  "healthy.") {}

SyncPipeline::SyncPipeline(protocol::EsClient& client, core::Clock& clock, SyncSettings settings,
                           IngestStats& stats)
    : client_(client), clock_(clock), settings_(std::move(settings)), stats_(stats) {}

namespace {

// The document as Elastic's extractor hands it to the basic rules: the source's fields, the
// pipeline flags and `id`. Parsed only when there are rules; a body that does not parse is
// left to Elasticsearch to reject.
bool passes_rules(const BasicRules& rules, const protocol::PipelineSettings& pipeline, std::string_view body,
                  std::string_view id) {
  unsigned char buffer[4096];
  boost::json::monotonic_resource memory(buffer, sizeof buffer);
  boost::json::error_code ec;
  boost::json::value document = boost::json::parse(body, ec, &memory);
  if (ec || !document.is_object()) return true;
  boost::json::object& o = document.get_object();
  o["_extract_binary_content"] = pipeline.extract_binary_content;
  o["_reduce_whitespace"] = pipeline.reduce_whitespace;
  o["_run_ml_inference"] = pipeline.run_ml_inference;
  o["id"] = id;
  return rules.should_ingest(o);
}

// The top-level `_timestamp` of an access-control document, "" when it has none.
std::string timestamp_of(std::string_view body) {
  boost::json::error_code ec;
  const boost::json::value document = boost::json::parse(body, ec);
  if (ec || !document.is_object()) return "";
  const auto* t = document.get_object().if_contains("_timestamp");
  return t && t->is_string() ? std::string(t->get_string()) : "";
}

}  // namespace

void SyncPipeline::run(sources::Source& source, const sources::SyncRequest& request,
                       std::stop_token stop) {
  protocol::ContentIndex index(client_, settings_.index_name);
  const bool full = settings_.mode == SyncMode::kFull;
  const bool access_control = settings_.mode == SyncMode::kAccessControl;
  const BasicRules* rules = settings_.rules && !settings_.rules->empty() && !access_control ? settings_.rules.get()
                                                                                            : nullptr;

  // What the previous sync wrote must be seen by the scans below (Elasticsearch shows writes
  // to searches only after a refresh).
  if (full || access_control) index.refresh(stop);

  IdFingerprints existing;
  if (full) {
    index.scan_ids([&](std::uint64_t total) { existing.reserve(total); },
                   [&](std::string_view id) { existing.add(id); }, stop, 5000);
    existing.seal();
    spdlog::info("Found {} documents in index '{}' before the sync ({} KiB of id fingerprints)",
                 existing.size(), settings_.index_name, existing.memory_bytes() / 1024);
  }
  // Access-control indices hold one document per user or group: their timestamps fit in memory.
  std::unordered_map<std::string, std::string> existing_timestamps;
  if (access_control) {
    index.scan_timestamps(
        [&](std::string_view id, std::string_view timestamp) { existing_timestamps.emplace(id, timestamp); }, stop,
        5000);
    spdlog::info("Found {} access control documents in index '{}' before the sync", existing_timestamps.size(),
                 settings_.index_name);
  }

  // One stop for every thread of this sync: the caller's stop, or the first failure.
  std::stop_source halt;
  std::stop_callback forward(stop, [&] { halt.request_stop(); });

  ErrorMonitor monitor(settings_.bulk.error_monitor);
  BulkSender sender(client_,
                    BulkSenderSettings{.pipeline = settings_.pipeline.name,
                                       .max_concurrency = settings_.bulk.max_concurrency,
                                       .log_operations = settings_.bulk.enable_operations_logging},
                    monitor, stats_, clock_, halt.get_token(), [&] { halt.request_stop(); });

  DocumentQueue queue(static_cast<std::size_t>(std::max(settings_.bulk.queue_max_size, 1)),
                      static_cast<std::size_t>(std::max(settings_.bulk.queue_max_mem_size, 1)) * kMiB,
                      [](const sources::Document& d) { return d.id.size() + d.json.size(); });

  std::exception_ptr source_error;
  SkipLog skips;
  std::jthread source_thread([&] {
    QueueSink sink(queue, skips, clock_, settings_.bulk.queue_refresh_timeout, halt.get_token());
    try {
      if (access_control) {
        source.get_access_control(sink, halt.get_token());
      } else {
        source.get_docs(request, sink, halt.get_token());
      }
    } catch (const core::StopRequested&) {
      // Stopped from outside; the writer reports why.
    } catch (...) {
      source_error = std::current_exception();
      halt.request_stop();
    }
    queue.close();
  });

  const DocumentDecorator decorator =
      access_control ? DocumentDecorator::for_access_control() : DocumentDecorator(settings_.pipeline);
  Batcher batcher(settings_, sender);
  const std::size_t max_document_bytes =
      static_cast<std::size_t>(std::max(settings_.bulk.max_text_document_size, 0)) * kMiB;
  const std::int64_t display_every = std::max(settings_.bulk.display_every, 1);

  try {
    std::optional<sources::Document> document;
    std::string decorated;
    while (true) {
      document.reset();
      const core::QueueStatus status = queue.pop(document, halt.get_token(), clock_.steady_now() + kPopWait);
      if (status == core::QueueStatus::kTimedOut) continue;
      if (status != core::QueueStatus::kOk) break;
      const std::int64_t extracted = ++stats_.docs_extracted;
      if (extracted % display_every == 0) {
        spdlog::debug("Sync progress -- created: {} | updated: {} | deleted: {}", stats_.creates_queued.load(),
                      stats_.updates_queued.load(), stats_.deletes_queued.load());
      }
      // Access-control documents are not hashed (Elastic's prepare_docs is for content only).
      const std::string id = access_control ? std::move(document->id) : effective_id(std::move(document->id));
      if (id.empty()) {
        spdlog::warn("Skipping a document without an id");
        continue;
      }
      if (rules && !passes_rules(*rules, settings_.pipeline, document->json, id)) {
        ++stats_.docs_filtered;
        continue;
      }
      bool exists = false;
      bool update = false;  // access control: a changed document is merged, not replaced
      if (access_control) {
        const auto found = existing_timestamps.find(id);
        if (found != existing_timestamps.end()) {
          const std::string current = timestamp_of(document->json);
          const bool unchanged = !current.empty() && current == found->second;
          existing_timestamps.erase(found);
          if (unchanged) {
            ++stats_.unchanged;
            continue;
          }
          exists = update = true;
        }
      } else {
        exists = full && existing.mark_seen(id);
      }
      std::string timestamp;  // added when the document is new and has none
      if (exists) {
        ++stats_.updates_queued;
      } else {
        ++stats_.creates_queued;
        if (!has_top_level_key(document->json, "_timestamp")) timestamp = core::format_python_utc(clock_.now());
      }
      const std::size_t expected = decorator.decorated_size(document->json, id, timestamp);
      if (max_document_bytes > 0 && expected > max_document_bytes) {
        ++stats_.dropped_too_large;
        spdlog::warn("Dropping document id={} index={}: {} bytes exceeds max_text_document_size ({} MiB)",
                     id, settings_.index_name, expected, settings_.bulk.max_text_document_size);
        continue;
      }
      if (update) {
        decorated.clear();
        decorator.append(decorated, document->json, id, timestamp);
        batcher.add_update(id, decorated);
      } else {
        decorator.append(batcher.begin_index(id, expected), document->json, id, timestamp);
        batcher.end_index();
      }
    }
    source_thread.join();
    if (source_error) std::rethrow_exception(source_error);
    if (halt.stop_requested()) {
      sender.drain();  // rethrows the sender's failure, if that is what stopped us
      throw core::StopRequested();
    }

    std::int64_t stale = 0;
    if (full) {
      index.scan_ids([](std::uint64_t) {},
                     [&](std::string_view id) {
                       if (existing.is_stale(id) && !skips.protects(id)) {
                         ++stale;
                         batcher.add_delete(id);
                       }
                     },
                     halt.get_token(), 5000);
    }
    if (access_control) {
      for (const auto& [id, timestamp] : existing_timestamps) {
        ++stale;
        batcher.add_delete(id);
      }
    }
    if (full || access_control) {
      stats_.deletes_queued += stale;
      spdlog::info("Deleting {} documents of index '{}' that the sync did not produce", stale,
                   settings_.index_name);
    }
    batcher.flush();
    sender.drain();
    if (!skips.empty()) throw PartialSyncError(skips.summary());
  } catch (...) {
    halt.request_stop();
    queue.close();
    throw;
  }
}

}  // namespace connectors::service
