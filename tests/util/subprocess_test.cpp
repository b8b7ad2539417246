#include "util/subprocess.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <dirent.h>
#include <fstream>
#include <string>
#include <vector>

namespace quire::util {
namespace {

struct Captured {
  std::vector<std::string> out;
  std::vector<std::string> err;
};

Result<SubprocessResult> run_shell(const std::string& script, Captured& captured,
                                   std::vector<std::pair<std::string, std::string>> env = {}) {
  SubprocessOptions options;
  options.argv = {"/bin/sh", "-c", script};
  options.extra_env = std::move(env);
  options.on_stdout_line = [&](std::string_view line) { captured.out.emplace_back(line); };
  options.on_stderr_line = [&](std::string_view line) { captured.err.emplace_back(line); };
  return run_subprocess(options);
}

int count_open_fds() {
  int count = 0;
  DIR* dir = ::opendir("/proc/self/fd");
  while (dir != nullptr && ::readdir(dir) != nullptr) ++count;
  if (dir != nullptr) ::closedir(dir);
  return count;
}

TEST(SubprocessTest, ReportsExitCodes) {
  Captured captured;
  auto ok = run_shell("exit 0", captured);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->exit_code, 0);
  auto failed = run_shell("exit 3", captured);
  ASSERT_TRUE(failed) << failed.error().message;
  EXPECT_EQ(failed->exit_code, 3);
  auto killed = run_shell("kill -TERM $$", captured);
  ASSERT_TRUE(killed) << killed.error().message;
  EXPECT_EQ(killed->exit_code, -15);
}

TEST(SubprocessTest, CapturesStdoutAndStderrLineByLine) {
  Captured captured;
  auto result = run_shell("printf 'one\\ntwo\\n'; echo warn >&2; printf 'tail'", captured);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(captured.out, (std::vector<std::string>{"one", "two", "tail"}));
  EXPECT_EQ(captured.err, (std::vector<std::string>{"warn"}));
}

TEST(SubprocessTest, KeepsEmptyLinesAndLargeOutput) {
  Captured captured;
  auto result = run_shell("echo; echo x; seq 1 20000", captured);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(captured.out.size(), 20002U);
  EXPECT_EQ(captured.out[0], "");
  EXPECT_EQ(captured.out[1], "x");
  EXPECT_EQ(captured.out.back(), "20000");
}

TEST(SubprocessTest, PassesArgumentsWithoutAShell) {
  Captured captured;
  SubprocessOptions options;
  options.argv = {"printf", "%s|%s\\n", "a b", "$HOME;`x`"};
  options.on_stdout_line = [&](std::string_view line) { captured.out.emplace_back(line); };
  auto result = run_subprocess(options);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(captured.out, (std::vector<std::string>{"a b|$HOME;`x`"}));
}

TEST(SubprocessTest, AddsAndOverridesEnvironment) {
  ::setenv("QUIRE_SUBPROCESS_TEST_INHERITED", "inherited", 1);
  ::setenv("QUIRE_SUBPROCESS_TEST_OVERRIDDEN", "old", 1);
  Captured captured;
  auto result = run_shell(
      "echo \"$QUIRE_SUBPROCESS_TEST_INHERITED $QUIRE_SUBPROCESS_TEST_OVERRIDDEN $EXTRA_VAR\"",
      captured, {{"QUIRE_SUBPROCESS_TEST_OVERRIDDEN", "new"}, {"EXTRA_VAR", "x=y z"}});
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(captured.out, (std::vector<std::string>{"inherited new x=y z"}));
  auto count = run_shell("env | grep -c '^QUIRE_SUBPROCESS_TEST_OVERRIDDEN='", captured);
  ASSERT_TRUE(count);
  EXPECT_EQ(captured.out.back(), "1");
}

TEST(SubprocessTest, ReportsMissingProgram) {
  SubprocessOptions options;
  options.argv = {"/nonexistent/quire-no-such-program"};
  auto by_path = run_subprocess(options);
  ASSERT_FALSE(by_path);
  EXPECT_EQ(by_path.error().code, ErrorCode::not_found);
  EXPECT_NE(by_path.error().message.find("/nonexistent/quire-no-such-program"), std::string::npos);

  options.argv = {"quire-no-such-program-in-path"};
  auto by_name = run_subprocess(options);
  ASSERT_FALSE(by_name);
  EXPECT_EQ(by_name.error().code, ErrorCode::not_found);

  options.argv = {};
  auto empty = run_subprocess(options);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
}

TEST(SubprocessTest, ReportsProgramThatIsNotExecutable) {
  test::TempDir dir;
  const auto script = dir.path() / "script.sh";
  std::ofstream(script) << "#!/bin/sh\necho hi\n";
  SubprocessOptions options;
  options.argv = {script.string()};
  auto result = run_subprocess(options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::permission_denied);
}

TEST(SubprocessTest, KillsChildAfterTimeout) {
  SubprocessOptions options;
  options.argv = {"/bin/sh", "-c", "sleep 30"};
  options.timeout = std::chrono::milliseconds(200);
  const auto start = std::chrono::steady_clock::now();
  auto result = run_subprocess(options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::timeout);
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST(SubprocessTest, TimeoutCoversChildThatClosedItsOutput) {
  SubprocessOptions options;
  options.argv = {"/bin/sh", "-c", "exec >&- 2>&-; sleep 30"};
  options.timeout = std::chrono::milliseconds(200);
  auto result = run_subprocess(options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::timeout);
}

TEST(SubprocessTest, ChildSeesOnlyStandardDescriptorsAndNullStdin) {
  Captured captured;
  // `ls` itself opens one descriptor for the listing, so 0, 1, 2 and that one are expected.
  auto result = run_shell("ls /proc/self/fd | wc -l; cat; echo done", captured);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(captured.out.size(), 2U);
  EXPECT_EQ(std::stoi(captured.out[0]), 4);
  EXPECT_EQ(captured.out[1], "done");
}

TEST(SubprocessTest, LeaksNoDescriptors) {
  const int before = count_open_fds();
  Captured captured;
  for (int run_idx = 0; run_idx < 20; ++run_idx) {
    ASSERT_TRUE(run_shell("echo x; echo y >&2", captured));
  }
  SubprocessOptions missing;
  missing.argv = {"/nonexistent/quire-no-such-program"};
  for (int run_idx = 0; run_idx < 5; ++run_idx) ASSERT_FALSE(run_subprocess(missing));
  EXPECT_EQ(count_open_fds(), before);
}

}  // namespace
}  // namespace quire::util
