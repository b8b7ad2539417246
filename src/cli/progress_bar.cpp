#include "cli/progress_bar.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <unistd.h>

namespace quire::cli {

std::string render_progress_line(std::string_view label, std::size_t done, std::size_t total,
                                 std::size_t width) {
  const std::size_t shown_total = std::max<std::size_t>(total, 1);
  const std::size_t shown_done = total == 0 ? 1 : std::min(done, total);
  const std::size_t percent = shown_done * 100 / shown_total;
  const std::size_t filled = shown_done * width / shown_total;
  std::string bar;
  for (std::size_t cell = 0; cell < width; ++cell) bar += cell < filled ? "\u2588" : " ";
  return fmt::format("{} {:3}% |{}| {}/{}", label, percent, bar, std::min(done, total), total);
}

ProgressBar::ProgressBar(std::string label, std::size_t total, ProgressDisplay display,
                         std::FILE* stream)
    : m_label(std::move(label)),
      m_total(total),
      m_stream(stream),
      m_visible(display == ProgressDisplay::automatic && ::isatty(::fileno(stream)) == 1) {
  const std::lock_guard guard(m_mutex);
  draw();
}

ProgressBar::~ProgressBar() {
  const std::lock_guard guard(m_mutex);
  if (!m_visible) return;
  std::fputc('\n', m_stream);
  std::fflush(m_stream);
}

void ProgressBar::advance() {
  const std::lock_guard guard(m_mutex);
  ++m_done;
  draw();
}

void ProgressBar::message(std::string_view line) {
  const std::lock_guard guard(m_mutex);
  erase();
  fmt::print(m_stream, "{}\n", line);
  draw();
}

void ProgressBar::draw() {
  if (!m_visible) return;
  fmt::print(m_stream, "\r{}", render_progress_line(m_label, m_done, m_total));
  std::fflush(m_stream);
}

void ProgressBar::erase() {
  // Carriage return plus "erase to end of line" (ANSI), understood by every terminal emulator.
  if (m_visible) fmt::print(m_stream, "\r\x1b[K");
}

}  // namespace quire::cli
