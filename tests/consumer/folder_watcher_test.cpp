#include "consumer/folder_watcher.hpp"

#include "consumer/ignore_patterns.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Reported {
  fs::path file;
  std::vector<std::string> subdirs;
};

// Collects callback calls; safe to read while the watcher runs on another thread.
class Recorder {
 public:
  ConsumeFileCallback callback() {
    return [this](const fs::path& file, std::vector<std::string> subdirs) {
      const std::lock_guard lock(m_mutex);
      m_reported.push_back(Reported{file, std::move(subdirs)});
    };
  }

  std::vector<Reported> reported() {
    const std::lock_guard lock(m_mutex);
    return m_reported;
  }

  std::size_t count() { return reported().size(); }

  // Waits until at least `count` calls arrived or `limit` passed.
  bool wait_for(std::size_t wanted, std::chrono::milliseconds limit = 5000ms) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (count() >= wanted) return true;
      std::this_thread::sleep_for(5ms);
    }
    return count() >= wanted;
  }

 private:
  std::mutex m_mutex;
  std::vector<Reported> m_reported;
};

bool supported(std::string_view extension) {
  return extension == ".pdf" || extension == ".txt" || extension == ".png";
}

FolderWatcherOptions base_options(const fs::path& dir) {
  FolderWatcherOptions options;
  options.consumption_dir = dir;
  options.ignore_patterns = default_ignore_patterns();
  options.is_supported_extension = supported;
  options.inotify_delay = 100ms;
  options.polling_delay = 100ms;
  options.polling_retry_count = 5;
  options.open_retry_wait = 1ms;
  return options;
}

void write_file(const fs::path& path, std::string_view content = "content") {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// Runs a watcher on its own thread until the object dies; stop() must end it promptly.
class RunningWatcher {
 public:
  RunningWatcher(FolderWatcherOptions options, Recorder& recorder)
      : m_watcher(std::move(options), recorder.callback()) {
    m_result =
        std::async(std::launch::async, [this] { return m_watcher.run(WatchMode::continuous); });
    // Gives run() time to finish its scan and set up its watches before the test acts.
    std::this_thread::sleep_for(100ms);
  }
  ~RunningWatcher() { stop(); }
  RunningWatcher(const RunningWatcher&) = delete;
  RunningWatcher& operator=(const RunningWatcher&) = delete;

  // Stops the watcher; returns how long run() took to return after stop().
  std::chrono::milliseconds stop() {
    if (!m_result.valid()) return 0ms;
    const auto start = std::chrono::steady_clock::now();
    m_watcher.stop();
    const auto status = m_result.get();
    EXPECT_TRUE(status) << status.error().message;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
  }

 private:
  FolderWatcher m_watcher;
  std::future<Status> m_result;
};

// Appends to `path` in chunks with pauses shorter than the stability delay, closing the file
// between chunks as a slow network copy does.
void write_slowly(const fs::path& path, int chunks, std::chrono::milliseconds pause) {
  for (int chunk_idx = 0; chunk_idx < chunks; ++chunk_idx) {
    std::ofstream(path, std::ios::binary | std::ios::app) << std::string(4096, 'x');
    std::this_thread::sleep_for(pause);
  }
}

// Writes a file slowly and expects exactly one report, after the last chunk.
void expect_slow_write_reported_once(const FolderWatcherOptions& options) {
  Recorder recorder;
  RunningWatcher running(options, recorder);
  write_slowly(options.consumption_dir / "slow.pdf", 6, 100ms);
  EXPECT_EQ(recorder.count(), 0U) << "reported while still being written";
  ASSERT_TRUE(recorder.wait_for(1));
  std::this_thread::sleep_for(600ms);
  ASSERT_EQ(recorder.count(), 1U);
  EXPECT_EQ(fs::file_size(recorder.reported()[0].file), 6U * 4096U);
}

std::vector<std::string> file_names(const std::vector<Reported>& reported) {
  std::vector<std::string> names;
  for (const auto& item : reported) names.push_back(item.file.filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(FolderWatcherTest, OneshotScansTopLevelOnly) {
  test::TempDir dir;
  write_file(dir.path() / "a.pdf");
  write_file(dir.path() / "B.PDF");
  write_file(dir.path() / "sub" / "c.pdf");
  write_file(dir.path() / "notes.docx");
  write_file(dir.path() / "README");
  Recorder recorder;
  FolderWatcher watcher(base_options(dir.path()), recorder.callback());
  ASSERT_TRUE(watcher.run(WatchMode::oneshot));
  EXPECT_EQ(file_names(recorder.reported()), (std::vector<std::string>{"B.PDF", "a.pdf"}));
  for (const auto& item : recorder.reported()) EXPECT_TRUE(item.file.is_absolute());
}

TEST(FolderWatcherTest, OneshotRecursiveReportsSubdirsAsTags) {
  test::TempDir dir;
  write_file(dir.path() / "top.pdf");
  write_file(dir.path() / "Invoices" / "2024" / "deep.pdf");
  auto options = base_options(dir.path());
  options.recursive = true;
  options.subdirs_as_tags = true;
  Recorder recorder;
  FolderWatcher watcher(options, recorder.callback());
  ASSERT_TRUE(watcher.run(WatchMode::oneshot));
  const auto reported = recorder.reported();
  ASSERT_EQ(reported.size(), 2U);
  for (const auto& item : reported) {
    if (item.file.filename() == "deep.pdf") {
      EXPECT_EQ(item.subdirs, (std::vector<std::string>{"Invoices", "2024"}));
      EXPECT_EQ(item.file, fs::canonical(dir.path()) / "Invoices" / "2024" / "deep.pdf");
    } else {
      EXPECT_TRUE(item.subdirs.empty());
    }
  }
}

TEST(FolderWatcherTest, SubdirsAreNotReportedWhenTagsAreOff) {
  test::TempDir dir;
  write_file(dir.path() / "x" / "deep.pdf");
  auto options = base_options(dir.path());
  options.recursive = true;
  Recorder recorder;
  FolderWatcher watcher(options, recorder.callback());
  ASSERT_TRUE(watcher.run(WatchMode::oneshot));
  ASSERT_EQ(recorder.count(), 1U);
  EXPECT_TRUE(recorder.reported()[0].subdirs.empty());
}

TEST(FolderWatcherTest, StartupScanSkipsIgnoredFiles) {
  test::TempDir dir;
  write_file(dir.path() / "._a.pdf");
  write_file(dir.path() / ".DS_Store");
  write_file(dir.path() / "@eaDir" / "x.pdf");
  write_file(dir.path() / "sub" / "@eaDir" / "y.pdf");
  write_file(dir.path() / "sub" / "ok.pdf");
  auto options = base_options(dir.path());
  options.recursive = true;
  Recorder recorder;
  FolderWatcher watcher(options, recorder.callback());
  ASSERT_TRUE(watcher.run(WatchMode::oneshot));
  EXPECT_EQ(file_names(recorder.reported()), (std::vector<std::string>{"ok.pdf"}));
}

TEST(FolderWatcherTest, MissingDirectoryIsAnError) {
  test::TempDir dir;
  Recorder recorder;
  FolderWatcher watcher(base_options(dir.path() / "missing"), recorder.callback());
  const auto status = watcher.run(WatchMode::oneshot);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::not_found);
  EXPECT_NE(status.error().message.find("missing"), std::string::npos);
}

TEST(FolderWatcherTest, MissingExtensionCheckIsAnError) {
  test::TempDir dir;
  auto options = base_options(dir.path());
  options.is_supported_extension = nullptr;
  Recorder recorder;
  FolderWatcher watcher(options, recorder.callback());
  const auto status = watcher.run(WatchMode::oneshot);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::invalid_argument);
}

TEST(FolderWatcherTest, CallbackExceptionDoesNotStopTheScan) {
  test::TempDir dir;
  write_file(dir.path() / "a.pdf");
  write_file(dir.path() / "b.pdf");
  int calls = 0;
  FolderWatcher watcher(base_options(dir.path()), [&](const fs::path&, std::vector<std::string>) {
    ++calls;
    throw std::runtime_error("queue full");
  });
  ASSERT_TRUE(watcher.run(WatchMode::oneshot));
  EXPECT_EQ(calls, 2);
}

TEST(FolderWatcherTest, InotifyReportsSlowlyWrittenFileOnceAfterItSettles) {
  test::TempDir dir;
  auto options = base_options(dir.path());
  options.inotify_delay = 300ms;
  expect_slow_write_reported_once(options);
}

TEST(FolderWatcherTest, InotifyWaitsWhileClosedFileIsReopenedForWriting) {
  test::TempDir dir;
  Recorder recorder;
  RunningWatcher running(base_options(dir.path()), recorder);
  const fs::path path = dir.path() / "rewrite.pdf";
  write_file(path, "first part");  // closed once: the delay starts

  // Writes without closing must cancel that wait, however long they take.
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    for (int chunk_idx = 0; chunk_idx < 6; ++chunk_idx) {
      out << std::string(1024, 'y') << std::flush;
      std::this_thread::sleep_for(60ms);
    }
    EXPECT_EQ(recorder.count(), 0U) << "reported while still open for writing";
  }
  ASSERT_TRUE(recorder.wait_for(1));
  std::this_thread::sleep_for(300ms);
  ASSERT_EQ(recorder.count(), 1U);
}

TEST(FolderWatcherTest, InotifyReportsMovedInFileAndSkipsIgnoredOnes) {
  test::TempDir dir;
  test::TempDir outside;
  Recorder recorder;
  RunningWatcher running(base_options(dir.path()), recorder);

  write_file(dir.path() / "._resource.pdf");
  write_file(dir.path() / "Thumbs.db");
  write_file(dir.path() / "unsupported.xyz");
  write_file(outside.path() / "moved.pdf");
  fs::rename(outside.path() / "moved.pdf", dir.path() / "moved.pdf");
  ASSERT_TRUE(recorder.wait_for(1));
  std::this_thread::sleep_for(400ms);
  EXPECT_EQ(file_names(recorder.reported()), (std::vector<std::string>{"moved.pdf"}));
}

TEST(FolderWatcherTest, InotifyRecursiveWatchesNewSubfolders) {
  test::TempDir dir;
  fs::create_directories(dir.path() / "existing");
  auto options = base_options(dir.path());
  options.recursive = true;
  options.subdirs_as_tags = true;
  Recorder recorder;
  RunningWatcher running(options, recorder);

  write_file(dir.path() / "existing" / "one.pdf");
  write_file(dir.path() / "new" / "deeper" / "two.pdf");  // folders made just before the file
  std::this_thread::sleep_for(150ms);
  write_file(dir.path() / "new" / "deeper" / "three.pdf");
  write_file(dir.path() / "new" / "@eaDir" / "four.pdf");
  ASSERT_TRUE(recorder.wait_for(3));
  std::this_thread::sleep_for(400ms);
  const auto reported = recorder.reported();
  EXPECT_EQ(file_names(reported), (std::vector<std::string>{"one.pdf", "three.pdf", "two.pdf"}));
  for (const auto& item : reported) {
    if (item.file.filename() == "two.pdf") {
      EXPECT_EQ(item.subdirs, (std::vector<std::string>{"new", "deeper"}));
    }
  }
}

TEST(FolderWatcherTest, InotifyNonRecursiveIgnoresSubfolders) {
  test::TempDir dir;
  Recorder recorder;
  RunningWatcher running(base_options(dir.path()), recorder);
  write_file(dir.path() / "sub" / "hidden.pdf");
  write_file(dir.path() / "top.pdf");
  ASSERT_TRUE(recorder.wait_for(1));
  std::this_thread::sleep_for(400ms);
  EXPECT_EQ(file_names(recorder.reported()), (std::vector<std::string>{"top.pdf"}));
}

TEST(FolderWatcherTest, InotifyForgetsFileRemovedBeforeItSettles) {
  test::TempDir dir;
  Recorder recorder;
  auto options = base_options(dir.path());
  options.inotify_delay = 300ms;
  RunningWatcher running(options, recorder);
  write_file(dir.path() / "temp.pdf");
  fs::remove(dir.path() / "temp.pdf");
  std::this_thread::sleep_for(700ms);
  EXPECT_EQ(recorder.count(), 0U);
}

TEST(FolderWatcherTest, InotifyStopReturnsPromptly) {
  test::TempDir dir;
  Recorder recorder;
  RunningWatcher running(base_options(dir.path()), recorder);
  EXPECT_LT(running.stop(), 500ms);
}

TEST(FolderWatcherTest, PollingReportsSlowlyWrittenFileOnceAfterItSettles) {
  test::TempDir dir;
  auto options = base_options(dir.path());
  options.polling_interval = 50ms;
  options.polling_delay = 250ms;
  options.polling_retry_count = 20;
  expect_slow_write_reported_once(options);
}

TEST(FolderWatcherTest, PollingGivesUpOnFileThatKeepsChanging) {
  test::TempDir dir;
  Recorder recorder;
  auto options = base_options(dir.path());
  options.polling_interval = 50ms;
  options.polling_delay = 60ms;
  options.polling_retry_count = 3;
  RunningWatcher running(options, recorder);

  // Changes outlast three checks 60 ms apart, then stop; the file is never reported.
  write_slowly(dir.path() / "busy.pdf", 12, 30ms);
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(recorder.count(), 0U);
}

TEST(FolderWatcherTest, PollingRecursiveSkipsIgnoredAndFindsNested) {
  test::TempDir dir;
  Recorder recorder;
  auto options = base_options(dir.path());
  options.recursive = true;
  options.subdirs_as_tags = true;
  options.polling_interval = 50ms;
  options.polling_delay = 50ms;
  RunningWatcher running(options, recorder);

  write_file(dir.path() / "a" / "b" / "nested.pdf");
  write_file(dir.path() / ".stfolder" / "sync.pdf");
  write_file(dir.path() / "._nested.pdf");
  ASSERT_TRUE(recorder.wait_for(1));
  std::this_thread::sleep_for(400ms);
  const auto reported = recorder.reported();
  ASSERT_EQ(file_names(reported), (std::vector<std::string>{"nested.pdf"}));
  EXPECT_EQ(reported[0].subdirs, (std::vector<std::string>{"a", "b"}));
}

TEST(FolderWatcherTest, PollingStopReturnsPromptlyDuringLongWaits) {
  test::TempDir dir;
  Recorder recorder;
  auto options = base_options(dir.path());
  options.polling_interval = 10'000ms;
  options.polling_delay = 10'000ms;
  RunningWatcher running(options, recorder);
  EXPECT_LT(running.stop(), 500ms);
}

TEST(FolderWatcherTest, PollingStopInterruptsStabilityWait) {
  test::TempDir dir;
  Recorder recorder;
  auto options = base_options(dir.path());
  options.polling_interval = 20ms;
  options.polling_delay = 10'000ms;
  RunningWatcher running(options, recorder);
  write_file(dir.path() / "waiting.pdf");
  std::this_thread::sleep_for(200ms);  // a worker is now sleeping in the stability check
  EXPECT_LT(running.stop(), 500ms);
  EXPECT_EQ(recorder.count(), 0U);
}

TEST(FolderWatcherTest, StopBeforeRunReturnsAtOnce) {
  test::TempDir dir;
  write_file(dir.path() / "a.pdf");
  Recorder recorder;
  FolderWatcher watcher(base_options(dir.path()), recorder.callback());
  watcher.stop();
  ASSERT_TRUE(watcher.run(WatchMode::continuous));
  EXPECT_EQ(recorder.count(), 0U);
}

}  // namespace
}  // namespace quire::consumer
