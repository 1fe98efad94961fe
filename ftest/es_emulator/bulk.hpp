#pragma once
// _bulk: NDJSON in, per-item results out.
//
//   body --parse_bulk--> [BulkAction...] --execute_bulk--> {"took","errors","items":[...]}
//
// Whole-request problems (no final newline, a malformed action line, nothing to do, a
// missing index or id, an id over 512 bytes: BulkRequest.validate()) fail the request
// with 400; everything else is reported per item, in request order, and the request still
// answers 200. An ItemGate can fail single items before they run (a 403 from --security,
// an injected 429).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ftest/es_emulator/doc_operations.hpp"
#include "ftest/es_emulator/server_stats.hpp"

namespace connectors::emulator {

struct BulkAction {
  enum class Type { Index, Create, Update, Delete };
  Type type = Type::Index;
  std::string index;
  std::string id;
  std::string_view source;  // the line after the action (not for delete)
  Concurrency concurrency;
  std::optional<std::string> pipeline;
};

std::string_view bulk_type_name(BulkAction::Type type);

struct BulkDefaults {
  std::string index;                    // from /{index}/_bulk
  std::optional<std::string> pipeline;  // ?pipeline=
};

// Throws EsError for whole-request failures. The actions point into `body`.
std::vector<BulkAction> parse_bulk(std::string_view body, const BulkDefaults& defaults);

struct BulkOptions {
  bool refresh = false;  // refresh=true|wait_for: refresh the touched indices afterwards
};

// Decides, before an item runs, that it fails with the returned error.
using ItemGate = std::function<std::optional<EsError>(const BulkAction&)>;

// Runs the actions and returns the response body. `gate` may be empty; `counts`, when
// given, receives what the items did.
std::string execute_bulk(DocOperations& operations, const std::vector<BulkAction>& actions,
                         const BulkOptions& options, std::chrono::steady_clock::time_point started,
                         const ItemGate& gate = {}, BulkCounts* counts = nullptr);

}  // namespace connectors::emulator
