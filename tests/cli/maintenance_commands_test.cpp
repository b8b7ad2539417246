// Drives the built `quire` binary: document_thumbnails and document_renamer end to end.

#include "library_fixture.hpp"
#include "util/subprocess.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace quire::cli::test {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class MaintenanceCommandsTest : public LibraryTest {
 protected:
  CommandRun run_quire(std::vector<std::string> arguments,
                       std::vector<std::pair<std::string, std::string>> env = {}) {
    util::SubprocessOptions options;
    options.argv = {QUIRE_BINARY};
    options.argv.insert(options.argv.end(), arguments.begin(), arguments.end());
    options.extra_env = {{"PAPERLESS_DATA_DIR", data_dir().string()},
                         {"PAPERLESS_MEDIA_ROOT", media_root().string()},
                         {"PAPERLESS_SCRATCH_DIR", scratch_dir().string()},
                         {"PAPERLESS_CONSUMPTION_DIR", (m_temp.path() / "consume").string()}};
    options.extra_env.insert(options.extra_env.end(), env.begin(), env.end());
    options.timeout = std::chrono::minutes(2);
    CommandRun run;
    options.on_stdout_line = [&run](std::string_view line) { (run.out += line) += '\n'; };
    options.on_stderr_line = [&run](std::string_view line) { (run.err += line) += '\n'; };
    auto result = util::run_subprocess(options);
    EXPECT_TRUE(result) << result.error().message;
    if (result) run.exit_code = result->exit_code;
    return run;
  }
};

TEST_F(MaintenanceCommandsTest, ThumbnailsCommandRegeneratesAndReportsMissingFiles) {
  const DocumentId lost = add_document({"Lost", "application/pdf", "lost.pdf", {}});
  const DocumentId kept = add_document({"Kept", "image/png", "kept.png", sample("simple.png")});

  const CommandRun run = run_quire({"document_thumbnails", "--processes", "2"});

  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("document " + std::to_string(lost) + ": file is missing"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(is_thumbnail(thumbnail_path(kept)));
  EXPECT_FALSE(fs::exists(thumbnail_path(lost)));
}

TEST_F(MaintenanceCommandsTest, ThumbnailsCommandRegeneratesOneDocument) {
  const DocumentId first = add_document({"A", "application/pdf", "a.pdf", sample("simple.pdf")});
  const DocumentId second = add_document({"B", "application/pdf", "b.pdf", sample("simple.pdf")});

  const CommandRun run =
      run_quire({"document_thumbnails", "--document", std::to_string(second), "--no-progress-bar"});

  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(is_thumbnail(thumbnail_path(second)));
  EXPECT_FALSE(fs::exists(thumbnail_path(first)));
}

TEST_F(MaintenanceCommandsTest, ThumbnailsCommandRefusesBadArguments) {
  const CommandRun zero = run_quire({"document_thumbnails", "--processes", "0"});
  EXPECT_EQ(zero.exit_code, 1);
  EXPECT_NE(zero.err.find("at least one process is required"), std::string::npos) << zero.err;

  const CommandRun unknown = run_quire({"document_thumbnails", "--document", "777"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("document 777 does not exist"), std::string::npos) << unknown.err;
}

TEST_F(MaintenanceCommandsTest, RenamerCommandAppliesTheFilenameFormat) {
  const DocumentId lost = add_document({"Lost", "application/pdf", "lost.pdf", {}});
  const DocumentId first = add_document({"Memo", "application/pdf", "x/1.pdf",
                                         sample("simple.pdf")});
  const DocumentId second = add_document({"Memo", "application/pdf", "x/2.pdf",
                                          sample("simple.pdf")});

  const CommandRun run = run_quire({"document_renamer", "--no-progress-bar"},
                                   {{"PAPERLESS_FILENAME_FORMAT", "{created_year}/{title}"}});

  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("document " + std::to_string(lost) + ": cannot rename"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(reload(lost).filename, "lost.pdf");
  EXPECT_EQ(reload(first).filename, "2020/Memo.pdf");
  EXPECT_EQ(reload(second).filename, "2020/Memo_01.pdf");
  EXPECT_TRUE(fs::is_regular_file(original_path("2020/Memo_01.pdf")));
  EXPECT_FALSE(fs::exists(original_path("x")));
}

}  // namespace
}  // namespace quire::cli::test
