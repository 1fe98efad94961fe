#pragma once
// The cluster under test as the runner sees it: one resolved call in, one HTTP reply out.
// TransportEndpoint sends over the project's HTTP transport; the runner's tests script
// their own endpoint.

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ftest/yaml_runner/api_spec.hpp"
#include "protocol/http_transport.hpp"

namespace connectors::yaml_runner {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
  unsigned status = 0;
  Headers headers;
  std::string body;
};

class RestEndpoint {
 public:
  virtual ~RestEndpoint() = default;
  // Throws core::Error when no reply arrives (connection refused, deadline passed).
  virtual HttpReply send(const HttpCall& call, const Headers& headers) = 0;
};

class TransportEndpoint final : public RestEndpoint {
 public:
  TransportEndpoint(std::unique_ptr<protocol::HttpTransport> transport,
                    std::chrono::milliseconds timeout)
      : transport_(std::move(transport)), timeout_(timeout) {}

  HttpReply send(const HttpCall& call, const Headers& headers) override;

 private:
  std::unique_ptr<protocol::HttpTransport> transport_;
  std::chrono::milliseconds timeout_;
};

}  // namespace connectors::yaml_runner
