#pragma once
// What a source produces: one document, already serialised. Sources know nothing of
// Elasticsearch; the connector decides what to do with a document (index it, filter it,
// count it), and only it knows about _bulk.

#include <string>

namespace connectors::sources {

struct Document {
  // The document id (Elastic's "_id"), before any length rule is applied.
  std::string id;
  // The document body: one complete JSON object, `{"key":value,...}`, without "_id".
  std::string json;
};

// Where a source puts its documents, in order. put() blocks while the consumer is behind
// (that is the backpressure), and throws core::StopRequested when the job is stopping.
class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  virtual void put(Document&& document) = 0;

  // Part of the source could not be read (e.g. one table failed) and the source carries on
  // with the rest. Documents already in the index whose id starts with `id_prefix` are kept
  // (a full sync would otherwise delete them as gone), and the job ends in error with
  // `message` once everything else is synced. A prefix may cover more than the failed part
  // (table `t` also covers `t_2`): keeping too much is safe, deleting too much is not.
  virtual void skip(std::string id_prefix, std::string message) = 0;
};

}  // namespace connectors::sources
