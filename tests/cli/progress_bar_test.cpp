#include "cli/progress_bar.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

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

}  // namespace
}  // namespace quire::cli
