#pragma once
// The root of every error this project throws.
//
// An Error has a kind (the name the connector protocol shows: a job that fails with a
// PgError is reported as "PgError: <message>", as Elastic's service reports
// "<ExceptionClass>: <message>"), a message, and the context it was raised in
// (connector, job, table...). Layers below the job runner only throw; the job runner is
// the one place that turns an Error into protocol error text (see protocol_error_text).

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace connectors::core {

class Error : public std::runtime_error {
 public:
  Error(std::string kind, std::string message);

  // The name shown before the colon in protocol error text, e.g. "PgError".
  const std::string& kind() const noexcept { return kind_; }
  // The message alone, without kind or context.
  const std::string& message() const noexcept { return message_; }
  // Context pairs in the order they were added, innermost first.
  const std::vector<std::pair<std::string, std::string>>& context() const noexcept {
    return context_;
  }

  // Adds "key: value" to the context, e.g. add_context("table", "public.customers").
  // Meant for catch-add-rethrow as the error crosses layers.
  Error& add_context(std::string key, std::string value);

  // "<message> (table: public.customers, connector: postgres)". This is what()
  // without the kind.
  std::string describe() const;

 private:
  void rebuild_what();

  std::string kind_;
  std::string message_;
  std::vector<std::pair<std::string, std::string>> context_;
  std::string what_;
};

// "<Kind>: <message...>" for an Error, "<message>" for anything else: the error text the
// connector protocol stores in a job's and a connector's `error` fields.
std::string protocol_error_text(const std::exception& e);

// A job or loop was asked to stop (shutdown, cancellation). Not a failure.
class StopRequested : public Error {
 public:
  StopRequested() : Error("StopRequested", "stop requested") {}
};

}  // namespace connectors::core
