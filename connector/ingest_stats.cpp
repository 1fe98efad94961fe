#include "connector/ingest_stats.hpp"

#include <algorithm>

namespace connectors::service {

std::vector<std::pair<std::string, std::int64_t>> IngestStats::counters() const {
  std::vector<std::pair<std::string, std::int64_t>> all = {
      {"bulk_item_responses.delete", delete_responses.load()},
      {"bulk_item_responses.docs_dropped", noop_results.load()},
      {"bulk_item_responses.index", index_responses.load()},
      {"bulk_item_responses.result_errors", item_errors.load()},
      {"bulk_item_responses.retried_after_429", item_retries.load()},
      {"bulk_item_responses.update", update_responses.load()},
      {"bulk_requests", bulk_requests.load()},
      {"deleted_document_count", deleted.load()},
      {"doc_creates_queued", creates_queued.load()},
      {"doc_deletes_queued", deletes_queued.load()},
      {"doc_updates_queued", updates_queued.load()},
      {"docs_dropped_too_large", dropped_too_large.load()},
      {"docs_extracted", docs_extracted.load()},
      {"docs_filtered", docs_filtered.load()},
      {"docs_unchanged", unchanged.load()},
      {"indexed_document_count", indexed.load()},
      {"indexed_document_volume", indexed_bytes.load()},
      {"result_successes", index_responses.load() + update_responses.load() + delete_responses.load() -
                               item_errors.load()},
  };
  std::sort(all.begin(), all.end());
  // Elastic only logs counters that were incremented.
  std::erase_if(all, [](const auto& c) { return c.second == 0; });
  return all;
}

}  // namespace connectors::service
