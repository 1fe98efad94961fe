#pragma once
// The index a connector syncs into: existence, creation, refresh, count, and a scan of the
// ids it holds (for deleting documents whose rows are gone).

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "protocol/es_client.hpp"

namespace connectors::protocol {

class ContentIndex {
 public:
  ContentIndex(EsClient& client, std::string name) : client_(client), name_(std::move(name)) {}

  const std::string& name() const { return name_; }

  // GET /{index}?ignore_unavailable=true: aliases count as existing.
  bool exists(std::stop_token stop);
  // PUT /{index} with no settings or mappings, as Elastic's 9.x service does. An index
  // created concurrently by someone else is not an error.
  void create(std::stop_token stop);
  void refresh(std::stop_token stop);
  std::int64_t count(std::stop_token stop);

  // Calls `on_total` once with the number of documents the scan will visit, then `on_id` for
  // each document id (scroll over `_id`s only, `_source: false`, `page_size` per page). The
  // scroll is cleared at the end, also on error.
  void scan_ids(const std::function<void(std::uint64_t total)>& on_total,
                const std::function<void(std::string_view id)>& on_id, std::stop_token stop,
                int page_size = 1000);

  // As scan_ids, with each document's `_timestamp` ("" when it has none): access-control
  // syncs skip documents whose timestamp did not change.
  void scan_timestamps(const std::function<void(std::string_view id, std::string_view timestamp)>& on_document,
                       std::stop_token stop, int page_size = 1000);

 private:
  void scan(const boost::json::value& source_filter, const std::function<void(std::uint64_t)>& on_total,
            const std::function<void(const boost::json::value& hit)>& on_hit, std::stop_token stop, int page_size);

  std::string target(std::string_view suffix) const;

  EsClient& client_;
  std::string name_;
};

}  // namespace connectors::protocol
