#pragma once

#include "core/error.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace quire::consumer {

/// The consumer settings of pipeline.md §13 that the watcher uses; defaults are paperless-ngx's.
struct FolderWatcherOptions {
  std::filesystem::path consumption_dir;  ///< `PAPERLESS_CONSUMPTION_DIR`; must exist
  bool recursive = false;                 ///< `PAPERLESS_CONSUMER_RECURSIVE`
  bool subdirs_as_tags = false;           ///< `PAPERLESS_CONSUMER_SUBDIRS_AS_TAGS`
  /// `PAPERLESS_CONSUMER_POLLING`: zero selects inotify; otherwise the polling interval.
  std::chrono::milliseconds polling_interval{0};
  std::chrono::milliseconds polling_delay{5000};  ///< `PAPERLESS_CONSUMER_POLLING_DELAY`
  int polling_retry_count = 5;                    ///< `PAPERLESS_CONSUMER_POLLING_RETRY_COUNT`
  std::chrono::milliseconds inotify_delay{500};   ///< `PAPERLESS_CONSUMER_INOTIFY_DELAY`
  /// `PAPERLESS_CONSUMER_IGNORE_PATTERNS`; see consumer/ignore_patterns.hpp.
  std::vector<std::string> ignore_patterns;
  /// Whether a lower-cased extension with its dot (".pdf"; "" for none) can be consumed. The
  /// integrator passes the parser registry's check. Required.
  std::function<bool(std::string_view extension)> is_supported_extension;
  /// How often, and how far apart, a file that cannot be opened for reading is retried.
  int open_retry_count = 50;
  std::chrono::milliseconds open_retry_wait{10};
  /// Polling interval used when inotify was asked for but is unavailable.
  std::chrono::milliseconds inotify_fallback_interval{10'000};
};

/// Called once per file that is ready to consume, with its absolute path and, when
/// `subdirs_as_tags` is set, the names of the folders between the consumption folder and the
/// file (outermost first; empty otherwise). Calls never overlap, but they may come from a
/// worker thread in polling mode. An exception escaping it is logged and swallowed.
using ConsumeFileCallback =
    std::function<void(const std::filesystem::path& file, std::vector<std::string> subdirs)>;

enum class WatchMode {
  oneshot,    ///< the start-up scan only (`document_consumer --oneshot`)
  continuous  ///< the start-up scan, then watch until `stop()`
};

/// Watches the consumption folder as paperless-ngx's `document_consumer` does (pipeline.md
/// §2.1–§2.4): a start-up scan, then inotify or polling with a stability wait, ignore patterns,
/// the extension check and open-for-reading retries before each callback. Must not be
/// destroyed while `run` is executing: call `stop()` and wait for `run` to return first.
class FolderWatcher {
 public:
  FolderWatcher(FolderWatcherOptions options, ConsumeFileCallback on_file);
  ~FolderWatcher();
  FolderWatcher(const FolderWatcher&) = delete;
  FolderWatcher& operator=(const FolderWatcher&) = delete;

  /// Blocks on the calling thread: scans, then (in continuous mode) watches until `stop()`.
  /// Errors: `not_found` when the consumption folder is not a directory, `invalid_argument`
  /// for missing or out-of-range options, `io` when the folder cannot be read or watched. If
  /// inotify is unavailable it logs a warning and polls instead. Call at most once at a time.
  [[nodiscard]] Status run(WatchMode mode);

  /// Makes `run` return soon (within a few milliseconds plus any callback in progress); a
  /// start-up scan in progress is cut short. Safe from any thread, before or during `run`; it
  /// cannot be undone, so a later `run` returns at once. Not async-signal-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace quire::consumer
