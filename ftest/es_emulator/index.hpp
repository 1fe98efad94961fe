#pragma once
// One index: documents by id, the real-time view and the searchable view.
//
//   write(id, decide) --> live version ---------------------------- GET _doc (real time)
//                              \-- pending --refresh()--> visible version -- _search, _count, scroll
//
// Each slot holds two references: `live` (what GET sees) and `visible` (what search sees,
// as of the last refresh). A write changes `live` and queues the slot; refresh() copies
// `live` to `visible` for the queued slots only, so its cost follows what changed, not the
// index size. A document deleted but not yet refreshed is still found by search, as in
// Elasticsearch. Periodic refresh (index.refresh_interval, default 1s) runs lazily: the
// first search after the interval has passed since the oldest unrefreshed write does it.
//
// Thread-safety: one shared_mutex; writes and refresh take it exclusively, searches share it.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "ftest/es_emulator/doc_version.hpp"
#include "ftest/es_emulator/id_table.hpp"

namespace connectors::emulator {

// What a write does with the current live version (null when there is none).
struct WriteDecision {
  enum class Kind { Put, Delete, Noop };
  Kind kind = Kind::Noop;
  std::string owned;        // the new source when the decision made it
  std::string_view source;  // for Put: `owned`, or bytes the caller keeps alive

  static WriteDecision put(std::string source) {
    WriteDecision d{Kind::Put, std::move(source), {}};
    return d;
  }
  // No copy: `source` must outlive the write call.
  static WriteDecision put_view(std::string_view source) { return {Kind::Put, {}, source}; }
  static WriteDecision remove() { return {Kind::Delete, {}, {}}; }
  static WriteDecision noop() { return {Kind::Noop, {}, {}}; }
  std::string_view text() const { return source.data() ? source : std::string_view(owned); }
};

enum class WriteResult { Created, Updated, Deleted, NotFound, Noop };
std::string_view write_result_name(WriteResult result);

struct WriteOutcome {
  WriteResult result = WriteResult::Noop;
  std::int64_t seq_no = 0;
  std::int64_t version = 0;
};

class Index {
 public:
  Index(std::string name, std::string uuid, core::WallTime created,
        boost::json::object flat_settings, boost::json::object mappings);

  const std::string& name() const { return name_; }
  const std::string& uuid() const { return uuid_; }
  core::WallTime created() const { return created_; }
  bool hidden() const;

  // Runs `decide` on the live version under the write lock and applies its decision.
  // `decide` throws EsError to refuse the write (conflicts, bad input). `now` starts the
  // periodic-refresh clock for a first pending change.
  WriteOutcome write(std::string_view id,
                     const std::function<WriteDecision(const DocVersion*)>& decide,
                     core::SteadyTime now);

  // Real-time (live) or searchable (visible) version of `id`.
  DocRef get(std::string_view id, bool realtime = true) const;

  void refresh();
  // Refreshes when periodic refresh is enabled and the oldest pending write is at least one
  // refresh interval old. Returns whether it refreshed.
  bool maybe_refresh(core::SteadyTime now);
  bool has_pending() const;

  // Visible documents in index order. `fn(const DocRef&)` returns false to stop.
  template <class Fn>
  void for_each_visible(Fn&& fn) const {
    std::shared_lock lock(mutex_);
    for (const Slot& slot : slots_) {
      if (slot.visible && !fn(slot.visible)) return;
    }
  }
  // Live documents (for delete-by-query and the connector API's own lookups).
  template <class Fn>
  void for_each_live(Fn&& fn) const {
    std::shared_lock lock(mutex_);
    for (const Slot& slot : slots_) {
      if (slot.live && !fn(slot.live)) return;
    }
  }

  std::size_t live_count() const;
  std::size_t visible_count() const;
  std::size_t memory_bytes() const;

  // Metadata, for GET /{index} and _mapping.
  boost::json::object settings_flat() const;
  boost::json::object mappings() const;
  void merge_mappings(const boost::json::object& mappings);
  std::optional<std::string> default_pipeline() const;
  std::optional<std::chrono::milliseconds> refresh_interval() const;  // nullopt: disabled

 private:
  struct Slot {
    DocRef live;
    DocRef visible;
    std::uint32_t deleted_version = 0;  // version of the last delete, continued by a re-create
    bool pending = false;
  };

  std::uint32_t find_slot(std::string_view id) const;
  std::string_view key_of(std::uint32_t slot) const;
  void refresh_locked();
  void compact_locked();

  const std::string name_;
  const std::string uuid_;
  const core::WallTime created_;

  mutable std::shared_mutex mutex_;
  std::vector<Slot> slots_;
  IdTable table_;
  std::vector<std::uint32_t> pending_;
  core::SteadyTime first_pending_{};
  std::size_t live_count_ = 0;
  std::size_t visible_count_ = 0;
  std::size_t free_slots_ = 0;
  std::int64_t next_seq_no_ = 0;

  mutable std::mutex meta_mutex_;
  boost::json::object settings_;  // flat "index.*" keys, string values
  boost::json::object mappings_;
};

}  // namespace connectors::emulator
