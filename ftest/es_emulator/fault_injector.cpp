#include "ftest/es_emulator/fault_injector.hpp"

#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

EsError field_error(std::string_view field, std::string_view problem) {
  return parse_error("[fault] " + std::string(problem) + " [" + std::string(field) + "]");
}

std::optional<FaultKind> parse_kind(std::string_view name) {
  static constexpr std::pair<std::string_view, FaultKind> kKinds[] = {
      {"status", FaultKind::Status},
      {"reject_items", FaultKind::RejectItems},
      {"latency", FaultKind::Latency},
      {"close_before_response", FaultKind::CloseBeforeResponse},
      {"close_mid_response", FaultKind::CloseMidResponse},
      {"stop_answering", FaultKind::StopAnswering}};
  for (const auto& [text, kind] : kKinds) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

std::uint64_t unsigned_field(const json::value& v, std::string_view field) {
  if (v.is_uint64()) return v.get_uint64();
  if (v.is_int64() && v.get_int64() >= 0) return static_cast<std::uint64_t>(v.get_int64());
  throw field_error(field, "expected a non-negative integer for");
}

}  // namespace

std::string_view fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::Status:
      return "status";
    case FaultKind::RejectItems:
      return "reject_items";
    case FaultKind::Latency:
      return "latency";
    case FaultKind::CloseBeforeResponse:
      return "close_before_response";
    case FaultKind::CloseMidResponse:
      return "close_mid_response";
    case FaultKind::StopAnswering:
      return "stop_answering";
  }
  return "status";
}

FaultRule FaultInjector::parse_rule(const json::value& fault, std::uint64_t default_seed) {
  if (!fault.is_object()) throw parse_error("[fault] a fault must be an object");
  FaultRule rule;
  rule.seed = default_seed;
  bool has_kind = false;
  for (const auto& [key, value] : fault.get_object()) {
    if (key == "kind") {
      const auto kind = value.is_string() ? parse_kind(value.get_string()) : std::nullopt;
      if (!kind) {
        throw bad_request(
            "[fault] unknown kind " + json::serialize(value) +
            ", expected one of [status, reject_items, latency, close_before_response, "
            "close_mid_response, stop_answering]");
      }
      rule.kind = *kind;
      has_kind = true;
    } else if (key == "status") {
      const auto status = unsigned_field(value, key);
      if (status < 400 || status > 599)
        throw field_error(key, "expected an HTTP error status (400-599) for");
      rule.status = static_cast<unsigned>(status);
    } else if (key == "latency_ms") {
      rule.latency = std::chrono::milliseconds{unsigned_field(value, key)};
    } else if (key == "share") {
      if (!value.is_number()) throw field_error(key, "expected a number between 0 and 1 for");
      rule.share = value.to_number<double>();
      if (rule.share < 0 || rule.share > 1)
        throw field_error(key, "expected a number between 0 and 1 for");
    } else if (key == "count") {
      rule.count = unsigned_field(value, key);
    } else if (key == "seed") {
      rule.seed = unsigned_field(value, key);
    } else if (key == "scope") {
      if (!value.is_object()) throw field_error(key, "expected an object for");
      for (const auto& [skey, svalue] : value.get_object()) {
        if (!svalue.is_string()) throw field_error(skey, "expected a string for scope");
        const std::string text(svalue.get_string());
        if (skey == "path") {
          rule.scope.path = text;
        } else if (skey == "method") {
          const Method method = parse_method(text);
          if (method == Method::Other) throw field_error(skey, "unknown HTTP method in scope");
          rule.scope.method = method;
        } else if (skey == "endpoint") {
          rule.scope.endpoint = text;
        } else {
          throw field_error(skey, "unknown field in scope");
        }
      }
    } else {
      throw field_error(key, "unknown field");
    }
  }
  if (!has_kind) throw field_error("kind", "missing required field");
  if (rule.kind == FaultKind::Latency && !rule.latency)
    throw field_error("latency_ms", "a latency fault needs");
  return rule;
}

void FaultInjector::replace(const json::value& body) {
  std::uint64_t seed = 0;
  std::vector<FaultRule> rules;
  if (body.is_object() && !body.get_object().contains("kind")) {
    for (const auto& [key, value] : body.get_object()) {
      if (key == "seed") {
        seed = unsigned_field(value, key);
      } else if (key != "faults") {
        throw field_error(key, "unknown field");
      }
    }
    if (const auto* faults = body.get_object().if_contains("faults")) {
      if (!faults->is_array()) throw field_error("faults", "expected an array for");
      for (std::size_t i = 0; i < faults->get_array().size(); ++i) {
        rules.push_back(parse_rule(faults->get_array()[i], seed + i));
      }
    }
  } else {
    rules.push_back(parse_rule(body, 0));
  }
  std::lock_guard lock(mutex_);
  seed_ = seed;
  faults_.clear();
  for (auto& rule : rules) {
    Active active{std::move(rule), {}, 0, 0};
    active.random.seed(active.rule.seed);
    faults_.push_back(std::move(active));
  }
}

std::size_t FaultInjector::add(const json::value& fault) {
  std::lock_guard lock(mutex_);
  Active active{parse_rule(fault, seed_ + faults_.size()), {}, 0, 0};
  active.random.seed(active.rule.seed);
  faults_.push_back(std::move(active));
  return faults_.size() - 1;
}

void FaultInjector::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

bool FaultInjector::active() const {
  std::lock_guard lock(mutex_);
  return !faults_.empty();
}

json::object FaultInjector::describe() const {
  std::lock_guard lock(mutex_);
  json::array list;
  for (const auto& f : faults_) {
    json::object scope;
    if (f.rule.scope.path) scope["path"] = *f.rule.scope.path;
    if (f.rule.scope.method) scope["method"] = method_name(*f.rule.scope.method);
    if (f.rule.scope.endpoint) scope["endpoint"] = *f.rule.scope.endpoint;
    json::object item{{"kind", fault_kind_name(f.rule.kind)},
                      {"scope", scope},
                      {"share", f.rule.share},
                      {"seed", f.rule.seed},
                      {"matched", f.matched},
                      {"fired", f.fired}};
    if (f.rule.kind == FaultKind::Status) item["status"] = f.rule.status;
    if (f.rule.latency) item["latency_ms"] = f.rule.latency->count();
    if (f.rule.count) {
      item["count"] = *f.rule.count;
      item["remaining"] = *f.rule.count - std::min(*f.rule.count, f.fired);
    } else {
      item["remaining"] = nullptr;
    }
    list.push_back(std::move(item));
  }
  return json::object{{"seed", seed_}, {"faults", std::move(list)}};
}

bool FaultInjector::in_scope(const FaultRule& rule, const FaultTarget& target) {
  if (target.path.rfind("/_emulator", 0) == 0) return false;
  if (rule.scope.method && *rule.scope.method != target.method) return false;
  if (rule.scope.endpoint && *rule.scope.endpoint != target.endpoint) return false;
  if (rule.scope.path && !wildcard_match(*rule.scope.path, target.path)) return false;
  return true;
}

bool FaultInjector::draw(Active& fault) {
  ++fault.matched;
  // 53 random bits as a double in [0, 1): the same sequence on every platform.
  const double u = static_cast<double>(fault.random() >> 11) * 0x1.0p-53;
  const bool left = !fault.rule.count || fault.fired < *fault.rule.count;
  return u < fault.rule.share && left;
}

FaultPlan FaultInjector::plan(const FaultTarget& target) {
  FaultPlan plan;
  std::lock_guard lock(mutex_);
  for (auto& fault : faults_) {
    if (!in_scope(fault.rule, target)) continue;
    if (fault.rule.kind == FaultKind::RejectItems) continue;
    if (!draw(fault)) continue;
    if (fault.rule.kind == FaultKind::Latency) {
      plan.latency += *fault.rule.latency;
      ++fault.fired;
      continue;
    }
    // A terminal fault applies (and counts) only when no earlier one did.
    if (plan.action != FaultPlan::Action::None) continue;
    ++fault.fired;
    switch (fault.rule.kind) {
      case FaultKind::Status:
        plan.action = FaultPlan::Action::Status;
        plan.status = fault.rule.status;
        break;
      case FaultKind::CloseBeforeResponse:
        plan.action = FaultPlan::Action::CloseBeforeResponse;
        break;
      case FaultKind::CloseMidResponse:
        plan.action = FaultPlan::Action::CloseMidResponse;
        break;
      case FaultKind::StopAnswering:
        plan.action = FaultPlan::Action::StopAnswering;
        plan.hang = fault.rule.latency;
        break;
      default:
        break;
    }
  }
  return plan;
}

std::optional<EsError> FaultInjector::reject_item(const FaultTarget& target,
                                                  std::string_view index) {
  std::lock_guard lock(mutex_);
  std::optional<EsError> rejection;
  for (auto& fault : faults_) {
    if (fault.rule.kind != FaultKind::RejectItems || !in_scope(fault.rule, target)) continue;
    if (draw(fault) && !rejection) {
      ++fault.fired;
      rejection =
          EsError(429, "es_rejected_execution_exception",
                  "rejected execution of primary operation [shard_id=[" + std::string(index) +
                      "][0], operation=write] on EsThreadPoolExecutor[name = es-emulator/write] "
                      "(es-emulator fault injection)");
    }
  }
  return rejection;
}

EsError FaultInjector::status_error(unsigned status, std::string_view path) {
  if (status == 429) {
    return EsError(429, "es_rejected_execution_exception",
                   "rejected execution of coordinating operation [" + std::string(path) +
                       "] (es-emulator fault injection)");
  }
  if (status == 503) {
    return EsError(
        503, "unavailable_shards_exception",
        "primary shard is not active [" + std::string(path) + "] (es-emulator fault injection)");
  }
  return EsError(status, "status_exception",
                 "es-emulator fault injection: status [" + std::to_string(status) + "] for [" +
                     std::string(path) + "]");
}

}  // namespace connectors::emulator
