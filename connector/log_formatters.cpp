#include "connector/log_formatters.hpp"

#include <pthread.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "core/json_writer.hpp"

namespace connectors::service {
namespace {

// connectors_sdk.logger.ColorFormatter.COLORS
std::string_view level_color(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return "\x1b[38;20m";
    case spdlog::level::info: return "\x1b[32;20m";
    case spdlog::level::warn: return "\x1b[33;20m";
    case spdlog::level::err: return "\x1b[31;20m";
    default: return "\x1b[31;1m";
  }
}
constexpr std::string_view kReset = "\x1b[0m";

void append(spdlog::memory_buf_t& dest, std::string_view text) {
  dest.append(text.data(), text.data() + text.size());
}

struct UtcTime {
  std::tm tm{};
  int millis = 0;
};

UtcTime utc(spdlog::log_clock::time_point time) {
  const auto since_epoch =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch());
  auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  UtcTime out;
  out.millis = static_cast<int>((since_epoch - seconds).count());
  const std::time_t t = static_cast<std::time_t>(seconds.count());
  gmtime_r(&t, &out.tm);
  return out;
}

std::string strftime_utc(const std::tm& tm, const char* format) {
  char buffer[64];
  const std::size_t n = std::strftime(buffer, sizeof buffer, format, &tm);
  return std::string(buffer, n);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void append_string_field(std::string& out, std::string_view key, std::string_view value) {
  out += '"';
  out += key;
  out += "\":\"";
  core::append_json_escaped_lossy(out, value);
  out += '"';
}

// Python's threading names the main thread "MainThread"; other threads carry their
// pthread name when the line is formatted on the thread that logged it.
std::string thread_name(std::size_t thread_id, long pid) {
  if (static_cast<long>(thread_id) == pid) return "MainThread";
  if (static_cast<std::size_t>(gettid()) != thread_id) return {};
  char name[32] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof name) != 0) return {};
  return name;
}

}  // namespace

std::string_view python_level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return "DEBUG";
    case spdlog::level::info: return "INFO";
    case spdlog::level::warn: return "WARNING";
    case spdlog::level::err: return "ERROR";
    case spdlog::level::critical: return "CRITICAL";
    default: return "NOTSET";
  }
}

PlainLogFormatter::PlainLogFormatter(std::string prefix, bool color)
    : prefix_(std::move(prefix)), color_(color) {}

void PlainLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const UtcTime time = utc(msg.time);
  if (color_) append(dest, level_color(msg.level));
  append(dest, "[");
  append(dest, prefix_);
  append(dest, "][");
  append(dest, strftime_utc(time.tm, "%H:%M:%S"));
  append(dest, "][");
  append(dest, python_level_name(msg.level));
  append(dest, "] ");
  append(dest, std::string_view(msg.payload.data(), msg.payload.size()));
  if (color_) append(dest, kReset);
  append(dest, "\n");
}

std::unique_ptr<spdlog::formatter> PlainLogFormatter::clone() const {
  return std::make_unique<PlainLogFormatter>(prefix_, color_);
}

EcsLogFormatter::EcsLogFormatter(EcsFields fields) : fields_(std::move(fields)) {}

void EcsLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const UtcTime time = utc(msg.time);
  const std::string_view message(msg.payload.data(), msg.payload.size());
  const std::string_view logger(msg.logger_name.data(), msg.logger_name.size());
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", time.millis);

  std::string out;
  out.reserve(message.size() * 2 + 400);
  out += '{';
  append_string_field(out, "@timestamp", strftime_utc(time.tm, "%Y-%m-%dT%H:%M:%S") + millis);
  out += ',';
  append_string_field(out, "log.level", lower(python_level_name(msg.level)));
  out += ',';
  append_string_field(out, "message", message);

  // The rest in sorted key order, as json.dumps(sort_keys=True) writes it.
  out += ",\"ecs\":{\"version\":\"1.6.0\"}";
  out += ",\"log\":{";
  bool first = true;
  if (!logger.empty()) {
    append_string_field(out, "logger", logger);
    first = false;
  }
  if (!msg.source.empty()) {
    const char* file = msg.source.filename;
    if (const char* slash = std::strrchr(file, '/')) file = slash + 1;
    out += first ? "" : ",";
    out += "\"origin\":{\"file\":{\"line\":" + std::to_string(msg.source.line) + ",";
    append_string_field(out, "name", file);
    out += "}";
    if (msg.source.funcname != nullptr && *msg.source.funcname != '\0') {
      out += ',';
      append_string_field(out, "function", msg.source.funcname);
    }
    out += "}";
    first = false;
  }
  out += first ? "" : ",";
  append_string_field(out, "original", message);
  out += "}";

  out += ",\"process\":{";
  append_string_field(out, "name", fields_.process_name);
  out += ",\"pid\":" + std::to_string(fields_.pid);
  out += ",\"thread\":{\"id\":" + std::to_string(msg.thread_id);
  if (const std::string name = thread_name(msg.thread_id, fields_.pid); !name.empty()) {
    out += ',';
    append_string_field(out, "name", name);
  }
  out += "}}";

  out += ",\"service\":{";
  append_string_field(out, "type", fields_.service_type);
  out += ',';
  append_string_field(out, "version", fields_.service_version);
  out += "}}\n";
  append(dest, out);
}

std::unique_ptr<spdlog::formatter> EcsLogFormatter::clone() const {
  return std::make_unique<EcsLogFormatter>(fields_);
}

}  // namespace connectors::service
