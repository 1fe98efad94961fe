#include "sources/postgresql/pem_format.hpp"

#include <algorithm>
#include <vector>

namespace connectors::sources::postgresql {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// Python: " ".join(s.split("\n", n)), i.e. the first n newlines become spaces again.
std::string rejoin_first(std::string s, std::size_t n) {
  for (std::size_t pos = 0; n > 0; --n) {
    pos = s.find('\n', pos);
    if (pos == std::string::npos) break;
    s[pos] = ' ';
  }
  return s;
}

// Python: " ".join(s.rsplit("\n", n)), i.e. the last n newlines become spaces again.
std::string rejoin_last(std::string s, std::size_t n) {
  std::size_t end = s.size();
  for (; n > 0; --n) {
    const std::size_t pos = end == 0 ? std::string::npos : s.rfind('\n', end - 1);
    if (pos == std::string::npos) break;
    s[pos] = ' ';
    end = pos;
  }
  return s;
}

// One certificate's worth of single-line text: spaces to newlines, markers restored.
std::string reflow(std::string text, std::size_t marker_spaces) {
  std::replace(text.begin(), text.end(), ' ', '\n');
  return rejoin_last(rejoin_first(std::move(text), marker_spaces), marker_spaces);
}

}  // namespace

std::string pem_format(std::string_view key_in, std::string_view postfix) {
  const std::string_view key = strip(key_in);

  if (key.find('\n') != std::string_view::npos) {
    // Python's splitlines() also splits on "\r", so "\r\n" pastes work.
    std::string out;
    std::size_t start = 0;
    while (start <= key.size()) {
      std::size_t end = key.find_first_of("\r\n", start);
      if (end == std::string_view::npos) end = key.size();
      const std::string_view line = strip(key.substr(start, end - start));
      if (!line.empty()) {
        if (!out.empty()) out += '\n';
        out += line;
      }
      if (end < key.size() && key[end] == '\r' && end + 1 < key.size() && key[end + 1] == '\n') ++end;
      start = end + 1;
    }
    return out;
  }

  const std::size_t marker_spaces = static_cast<std::size_t>(std::count(postfix.begin(), postfix.end(), ' '));
  const std::size_t certificates = count(key, postfix);
  if (certificates == 1) return reflow(std::string(key), marker_spaces);
  std::string out;
  if (certificates > 1) {
    // key.split(postfix)[:-1]: every piece that an END marker closes.
    std::size_t start = 0;
    for (std::size_t pos = key.find(postfix); pos != std::string_view::npos;
         pos = key.find(postfix, start)) {
      std::string certificate(strip(key.substr(start, pos - start)));
      certificate += '\n';
      certificate += postfix;
      out += reflow(std::move(certificate), marker_spaces);
      out += '\n';
      start = pos + postfix.size();
    }
  }
  return out;
}

}  // namespace connectors::sources::postgresql
