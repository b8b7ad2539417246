#include "consumer/consume_scripts.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;

fs::path write_script(const fs::path& dir, std::string_view name, std::string_view body) {
  const fs::path path = dir / name;
  std::ofstream(path) << "#!/bin/sh\n" << body;
  fs::permissions(path, fs::perms::owner_all);
  return path;
}

// Reads KEY=value lines a script wrote.
std::map<std::string, std::string> read_env_dump(const fs::path& path) {
  std::map<std::string, std::string> values;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return values;
}

// A script that writes its environment and then ARGC=<count> and ARG<n>=<value> lines into
// `dump`, for read_env_dump.
fs::path write_dump_script(const fs::path& dir, const fs::path& dump) {
  const std::string target = "'" + dump.string() + "'";
  return write_script(dir, "dump.sh",
                      "env > " + target + "\necho \"ARGC=$#\" >> " + target +
                          "\ni=1; for a in \"$@\"; do echo \"ARG$i=$a\" >> " + target +
                          "; i=$((i+1)); done\n");
}

// Routes the "consumer" logger into a string for the duration of a test.
class CapturedLog {
 public:
  CapturedLog() {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_stream);
    sink->set_pattern("%l %v");
    spdlog::drop("consumer");
    m_logger = std::make_shared<spdlog::logger>("consumer", sink);
    m_logger->set_level(spdlog::level::debug);
    spdlog::register_logger(m_logger);
  }
  ~CapturedLog() { spdlog::drop("consumer"); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  std::string text() {
    m_logger->flush();
    return m_stream.str();
  }

 private:
  std::ostringstream m_stream;
  std::shared_ptr<spdlog::logger> m_logger;
};

TEST(ConsumeScriptsTest, PreConsumeGetsArgumentAndEnvironment) {
  test::TempDir dir;
  const fs::path dump = dir.path() / "dump.txt";
  const auto script = write_dump_script(dir.path(), dump);
  const auto status = run_pre_consume_script({.script = script,
                                              .original_file = "/consume/in put.pdf",
                                              .working_file = "/tmp/work/in put.pdf",
                                              .task_id = "1234-abcd"});
  ASSERT_TRUE(status) << status.error().message;
  const auto values = read_env_dump(dump);
  EXPECT_EQ(values.at("ARG1"), "/consume/in put.pdf");
  EXPECT_EQ(values.at("ARGC"), "1");
  EXPECT_EQ(values.at("DOCUMENT_SOURCE_PATH"), "/consume/in put.pdf");
  EXPECT_EQ(values.at("DOCUMENT_WORKING_PATH"), "/tmp/work/in put.pdf");
  EXPECT_EQ(values.at("TASK_ID"), "1234-abcd");
  EXPECT_EQ(values.count("PATH"), 1U);  // the server environment is passed on
}

TEST(ConsumeScriptsTest, LogsStdoutAsInfoAndStderrAsWarning) {
  CapturedLog log;
  test::TempDir dir;
  const auto script = write_script(dir.path(), "pre.sh", "echo out-line\necho err-line >&2\n");
  ASSERT_TRUE(run_pre_consume_script({.script = script, .original_file = "/x.pdf"}));
  const std::string text = log.text();
  EXPECT_NE(text.find("info pre-consume script stdout task_id= line=\"out-line\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("warning pre-consume script stderr task_id= line=\"err-line\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("exit_code=0"), std::string::npos) << text;
}

TEST(ConsumeScriptsTest, NonZeroExitIsAnError) {
  test::TempDir dir;
  const auto script = write_script(dir.path(), "pre.sh", "exit 7\n");
  const auto status = run_pre_consume_script({.script = script, .original_file = "/x.pdf"});
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("Error while executing pre-consume script"),
            std::string::npos);
  EXPECT_NE(status.error().message.find("exit status 7"), std::string::npos);
  EXPECT_EQ(script_status_message(ScriptKind::pre_consume, status.error()),
            "pre_consume_script_error");
}

TEST(ConsumeScriptsTest, MissingScriptIsNotFound) {
  test::TempDir dir;
  const auto status =
      run_pre_consume_script({.script = dir.path() / "nope.sh", .original_file = "/x.pdf"});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::not_found);
  EXPECT_NE(status.error().message.find("nope.sh does not exist"), std::string::npos);
  EXPECT_EQ(script_status_message(ScriptKind::pre_consume, status.error()),
            "pre_consume_script_not_found");

  // A directory is not a script either.
  const auto on_dir = run_post_consume_script({.script = dir.path()});
  ASSERT_FALSE(on_dir);
  EXPECT_EQ(script_status_message(ScriptKind::post_consume, on_dir.error()),
            "post_consume_script_not_found");
}

TEST(ConsumeScriptsTest, MissingInterpreterIsAnErrorNotNotFound) {
  test::TempDir dir;
  const fs::path path = dir.path() / "bad.sh";
  std::ofstream(path) << "#!/nonexistent/interpreter\n";
  fs::permissions(path, fs::perms::owner_all);
  const auto status = run_post_consume_script({.script = path});
  ASSERT_FALSE(status);
  EXPECT_EQ(script_status_message(ScriptKind::post_consume, status.error()),
            "post_consume_script_error");
}

TEST(ConsumeScriptsTest, TimeoutKillsScript) {
  test::TempDir dir;
  const auto script = write_script(dir.path(), "slow.sh", "sleep 30\n");
  const auto status = run_pre_consume_script({.script = script, .original_file = "/x.pdf"},
                                             {.timeout = std::chrono::milliseconds(200)});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::timeout);
}

TEST(ConsumeScriptsTest, PostConsumeGetsEnvironmentAndPositionalArguments) {
  test::TempDir dir;
  const fs::path dump = dir.path() / "dump.txt";
  const auto script = write_dump_script(dir.path(), dump);

  PostConsumeScriptInput input{.script = script,
                               .document_id = "42",
                               .created = "2025-11-20",
                               .modified = "2025-11-20 08:15:30.123456+00:00",
                               .added = "2025-11-20 08:15:29.000001+00:00",
                               .file_name = "2025-11-20 ACME Invoice.pdf",
                               .source_path = "/media/documents/originals//0000042.pdf",
                               .thumbnail_path = "/media/documents/thumbnails/0000042.webp",
                               .download_url = "/api/documents/42/download/",
                               .thumbnail_url = "/api/documents/42/thumb/",
                               .owner = "alice",
                               .correspondent = "ACME",
                               .tags = {"finance", "inbox"},
                               .original_filename = "scan 1.pdf"};
  const auto status = run_post_consume_script(input);
  ASSERT_TRUE(status) << status.error().message;

  const auto values = read_env_dump(dump);
  EXPECT_EQ(values.at("DOCUMENT_ID"), "42");
  EXPECT_EQ(values.at("DOCUMENT_TYPE"), "None");
  EXPECT_EQ(values.at("DOCUMENT_CREATED"), "2025-11-20");
  EXPECT_EQ(values.at("DOCUMENT_MODIFIED"), "2025-11-20 08:15:30.123456+00:00");
  EXPECT_EQ(values.at("DOCUMENT_ADDED"), "2025-11-20 08:15:29.000001+00:00");
  EXPECT_EQ(values.at("DOCUMENT_FILE_NAME"), "2025-11-20 ACME Invoice.pdf");
  EXPECT_EQ(values.at("DOCUMENT_SOURCE_PATH"), "/media/documents/originals/0000042.pdf");
  EXPECT_EQ(values.at("DOCUMENT_ARCHIVE_PATH"), "None");
  EXPECT_EQ(values.at("DOCUMENT_THUMBNAIL_PATH"), "/media/documents/thumbnails/0000042.webp");
  EXPECT_EQ(values.at("DOCUMENT_DOWNLOAD_URL"), "/api/documents/42/download/");
  EXPECT_EQ(values.at("DOCUMENT_THUMBNAIL_URL"), "/api/documents/42/thumb/");
  EXPECT_EQ(values.at("DOCUMENT_OWNER"), "alice");
  EXPECT_EQ(values.at("DOCUMENT_CORRESPONDENT"), "ACME");
  EXPECT_EQ(values.at("DOCUMENT_TAGS"), "finance,inbox");
  EXPECT_EQ(values.at("DOCUMENT_ORIGINAL_FILENAME"), "scan 1.pdf");
  EXPECT_EQ(values.at("TASK_ID"), "");
  EXPECT_EQ(values.at("ARG1"), "42");
  EXPECT_EQ(values.at("ARG2"), "2025-11-20 ACME Invoice.pdf");
  EXPECT_EQ(values.at("ARG3"), "/media/documents/originals/0000042.pdf");
  EXPECT_EQ(values.at("ARG4"), "/media/documents/thumbnails/0000042.webp");
  EXPECT_EQ(values.at("ARG5"), "/api/documents/42/download/");
  EXPECT_EQ(values.at("ARG6"), "/api/documents/42/thumb/");
  EXPECT_EQ(values.at("ARG7"), "ACME");
  EXPECT_EQ(values.at("ARG8"), "finance,inbox");
  EXPECT_EQ(values.at("ARGC"), "8");
}

TEST(ConsumeScriptsTest, PostConsumeReportsPresentArchiveAndType) {
  test::TempDir dir;
  const fs::path dump = dir.path() / "dump.txt";
  const auto script = write_dump_script(dir.path(), dump);
  const auto status = run_post_consume_script(
      {.script = script, .document_type = "Invoice", .archive_path = "/media/archive/0000042.pdf"});
  ASSERT_TRUE(status) << status.error().message;
  const auto values = read_env_dump(dump);
  EXPECT_EQ(values.at("DOCUMENT_TYPE"), "Invoice");
  EXPECT_EQ(values.at("DOCUMENT_ARCHIVE_PATH"), "/media/archive/0000042.pdf");
  EXPECT_EQ(values.at("DOCUMENT_CORRESPONDENT"), "None");
}

}  // namespace
}  // namespace quire::consumer
