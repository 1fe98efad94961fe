#include "ftest/es_emulator/server_stats.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

template <class Map>
json::object to_object(const Map& map) {
  json::object out;
  for (const auto& [key, value] : map) out[key] = value;
  return out;
}

}  // namespace

void ServerStats::record_request(std::string_view endpoint, unsigned status, std::uint64_t bytes_in,
                                 std::uint64_t bytes_out) {
  const std::string status_class = std::to_string(status / 100) + "xx";
  std::lock_guard lock(mutex_);
  auto it = endpoints_.find(endpoint);
  if (it == endpoints_.end()) it = endpoints_.emplace(std::string(endpoint), Endpoint{}).first;
  Endpoint& e = it->second;
  ++e.count;
  ++e.status[status_class];
  e.bytes_in += bytes_in;
  e.bytes_out += bytes_out;
}

void ServerStats::record_bulk(const BulkCounts& counts) {
  std::lock_guard lock(mutex_);
  ++bulk_requests_;
  bulk_.items += counts.items;
  for (const auto& [k, v] : counts.actions) bulk_.actions[k] += v;
  for (const auto& [k, v] : counts.results) bulk_.results[k] += v;
  for (const auto& [k, v] : counts.failures) bulk_.failures[k] += v;
}

void ServerStats::reset() {
  std::lock_guard lock(mutex_);
  endpoints_.clear();
  bulk_requests_ = 0;
  bulk_ = BulkCounts{};
}

json::object ServerStats::describe() const {
  std::lock_guard lock(mutex_);
  std::uint64_t total = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  json::object by_endpoint;
  for (const auto& [name, e] : endpoints_) {
    total += e.count;
    bytes_in += e.bytes_in;
    bytes_out += e.bytes_out;
    by_endpoint[name] = json::object{{"count", e.count},
                                     {"status", to_object(e.status)},
                                     {"bytes_in", e.bytes_in},
                                     {"bytes_out", e.bytes_out}};
  }
  return json::object{
      {"requests", json::object{{"total", total}, {"by_endpoint", std::move(by_endpoint)}}},
      {"bytes_in", bytes_in},
      {"bytes_out", bytes_out},
      {"bulk", json::object{{"requests", bulk_requests_},
                            {"items", bulk_.items},
                            {"actions", to_object(bulk_.actions)},
                            {"results", to_object(bulk_.results)},
                            {"failures", to_object(bulk_.failures)}}},
  };
}

}  // namespace connectors::emulator
