#include "sources/postgresql/postgres_configuration.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/testing/manual_clock.hpp"
#include "sources/postgresql/postgres_source.hpp"

namespace connectors::sources::postgresql {
namespace {

namespace json = boost::json;

// Elastic's PostgreSQLDataSource.get_default_configuration() merged into DEFAULT_CONFIGURATION
// by get_simple_configuration(): what a connector document holds before values are set.
constexpr const char* kElasticConfiguration = R"({
  "host": {"default_value": null, "depends_on": [], "display": "text", "label": "Host",
           "options": [], "order": 1, "required": true, "sensitive": false, "tooltip": null,
           "type": "str", "ui_restrictions": [], "validations": [], "value": ""},
  "port": {"default_value": null, "depends_on": [], "display": "numeric", "label": "Port",
           "options": [], "order": 2, "required": true, "sensitive": false, "tooltip": null,
           "type": "int", "ui_restrictions": [], "validations": [], "value": ""},
  "username": {"default_value": null, "depends_on": [], "display": "text", "label": "Username",
               "options": [], "order": 3, "required": true, "sensitive": false, "tooltip": null,
               "type": "str", "ui_restrictions": [], "validations": [], "value": ""},
  "password": {"default_value": null, "depends_on": [], "display": "text", "label": "Password",
               "options": [], "order": 4, "required": true, "sensitive": true, "tooltip": null,
               "type": "str", "ui_restrictions": [], "validations": [], "value": ""},
  "database": {"default_value": null, "depends_on": [], "display": "text", "label": "Database",
               "options": [], "order": 5, "required": true, "sensitive": false, "tooltip": null,
               "type": "str", "ui_restrictions": [], "validations": [], "value": ""},
  "schema": {"default_value": null, "depends_on": [], "display": "text", "label": "Schema",
             "options": [], "order": 6, "required": true, "sensitive": false, "tooltip": null,
             "type": "str", "ui_restrictions": [], "validations": [], "value": ""},
  "tables": {"default_value": null, "depends_on": [], "display": "textarea",
             "label": "Comma-separated list of tables", "options": [], "order": 7, "required": true,
             "sensitive": false,
             "tooltip": "This configurable field is ignored when Advanced Sync Rules are used.",
             "type": "list", "ui_restrictions": [], "validations": [], "value": "*"},
  "fetch_size": {"default_value": 50, "depends_on": [], "display": "numeric",
                 "label": "Rows fetched per request", "options": [], "order": 8, "required": false,
                 "sensitive": false, "tooltip": null, "type": "int", "ui_restrictions": ["advanced"],
                 "validations": [], "value": ""},
  "retry_count": {"default_value": 3, "depends_on": [], "display": "numeric",
                  "label": "Retries per request", "options": [], "order": 9, "required": false,
                  "sensitive": false, "tooltip": null, "type": "int", "ui_restrictions": ["advanced"],
                  "validations": [], "value": ""},
  "ssl_enabled": {"default_value": null, "depends_on": [], "display": "toggle",
                  "label": "Enable SSL verification", "options": [], "order": 10, "required": true,
                  "sensitive": false, "tooltip": null, "type": "bool", "ui_restrictions": [],
                  "validations": [], "value": false},
  "ssl_ca": {"default_value": null, "depends_on": [{"field": "ssl_enabled", "value": true}],
             "display": "text", "label": "SSL certificate", "options": [], "order": 11,
             "required": true, "sensitive": false, "tooltip": null, "type": "str",
             "ui_restrictions": [], "validations": [], "value": ""}
})";

TEST(PostgresConfiguration, SchemaEqualsElastics) {
  const json::object ours = to_configuration_json(postgresql_configuration_schema());
  const json::object expected = json::parse(kElasticConfiguration).as_object();
  ASSERT_EQ(ours.size(), 11u);
  for (const auto& [key, field] : expected) {
    ASSERT_TRUE(ours.contains(key)) << key;
    EXPECT_EQ(ours.at(key).as_object().size(), 13u) << key;
    EXPECT_EQ(ours.at(key), field) << key << ": " << json::serialize(ours.at(key));
  }
  // Keys in Elastic's order.
  std::vector<std::string> keys;
  for (const auto& entry : ours) keys.emplace_back(entry.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"host", "port", "username", "password", "database", "schema",
                                            "tables", "fetch_size", "retry_count", "ssl_enabled", "ssl_ca"}));
}

// The ftest's connector.json values.
json::object ftest_configuration() {
  json::object configuration = to_configuration_json(postgresql_configuration_schema());
  auto set = [&](const char* key, json::value value) { configuration[key].as_object()["value"] = value; };
  set("host", "127.0.0.1");
  set("port", 9090);
  set("username", "readonly");
  set("password", "foobar123");
  set("database", "xe");
  set("schema", "public");
  set("tables", "*");
  set("fetch_size", nullptr);
  set("retry_count", nullptr);
  set("ssl_enabled", false);
  set("ssl_ca", "");
  return configuration;
}

TEST(PostgresConfiguration, ReadsTheFtestValuesWithDefaults) {
  const DataSourceConfiguration configuration(ftest_configuration(), postgresql_configuration_schema());
  configuration.check_fields_present();
  configuration.check_valid();
  const PostgresSettings settings = read_settings(configuration);
  EXPECT_EQ(settings.host, "127.0.0.1");
  EXPECT_EQ(settings.port, 9090);
  EXPECT_EQ(settings.username, "readonly");
  EXPECT_EQ(settings.database, "xe");
  EXPECT_EQ(settings.schema, "public");
  EXPECT_TRUE(settings.all_tables());
  EXPECT_EQ(settings.fetch_size, 50);
  EXPECT_EQ(settings.retry_count, 3);
  EXPECT_FALSE(settings.ssl_enabled);
}

TEST(PostgresConfiguration, TablesListAndSslCaDependency) {
  json::object stored = ftest_configuration();
  stored["tables"].as_object()["value"] = " customers_0, ,Special , ";
  stored["ssl_enabled"].as_object()["value"] = true;
  const DataSourceConfiguration configuration(stored, postgresql_configuration_schema());
  // ssl_ca is required once SSL is on.
  try {
    configuration.check_valid();
    FAIL();
  } catch (const ConfigurationError& e) {
    EXPECT_EQ(e.message(), "Field validation errors: 'SSL certificate' cannot be empty.");
  }
  const PostgresSettings settings = read_settings(configuration);
  EXPECT_EQ(settings.tables, (std::vector<std::string>{"customers_0", "Special"}));
  EXPECT_FALSE(settings.all_tables());
}

// The checks a sync (and the service's health pass) runs before connecting, with Elastic's
// messages: DataSourceConfiguration's, through the source.
std::string validation_error(const json::object& stored) {
  const DataSourceConfiguration configuration(stored, postgresql_configuration_schema());
  PostgresSource source(configuration, std::make_shared<core::testing::ManualClock>());
  try {
    source.validate_config();
    return "<valid>";
  } catch (const ConfigurationError& e) {
    return e.kind() + ": " + e.message();
  }
}

TEST(PostgresConfiguration, ValidationMessagesEndToEnd) {
  // A connector Kibana just created: every required value empty, in the schema's order.
  EXPECT_EQ(validation_error(to_configuration_json(postgresql_configuration_schema())),
            "ConfigurableFieldValueError: Field validation errors: 'Host' cannot be empty.; 'Port' cannot be "
            "empty.; 'Username' cannot be empty.; 'Password' cannot be empty.; 'Database' cannot be empty.; "
            "'Schema' cannot be empty.");
  EXPECT_EQ(validation_error(ftest_configuration()), "<valid>");

  json::object missing = ftest_configuration();
  missing.erase("ssl_ca");
  missing.erase("retry_count");
  EXPECT_EQ(validation_error(missing),
            "MalformedConfigurationError: Connector has missing configuration fields: retry_count, ssl_ca");

  json::object ssl = ftest_configuration();
  ssl["ssl_enabled"].as_object()["value"] = true;
  EXPECT_EQ(validation_error(ssl), "ConfigurableFieldValueError: Field validation errors: 'SSL certificate' cannot "
                                   "be empty.");

  json::object port = ftest_configuration();
  port["port"].as_object()["value"] = "not a port";
  EXPECT_EQ(validation_error(port),
            "ConfigurableFieldValueError: Field validation errors: 'Port' value 'not a port' is not a valid int.");
}

TEST(PostgresConfiguration, ValueRules) {
  json::object stored = ftest_configuration();
  stored["fetch_size"].as_object()["value"] = "";   // empty: the default
  stored["retry_count"].as_object()["value"] = "5";  // Kibana sends numbers as text too
  stored["port"].as_object()["value"] = "5433";
  stored["tables"].as_object()["value"] = json::array{"a", "b"};
  const DataSourceConfiguration configuration(stored, postgresql_configuration_schema());
  const PostgresSettings settings = read_settings(configuration);
  EXPECT_EQ(settings.fetch_size, 50);
  EXPECT_EQ(settings.retry_count, 5);
  EXPECT_EQ(settings.port, 5433);
  EXPECT_EQ(settings.tables, (std::vector<std::string>{"a", "b"}));
  // "*" in any spelling the splitter leaves as ["*"] means every table.
  stored["tables"].as_object()["value"] = " * ,";
  EXPECT_TRUE(read_settings(DataSourceConfiguration(stored, postgresql_configuration_schema())).all_tables());
}

TEST(PostgresConfiguration, RejectsAnOutOfRangePort) {
  json::object stored = ftest_configuration();
  stored["port"].as_object()["value"] = 70000;
  const DataSourceConfiguration configuration(stored, postgresql_configuration_schema());
  EXPECT_THROW(read_settings(configuration), ConfigurationError);
}

}  // namespace
}  // namespace connectors::sources::postgresql
