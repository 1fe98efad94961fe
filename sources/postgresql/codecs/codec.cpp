#include "sources/postgresql/codecs/codec.hpp"

#include "core/float_format.hpp"
#include "sources/postgresql/codecs/array_codec.hpp"
#include "sources/postgresql/codecs/bool_codec.hpp"
#include "sources/postgresql/codecs/datetime_codec.hpp"
#include "sources/postgresql/codecs/float_codec.hpp"
#include "sources/postgresql/codecs/integer_codec.hpp"
#include "sources/postgresql/codecs/json_codec.hpp"
#include "sources/postgresql/codecs/network_codec.hpp"
#include "sources/postgresql/codecs/numeric_codec.hpp"
#include "sources/postgresql/codecs/text_codec.hpp"
#include "sources/postgresql/codecs/uuid_codec.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

// Values whose text never needs JSON escaping (digits, dashes, colons, hex) are formatted
// straight into the output between quotes: no scratch buffer, no escaping pass.
template <typename Format>
void write_plain_string(core::JsonWriter& writer, Format&& format) {
  writer.raw("");  // places the separator
  std::string& out = writer.out();
  out += '"';
  format(out);
  out += '"';
}

void write_scalar_json(Codec codec, std::string_view bytes, core::JsonWriter& writer) {
  switch (codec) {
    case Codec::kBool: writer.boolean(decode_bool(bytes)); return;
    case Codec::kInt2: writer.number(decode_int2(bytes)); return;
    case Codec::kInt4: writer.number(decode_int4(bytes)); return;
    case Codec::kInt8: writer.number(decode_int8(bytes)); return;
    case Codec::kOid: writer.number_unsigned(decode_oid(bytes)); return;
    case Codec::kFloat4: writer.number(decode_float4(bytes)); return;
    case Codec::kFloat8: writer.number(decode_float8(bytes)); return;
    case Codec::kNumeric: writer.number(decode_numeric_double(bytes)); return;
    case Codec::kText:
    case Codec::kBytea: writer.string_lossy(bytes); return;
    case Codec::kUuid: write_plain_string(writer, [&](std::string& out) { append_uuid(out, bytes); }); return;
    case Codec::kDate: write_plain_string(writer, [&](std::string& out) { append_date(out, bytes); }); return;
    case Codec::kTime: write_plain_string(writer, [&](std::string& out) { append_time(out, bytes); }); return;
    case Codec::kTimeTz:
      write_plain_string(writer, [&](std::string& out) { append_timetz(out, bytes); });
      return;
    case Codec::kTimestamp:
      write_plain_string(writer, [&](std::string& out) { append_timestamp(out, bytes, DateTimeSeparator::kIso); });
      return;
    case Codec::kTimestampTz:
      write_plain_string(writer, [&](std::string& out) { append_timestamptz(out, bytes, DateTimeSeparator::kIso); });
      return;
    case Codec::kJson:
      writer.raw("");
      append_json_compact(writer.out(), bytes);
      return;
    case Codec::kJsonb:
      writer.raw("");
      append_json_compact(writer.out(), jsonb_text(bytes));
      return;
    case Codec::kInet: write_plain_string(writer, [&](std::string& out) { append_inet(out, bytes); }); return;
    case Codec::kArray: break;  // arrays of arrays do not exist: dimensions are in one value
  }
  writer.string_lossy(bytes);
}

class ScalarElementWriter final : public ArrayElementWriter {
 public:
  explicit ScalarElementWriter(Codec codec) : codec_(codec) {}
  void write(std::string_view element, core::JsonWriter& writer) override {
    write_scalar_json(codec_, element, writer);
  }

 private:
  Codec codec_;
};

}  // namespace

std::optional<Codec> scalar_codec_for_type(std::uint32_t oid) {
  switch (oid) {
    case 16: return Codec::kBool;
    case 17: return Codec::kBytea;
    case 18:    // "char"
    case 19:    // name
    case 25:    // text
    case 705:   // unknown
    case 1042:  // bpchar
    case 1043:  // varchar
      return Codec::kText;
    case 20: return Codec::kInt8;
    case 21: return Codec::kInt2;
    case 23: return Codec::kInt4;
    case 26: return Codec::kOid;
    case 114: return Codec::kJson;
    case 650:  // cidr
    case 869:  // inet
      return Codec::kInet;
    case 700: return Codec::kFloat4;
    case 701: return Codec::kFloat8;
    case 1082: return Codec::kDate;
    case 1083: return Codec::kTime;
    case 1114: return Codec::kTimestamp;
    case 1184: return Codec::kTimestampTz;
    case 1266: return Codec::kTimeTz;
    case 1700: return Codec::kNumeric;
    case 2950: return Codec::kUuid;
    case 3802: return Codec::kJsonb;
    default: return std::nullopt;
  }
}

std::string_view codec_name(Codec codec) {
  switch (codec) {
    case Codec::kBool: return "bool";
    case Codec::kInt2: return "int2";
    case Codec::kInt4: return "int4";
    case Codec::kInt8: return "int8";
    case Codec::kOid: return "oid";
    case Codec::kFloat4: return "float4";
    case Codec::kFloat8: return "float8";
    case Codec::kNumeric: return "numeric";
    case Codec::kText: return "text";
    case Codec::kBytea: return "bytea";
    case Codec::kUuid: return "uuid";
    case Codec::kDate: return "date";
    case Codec::kTime: return "time";
    case Codec::kTimeTz: return "timetz";
    case Codec::kTimestamp: return "timestamp";
    case Codec::kTimestampTz: return "timestamptz";
    case Codec::kJson: return "json";
    case Codec::kJsonb: return "jsonb";
    case Codec::kInet: return "inet";
    case Codec::kArray: return "array";
  }
  return "unknown";
}

void write_json(const ValueCodec& codec, std::string_view bytes, core::JsonWriter& writer) {
  if (codec.codec != Codec::kArray) {
    write_scalar_json(codec.codec, bytes, writer);
    return;
  }
  ScalarElementWriter element(codec.element);
  write_array_json(bytes, codec.element_oid, writer, element);
}

void append_python_str(const ValueCodec& codec, std::string_view bytes, std::string& out) {
  switch (codec.codec) {
    case Codec::kBool: out += decode_bool(bytes) ? "True" : "False"; return;
    case Codec::kInt2: append_integer(out, decode_int2(bytes)); return;
    case Codec::kInt4: append_integer(out, decode_int4(bytes)); return;
    case Codec::kInt8: append_integer(out, decode_int8(bytes)); return;
    case Codec::kOid: append_integer(out, decode_oid(bytes)); return;
    case Codec::kFloat4: core::append_python_float(out, decode_float4(bytes)); return;
    case Codec::kFloat8: core::append_python_float(out, decode_float8(bytes)); return;
    case Codec::kNumeric: append_numeric_text(out, bytes); return;
    case Codec::kText: append_valid_utf8(out, bytes); return;
    case Codec::kBytea: append_python_bytes_repr(out, bytes); return;
    case Codec::kUuid: append_uuid(out, bytes); return;
    case Codec::kDate: append_date(out, bytes); return;
    case Codec::kTime: append_time(out, bytes); return;
    case Codec::kTimeTz: append_timetz(out, bytes); return;
    case Codec::kTimestamp: append_timestamp(out, bytes, DateTimeSeparator::kPythonStr); return;
    case Codec::kTimestampTz: append_timestamptz(out, bytes, DateTimeSeparator::kPythonStr); return;
    case Codec::kInet: append_inet(out, bytes); return;
    case Codec::kJson:
    case Codec::kJsonb:
    case Codec::kArray: {
      std::string json;
      core::JsonWriter writer(json);
      write_json(codec, bytes, writer);
      out += json;
      return;
    }
  }
}

}  // namespace connectors::sources::postgresql::codecs
