#pragma once

#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace quire::cli {

/// Whether a command may draw a progress bar (`--no-progress-bar` says `off`).
enum class ProgressDisplay { automatic, off };

/// One line of a progress bar `width` cells wide, e.g. "Renaming  40% |████      | 4/10".
/// A `total` of 0 shows as complete.
[[nodiscard]] std::string render_progress_line(std::string_view label, std::size_t done,
                                               std::size_t total, std::size_t width = 30);

/// A progress bar on one line of `stream` (stderr by default), drawn only when the display is
/// `automatic` and the stream is a terminal; otherwise `advance` does nothing and `message`
/// just prints. Thread-safe: every member locks one mutex.
class ProgressBar {
 public:
  ProgressBar(std::string label, std::size_t total, ProgressDisplay display,
              std::FILE* stream = stderr);
  /// Ends the bar's line so that later output starts on a fresh one.
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  [[nodiscard]] bool visible() const { return m_visible; }

  /// Counts one more item done and redraws.
  void advance();

  /// Prints `line` (and a newline) on the stream above the bar, then redraws the bar.
  void message(std::string_view line);

 private:
  void draw();   // requires m_mutex
  void erase();  // requires m_mutex

  std::mutex m_mutex;
  std::string m_label;
  std::size_t m_total;
  std::size_t m_done = 0;  // guarded by m_mutex
  std::FILE* m_stream;
  bool m_visible;
};

}  // namespace quire::cli
