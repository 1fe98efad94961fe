#include "ftest/es_emulator/id_generator.hpp"

namespace connectors::emulator {

std::string base64url(const unsigned char* data, std::size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const std::uint32_t v =
        (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (size - i == 1) {
    const std::uint32_t v = std::uint32_t{data[i]} << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (size - i == 2) {
    const std::uint32_t v = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

IdGenerator::IdGenerator(const core::Clock& clock, std::uint64_t seed)
    : clock_(clock), random_(seed), sequence_(static_cast<std::uint32_t>(seed)) {}

std::string IdGenerator::document_id() {
  unsigned char bytes[15];
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
          .count();
  std::lock_guard lock(mutex_);
  const std::uint32_t sequence = sequence_++;
  const std::uint64_t random = random_();
  // Time first so ids sort roughly by creation, like Elasticsearch's time-based UUIDs.
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(millis >> (8 * (5 - i)));
  bytes[6] = static_cast<unsigned char>(sequence >> 16);
  bytes[7] = static_cast<unsigned char>(sequence >> 8);
  bytes[8] = static_cast<unsigned char>(sequence);
  for (int i = 0; i < 6; ++i) bytes[9 + i] = static_cast<unsigned char>(random >> (8 * i));
  return base64url(bytes, sizeof bytes);
}

std::string IdGenerator::uuid() {
  unsigned char bytes[16];
  std::lock_guard lock(mutex_);
  const std::uint64_t a = random_();
  const std::uint64_t b = random_();
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(a >> (8 * i));
    bytes[8 + i] = static_cast<unsigned char>(b >> (8 * i));
  }
  return base64url(bytes, sizeof bytes);
}

}  // namespace connectors::emulator
