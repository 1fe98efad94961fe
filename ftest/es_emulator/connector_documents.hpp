#pragma once
// The connector and sync-job documents as Elasticsearch's connector API writes them, and
// the request parts that go into them (configuration, scheduling, pipeline, features,
// last-sync stats), validated as its parsers validate them.
//
// Connector documents live in .elastic-connectors-v1 and sync jobs in
// .elastic-connectors-sync-jobs-v1, in the same store as everything else, so _search on
// the aliases and _update with if_seq_no see and change the same documents. API writes
// refresh at once (refresh=immediate).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/index.hpp"
#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {

inline constexpr std::string_view kManagedIndexPrefix = "content-";
inline constexpr std::string_view kAccessControlIndexPrefix = ".search-acl-filter-";

// The system index if it exists.
std::shared_ptr<Index> find_system_index(Store& store, std::string_view concrete);
// The system index, created (with its alias) if missing.
std::shared_ptr<Index> ensure_system_index(Store& store, std::string_view alias);

std::optional<boost::json::object> read_live(const Index& index, std::string_view id);

// Applies `partial` to document `id` with update-API semantics (recursive merge, arrays
// replaced; `detect_noop` reports an unchanged document as noop) and refreshes. When the
// document is missing, throws `missing()`. Returns "updated" or "noop".
std::string update_document(Index& index, Store& store, std::string_view id,
                            const boost::json::object& partial,
                            const std::function<EsError()>& missing, bool detect_noop = true);
// Writes the whole document (replacing it) and refreshes. Returns the write result.
WriteResult put_document(Index& index, Store& store, std::string_view id,
                         const boost::json::object& document);

// Removes document `id` and refreshes. Returns the write result (NotFound when missing).
WriteResult delete_document(Index& index, Store& store, std::string_view id);

// {"id":"<id>", <members of source>}
std::string with_id(std::string_view id, std::string_view source);

// The list endpoints' paging: negative `from` or `size` adds a problem for
// action_request_validation_exception.
void check_page(std::int64_t from, std::int64_t size, std::vector<std::string>& problems);
// {"count":<all entries>,"results":[...]} with entries [from, from + size), each with_id.
// Entry has string members `id` and `source`.
template <typename Entry>
std::string list_response(const std::vector<Entry>& entries, std::int64_t from,
                          std::int64_t size) {
  std::string out = "{\"count\":" + std::to_string(entries.size()) + ",\"results\":[";
  for (std::int64_t i = from; i < from + size && i < static_cast<std::int64_t>(entries.size());
       ++i) {
    if (i > from) out += ',';
    const Entry& entry = entries[static_cast<std::size_t>(i)];
    out += with_id(entry.id, entry.source);
  }
  out += "]}";
  return out;
}

struct ConnectorCreate {
  std::optional<std::string> description;
  std::optional<std::string> index_name;
  bool is_native = false;
  std::optional<std::string> language;
  std::optional<std::string> name;
  std::optional<std::string> service_type;
};
boost::json::object new_connector_document(const ConnectorCreate& request, const std::string& now);

// Validates and normalises a `configuration` map (field name -> field definition), adding
// the properties Elasticsearch always writes (default_value, required, sensitive, value).
boost::json::object parse_configuration(const boost::json::value& configuration);
// {"access_control"?, "full"?, "incremental"?}: each {enabled, interval (Quartz cron)}.
boost::json::object parse_scheduling(const boost::json::value& scheduling);
// {extract_binary_content, name, reduce_whitespace, run_ml_inference}, all required.
boost::json::object parse_pipeline(const boost::json::value& pipeline);
boost::json::object parse_features(const boost::json::value& features);
// The body of _last_sync, as the partial document to merge.
boost::json::object parse_last_sync(const boost::json::object& body);

// Throws EsError 400 action_request_validation_exception "connector_id cannot be null or empty".
void require_id(std::string_view id, std::string_view what);

}  // namespace connectors::emulator
