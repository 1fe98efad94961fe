#include "ftest/es_emulator/cluster.hpp"

namespace connectors::emulator {

bool SecretStore::put(const std::string& id, std::string value) {
  std::lock_guard lock(mutex_);
  const bool created = secrets_.count(id) == 0;
  secrets_[id] = std::move(value);
  return created;
}

std::optional<std::string> SecretStore::get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = secrets_.find(id);
  if (it == secrets_.end()) return std::nullopt;
  return it->second;
}

bool SecretStore::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  return secrets_.erase(id) != 0;
}

void SecretStore::clear() {
  std::lock_guard lock(mutex_);
  secrets_.clear();
}

Cluster::Cluster(const core::Clock& clock, ClusterConfig config, std::uint64_t seed)
    : clock_(clock),
      config_(std::move(config)),
      ids_(clock, seed),
      cluster_uuid_(ids_.uuid()),
      store_(clock, ids_),
      scrolls_(clock, config_.max_open_scroll_context),
      instants_(clock),
      docs_(store_, pipelines_) {}

void Cluster::reset() {
  scrolls_.clear_all();
  store_.clear();
  pipelines_.reset();
  secrets_.clear();
}

}  // namespace connectors::emulator
