#pragma once
// Open scroll contexts. Each holds the complete, ordered result of the search that opened
// it (references to the document versions, not copies), so later pages see the index as
// it was then. Contexts expire by keep-alive and are bounded in number
// (search.max_open_scroll_context, 500); the keep-alive is capped at 24h
// (search.max_keep_alive). Thread-safe.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "ftest/es_emulator/search.hpp"

namespace connectors::emulator {

class ScrollRegistry {
 public:
  static constexpr std::size_t kDefaultMaxOpen = 500;

  explicit ScrollRegistry(const core::Clock& clock, std::size_t max_open = kDefaultMaxOpen);

  // Registers a scroll over `result` whose first page (of request.size hits) the caller
  // renders itself; returns the scroll id. Throws EsError 429 when too many are open.
  std::string open(SearchResult result, SearchRequest request,
                   std::chrono::milliseconds keep_alive);

  // The next page. Throws EsError 404 (search_context_missing_exception) for an unknown or
  // expired id. `keep_alive` renews the context.
  std::string next_page(std::string_view scroll_id,
                        std::optional<std::chrono::milliseconds> keep_alive,
                        std::optional<bool> rest_total_hits_as_int);

  // Frees the given contexts; returns how many existed.
  std::size_t clear(const std::vector<std::string>& scroll_ids);
  std::size_t clear_all();
  std::size_t open_count();

  // Throws EsError 400 when `keep_alive` exceeds the 24h maximum.
  static void check_keep_alive(std::chrono::milliseconds keep_alive, std::string_view text);

 private:
  struct Context {
    SearchResult result;
    SearchRequest request;
    std::int64_t next = 0;
    std::chrono::milliseconds keep_alive{0};
    core::SteadyTime expires{};
    std::uint64_t number = 0;
  };

  void expire_locked(core::SteadyTime now);
  static std::string encode_id(std::uint64_t number);
  static std::optional<std::uint64_t> decode_id(std::string_view id);

  const core::Clock& clock_;
  const std::size_t max_open_;
  std::mutex mutex_;
  std::map<std::uint64_t, std::shared_ptr<Context>> contexts_;
  std::uint64_t next_number_ = 1;
};

}  // namespace connectors::emulator
