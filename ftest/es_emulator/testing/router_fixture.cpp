#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator::testing {

RouterFixture::RouterFixture() : cluster_(clock_, ClusterConfig{}, 42), router_(cluster_) {}

Response RouterFixture::call(Method method, const std::string& target, const std::string& body,
                             const std::string& content_type) {
  return router_.handle(Request::make(method, target, body, content_type));
}

boost::json::value RouterFixture::json(Method method, const std::string& target,
                                       const std::string& body, unsigned status) {
  const Response response = call(method, target, body);
  EXPECT_EQ(response.status, status)
      << method_name(method) << " " << target << " -> " << response.body;
  boost::system::error_code ec;
  auto value = boost::json::parse(response.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << response.body;
  return value;
}

std::pair<std::string, std::string> RouterFixture::error(Method method, const std::string& target,
                                                         const std::string& body, unsigned status) {
  const auto value = json(method, target, body, status);
  return {
      std::string(at(value, "error.type").is_string() ? at(value, "error.type").get_string() : ""),
      std::string(at(value, "error.reason").is_string() ? at(value, "error.reason").get_string()
                                                        : "")};
}

boost::json::value at(const boost::json::value& root, const std::string& path) {
  const boost::json::value* current = &root;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto dot = path.find('.', start);
    const std::string part =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (current->is_object()) {
      current = current->get_object().if_contains(part);
    } else if (current->is_array()) {
      std::size_t index = 0;
      try {
        index = std::stoul(part);
      } catch (const std::exception&) {
        return nullptr;
      }
      if (index >= current->get_array().size()) return nullptr;
      current = &current->get_array()[index];
    } else {
      return nullptr;
    }
    if (!current) return nullptr;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *current;
}

}  // namespace connectors::emulator::testing
