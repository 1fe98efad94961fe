#pragma once
// The REST request and response the router works on, with no socket in sight: the HTTP
// shell (http_server) fills a Request from the wire and writes the Response back, and the
// tests build them by hand.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace connectors::emulator {

enum class Method { Get, Post, Put, Delete, Head, Other };

std::string_view method_name(Method method);
Method parse_method(std::string_view name);

// Decoded query parameters. Elasticsearch keeps the last value of a repeated parameter.
class Params {
 public:
  Params() = default;
  // Parses "a=1&b=x%20y&flag" ('+' decodes to a space, as in Elasticsearch's RestUtils).
  static Params parse_query(std::string_view query);

  void set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }
  bool has(std::string_view key) const { return values_.find(key) != values_.end(); }
  std::optional<std::string> get(std::string_view key) const;
  std::string get_or(std::string_view key, std::string_view fallback) const;
  // "true", "false" or "" (a bare flag, meaning true); anything else is a 400.
  bool get_bool(std::string_view key, bool fallback) const;
  std::optional<long long> get_long(std::string_view key) const;
  // A comma list, empty items dropped.
  std::vector<std::string> get_list(std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& all() const { return values_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

struct Request {
  Method method = Method::Get;
  std::string method_text = "GET";  // as received, for error messages
  std::string target;               // path and query exactly as received
  std::string path;                 // the path part, still percent-encoded
  Params params;
  std::string body;
  std::string content_type;  // empty when absent
  std::string accept;
  std::string authorization;  // the Authorization header; checked with --security

  // Builds a request the way the HTTP shell does: splits target into path and query.
  static Request make(Method method, std::string target, std::string body = {},
                      std::string content_type = "application/json");
};

struct Response {
  // How the HTTP shell hands the response over; anything but Normal comes from an injected
  // fault (fault_injector.hpp).
  enum class Delivery { Normal, CloseBeforeResponse, CloseMidResponse, StopAnswering };

  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // a name may repeat
  Delivery delivery = Delivery::Normal;
  std::chrono::milliseconds delay{0};             // hold the answer back this long
  std::optional<std::chrono::milliseconds> hang;  // StopAnswering: for how long (none: idle timeout)

  static Response json(unsigned status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
};

// "a,b,,c" -> {"a","b","c"}.
std::vector<std::string> split_list(std::string_view text);

// Percent-decodes one path segment or query component. `plus_is_space` for query strings.
std::string percent_decode(std::string_view text, bool plus_is_space);

// Elasticsearch time values: "500ms", "30s", "5m", "1h", "2d", "-1" (meaning disabled).
// nullopt when the text is not a time value.
std::optional<std::chrono::milliseconds> parse_time_value(std::string_view text);

}  // namespace connectors::emulator
