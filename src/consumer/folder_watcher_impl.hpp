#pragma once

// Internals of FolderWatcher shared by folder_watcher.cpp (scan, checks, run) and the two
// watch modes (folder_watcher_inotify.cpp, folder_watcher_polling.cpp). Not for other users.

#include "consumer/folder_watcher.hpp"
#include "util/unique_fd.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <sys/eventfd.h>
#include <sys/types.h>
#include <unordered_map>

namespace quire::consumer {

/// What the polling observer compares between two scans of the folder.
struct FolderSnapshot {
  struct Entry {
    dev_t device = 0;
    ino_t inode = 0;
    bool is_dir = false;
  };
  std::unordered_map<std::string, Entry> entries;
};

struct FolderWatcher::Impl {
  FolderWatcherOptions options;
  ConsumeFileCallback on_file;
  std::shared_ptr<spdlog::logger> log;
  std::filesystem::path root;  ///< canonical consumption folder, set by run()

  std::mutex mutex;  ///< guards stop_requested and work_queue
  std::condition_variable changed;
  bool stop_requested = false;
  std::deque<std::filesystem::path> work_queue;
  /// Readable once stop() ran, so that a blocking poll() wakes up.
  util::UniqueFd stop_event{::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)};

  std::mutex callback_mutex;  ///< serialises on_file

  [[nodiscard]] bool stopping();
  /// Sleeps up to `duration`; true when a stop was requested meanwhile.
  [[nodiscard]] bool sleep_unless_stopped(std::chrono::milliseconds duration);

  [[nodiscard]] Status validate() const;
  [[nodiscard]] bool can_open_for_reading(const std::filesystem::path& path);
  /// pipeline.md §2.4: the checks every candidate passes before `on_file`.
  void try_consume(const std::filesystem::path& path);
  void deliver(const std::filesystem::path& path);
  void startup_scan();

  /// Returns `unavailable` when inotify cannot be used at all (the caller falls back).
  [[nodiscard]] Status watch_inotify();
  [[nodiscard]] Status watch_polling(std::chrono::milliseconds interval);
  [[nodiscard]] FolderSnapshot take_snapshot() const;
  void polling_worker();
  void wait_until_unmodified(const std::filesystem::path& path);
};

/// `strerror` as a string.
[[nodiscard]] std::string errno_text(int error_number);

}  // namespace quire::consumer
