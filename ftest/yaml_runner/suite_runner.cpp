#include "ftest/yaml_runner/suite_runner.hpp"

#include <algorithm>
#include <regex>

#include "ftest/yaml_runner/response_path.hpp"

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string short_body(const std::string& body) {
  constexpr std::size_t kMax = 600;
  return body.size() <= kMax ? body : body.substr(0, kMax) + "...";
}

std::string step_label(const Step& step) {
  std::string kind;
  if (const auto* d = std::get_if<DoStep>(&step.body)) {
    kind = "do " + d->api;
  } else if (const auto* a = std::get_if<AssertStep>(&step.body)) {
    kind = std::string(assert_kind_name(a->kind)) + " [" + a->path + "]";
  } else if (std::holds_alternative<SetStep>(step.body)) {
    kind = "set";
  } else {
    kind = "transform_and_set";
  }
  return "line " + std::to_string(step.line) + ", " + kind;
}

bool regex_matches_any(const std::vector<std::string>& patterns, const std::string& text) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return regex_find(p, text, false); });
}

}  // namespace

std::optional<bool> catch_accepts(const std::string& catch_value, unsigned status) {
  static const std::pair<std::string_view, unsigned> kStatuses[] = {
      {"bad_request", 400},     {"unauthorized", 401}, {"forbidden", 403},  {"missing", 404},
      {"request_timeout", 408}, {"conflict", 409},     {"unavailable", 503}};
  for (const auto& [name, code] : kStatuses) {
    if (catch_value == name) return status == code;
  }
  if (catch_value == "request") {
    return status >= 400 && status != 400 && status != 401 && status != 403 && status != 404 &&
           status != 408 && status != 409;
  }
  return std::nullopt;
}

std::vector<std::string> warning_texts(const Headers& headers) {
  std::vector<std::string> out;
  for (const auto& [name, value] : headers) {
    if (!iequals(name, "Warning")) continue;
    // 299 Elasticsearch-9.2.0-abc "the text" ["date"]
    const auto open = value.find('"');
    if (open == std::string::npos) {
      out.push_back(value);
      continue;
    }
    std::string text;
    for (std::size_t i = open + 1; i < value.size(); ++i) {
      if (value[i] == '\\' && i + 1 < value.size()) {
        text += value[++i];
      } else if (value[i] == '"') {
        break;
      } else {
        text += value[i];
      }
    }
    out.push_back(std::move(text));
  }
  return out;
}

std::string base64_encode(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == data.size()) {
    const unsigned n = static_cast<unsigned char>(data[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    const unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

void SuiteRunner::reset() {
  HttpCall call;
  call.method = "POST";
  call.target = "/_features/_reset";
  Headers headers;
  if (!options_.reset_authorization.empty()) {
    headers.emplace_back("Authorization", options_.reset_authorization);
  }
  const HttpReply reply = endpoint_.send(call, headers);
  if (reply.status != 200) {
    throw core::Error("RunnerError", "resetting the cluster (POST /_features/_reset) answered " +
                                         std::to_string(reply.status) + ": " +
                                         short_body(reply.body));
  }
}

TestResult SuiteRunner::run_test(const TestSuite& suite, const Section& test) {
  TestResult result;
  result.file = suite.file;
  result.test = test.name;
  std::vector<PrerequisiteStep> prerequisites;
  if (suite.setup) prerequisites = suite.setup->prerequisites;
  prerequisites.insert(prerequisites.end(), test.prerequisites.begin(), test.prerequisites.end());
  if (auto reason = skip_reason(prerequisites, options_.environment)) {
    result.outcome = Outcome::Skipped;
    result.detail = *reason;
    return result;
  }

  try {
    reset();
  } catch (const std::exception& e) {
    result.outcome = Outcome::Failed;
    result.detail = e.what();
    return result;
  }
  stash_.clear();
  response_ = Response{};

  std::optional<std::string> failure;
  if (suite.setup) {
    if (auto f = run_section(*suite.setup)) failure = "setup, " + *f;
  }
  stash_.clear();
  if (!failure) failure = run_section(test);
  if (suite.teardown) {
    if (auto f = run_section(*suite.teardown); f && !failure) failure = "teardown, " + *f;
  }
  if (failure) {
    result.outcome = Outcome::Failed;
    result.detail = *failure;
  }
  return result;
}

std::optional<std::string> SuiteRunner::run_section(const Section& section) {
  for (const auto& step : section.steps) {
    std::optional<std::string> failure;
    try {
      failure = run_step(step);
    } catch (const std::regex_error& e) {
      failure = std::string("bad regex: ") + e.what();
    } catch (const std::exception& e) {
      failure = e.what();
    }
    if (failure) return step_label(step) + ": " + *failure;
  }
  return std::nullopt;
}

std::optional<std::string> SuiteRunner::run_step(const Step& step) {
  if (const auto* d = std::get_if<DoStep>(&step.body)) return run_do(*d);
  if (const auto* a = std::get_if<AssertStep>(&step.body)) return run_assert(*a);
  if (const auto* s = std::get_if<SetStep>(&step.body)) return run_set(*s);
  if (const auto* t = std::get_if<TransformAndSetStep>(&step.body)) return run_transform(*t);
  return std::nullopt;
}

std::optional<std::string> SuiteRunner::run_do(const DoStep& step) {
  const json::value args = stash_.substitute(step.args);
  HttpCall call;
  try {
    call = resolve_call(spec_, step.api, args.get_object());
  } catch (const ParamError& e) {
    if (step.catch_ == "param") return std::nullopt;
    return std::string("the client refused the call: ") + e.message();
  }
  if (step.catch_ == "param")
    return "expected a client-side parameter error, but the call resolved to " + call.method + " " +
           call.target;

  Headers headers;
  bool has_authorization = false;
  for (const auto& [name, value] : step.headers) {
    headers.emplace_back(name, java_text(stash_.substitute_text(value)));
    has_authorization |= iequals(name, "Authorization");
  }
  if (!has_authorization && !options_.default_authorization.empty()) {
    headers.emplace_back("Authorization", options_.default_authorization);
  }

  const HttpReply reply = endpoint_.send(call, headers);
  response_ = Response{};
  response_.status = reply.status;
  response_.headers = reply.headers;
  response_.raw = reply.body;
  if (!reply.body.empty()) {
    boost::system::error_code ec;
    json::value parsed = json::parse(reply.body, ec);
    if (!ec) response_.body = std::move(parsed);
  }
  stash_.set("body", response_.body);

  const std::string what = call.method + " " + call.target;
  const bool error = reply.status >= 400 && !(call.method == "HEAD" && reply.status == 404) &&
                     !call.ignore.count(reply.status);
  if (!error) {
    if (!step.catch_.empty()) {
      return what + ": expected an error (catch: " + step.catch_ + ") but got " +
             std::to_string(reply.status) + ": " + short_body(reply.body);
    }
  } else if (step.catch_.empty()) {
    return what + ": expected 2xx but got " + std::to_string(reply.status) + ": " +
           short_body(reply.body);
  } else if (const auto accepted = catch_accepts(step.catch_, reply.status)) {
    if (!*accepted) {
      return what + ": expected catch " + step.catch_ + " but got " + std::to_string(reply.status) +
             ": " + short_body(reply.body);
    }
  } else if (step.catch_.size() > 2 && step.catch_.front() == '/' && step.catch_.back() == '/') {
    const auto* error_value =
        response_.body.is_object() ? response_.body.get_object().if_contains("error") : nullptr;
    if (!error_value)
      return what + ": expected an `error` in the response: " + short_body(reply.body);
    const std::string regex = step.catch_.substr(1, step.catch_.size() - 2);
    if (!regex_find(regex, java_text(*error_value), false)) {
      return what + ": the error did not match " + step.catch_ + ": " + java_text(*error_value);
    }
  } else {
    return "catch value [" + step.catch_ + "] is not supported";
  }
  if (auto problem = check_warnings(step)) return what + ": " + *problem;
  return std::nullopt;
}

std::optional<std::string> SuiteRunner::check_warnings(const DoStep& step) const {
  const auto actual = warning_texts(response_.headers);
  std::vector<std::string> unexpected;
  for (const auto& warning : actual) {
    const bool expected =
        std::find(step.warnings.begin(), step.warnings.end(), warning) != step.warnings.end() ||
        std::find(step.allowed_warnings.begin(), step.allowed_warnings.end(), warning) !=
            step.allowed_warnings.end() ||
        regex_matches_any(step.warnings_regex, warning) ||
        regex_matches_any(step.allowed_warnings_regex, warning);
    if (!expected) unexpected.push_back(warning);
  }
  if (!unexpected.empty()) return "got unexpected warning header [" + unexpected.front() + "]";
  for (const auto& wanted : step.warnings) {
    if (std::find(actual.begin(), actual.end(), wanted) == actual.end()) {
      return "did not get the expected warning header [" + wanted + "]";
    }
  }
  for (const auto& wanted : step.warnings_regex) {
    if (std::none_of(actual.begin(), actual.end(),
                     [&](const std::string& w) { return regex_find(wanted, w, false); })) {
      return "did not get a warning header matching [" + wanted + "]";
    }
  }
  return std::nullopt;
}

std::optional<std::string> SuiteRunner::run_assert(const AssertStep& step) {
  const Actual actual = evaluate_path(response_.body, response_.raw, step.path, stash_);
  const json::value expected = stash_.substitute(step.expected);
  return check_assertion(step.kind, actual, expected);
}

std::optional<std::string> SuiteRunner::run_set(const SetStep& step) {
  for (const auto& [path, name] : step.entries) {
    const Actual value = evaluate_path(response_.body, response_.raw, path, stash_);
    stash_.set(name, value ? *value : json::value(nullptr));
  }
  return std::nullopt;
}

std::optional<std::string> SuiteRunner::run_transform(const TransformAndSetStep& step) {
  static const std::string kFunction = "#base64EncodeCredentials(";
  for (const auto& [name, expression] : step.entries) {
    if (expression.rfind(kFunction, 0) != 0 || expression.back() != ')') {
      return "unsupported transform [" + expression + "]";
    }
    const std::string args =
        expression.substr(kFunction.size(), expression.size() - kFunction.size() - 1);
    const auto comma = args.find(',');
    if (comma == std::string::npos) return "#base64EncodeCredentials needs two response paths";
    std::string parts[2];
    const std::string paths[2] = {args.substr(0, comma), args.substr(comma + 1)};
    for (int i = 0; i < 2; ++i) {
      const Actual value = evaluate_path(response_.body, response_.raw, paths[i], stash_);
      if (!value) return "no value at [" + paths[i] + "] for #base64EncodeCredentials";
      parts[i] = java_text(*value);
    }
    const std::string credentials = parts[0] + ":" + parts[1];
    stash_.set(name, json::string(base64_encode(credentials)));
  }
  return std::nullopt;
}

}  // namespace connectors::yaml_runner
