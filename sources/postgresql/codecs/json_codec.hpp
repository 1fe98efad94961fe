#pragma once
// json and jsonb, embedded in the document as nested JSON (Elastic decodes both with
// json.loads, so documents hold objects and arrays, not strings).
//
// PostgreSQL has already validated the text, so it is copied, not parsed: only whitespace
// outside strings is dropped. That matters for `json`, which keeps its input verbatim,
// newlines included, and a newline inside a document would break an NDJSON _bulk body.
// jsonb arrives as a version byte (1) followed by the text.
//
// Known difference: numbers keep PostgreSQL's spelling (1.0e2 stays 1.0e2 where Python would
// write 100.0); Elasticsearch indexes the same value.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

void append_json_compact(std::string& out, std::string_view json_text);
// The text of a binary jsonb value (after its version byte).
std::string_view jsonb_text(std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
