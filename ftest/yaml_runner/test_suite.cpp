#include "ftest/yaml_runner/test_suite.hpp"

#include "ftest/yaml_runner/stash.hpp"
#include "ftest/yaml_runner/yaml_json.hpp"

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

class Context {
 public:
  explicit Context(std::string file) : file_(std::move(file)) {}
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw SuiteError(file_ + ":" + std::to_string(line) + ": " + message);
  }

 private:
  std::string file_;
};

std::vector<std::string> string_list(const Context& ctx, int line, const json::value& value,
                                     const char* what) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.emplace_back(value.get_string());
  } else if (value.is_array()) {
    for (const auto& item : value.get_array()) {
      if (!item.is_string()) ctx.fail(line, std::string(what) + " must be strings");
      out.emplace_back(item.get_string());
    }
  } else {
    ctx.fail(line, std::string(what) + " must be a string or a list of strings");
  }
  return out;
}

DoStep parse_do(const Context& ctx, int line, const json::value& value) {
  if (!value.is_object()) ctx.fail(line, "`do` needs a map");
  DoStep step;
  for (const auto& [key, item] : value.get_object()) {
    if (key == "catch") {
      if (!item.is_string()) ctx.fail(line, "`catch` must be a string");
      step.catch_ = std::string(item.get_string());
    } else if (key == "headers") {
      if (!item.is_object()) ctx.fail(line, "`headers` must be a map");
      for (const auto& [name, header] : item.get_object()) {
        step.headers.emplace_back(std::string(name), java_text(header));
      }
    } else if (key == "warnings") {
      step.warnings = string_list(ctx, line, item, "warnings");
    } else if (key == "allowed_warnings") {
      step.allowed_warnings = string_list(ctx, line, item, "allowed_warnings");
    } else if (key == "warnings_regex") {
      step.warnings_regex = string_list(ctx, line, item, "warnings_regex");
    } else if (key == "allowed_warnings_regex") {
      step.allowed_warnings_regex = string_list(ctx, line, item, "allowed_warnings_regex");
    } else if (key == "node_selector") {
      continue;  // one node: every selector selects it
    } else {
      if (!step.api.empty())
        ctx.fail(line, "`do` calls two APIs: [" + step.api + "] and [" + std::string(key) + "]");
      step.api = std::string(key);
      if (item.is_object()) {
        step.args = item.get_object();
      } else if (!item.is_null()) {
        ctx.fail(line, "the arguments of [" + step.api + "] must be a map");
      }
    }
  }
  if (step.api.empty()) ctx.fail(line, "`do` names no API");
  return step;
}

// `{path: value}` with exactly one entry.
std::pair<std::string, json::value> single_entry(const Context& ctx, int line,
                                                 const json::value& value, std::string_view what) {
  if (!value.is_object() || value.get_object().size() != 1) {
    ctx.fail(line, "`" + std::string(what) + "` needs a map with one entry");
  }
  const auto& entry = *value.get_object().begin();
  return {std::string(entry.key()), entry.value()};
}

Step parse_step(const Context& ctx, const YAML::Node& node) {
  Step step;
  step.line = node.Mark().line + 1;
  if (!node.IsMap() || node.size() != 1) ctx.fail(step.line, "a step must be a map with one key");
  const std::string kind = node.begin()->first.Scalar();
  const json::value value = to_json(node.begin()->second);
  if (kind == "do") {
    step.body = parse_do(ctx, step.line, value);
  } else if (kind == "set") {
    if (!value.is_object()) ctx.fail(step.line, "`set` needs a map");
    SetStep set;
    for (const auto& [path, name] : value.get_object()) {
      if (!name.is_string()) ctx.fail(step.line, "`set` names must be strings");
      set.entries.emplace_back(std::string(path), std::string(name.get_string()));
    }
    step.body = std::move(set);
  } else if (kind == "transform_and_set") {
    if (!value.is_object()) ctx.fail(step.line, "`transform_and_set` needs a map");
    TransformAndSetStep transform;
    for (const auto& [name, expression] : value.get_object()) {
      if (!expression.is_string())
        ctx.fail(step.line, "`transform_and_set` values must be strings");
      transform.entries.emplace_back(std::string(name), std::string(expression.get_string()));
    }
    step.body = std::move(transform);
  } else if (kind == "requires" || kind == "skip") {
    if (!value.is_object()) ctx.fail(step.line, "`" + kind + "` needs a map");
    step.body = PrerequisiteStep{kind == "skip", value.get_object()};
  } else if (const auto assert_kind = parse_assert_kind(kind)) {
    AssertStep assertion;
    assertion.kind = *assert_kind;
    switch (*assert_kind) {
      case AssertKind::IsTrue:
      case AssertKind::IsFalse:
      case AssertKind::Exists:
      case AssertKind::NotExists:
        if (value.is_null()) {
          assertion.path = "";
        } else if (value.is_string()) {
          assertion.path = std::string(value.get_string());
        } else {
          ctx.fail(step.line, "`" + kind + "` needs a path");
        }
        break;
      default: {
        auto [path, expected] = single_entry(ctx, step.line, value, kind);
        assertion.path = std::move(path);
        assertion.expected = std::move(expected);
      }
    }
    step.body = std::move(assertion);
  } else {
    ctx.fail(step.line, "unknown step [" + kind + "]");
  }
  return step;
}

Section parse_section(const Context& ctx, const std::string& name, const YAML::Node& node) {
  Section section;
  section.name = name;
  section.line = node.Mark().line + 1;
  if (node.IsNull()) return section;
  if (!node.IsSequence()) ctx.fail(section.line, "section [" + name + "] must be a list of steps");
  for (const auto& item : node) {
    Step step = parse_step(ctx, item);
    if (auto* prerequisite = std::get_if<PrerequisiteStep>(&step.body)) {
      if (!section.steps.empty()) {
        ctx.fail(step.line,
                 "`requires` and `skip` must come before the other steps of [" + name + "]");
      }
      section.prerequisites.push_back(std::move(*prerequisite));
      continue;
    }
    section.steps.push_back(std::move(step));
  }
  return section;
}

}  // namespace

TestSuite parse_suite(const std::string& text, const std::string& file) {
  const Context ctx(file);
  TestSuite suite;
  suite.file = file;
  for (const auto& document : load_documents(text, file)) {
    if (document.IsNull()) continue;
    const int line = document.Mark().line + 1;
    if (!document.IsMap() || document.size() != 1) {
      ctx.fail(line, "each document must be a map with one key (setup, teardown or a test name)");
    }
    const std::string name = document.begin()->first.Scalar();
    Section section = parse_section(ctx, name, document.begin()->second);
    if (name == "setup") {
      if (suite.setup) ctx.fail(line, "two setup sections");
      suite.setup = std::move(section);
    } else if (name == "teardown") {
      if (suite.teardown) ctx.fail(line, "two teardown sections");
      suite.teardown = std::move(section);
    } else {
      for (const auto& existing : suite.tests) {
        if (existing.name == name) ctx.fail(line, "two tests named [" + name + "]");
      }
      suite.tests.push_back(std::move(section));
    }
  }
  return suite;
}

}  // namespace connectors::yaml_runner
