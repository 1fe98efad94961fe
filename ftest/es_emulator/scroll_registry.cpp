#include "ftest/es_emulator/scroll_registry.hpp"

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/id_generator.hpp"

namespace connectors::emulator {
namespace {

constexpr std::string_view kIdPrefix = "es-emulator-scroll:";

EsError context_missing(std::string_view id) {
  EsError cause(404, "search_context_missing_exception",
                "No search context found for id [" + std::string(id) + "]");
  EsError error(404, "search_phase_execution_exception", "all shards failed");
  error.with("phase", "query");
  error.caused(std::move(cause));
  return error;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-' || c == '+') return 62;
  if (c == '_' || c == '/') return 63;
  return -1;
}

}  // namespace

ScrollRegistry::ScrollRegistry(const core::Clock& clock, std::size_t max_open)
    : clock_(clock), max_open_(max_open) {}

std::string ScrollRegistry::encode_id(std::uint64_t number) {
  const std::string text = std::string(kIdPrefix) + std::to_string(number);
  return base64url(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

std::optional<std::uint64_t> ScrollRegistry::decode_id(std::string_view id) {
  std::string bytes;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : id) {
    if (c == '=') break;
    const int v = base64_value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (bytes.rfind(kIdPrefix, 0) != 0) return std::nullopt;
  try {
    std::size_t used = 0;
    const std::string digits = bytes.substr(kIdPrefix.size());
    const auto number = std::stoull(digits, &used);
    if (used != digits.size()) return std::nullopt;
    return number;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void ScrollRegistry::check_keep_alive(std::chrono::milliseconds keep_alive, std::string_view text) {
  if (keep_alive > std::chrono::hours{24}) {
    throw bad_request(
        "Keep alive for request (" + std::string(text) +
        ") is too large. It must be less than (1d). This limit can be set by changing the "
        "[search.max_keep_alive] cluster level setting.");
  }
}

void ScrollRegistry::expire_locked(core::SteadyTime now) {
  for (auto it = contexts_.begin(); it != contexts_.end();) {
    it = it->second->expires <= now ? contexts_.erase(it) : std::next(it);
  }
}

std::string ScrollRegistry::open(SearchResult result, SearchRequest request,
                                 std::chrono::milliseconds keep_alive) {
  const auto now = clock_.steady_now();
  std::lock_guard lock(mutex_);
  expire_locked(now);
  if (contexts_.size() >= max_open_) {
    throw EsError(
        429, "too_many_scroll_contexts_exception",
        "Trying to create too many scroll contexts. Must be less than or equal to: [" +
            std::to_string(max_open_) +
            "]. This limit can be set by changing the [search.max_open_scroll_context] setting.");
  }
  auto context = std::make_shared<Context>();
  context->next = request.size;
  context->result = std::move(result);
  context->request = std::move(request);
  context->keep_alive = keep_alive;
  context->expires = now + keep_alive;
  context->number = next_number_++;
  contexts_.emplace(context->number, context);
  return encode_id(context->number);
}

std::string ScrollRegistry::next_page(std::string_view scroll_id,
                                      std::optional<std::chrono::milliseconds> keep_alive,
                                      std::optional<bool> rest_total_hits_as_int) {
  const auto started = std::chrono::steady_clock::now();
  const auto number = decode_id(scroll_id);
  if (!number) throw bad_request("Cannot parse scroll id");
  std::shared_ptr<Context> context;
  std::int64_t from = 0;
  const auto now = clock_.steady_now();
  {
    std::lock_guard lock(mutex_);
    expire_locked(now);
    const auto it = contexts_.find(*number);
    if (it == contexts_.end()) throw context_missing(std::to_string(*number));
    context = it->second;
    if (keep_alive) context->keep_alive = *keep_alive;
    context->expires = now + context->keep_alive;
    from = context->next;
    context->next += context->request.size;
  }
  SearchRequest request = context->request;
  if (rest_total_hits_as_int) request.rest_total_hits_as_int = *rest_total_hits_as_int;
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return render_search(context->result, request, from, request.size, took.count(),
                       std::string(scroll_id));
}

std::size_t ScrollRegistry::clear(const std::vector<std::string>& scroll_ids) {
  std::lock_guard lock(mutex_);
  expire_locked(clock_.steady_now());
  std::size_t freed = 0;
  for (const auto& id : scroll_ids) {
    const auto number = decode_id(id);
    if (!number) throw bad_request("Cannot parse scroll id");
    freed += contexts_.erase(*number);
  }
  return freed;
}

std::size_t ScrollRegistry::clear_all() {
  std::lock_guard lock(mutex_);
  expire_locked(clock_.steady_now());
  const std::size_t freed = contexts_.size();
  contexts_.clear();
  return freed;
}

std::size_t ScrollRegistry::open_count() {
  std::lock_guard lock(mutex_);
  expire_locked(clock_.steady_now());
  return contexts_.size();
}

}  // namespace connectors::emulator
