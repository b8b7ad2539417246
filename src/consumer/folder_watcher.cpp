#include "consumer/folder_watcher.hpp"

#include "consumer/folder_watcher_impl.hpp"
#include "consumer/ignore_patterns.hpp"
#include "consumer/log.hpp"
#include "util/strings.hpp"
#include "util/unique_fd.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;

// Python's PurePath.suffix, lower-cased: ".pdf" for "a.b.PDF", "" for "README" or ".bashrc".
std::string lower_suffix(const fs::path& path) {
  const std::string name = path.filename().string();
  const std::size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) return "";
  return util::to_lower_ascii(std::string_view(name).substr(dot));
}

}  // namespace

std::string errno_text(int error_number) { return std::strerror(error_number); }

bool FolderWatcher::Impl::stopping() {
  const std::lock_guard lock(mutex);
  return stop_requested;
}

bool FolderWatcher::Impl::sleep_unless_stopped(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex);
  return changed.wait_for(lock, duration, [this] { return stop_requested; });
}

Status FolderWatcher::Impl::validate() const {
  using std::chrono::milliseconds;
  if (!options.is_supported_extension) {
    return fail(ErrorCode::invalid_argument, "folder watcher needs an extension check");
  }
  if (options.polling_interval < milliseconds(0) || options.polling_delay < milliseconds(0) ||
      options.inotify_delay < milliseconds(0) || options.open_retry_wait < milliseconds(0) ||
      options.inotify_fallback_interval <= milliseconds(0)) {
    return fail(ErrorCode::invalid_argument, "consumer delays and intervals must not be negative");
  }
  if (options.polling_retry_count < 0 || options.open_retry_count < 1) {
    return fail(ErrorCode::invalid_argument,
                "consumer retry counts must be positive (polling retries may be 0)");
  }
  if (!stop_event.valid()) {
    return fail(ErrorCode::io, "cannot create the folder watcher's stop event");
  }
  return {};
}

// pipeline.md §2.4 step 5: scanners may still hold the file; give them up to half a second.
bool FolderWatcher::Impl::can_open_for_reading(const fs::path& path) {
  int last_error = 0;
  for (int attempt = 0; attempt < options.open_retry_count; ++attempt) {
    const util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.valid()) return true;
    last_error = errno;
    if (sleep_unless_stopped(options.open_retry_wait)) return false;
  }
  log->warn("not consuming file file=\"{}\" reason=\"cannot open: {}\"", path.string(),
            errno_text(last_error));
  return false;
}

// pipeline.md §2.4: every path the watcher sees goes through here before the callback.
void FolderWatcher::Impl::try_consume(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    log->warn("not consuming file file=\"{}\" reason=\"{}\"", path.string(), errno_text(errno));
    return;
  }
  if (S_ISDIR(info.st_mode) || is_ignored(path, root, options.ignore_patterns)) return;
  if (!S_ISREG(info.st_mode)) {
    log->debug("not consuming file file=\"{}\" reason=\"not a regular file\"", path.string());
    return;
  }
  if (!options.is_supported_extension(lower_suffix(path))) {
    log->warn("not consuming file file=\"{}\" reason=\"unknown file extension\"", path.string());
    return;
  }
  if (!can_open_for_reading(path)) return;
  deliver(path);
}

void FolderWatcher::Impl::deliver(const fs::path& path) {
  std::vector<std::string> subdirs;
  if (options.subdirs_as_tags) {
    for (const auto& part : path.lexically_relative(root).parent_path()) {
      if (!part.empty() && part != ".") subdirs.push_back(part.string());
    }
  }

  log->info("queueing file for consumption file=\"{}\"", path.string());
  const std::lock_guard lock(callback_mutex);
  // The callback belongs to the integrator (it queues a task); like paperless-ngx, a failure
  // there must not stop the watcher.
  try {
    on_file(path, std::move(subdirs));
  } catch (const std::exception& error) {
    log->error("queueing file failed file=\"{}\" error=\"{}\"", path.string(), error.what());
  }
}

// pipeline.md §2.1: everything already present, without a stability wait.
void FolderWatcher::Impl::startup_scan() {
  std::error_code ec;
  if (!options.recursive) {
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      if (stopping()) return;
      try_consume(it->path());
    }
  } else {
    const auto scan_options = fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(root, scan_options, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (stopping()) return;
      try_consume(it->path());
    }
  }
  if (ec) {
    log->warn("start-up scan incomplete dir=\"{}\" error=\"{}\"", root.string(), ec.message());
  }
}

FolderWatcher::FolderWatcher(FolderWatcherOptions options, ConsumeFileCallback on_file)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->log = consumer_logger();
  m_impl->options = std::move(options);
  m_impl->on_file = std::move(on_file);
}

FolderWatcher::~FolderWatcher() = default;

Status FolderWatcher::run(WatchMode mode) {
  Impl& impl = *m_impl;
  if (auto valid = impl.validate(); !valid) return valid;
  std::error_code ec;
  impl.root = fs::canonical(impl.options.consumption_dir, ec);
  if (ec || !fs::is_directory(impl.root, ec)) {
    return fail(
        ErrorCode::not_found,
        "Consumption directory " + impl.options.consumption_dir.string() + " does not exist");
  }

  impl.startup_scan();
  if (mode == WatchMode::oneshot || impl.stopping()) return {};

  if (impl.options.polling_interval.count() == 0) {
    auto watched = impl.watch_inotify();
    if (watched || watched.error().code != ErrorCode::unavailable) return watched;
    impl.log->warn("inotify unavailable, polling instead interval_ms={} error=\"{}\"",
                   impl.options.inotify_fallback_interval.count(), watched.error().message);
    return impl.watch_polling(impl.options.inotify_fallback_interval);
  }
  return impl.watch_polling(impl.options.polling_interval);
}

void FolderWatcher::stop() {
  {
    const std::lock_guard lock(m_impl->mutex);
    m_impl->stop_requested = true;
  }
  m_impl->changed.notify_all();
  const std::uint64_t one = 1;
  if (m_impl->stop_event.valid()) {
    [[maybe_unused]] const auto written = ::write(m_impl->stop_event.get(), &one, sizeof one);
  }
}

}  // namespace quire::consumer
