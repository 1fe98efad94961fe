#pragma once
// es-emulator's command line:
//
//   es-emulator [--host 127.0.0.1] [--port 9200] [--es-version 9.2.0] [--threads 2]
//               [--idle-timeout 60] [--max-content-length 100mb] [--license basic]
//               [--security]
//
// --port 0 picks a free port. --security turns on Basic authentication with the users and
// roles of Elasticsearch's ent-search YAML test cluster (security.hpp).

#include <chrono>
#include <cstddef>
#include <string>

namespace connectors::emulator {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 9200;
  std::string es_version = "9.2.0";
  int threads = 2;
  std::chrono::seconds idle_timeout{60};
  std::size_t max_content_length = 100 * 1024 * 1024;  // http.max_content_length
  std::string license_type = "basic";
  bool security = false;
  bool help = false;
};

// Throws core::Error (kind UsageError) with a message for the user on a bad option.
ServerOptions parse_server_options(int argc, const char* const* argv);
std::string server_usage();

// "100mb", "512kb", "1gb", "1048576b" or a plain byte count.
std::size_t parse_byte_size(const std::string& text);

}  // namespace connectors::emulator
