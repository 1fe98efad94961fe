#pragma once
// Ingest pipelines: the built-in search-default-ingestion (which Elasticsearch installs for
// connectors) and user pipelines made of remove, set and rename processors.
//
// A pipeline returns a new source only when it changes the document; otherwise the
// original bytes are indexed untouched. The built-in pipeline works on the text itself
// when it only has to drop top-level fields (the common case: every connector document
// carries _extract_binary_content, _reduce_whitespace and _run_ml_inference), and parses
// the document only when it must rewrite `body`.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "ftest/es_emulator/json_scanner.hpp"

namespace connectors::emulator {

inline constexpr std::string_view kDefaultIngestPipeline = "search-default-ingestion";

class Pipeline {
 public:
  virtual ~Pipeline() = default;
  // The changed source, or nullopt when the document is unchanged. `source` is a valid JSON
  // object; `members`, when given, are its top-level members (saves scanning it again).
  // Throws EsError when a processor fails.
  virtual std::optional<std::string> apply(
      std::string_view source, const std::vector<JsonMember>* members = nullptr) const = 0;
  virtual boost::json::object definition() const = 0;
};

// Throws EsError 400 (parse_exception) when a processor is unknown or malformed.
std::shared_ptr<const Pipeline> make_pipeline(const boost::json::object& definition);
std::shared_ptr<const Pipeline> make_default_ingestion_pipeline();

class PipelineRegistry {
 public:
  PipelineRegistry();  // with the built-in pipeline

  void put(const std::string& id, const boost::json::object& definition);
  std::shared_ptr<const Pipeline> find(std::string_view id) const;
  bool remove(std::string_view id);
  std::vector<std::pair<std::string, boost::json::object>> list() const;
  void reset();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Pipeline>, std::less<>> pipelines_;
};

}  // namespace connectors::emulator
