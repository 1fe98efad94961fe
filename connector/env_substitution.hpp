#pragma once
// EnvYAML's environment substitution, which Elastic's service applies to config.yml before
// parsing it (envyaml 1.10.211231, the version Elastic pins). It works on the text, not on
// the parsed YAML, so it is reproduced rule for rule, quirks included: the same config.yml
// must mean the same thing to both services.
//
//   config.yml text --drop column-0 '#' lines--> scan for $-forms --> apply $$ escapes
//                   --> replace every found form everywhere (longest-sorting first) --> YAML
//
// The forms, as EnvYAML's pattern reads them:
//   $$                 an escaped '$' (a quote right before or after it is swallowed too)
//   $<digits>          left alone
//   ${NAME}            NAME is anything up to the first '|' or '}' on the line
//   ${NAME|default}    the default runs to the first '}' after the '|'
//   $NAME              NAME is letters, digits, '_', '-' and '.'
//   $NAME|default      the default runs to the end of the line (quotes and comments included)
// A variable comes from the .env file, then from the environment, then from its default;
// without any of them it is an error ("strict mode") unless ENVYAML_STRICT_DISABLE is set,
// in which case the text is left as it is. Values are pasted into the YAML text unquoted.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace connectors::service {

// The environment as a function, so that nothing here calls getenv and tests choose it.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Returns the text with the forms above replaced. Column-0 comment lines become empty
// lines (EnvYAML deletes them; keeping the line breaks keeps line numbers right for
// messages). Throws ConfigError naming `file`, the line and the variable when strict and a
// variable has no value.
std::string substitute_environment(std::string_view text, const std::string& file,
                                   const EnvLookup& variables, bool strict);

// EnvYAML's .env reader: lines "NAME=value" (NAME not starting with a digit; one optional
// quote stripped from each end of the value); other lines are ignored. A value containing
// '$' has $NAME and ${NAME} expanded from `environment` (os.path.expandvars: unknown names
// stay as written). When strict, a name defined twice is an error naming the file and line.
std::map<std::string, std::string> parse_dot_env(std::string_view text, const std::string& file,
                                                 const EnvLookup& environment, bool strict);

}  // namespace connectors::service
