#pragma once
// Elasticsearch's index and alias name rules (MetadataCreateIndexService.validateIndexOrAliasName
// plus the lowercase rule for new indices), with its exact wording.

#include <optional>
#include <string>
#include <string_view>

namespace connectors::emulator {

// nullopt when `name` is a valid index or alias name, else the description that follows
// "Invalid index name [name], " in Elasticsearch's message. Aliases and the connector API
// (validateIndexOrAliasName) do not require lowercase; new indices do.
std::optional<std::string> index_name_problem(std::string_view name, bool require_lowercase = true);

// Throws EsError 400 invalid_index_name_exception
// "Invalid index name [name], <problem>" when `name` cannot be a new index.
void validate_new_index_name(std::string_view name);

// The text Elasticsearch puts in a validation error for a bad name:
// "[name] InvalidIndexNameException[Invalid index name [name], <problem>]".
std::string invalid_index_name_text(std::string_view name, const std::string& problem);

}  // namespace connectors::emulator
