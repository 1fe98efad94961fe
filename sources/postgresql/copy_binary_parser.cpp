#include "sources/postgresql/copy_binary_parser.hpp"

#include <cstring>

#include "sources/postgresql/codecs/binary_reader.hpp"
#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql {
namespace {

constexpr std::string_view kSignature{"PGCOPY\n\377\r\n\0", 11};
constexpr std::size_t kHeaderFixed = kSignature.size() + 4 + 4;
// PostgreSQL's own limit on columns in a result (MaxTupleAttributeNumber).
constexpr int kMaxFields = 1664;

[[noreturn]] void malformed(const std::string& what, std::uint64_t offset) {
  throw malformed_data("malformed binary COPY data: " + what + " at byte " + std::to_string(offset));
}

}  // namespace

void CopyBinaryParser::feed(std::string_view chunk, CopyRowHandler& handler) {
  if (carry_.empty()) {
    const std::size_t used = parse(chunk, handler);
    if (used < chunk.size()) {
      if (state_ == State::kDone) malformed("data after the trailer", offset_);
      carry_.assign(chunk.substr(used));
    }
    return;
  }
  carry_.append(chunk);
  const std::size_t used = parse(carry_, handler);
  if (used < carry_.size() && state_ == State::kDone) malformed("data after the trailer", offset_);
  carry_.erase(0, used);
}

void CopyBinaryParser::finish() const {
  if (state_ != State::kDone) {
    malformed(state_ == State::kHeader ? "stream ended inside the header"
                                       : "stream ended before the trailer",
              offset_ + carry_.size());
  }
}

std::size_t CopyBinaryParser::parse(std::string_view data, CopyRowHandler& handler) {
  std::size_t pos = 0;
  if (state_ == State::kHeader) {
    if (data.size() < kHeaderFixed) {
      if (std::memcmp(data.data(), kSignature.data(), std::min(data.size(), kSignature.size())) != 0) {
        malformed("bad signature", offset_);
      }
      return 0;
    }
    if (data.substr(0, kSignature.size()) != kSignature) malformed("bad signature", offset_);
    const std::uint32_t flags = codecs::read_u32(data.data() + kSignature.size());
    // Bit 16: OIDs included; bits 0-15 are "critical" flags a reader must understand. We ask
    // for neither.
    if (flags != 0) malformed("unsupported header flags " + std::to_string(flags), offset_ + 11);
    const std::int32_t extension = codecs::read_i32(data.data() + kSignature.size() + 4);
    if (extension < 0) malformed("negative header extension length", offset_ + 15);
    if (data.size() < kHeaderFixed + static_cast<std::size_t>(extension)) return 0;
    pos = kHeaderFixed + static_cast<std::size_t>(extension);
    offset_ += pos;
    state_ = State::kTuples;
  }

  while (state_ == State::kTuples) {
    const std::size_t tuple_start = pos;
    if (data.size() - pos < 2) break;
    const std::int16_t count = codecs::read_i16(data.data() + pos);
    pos += 2;
    if (count == -1) {
      state_ = State::kDone;
      offset_ += 2;
      return pos;
    }
    if (count < 0 || count > kMaxFields) malformed("field count " + std::to_string(count), offset_);
    if (expected_fields_ >= 0 && count != expected_fields_) {
      malformed("tuple has " + std::to_string(count) + " fields, expected " +
                    std::to_string(expected_fields_),
                offset_);
    }
    fields_.resize(static_cast<std::size_t>(count));
    bool complete = true;
    for (auto& field : fields_) {
      if (data.size() - pos < 4) {
        complete = false;
        break;
      }
      const std::int32_t length = codecs::read_i32(data.data() + pos);
      if (length < -1) malformed("field length " + std::to_string(length), offset_ + (pos - tuple_start));
      pos += 4;
      if (length == -1) {
        field = CopyField{nullptr, -1};
        continue;
      }
      if (data.size() - pos < static_cast<std::size_t>(length)) {
        complete = false;
        break;
      }
      field = CopyField{data.data() + pos, length};
      pos += static_cast<std::size_t>(length);
    }
    if (!complete) return tuple_start;  // wait for the rest of this tuple
    offset_ += pos - tuple_start;
    ++rows_;
    handler.on_row(fields_);
  }
  return pos;
}

}  // namespace connectors::sources::postgresql
