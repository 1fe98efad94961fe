#include "core/error.hpp"

namespace connectors::core {

Error::Error(std::string kind, std::string message)
    : std::runtime_error(""), kind_(std::move(kind)), message_(std::move(message)) {
  rebuild_what();
}

Error& Error::add_context(std::string key, std::string value) {
  context_.emplace_back(std::move(key), std::move(value));
  rebuild_what();
  return *this;
}

std::string Error::describe() const {
  std::string text = message_;
  if (!context_.empty()) {
    text += " (";
    for (std::size_t i = 0; i < context_.size(); ++i) {
      if (i > 0) text += ", ";
      text += context_[i].first;
      text += ": ";
      text += context_[i].second;
    }
    text += ')';
  }
  return text;
}

void Error::rebuild_what() {
  what_ = kind_ + ": " + describe();
  static_cast<std::runtime_error&>(*this) = std::runtime_error(what_);
}

std::string protocol_error_text(const std::exception& e) {
  if (const auto* error = dynamic_cast<const Error*>(&e)) {
    std::string described = error->describe();
    return described.empty() ? error->kind() : error->kind() + ": " + described;
  }
  return e.what();
}

}  // namespace connectors::core
