#pragma once
// Big-endian reads for PostgreSQL's binary formats (network byte order), unchecked and checked.
//
// The unchecked read_* functions are for callers that already checked the length (the COPY
// parser). ByteReader checks every read against the value's length and throws PgError
// (malformed data) naming the type when the bytes run out or are left over.

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql::codecs {

inline std::uint16_t read_u16(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}
inline std::int16_t read_i16(const char* p) { return static_cast<std::int16_t>(read_u16(p)); }
inline std::uint32_t read_u32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         std::uint32_t{b[3]};
}
inline std::int32_t read_i32(const char* p) { return static_cast<std::int32_t>(read_u32(p)); }
inline std::uint64_t read_u64(const char* p) {
  return (std::uint64_t{read_u32(p)} << 32) | std::uint64_t{read_u32(p + 4)};
}
inline std::int64_t read_i64(const char* p) { return static_cast<std::int64_t>(read_u64(p)); }
inline float read_f32(const char* p) { return std::bit_cast<float>(read_u32(p)); }
inline double read_f64(const char* p) { return std::bit_cast<double>(read_u64(p)); }

class ByteReader {
 public:
  ByteReader(std::string_view bytes, std::string_view type_name)
      : bytes_(bytes), type_name_(type_name) {}

  std::uint8_t u8() { return static_cast<std::uint8_t>(*take(1).data()); }
  std::int16_t i16() { return read_i16(take(2).data()); }
  std::uint16_t u16() { return read_u16(take(2).data()); }
  std::int32_t i32() { return read_i32(take(4).data()); }
  std::uint32_t u32() { return read_u32(take(4).data()); }
  std::int64_t i64() { return read_i64(take(8).data()); }

  std::string_view take(std::size_t n) {
    if (bytes_.size() - pos_ < n) fail("is shorter than its format needs");
    const std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  std::string_view rest() { return take(bytes_.size() - pos_); }
  std::size_t remaining() const { return bytes_.size() - pos_; }
  void expect_end() const {
    if (pos_ != bytes_.size()) fail("has unexpected trailing bytes");
  }
  [[noreturn]] void fail(std::string_view what) const {
    throw malformed_data("malformed binary " + std::string(type_name_) + " value (" +
                         std::to_string(bytes_.size()) + " bytes): " + std::string(what));
  }

 private:
  std::string_view bytes_;
  std::string_view type_name_;
  std::size_t pos_ = 0;
};

// A fixed-size value: checks the size once, then unchecked reads are safe.
inline void expect_size(std::string_view bytes, std::size_t size, std::string_view type_name) {
  if (bytes.size() != size) {
    throw malformed_data("malformed binary " + std::string(type_name) + " value: " +
                         std::to_string(bytes.size()) + " bytes, expected " + std::to_string(size));
  }
}

}  // namespace connectors::sources::postgresql::codecs
