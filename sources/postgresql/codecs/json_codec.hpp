#pragma once
// json and jsonb, embedded in the document as nested JSON, as Elastic's connector produces
// them: SQLAlchemy decodes both with json.loads and the documents are written with
// json.dumps, so what reaches Elasticsearch is Python's re-serialisation of the value:
//
//   whitespace        dropped (a newline inside a document would also break an NDJSON body)
//   integers          kept digit for digit (Python ints are exact), "-0" becomes 0
//   other numbers     float(text) printed as repr: 1.0e2 -> 100.0, 1.50 -> 1.5, 1e-7 -> 1e-07;
//                     beyond the double range Python gets inf and sends the invalid token
//                     Infinity: we write null and report it (JsonNotes::non_finite)
//   strings           copied as PostgreSQL validated them (escapes kept: same value)
//   duplicate keys    (json only; jsonb has none) the last value at the first key's place,
//                     as a Python dict keeps them, through a slower DOM path
//
// jsonb arrives as a version byte (1) followed by the text.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

struct JsonNotes {
  bool non_finite = false;  // a number beyond the double range was written as null
};

// Re-serialises valid JSON text as Python would (see above), without looking for duplicate
// object keys.
void append_json_python(std::string& out, std::string_view json_text, JsonNotes& notes);
// Whether an object in `json_text` repeats a key (compared as written).
bool has_duplicate_keys(std::string_view json_text);
// append_json_python for text with duplicate keys: parsed into a DOM first.
void append_json_python_deduplicated(std::string& out, std::string_view json_text, JsonNotes& notes);

// The text of a binary jsonb value (after its version byte).
std::string_view jsonb_text(std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
