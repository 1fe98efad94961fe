#include "ftest/es_emulator/es_error.hpp"

#include "core/json_writer.hpp"

namespace connectors::emulator {

EsError::EsError(unsigned status, std::string type, std::string reason)
    : core::Error(type, reason),
      status_(status),
      type_(std::move(type)),
      reason_(std::move(reason)) {}

EsError::EsError(const EsError& other)
    : core::Error(other),
      status_(other.status_),
      type_(other.type_),
      reason_(other.reason_),
      metadata_(other.metadata_),
      caused_by_(other.caused_by_ ? std::make_unique<EsError>(*other.caused_by_) : nullptr) {}

EsError& EsError::operator=(const EsError& other) {
  if (this != &other) {
    core::Error::operator=(other);
    status_ = other.status_;
    type_ = other.type_;
    reason_ = other.reason_;
    metadata_ = other.metadata_;
    caused_by_ = other.caused_by_ ? std::make_unique<EsError>(*other.caused_by_) : nullptr;
  }
  return *this;
}

EsError& EsError::with(std::string key, std::string value) {
  metadata_.emplace_back(std::move(key), std::move(value));
  return *this;
}

EsError& EsError::caused(EsError cause) {
  caused_by_ = std::make_unique<EsError>(std::move(cause));
  return *this;
}

void EsError::append_fields(std::string& out, bool with_cause) const {
  out += "{\"type\":\"";
  core::append_json_escaped(out, type_);
  out += "\",\"reason\":\"";
  core::append_json_escaped(out, reason_);
  out += '"';
  for (const auto& [key, value] : metadata_) {
    out += ",\"";
    core::append_json_escaped(out, key);
    out += "\":\"";
    core::append_json_escaped(out, value);
    out += '"';
  }
  if (with_cause && caused_by_) {
    out += ",\"caused_by\":";
    caused_by_->append_fields(out, true);
  }
  out += '}';
}

void EsError::append_object(std::string& out) const { append_fields(out, true); }

std::string EsError::body() const {
  // root_cause lists the innermost cause, which is what Elasticsearch reports for the
  // single-shard, single-cause failures the emulator produces.
  const EsError* root = this;
  while (root->caused_by_) root = root->caused_by_.get();
  std::string out = "{\"error\":{\"root_cause\":[";
  root->append_fields(out, false);
  out += "],";
  std::string self;
  append_fields(self, true);
  out.append(self, 1);  // drop our '{', keep the closing '}'
  out += ",\"status\":";
  out += std::to_string(status_);
  out += '}';
  return out;
}

EsError bad_request(std::string reason) {
  return EsError(400, "illegal_argument_exception", std::move(reason));
}

EsError validation_failed(const std::vector<std::string>& messages) {
  std::string reason = "Validation Failed: ";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    reason += std::to_string(i + 1);
    reason += ": ";
    reason += messages[i];
    reason += ';';
  }
  return EsError(400, "action_request_validation_exception", std::move(reason));
}

EsError parse_error(std::string reason) {
  return EsError(400, "x_content_parse_exception", std::move(reason));
}

EsError parsing_exception(std::string reason) {
  return EsError(400, "parsing_exception", std::move(reason));
}

EsError status_exception(unsigned status, std::string reason) {
  return EsError(status, "status_exception", std::move(reason));
}

EsError index_not_found(std::string_view index) {
  EsError error(404, "index_not_found_exception", "no such index [" + std::string(index) + "]");
  error.with("resource.type", "index_or_alias")
      .with("resource.id", std::string(index))
      .with("index_uuid", "_na_")
      .with("index", std::string(index));
  return error;
}

EsError resource_not_found(std::string reason) {
  return EsError(404, "resource_not_found_exception", std::move(reason));
}

EsError request_body_required() {
  return EsError(400, "parse_exception", "request body is required");
}

}  // namespace connectors::emulator
