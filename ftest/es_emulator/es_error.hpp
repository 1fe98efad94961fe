#pragma once
// Errors the emulator answers with, in Elasticsearch's shape:
//
//   {"error":{"root_cause":[{"type":T,"reason":R,...}],"type":T,"reason":R,...,
//             "caused_by":{...}},"status":N}
//
// root_cause is what Elasticsearch's guessRootCauses finds: the innermost Elasticsearch
// exception of the cause chain. Plain Java exceptions (illegal_argument_exception,
// x_content_parse_exception...) end the search, so a status_exception caused by an
// illegal_argument_exception is its own root cause; an x_content_parse_exception looks
// through to a cause that is itself a parse or an Elasticsearch exception.
//
// Handlers throw EsError; the router turns it into the response body. The metadata pairs
// ("index", "index_uuid", "resource.id", "shard"...) are written after type and reason, in
// the order added, as Elasticsearch writes its exception metadata.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace connectors::emulator {

class EsError : public core::Error {
 public:
  EsError(unsigned status, std::string type, std::string reason);

  unsigned status() const noexcept { return status_; }
  const std::string& type() const noexcept { return type_; }
  const std::string& reason() const noexcept { return reason_; }
  const std::vector<std::pair<std::string, std::string>>& metadata() const noexcept {
    return metadata_;
  }
  const EsError* caused_by() const noexcept { return caused_by_.get(); }

  EsError& with(std::string key, std::string value);
  EsError& caused(EsError cause);
  // A response header Elasticsearch also reports inside the error object, under "header"
  // (WWW-Authenticate for a 401). Repeated names collect their values.
  EsError& with_header(std::string name, std::string value);
  const std::vector<std::pair<std::string, std::vector<std::string>>>& headers() const noexcept {
    return headers_;
  }

  // The same error with another reason (metadata, headers and cause kept).
  EsError with_reason(std::string reason) const;

  // {"type":..,"reason":..,<metadata>,"caused_by":{..}}: the error object without status.
  void append_object(std::string& out) const;
  // The whole response body: {"error":{...},"status":N}.
  std::string body() const;

  EsError(const EsError& other);
  EsError& operator=(const EsError& other);
  EsError(EsError&&) noexcept = default;
  EsError& operator=(EsError&&) noexcept = default;
  ~EsError() override = default;

 private:
  void append_fields(std::string& out, bool with_cause) const;

  unsigned status_;
  std::string type_;
  std::string reason_;
  std::vector<std::pair<std::string, std::string>> metadata_;
  std::vector<std::pair<std::string, std::vector<std::string>>> headers_;
  std::unique_ptr<EsError> caused_by_;
};

// Shorthands for the errors many handlers share.
EsError bad_request(std::string reason);  // illegal_argument_exception
EsError validation_failed(
    const std::vector<std::string>& messages);  // action_request_validation_exception
EsError parse_error(std::string reason);        // x_content_parse_exception
EsError parsing_exception(std::string reason);  // parsing_exception (query DSL)
EsError status_exception(unsigned status, std::string reason);  // status_exception
EsError index_not_found(std::string_view index);
EsError resource_not_found(std::string reason);  // resource_not_found_exception 404
EsError request_body_required();

// Whether `type` names a plain Java exception rather than an Elasticsearch one.
bool is_plain_exception(std::string_view type);

}  // namespace connectors::emulator
