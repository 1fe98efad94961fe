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
      headers_(other.headers_),
      caused_by_(other.caused_by_ ? std::make_unique<EsError>(*other.caused_by_) : nullptr) {}

EsError& EsError::operator=(const EsError& other) {
  if (this != &other) {
    core::Error::operator=(other);
    status_ = other.status_;
    type_ = other.type_;
    reason_ = other.reason_;
    metadata_ = other.metadata_;
    headers_ = other.headers_;
    caused_by_ = other.caused_by_ ? std::make_unique<EsError>(*other.caused_by_) : nullptr;
  }
  return *this;
}

EsError& EsError::with(std::string key, std::string value) {
  metadata_.emplace_back(std::move(key), std::move(value));
  return *this;
}

EsError EsError::with_reason(std::string reason) const {
  EsError copy(status_, type_, std::move(reason));
  copy.metadata_ = metadata_;
  copy.headers_ = headers_;
  if (caused_by_) copy.caused_by_ = std::make_unique<EsError>(*caused_by_);
  return copy;
}

EsError& EsError::with_header(std::string name, std::string value) {
  for (auto& [existing, values] : headers_) {
    if (existing == name) {
      values.push_back(std::move(value));
      return *this;
    }
  }
  headers_.emplace_back(std::move(name), std::vector<std::string>{std::move(value)});
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
  if (!headers_.empty()) {
    out += ",\"header\":{";
    bool first = true;
    for (const auto& [name, values] : headers_) {
      if (!first) out += ',';
      first = false;
      out += '"';
      core::append_json_escaped(out, name);
      out += "\":";
      if (values.size() != 1) out += '[';
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ',';
        out += '"';
        core::append_json_escaped(out, values[i]);
        out += '"';
      }
      if (values.size() != 1) out += ']';
    }
    out += '}';
  }
  out += '}';
}

void EsError::append_object(std::string& out) const { append_fields(out, true); }

std::string EsError::body() const {
  // Elasticsearch's guessRootCauses (see the header).
  const EsError* root = this;
  while (root->caused_by_) {
    const EsError& cause = *root->caused_by_;
    // A search phase failure reports its shard failures' root causes, whatever they are.
    const bool through = root->type_ == "search_phase_execution_exception" ? true
                         : is_plain_exception(root->type_)
                             ? root->type_ == "x_content_parse_exception" &&
                                   (!is_plain_exception(cause.type_) ||
                                    cause.type_ == "x_content_parse_exception" ||
                                    cause.type_ == "named_object_not_found_exception")
                             : !is_plain_exception(cause.type_);
    if (!through) break;
    root = &cause;
  }
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

bool is_plain_exception(std::string_view type) {
  static constexpr std::string_view kPlain[] = {
      "illegal_argument_exception", "illegal_state_exception", "x_content_parse_exception",
      "named_object_not_found_exception", "date_time_parse_exception", "number_format_exception",
      "json_parse_exception", "json_e_o_f_exception", "exception", "null_pointer_exception",
      "unsupported_operation_exception", "connector_invalid_status_transition_exception",
      "connector_sync_job_invalid_status_transition_exception"};
  for (const auto plain : kPlain) {
    if (plain == type) return true;
  }
  return false;
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
