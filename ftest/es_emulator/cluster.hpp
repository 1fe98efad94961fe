#pragma once
// Everything one emulated cluster holds: indices, ingest pipelines, scroll contexts,
// connector secrets, the id and time sources, and es-emulator's own injected faults and
// counters. The router's handlers share it; tests build one around a ManualClock.

#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>

#include "core/clock.hpp"
#include "ftest/es_emulator/doc_operations.hpp"
#include "ftest/es_emulator/fault_injector.hpp"
#include "ftest/es_emulator/id_generator.hpp"
#include "ftest/es_emulator/ingest.hpp"
#include "ftest/es_emulator/instant.hpp"
#include "ftest/es_emulator/scroll_registry.hpp"
#include "ftest/es_emulator/server_stats.hpp"
#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {

struct ClusterConfig {
  std::string es_version = "9.2.0";
  std::string cluster_name = "es-emulator";
  std::string node_name = "es-emulator";
  std::string license_type = "basic";  // what GET /_license reports
  std::size_t max_open_scroll_context = ScrollRegistry::kDefaultMaxOpen;
};

// Connector secrets (the .connector-secrets system index, kept apart as Elasticsearch does:
// nothing but the secret API reads it).
class SecretStore {
 public:
  // Returns true when the id was new.
  bool put(const std::string& id, std::string value);
  std::optional<std::string> get(const std::string& id) const;
  bool remove(const std::string& id);
  void clear();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> secrets_;
};

class Cluster {
 public:
  Cluster(const core::Clock& clock, ClusterConfig config,
          std::uint64_t seed = std::random_device{}());

  const core::Clock& clock() const { return clock_; }
  const ClusterConfig& config() const { return config_; }
  const std::string& cluster_uuid() const { return cluster_uuid_; }

  IdGenerator& ids() { return ids_; }
  Store& store() { return store_; }
  PipelineRegistry& pipelines() { return pipelines_; }
  ScrollRegistry& scrolls() { return scrolls_; }
  InstantSource& instants() { return instants_; }
  DocOperations& docs() { return docs_; }
  SecretStore& secrets() { return secrets_; }
  FaultInjector& faults() const { return faults_; }
  ServerStats& stats() const { return stats_; }

  // POST /_features/_reset: every index, pipeline, scroll and secret gone. Faults and
  // counters stay: they belong to the test driving the server, not to the cluster's data.
  void reset();

 private:
  const core::Clock& clock_;
  ClusterConfig config_;
  IdGenerator ids_;
  std::string cluster_uuid_;
  Store store_;
  PipelineRegistry pipelines_;
  ScrollRegistry scrolls_;
  InstantSource instants_;
  DocOperations docs_;
  SecretStore secrets_;
  mutable FaultInjector faults_;
  mutable ServerStats stats_;
};

}  // namespace connectors::emulator
