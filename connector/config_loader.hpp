#pragma once
// Reads config.yml the way Elastic's service does (connectors/config.py load_config), then
// checks every value it knows:
//
//   ENV_FILE or ./.env --parse_dot_env--+
//   environment ------------------------+--> variables
//   config.yml --substitute_environment(variables)--> parse_config_yaml --> nest_dotted_keys
//     --> values read over the defaults (maps merge, lists and scalars replace) --> Config
//
// Errors are ConfigError with one line naming the file, the line and the dotted key.
// Unknown keys are accepted, as Elastic accepts them, with a warning naming file:line:key
// so a typo does not go unnoticed.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "connector/config.hpp"
#include "connector/config_error.hpp"
#include "connector/env_substitution.hpp"

namespace connectors::service {

using WarningSink = std::function<void(const std::string& message)>;

struct LoadOptions {
  // The .env file EnvYAML reads when ENV_FILE is not set, if it exists (relative paths are
  // relative to the working directory, as in Elastic's service). Empty: none.
  std::string default_dot_env = ".env";
  // Where warnings go; empty: spdlog's default logger, at warning level.
  WarningSink warn;
};

// Loads `path`. Variables come from `env` (and the .env file); nothing here reads the
// process environment. Throws ConfigError.
Config load_config(const std::string& path, const EnvLookup& env);
Config load_config(const std::string& path, const EnvLookup& env, const LoadOptions& options);

// The same from text already read; `file` is the name used in messages. No .env file.
Config parse_config(std::string_view text, const std::string& file, const EnvLookup& env,
                    const LoadOptions& options = {});

// What an empty config.yml gives: Config's defaults plus the built-in `sources` names.
Config default_config();

// Every setting the loader reads, as dotted keys ("elasticsearch.bulk.chunk_size"), in the
// order config.yml.example documents them. Maps of settings ("elasticsearch") are not listed.
std::vector<std::string_view> known_setting_keys();

// True for keys whose values must never appear in a message: the last part names a password,
// an API key, a secret or a token.
bool is_secret_key(std::string_view dotted_key);

}  // namespace connectors::service
