#pragma once
// The PostgreSQL source's configuration: the schema Kibana draws the form from (Elastic's
// PostgreSQLDataSource.get_default_configuration(), field for field), and the settings read
// from a stored configuration with Elastic's value rules (DataSourceConfiguration).

#include <cstdint>
#include <string>
#include <vector>

#include "sources/configuration.hpp"

namespace connectors::sources::postgresql {

inline constexpr std::int64_t kDefaultFetchSize = 50;   // DEFAULT_FETCH_SIZE
inline constexpr std::int64_t kDefaultRetryCount = 3;   // DEFAULT_RETRY_COUNT

// host, port, username, password, database, schema, tables, fetch_size, retry_count,
// ssl_enabled, ssl_ca: keys, labels, order, types, displays, values and defaults as upstream.
ConfigSchema postgresql_configuration_schema();

struct PostgresSettings {
  std::string host;
  int port = 5432;
  std::string username;
  std::string password;
  std::string database;
  std::string schema;
  // Split on commas, trimmed, empties dropped; ["*"] means every table of the schema.
  std::vector<std::string> tables;
  // Accepted for compatibility and unused: Elastic slices already-buffered pages with it,
  // while COPY streams rows one by one, so there is no batch size to choose.
  std::int64_t fetch_size = kDefaultFetchSize;
  // Attempts per operation (not retries after the first): upstream's `retries`.
  std::int64_t retry_count = kDefaultRetryCount;
  bool ssl_enabled = false;
  std::string ssl_ca;

  bool all_tables() const { return tables.size() == 1 && tables[0] == "*"; }
};

// Throws ConfigurationError when a value has the wrong type or a required one is missing.
PostgresSettings read_settings(const DataSourceConfiguration& configuration);

}  // namespace connectors::sources::postgresql
