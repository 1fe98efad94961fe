#pragma once
// A job's counters, shared by the pipeline's threads and read by the progress reporter.

#include <atomic>
#include <cstdint>

#include "protocol/sync_job_index.hpp"

namespace connectors::service {

struct IngestStats {
  std::atomic<std::int64_t> docs_extracted{0};      // documents the source produced
  std::atomic<std::int64_t> indexed{0};             // index operations Elasticsearch accepted
  std::atomic<std::int64_t> deleted{0};             // delete operations that removed a document
  std::atomic<std::int64_t> indexed_bytes{0};       // JSON bytes of the accepted documents
  std::atomic<std::int64_t> dropped_too_large{0};   // over max_text_document_size, not sent
  std::atomic<std::int64_t> item_errors{0};         // operations Elasticsearch rejected
  std::atomic<std::int64_t> item_retries{0};        // rejected (429) operations sent again
  std::atomic<std::int64_t> bulk_requests{0};

  // The protocol's figures: indexed_document_volume is in MiB, rounded (Elastic's unit).
  protocol::IngestionStats snapshot() const {
    protocol::IngestionStats s;
    s.indexed_document_count = indexed.load();
    s.deleted_document_count = deleted.load();
    s.indexed_document_volume = (indexed_bytes.load() + (std::int64_t{1} << 19)) >> 20;
    return s;
  }
};

}  // namespace connectors::service
