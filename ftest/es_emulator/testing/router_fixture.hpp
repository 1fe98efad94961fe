#pragma once
// A cluster and router on a ManualClock, for tests that drive the REST layer on JSON.

#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"
#include "ftest/es_emulator/cluster.hpp"
#include "ftest/es_emulator/router.hpp"

namespace connectors::emulator::testing {

class RouterFixture : public ::testing::Test {
 protected:
  RouterFixture();

  Response call(Method method, const std::string& target, const std::string& body = "",
                const std::string& content_type = "application/json");
  // Calls and parses the body, failing the test when the status differs from `status`.
  boost::json::value json(Method method, const std::string& target, const std::string& body = "",
                          unsigned status = 200);
  // The error type and reason of an error response with the given status.
  std::pair<std::string, std::string> error(Method method, const std::string& target,
                                            const std::string& body, unsigned status);

  core::testing::ManualClock clock_;
  Cluster cluster_;
  Router router_;
};

// Value at a dotted path ("hits.hits.0._id"); null value when absent.
boost::json::value at(const boost::json::value& root, const std::string& path);

}  // namespace connectors::emulator::testing
