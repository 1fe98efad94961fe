#pragma once
// Counters for /_emulator/stats: requests by endpoint (API name from api_catalog) and
// status class, request and response body bytes, and _bulk items by action and outcome.
// Thread-safe; reset only by DELETE /_emulator/stats (not by _features/_reset).

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace connectors::emulator {

// What one _bulk request did, item by item.
struct BulkCounts {
  std::uint64_t items = 0;
  std::map<std::string, std::uint64_t, std::less<>> actions;  // index, create, update, delete
  std::map<std::string, std::uint64_t, std::less<>>
      results;  // created, updated, deleted, noop, not_found
  std::map<std::string, std::uint64_t, std::less<>> failures;  // error type -> count
};

class ServerStats {
 public:
  // `bytes_in`: request target and body; `bytes_out`: response body.
  void record_request(std::string_view endpoint, unsigned status, std::uint64_t bytes_in,
                      std::uint64_t bytes_out);
  void record_bulk(const BulkCounts& counts);
  void reset();

  // {"requests":{"total":n,"by_endpoint":{"bulk":{"count","status":{"2xx":n},"bytes_in","bytes_out"}}},
  //  "bytes_in":n,"bytes_out":n,"bulk":{"requests","items","actions":{..},"results":{..},"failures":{..}}}
  boost::json::object describe() const;

 private:
  struct Endpoint {
    std::uint64_t count = 0;
    std::map<std::string, std::uint64_t> status;  // "2xx", "4xx"...
    std::uint64_t bytes_in = 0;
    std::uint64_t bytes_out = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::string, Endpoint, std::less<>> endpoints_;
  std::uint64_t bulk_requests_ = 0;
  BulkCounts bulk_;
};

}  // namespace connectors::emulator
