#include "connector/actions.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "connector/command_line.hpp"

namespace connectors::service {
namespace {

sources::SourceRegistry make_registry() {
  sources::SourceDescriptor demo;
  demo.service_type = "demo";
  demo.name = "Démo";
  sources::ConfigField host;
  host.key = "host";
  host.label = "Host";
  host.order = 1;
  sources::ConfigField ca;
  ca.key = "ssl_ca";
  ca.order = 2;
  ca.required = false;
  ca.depends_on = {{"ssl_enabled", true}};
  ca.tooltip = "PEM \"bundle\"";
  ca.ui_restrictions = {"advanced"};
  demo.configuration = {host, ca};

  sources::SourceDescriptor other;
  other.service_type = "other";
  other.name = "Other";

  sources::SourceRegistry registry;
  registry.add(std::move(demo));
  registry.add(std::move(other));
  return registry;
}

TEST(Actions, ListPrintsEveryRegisteredSource) {
  std::ostringstream out;
  print_sources(make_registry(), out);
  EXPECT_EQ(out.str(), "Registered connectors:\n- Démo\n- Other\nBye\n");
}

TEST(Actions, ConfigPrintsTheDefaultConfigurationAsPythonDoes) {
  std::ostringstream out;
  print_default_configuration(make_registry(), "demo", out);
  EXPECT_EQ(out.str(),
            "Getting default configuration for service type demo\n"
            "{\n"
            "  \"host\": {\n"
            "    \"default_value\": null,\n"
            "    \"depends_on\": [],\n"
            "    \"display\": \"text\",\n"
            "    \"label\": \"Host\",\n"
            "    \"options\": [],\n"
            "    \"order\": 1,\n"
            "    \"required\": true,\n"
            "    \"sensitive\": false,\n"
            "    \"tooltip\": null,\n"
            "    \"type\": \"str\",\n"
            "    \"ui_restrictions\": [],\n"
            "    \"validations\": [],\n"
            "    \"value\": \"\"\n"
            "  },\n"
            "  \"ssl_ca\": {\n"
            "    \"default_value\": null,\n"
            "    \"depends_on\": [\n"
            "      {\n"
            "        \"field\": \"ssl_enabled\",\n"
            "        \"value\": true\n"
            "      }\n"
            "    ],\n"
            "    \"display\": \"text\",\n"
            "    \"label\": \"SSL_CA\",\n"
            "    \"options\": [],\n"
            "    \"order\": 2,\n"
            "    \"required\": false,\n"
            "    \"sensitive\": false,\n"
            "    \"tooltip\": \"PEM \\\"bundle\\\"\",\n"
            "    \"type\": \"str\",\n"
            "    \"ui_restrictions\": [\n"
            "      \"advanced\"\n"
            "    ],\n"
            "    \"validations\": [],\n"
            "    \"value\": \"\"\n"
            "  }\n"
            "}\n"
            "Bye\n");
}

TEST(Actions, UnknownServiceTypeNamesTheKnownOnes) {
  std::ostringstream out;
  try {
    print_default_configuration(make_registry(), "mysql", out);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_EQ(e.message(),
              "Could not find a connector for service type mysql (this build has: demo, other)");
  }
  EXPECT_EQ(out.str(), "Getting default configuration for service type mysql\n");
}

}  // namespace
}  // namespace connectors::service
