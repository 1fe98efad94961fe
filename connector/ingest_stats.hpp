#pragma once
// A job's counters, shared by the pipeline's threads and read by the progress reporter.
// Logged at the end of the job under Elastic's counter names ("--- Counters ---").

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "protocol/sync_job_index.hpp"

namespace connectors::service {

struct IngestStats {
  std::atomic<std::int64_t> docs_extracted{0};      // documents the source produced
  std::atomic<std::int64_t> docs_filtered{0};       // excluded by basic sync rules
  std::atomic<std::int64_t> dropped_too_large{0};   // over max_text_document_size, not sent
  std::atomic<std::int64_t> unchanged{0};           // access control: same _timestamp, not sent
  std::atomic<std::int64_t> creates_queued{0};      // index operations for documents not in the index
  std::atomic<std::int64_t> updates_queued{0};      // index/update operations for documents in it
  std::atomic<std::int64_t> deletes_queued{0};
  std::atomic<std::int64_t> index_responses{0};     // _bulk items answered, by action
  std::atomic<std::int64_t> update_responses{0};
  std::atomic<std::int64_t> delete_responses{0};
  std::atomic<std::int64_t> noop_results{0};        // accepted but not written (e.g. dropped by a pipeline)
  std::atomic<std::int64_t> indexed{0};             // index/update operations Elasticsearch accepted
  std::atomic<std::int64_t> deleted{0};             // delete operations that removed a document
  std::atomic<std::int64_t> indexed_bytes{0};       // JSON bytes of the accepted documents
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

  // Every counter by Elastic's name where it has one (bulk_item_responses.*, doc_*_queued,
  // docs_*, result_successes...), sorted by name as Elastic logs them.
  std::vector<std::pair<std::string, std::int64_t>> counters() const;
};

}  // namespace connectors::service
