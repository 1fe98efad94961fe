#include "ftest/es_emulator/index.hpp"

#include "ftest/es_emulator/rest_types.hpp"

namespace connectors::emulator {

std::string_view write_result_name(WriteResult result) {
  switch (result) {
    case WriteResult::Created: return "created";
    case WriteResult::Updated: return "updated";
    case WriteResult::Deleted: return "deleted";
    case WriteResult::NotFound: return "not_found";
    case WriteResult::Noop: return "noop";
  }
  return "noop";
}

Index::Index(std::string name, std::string uuid, core::WallTime created,
             boost::json::object flat_settings, boost::json::object mappings)
    : name_(std::move(name)),
      uuid_(std::move(uuid)),
      created_(created),
      settings_(std::move(flat_settings)),
      mappings_(std::move(mappings)) {}

bool Index::hidden() const {
  std::lock_guard lock(meta_mutex_);
  const auto* hidden = settings_.if_contains("index.hidden");
  return hidden && hidden->is_string() && hidden->get_string() == "true";
}

std::string_view Index::key_of(std::uint32_t slot) const {
  const Slot& s = slots_[slot];
  return s.live ? s.live->id() : s.visible->id();
}

std::uint32_t Index::find_slot(std::string_view id) const {
  return table_.find(id, [this](std::uint32_t slot) { return key_of(slot); });
}

WriteOutcome Index::write(std::string_view id,
                          const std::function<WriteDecision(const DocVersion*)>& decide,
                          core::SteadyTime now) {
  std::unique_lock lock(mutex_);
  std::uint32_t slot_index = find_slot(id);
  const DocVersion* current =
      slot_index == IdTable::kNone ? nullptr : slots_[slot_index].live.get();
  WriteDecision decision = decide(current);

  WriteOutcome outcome;
  if (decision.kind == WriteDecision::Kind::Noop) {
    outcome.result = WriteResult::Noop;
    outcome.seq_no = current ? current->seq_no() : -1;
    outcome.version = current ? current->version() : 0;
    return outcome;
  }

  auto queue = [&](Slot& slot, std::uint32_t index) {
    if (!slot.pending) {
      slot.pending = true;
      if (pending_.empty()) first_pending_ = now;
      pending_.push_back(index);
    }
  };

  if (decision.kind == WriteDecision::Kind::Delete) {
    outcome.seq_no = next_seq_no_++;
    if (!current) {
      outcome.result = WriteResult::NotFound;
      outcome.version = slot_index == IdTable::kNone ? 1 : slots_[slot_index].deleted_version + 1;
      return outcome;
    }
    Slot& slot = slots_[slot_index];
    outcome.result = WriteResult::Deleted;
    outcome.version = current->version() + 1;
    // Keep the id findable through `visible` until the refresh that drops it.
    if (!slot.visible) {
      table_.erase(id, [this](std::uint32_t s) { return key_of(s); });
      slot.live.reset();
      ++free_slots_;
    } else {
      slot.live.reset();
      queue(slot, slot_index);
    }
    slot.deleted_version = static_cast<std::uint32_t>(outcome.version);
    --live_count_;
    return outcome;
  }

  // Put.
  outcome.seq_no = next_seq_no_++;
  if (slot_index == IdTable::kNone) {
    slot_index = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
    outcome.version = 1;
    outcome.result = WriteResult::Created;
    slots_[slot_index].live =
        DocVersion::make(id, decision.text(), outcome.seq_no, outcome.version);
    table_.insert(id, slot_index);
    ++live_count_;
  } else {
    Slot& slot = slots_[slot_index];
    if (current) {
      outcome.version = current->version() + 1;
      outcome.result = WriteResult::Updated;
    } else {
      outcome.version = slot.deleted_version + 1;
      outcome.result = WriteResult::Created;
      ++live_count_;
    }
    slot.live = DocVersion::make(id, decision.text(), outcome.seq_no, outcome.version);
  }
  queue(slots_[slot_index], slot_index);
  return outcome;
}

DocRef Index::get(std::string_view id, bool realtime) const {
  std::shared_lock lock(mutex_);
  const std::uint32_t slot = find_slot(id);
  if (slot == IdTable::kNone) return {};
  return realtime ? slots_[slot].live : slots_[slot].visible;
}

void Index::refresh() {
  std::unique_lock lock(mutex_);
  refresh_locked();
}

bool Index::has_pending() const {
  std::shared_lock lock(mutex_);
  return !pending_.empty();
}

bool Index::maybe_refresh(core::SteadyTime now) {
  const auto interval = refresh_interval();
  if (!interval) return false;
  {
    std::shared_lock lock(mutex_);
    if (pending_.empty() || now - first_pending_ < *interval) return false;
  }
  std::unique_lock lock(mutex_);
  if (pending_.empty()) return false;
  refresh_locked();
  return true;
}

void Index::refresh_locked() {
  for (const std::uint32_t index : pending_) {
    Slot& slot = slots_[index];
    slot.pending = false;
    if (slot.visible) --visible_count_;
    if (slot.live) ++visible_count_;
    if (!slot.live && slot.visible) {
      // Deleted and now no longer searchable: the slot goes.
      const std::string id(slot.visible->id());
      slot.visible.reset();
      // The key is read from the slot, so erase before it is gone: restore temporarily.
      table_.erase(id, [this, index, &id](std::uint32_t s) {
        return s == index ? std::string_view(id) : key_of(s);
      });
      ++free_slots_;
      continue;
    }
    slot.visible = slot.live;
  }
  pending_.clear();
  if (pending_.capacity() > 4096) pending_.shrink_to_fit();
  if (free_slots_ > 1024 && free_slots_ * 2 > slots_.size()) compact_locked();
}

void Index::compact_locked() {
  std::vector<std::uint32_t> new_slot(slots_.size(), IdTable::kNone);
  std::vector<Slot> kept;
  kept.reserve(slots_.size() - free_slots_);
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    Slot& slot = slots_[i];
    if (!slot.live && !slot.visible) continue;
    new_slot[i] = static_cast<std::uint32_t>(kept.size());
    kept.push_back(std::move(slot));
  }
  slots_ = std::move(kept);
  table_.renumber(new_slot);
  free_slots_ = 0;
}

std::size_t Index::live_count() const {
  std::shared_lock lock(mutex_);
  return live_count_;
}

std::size_t Index::visible_count() const {
  std::shared_lock lock(mutex_);
  return visible_count_;
}

std::size_t Index::memory_bytes() const {
  std::shared_lock lock(mutex_);
  std::size_t bytes = slots_.capacity() * sizeof(Slot) + table_.memory_bytes() +
                      pending_.capacity() * sizeof(std::uint32_t);
  for (const Slot& slot : slots_) {
    if (slot.live) bytes += slot.live->footprint();
    if (slot.visible && slot.visible != slot.live) bytes += slot.visible->footprint();
  }
  return bytes;
}

boost::json::object Index::settings_flat() const {
  std::lock_guard lock(meta_mutex_);
  return settings_;
}

boost::json::object Index::mappings() const {
  std::lock_guard lock(meta_mutex_);
  return mappings_;
}

namespace {

void merge_objects(boost::json::object& target, const boost::json::object& source) {
  for (const auto& member : source) {
    auto* existing = target.if_contains(member.key());
    if (existing && existing->is_object() && member.value().is_object()) {
      merge_objects(existing->get_object(), member.value().get_object());
    } else {
      target[member.key()] = member.value();
    }
  }
}

}  // namespace

void Index::merge_mappings(const boost::json::object& mappings) {
  std::lock_guard lock(meta_mutex_);
  merge_objects(mappings_, mappings);
}

std::optional<std::string> Index::default_pipeline() const {
  std::lock_guard lock(meta_mutex_);
  const auto* value = settings_.if_contains("index.default_pipeline");
  if (!value || !value->is_string() || value->get_string() == "_none") return std::nullopt;
  return std::string(value->get_string());
}

std::optional<std::chrono::milliseconds> Index::refresh_interval() const {
  std::lock_guard lock(meta_mutex_);
  const auto* value = settings_.if_contains("index.refresh_interval");
  if (!value || !value->is_string()) return std::chrono::milliseconds{1000};
  const auto parsed = parse_time_value(value->get_string());
  if (!parsed || parsed->count() < 0) return std::nullopt;
  return parsed;
}

}  // namespace connectors::emulator
