#pragma once
// JSON text in and out for the emulator.
//
// Elasticsearch is Jackson underneath: documents it re-serialises (after an update merge or
// an ingest pipeline) keep integers as integers and write doubles the way Java's
// Double.toString does (1.0, 2.5E-5, 1.0E20). Boost.JSON's own serializer writes 1E0, so
// the emulator uses this one everywhere a parsed value goes back on the wire.

#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace connectors::emulator {

// Compact JSON, object members in insertion order.
void append_json(std::string& out, const boost::json::value& value);
std::string to_json(const boost::json::value& value);
// Java's Double.toString: shortest round-trip digits, plain notation for 1e-3 <= |v| < 1e7
// (at least one decimal), otherwise d.dddE[-]n. NaN and infinities (not JSON) become null.
void append_java_double(std::string& out, double value);

// Parses `text`, throwing EsError 400 x_content_parse_exception "[line:col] ..." on bad JSON.
boost::json::value parse_json(std::string_view text);
// As parse_json, but the value must be an object; `what` names the body in the message.
boost::json::object parse_json_object(std::string_view text, std::string_view what);

// Re-indents compact JSON the way Elasticsearch's ?pretty does ("key" : value, 2 spaces).
std::string pretty_json(std::string_view compact);

// "[line:col]" of byte `offset` in `text` (1-based, columns counted in bytes).
std::string text_location(std::string_view text, std::size_t offset);

// Jackson's name for the token a value starts with (START_OBJECT, VALUE_STRING, ...), as
// Elasticsearch's parse errors name what they found.
std::string jackson_token_name(const boost::json::value& value);

}  // namespace connectors::emulator
