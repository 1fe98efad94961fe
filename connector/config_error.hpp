#pragma once
// A config.yml (or .env) that cannot be used. The message is one line that names the file,
// the line and the full dotted key, so a user can go straight to it:
//
//   config.yml:12: elasticsearch.request_timeout: expected a number of seconds, got "abc"
//
// Values of secret keys (passwords, API keys, tokens, header values) never appear in it.

#include <string>

#include "core/error.hpp"

namespace connectors::service {

class ConfigError : public core::Error {
 public:
  explicit ConfigError(std::string message) : core::Error("ConfigError", std::move(message)) {}
};

}  // namespace connectors::service
