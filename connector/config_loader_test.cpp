#include "connector/config_loader.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

namespace connectors::service {
namespace {

using namespace std::chrono_literals;

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

struct Loaded {
  Config config;
  std::vector<std::string> warnings;
};

Loaded load(const std::string& yaml, std::map<std::string, std::string> vars = {}) {
  Loaded out;
  LoadOptions options;
  options.warn = [&out](const std::string& w) { out.warnings.push_back(w); };
  out.config = parse_config(yaml, "c.yml", env_of(std::move(vars)), options);
  return out;
}

std::string error_of(const std::string& yaml) {
  try {
    load(yaml);
  } catch (const ConfigError& e) {
    return e.message();
  }
  return "(no error)";
}

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "config_loader_test_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::ofstream(file) << text;
    return file.string();
  }
  std::filesystem::path path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Elastic's _default_config, value by value (connectors/config.py).
TEST(ConfigLoader, EmptyFileGivesElasticsDefaults) {
  const Loaded loaded = load("");
  const Config& c = loaded.config;
  EXPECT_TRUE(loaded.warnings.empty());
  EXPECT_EQ(c.source_file, "c.yml");

  const auto& es = c.elasticsearch;
  EXPECT_EQ(es.host, "http://localhost:9200");
  EXPECT_EQ(es.username, "elastic");
  EXPECT_EQ(es.password, "changeme");
  EXPECT_FALSE(es.api_key.has_value());
  EXPECT_TRUE(es.ssl);
  EXPECT_TRUE(es.verify_certs);
  EXPECT_FALSE(es.ca_certs.has_value());
  EXPECT_TRUE(es.headers.empty());
  EXPECT_EQ(es.request_timeout, 240s);
  EXPECT_TRUE(es.retry_on_timeout);
  EXPECT_EQ(es.max_retries, 5);
  EXPECT_EQ(es.retry_interval, 10s);
  EXPECT_EQ(es.max_wait_duration, 240s);
  EXPECT_EQ(es.initial_backoff_duration, 1s);
  EXPECT_EQ(es.backoff_multiplier, 2.0);
  EXPECT_EQ(es.log_level, "info");
  EXPECT_TRUE(es.feature_use_connectors_api);

  const auto& bulk = es.bulk;
  EXPECT_EQ(bulk.queue_max_size, 1024);
  EXPECT_EQ(bulk.queue_max_mem_size, 25);
  EXPECT_EQ(bulk.queue_refresh_interval, 1s);
  EXPECT_EQ(bulk.queue_refresh_timeout, 1300s);
  EXPECT_EQ(bulk.chunk_size, 500);
  EXPECT_EQ(bulk.chunk_max_mem_size, 3);
  EXPECT_EQ(bulk.max_text_document_size, 3);
  EXPECT_EQ(bulk.max_concurrency, 5);
  EXPECT_EQ(bulk.concurrent_downloads, 10);
  EXPECT_EQ(bulk.display_every, 100);
  EXPECT_EQ(bulk.max_retries, 5);
  EXPECT_EQ(bulk.retry_interval, 10s);
  EXPECT_FALSE(bulk.enable_operations_logging);
  EXPECT_TRUE(bulk.error_monitor.enabled);
  EXPECT_EQ(bulk.error_monitor.max_total_errors, 1000);
  EXPECT_EQ(bulk.error_monitor.max_consecutive_errors, 10);
  EXPECT_EQ(bulk.error_monitor.max_error_rate, 0.15);
  EXPECT_EQ(bulk.error_monitor.error_window_size, 100);
  EXPECT_EQ(bulk.error_monitor.error_queue_size, 10);

  const auto& s = c.service;
  EXPECT_FALSE(s.worker_mode);
  EXPECT_TRUE(s.service_types.empty());
  EXPECT_EQ(s.idling, 30s);
  EXPECT_EQ(s.heartbeat, 300s);
  EXPECT_EQ(s.preflight_max_attempts, 10);
  EXPECT_EQ(s.preflight_idle, 30s);
  EXPECT_EQ(s.max_errors, 20);
  EXPECT_EQ(s.max_errors_span, 600s);
  EXPECT_EQ(s.max_concurrent_content_syncs, 1);
  EXPECT_EQ(s.max_concurrent_access_control_syncs, 1);
  EXPECT_EQ(s.max_concurrent_scheduling_tasks, 4);
  EXPECT_EQ(s.max_file_download_size, 10485760);
  EXPECT_EQ(s.job_cleanup_interval, 300s);
  EXPECT_EQ(s.log_level, "INFO");
  EXPECT_FALSE(s.fips_mode);

  EXPECT_TRUE(c.connectors.empty());
  EXPECT_FALSE(c.extraction_service.has_value());
  EXPECT_EQ(c.sources.size(), 31u);
  EXPECT_NE(std::find(c.sources.begin(), c.sources.end(), "postgresql"), c.sources.end());
  EXPECT_NE(std::find(c.sources.begin(), c.sources.end(), "zoom"), c.sources.end());

  Config expected = default_config();
  expected.source_file = "c.yml";
  EXPECT_EQ(c, expected);
}

TEST(ConfigLoader, DottedAndNestedKeysMergeOverTheDefaults) {
  const Config c = load(
                       "elasticsearch.bulk.chunk_size: 10\n"
                       "elasticsearch:\n"
                       "  host: https://es.example.com:443\n"
                       "  bulk:\n"
                       "    error_monitor:\n"
                       "      max_error_rate: 0.5\n"
                       "service.idling: 5\n"
                       "service:\n"
                       "  service_types: [postgresql]\n")
                       .config;
  EXPECT_EQ(c.elasticsearch.bulk.chunk_size, 10);
  EXPECT_EQ(c.elasticsearch.bulk.queue_max_size, 1024);  // untouched sibling keeps its default
  EXPECT_EQ(c.elasticsearch.host, "https://es.example.com:443");
  EXPECT_EQ(c.elasticsearch.username, "elastic");
  EXPECT_EQ(c.elasticsearch.bulk.error_monitor.max_error_rate, 0.5);
  EXPECT_EQ(c.elasticsearch.bulk.error_monitor.max_total_errors, 1000);
  EXPECT_EQ(c.service.idling, 5s);
  EXPECT_EQ(c.service.service_types, std::vector<std::string>{"postgresql"});
}

TEST(ConfigLoader, EnvironmentVariablesAreSubstituted) {
  const Config c = load(
                       "elasticsearch.host: $ES_HOST\n"
                       "elasticsearch.password: ${ES_PASSWORD}\n"
                       "service.idling: $IDLING|30\n",
                       {{"ES_HOST", "http://es:9200"}, {"ES_PASSWORD", "s3cret"}})
                       .config;
  EXPECT_EQ(c.elasticsearch.host, "http://es:9200");
  EXPECT_EQ(c.elasticsearch.password, "s3cret");
  EXPECT_EQ(c.service.idling, 30s);  // the default, typed as a number after substitution
}

TEST(ConfigLoader, ValuesCanBeWrittenAsPythonWouldReadThem) {
  const Config c = load(
                       "elasticsearch.ssl: no\n"
                       "elasticsearch.request_timeout: 60.0\n"
                       "elasticsearch.log_level: WARN\n"
                       "service.log_level: debug\n"
                       "elasticsearch.backoff_multiplier: 1.5\n"
                       "elasticsearch.bulk.error_monitor.max_error_rate: 1\n")
                       .config;
  EXPECT_FALSE(c.elasticsearch.ssl);
  EXPECT_EQ(c.elasticsearch.request_timeout, 60s);
  EXPECT_EQ(c.elasticsearch.log_level, "warning");
  EXPECT_EQ(c.service.log_level, "DEBUG");
  EXPECT_EQ(c.elasticsearch.backoff_multiplier, 1.5);
  EXPECT_EQ(c.elasticsearch.bulk.error_monitor.max_error_rate, 1.0);
}

TEST(ConfigLoader, NullMeansUnsetWhereElasticAllowsIt) {
  const Config c = load(
                       "elasticsearch:\n"
                       "  api_key: null\n"
                       "  ca_certs:\n"
                       "service:\n"  // every service setting commented out
                       "#  idling: 5\n"
                       "service.log_level: null\n"
                       "extraction_service.host: null\n")
                       .config;
  EXPECT_FALSE(c.elasticsearch.api_key.has_value());
  EXPECT_FALSE(c.elasticsearch.ca_certs.has_value());
  EXPECT_EQ(c.service.idling, 30s);
  EXPECT_EQ(c.service.log_level, "INFO");
  EXPECT_FALSE(c.extraction_service.has_value());
}

TEST(ConfigLoader, HeadersExtractionServiceAndSources) {
  const Config c = load(
                       "elasticsearch.headers:\n"
                       "  X-Custom: abc\n"
                       "  X-Version: 2\n"
                       "extraction_service:\n"
                       "  host: http://extractor:8090\n"
                       "  timeout: 10\n"
                       "sources:\n"
                       "  my_source: my.module:MySource\n"
                       "  postgresql: connectors.sources.postgresql:PostgreSQLDataSource\n")
                       .config;
  const std::vector<std::pair<std::string, std::string>> headers = {{"X-Custom", "abc"},
                                                                    {"X-Version", "2"}};
  EXPECT_EQ(c.elasticsearch.headers, headers);
  ASSERT_TRUE(c.extraction_service.has_value());
  EXPECT_EQ(c.extraction_service->host, "http://extractor:8090");
  EXPECT_EQ(c.extraction_service->timeout, 10s);
  EXPECT_EQ(c.extraction_service->stream_chunk_size, 65536);
  EXPECT_EQ(c.sources.size(), 32u);
  EXPECT_EQ(c.sources.back(), "my_source");
}

TEST(ConfigLoader, ConnectorsListRules) {
  const Loaded loaded = load(
      "connectors:\n"
      "  - connector_id: abc\n"       // 2
      "    service_type: postgresql\n"
      "    api_key: key-1\n"
      "  - connector_id: 123\n"       // 5
      "    service_type: postgresql\n"
      "  - service_type: mysql\n"     // 7: no id, ignored
      "  - connector_id: abc\n"       // 8: replaces the first, in its place
      "    service_type: postgresql\n"
      "    api_key: ''\n"
      "    colour: blue\n");
  const auto& connectors = loaded.config.connectors;
  ASSERT_EQ(connectors.size(), 2u);
  EXPECT_EQ(connectors[0].connector_id, "abc");
  EXPECT_EQ(connectors[0].service_type, "postgresql");
  EXPECT_FALSE(connectors[0].api_key.has_value());  // the later entry has an empty key
  EXPECT_EQ(connectors[1].connector_id, "123");
  const std::vector<std::string> warnings = {
      "c.yml:7: connectors[2] has no connector_id and is ignored",
      "c.yml:11: unknown setting connectors[3].colour is ignored",
      "c.yml:8: connectors[3] repeats connector_id abc; this later entry replaces the earlier "
      "one",
  };
  EXPECT_EQ(loaded.warnings, warnings);
}

TEST(ConfigLoader, LegacyConnectorIsUsedOnlyWithoutAConnectorsList) {
  const Loaded legacy = load("connector_id: 42\nservice_type: postgresql\n");
  ASSERT_EQ(legacy.config.connectors.size(), 1u);
  EXPECT_EQ(legacy.config.connectors[0].connector_id, "42");
  EXPECT_EQ(legacy.config.connectors[0].service_type, "postgresql");
  EXPECT_EQ(legacy.warnings.size(), 1u);  // deprecated

  const Loaded both = load(
      "connector_id: old\nservice_type: postgresql\n"
      "connectors:\n  - connector_id: new\n    service_type: postgresql\n");
  ASSERT_EQ(both.config.connectors.size(), 1u);
  EXPECT_EQ(both.config.connectors[0].connector_id, "new");
  EXPECT_EQ(both.warnings,
            std::vector<std::string>{
                "c.yml:1: connector_id and service_type are ignored because connectors is set"});

  EXPECT_TRUE(load("connector_id: lonely\n").config.connectors.empty());
}

TEST(ConfigLoader, UnknownKeysAreWarnedAboutWithFileLineAndKey) {
  const Loaded loaded = load(
      "elasticsearch:\n"
      "  hots: http://x\n"
      "servce.idling: 3\n"
      "elasticsearch.bulk:\n"
      "  chunk_sise: 4\n"
      "service:\n"
      "  heartbeat.x: 1\n");
  const std::vector<std::string> warnings = {
      "c.yml:2: unknown setting elasticsearch.hots is ignored",
      "c.yml:5: unknown setting elasticsearch.bulk.chunk_sise is ignored",
      "c.yml:3: unknown setting servce is ignored",
      "c.yml:7: unknown setting service.\"heartbeat.x\" is ignored (dotted keys are only "
      "expanded at the top level)",
  };
  EXPECT_EQ(loaded.warnings, warnings);
}

struct BadValue {
  const char* yaml;
  const char* message;
};

class ConfigLoaderErrors : public ::testing::TestWithParam<BadValue> {};

TEST_P(ConfigLoaderErrors, OneLineNamingFileLineAndKey) {
  EXPECT_EQ(error_of(GetParam().yaml), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Values, ConfigLoaderErrors,
    ::testing::Values(
        BadValue{"elasticsearch:\n  request_timeout: abc\n",
                 "c.yml:2: elasticsearch.request_timeout: expected a number of seconds greater "
                 "than 0, got \"abc\""},
        BadValue{"service.idling: 0\n",
                 "c.yml:1: service.idling: expected a number of seconds greater than 0, got 0"},
        BadValue{"service.idling: 1.5\n",
                 "c.yml:1: service.idling: expected a whole number of seconds, got 1.5"},
        BadValue{"service.heartbeat: \"300\"\n",
                 "c.yml:1: service.heartbeat: expected a number of seconds greater than 0, got "
                 "\"300\""},
        BadValue{"elasticsearch.retry_interval: -1\n",
                 "c.yml:1: elasticsearch.retry_interval: expected a number of seconds (0 or "
                 "more), got -1"},
        BadValue{"elasticsearch.bulk.chunk_size: -1\n",
                 "c.yml:1: elasticsearch.bulk.chunk_size: expected a whole number greater than "
                 "0, got -1"},
        BadValue{"elasticsearch.bulk.max_concurrency: 2.0\n",
                 "c.yml:1: elasticsearch.bulk.max_concurrency: expected a whole number greater "
                 "than 0, got 2.0"},
        BadValue{"service.max_concurrent_content_syncs: 99999999999\n",
                 "c.yml:1: service.max_concurrent_content_syncs: expected a whole number no "
                 "larger than 2147483647, got 99999999999"},
        BadValue{"elasticsearch.bulk.error_monitor.max_error_rate: 1.5\n",
                 "c.yml:1: elasticsearch.bulk.error_monitor.max_error_rate: expected a number "
                 "between 0 and 1, got 1.5"},
        BadValue{"elasticsearch.backoff_multiplier: 0.5\n",
                 "c.yml:1: elasticsearch.backoff_multiplier: expected a number of at least 1, "
                 "got 0.5"},
        BadValue{"service:\n  log_level: verbose\n",
                 "c.yml:2: service.log_level: expected one of DEBUG, INFO, WARNING, ERROR, "
                 "CRITICAL, got \"verbose\""},
        BadValue{"elasticsearch.log_level: 10\n",
                 "c.yml:1: elasticsearch.log_level: expected one of DEBUG, INFO, WARNING, ERROR, "
                 "CRITICAL, got 10"},
        BadValue{"elasticsearch.host: localhost:9200\n",
                 "c.yml:1: elasticsearch.host: expected an http:// or https:// URL, got "
                 "\"localhost:9200\""},
        BadValue{"elasticsearch.host: ftp://es\n",
                 "c.yml:1: elasticsearch.host: expected an http:// or https:// URL, got "
                 "\"ftp://es\""},
        BadValue{"elasticsearch.ssl: \"yes\"\n",
                 "c.yml:1: elasticsearch.ssl: expected true or false, got \"yes\""},
        BadValue{"service.worker_mode: 1\n",
                 "c.yml:1: service.worker_mode: expected true or false, got 1"},
        BadValue{"service.service_types: postgresql\n",
                 "c.yml:1: service.service_types: expected a list of service types, got "
                 "\"postgresql\""},
        BadValue{"service.service_types: [postgresql, [x]]\n",
                 "c.yml:1: service.service_types[1]: expected a string, got a list"},
        BadValue{"elasticsearch: 5\n",
                 "c.yml:1: elasticsearch: expected a map of settings, got 5"},
        BadValue{"elasticsearch:\n  bulk: [1]\n",
                 "c.yml:2: elasticsearch.bulk: expected a map of settings, got a list"},
        BadValue{"connectors: {connector_id: a}\n",
                 "c.yml:1: connectors: expected a list of connectors (maps with connector_id "
                 "and service_type), got a map"},
        BadValue{"connectors:\n  - foo\n",
                 "c.yml:2: connectors[0]: expected a map with connector_id and service_type, got "
                 "\"foo\""},
        BadValue{"connectors:\n  - connector_id: [a]\n",
                 "c.yml:2: connectors[0].connector_id: expected a string or a whole number, got "
                 "a list"},
        BadValue{"connectors:\n  - connector_id: a\n    service_type: 5\n",
                 "c.yml:3: connectors[0].service_type: expected a string, got 5"},
        BadValue{"extraction_service:\n  host: h\n  timeout: forever\n",
                 "c.yml:3: extraction_service.timeout: expected a number of seconds greater "
                 "than 0, got \"forever\""},
        BadValue{"sources:\n  foo: 1\n", "c.yml:2: sources.foo: expected a string, got 1"},
        BadValue{"elasticsearch.username: [a]\n",
                 "c.yml:1: elasticsearch.username: expected a string, got a list"},
        BadValue{"elasticsearch.headers: [a]\n",
                 "c.yml:1: elasticsearch.headers: expected a map of HTTP header names to values, "
                 "got a list"}));

TEST(ConfigLoader, SecretValuesNeverAppearInMessages) {
  const std::pair<const char*, const char*> cases[] = {
      {"elasticsearch.password: [hunter2secret]\n", "hunter2secret"},
      {"elasticsearch.password: 123456789\n", "123456789"},
      {"elasticsearch.api_key: {k: apikeyvalue42}\n", "apikeyvalue42"},
      {"connectors:\n  - connector_id: a\n    api_key: [connectorkey77]\n", "connectorkey77"},
      {"elasticsearch.headers:\n  Authorization: [Bearer tokenvalue99]\n", "tokenvalue99"},
      {"elasticsearch.host: https://elastic:pa55word99@es:9200\n", "pa55word99"},
      {"sources:\n  my_token: 31337999\n", "31337999"},
  };
  for (const auto& [yaml, secret] : cases) {
    std::string what;
    try {
      load(yaml);
    } catch (const ConfigError& e) {
      what = e.what();
    }
    EXPECT_FALSE(what.empty()) << yaml;
    EXPECT_EQ(what.find(secret), std::string::npos) << what;
  }
  EXPECT_EQ(error_of("elasticsearch.password: [hunter2secret]\n"),
            "c.yml:1: elasticsearch.password: expected a string, got a list");
}

TEST(ConfigLoader, SecretKeyNames) {
  EXPECT_TRUE(is_secret_key("elasticsearch.password"));
  EXPECT_TRUE(is_secret_key("elasticsearch.api_key"));
  EXPECT_TRUE(is_secret_key("connectors[3].api_key"));
  EXPECT_TRUE(is_secret_key("sources.client_secret"));
  EXPECT_TRUE(is_secret_key("x.access_token"));
  EXPECT_TRUE(is_secret_key("elasticsearch.headers.X-Anything"));
  EXPECT_FALSE(is_secret_key("elasticsearch.username"));
  EXPECT_FALSE(is_secret_key("service.idling"));
}

TEST(ConfigLoader, MissingFileIsAnErrorNamingIt) {
  try {
    load_config("/nonexistent/dir/config.yml", env_of({}));
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.message(),
              "/nonexistent/dir/config.yml: cannot read the configuration file: No such file or "
              "directory");
  }
}

TEST(ConfigLoader, DotEnvFileProvidesVariables) {
  const TempDir dir;
  const std::string config = dir.write("config.yml", "elasticsearch.password: $PW\n");
  const std::string dot_env = dir.write(".env", "PW=from-dot-env\n");
  LoadOptions options;
  options.default_dot_env = dot_env;
  // The .env file wins over the environment, as EnvYAML's cfg.update() makes it.
  EXPECT_EQ(load_config(config, env_of({{"PW", "from-env"}}), options).elasticsearch.password,
            "from-dot-env");

  const std::string other = dir.write("other.env", "PW=from-env-file\n");
  EXPECT_EQ(load_config(config, env_of({{"ENV_FILE", other}}), options).elasticsearch.password,
            "from-env-file");
  const std::string absent = (dir.path() / "absent.env").string();
  EXPECT_THROW(load_config(config, env_of({{"ENV_FILE", absent}}), options), ConfigError);

  options.default_dot_env.clear();
  EXPECT_EQ(load_config(config, env_of({{"PW", "from-env"}}), options).elasticsearch.password,
            "from-env");
  EXPECT_EQ(load_config(config, env_of({{"PW", "from-env"}}), options).source_file, config);
}

TEST(ConfigLoader, StrictModeCanBeDisabled) {
  EXPECT_THROW(load("elasticsearch.password: $NOPE\n"), ConfigError);
  EXPECT_EQ(load("elasticsearch.password: $NOPE\n", {{"ENVYAML_STRICT_DISABLE", ""}})
                .config.elasticsearch.password,
            "$NOPE");
}

// config.yml.example documents every setting with its default. Uncommented, it must give
// exactly the defaults, without a single unknown key.
std::string uncomment_settings(const std::string& example) {
  static const std::regex setting_line("^#([a-z_][a-z0-9_.]*:( .*)?)$");
  std::istringstream in(example);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    out += std::regex_match(line, m, setting_line) ? m[1].str() : line;
    out += '\n';
  }
  return out;
}

std::string read_example() {
  std::ifstream in(std::string(CONNECTORS_SOURCE_DIR) + "/config.yml.example");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ConfigExample, UncommentedExampleGivesTheDefaults) {
  const std::string example = read_example();
  ASSERT_FALSE(example.empty());
  const std::string uncommented = uncomment_settings(example);
  ASSERT_NE(uncommented, example);

  const Loaded loaded = load(uncommented);
  EXPECT_TRUE(loaded.warnings.empty()) << loaded.warnings.front();
  Config expected = default_config();
  expected.source_file = "c.yml";
  EXPECT_EQ(loaded.config, expected);
  // Even in strict mode with an empty environment: the comments mention $VAR forms.
  EXPECT_EQ(load(example).config, expected);
}

TEST(ConfigExample, DocumentsEverySetting) {
  const std::string example = read_example();
  for (std::string_view key : known_setting_keys()) {
    EXPECT_NE(example.find("\n#" + std::string(key) + ":"), std::string::npos)
        << key << " is not in config.yml.example";
  }
}

TEST(ConfigExample, UncommentingChangesWhatItSays) {
  // The round trip above would pass on an example whose lines never parse; prove they do.
  std::string example = read_example();
  const std::string line = "#service.idling: 30";
  const auto at = example.find(line);
  ASSERT_NE(at, std::string::npos);
  example.replace(at, line.size(), "#service.idling: 31");
  EXPECT_EQ(load(uncomment_settings(example)).config.service.idling, 31s);
}

}  // namespace
}  // namespace connectors::service
