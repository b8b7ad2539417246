#include "consumer/consumer.hpp"

#include "consumer_harness.hpp"
#include "storage/correspondent_repository.hpp"
#include "storage/database.hpp"
#include "util/checksum.hpp"

#include <fmt/core.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;
using test::ConsumerHarness;
using test::documents_sample;
using test::tesseract_sample;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

void write_text(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

Date ymd(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

bool have_ocr() { return fs::exists("/usr/share/tesseract-ocr/5/tessdata/eng.traineddata"); }

class ConsumerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(m_env.ok()); }

  // Consumes a copy of `sample` and checks the pipeline's success contract: the input is gone,
  // the row's original (with the input's checksum) and thumbnail exist, and the content holds
  // `expected` (compared in lower case). Returns the document.
  std::optional<Document> consume_ok(const fs::path& sample, std::string_view expected,
                                     MetadataOverrides overrides = {}, std::string_view name = {}) {
    const fs::path input = m_env.drop(sample, name);
    const std::string checksum = *util::md5_file(input);
    auto outcome = m_env.consume(input, std::move(overrides));
    if (!outcome) {
      ADD_FAILURE() << sample << ": " << outcome.error().message;
      return std::nullopt;
    }
    EXPECT_EQ(outcome->message,
              fmt::format("Success. New document id {} created", outcome->document_id));
    auto document = m_env.document(outcome->document_id);
    if (!document) return std::nullopt;
    const auto& paths = m_env.media().paths();
    EXPECT_FALSE(fs::exists(input)) << sample;
    EXPECT_TRUE(document->filename) << sample;
    EXPECT_EQ(document->checksum, checksum);
    EXPECT_EQ(util::md5_file(paths.originals_dir() / document->filename.value_or("?")).value_or(""),
              checksum)
        << sample;
    EXPECT_GT(fs::file_size(paths.thumbnail_path(document->id)), 0u) << sample;
    EXPECT_THAT(lower(document->content), HasSubstr(lower(std::string(expected)))) << sample;
    return document;
  }

  // Consumes `input` expecting a failure whose message names the file and holds `reason`; the
  // input must still be there and no document may exist.
  void consume_fails(const fs::path& input, std::string_view reason,
                     MetadataOverrides overrides = {}) {
    const auto before = m_env.documents().size();
    auto outcome = m_env.consume(input, std::move(overrides));
    ASSERT_FALSE(outcome) << input << " was consumed";
    EXPECT_THAT(outcome.error().message, HasSubstr(input.filename().string()));
    EXPECT_THAT(outcome.error().message, HasSubstr(std::string(reason)));
    std::error_code ignored;
    EXPECT_TRUE(fs::exists(fs::symlink_status(input, ignored))) << input;
    EXPECT_EQ(m_env.documents().size(), before);
  }

  ConsumerHarness m_env;
};

TEST_F(ConsumerTest, ConsumesPdfsWithText) {
  auto simple = consume_ok(documents_sample("simple.pdf"), "This is a test document.");
  ASSERT_TRUE(simple);
  EXPECT_EQ(simple->mime_type, "application/pdf");
  EXPECT_EQ(simple->page_count, 1);
  EXPECT_EQ(simple->title, "simple");
  EXPECT_EQ(simple->original_filename, "simple.pdf");
  EXPECT_EQ(simple->filename, fmt::format("{:07d}.pdf", simple->id));

  auto multi = consume_ok(tesseract_sample("multi-page-digital.pdf"),
                          "This is a multi page document. Page 3.");
  ASSERT_TRUE(multi);
  EXPECT_EQ(multi->page_count, 3);
  consume_ok(documents_sample("test_with_bom.pdf"), "paperless");
}

TEST_F(ConsumerTest, ConsumesPdfWithoutTextThroughOcr) {
  if (!have_ocr()) QUIRE_SKIP_UNLESS_CI("Tesseract English data is not installed");
  ConsumerOptions options = m_env.options();
  options.ocr.pages = 1;  // one page keeps the suite fast; the parser tests cover the rest
  m_env.reconfigure(options);
  auto document = consume_ok(tesseract_sample("multi-page-images.pdf"), "page 1");
  ASSERT_TRUE(document);
  EXPECT_EQ(document->page_count, 3);
}

TEST_F(ConsumerTest, ConsumesImagesOfEveryFormat) {
  if (!have_ocr()) QUIRE_SKIP_UNLESS_CI("Tesseract English data is not installed");
  const std::map<std::string, fs::path> samples = {
      {"image/png", documents_sample("simple.png")},
      {"image/jpeg", documents_sample("simple.jpg")},
      {"image/tiff", documents_sample("simple.tiff")},
      {"image/gif", tesseract_sample("simple.gif")},
      {"image/bmp", tesseract_sample("simple.bmp")},
  };
  for (const auto& [mime_type, sample] : samples) {
    auto document = consume_ok(sample, "this is a test document");
    ASSERT_TRUE(document);
    EXPECT_EQ(document->mime_type, mime_type);
  }
  auto webp = consume_ok(tesseract_sample("document.webp"), "This is a WebP document");
  ASSERT_TRUE(webp);
  EXPECT_EQ(webp->mime_type, "image/webp");
}

TEST_F(ConsumerTest, ConsumesTextFiles) {
  auto document = consume_ok(documents_sample("simple.txt"), "This is a test file.");
  ASSERT_TRUE(document);
  EXPECT_EQ(document->mime_type, "text/plain");
  EXPECT_EQ(document->filename, fmt::format("{:07d}.txt", document->id));
}

TEST_F(ConsumerTest, FailsCleanlyOnBrokenEncryptedAndUnknownFiles) {
  const fs::path empty = m_env.consume_dir() / "empty.pdf";
  write_text(empty, "");
  consume_fails(empty, "");
  consume_fails(m_env.drop(documents_sample("invalid_pdf.pdf")), "Unsupported mime type");
  consume_fails(m_env.drop(documents_sample("password-is-test.pdf")), "");
  consume_fails(m_env.drop(tesseract_sample("encrypted.pdf")), "");
  consume_fails(m_env.drop(documents_sample("simple.zip")), "Unsupported mime type");
}

TEST_F(ConsumerTest, FailsCleanlyOnUnreadableInputs) {
  const fs::path folder = m_env.consume_dir() / "folder.pdf";
  fs::create_directories(folder);
  consume_fails(folder, "File not found");

  const fs::path dangling = m_env.consume_dir() / "dangling.pdf";
  fs::create_symlink(m_env.root() / "nowhere.pdf", dangling);
  consume_fails(dangling, "File not found");

  // Queued, then deleted before the consumption starts.
  const fs::path vanished = m_env.drop(documents_sample("simple.txt"), "vanished.txt");
  fs::remove(vanished);
  auto outcome = m_env.consume(vanished);
  ASSERT_FALSE(outcome);
  EXPECT_THAT(outcome.error().message, HasSubstr("vanished.txt: File not found"));
  EXPECT_THAT(m_env.documents(), IsEmpty());
}

TEST_F(ConsumerTest, RefusesDuplicates) {
  auto first = consume_ok(documents_sample("simple.txt"), "test file");
  ASSERT_TRUE(first);
  const fs::path again = m_env.drop(documents_sample("simple.txt"), "again.txt");
  consume_fails(
      again, fmt::format("Not consuming again.txt: It is a duplicate of simple (#{}).", first->id));
}

TEST_F(ConsumerTest, DeletesDuplicatesWhenConfigured) {
  ASSERT_TRUE(consume_ok(documents_sample("simple.txt"), "test file"));
  ConsumerOptions options = m_env.options();
  options.delete_duplicates = true;
  m_env.reconfigure(options);
  const fs::path again = m_env.drop(documents_sample("simple.txt"), "again.txt");
  auto outcome = m_env.consume(again);
  ASSERT_FALSE(outcome);
  EXPECT_THAT(outcome.error().message, HasSubstr("It is a duplicate of"));
  EXPECT_FALSE(fs::exists(again));
}

TEST_F(ConsumerTest, ChecksArchiveSerialNumbers) {
  MetadataOverrides too_big;
  too_big.asn = 4'294'967'296;
  const fs::path input = m_env.drop(documents_sample("simple.txt"));
  consume_fails(input, "Given ASN 4294967296 is out of range [0, 4,294,967,295]", too_big);
  MetadataOverrides negative;
  negative.asn = -1;
  consume_fails(input, "out of range", negative);

  MetadataOverrides asn;
  asn.asn = 17;
  auto first = consume_ok(input, "test file", asn);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->archive_serial_number, 17u);
  const fs::path other = m_env.consume_dir() / "other.txt";
  write_text(other, "Another text with the same serial number.");
  consume_fails(other, "Not consuming other.txt: Given ASN 17 already exists!", asn);
}

fs::path write_script(const fs::path& path, std::string_view body) {
  write_text(path, "#!/bin/sh\n" + std::string(body));
  fs::permissions(path, fs::perms::owner_all);
  return path;
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A script that writes the values of `variables`, one per line, into `output`.
fs::path write_printing_script(const fs::path& path, const fs::path& output,
                               const std::vector<std::string>& variables) {
  std::string body = "printf '%s\\n'";
  for (const std::string& variable : variables) body += " \"$" + variable + "\"";
  return write_script(path, body + " > '" + output.string() + "'\n");
}

TEST_F(ConsumerTest, RunsPreAndPostConsumeScriptsWithTheirEnvironment) {
  const fs::path pre_output = m_env.root() / "pre.out";
  const fs::path post_output = m_env.root() / "post.out";
  ConsumerOptions options = m_env.options();
  options.pre_consume_script =
      write_printing_script(m_env.root() / "pre.sh", pre_output,
                            {"DOCUMENT_SOURCE_PATH", "DOCUMENT_WORKING_PATH", "TASK_ID"});
  options.post_consume_script =
      write_printing_script(m_env.root() / "post.sh", post_output,
                            {"DOCUMENT_ID", "DOCUMENT_ORIGINAL_FILENAME", "DOCUMENT_SOURCE_PATH",
                             "DOCUMENT_THUMBNAIL_PATH", "DOCUMENT_DOWNLOAD_URL", "TASK_ID"});
  m_env.reconfigure(options);

  const fs::path input = m_env.consume_dir() / "scripted.txt";
  auto document = consume_ok(documents_sample("simple.txt"), "test file", {}, "scripted.txt");
  ASSERT_TRUE(document);

  const auto pre = read_lines(pre_output);
  ASSERT_EQ(pre.size(), 3u);
  EXPECT_EQ(pre[0], input.string());
  EXPECT_THAT(pre[1], HasSubstr("scripted.txt"));
  EXPECT_NE(pre[1], input.string());
  EXPECT_EQ(pre[2], "test-task");

  const auto& paths = m_env.media().paths();
  EXPECT_THAT(read_lines(post_output),
              ElementsAre(std::to_string(document->id), "scripted.txt",
                          (paths.originals_dir() / *document->filename).string(),
                          paths.thumbnail_path(document->id).string(),
                          fmt::format("/api/documents/{}/download/", document->id), "test-task"));
}

TEST_F(ConsumerTest, FailingPreConsumeScriptKeepsTheOriginal) {
  ConsumerOptions options = m_env.options();
  options.pre_consume_script = write_script(m_env.root() / "pre.sh", "exit 3\n");
  m_env.reconfigure(options);
  consume_fails(m_env.drop(documents_sample("simple.txt")), "");
  EXPECT_THAT(ConsumerHarness::files_below(m_env.media().paths().originals_dir()), IsEmpty());
}

Result<Id> add_correspondent(storage::Database& database, const std::string& name) {
  return database.write([&](storage::WriteContext& tx) {
    Correspondent correspondent;
    correspondent.name = name;
    correspondent.rule = {name, MatchingAlgorithm::literal, true};
    return storage::CorrespondentRepository::create(tx, correspondent);
  });
}

TEST_F(ConsumerTest, NamesFilesWithTheFormatAndCountsCollisions) {
  ASSERT_TRUE(add_correspondent(m_env.database(), "Acme"));
  ConsumerOptions options = m_env.options();
  options.filenames.format = "{{ correspondent }}/{{ title }}";
  m_env.reconfigure(options);

  const fs::path first = m_env.consume_dir() / "report.txt";
  write_text(first, "Quarterly report from Acme.");
  auto one = consume_ok(first, "quarterly");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->filename, "Acme/report.txt");

  write_text(first, "Yearly report from Acme.");
  auto two = consume_ok(first, "yearly");
  ASSERT_TRUE(two);
  EXPECT_EQ(two->filename, "Acme/report_01.txt");

  write_text(first, "A report from nobody in particular.");
  auto three = consume_ok(first, "nobody");
  ASSERT_TRUE(three);
  EXPECT_EQ(three->filename, "none/report.txt");
}

TEST_F(ConsumerTest, RendersTheTitleOverride) {
  const auto acme = add_correspondent(m_env.database(), "Acme");
  ASSERT_TRUE(acme);
  MetadataOverrides overrides;
  overrides.title = "{{ correspondent }} - {{ original_filename }}";
  overrides.correspondent_id = *acme;
  auto document = consume_ok(documents_sample("simple.txt"), "test file", overrides);
  ASSERT_TRUE(document);
  EXPECT_EQ(document->title, "Acme - simple");
  EXPECT_EQ(document->correspondent_id, *acme);
}

TEST_F(ConsumerTest, TakesTheCreatedDateFromTheContent) {
  const fs::path input = m_env.consume_dir() / "letter.txt";
  write_text(input, "Dear customer,\nAltenweiler, 15.03.2021\nYour order has shipped.");
  auto document = consume_ok(input, "order");
  ASSERT_TRUE(document);
  EXPECT_EQ(document->created, ymd(2021, 3, 15));
}

TEST_F(ConsumerTest, FallsBackToTheModificationDate) {
  const fs::path input = m_env.consume_dir() / "undated.txt";
  write_text(input, "A note without any date in it.");
  const std::chrono::sys_seconds mtime =
      std::chrono::sys_days{ymd(2020, 1, 2)} + std::chrono::hours{12};
  fs::last_write_time(input, std::chrono::file_clock::from_sys(mtime));
  auto document = consume_ok(input, "note");
  ASSERT_TRUE(document);
  EXPECT_EQ(document->created, ymd(2020, 1, 2));
}

}  // namespace
}  // namespace quire::consumer
