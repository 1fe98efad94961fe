#include "ftest/es_emulator/bulk.hpp"

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/field_values.hpp"
#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

std::optional<std::int64_t> read_long(const json::value& v, std::size_t line,
                                      std::string_view key) {
  if (const auto n = long_value(v)) return n;
  throw bad_request("Malformed action/metadata line [" + std::to_string(line) +
                    "], failed to parse [" + std::string(key) + "]");
}

}  // namespace

std::string_view bulk_type_name(BulkAction::Type type) {
  switch (type) {
    case BulkAction::Type::Index: return "index";
    case BulkAction::Type::Create: return "create";
    case BulkAction::Type::Update: return "update";
    case BulkAction::Type::Delete: return "delete";
  }
  return "index";
}

std::vector<BulkAction> parse_bulk(std::string_view body, const BulkDefaults& defaults) {
  if (body.empty()) throw request_body_required();
  if (body.back() != '\n')
    throw bad_request("The bulk request must be terminated by a newline [\\n]");

  std::vector<BulkAction> actions;
  std::vector<std::string> validation;
  std::size_t pos = 0;
  std::size_t line_number = 0;
  auto next_line = [&](std::string_view& line) {
    if (pos >= body.size()) return false;
    const auto newline = body.find('\n', pos);
    line = body.substr(pos, newline - pos);
    pos = newline + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return true;
  };

  std::string_view line;
  while (next_line(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const std::size_t action_line = line_number;
    // Action lines are small: parse them in a stack buffer, without heap allocations.
    unsigned char arena_buffer[4096];
    json::monotonic_resource arena(arena_buffer, sizeof arena_buffer);
    boost::system::error_code ec;
    json::value parsed = json::parse(line, ec, &arena);
    if (ec) {
      throw parse_error("[" + std::to_string(action_line) + ":1] Malformed action/metadata line [" +
                        std::to_string(action_line) + "], " + ec.message());
    }
    if (!parsed.is_object()) {
      throw bad_request("Malformed action/metadata line [" + std::to_string(action_line) +
                        "], expected START_OBJECT or END_OBJECT but found [" +
                        jackson_token_name(parsed) + "]");
    }
    const auto& object = parsed.get_object();
    if (object.size() != 1) {
      throw bad_request("Malformed action/metadata line [" + std::to_string(action_line) +
                        "], expected a single action but found " + std::to_string(object.size()));
    }
    const auto& [type_name, meta] = *object.begin();
    BulkAction action;
    if (type_name == "index")
      action.type = BulkAction::Type::Index;
    else if (type_name == "create")
      action.type = BulkAction::Type::Create;
    else if (type_name == "update")
      action.type = BulkAction::Type::Update;
    else if (type_name == "delete")
      action.type = BulkAction::Type::Delete;
    else {
      throw bad_request("Malformed action/metadata line [" + std::to_string(action_line) +
                        "], expected one of [create, delete, index, update] but found [" +
                        std::string(type_name) + "]");
    }
    if (!meta.is_object()) {
      throw bad_request("Malformed action/metadata line [" + std::to_string(action_line) +
                        "], expected START_OBJECT but found [" + jackson_token_name(meta) +
                        "]");
    }
    action.index = defaults.index;
    action.pipeline = defaults.pipeline;
    for (const auto& member : meta.get_object()) {
      const auto key = member.key();
      const auto& v = member.value();
      if (key == "_index") {
        if (!v.is_string())
          throw bad_request("Malformed action/metadata line [" + std::to_string(action_line) +
                            "], [_index] must be a string");
        action.index = std::string(v.get_string());
      } else if (key == "_id") {
        if (v.is_null()) continue;
        action.id = scalar_text(v);
        if (action.id.empty()) validation.push_back("if _id is specified it must not be empty");
      } else if (key == "if_seq_no") {
        action.concurrency.if_seq_no = read_long(v, action_line, key);
      } else if (key == "if_primary_term") {
        action.concurrency.if_primary_term = read_long(v, action_line, key);
      } else if (key == "pipeline") {
        if (v.is_string()) action.pipeline = std::string(v.get_string());
      } else if (key == "routing" || key == "retry_on_conflict" || key == "require_alias" ||
                 key == "dynamic_templates" || key == "require_data_stream" || key == "_source" ||
                 key == "list_executed_pipelines" || key == "version" || key == "version_type") {
        continue;
      } else {
        throw bad_request("Action/metadata line [" + std::to_string(action_line) +
                          "] contains an unknown parameter [" + std::string(key) + "]");
      }
    }
    if (action.index.empty()) validation.push_back("index is missing");
    if (const auto problem = id_problem(action.id)) validation.push_back(*problem);
    if (action.type != BulkAction::Type::Delete) {
      std::string_view source;
      if (!next_line(source)) {
        throw bad_request("The bulk request must be terminated by a newline [\\n]");
      }
      action.source = source;
    } else if (action.id.empty()) {
      validation.push_back("id is missing");
    }
    if (action.type == BulkAction::Type::Update && action.id.empty())
      validation.push_back("id is missing");
    actions.push_back(std::move(action));
  }
  if (actions.empty()) validation.push_back("no requests added");
  if (!validation.empty()) throw validation_failed(validation);
  return actions;
}

std::string execute_bulk(DocOperations& operations, const std::vector<BulkAction>& actions,
                         const BulkOptions& options, std::chrono::steady_clock::time_point started,
                         const ItemGate& gate, BulkCounts* counts) {
  std::vector<OpResult> results;
  results.reserve(actions.size());
  bool errors = false;
  bool ingest = false;
  ResolveCache cache;
  for (const auto& action : actions) {
    OpResult result;
    if (gate) {
      if (auto refusal = gate(action)) {
        result.index = action.index;
        result.id = action.id;
        result.error = std::move(*refusal);
        errors = true;
        results.push_back(std::move(result));
        continue;
      }
    }
    switch (action.type) {
      case BulkAction::Type::Index:
      case BulkAction::Type::Create:
        result = operations.index(IndexOp{action.index, action.id, action.source,
                                          action.type == BulkAction::Type::Create,
                                          action.concurrency, action.pipeline},
                                  &cache);
        break;
      case BulkAction::Type::Update:
        result = operations.update(
            UpdateOp{action.index, action.id, action.source, action.concurrency, action.pipeline});
        break;
      case BulkAction::Type::Delete:
        result = operations.remove(DeleteOp{action.index, action.id, action.concurrency}, &cache);
        break;
    }
    errors |= !result.ok();
    ingest |= result.pipeline_ran;
    results.push_back(std::move(result));
  }
  if (options.refresh) {
    std::set<Index*> refreshed;
    for (const auto& r : results) {
      if (r.target && refreshed.insert(r.target.get()).second) r.target->refresh();
    }
  }
  if (counts) {
    // Plain arrays on the hot path; the maps see one update per kind.
    std::uint64_t by_type[4] = {};
    std::uint64_t by_result[5] = {};
    for (std::size_t i = 0; i < results.size(); ++i) {
      ++by_type[static_cast<int>(actions[i].type)];
      if (results[i].error) {
        ++counts->failures[results[i].error->type()];
      } else {
        ++by_result[static_cast<int>(results[i].outcome.result)];
      }
    }
    counts->items += actions.size();
    for (int t = 0; t < 4; ++t) {
      if (by_type[t]) counts->actions[std::string(bulk_type_name(static_cast<BulkAction::Type>(t)))] += by_type[t];
    }
    for (int r = 0; r < 5; ++r) {
      if (by_result[r]) counts->results[std::string(write_result_name(static_cast<WriteResult>(r)))] += by_result[r];
    }
  }
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
  std::string out;
  out.reserve(64 + results.size() * 160);
  out += "{\"errors\":";
  out += errors ? "true" : "false";
  out += ",\"took\":";
  out += std::to_string(took);
  if (ingest) out += ",\"ingest_took\":0";
  out += ",\"items\":[";
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"";
    out += bulk_type_name(actions[i].type);
    out += "\":";
    append_op_result(out, results[i], true, options.refresh);
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace connectors::emulator
