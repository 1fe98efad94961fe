#include "sources/postgresql/codecs/codec.hpp"

#include <cmath>

#include "core/float_format.hpp"
#include "sources/postgresql/codecs/array_codec.hpp"
#include "sources/postgresql/codecs/bit_codec.hpp"
#include "sources/postgresql/codecs/bool_codec.hpp"
#include "sources/postgresql/codecs/datetime_codec.hpp"
#include "sources/postgresql/codecs/float_codec.hpp"
#include "sources/postgresql/codecs/geometry_codec.hpp"
#include "sources/postgresql/codecs/integer_codec.hpp"
#include "sources/postgresql/codecs/json_codec.hpp"
#include "sources/postgresql/codecs/network_codec.hpp"
#include "sources/postgresql/codecs/numeric_codec.hpp"
#include "sources/postgresql/codecs/system_codec.hpp"
#include "sources/postgresql/codecs/text_codec.hpp"
#include "sources/postgresql/codecs/uuid_codec.hpp"
#include "core/python_repr.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

// Values whose text never needs JSON escaping (digits, dashes, colons, hex, the geometric
// and bit strings) are formatted straight into the output between quotes: no scratch buffer,
// no escaping pass.
template <typename Format>
void write_plain_string(core::JsonWriter& writer, Format&& format) {
  writer.raw("");  // places the separator
  std::string& out = writer.out();
  out += '"';
  format(out);
  out += '"';
}

void write_double(core::JsonWriter& writer, double value, ValueNotes& notes) {
  if (!std::isfinite(value)) notes.non_finite = true;
  writer.number(value);  // null when not finite
}

void write_scalar_json(Codec codec, std::string_view bytes, core::JsonWriter& writer, ValueNotes& notes) {
  switch (codec) {
    case Codec::kBool: writer.boolean(decode_bool(bytes)); return;
    case Codec::kInt2: writer.number(decode_int2(bytes)); return;
    case Codec::kInt4: writer.number(decode_int4(bytes)); return;
    case Codec::kInt8: writer.number(decode_int8(bytes)); return;
    case Codec::kOid: writer.number_unsigned(decode_oid(bytes)); return;
    case Codec::kUint8: writer.number_unsigned(decode_uint8(bytes)); return;
    case Codec::kFloat4: write_double(writer, decode_float4(bytes), notes); return;
    case Codec::kFloat8: write_double(writer, decode_float8(bytes), notes); return;
    case Codec::kNumeric: write_double(writer, decode_numeric_double(bytes), notes); return;
    case Codec::kText:
    case Codec::kBytea: writer.string_lossy(bytes); return;
    case Codec::kUuid: write_plain_string(writer, [&](std::string& out) { append_uuid(out, bytes); }); return;
    case Codec::kDate:
      write_plain_string(writer, [&](std::string& out) {
        if (!append_date(out, bytes)) notes.out_of_range = true;
      });
      return;
    case Codec::kTime: write_plain_string(writer, [&](std::string& out) { append_time(out, bytes); }); return;
    case Codec::kTimeTz:
      write_plain_string(writer, [&](std::string& out) { append_timetz(out, bytes); });
      return;
    case Codec::kTimestamp:
      write_plain_string(writer, [&](std::string& out) {
        if (!append_timestamp(out, bytes, DateTimeSeparator::kIso)) notes.out_of_range = true;
      });
      return;
    case Codec::kTimestampTz:
      write_plain_string(writer, [&](std::string& out) {
        if (!append_timestamptz(out, bytes, DateTimeSeparator::kIso)) notes.out_of_range = true;
      });
      return;
    case Codec::kJson:
    case Codec::kJsonb: {
      const std::string_view text = codec == Codec::kJsonb ? jsonb_text(bytes) : bytes;
      JsonNotes json_notes;
      writer.raw("");
      if (codec == Codec::kJson && has_duplicate_keys(text)) {
        append_json_python_deduplicated(writer.out(), text, json_notes);
      } else {
        append_json_python(writer.out(), text, json_notes);
      }
      if (json_notes.non_finite) notes.non_finite = true;
      return;
    }
    case Codec::kInet: write_plain_string(writer, [&](std::string& out) { append_inet(out, bytes); }); return;
    case Codec::kPoint: write_plain_string(writer, [&](std::string& out) { append_point(out, bytes); }); return;
    case Codec::kLseg: write_plain_string(writer, [&](std::string& out) { append_lseg(out, bytes); }); return;
    case Codec::kBox: write_plain_string(writer, [&](std::string& out) { append_box(out, bytes); }); return;
    case Codec::kPath: write_plain_string(writer, [&](std::string& out) { append_path(out, bytes); }); return;
    case Codec::kPolygon:
      write_plain_string(writer, [&](std::string& out) { append_polygon(out, bytes); });
      return;
    case Codec::kLine: write_plain_string(writer, [&](std::string& out) { append_line(out, bytes); }); return;
    case Codec::kCircle: write_plain_string(writer, [&](std::string& out) { append_circle(out, bytes); }); return;
    case Codec::kBit: write_plain_string(writer, [&](std::string& out) { append_bit_string(out, bytes); }); return;
    case Codec::kTid: write_tid_json(bytes, writer); return;
    case Codec::kSnapshot: write_snapshot_json(bytes, writer); return;
    case Codec::kArray: break;  // arrays of arrays do not exist: dimensions are in one value
  }
  writer.string_lossy(bytes);
}

class JsonElementWriter final : public ArrayVisitor {
 public:
  JsonElementWriter(Codec codec, core::JsonWriter& writer, ValueNotes& notes)
      : codec_(codec), writer_(writer), notes_(notes) {}
  void begin_array() override { writer_.begin_array(); }
  void end_array() override { writer_.end_array(); }
  void element(std::string_view bytes) override { write_scalar_json(codec_, bytes, writer_, notes_); }
  void null_element() override { writer_.null(); }

 private:
  Codec codec_;
  core::JsonWriter& writer_;
  ValueNotes& notes_;
};

// Python's repr() of an element inside a list, for the codecs whose repr differs from str().
void append_python_repr(Codec codec, std::string_view bytes, std::string& out) {
  const ValueCodec scalar{codec};
  switch (codec) {
    case Codec::kText: {
      std::string text;
      append_valid_utf8(text, bytes);
      out += core::python_str_repr(text);
      return;
    }
    case Codec::kNumeric:
      out += "Decimal('";
      append_numeric_python_str(out, bytes);
      out += "')";
      return;
    case Codec::kUuid:
      out += "UUID('";
      append_uuid(out, bytes);
      out += "')";
      return;
    default: append_python_str(scalar, bytes, out); return;
  }
}

class ReprElementWriter final : public ArrayVisitor {
 public:
  ReprElementWriter(Codec codec, std::string& out) : codec_(codec), out_(out) {}
  void begin_array() override {
    separate();
    out_ += '[';
    first_ = true;
  }
  void end_array() override {
    out_ += ']';
    first_ = false;
  }
  void element(std::string_view bytes) override {
    separate();
    append_python_repr(codec_, bytes, out_);
  }
  void null_element() override {
    separate();
    out_ += "None";
  }

 private:
  void separate() {
    if (!first_) out_ += ", ";
    first_ = false;
  }
  Codec codec_;
  std::string& out_;
  bool first_ = true;
};

}  // namespace

std::optional<Codec> scalar_codec_for_type(std::uint32_t oid) {
  switch (oid) {
    case 16: return Codec::kBool;
    case 17:  // bytea
    case 18:  // "char"
      return Codec::kBytea;
    case 19:    // name
    case 25:    // text
    case 142:   // xml: its binary form is its text in the client encoding
    case 705:   // unknown
    case 1042:  // bpchar
    case 1043:  // varchar
      return Codec::kText;
    case 20:    // int8
    case 3220:  // pg_lsn
      return Codec::kInt8;
    case 21: return Codec::kInt2;
    case 23: return Codec::kInt4;
    case 26:  // oid
    case 28:  // xid
    case 29:  // cid
      return Codec::kOid;
    case 5069: return Codec::kUint8;  // xid8
    case 27: return Codec::kTid;
    case 114: return Codec::kJson;
    case 600: return Codec::kPoint;
    case 601: return Codec::kLseg;
    case 602: return Codec::kPath;
    case 603: return Codec::kBox;
    case 604: return Codec::kPolygon;
    case 628: return Codec::kLine;
    case 718: return Codec::kCircle;
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
    case 1560:  // bit
    case 1562:  // varbit
      return Codec::kBit;
    case 1700: return Codec::kNumeric;
    case 2950: return Codec::kUuid;
    case 2970:  // txid_snapshot
    case 5038:  // pg_snapshot
      return Codec::kSnapshot;
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
    case Codec::kUint8: return "xid8";
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
    case Codec::kPoint: return "point";
    case Codec::kLseg: return "lseg";
    case Codec::kBox: return "box";
    case Codec::kPath: return "path";
    case Codec::kPolygon: return "polygon";
    case Codec::kLine: return "line";
    case Codec::kCircle: return "circle";
    case Codec::kBit: return "bit";
    case Codec::kTid: return "tid";
    case Codec::kSnapshot: return "pg_snapshot";
    case Codec::kArray: return "array";
  }
  return "unknown";
}

void write_json(const ValueCodec& codec, std::string_view bytes, core::JsonWriter& writer, ValueNotes& notes) {
  if (codec.codec != Codec::kArray) {
    write_scalar_json(codec.codec, bytes, writer, notes);
    return;
  }
  JsonElementWriter element(codec.element, writer, notes);
  visit_array(bytes, codec.element_oid, element);
}

void write_json(const ValueCodec& codec, std::string_view bytes, core::JsonWriter& writer) {
  ValueNotes ignored;
  write_json(codec, bytes, writer, ignored);
}

void append_python_str(const ValueCodec& codec, std::string_view bytes, std::string& out) {
  switch (codec.codec) {
    case Codec::kBool: out += decode_bool(bytes) ? "True" : "False"; return;
    case Codec::kInt2: append_integer(out, decode_int2(bytes)); return;
    case Codec::kInt4: append_integer(out, decode_int4(bytes)); return;
    case Codec::kInt8: append_integer(out, decode_int8(bytes)); return;
    case Codec::kOid: append_integer(out, decode_oid(bytes)); return;
    case Codec::kUint8: out += std::to_string(decode_uint8(bytes)); return;
    case Codec::kFloat4: core::append_python_float(out, decode_float4(bytes)); return;
    case Codec::kFloat8: core::append_python_float(out, decode_float8(bytes)); return;
    case Codec::kNumeric: append_numeric_python_str(out, bytes); return;
    case Codec::kText: append_valid_utf8(out, bytes); return;
    case Codec::kBytea: append_python_bytes_repr(out, bytes); return;
    case Codec::kUuid: append_uuid(out, bytes); return;
    case Codec::kDate: append_date(out, bytes); return;
    case Codec::kTime: append_time(out, bytes); return;
    case Codec::kTimeTz: append_timetz(out, bytes); return;
    case Codec::kTimestamp: append_timestamp(out, bytes, DateTimeSeparator::kPythonStr); return;
    case Codec::kTimestampTz: append_timestamptz(out, bytes, DateTimeSeparator::kPythonStr); return;
    case Codec::kInet: append_inet(out, bytes); return;
    case Codec::kPoint: append_point_repr(out, bytes); return;
    case Codec::kLseg: append_lseg_repr(out, bytes); return;
    case Codec::kBox: append_box_repr(out, bytes); return;
    case Codec::kLine: append_line(out, bytes); return;
    case Codec::kCircle: append_circle(out, bytes); return;
    case Codec::kBit: append_bit_string_repr(out, bytes); return;
    case Codec::kTid: append_tid_repr(out, bytes); return;
    case Codec::kSnapshot: append_snapshot_repr(out, bytes); return;
    case Codec::kArray: {
      ReprElementWriter element(codec.element, out);
      visit_array(bytes, codec.element_oid, element);
      return;
    }
    case Codec::kPath:
    case Codec::kPolygon:
    case Codec::kJson:
    case Codec::kJsonb: {
      std::string json;
      core::JsonWriter writer(json);
      write_json(codec, bytes, writer);
      out += json;
      return;
    }
  }
}

}  // namespace connectors::sources::postgresql::codecs
