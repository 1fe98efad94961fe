#include "sources/postgresql/postgres_configuration.hpp"

namespace connectors::sources::postgresql {

ConfigSchema postgresql_configuration_schema() {
  ConfigSchema schema;
  auto add = [&](ConfigField field) { schema.push_back(std::move(field)); };
  add({.key = "host", .label = "Host", .order = 1, .type = FieldType::kStr});
  add({.key = "port", .label = "Port", .order = 2, .type = FieldType::kInt, .display = "numeric"});
  add({.key = "username", .label = "Username", .order = 3, .type = FieldType::kStr});
  add({.key = "password", .label = "Password", .order = 4, .type = FieldType::kStr, .sensitive = true});
  add({.key = "database", .label = "Database", .order = 5, .type = FieldType::kStr});
  add({.key = "schema", .label = "Schema", .order = 6, .type = FieldType::kStr});
  add({.key = "tables",
       .label = "Comma-separated list of tables",
       .order = 7,
       .type = FieldType::kList,
       .display = "textarea",
       .value = "*",
       .tooltip = "This configurable field is ignored when Advanced Sync Rules are used."});
  add({.key = "fetch_size",
       .label = "Rows fetched per request",
       .order = 8,
       .type = FieldType::kInt,
       .display = "numeric",
       .default_value = kDefaultFetchSize,
       .required = false,
       .ui_restrictions = {"advanced"}});
  add({.key = "retry_count",
       .label = "Retries per request",
       .order = 9,
       .type = FieldType::kInt,
       .display = "numeric",
       .default_value = kDefaultRetryCount,
       .required = false,
       .ui_restrictions = {"advanced"}});
  add({.key = "ssl_enabled",
       .label = "Enable SSL verification",
       .order = 10,
       .type = FieldType::kBool,
       .display = "toggle",
       .value = false});
  add({.key = "ssl_ca",
       .label = "SSL certificate",
       .order = 11,
       .type = FieldType::kStr,
       .depends_on = {DependsOn{"ssl_enabled", true}}});
  return schema;
}

PostgresSettings read_settings(const DataSourceConfiguration& configuration) {
  PostgresSettings settings;
  settings.host = configuration.get_string("host");
  const auto port = configuration.get_int("port");
  if (!port) throw ConfigurationError("ConfigurableFieldValueError", "Field validation errors: 'Port' cannot be empty.");
  if (*port < 1 || *port > 65535) {
    throw ConfigurationError("ConfigurableFieldValueError",
                             "Field validation errors: 'Port' value '" + std::to_string(*port) +
                                 "' is not a valid port.");
  }
  settings.port = static_cast<int>(*port);
  settings.username = configuration.get_string("username");
  settings.password = configuration.get_string("password");
  settings.database = configuration.get_string("database");
  settings.schema = configuration.get_string("schema");
  settings.tables = configuration.get_list("tables");
  settings.fetch_size = configuration.get_int("fetch_size").value_or(kDefaultFetchSize);
  settings.retry_count = configuration.get_int("retry_count").value_or(kDefaultRetryCount);
  settings.ssl_enabled = configuration.get_bool("ssl_enabled");
  if (settings.ssl_enabled) settings.ssl_ca = configuration.get_string("ssl_ca");
  return settings;
}

}  // namespace connectors::sources::postgresql
