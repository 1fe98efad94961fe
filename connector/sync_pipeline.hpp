#pragma once
// One sync, from the source to the index.
//
//   [existing ids] ContentIndex::scan_ids --> IdFingerprints            (full syncs)
//                  ContentIndex::scan_timestamps --> id -> _timestamp   (access-control syncs)
//
//   source thread:  Source::get_docs / get_access_control --put()--> BoundedQueue<Document>
//                                                               (items and bytes bound)
//   this thread:    pop --> basic sync rules (excluded: dropped, not marked seen)
//                       --> DocumentDecorator --> BulkBatch (chunk_size lines / chunk_max_mem_size)
//                                                     --> BulkSender (max_concurrency in flight)
//
//   [stale ids]     ContentIndex::scan_ids --is_stale()--> delete operations --> BulkSender
//
// Full syncs index every document and delete the ones the source no longer has (or the
// rules now exclude). Incremental syncs index what the source gives and delete nothing.
// Access-control syncs skip documents whose `_timestamp` did not change, update changed ones
// (doc_as_upsert), index new ones and delete the rest.
//
// The queue is the backpressure: a source that reads faster than Elasticsearch indexes waits
// in put(). Memory is bounded by the queue, the batches in flight and 16 bytes per document
// already in the index. Any thread's failure stops the others; run() rethrows it. Parts the
// source skipped (DocumentSink::skip) keep their documents and make run() throw
// PartialSyncError at the end, after everything else is synced.

#include <memory>
#include <stop_token>
#include <string>

#include "connector/basic_rules.hpp"
#include "connector/config.hpp"
#include "connector/ingest_stats.hpp"
#include "core/clock.hpp"
#include "protocol/connector_document.hpp"
#include "protocol/es_client.hpp"
#include "sources/source.hpp"

namespace connectors::service {

enum class SyncMode { kFull, kIncremental, kAccessControl };

struct SyncSettings {
  std::string index_name;
  protocol::PipelineSettings pipeline;
  BulkConfig bulk;
  SyncMode mode = SyncMode::kFull;
  // The job's basic sync rules (content syncs of connectors with sync rules); null: none.
  std::shared_ptr<const BasicRules> rules;
};

// The source could not read everything (DocumentSink::skip): the rest was synced, the
// documents of the unread parts were kept, and the job must say so.
class PartialSyncError : public core::Error {
 public:
  explicit PartialSyncError(std::string message) : core::Error("PartialSyncError", std::move(message)) {}
};

// The queue stayed full for bulk.queue_refresh_timeout: Elasticsearch is not keeping up.
class ElasticsearchOverloaded : public core::Error {
 public:
  ElasticsearchOverloaded();
};

class SyncPipeline {
 public:
  SyncPipeline(protocol::EsClient& client, core::Clock& clock, SyncSettings settings,
               IngestStats& stats);

  // Runs the sync to its end. Throws the first failure (source, Elasticsearch, error budget),
  // core::StopRequested when `stop` fires first.
  void run(sources::Source& source, const sources::SyncRequest& request, std::stop_token stop);

 private:
  protocol::EsClient& client_;
  core::Clock& clock_;
  SyncSettings settings_;
  IngestStats& stats_;
};

}  // namespace connectors::service
