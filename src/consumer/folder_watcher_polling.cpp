// The polling watch mode of FolderWatcher (pipeline.md §2.3, second half).

#include "consumer/folder_watcher_impl.hpp"
#include "consumer/ignore_patterns.hpp"

#include <cerrno>
#include <sys/stat.h>
#include <thread>
#include <vector>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;

// paperless-ngx runs the stability checks on a pool of this many threads.
constexpr int k_stability_workers = 4;

// Stat data the stability check compares between two looks at a file.
struct FileState {
  std::int64_t mtime_ns = -1;
  std::int64_t size = -1;
  bool operator==(const FileState&) const = default;
};

void add_entry(FolderSnapshot& snapshot, const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return;
  snapshot.entries[path.string()] = FolderSnapshot::Entry{
      .device = info.st_dev, .inode = info.st_ino, .is_dir = S_ISDIR(info.st_mode)};
}

// Like paperless-ngx's snapshot observer, a path counts as new when it was not there before or
// now names another file (so a move into the folder counts too, but a rewrite in place not).
bool is_new(const FolderSnapshot& before, const std::string& path,
            const FolderSnapshot::Entry& entry) {
  const auto it = before.entries.find(path);
  return it == before.entries.end() || it->second.inode != entry.inode ||
         it->second.device != entry.device;
}

}  // namespace

FolderSnapshot FolderWatcher::Impl::take_snapshot() const {
  FolderSnapshot snapshot;
  std::error_code ec;
  if (options.recursive) {
    const auto scan_options = fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(root, scan_options, ec), end; !ec && it != end;
         it.increment(ec)) {
      add_entry(snapshot, it->path());
    }
  } else {
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      add_entry(snapshot, it->path());
    }
  }
  if (ec)
    log->warn("cannot scan consumption directory dir=\"{}\" error=\"{}\"", root.string(),
              ec.message());
  return snapshot;
}

Status FolderWatcher::Impl::watch_polling(std::chrono::milliseconds interval) {
  log->info("polling consumption directory dir=\"{}\" interval_ms={} recursive={}", root.string(),
            interval.count(), options.recursive);
  FolderSnapshot previous = take_snapshot();
  {
    // The workers are joined when this scope ends, before the queue is cleared below.
    std::vector<std::jthread> workers;
    for (int worker_idx = 0; worker_idx < k_stability_workers; ++worker_idx) {
      workers.emplace_back([this] { polling_worker(); });
    }

    while (!sleep_unless_stopped(interval)) {
      FolderSnapshot current = take_snapshot();
      {
        const std::lock_guard lock(mutex);
        for (const auto& [path, entry] : current.entries) {
          if (!entry.is_dir && is_new(previous, path, entry)) work_queue.emplace_back(path);
        }
      }
      changed.notify_all();
      previous = std::move(current);
    }
  }

  // Checks not started yet are dropped; the next start-up scan sees those files again.
  const std::lock_guard lock(mutex);
  work_queue.clear();
  log->debug("polling stopped dir=\"{}\"", root.string());
  return {};
}

void FolderWatcher::Impl::polling_worker() {
  while (true) {
    fs::path path;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [this] { return stop_requested || !work_queue.empty(); });
      if (stop_requested) return;
      path = std::move(work_queue.front());
      work_queue.pop_front();
    }
    wait_until_unmodified(path);
  }
}

// Consumes `path` once two looks `polling_delay` apart agree on mtime and size; the first look
// can never agree, so the shortest wait is one delay.
void FolderWatcher::Impl::wait_until_unmodified(const fs::path& path) {
  if (is_ignored(path, root, options.ignore_patterns)) return;
  log->debug("waiting for file to remain unmodified file=\"{}\"", path.string());

  FileState previous;
  for (int attempt = 0; attempt < options.polling_retry_count; ++attempt) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      const int error_number = errno;
      if (error_number == ENOENT) {
        log->debug("file moved while waiting for it to remain unmodified file=\"{}\"",
                   path.string());
      } else {
        log->warn("cannot check file file=\"{}\" error=\"{}\"", path.string(),
                  errno_text(error_number));
      }
      return;
    }
    const FileState current{
        .mtime_ns =
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec,
        .size = static_cast<std::int64_t>(info.st_size)};
    if (current == previous) {
      try_consume(path);
      return;
    }
    previous = current;
    if (sleep_unless_stopped(options.polling_delay)) return;
  }
  // Kept from paperless-ngx (pipeline.md §14 quirk 10): such a file waits for a restart.
  log->error("timeout waiting for file to remain unmodified file=\"{}\"", path.string());
}

}  // namespace quire::consumer
