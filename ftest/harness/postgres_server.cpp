#include "ftest/harness/postgres_server.hpp"

#include <libpq-fe.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace connectors::ftest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using PgConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using PgResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string read_tail(const std::string& path, std::size_t max_bytes, std::uintmax_t from = 0) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  std::streamoff start = std::max<std::streamoff>(static_cast<std::streamoff>(from),
                                                  size - static_cast<std::streamoff>(max_bytes));
  if (start < 0) start = 0;
  in.seekg(start);
  std::string text(static_cast<std::size_t>(size - start), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return text;
}

std::uintmax_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

void write_private_file(const std::string& path, const std::string& content,
                        const std::optional<UserIds>& owner) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << content;
  }
  ::chmod(path.c_str(), 0600);
  if (owner && ::chown(path.c_str(), owner->uid, owner->gid) != 0) {
    throw std::runtime_error("chown " + path + ": " + std::strerror(errno));
  }
}

// libpq keyword/value arrays for the admin user; the pointers live as long as `server`.
struct AdminParams {
  std::string port;
  std::vector<const char*> keys;
  std::vector<const char*> values;
};

AdminParams admin_params(const std::string& host, int port, const std::string& user,
                         const std::string& password, const std::string& database) {
  AdminParams p;
  p.port = std::to_string(port);
  p.keys = {"host", "port", "user", "password", "dbname", "connect_timeout", "application_name",
            nullptr};
  p.values = {host.c_str(), p.port.c_str(), user.c_str(), password.c_str(),
              database.c_str(), "10", "connectors-ftest", nullptr};
  return p;
}

std::string quote_conninfo_value(const std::string& value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

}  // namespace

std::string find_postgres_bin_dir() {
  const fs::path root = "/usr/lib/postgresql";
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    const int version = std::stoi(name);
    if (version > best_version && fs::exists(entry.path() / "bin" / "postgres")) {
      best_version = version;
      best = (entry.path() / "bin").string();
    }
  }
  if (best.empty()) {
    throw std::runtime_error("no PostgreSQL server found under /usr/lib/postgresql/*/bin "
                             "(install the postgresql package)");
  }
  return best;
}

namespace {

std::string failure_message(const std::string& what, const std::string& log_file) {
  return "PostgreSQL test server: " + what + "\n--- " + log_file + " (tail) ---\n" +
         read_tail(log_file, 4096);
}

void run_initdb(const std::string& bin_dir, const std::string& data_dir, const std::string& pwfile,
                const std::string& log_file, const PostgresOptions& opt,
                const std::optional<UserIds>& owner) {
  ProcessOptions initdb;
  initdb.argv = {bin_dir + "/initdb", "-D", data_dir, "-U", opt.admin_user,
                 "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
                 "-E", "UTF8", "--locale=C", "--no-sync"};
  initdb.stdout_file = log_file;
  initdb.stderr_file = log_file;
  if (owner) {
    initdb.uid = owner->uid;
    initdb.gid = owner->gid;
  }
  auto child = ChildProcess::spawn(std::move(initdb));
  const auto status = child.wait_for(opt.start_timeout);
  if (!status) throw std::runtime_error(failure_message("initdb did not finish within the start timeout", log_file));
  if (!status->ok()) throw std::runtime_error(failure_message("initdb failed (" + status->describe() + ")", log_file));
}

// `cp -a` as the owner, so every file keeps the right owner and mode (postgres insists).
void copy_data_dir(const std::string& from, const std::string& to, const std::string& log_file,
                   const std::optional<UserIds>& owner, std::chrono::milliseconds timeout) {
  ProcessOptions cp;
  cp.argv = {"/bin/cp", "-a", from, to};
  cp.stderr_file = log_file;
  if (owner) {
    cp.uid = owner->uid;
    cp.gid = owner->gid;
  }
  auto child = ChildProcess::spawn(std::move(cp));
  const auto status = child.wait_for(timeout);
  if (!status || !status->ok()) {
    throw std::runtime_error(failure_message("cannot copy the template data directory " + from, log_file));
  }
}

class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ < 0) throw std::runtime_error("cannot open lock file " + path + ": " + std::strerror(errno));
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) throw std::runtime_error("cannot lock " + path + ": " + std::strerror(errno));
    }
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() { ::close(fd_); }  // releases the lock

 private:
  int fd_;
};

// The cached data directory for these options, built when missing.
std::string ensure_template(const std::string& bin_dir, const PostgresOptions& opt) {
  // Bump kLayout when the way the template is made changes, so old caches are not reused.
  constexpr std::string_view kLayout = "1";
  const std::string key = std::string(kLayout) + '\n' + opt.admin_user + '\n' + opt.admin_password +
                          '\n' + opt.database + '\n' + std::to_string(::geteuid());
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(key));
  const std::string version = fs::path(bin_dir).parent_path().filename().string();
  const std::string path =
      (fs::temp_directory_path() / ("connectors-pg-template-" + version + "-" + hash)).string();
  const FileLock lock(path + ".lock");
  if (fs::exists(fs::path(path) / "PG_VERSION")) return path;

  PostgresOptions build = opt;
  build.use_template_cache = false;
  build.track_commit_timestamp = true;
  build.settings.clear();
  PostgresServer server = PostgresServer::start(build);
  server.stop();  // a clean shutdown: the copy starts without recovery
  std::error_code ec;
  fs::remove_all(path, ec);
  fs::rename(server.data_dir(), path);  // same file system: atomic, so only complete templates
  return path;
}

}  // namespace

PostgresServer PostgresServer::start(PostgresOptions options) {
  PostgresServer server;
  server.options_ = std::move(options);
  const PostgresOptions& opt = server.options_;
  server.bin_dir_ = opt.bin_dir.empty() ? find_postgres_bin_dir() : opt.bin_dir;

  std::optional<UserIds> owner;
  if (::geteuid() == 0) {
    owner = lookup_user("postgres");
    if (!owner) throw std::runtime_error("running as root, but there is no `postgres` user to run PostgreSQL as");
  }
  server.dir_ = std::make_unique<TempDir>("connectors-pg-", owner);
  const std::string dir = server.dir_->path();
  server.data_dir_ = dir + "/data";
  server.log_file_ = dir + "/postgres.log";
  write_private_file(server.log_file_, "", owner);

  if (opt.use_template_cache) {
    const std::string template_dir = ensure_template(server.bin_dir_, opt);
    copy_data_dir(template_dir, server.data_dir_, server.log_file_, owner, opt.start_timeout);
    server.launch(owner);
    return server;
  }

  const std::string pwfile = dir + "/pwfile";
  write_private_file(pwfile, opt.admin_password + "\n", owner);
  run_initdb(server.bin_dir_, server.data_dir_, pwfile, server.log_file_, opt, owner);
  fs::remove(pwfile);
  server.launch(owner);
  if (opt.database != "postgres") {
    PgConnPtr conn(nullptr, &PQfinish);
    const auto params = admin_params(server.host_, server.port_, opt.admin_user,
                                     opt.admin_password, "postgres");
    conn.reset(PQconnectdbParams(params.keys.data(), params.values.data(), 0));
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      throw std::runtime_error(failure_message(
          std::string("cannot connect as the admin user: ") + PQerrorMessage(conn.get()), server.log_file_));
    }
    std::unique_ptr<char, decltype(&PQfreemem)> quoted(
        PQescapeIdentifier(conn.get(), opt.database.c_str(), opt.database.size()), &PQfreemem);
    server.exec(std::string("CREATE DATABASE ") + quoted.get(), "postgres");
  }
  return server;
}

void PostgresServer::launch(const std::optional<UserIds>& owner) {
  const PostgresOptions& opt = options_;
  const std::string& dir = dir_->path();
  const auto deadline = std::chrono::steady_clock::now() + opt.start_timeout;
  for (int attempt = 1;; ++attempt) {
    port_ = find_free_port();
    const auto log_start = file_size_or_zero(log_file_);
    ProcessOptions postgres;
    postgres.argv = {bin_dir_ + "/postgres", "-D", data_dir_,
                     "-p", std::to_string(port_),
                     "-c", "listen_addresses=" + host_,
                     "-c", "unix_socket_directories=" + dir,
                     "-c", std::string("track_commit_timestamp=") + (opt.track_commit_timestamp ? "on" : "off"),
                     "-c", "fsync=off",
                     "-c", "synchronous_commit=off",
                     "-c", "full_page_writes=off",
                     "-c", "max_connections=50"};
    for (const auto& [name, value] : opt.settings) {
      postgres.argv.push_back("-c");
      postgres.argv.push_back(name + "=" + value);
    }
    postgres.stderr_file = log_file_;
    postgres.stdout_file = log_file_;
    postgres.stop_signal = SIGINT;  // fast shutdown: abort sessions, checkpoint, exit
    if (owner) {
      postgres.uid = owner->uid;
      postgres.gid = owner->gid;
    }
    process_.emplace(ChildProcess::spawn(std::move(postgres)));

    const std::string port = std::to_string(port_);
    const char* keys[] = {"host", "port", "dbname", "connect_timeout", nullptr};
    const char* values[] = {host_.c_str(), port.c_str(), "postgres", "2", nullptr};
    while (true) {
      if (!process_->running()) {
        const std::string log = read_tail(log_file_, 1 << 16, log_start);
        if (log.find("Address already in use") != std::string::npos && attempt < opt.port_attempts) {
          break;  // another process took the port: try another one
        }
        throw std::runtime_error(failure_message("postgres exited during start-up", log_file_));
      }
      if (PQpingParams(keys, values, 0) == PQPING_OK) return;
      if (std::chrono::steady_clock::now() > deadline) {
        stop();
        throw std::runtime_error(
            failure_message("postgres did not accept connections within the start timeout", log_file_));
      }
      std::this_thread::sleep_for(20ms);
    }
    process_.reset();
  }
}

const std::string& PostgresServer::dir() const { return dir_->path(); }

PostgresServer::PostgresServer(PostgresServer&& other) noexcept
    : options_(std::move(other.options_)),
      dir_(std::move(other.dir_)),
      process_(std::move(other.process_)),
      host_(std::move(other.host_)),
      port_(other.port_),
      bin_dir_(std::move(other.bin_dir_)),
      data_dir_(std::move(other.data_dir_)),
      log_file_(std::move(other.log_file_)) {
  other.process_.reset();
}

PostgresServer::~PostgresServer() {
  stop();
  process_.reset();
  dir_.reset();  // after the server is gone
}

bool PostgresServer::running() { return process_ && process_->running(); }

void PostgresServer::stop() {
  if (process_) process_->stop(options_.stop_timeout);
}

void PostgresServer::exec(const std::string& sql, const std::string& database) const {
  const auto params = admin_params(host_, port_, options_.admin_user, options_.admin_password,
                                   database.empty() ? options_.database : database);
  PgConnPtr conn(PQconnectdbParams(params.keys.data(), params.values.data(), 0), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("PostgreSQL test server: cannot connect: ") +
                             PQerrorMessage(conn.get()));
  }
  PgResultPtr result(PQexec(conn.get(), sql.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("PostgreSQL test server: " + std::string(PQresultErrorMessage(result.get())) +
                             "while running: " + sql.substr(0, 500));
  }
}

std::optional<std::string> PostgresServer::query_value(const std::string& sql,
                                                       const std::string& database) const {
  const auto params = admin_params(host_, port_, options_.admin_user, options_.admin_password,
                                   database.empty() ? options_.database : database);
  PgConnPtr conn(PQconnectdbParams(params.keys.data(), params.values.data(), 0), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("PostgreSQL test server: cannot connect: ") +
                             PQerrorMessage(conn.get()));
  }
  PgResultPtr result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error("PostgreSQL test server: " + std::string(PQresultErrorMessage(result.get())) +
                             "while running: " + sql.substr(0, 500));
  }
  if (PQntuples(result.get()) == 0 || PQnfields(result.get()) == 0 ||
      PQgetisnull(result.get(), 0, 0)) {
    return std::nullopt;
  }
  return std::string(PQgetvalue(result.get(), 0, 0),
                     static_cast<std::size_t>(PQgetlength(result.get(), 0, 0)));
}

std::string PostgresServer::connection_string(const std::string& database) const {
  return "host=" + quote_conninfo_value(host_) + " port=" + std::to_string(port_) +
         " user=" + quote_conninfo_value(options_.admin_user) +
         " password=" + quote_conninfo_value(options_.admin_password) +
         " dbname=" + quote_conninfo_value(database.empty() ? options_.database : database);
}

std::string PostgresServer::log_tail(std::size_t max_bytes) const {
  return read_tail(log_file_, max_bytes);
}

}  // namespace connectors::ftest
