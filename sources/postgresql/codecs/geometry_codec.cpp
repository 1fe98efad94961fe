#include "sources/postgresql/codecs/geometry_codec.hpp"

#include "core/float_format.hpp"
#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

constexpr std::string_view kPointClass = "asyncpg.pgproto.types.Point(";

// "(x, y)": a Python tuple of two floats.
void append_pair(std::string& out, double x, double y) {
  out += '(';
  core::append_python_float(out, x);
  out += ", ";
  core::append_python_float(out, y);
  out += ')';
}

void append_point_object(std::string& out, double x, double y) {
  out += kPointClass;
  append_pair(out, x, y);
  out += ')';
}

// "[(x1, y1), (x2, y2), ...]": str() of a list of tuples, n points from `reader`.
void append_point_list(std::string& out, ByteReader& reader, std::int32_t count) {
  if (count < 0 || static_cast<std::size_t>(count) > reader.remaining() / 16) {
    reader.fail("invalid point count");
  }
  out += '[';
  for (std::int32_t i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    const double x = read_f64(reader.take(8).data());
    const double y = read_f64(reader.take(8).data());
    append_pair(out, x, y);
  }
  out += ']';
}

// Two points (lseg, box): "[(a, b), (c, d)]".
void append_two_points(std::string& out, std::string_view bytes, std::string_view type_name) {
  expect_size(bytes, 32, type_name);
  const char* p = bytes.data();
  out += '[';
  append_pair(out, read_f64(p), read_f64(p + 8));
  out += ", ";
  append_pair(out, read_f64(p + 16), read_f64(p + 24));
  out += ']';
}

// Two points as asyncpg's tuple subclass repr: "<Class>((Point((a, b)), Point((c, d))))".
void append_two_point_object(std::string& out, std::string_view bytes, std::string_view type_name,
                             std::string_view class_name) {
  expect_size(bytes, 32, type_name);
  const char* p = bytes.data();
  out += "asyncpg.pgproto.types.";
  out += class_name;
  out += "((";
  append_point_object(out, read_f64(p), read_f64(p + 8));
  out += ", ";
  append_point_object(out, read_f64(p + 16), read_f64(p + 24));
  out += "))";
}

}  // namespace

void append_point(std::string& out, std::string_view bytes) {
  expect_size(bytes, 16, "point");
  append_pair(out, read_f64(bytes.data()), read_f64(bytes.data() + 8));
}

void append_lseg(std::string& out, std::string_view bytes) { append_two_points(out, bytes, "lseg"); }

void append_box(std::string& out, std::string_view bytes) { append_two_points(out, bytes, "box"); }

void append_path(std::string& out, std::string_view bytes) {
  ByteReader reader(bytes, "path");
  const std::uint8_t closed = reader.u8();
  const std::int32_t count = reader.i32();
  out += closed != 0 ? "closed " : "open ";
  append_point_list(out, reader, count);
  reader.expect_end();
}

void append_polygon(std::string& out, std::string_view bytes) {
  ByteReader reader(bytes, "polygon");
  const std::int32_t count = reader.i32();
  append_point_list(out, reader, count);
  reader.expect_end();
}

void append_line(std::string& out, std::string_view bytes) {
  expect_size(bytes, 24, "line");
  const char* p = bytes.data();
  out += '(';
  core::append_python_float(out, read_f64(p));
  out += ", ";
  core::append_python_float(out, read_f64(p + 8));
  out += ", ";
  core::append_python_float(out, read_f64(p + 16));
  out += ')';
}

void append_circle(std::string& out, std::string_view bytes) {
  expect_size(bytes, 24, "circle");
  const char* p = bytes.data();
  out += '(';
  append_pair(out, read_f64(p), read_f64(p + 8));
  out += ", ";
  core::append_python_float(out, read_f64(p + 16));
  out += ')';
}

void append_point_repr(std::string& out, std::string_view bytes) {
  expect_size(bytes, 16, "point");
  append_point_object(out, read_f64(bytes.data()), read_f64(bytes.data() + 8));
}

void append_lseg_repr(std::string& out, std::string_view bytes) {
  append_two_point_object(out, bytes, "lseg", "LineSegment");
}

void append_box_repr(std::string& out, std::string_view bytes) {
  append_two_point_object(out, bytes, "box", "Box");
}

}  // namespace connectors::sources::postgresql::codecs
