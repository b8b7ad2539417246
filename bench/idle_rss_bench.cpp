// Benchmark 4: the resident memory of `quire document_consumer` waiting on an empty folder.
// The process is started as an operator would (PAPERLESS_* in the environment), measured two
// seconds after it logs that it watches the folder, then stopped with SIGTERM.

#include "benchmarks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace quire::bench {
namespace {

using namespace std::chrono_literals;

constexpr double k_target_mb = 25;
constexpr auto k_startup_timeout = 60s;
constexpr auto k_settle_time = 2s;
constexpr auto k_exit_timeout = 20s;
constexpr auto k_poll_interval = 50ms;
constexpr std::string_view k_ready_line = "watching consumption folder";
constexpr std::size_t k_mappings_shown = 6;

// This process's environment without any PAPERLESS_* setting, plus `settings`.
std::vector<std::string> consumer_environment(const std::map<std::string, std::string>& settings) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (text.starts_with("PAPERLESS_") || text.starts_with("OMP_THREAD_LIMIT=")) continue;
    env.emplace_back(text);
  }
  for (const auto& [name, value] : settings) env.push_back(name + "=" + value);
  return env;
}

Result<pid_t> spawn_consumer(const std::filesystem::path& binary, std::vector<std::string> env,
                             const std::filesystem::path& log) {
  std::vector<std::string> args{binary.string(), "document_consumer"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& entry : env) envp.push_back(entry.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    return fail(ErrorCode::unavailable,
                fmt::format("cannot start '{}': {}", binary.string(), std::strerror(error)));
  }
  return pid;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Waits until the log says the watcher runs; fails when the process exits or takes too long.
Status wait_until_ready(pid_t pid, const std::filesystem::path& log) {
  const auto deadline = std::chrono::steady_clock::now() + k_startup_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_text(log).find(k_ready_line) != std::string::npos) return {};
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return fail(ErrorCode::internal,
                  "quire document_consumer exited during start-up; log:\n" + read_text(log));
    }
    std::this_thread::sleep_for(k_poll_interval);
  }
  return fail(ErrorCode::timeout, "quire document_consumer did not report '" +
                                      std::string(k_ready_line) + "' within 60 s");
}

// `name:  1234 kB` lines of /proc/<pid>/status, in kB.
std::map<std::string, long> status_fields(pid_t pid) {
  std::map<std::string, long> fields;
  std::istringstream lines(read_text(fmt::format("/proc/{}/status", pid)));
  std::string line;
  while (std::getline(lines, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    long value = 0;
    if (std::istringstream(line.substr(colon + 1)) >> value) fields[line.substr(0, colon)] = value;
  }
  return fields;
}

// Resident kB per mapped file (anonymous mappings under "[anon]"), largest first.
std::vector<std::pair<long, std::string>> resident_by_mapping(pid_t pid) {
  std::map<std::string, long> by_name;
  std::istringstream lines(read_text(fmt::format("/proc/{}/smaps", pid)));
  std::string line;
  std::string current;
  while (std::getline(lines, line)) {
    if (line.starts_with("Rss:")) {
      by_name[current] += std::stol(line.substr(4));
    } else if (!line.empty() && std::isxdigit(static_cast<unsigned char>(line[0])) &&
               line.find(':') > line.find(' ')) {
      // "start-end perms offset dev inode [path]"
      std::istringstream header(line);
      std::string field;
      for (int i = 0; i < 5; ++i) header >> field;
      std::string path;
      std::getline(header >> std::ws, path);
      current = path.empty() ? "[anon]" : path;
    }
  }
  std::vector<std::pair<long, std::string>> sorted;
  for (const auto& [name, kb] : by_name) sorted.emplace_back(kb, name);
  std::sort(sorted.rbegin(), sorted.rend());
  return sorted;
}

// SIGTERM, then the exit status; SIGKILL when it does not stop in time.
Result<int> stop_consumer(pid_t pid) {
  kill(pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + k_exit_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return -WTERMSIG(status);
    }
    std::this_thread::sleep_for(k_poll_interval);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return fail(ErrorCode::timeout, "quire document_consumer did not exit within 20 s of SIGTERM");
}

void print_rss(const std::map<std::string, long>& fields,
               const std::vector<std::pair<long, std::string>>& mappings) {
  const auto kb = [&fields](const char* name) {
    const auto found = fields.find(name);
    return found == fields.end() ? 0L : found->second;
  };
  fmt::print(
      "consumer idle RSS: {:.1f} MB (target <= {:g} MB); anonymous {:.1f} MB, files "
      "{:.1f} MB, peak {:.1f} MB, {} threads\n",
      kb("VmRSS") / 1024.0, k_target_mb, kb("RssAnon") / 1024.0, kb("RssFile") / 1024.0,
      kb("VmHWM") / 1024.0, kb("Threads"));
  std::string largest;
  for (std::size_t i = 0; i < mappings.size() && i < k_mappings_shown; ++i) {
    largest += fmt::format("{}{} {:.1f} MB", i == 0 ? "" : ", ",
                           std::filesystem::path(mappings[i].second).filename().string(),
                           mappings[i].first / 1024.0);
  }
  fmt::print("consumer idle RSS, largest mappings: {}\n", largest);
}

}  // namespace

Status run_idle_rss_bench(const BenchContext& context) {
  const auto dir = context.work_dir / "idle-consumer";
  for (const char* sub : {"consume", "data", "media", "scratch"}) {
    if (auto made = make_dir(dir / sub); !made) return made;
  }
  const auto env = consumer_environment({
      {"PAPERLESS_CONSUMPTION_DIR", (dir / "consume").string()},
      {"PAPERLESS_DATA_DIR", (dir / "data").string()},
      {"PAPERLESS_MEDIA_ROOT", (dir / "media").string()},
      {"PAPERLESS_SCRATCH_DIR", (dir / "scratch").string()},
      {"PAPERLESS_OCR_LANGUAGE", context.ocr_languages},
      {"OMP_THREAD_LIMIT", "1"},
  });
  const auto log = dir / "consumer.log";
  auto pid = spawn_consumer(context.quire_binary, env, log);
  if (!pid) return fail(pid.error());

  if (auto ready = wait_until_ready(*pid, log); !ready) {
    if (ready.error().code == ErrorCode::timeout) (void)stop_consumer(*pid);
    return ready;
  }
  std::this_thread::sleep_for(k_settle_time);
  const auto fields = status_fields(*pid);
  const auto mappings = resident_by_mapping(*pid);

  auto exit_code = stop_consumer(*pid);
  if (!exit_code) return fail(exit_code.error());
  if (*exit_code != 0) {
    return fail(ErrorCode::internal, fmt::format("quire document_consumer ended with {} after "
                                                 "SIGTERM (expected 0); log:\n{}",
                                                 *exit_code, read_text(log)));
  }
  if (fields.count("VmRSS") == 0) {
    return fail(ErrorCode::io, fmt::format("no VmRSS in /proc/{}/status", *pid));
  }
  print_rss(fields, mappings);
  return {};
}

}  // namespace quire::bench
