// es-yaml-runner: Elasticsearch's YAML REST tests against es-emulator (or any cluster).
//
//   es-yaml-runner --spec ../shared/es-spec [--emulator PATH | --url URL] [--no-security]
//                  [--skip-list FILE] [--filter TEXT] [--verbose]
//
// Reads the API spec (spec/api/*.json) and every test file under spec/yaml-tests/ (except
// _support/), starts a fresh es-emulator with --security unless --url is given, runs every
// test (see suite_runner.hpp), prints one line per failing test and closes with exactly
// "N passed, N failed, N skipped". Exits 1 when a test failed, 2 on a usage error.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "ftest/harness/child_process.hpp"
#include "ftest/stack/es_emulator_process.hpp"
#include "ftest/yaml_runner/api_spec.hpp"
#include "ftest/yaml_runner/rest_endpoint.hpp"
#include "ftest/yaml_runner/skip_list.hpp"
#include "ftest/yaml_runner/suite_runner.hpp"
#include "protocol/beast_transport.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace connectors;
using namespace connectors::yaml_runner;

// The users of Elasticsearch's ent-search test cluster (es-spec README §4); es-emulator
// --security has the same ones.
constexpr const char* kDefaultUser = "entsearch-admin:entsearch-admin-password";
constexpr const char* kResetUser = "entsearch-superuser:entsearch-superuser-password";

struct Options {
  std::string spec_dir;
  std::string url;
  std::string emulator = CONNECTORS_ES_EMULATOR_PATH;
  std::string skip_list = CONNECTORS_YAML_SKIP_LIST;
  std::string filter;
  bool security = true;
  bool verbose = false;
  std::chrono::seconds timeout{30};
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "es-yaml-runner: " << problem << "\n"
            << "usage: es-yaml-runner --spec DIR [--emulator PATH | --url URL] [--no-security]\n"
            << "                      [--skip-list FILE] [--filter TEXT] [--timeout SECONDS] "
               "[--verbose]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--spec") {
      options.spec_dir = value();
    } else if (arg == "--url") {
      options.url = value();
    } else if (arg == "--emulator") {
      options.emulator = value();
    } else if (arg == "--skip-list") {
      options.skip_list = value();
    } else if (arg == "--filter") {
      options.filter = value();
    } else if (arg == "--no-security") {
      options.security = false;
    } else if (arg == "--verbose" || arg == "-v") {
      options.verbose = true;
    } else if (arg == "--timeout") {
      try {
        options.timeout = std::chrono::seconds{std::stoi(value())};
      } catch (const std::exception&) {
        usage("--timeout needs a number of seconds");
      }
    } else if (arg == "--help" || arg == "-h") {
      usage("help");
    } else {
      usage("unknown option '" + arg + "'");
    }
  }
  if (options.spec_dir.empty()) usage("--spec is required");
  return options;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::Error("RunnerError", "cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every test file under `root`, as paths relative to it, sorted; _support/ is not tests.
std::vector<std::string> test_files(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext != ".yml" && ext != ".yaml") continue;
    const std::string relative = fs::relative(entry.path(), root).generic_string();
    if (relative.rfind("_support/", 0) == 0) continue;
    files.push_back(relative);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string basic(const std::string& credentials) { return "Basic " + base64_encode(credentials); }

// version.number of GET /.
std::string cluster_version(RestEndpoint& endpoint, const std::string& authorization) {
  HttpCall call;
  call.method = "GET";
  call.target = "/";
  Headers headers;
  if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
  const HttpReply reply = endpoint.send(call, headers);
  boost::system::error_code ec;
  const json::value info = json::parse(reply.body, ec);
  const auto* version =
      !ec && info.is_object() ? info.get_object().if_contains("version") : nullptr;
  const auto* number =
      version && version->is_object() ? version->get_object().if_contains("number") : nullptr;
  if (reply.status != 200 || !number || !number->is_string()) {
    throw core::Error("RunnerError",
                      "GET / did not report a version: " + std::to_string(reply.status) + " " +
                          reply.body.substr(0, 300));
  }
  return std::string(number->get_string());
}

int run(const Options& options) {
  const fs::path spec_root(options.spec_dir);
  const ApiSpec spec = ApiSpec::load((spec_root / "api").string());
  const SkipList skip_list = SkipList::load(options.skip_list);

  std::optional<ftest::TempDir> temp;
  std::optional<ftest::EsEmulatorProcess> emulator;
  std::string url = options.url;
  if (url.empty()) {
    temp.emplace("es-yaml-runner");
    std::vector<std::string> args;
    if (options.security) args.emplace_back("--security");
    emulator.emplace(
        ftest::EsEmulatorProcess::start(options.emulator, temp->path() + "/es-emulator.log", args));
    url = emulator->url();
  }
  protocol::BeastTransportSettings settings;
  settings.url = url;
  settings.max_connections = 2;
  TransportEndpoint endpoint(std::make_unique<protocol::BeastTransport>(settings),
                             std::chrono::milliseconds(options.timeout));

  RunnerOptions runner_options;
  runner_options.environment.runner_features = {
      "warnings",     "allowed_warnings",  "warnings_regex", "allowed_warnings_regex",
      "is_after",     "contains",          "close_to",       "stash_in_path",
      "stash_in_key", "transform_and_set", "arbitrary_key",  "node_selector"};
  if (options.security) {
    runner_options.environment.runner_features.insert("headers");
    runner_options.default_authorization = basic(kDefaultUser);
    runner_options.reset_authorization = basic(kResetUser);
  }
  runner_options.environment.es_version =
      cluster_version(endpoint, runner_options.default_authorization);
  SuiteRunner runner(spec, endpoint, runner_options);

  int passed = 0;
  int failed = 0;
  int skipped = 0;
  const fs::path tests_root = spec_root / "yaml-tests";
  for (const auto& file : test_files(tests_root)) {
    TestSuite suite;
    try {
      suite = parse_suite(read_file(tests_root / file), file);
    } catch (const std::exception& e) {
      std::cout << "FAILED " << file << " :: (the whole file) :: " << e.what() << std::endl;
      ++failed;
      continue;
    }
    for (const auto& test : suite.tests) {
      const std::string label = file + " :: " + test.name;
      if (!options.filter.empty() && label.find(options.filter) == std::string::npos) continue;
      if (const auto reason = skip_list.reason(file, test.name)) {
        ++skipped;
        if (options.verbose) std::cout << "SKIPPED " << label << " :: " << *reason << std::endl;
        continue;
      }
      const TestResult result = runner.run_test(suite, test);
      switch (result.outcome) {
        case Outcome::Passed:
          ++passed;
          if (options.verbose) std::cout << "passed  " << label << std::endl;
          break;
        case Outcome::Skipped:
          ++skipped;
          std::cout << "SKIPPED " << label << " :: " << result.detail << std::endl;
          break;
        case Outcome::Failed:
          ++failed;
          std::cout << "FAILED " << label << " :: " << result.detail << std::endl;
          break;
      }
    }
  }
  if (options.filter.empty()) {
    for (const auto& entry : skip_list.unused()) {
      std::cout << "warning: the skip list names a test that does not exist: " << entry
                << std::endl;
    }
  }
  std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped" << std::endl;
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "es-yaml-runner: " << e.what() << std::endl;
    return 1;
  }
}
