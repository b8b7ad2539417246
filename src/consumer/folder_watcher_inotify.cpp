// The inotify watch mode of FolderWatcher (pipeline.md §2.3, first half).

#include "consumer/folder_watcher_impl.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t k_file_events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY;
// Only needed to keep recursive watches complete when folders appear or leave.
constexpr std::uint32_t k_folder_events = IN_CREATE | IN_MOVED_FROM;

bool names_regular_file(const fs::path& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// The watch descriptors of one inotify instance and the folder each one watches.
class InotifyWatches {
 public:
  InotifyWatches(int inotify_fd, bool recursive, spdlog::logger& log)
      : m_fd(inotify_fd), m_recursive(recursive), m_log(log) {}

  /// Watches `root` (and, when recursive, every folder below it).
  [[nodiscard]] Status add_root(const fs::path& root) {
    const int wd = ::inotify_add_watch(m_fd, root.c_str(), mask() | IN_ONLYDIR);
    if (wd < 0) {
      const int error_number = errno;
      // Out of watches or kernel memory: polling still works, so let the caller fall back.
      const ErrorCode code =
          error_number == ENOSPC || error_number == ENOMEM ? ErrorCode::unavailable : ErrorCode::io;
      return fail(code, "cannot watch consumption directory " + root.string() + ": " +
                            errno_text(error_number));
    }
    m_dirs[wd] = root;
    if (m_recursive) add_below(root, nullptr);
    return {};
  }

  /// Watches a folder that appeared under a watched one, and everything below it; regular
  /// files already inside are appended to `found_files` (they may predate the watch).
  void add_tree(const fs::path& dir, std::vector<fs::path>& found_files) {
    if (!add_one(dir)) return;
    add_below(dir, &found_files);
  }

  /// Stops watching `dir` and every folder below it (it was moved away).
  void forget_tree(const fs::path& dir) {
    for (auto it = m_dirs.begin(); it != m_dirs.end();) {
      const auto relative = it->second.lexically_relative(dir);
      if (!relative.empty() && *relative.begin() != "..") {
        ::inotify_rm_watch(m_fd, it->first);
        it = m_dirs.erase(it);
      } else {
        ++it;
      }
    }
  }

  void forget(int wd) { m_dirs.erase(wd); }

  [[nodiscard]] const fs::path* folder_of(int wd) const {
    const auto it = m_dirs.find(wd);
    return it == m_dirs.end() ? nullptr : &it->second;
  }

 private:
  [[nodiscard]] std::uint32_t mask() const {
    return m_recursive ? k_file_events | k_folder_events : k_file_events;
  }

  bool add_one(const fs::path& dir) {
    const int wd = ::inotify_add_watch(m_fd, dir.c_str(), mask() | IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd < 0) {
      m_log.warn("cannot watch folder dir=\"{}\" error=\"{}\"", dir.string(), errno_text(errno));
      return false;
    }
    m_dirs[wd] = dir;
    return true;
  }

  void add_below(const fs::path& dir, std::vector<fs::path>* found_files) {
    std::error_code ec;
    const auto scan_options = fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(dir, scan_options, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) {
        add_one(it->path());
      } else if (found_files != nullptr && it->is_regular_file(ec)) {
        found_files->push_back(it->path());
      }
    }
  }

  int m_fd;
  bool m_recursive;
  spdlog::logger& m_log;
  std::unordered_map<int, fs::path> m_dirs;
};

// Paths waiting for their events to settle: path → time of the last close/moved-in event.
using PendingFiles = std::map<fs::path, Clock::time_point>;

void apply_event(const inotify_event& event, InotifyWatches& watches, bool recursive,
                 PendingFiles& pending, spdlog::logger& log) {
  if ((event.mask & IN_Q_OVERFLOW) != 0) {
    log.warn("inotify queue overflowed, some file events were lost");
    return;
  }
  if ((event.mask & IN_IGNORED) != 0) {
    watches.forget(event.wd);
    return;
  }
  const fs::path* folder = watches.folder_of(event.wd);
  if (folder == nullptr || event.len == 0) return;
  const fs::path path = *folder / event.name;
  const auto now = Clock::now();

  if ((event.mask & IN_ISDIR) != 0) {
    if (recursive && (event.mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
      std::vector<fs::path> found_files;
      watches.add_tree(path, found_files);
      for (const auto& file : found_files) pending[file] = now;
    } else if ((event.mask & IN_MOVED_FROM) != 0) {
      watches.forget_tree(path);
    }
    return;
  }
  // A write in progress restarts the wait; only close-after-write or a move-in arms it.
  if ((event.mask & IN_MODIFY) != 0) {
    pending.erase(path);
  } else if ((event.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0) {
    pending[path] = now;
  }
}

}  // namespace

Status FolderWatcher::Impl::watch_inotify() {
  const util::UniqueFd inotify(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!inotify.valid()) {
    return fail(ErrorCode::unavailable, "inotify_init1 failed: " + errno_text(errno));
  }
  InotifyWatches watches(inotify.get(), options.recursive, *log);
  if (auto added = watches.add_root(root); !added) return added;
  log->info("watching consumption directory with inotify dir=\"{}\" recursive={}", root.string(),
            options.recursive);

  PendingFiles pending;
  alignas(inotify_event) std::array<char, 64 * 1024> buffer{};
  while (true) {
    // While files wait to settle, wake up after the delay to look at them again.
    const int timeout_ms =
        pending.empty()
            ? -1
            : static_cast<int>(std::max<std::int64_t>(1, options.inotify_delay.count()));
    std::array<pollfd, 2> polled{pollfd{.fd = inotify.get(), .events = POLLIN, .revents = 0},
                                 pollfd{.fd = stop_event.get(), .events = POLLIN, .revents = 0}};
    const int ready = ::poll(polled.data(), polled.size(), timeout_ms);
    if (ready < 0 && errno != EINTR) {
      return fail(ErrorCode::io, "cannot wait for inotify events: " + errno_text(errno));
    }
    if (polled[1].revents != 0 || stopping()) break;

    while (polled[0].revents != 0) {
      const ssize_t count = ::read(inotify.get(), buffer.data(), buffer.size());
      if (count <= 0) break;
      for (ssize_t offset = 0; offset < count;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + offset);
        apply_event(*event, watches, options.recursive, pending, *log);
        offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }

    const auto now = Clock::now();
    for (auto it = pending.begin(); it != pending.end() && !stopping();) {
      // Scanners may write a temporary file and rename it; a vanished path is forgotten.
      if (!names_regular_file(it->first)) {
        it = pending.erase(it);
      } else if (now - it->second > options.inotify_delay) {
        const fs::path path = it->first;
        it = pending.erase(it);
        try_consume(path);
      } else {
        ++it;
      }
    }
  }
  log->debug("inotify watch stopped dir=\"{}\"", root.string());
  return {};
}

}  // namespace quire::consumer
