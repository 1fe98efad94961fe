#pragma once
// The service's reads and writes of connector documents.
//
// Reads and guarded writes go to the `.elastic-connectors` alias directly, as Elastic's
// service does: the `_connector` API has no way to make a write conditional on
// `_seq_no`/`_primary_term`, and the protocol depends on such writes (preparing a connector,
// claiming the right to sync it). The heartbeat uses the `_connector` API.

#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "protocol/connector_document.hpp"
#include "protocol/es_client.hpp"

namespace connectors::protocol {

inline constexpr std::string_view kConnectorsIndex = ".elastic-connectors";
inline constexpr std::string_view kConnectorsConcreteIndex = ".elastic-connectors-v1";
inline constexpr std::string_view kJobsIndex = ".elastic-connectors-sync-jobs";
inline constexpr std::string_view kJobsConcreteIndex = ".elastic-connectors-sync-jobs-v1";

// Creates `.elastic-connectors-v1` and `.elastic-connectors-sync-jobs-v1` when missing (HEAD,
// then PUT with no body so that Elasticsearch's own templates apply).
void ensure_system_indices(EsClient& client, std::stop_token stop);

// A guarded write found the document changed since it was read (HTTP 409).
class VersionConflict : public core::Error {
 public:
  explicit VersionConflict(std::string message) : core::Error("VersionConflict", std::move(message)) {}
};

class ConnectorIndex {
 public:
  explicit ConnectorIndex(EsClient& client) : client_(client) {}

  // Connectors whose id is in `ids`, or (worker mode) whose service_type is in
  // `service_types` and that are not native; never soft-deleted ones. Both empty: none.
  std::vector<ConnectorDocument> find(const std::vector<std::string>& ids,
                                      const std::vector<std::string>& service_types,
                                      std::stop_token stop);

  // Real-time read with the concurrency token; nullopt when the document does not exist.
  std::optional<ConnectorDocument> get(const std::string& id, std::stop_token stop);

  // Partial update (`{"doc": ...}`). With `expected`, the write lands only if the document is
  // unchanged since it was read; otherwise throws VersionConflict.
  void update(const std::string& id, const boost::json::object& doc,
              const std::optional<SeqNo>& expected, std::stop_token stop);

  // PUT _connector/{id}/_check_in: Elasticsearch sets last_seen.
  void check_in(const std::string& id, std::stop_token stop);

  // PUT _connector/{id}/_filtering/_validation: the draft's validation result
  // ({"state": ..., "errors": [...]}).
  void update_filtering_validation(const std::string& id, const boost::json::object& validation,
                                   std::stop_token stop);
  // PUT _connector/{id}/_filtering/_activate: the (valid) draft becomes the active filtering.
  void activate_filtering(const std::string& id, std::stop_token stop);

  // Every connector id in the index, soft-deleted ones included (orphaned-job cleanup).
  std::vector<std::string> all_ids(std::stop_token stop);

 private:
  EsClient& client_;
};

// Fetches every hit of a search by paging with from/size, as Elastic's get_all_docs does.
// `body` is the search body without from/size. The index is searched with
// expand_wildcards=hidden (system indices are hidden).
std::vector<boost::json::value> search_all(EsClient& client, std::string_view index,
                                           const boost::json::object& body, std::stop_token stop,
                                           std::size_t page_size = 100);

}  // namespace connectors::protocol
