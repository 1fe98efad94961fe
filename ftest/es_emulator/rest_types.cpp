#include "ftest/es_emulator/rest_types.hpp"

#include <charconv>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {

std::string_view method_name(Method method) {
  switch (method) {
    case Method::Get: return "GET";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Delete: return "DELETE";
    case Method::Head: return "HEAD";
    case Method::Other: return "OTHER";
  }
  return "OTHER";
}

Method parse_method(std::string_view name) {
  if (name == "GET") return Method::Get;
  if (name == "POST") return Method::Post;
  if (name == "PUT") return Method::Put;
  if (name == "DELETE") return Method::Delete;
  if (name == "HEAD") return Method::Head;
  return Method::Other;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
      throw bad_request("unterminated escape sequence at end of string: " + std::string(text));
    }
    if (c == '%')
      throw bad_request("unterminated escape sequence at end of string: " + std::string(text));
    out += (plus_is_space && c == '+') ? ' ' : c;
  }
  return out;
}

Params Params::parse_query(std::string_view query) {
  Params params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      params.set(percent_decode(pair, true), "");
    } else {
      params.set(percent_decode(pair.substr(0, eq), true),
                 percent_decode(pair.substr(eq + 1), true));
    }
  }
  return params;
}

std::optional<std::string> Params::get(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Params::get_or(std::string_view key, std::string_view fallback) const {
  const auto it = values_.find(key);
  return it == values_.end() ? std::string(fallback) : it->second;
}

bool Params::get_bool(std::string_view key, bool fallback) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  if (it->second.empty() || it->second == "true") return true;
  if (it->second == "false") return false;
  throw bad_request("Failed to parse value [" + it->second +
                    "] as only [true] or [false] are allowed.");
}

std::optional<long long> Params::get_long(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  long long value = 0;
  const auto& text = it->second;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) {
    throw bad_request("Failed to parse int parameter [" + std::string(key) + "] with value [" +
                      text + "]");
  }
  return value;
}

std::vector<std::string> Params::get_list(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return {};
  return split_list(it->second);
}

std::vector<std::string> split_list(std::string_view rest) {
  std::vector<std::string> items;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return items;
}

Request Request::make(Method method, std::string target, std::string body,
                      std::string content_type) {
  Request request;
  request.method = method;
  request.method_text = std::string(method_name(method));
  request.target = std::move(target);
  const auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) {
    request.params = Params::parse_query(std::string_view(request.target).substr(question + 1));
  }
  request.body = std::move(body);
  if (!request.body.empty()) request.content_type = std::move(content_type);
  return request;
}

std::optional<std::chrono::milliseconds> parse_time_value(std::string_view text) {
  using namespace std::chrono;
  if (text == "-1") return milliseconds{-1};
  if (text == "0") return milliseconds{0};
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  long long amount = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits, amount);
  if (ec != std::errc{}) return std::nullopt;
  const std::string_view unit = text.substr(digits);
  if (unit == "nanos") return milliseconds{amount / 1'000'000};
  if (unit == "micros") return milliseconds{amount / 1000};
  if (unit == "ms") return milliseconds{amount};
  if (unit == "s") return milliseconds{amount * 1000};
  if (unit == "m") return milliseconds{amount * 60'000};
  if (unit == "h") return milliseconds{amount * 3'600'000};
  if (unit == "d") return milliseconds{amount * 86'400'000};
  return std::nullopt;
}

}  // namespace connectors::emulator
