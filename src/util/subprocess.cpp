#include "util/subprocess.hpp"

#include "util/unique_fd.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace quire::util {
namespace {

// A child printing one endless line must not exhaust our memory: past this size the pending
// text is delivered as a line of its own.
constexpr std::size_t k_max_line_bytes = 1 << 20;

using Clock = std::chrono::steady_clock;

std::string errno_text(int error_number) { return std::strerror(error_number); }

struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
};

Result<Pipe> make_pipe() {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
    return fail(ErrorCode::io, "cannot create a pipe for a child process: " + errno_text(errno));
  }
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// The inherited environment with `extra_env` laid over it, as "NAME=value" strings.
std::vector<std::string> build_environment(
    const std::vector<std::pair<std::string, std::string>>& extra_env) {
  std::map<std::string, std::string, std::less<>> overrides;
  for (const auto& [name, value] : extra_env) overrides[name] = value;

  std::vector<std::string> entries;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (!overrides.contains(text.substr(0, text.find('=')))) entries.emplace_back(text);
  }
  for (const auto& [name, value] : overrides) entries.push_back(name + '=' + value);
  return entries;
}

std::vector<char*> as_c_array(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// RAII for the two posix_spawn helper objects.
class SpawnSetup {
 public:
  SpawnSetup() {
    posix_spawn_file_actions_init(&m_actions);
    posix_spawnattr_init(&m_attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&m_actions);
    posix_spawnattr_destroy(&m_attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  // stdin from /dev/null, stdout/stderr into the pipes, every other descriptor closed (even
  // ones another thread opened without O_CLOEXEC); own process group so a timeout can kill
  // grandchildren too; signals reset so a server's blocked or ignored signals do not leak in.
  [[nodiscard]] bool configure(int stdout_fd, int stderr_fd) {
    sigset_t empty_mask;
    sigemptyset(&empty_mask);
    sigset_t all_signals;
    sigfillset(&all_signals);
    sigdelset(&all_signals, SIGKILL);
    sigdelset(&all_signals, SIGSTOP);
    const short flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    return posix_spawn_file_actions_addopen(&m_actions, 0, "/dev/null", O_RDONLY, 0) == 0 &&
           posix_spawn_file_actions_adddup2(&m_actions, stdout_fd, 1) == 0 &&
           posix_spawn_file_actions_adddup2(&m_actions, stderr_fd, 2) == 0 &&
           posix_spawn_file_actions_addclosefrom_np(&m_actions, 3) == 0 &&
           posix_spawnattr_setpgroup(&m_attributes, 0) == 0 &&
           posix_spawnattr_setsigmask(&m_attributes, &empty_mask) == 0 &&
           posix_spawnattr_setsigdefault(&m_attributes, &all_signals) == 0 &&
           posix_spawnattr_setflags(&m_attributes, flags) == 0;
  }

  [[nodiscard]] const posix_spawn_file_actions_t* actions() const { return &m_actions; }
  [[nodiscard]] const posix_spawnattr_t* attributes() const { return &m_attributes; }

 private:
  posix_spawn_file_actions_t m_actions{};
  posix_spawnattr_t m_attributes{};
};

// Cuts a byte stream into lines for one handler.
class LineSplitter {
 public:
  explicit LineSplitter(const OutputLineHandler& handler) : m_handler(handler) {}

  void feed(std::string_view bytes) {
    if (!m_handler) return;
    m_pending.append(bytes);
    std::size_t start = 0;
    for (std::size_t newline = m_pending.find('\n'); newline != std::string::npos;
         newline = m_pending.find('\n', start)) {
      m_handler(std::string_view(m_pending).substr(start, newline - start));
      start = newline + 1;
    }
    m_pending.erase(0, start);
    if (m_pending.size() > k_max_line_bytes) flush();
  }

  void flush() {
    if (m_handler && !m_pending.empty()) m_handler(m_pending);
    m_pending.clear();
  }

 private:
  const OutputLineHandler& m_handler;
  std::string m_pending;
};

int decode_status(int status) {
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WEXITSTATUS(status);
}

// -1 when the status is lost (SIGCHLD set to SIG_IGN lets the kernel reap children itself).
int wait_for_exit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return decode_status(status);
}

// The exit code, or nothing when `deadline` passes first. A child can close its output and
// keep running, so the deadline must also cover this wait.
std::optional<int> wait_for_exit_until(pid_t pid, std::optional<Clock::time_point> deadline) {
  if (!deadline) return wait_for_exit(pid);
  constexpr auto k_poll_interval = std::chrono::milliseconds(5);
  while (true) {
    int status = 0;
    const pid_t reaped = ::waitpid(pid, &status, WNOHANG);
    if (reaped == pid) return decode_status(status);
    if (reaped < 0 && errno != EINTR) return -1;
    if (Clock::now() >= *deadline) return std::nullopt;
    std::this_thread::sleep_for(k_poll_interval);
  }
}

void kill_and_reap(pid_t pid) {
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  wait_for_exit(pid);
}

Error spawn_error(int error_number, const std::string& program) {
  switch (error_number) {
    case ENOENT:
      return Error{ErrorCode::not_found, "program '" + program + "' not found"};
    case EACCES:
      return Error{ErrorCode::permission_denied,
                   "program '" + program + "' is not executable (permission denied)"};
    default:
      return Error{ErrorCode::io,
                   "cannot start program '" + program + "': " + errno_text(error_number)};
  }
}

// Reads both pipes until they close or the deadline passes. Returns false on timeout.
[[nodiscard]] Result<bool> pump_output(std::array<UniqueFd, 2>& pipes,
                                       std::array<LineSplitter, 2>& splitters,
                                       std::optional<Clock::time_point> deadline) {
  std::array<char, 8192> buffer{};
  while (pipes[0].valid() || pipes[1].valid()) {
    std::array<pollfd, 2> polled{};
    for (std::size_t idx = 0; idx < 2; ++idx) {
      polled[idx] = pollfd{.fd = pipes[idx].get(), .events = POLLIN, .revents = 0};
    }
    int wait_ms = -1;
    if (deadline) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
      if (left.count() <= 0) return false;
      wait_ms = static_cast<int>(left.count());
    }
    const int ready = ::poll(polled.data(), polled.size(), wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return fail(ErrorCode::io, "cannot watch child output: " + errno_text(errno));

    for (std::size_t idx = 0; idx < 2; ++idx) {
      if (!pipes[idx].valid() || polled[idx].revents == 0) continue;
      const ssize_t count = ::read(pipes[idx].get(), buffer.data(), buffer.size());
      if (count > 0) {
        splitters[idx].feed(std::string_view(buffer.data(), static_cast<std::size_t>(count)));
      } else if (count == 0 || errno != EINTR) {
        splitters[idx].flush();
        pipes[idx].reset();
      }
    }
  }
  return true;
}

}  // namespace

Result<SubprocessResult> run_subprocess(const SubprocessOptions& options) {
  if (options.argv.empty() || options.argv.front().empty()) {
    return fail(ErrorCode::invalid_argument, "cannot run a child process without a program");
  }
  const std::string& program = options.argv.front();

  auto out_pipe = make_pipe();
  if (!out_pipe) return fail(out_pipe.error());
  auto err_pipe = make_pipe();
  if (!err_pipe) return fail(err_pipe.error());
  SpawnSetup setup;
  if (!setup.configure(out_pipe->write_end.get(), err_pipe->write_end.get())) {
    return fail(ErrorCode::io, "cannot prepare to start program '" + program + "'");
  }

  std::vector<std::string> argv_strings = options.argv;
  std::vector<std::string> env_strings = build_environment(options.extra_env);
  const std::vector<char*> argv = as_c_array(argv_strings);
  const std::vector<char*> envp = as_c_array(env_strings);
  const auto started = Clock::now();
  pid_t pid = -1;
  const int spawn_result = ::posix_spawnp(&pid, program.c_str(), setup.actions(),
                                          setup.attributes(), argv.data(), envp.data());
  if (spawn_result != 0) return fail(spawn_error(spawn_result, program));

  // Only the child may hold the write ends, or the pipes never report end-of-file.
  out_pipe->write_end.reset();
  err_pipe->write_end.reset();
  std::array<UniqueFd, 2> pipes{std::move(out_pipe->read_end), std::move(err_pipe->read_end)};
  std::array<LineSplitter, 2> splitters{LineSplitter(options.on_stdout_line),
                                        LineSplitter(options.on_stderr_line)};
  std::optional<Clock::time_point> deadline;
  if (options.timeout) deadline = started + *options.timeout;

  const auto pumped = pump_output(pipes, splitters, deadline);
  if (!pumped) {
    kill_and_reap(pid);
    return fail(pumped.error());
  }
  const std::optional<int> exit_code = *pumped ? wait_for_exit_until(pid, deadline) : std::nullopt;
  if (!exit_code) {
    kill_and_reap(pid);
    return fail(ErrorCode::timeout, "program '" + program + "' did not finish within " +
                                        std::to_string(options.timeout->count()) + " ms");
  }
  return SubprocessResult{.exit_code = *exit_code};
}

}  // namespace quire::util
