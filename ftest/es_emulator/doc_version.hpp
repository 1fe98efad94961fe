#pragma once
// One version of one document: id, _source text (exactly as received), _seq_no, _version.
//
// Immutable once made and shared by reference count: the real-time view, the searchable
// (refreshed) view and open scroll contexts all point at the same bytes. A single
// allocation holds the header, the id and the source, so a stored document costs its
// source plus a few dozen bytes.

#include <atomic>
#include <cstdint>
#include <string_view>
#include <utility>

namespace connectors::emulator {

class DocRef;

class DocVersion {
 public:
  static DocRef make(std::string_view id, std::string_view source, std::int64_t seq_no,
                     std::int64_t version);

  std::string_view id() const { return {data(), id_size_}; }
  std::string_view source() const { return {data() + id_size_, source_size_}; }
  std::int64_t seq_no() const { return seq_no_; }
  std::int64_t version() const { return version_; }
  // Bytes this version occupies, for memory accounting.
  std::size_t footprint() const { return sizeof(DocVersion) + id_size_ + source_size_; }

  DocVersion(const DocVersion&) = delete;
  DocVersion& operator=(const DocVersion&) = delete;

 private:
  friend class DocRef;
  DocVersion(std::uint32_t id_size, std::uint32_t source_size, std::int64_t seq_no,
             std::int64_t version)
      : id_size_(id_size), source_size_(source_size), seq_no_(seq_no), version_(version) {}
  const char* data() const { return reinterpret_cast<const char*>(this + 1); }
  char* data() { return reinterpret_cast<char*>(this + 1); }
  void add_ref() const { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() const;

  mutable std::atomic<std::uint32_t> refs_{1};
  std::uint32_t id_size_;
  std::uint32_t source_size_;
  std::int64_t seq_no_;
  std::int64_t version_;
};

// Owning pointer to a DocVersion (intrusive count, 8 bytes).
class DocRef {
 public:
  DocRef() = default;
  DocRef(const DocRef& other) : p_(other.p_) {
    if (p_) p_->add_ref();
  }
  DocRef(DocRef&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
  DocRef& operator=(const DocRef& other) {
    if (this != &other) {
      if (other.p_) other.p_->add_ref();
      reset();
      p_ = other.p_;
    }
    return *this;
  }
  DocRef& operator=(DocRef&& other) noexcept {
    if (this != &other) {
      reset();
      p_ = std::exchange(other.p_, nullptr);
    }
    return *this;
  }
  ~DocRef() { reset(); }

  void reset() {
    if (p_) std::exchange(p_, nullptr)->release();
  }
  const DocVersion* get() const { return p_; }
  const DocVersion* operator->() const { return p_; }
  const DocVersion& operator*() const { return *p_; }
  explicit operator bool() const { return p_ != nullptr; }
  bool operator==(const DocRef& other) const { return p_ == other.p_; }

 private:
  friend class DocVersion;
  explicit DocRef(const DocVersion* p) : p_(p) {}
  const DocVersion* p_ = nullptr;
};

}  // namespace connectors::emulator
