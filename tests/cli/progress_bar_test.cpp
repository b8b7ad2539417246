#include "cli/progress_bar.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <poll.h>
#include <pty.h>
#include <string>
#include <unistd.h>

namespace quire::cli {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

std::string contents(std::FILE* file) {
  std::rewind(file);
  std::string text;
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) text += static_cast<char>(c);
  return text;
}

TEST(ProgressBarTest, RendersPercentCellsAndCounts) {
  EXPECT_EQ(render_progress_line("Work", 0, 4, 4), "Work   0% |    | 0/4");
  EXPECT_EQ(render_progress_line("Work", 2, 4, 4), "Work  50% |\u2588\u2588  | 2/4");
  EXPECT_EQ(render_progress_line("Work", 4, 4, 4),
            "Work 100% |\u2588\u2588\u2588\u2588| 4/4");
}

TEST(ProgressBarTest, EmptyRunShowsAsComplete) {
  EXPECT_EQ(render_progress_line("Work", 0, 0, 2), "Work 100% |\u2588\u2588| 0/0");
}

TEST(ProgressBarTest, CountsBeyondTheTotalAreCapped) {
  EXPECT_EQ(render_progress_line("Work", 9, 4, 4),
            "Work 100% |\u2588\u2588\u2588\u2588| 4/4");
}

TEST(ProgressBarTest, DrawsNothingWhenNotATerminal) {
  const std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
  ASSERT_NE(file, nullptr);
  {
    ProgressBar bar("Work", 3, ProgressDisplay::automatic, file.get());
    EXPECT_FALSE(bar.visible());
    bar.advance();
    bar.message("document 1: file is missing");
    bar.advance();
  }
  EXPECT_EQ(contents(file.get()), "document 1: file is missing\n");
}

TEST(ProgressBarTest, OffNeverDraws) {
  const std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
  ASSERT_NE(file, nullptr);
  ProgressBar bar("Work", 3, ProgressDisplay::off, file.get());
  EXPECT_FALSE(bar.visible());
}

// Everything the pseudo-terminal's other end has received so far.
std::string drain(int master) {
  std::string text;
  char buffer[4096];
  pollfd ready{master, POLLIN, 0};
  while (::poll(&ready, 1, 200) > 0) {
    const ssize_t got = ::read(master, buffer, sizeof buffer);
    if (got <= 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

TEST(ProgressBarTest, DrawsOnATerminalAndKeepsMessagesOnTheirOwnLines) {
  int master = -1;
  int terminal = -1;
  if (::openpty(&master, &terminal, nullptr, nullptr, nullptr) != 0) {
    QUIRE_SKIP_UNLESS_CI("no pseudo-terminal available (openpty failed)");
  }
  const std::unique_ptr<std::FILE, FileCloser> stream(::fdopen(terminal, "w"));
  ASSERT_NE(stream, nullptr);
  {
    ProgressBar bar("Work", 2, ProgressDisplay::automatic, stream.get());
    EXPECT_TRUE(bar.visible());
    bar.advance();
    bar.message("document 1: file is missing");
    bar.advance();
  }
  std::fflush(stream.get());
  const std::string shown = drain(master);
  ::close(master);

  EXPECT_NE(shown.find("Work  50%"), std::string::npos) << shown;
  EXPECT_NE(shown.find("\r\x1b[Kdocument 1: file is missing"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Work 100%"), std::string::npos) << shown;
  EXPECT_NE(shown.find("2/2"), std::string::npos) << shown;
}

}  // namespace
}  // namespace quire::cli
