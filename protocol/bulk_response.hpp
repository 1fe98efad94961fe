#pragma once
// A _bulk response, item by item. Pure: parses bytes, classifies outcomes.
//
// Elasticsearch answers 200 even when items fail; each item says what happened to it.
// A delete of a missing document is `not_found` (404) and is not an error.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace connectors::protocol {

enum class BulkOp { kIndex, kCreate, kUpdate, kDelete };

struct BulkItemResult {
  BulkOp op = BulkOp::kIndex;
  std::string id;
  unsigned status = 0;
  std::string result;        // created | updated | deleted | noop | not_found; empty on error
  std::string error_type;    // empty when the item succeeded
  std::string error_reason;

  bool failed() const { return !error_type.empty() || (status >= 300 && result != "not_found"); }
  // Rejected under load: the item can be sent again.
  bool retryable() const { return status == 429; }
};

struct BulkResponse {
  bool errors = false;
  std::vector<BulkItemResult> items;
};

// Throws core::Error("BulkResponseError", ...) when `body` is not a _bulk response.
BulkResponse parse_bulk_response(std::string_view body);

}  // namespace connectors::protocol
