#pragma once
// All indices and aliases of the emulated cluster.
//
// Index expressions resolve as Elasticsearch resolves them: comma lists, '*' wildcards
// (hidden indices only with expand_wildcards=hidden|all, or when the pattern starts with a
// dot), '-' exclusions after a wildcard, aliases, _all; ignore_unavailable and
// allow_no_indices. Writes auto-create a missing index (action.auto_create_index=true).
//
// The connector system indices behave as Elasticsearch's templates make them:
// creating .elastic-connectors-v1 (or -sync-jobs-v1) makes a hidden index with its alias,
// and writing to the alias name when nothing exists creates the -v1 index behind it.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "ftest/es_emulator/id_generator.hpp"
#include "ftest/es_emulator/index.hpp"
#include "ftest/es_emulator/rest_types.hpp"

namespace connectors::emulator {

inline constexpr std::string_view kConnectorsIndex = ".elastic-connectors-v1";
inline constexpr std::string_view kConnectorsAlias = ".elastic-connectors";
inline constexpr std::string_view kSyncJobsIndex = ".elastic-connectors-sync-jobs-v1";
inline constexpr std::string_view kSyncJobsAlias = ".elastic-connectors-sync-jobs";

struct IndicesOptions {
  bool ignore_unavailable = false;
  bool allow_no_indices = true;
  bool expand_open = true;
  bool expand_hidden = false;

  // From ignore_unavailable, allow_no_indices and expand_wildcards.
  static IndicesOptions from_params(const Params& params, IndicesOptions defaults);
  static IndicesOptions from_params(const Params& params);
};

class Store {
 public:
  Store(const core::Clock& clock, IdGenerator& ids);

  // PUT /{index}. `body` may hold settings, mappings, aliases. Throws EsError 400
  // resource_already_exists_exception / invalid_index_name_exception.
  std::shared_ptr<Index> create_index(std::string_view name, const boost::json::object& body);
  // DELETE /{index} for one concrete name; throws index_not_found (404).
  void delete_index(std::string_view name);

  // Concrete index by name or single-index alias; null when absent.
  std::shared_ptr<Index> find(std::string_view name_or_alias) const;
  // The index a write to `name` goes to, created if missing. Throws EsError for invalid
  // names or an alias without a single write index.
  std::shared_ptr<Index> index_for_write(std::string_view name);

  // Resolves a search-style expression. Empty expression means all (non-hidden) indices.
  std::vector<std::shared_ptr<Index>> resolve(std::string_view expression,
                                              const IndicesOptions& options) const;

  // Aliases pointing at `index`.
  std::vector<std::string> aliases_of(std::string_view index) const;

  // Everything gone (POST /_features/_reset).
  void clear();

  core::SteadyTime steady_now() const { return clock_.steady_now(); }
  const core::Clock& clock() const { return clock_; }
  IdGenerator& ids() { return ids_; }

 private:
  std::shared_ptr<Index> create_locked(std::string_view name, const boost::json::object& body);

  const core::Clock& clock_;
  IdGenerator& ids_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Index>, std::less<>> indices_;
  std::map<std::string, std::vector<std::string>, std::less<>> aliases_;  // alias -> indices
};

// Glob with '*' only, as index and _source patterns use it.
bool wildcard_match(std::string_view pattern, std::string_view text);

}  // namespace connectors::emulator
