#include "sources/configuration.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace connectors::sources {
namespace {

namespace json = boost::json;

ConfigSchema schema() {
  ConfigField host{.key = "host", .label = "Host", .order = 1};
  ConfigField port{.key = "port", .label = "Port", .order = 2, .type = FieldType::kInt, .display = "numeric"};
  ConfigField tables{.key = "tables", .label = "Comma-separated list of tables", .order = 3,
                     .type = FieldType::kList, .display = "textarea", .value = "*"};
  tables.tooltip = "ignored";
  ConfigField fetch_size{.key = "fetch_size", .label = "Rows fetched per request", .order = 4,
                         .type = FieldType::kInt, .display = "numeric", .default_value = 50,
                         .required = false};
  fetch_size.ui_restrictions = {"advanced"};
  ConfigField ssl_enabled{.key = "ssl_enabled", .label = "Enable SSL verification", .order = 5,
                          .type = FieldType::kBool, .display = "toggle", .value = false};
  ConfigField ssl_ca{.key = "ssl_ca", .label = "SSL certificate", .order = 6};
  ssl_ca.depends_on = {{"ssl_enabled", true}};
  return {host, port, tables, fetch_size, ssl_enabled, ssl_ca};
}

json::object values(std::string_view text) {
  // Start from the schema's own configuration, then set values as Kibana would.
  json::object config = to_configuration_json(schema());
  const json::value parsed = json::parse(text);
  for (const auto& [key, value] : parsed.as_object()) {
    config[key].as_object()["value"] = value;
  }
  return config;
}

TEST(ConfigurationJson, HasAllThirteenPropertiesInElasticsOrder) {
  const json::object config = to_configuration_json(schema());
  const json::object& tables = config.at("tables").as_object();
  std::vector<std::string> keys;
  for (const auto& kv : tables) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"default_value", "depends_on", "display", "label",
                                            "options", "order", "required", "sensitive", "tooltip",
                                            "type", "ui_restrictions", "validations", "value"}));
  EXPECT_EQ(json::serialize(tables),
            R"({"default_value":null,"depends_on":[],"display":"textarea","label":"Comma-separated list of tables","options":[],"order":3,"required":true,"sensitive":false,"tooltip":"ignored","type":"list","ui_restrictions":[],"validations":[],"value":"*"})");
  EXPECT_EQ(json::serialize(config.at("ssl_ca").at("depends_on")), R"([{"field":"ssl_enabled","value":true}])");
}

TEST(ConfigurationJson, EmptyLabelBecomesTheUpperCasedKey) {
  ConfigField f{.key = "api_token"};
  EXPECT_EQ(to_configuration_json(f).at("label").as_string(), "API_TOKEN");
}

TEST(DataSourceConfiguration, ReadsTypedValues) {
  DataSourceConfiguration c(
      values(R"({"host":"db","port":"5432","tables":" a, b ,,c ","ssl_enabled":true,"ssl_ca":"pem"})"),
      schema());
  EXPECT_EQ(c.get_string("host"), "db");
  EXPECT_EQ(c.get_int("port"), 5432);
  EXPECT_EQ(c.get_list("tables"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(c.get_bool("ssl_enabled"));
  EXPECT_NO_THROW(c.check_valid());
}

TEST(DataSourceConfiguration, EmptyOptionalFieldReadsItsDefault) {
  DataSourceConfiguration c(values(R"({"host":"db","port":1,"fetch_size":""})"), schema());
  EXPECT_EQ(c.get_int("fetch_size"), 50);
  DataSourceConfiguration set(values(R"({"host":"db","port":1,"fetch_size":7})"), schema());
  EXPECT_EQ(set.get_int("fetch_size"), 7);
}

TEST(DataSourceConfiguration, WildcardTablesStayAList) {
  DataSourceConfiguration c(values(R"({"host":"db","port":1})"), schema());
  EXPECT_EQ(c.get_list("tables"), (std::vector<std::string>{"*"}));
}

TEST(DataSourceConfiguration, ReportsEveryEmptyRequiredFieldWithElasticsMessage) {
  DataSourceConfiguration c(values(R"({"host":"","port":null})"), schema());
  try {
    c.check_valid();
    FAIL() << "expected an error";
  } catch (const ConfigurationError& e) {
    EXPECT_EQ(e.kind(), "ConfigurableFieldValueError");
    EXPECT_EQ(e.message(), "Field validation errors: 'Host' cannot be empty.; 'Port' cannot be empty.");
  }
}

TEST(DataSourceConfiguration, DependentFieldIsOnlyRequiredWhenItsDependencyHolds) {
  DataSourceConfiguration off(values(R"({"host":"h","port":1,"ssl_enabled":false,"ssl_ca":""})"), schema());
  EXPECT_NO_THROW(off.check_valid());
  DataSourceConfiguration on(values(R"({"host":"h","port":1,"ssl_enabled":true,"ssl_ca":""})"), schema());
  EXPECT_THROW(on.check_valid(), ConfigurationError);
}

TEST(DataSourceConfiguration, UnconvertibleValueIsReportedWithItsLabel) {
  DataSourceConfiguration c(values(R"({"host":"h","port":"abc"})"), schema());
  try {
    c.check_valid();
    FAIL() << "expected an error";
  } catch (const ConfigurationError& e) {
    EXPECT_EQ(e.message(), "Field validation errors: 'Port' value 'abc' is not a valid int.");
  }
}

TEST(DataSourceConfiguration, MissingFieldsAreNamed) {
  json::object stored = values(R"({"host":"h"})");
  stored.erase("port");
  stored.erase("ssl_ca");
  DataSourceConfiguration c(stored, schema());
  try {
    c.check_fields_present();
    FAIL() << "expected an error";
  } catch (const ConfigurationError& e) {
    EXPECT_EQ(e.kind(), "MalformedConfigurationError");
    EXPECT_EQ(e.message(), "Connector has missing configuration fields: port, ssl_ca");
  }
}

TEST(DataSourceConfiguration, ValidationsUseElasticsMessages) {
  json::object stored = values(R"({"host":"h","port":70000})");
  stored["port"].as_object()["validations"] =
      json::parse(R"([{"type":"less_than","constraint":65536},{"type":"greater_than","constraint":0}])");
  DataSourceConfiguration c(stored, schema());
  try {
    c.check_valid();
    FAIL() << "expected an error";
  } catch (const ConfigurationError& e) {
    EXPECT_EQ(e.message(), "Field validation errors: 'Port' value '70000' should be less than 65536.");
  }
}

TEST(DataSourceConfiguration, SchemaTypeWinsOverTheStoredType) {
  json::object stored = values(R"({"host":"h","port":"15"})");
  stored["port"].as_object()["type"] = "str";
  DataSourceConfiguration c(stored, schema());
  EXPECT_EQ(c.get_int("port"), 15);
}

}  // namespace
}  // namespace connectors::sources
