#include "sources/postgresql/sync_cursor.hpp"

#include <charconv>
#include <stdexcept>

#include <boost/json/object.hpp>

namespace connectors::sources::postgresql {
namespace json = boost::json;

namespace {

constexpr std::string_view kSourceName = "postgresql";

const json::string* string_at(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_string() ? &value->get_string() : nullptr;
}

std::uint64_t parse_xid(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw std::invalid_argument("not a transaction id: '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace

json::value SyncCursor::to_json() const {
  json::object tables_json;
  for (const auto& [name, horizon] : tables) {
    json::object entry{{"snapshot", horizon.snapshot}};
    if (!horizon.next_xid.empty()) entry["next_xid"] = horizon.next_xid;
    entry["started_at"] = horizon.started_at;
    tables_json[name] = std::move(entry);
  }
  json::object cursor{{"source", kSourceName},
                      {"version", kSyncCursorVersion},
                      {"database", database},
                      {"schema", schema}};
  cursor["commit_probe"] = probe ? json::value(json::object{{"xid", probe->xid}, {"committed_at", probe->committed_at}})
                                 : json::value(nullptr);
  cursor["tables"] = std::move(tables_json);
  return cursor;
}

std::optional<SyncCursor> SyncCursor::from_json(const json::value& value, std::string& problem) {
  if (value.is_null() || (value.is_object() && value.get_object().empty())) {
    problem = "there is no sync cursor";
    return std::nullopt;
  }
  const json::object* object = value.if_object();
  const json::string* source = object ? string_at(*object, "source") : nullptr;
  const json::value* version = object ? object->if_contains("version") : nullptr;
  if (source == nullptr || *source != kSourceName || version == nullptr || !version->is_int64() ||
      version->get_int64() != kSyncCursorVersion) {
    problem = "the sync cursor was not written by this version of the PostgreSQL connector";
    return std::nullopt;
  }
  SyncCursor cursor;
  const json::string* database = string_at(*object, "database");
  const json::string* schema = string_at(*object, "schema");
  const json::value* tables = object->if_contains("tables");
  if (database == nullptr || schema == nullptr || tables == nullptr || !tables->is_object()) {
    problem = "the sync cursor is incomplete";
    return std::nullopt;
  }
  cursor.database = std::string(*database);
  cursor.schema = std::string(*schema);
  if (const json::value* probe = object->if_contains("commit_probe"); probe && probe->is_object()) {
    const json::string* xid = string_at(probe->get_object(), "xid");
    const json::string* at = string_at(probe->get_object(), "committed_at");
    if (xid && at) cursor.probe = CommitProbe{std::string(*xid), std::string(*at)};
  }
  for (const auto& [name, entry] : tables->get_object()) {
    const json::object* horizon = entry.if_object();
    const json::string* snapshot = horizon ? string_at(*horizon, "snapshot") : nullptr;
    const json::string* started = horizon ? string_at(*horizon, "started_at") : nullptr;
    if (snapshot == nullptr || started == nullptr) {
      problem = "the sync cursor's entry for table '" + std::string(name) + "' is incomplete";
      return std::nullopt;
    }
    const json::value* next_xid_value = horizon->if_contains("next_xid");
    const json::string* next_xid = string_at(*horizon, "next_xid");
    TableHorizon read{std::string(*snapshot), std::string(*started), next_xid ? std::string(*next_xid) : ""};
    try {
      if (next_xid_value != nullptr && next_xid == nullptr) throw std::invalid_argument("next_xid is not a string");
      pending_transactions(read);
    } catch (const std::invalid_argument& e) {
      problem = "the sync cursor's entry for table '" + std::string(name) + "' is invalid: " + e.what();
      return std::nullopt;
    }
    cursor.tables[std::string(name)] = std::move(read);
  }
  return cursor;
}

PendingTransactions pending_transactions(const TableHorizon& horizon) {
  const std::string_view snapshot = horizon.snapshot;
  const std::size_t first = snapshot.find(':');
  const std::size_t second = first == std::string::npos ? std::string::npos : snapshot.find(':', first + 1);
  if (second == std::string::npos) throw std::invalid_argument("not a snapshot: '" + horizon.snapshot + "'");
  parse_xid(snapshot.substr(0, first));
  PendingTransactions pending;
  pending.unlisted_begin = parse_xid(snapshot.substr(first + 1, second - first - 1));
  pending.unlisted_end = horizon.next_xid.empty() ? pending.unlisted_begin : parse_xid(horizon.next_xid);
  if (pending.unlisted_end < pending.unlisted_begin) {
    throw std::invalid_argument("next_xid " + horizon.next_xid + " is below the snapshot's xmax");
  }
  std::string_view rest = snapshot.substr(second + 1);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    pending.listed.push_back(static_cast<std::uint32_t>(parse_xid(item) & 0xFFFFFFFFu));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return pending;
}

std::string xid_array_literal(const std::vector<std::uint32_t>& xids) {
  std::string out = "{";
  for (std::size_t i = 0; i < xids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(xids[i]);
  }
  out += '}';
  return out;
}

}  // namespace connectors::sources::postgresql
