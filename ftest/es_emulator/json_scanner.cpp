#include "ftest/es_emulator/json_scanner.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace connectors::emulator {
namespace {

constexpr int kMaxDepth = 1000;

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  std::optional<JsonScanError> run(JsonKind* kind, std::vector<JsonMember>* members) {
    skip_ws();
    if (pos_ >= s_.size()) return fail_eof();
    if (kind) *kind = kind_of(s_[pos_]);
    if (members && s_[pos_] == '{') {
      if (!object(0, members)) return error_;
    } else if (!value(0)) {
      return error_;
    }
    skip_ws();
    if (pos_ != s_.size()) return fail("Unexpected character");
    return std::nullopt;
  }

 private:
  static JsonKind kind_of(char c) {
    switch (c) {
      case '{': return JsonKind::Object;
      case '[': return JsonKind::Array;
      case '"': return JsonKind::String;
      case 't':
      case 'f': return JsonKind::Bool;
      case 'n': return JsonKind::Null;
      default: return JsonKind::Number;
    }
  }

  void skip_ws() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  // skip_ws, then false (with the end-of-input error) when nothing is left.
  bool skip_ws_to_more() {
    skip_ws();
    if (pos_ < s_.size()) return true;
    fail_eof();
    return false;
  }

  JsonScanError fail_eof() { return error_ = JsonScanError{s_.size(), "Unexpected end-of-input"}; }
  JsonScanError fail(const char* what) {
    if (pos_ >= s_.size()) return fail_eof();
    const auto c = static_cast<unsigned char>(s_[pos_]);
    char buf[96];
    if (c >= 0x20 && c < 0x7f) {
      std::snprintf(buf, sizeof buf, "%s ('%c' (code %u))", what, c, c);
    } else {
      std::snprintf(buf, sizeof buf, "%s (code %u)", what, c);
    }
    return error_ = JsonScanError{pos_, buf};
  }

  bool value(int depth) {
    if (depth > kMaxDepth) {
      error_ = JsonScanError{pos_, "Document nesting depth exceeds the maximum allowed"};
      return false;
    }
    if (!skip_ws_to_more()) return false;
    switch (s_[pos_]) {
      case '{': return object(depth, nullptr);
      case '[': return array(depth);
      case '"': return string(nullptr);
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number();
    }
  }

  bool literal(std::string_view word) {
    if (s_.compare(pos_, word.size(), word) != 0) {
      fail("Unrecognized token");
      return false;
    }
    pos_ += word.size();
    return true;
  }

  bool digits() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    if (pos_ == start) {
      fail("Unexpected character");
      return false;
    }
    return true;
  }

  bool number() {
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size()) {
      fail_eof();
      return false;
    }
    if (s_[pos_] == '0') {
      ++pos_;
    } else if (s_[pos_] >= '1' && s_[pos_] <= '9') {
      digits();
    } else {
      fail("Unexpected character");
      return false;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits()) return false;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) return false;
    }
    return true;
  }

  // Validates a string at pos_ (the opening quote); appends the unescaped text to `out`.
  bool string(std::string* out) {
    ++pos_;  // opening quote
    while (true) {
      const std::size_t run = pos_;
      // Fast path: plain ASCII, eight bytes at a time while none of them is a quote, a
      // backslash, a control byte or non-ASCII (SWAR: "has a byte below n" bit tricks).
      constexpr std::uint64_t kOnes = 0x0101010101010101ull;
      constexpr std::uint64_t kHighs = 0x8080808080808080ull;
      while (pos_ + 8 <= s_.size()) {
        std::uint64_t v;
        std::memcpy(&v, s_.data() + pos_, 8);
        const std::uint64_t quote = v ^ (kOnes * '"');
        const std::uint64_t backslash = v ^ (kOnes * '\\');
        const std::uint64_t special = ((v - kOnes * 0x20) | (quote - kOnes) | (backslash - kOnes)) &
                                      ~(quote & backslash & v) & kHighs;
        if (special | (v & kHighs)) break;
        pos_ += 8;
      }
      while (pos_ < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++pos_;
      }
      if (out) out->append(s_.data() + run, pos_ - run);
      if (pos_ >= s_.size()) {
        fail_eof();
        return false;
      }
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) {
        fail("Illegal unquoted character");
        return false;
      }
      if (c == '\\') {
        if (!escape(out)) return false;
        continue;
      }
      const std::size_t length = utf8_length(pos_);
      if (length == 0) {
        fail("Invalid UTF-8 start byte");
        return false;
      }
      if (out) out->append(s_.data() + pos_, length);
      pos_ += length;
    }
  }

  bool escape(std::string* out) {
    ++pos_;
    if (pos_ >= s_.size()) {
      fail_eof();
      return false;
    }
    const char e = s_[pos_];
    char decoded = 0;
    switch (e) {
      case '"': decoded = '"'; break;
      case '\\': decoded = '\\'; break;
      case '/': decoded = '/'; break;
      case 'b': decoded = '\b'; break;
      case 'f': decoded = '\f'; break;
      case 'n': decoded = '\n'; break;
      case 'r': decoded = '\r'; break;
      case 't': decoded = '\t'; break;
      case 'u': {
        unsigned code = 0;
        for (int i = 1; i <= 4; ++i) {
          if (pos_ + i >= s_.size()) {
            pos_ = s_.size();
            fail_eof();
            return false;
          }
          const char h = s_[pos_ + i];
          code <<= 4;
          if (h >= '0' && h <= '9')
            code |= static_cast<unsigned>(h - '0');
          else if (h >= 'a' && h <= 'f')
            code |= static_cast<unsigned>(h - 'a' + 10);
          else if (h >= 'A' && h <= 'F')
            code |= static_cast<unsigned>(h - 'A' + 10);
          else {
            pos_ += static_cast<std::size_t>(i);
            fail("Unexpected character");
            return false;
          }
        }
        pos_ += 5;
        if (out) append_utf8(*out, code);
        return true;
      }
      default: fail("Unrecognized character escape"); return false;
    }
    ++pos_;
    if (out) *out += decoded;
    return true;
  }

  static void append_utf8(std::string& out, unsigned code) {
    // Lone surrogates are kept as their 3-byte form: keys with them are never compared.
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  std::size_t utf8_length(std::size_t i) const {
    const auto b0 = static_cast<unsigned char>(s_[i]);
    auto cont = [&](std::size_t k) {
      return i + k < s_.size() && (static_cast<unsigned char>(s_[i + k]) & 0xC0) == 0x80;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (b0 >= 0xF0 && b0 <= 0xF4) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    return 0;
  }

  bool array(int depth) {
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      if (!value(depth + 1)) return false;
      if (!skip_ws_to_more()) return false;
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      fail("Unexpected character");
      return false;
    }
  }

  bool object(int depth, std::vector<JsonMember>* members) {
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      if (!skip_ws_to_more()) return false;
      if (s_[pos_] != '"') {
        fail("Unexpected character");
        error_.message += ": was expecting double-quote to start field name";
        return false;
      }
      JsonMember member;
      member.begin = pos_;
      if (!string(nullptr)) return false;
      if (members) {
        member.raw_key = s_.substr(member.begin + 1, pos_ - member.begin - 2);
        if (member.raw_key.find('\\') != std::string_view::npos) {
          member.escaped = true;
          Scanner key_scanner(s_.substr(member.begin, pos_ - member.begin));
          key_scanner.string(&member.unescaped);
        }
      }
      if (!skip_ws_to_more()) return false;
      if (s_[pos_] != ':') {
        fail("Unexpected character");
        error_.message += ": was expecting a colon to separate field name and value";
        return false;
      }
      ++pos_;
      skip_ws();
      member.value_begin = pos_;
      if (!value(depth + 1)) return false;
      member.end = pos_;
      if (members) members->push_back(std::move(member));
      if (!skip_ws_to_more()) return false;
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      fail("Unexpected character");
      error_.message += ": was expecting comma to separate Object entries";
      return false;
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  JsonScanError error_;
};

}  // namespace

std::optional<JsonScanError> scan_json(std::string_view text, JsonKind* kind,
                                       std::vector<JsonMember>* members) {
  Scanner scanner(text);
  return scanner.run(kind, members);
}

std::string remove_top_level_members(std::string_view text, const std::vector<JsonMember>& members,
                                     const std::vector<std::string_view>& drop) {
  std::string out;
  out.reserve(text.size());
  out += '{';
  bool first = true;
  for (const auto& member : members) {
    if (std::find(drop.begin(), drop.end(), member.key()) != drop.end()) continue;
    if (!first) out += ',';
    first = false;
    out.append(text.substr(member.begin, member.end - member.begin));
  }
  out += '}';
  return out;
}

}  // namespace connectors::emulator
