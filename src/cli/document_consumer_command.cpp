// `quire document_consumer [directory] [--oneshot]`: consumes files from the consumption folder
// (pipeline.md §2), as paperless-ngx's command of the same name.

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/runtime.hpp"
#include "consumer/consume_task.hpp"
#include "consumer/folder_watcher.hpp"
#include "storage/tag_repository.hpp"
#include "tasks/worker_pool.hpp"
#include "util/strings.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <memory>
#include <pthread.h>
#include <thread>

namespace quire::cli {
namespace {

struct ConsumerArgs {
  std::string directory;
  bool oneshot = false;
};

std::chrono::milliseconds seconds_to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

consumer::FolderWatcherOptions watcher_options(const Runtime& runtime,
                                               const std::filesystem::path& directory) {
  const auto& consumer = runtime.settings.consumer;
  consumer::FolderWatcherOptions options;
  options.consumption_dir = directory;
  options.recursive = consumer.recursive;
  options.subdirs_as_tags = consumer.subdirs_as_tags;
  options.polling_interval = seconds_to_ms(consumer.polling_seconds);
  options.polling_delay = seconds_to_ms(consumer.polling_delay_seconds);
  options.polling_retry_count = consumer.polling_retry_count;
  options.inotify_delay = seconds_to_ms(consumer.inotify_delay_seconds);
  options.ignore_patterns = consumer.ignore_patterns;
  const auto extensions = runtime.parsers.supported_extensions();
  options.is_supported_extension = [extensions](std::string_view extension) {
    return extensions.count(util::to_lower_ascii(extension)) > 0;
  };
  return options;
}

// pipeline.md §2.4 step 6: a tag per folder name, found case-insensitively or created.
// Failures are logged and the file is consumed without those tags, as in paperless-ngx.
std::vector<TagId> tags_for_subdirs(storage::Database& database,
                                    const std::vector<std::string>& subdirs) {
  std::vector<TagId> ids;
  for (const std::string& name : subdirs) {
    auto tag = database.write([&](storage::WriteContext& tx) {
      return storage::TagRepository::find_or_create_by_name_ignoring_case(tx, name);
    });
    if (!tag) {
      spdlog::get("consumer")
          ->error(
              "cannot find or create tag for folder folder=\"{}\" "
              "reason=\"{}\"",
              name, tag.error().message);
      continue;
    }
    if (std::find(ids.begin(), ids.end(), tag->id) == ids.end()) ids.push_back(tag->id);
  }
  return ids;
}

// SIGINT and SIGTERM are blocked in every thread and taken here, so that a stop is a normal
// return path: the watcher stops, queued consumptions finish, the process exits 0.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&m_signals);
    sigaddset(&m_signals, SIGINT);
    sigaddset(&m_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &m_signals, nullptr);
  }

  void on_stop(std::function<void()> stop) {
    m_thread = std::thread([this, stop = std::move(stop)] {
      int received = 0;
      sigwait(&m_signals, &received);
      if (received == SIGTERM || received == SIGINT) stop();
    });
  }

  ~StopSignals() {
    // Wakes the waiting thread if no signal came (run ended on its own).
    if (m_thread.joinable()) {
      pthread_kill(m_thread.native_handle(), SIGTERM);
      m_thread.join();
    }
  }

 private:
  sigset_t m_signals{};
  std::thread m_thread;
};

int run_consumer(const ConsumerArgs& args, const config::Settings& settings) {
  StopSignals signals;  // before any thread exists, so every thread inherits the mask
  auto runtime = open_runtime(settings);
  if (!runtime) {
    fmt::print(stderr, "quire document_consumer: {}\n", runtime.error().message);
    return k_exit_failure;
  }
  const std::filesystem::path directory = args.directory.empty()
                                              ? settings.paths.consumption_dir
                                              : std::filesystem::path(args.directory);

  tasks::WorkerPool pool(static_cast<std::size_t>(settings.tasks.workers));
  consumer::ConsumeTaskRunner runner(*(*runtime)->database, *(*runtime)->consumer, pool);
  consumer::FolderWatcher watcher(
      watcher_options(**runtime, directory),
      [&](const std::filesystem::path& file, std::vector<std::string> subdirs) {
        consumer::ConsumeRequest request;
        request.original_file = file;
        if (!subdirs.empty()) {
          request.overrides.tag_ids = tags_for_subdirs(*(*runtime)->database, subdirs);
        }
        if (auto queued = runner.submit(std::move(request)); !queued) {
          spdlog::get("consumer")
              ->error("cannot queue file file=\"{}\" reason=\"{}\"", file.string(),
                      queued.error().message);
        }
      });
  signals.on_stop([&watcher] { watcher.stop(); });

  spdlog::get("consumer")
      ->info("watching consumption folder dir=\"{}\" mode={} workers={}", directory.string(),
             args.oneshot ? "oneshot" : "continuous", settings.tasks.workers);
  const Status watched =
      watcher.run(args.oneshot ? consumer::WatchMode::oneshot : consumer::WatchMode::continuous);
  pool.shutdown();  // lets queued consumptions finish
  if (!watched) {
    fmt::print(stderr, "quire document_consumer: {}\n", watched.error().message);
    return k_exit_failure;
  }
  return k_exit_success;
}

}  // namespace

CommandRun define_document_consumer(CLI::App& command) {
  auto args = std::make_shared<ConsumerArgs>();
  command.add_option("directory", args->directory,
                     "folder to watch (default: PAPERLESS_CONSUMPTION_DIR)");
  command.add_flag("--oneshot", args->oneshot,
                   "consume the files present now, wait for them, and exit");
  return [args](const config::Settings& settings) { return run_consumer(*args, settings); };
}

}  // namespace quire::cli
