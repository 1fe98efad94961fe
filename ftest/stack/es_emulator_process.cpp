#include "ftest/stack/es_emulator_process.hpp"

#include <deque>
#include <fstream>
#include <stdexcept>

namespace connectors::ftest {

std::string tail_of_file(const std::string& path, std::size_t lines) {
  std::ifstream in(path);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(line);
    if (last.size() > lines) last.pop_front();
  }
  std::string out;
  for (const auto& l : last) out += "  | " + l + "\n";
  return out;
}

EsEmulatorProcess EsEmulatorProcess::start(const std::string& binary, const std::string& log_file) {
  return start(binary, log_file, {});
}

EsEmulatorProcess EsEmulatorProcess::start(const std::string& binary, const std::string& log_file,
                                           const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv = {binary, "--host", "127.0.0.1", "--port", "0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  ChildProcess process = ChildProcess::spawn({.argv = std::move(argv),
                                              .capture_stdout = true,
                                              .stderr_file = log_file});
  const auto line = process.read_line(std::chrono::seconds{30});
  const std::string prefix = "listening on ";
  if (!line || line->rfind(prefix, 0) != 0) {
    process.stop();
    throw std::runtime_error("es-emulator (" + binary + ") did not start; it printed '" + line.value_or("") +
                             "'. Its log:\n" + tail_of_file(log_file));
  }
  return EsEmulatorProcess(std::move(process), line->substr(prefix.size()));
}

}  // namespace connectors::ftest
