#include "ftest/yaml_runner/rest_endpoint.hpp"

#include "core/error.hpp"

namespace connectors::yaml_runner {

HttpReply TransportEndpoint::send(const HttpCall& call, const Headers& headers) {
  protocol::HttpRequest request;
  if (call.method == "GET") {
    request.method = protocol::HttpMethod::kGet;
  } else if (call.method == "HEAD") {
    request.method = protocol::HttpMethod::kHead;
  } else if (call.method == "POST") {
    request.method = protocol::HttpMethod::kPost;
  } else if (call.method == "PUT") {
    request.method = protocol::HttpMethod::kPut;
  } else if (call.method == "DELETE") {
    request.method = protocol::HttpMethod::kDelete;
  } else {
    throw core::Error("RunnerError", "HTTP method " + call.method + " is not supported");
  }
  request.target = call.target;
  request.body = call.body;
  request.content_type = call.content_type;
  for (const auto& [name, value] : headers) request.headers.push_back({name, value});
  const protocol::HttpResponse response = transport_->send(request, timeout_);
  HttpReply reply;
  reply.status = response.status;
  reply.body = response.body;
  for (const auto& header : response.headers) reply.headers.emplace_back(header.name, header.value);
  return reply;
}

}  // namespace connectors::yaml_runner
