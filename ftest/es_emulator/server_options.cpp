#include "ftest/es_emulator/server_options.hpp"

#include <charconv>
#include <string_view>

#include "core/error.hpp"

namespace connectors::emulator {
namespace {

core::Error usage_error(std::string message) {
  return core::Error("UsageError", std::move(message));
}

long long parse_number(const std::string& option, std::string_view text, long long min,
                       long long max) {
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < min || value > max) {
    throw usage_error("option " + option + " expects a number between " + std::to_string(min) +
                      " and " + std::to_string(max) + ", got '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace

std::size_t parse_byte_size(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) throw usage_error("not a byte size: '" + text + "'");
  const auto number = static_cast<std::size_t>(
      parse_number("--max-content-length", std::string_view(text).substr(0, digits), 0, 1LL << 40));
  std::string unit = text.substr(digits);
  for (auto& c : unit) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (unit.empty() || unit == "b") return number;
  if (unit == "kb") return number << 10;
  if (unit == "mb") return number << 20;
  if (unit == "gb") return number << 30;
  throw usage_error("unknown byte size unit in '" + text + "' (use b, kb, mb or gb)");
}

ServerOptions parse_server_options(int argc, const char* const* argv) {
  ServerOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    auto next = [&]() -> std::string {
      if (has_value) return value;
      if (i + 1 >= argc) throw usage_error("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--host") {
      options.host = next();
    } else if (arg == "--port") {
      options.port = static_cast<unsigned short>(parse_number(arg, next(), 0, 65535));
    } else if (arg == "--es-version") {
      options.es_version = next();
      if (options.es_version.empty() || options.es_version[0] < '0' ||
          options.es_version[0] > '9') {
        throw usage_error("--es-version expects a version like 9.2.0, got '" + options.es_version +
                          "'");
      }
    } else if (arg == "--threads") {
      options.threads = static_cast<int>(parse_number(arg, next(), 1, 64));
    } else if (arg == "--idle-timeout") {
      options.idle_timeout = std::chrono::seconds{parse_number(arg, next(), 1, 86400)};
    } else if (arg == "--max-content-length") {
      options.max_content_length = parse_byte_size(next());
    } else if (arg == "--security") {
      if (has_value) throw usage_error("--security takes no value");
      options.security = true;
    } else if (arg == "--license") {
      options.license_type = next();
      if (options.license_type != "basic" && options.license_type != "trial" &&
          options.license_type != "platinum" && options.license_type != "enterprise") {
        throw usage_error("--license expects basic, trial, platinum or enterprise");
      }
    } else {
      throw usage_error("unknown option '" + arg + "' (see --help)");
    }
  }
  return options;
}

std::string server_usage() {
  return "usage: es-emulator [--host 127.0.0.1] [--port 9200] [--es-version 9.2.0] [--threads 2]\n"
         "                   [--idle-timeout SECONDS] [--max-content-length 100mb] [--license "
         "basic]\n"
         "                   [--security]\n"
         "\n"
         "An Elasticsearch-compatible HTTP server for tests. --port 0 picks a free port; the first\n"
         "line on stdout is 'listening on http://HOST:PORT'. SIGINT/SIGTERM stop it. --security\n"
         "requires Basic auth with the users of Elasticsearch's ent-search test cluster.\n";
}

}  // namespace connectors::emulator
