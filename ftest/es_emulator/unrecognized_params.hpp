#pragma once
// Elasticsearch's refusal of query parameters an endpoint does not read (BaseRestHandler):
//
//   400 illegal_argument_exception
//   "request [/i/_search] contains unrecognized parameter: [szie] -> did you mean [size]?"
//   "request [/_bulk] contains unrecognized parameters: [a], [b] -> did you mean any of [c, d]?"
//
// The unknown names come sorted; each is followed by the accepted names whose Lucene
// Levenshtein similarity to it is above 0.5, the most similar first (then by name).

#include <optional>
#include <span>
#include <string_view>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/rest_types.hpp"

namespace connectors::emulator {

// nullopt when every parameter in `given` is in `accepted` or `common`. `path` is the
// request path, decoded, without the query.
std::optional<EsError> unrecognized_params(std::string_view path, const Params& given,
                                           std::span<const std::string_view> accepted,
                                           std::span<const std::string_view> common);

// Lucene's LevenshteinDistance.getDistance: 1 - edits / max(length), 1 for two empty texts.
float levenshtein_similarity(std::string_view target, std::string_view other);

}  // namespace connectors::emulator
