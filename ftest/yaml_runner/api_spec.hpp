#pragma once
// Elasticsearch's REST API spec (api/*.json) and the way its clients turn a YAML `do` into
// an HTTP request.
//
//   do: { connector.put: { connector_id: x, body: {...}, include_deleted: true } }
//     --resolve_call--> PUT /_connector/x?include_deleted=true  + JSON body
//
// As Elasticsearch's YAML test client does it: the paths whose {parts} are all supplied
// win, the one with the most parts first; the parts are percent-encoded (a '/' included);
// every other key is a query parameter, which the API (or _common.json) must declare,
// else the call fails on the client side (`catch: param`). Lists are comma-joined and
// booleans are true/false. When several methods are allowed, a call with a body takes the
// first one that is not GET, HEAD or DELETE, a call without one the first listed.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/error.hpp"

namespace connectors::yaml_runner {

struct ApiPath {
  std::string path;                  // "/_connector/{connector_id}"
  std::vector<std::string> methods;  // as listed
  std::vector<std::string> parts;    // names of the {parts}
};

enum class BodyRule { None, Optional, Required };

struct ApiDefinition {
  std::string name;
  std::vector<ApiPath> paths;
  std::set<std::string> params;    // declared query parameters
  std::set<std::string> required;  // params marked "required": true
  BodyRule body = BodyRule::None;
  bool bulk_body = false;  // "serialize": "bulk": NDJSON
};

class ApiSpec {
 public:
  // Reads every *.json in `api_dir` (with _common.json for the global parameters). Throws
  // core::Error (kind SpecError) naming the file for unreadable or malformed files.
  static ApiSpec load(const std::string& api_dir);
  // For tests: definitions parsed from JSON text, one API per text.
  static ApiSpec from_json(const std::vector<std::string>& api_texts,
                           const std::string& common_text = "{}");

  const ApiDefinition* find(const std::string& name) const;
  bool is_global_param(const std::string& name) const { return global_params_.count(name) != 0; }
  std::size_t size() const { return apis_.size(); }

 private:
  void add(const boost::json::value& document, const std::string& origin);

  std::map<std::string, ApiDefinition> apis_;
  std::set<std::string> global_params_;
};

// A client-side refusal: unknown API, unknown parameter, missing part or body. A `do`
// with `catch: param` expects one.
class ParamError : public core::Error {
 public:
  explicit ParamError(std::string message) : core::Error("ParamError", std::move(message)) {}
};

struct HttpCall {
  std::string method;
  std::string target;  // path and query, encoded
  std::string body;    // empty: none
  std::string content_type;
  std::set<unsigned> ignore;  // the `ignore` client parameter: statuses that are not errors
};

// Resolves one `do` API call. `args` are the keys under the API name (stash already
// substituted). Throws ParamError.
HttpCall resolve_call(const ApiSpec& spec, const std::string& api, const boost::json::object& args);

// The text a parameter value becomes: strings as they are, numbers and booleans as
// printed, lists comma-joined.
std::string param_text(const boost::json::value& value);

// Percent-encoding as the Java client does it: a path part keeps RFC 3986 path characters
// except '/', which becomes %2F; a query component keeps unreserved characters only.
std::string encode_path_part(const std::string& text);
std::string encode_query_component(const std::string& text);

}  // namespace connectors::yaml_runner
