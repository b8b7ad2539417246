#include "consumer/thumbnail_regenerator.hpp"

#include "library_fixture.hpp"
#include "parsing/thumbnail.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <vector>

namespace quire::cli::test {
namespace {

namespace fs = std::filesystem;
using consumer::ThumbnailOutcome;
using consumer::ThumbnailRegenerator;
using consumer::ThumbnailReport;

std::vector<std::uint8_t> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class ThumbnailRegeneratorTest : public LibraryTest {
 protected:
  ThumbnailRegenerator regenerator() {
    return ThumbnailRegenerator(*m_database, *m_media, m_parsers, scratch_dir());
  }

  std::vector<ThumbnailReport> run_all(int workers) {
    const auto subject = regenerator();
    auto ids = subject.targets(std::nullopt);
    EXPECT_TRUE(ids) << ids.error().message;
    std::vector<ThumbnailReport> reports;
    auto summary = subject.regenerate_all(
        *ids, workers, [&](const ThumbnailReport& report) { reports.push_back(report); });
    EXPECT_TRUE(summary) << summary.error().message;
    std::sort(reports.begin(), reports.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return reports;
  }
};

TEST_F(ThumbnailRegeneratorTest, RegeneratesDeletedThumbnailsOnSeveralWorkers) {
  const DocumentId pdf = add_document({"Letter", "application/pdf", "letter.pdf",
                                       sample("simple.pdf")});
  const DocumentId png = add_document({"Photo", "image/png", "photo.png", sample("simple.png")});
  const DocumentId txt = add_document({"Note", "text/plain", "note.txt", sample("simple.txt")});

  const auto reports = run_all(2);

  ASSERT_EQ(reports.size(), 3U);
  for (const ThumbnailReport& report : reports) {
    EXPECT_EQ(report.outcome, ThumbnailOutcome::regenerated) << report.message;
  }
  for (const DocumentId id : {pdf, png, txt}) EXPECT_TRUE(is_thumbnail(thumbnail_path(id)));
  EXPECT_TRUE(fs::is_empty(scratch_dir())) << "staged thumbnails are cleaned up";
}

TEST_F(ThumbnailRegeneratorTest, ReplacesAnExistingThumbnail) {
  const DocumentId id = add_document({"Letter", "application/pdf", "letter.pdf",
                                      sample("simple.pdf")});
  fs::create_directories(thumbnail_path(id).parent_path());
  std::ofstream(thumbnail_path(id)) << "stale";

  const ThumbnailReport report = regenerator().regenerate(id);

  EXPECT_EQ(report.outcome, ThumbnailOutcome::regenerated) << report.message;
  EXPECT_TRUE(is_thumbnail(thumbnail_path(id)));
}

TEST_F(ThumbnailRegeneratorTest, RendersTheArchiveVersionWhenThereIsOne) {
  DocumentSpec spec{"Scan", "image/png", "scan.png", sample("simple.png")};
  spec.archive_filename = "scan.pdf";
  spec.archive = sample("simple.pdf");
  const DocumentId id = add_document(spec);

  const ThumbnailReport report = regenerator().regenerate(id);

  ASSERT_EQ(report.outcome, ThumbnailOutcome::regenerated) << report.message;
  const auto expected = parsing::make_pdf_thumbnail(archive_path("scan.pdf"), "scan.pdf");
  ASSERT_TRUE(expected) << expected.error().message;
  EXPECT_EQ(read_bytes(thumbnail_path(id)), *expected);
}

TEST_F(ThumbnailRegeneratorTest, ReportsMissingFileAndContinues) {
  const DocumentId missing = add_document({"Gone", "application/pdf", "gone.pdf", {}});
  const DocumentId present = add_document({"Here", "application/pdf", "here.pdf",
                                           sample("simple.pdf")});

  const auto reports = run_all(1);

  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0].id, missing);
  EXPECT_EQ(reports[0].outcome, ThumbnailOutcome::failed);
  EXPECT_NE(reports[0].message.find("gone.pdf"), std::string::npos) << reports[0].message;
  EXPECT_FALSE(fs::exists(thumbnail_path(missing))) << "no generic thumbnail for a lost file";
  EXPECT_EQ(reports[1].outcome, ThumbnailOutcome::regenerated) << reports[1].message;
  EXPECT_TRUE(is_thumbnail(thumbnail_path(present)));
}

TEST_F(ThumbnailRegeneratorTest, SkipsDocumentWithoutParser) {
  const DocumentId id = add_document({"Odd", "application/x-quire-unknown", "odd.bin",
                                      sample("simple.txt")});

  const ThumbnailReport report = regenerator().regenerate(id);

  EXPECT_EQ(report.outcome, ThumbnailOutcome::skipped);
  EXPECT_NE(report.message.find("application/x-quire-unknown"), std::string::npos);
  EXPECT_FALSE(fs::exists(thumbnail_path(id)));
}

TEST_F(ThumbnailRegeneratorTest, CorruptFileGetsTheGenericThumbnail) {
  const fs::path garbage = m_temp.path() / "garbage.pdf";
  std::ofstream(garbage) << "this is not a PDF at all";
  const DocumentId id = add_document({"Broken", "application/pdf", "broken.pdf", garbage});

  const ThumbnailReport report = regenerator().regenerate(id);

  EXPECT_EQ(report.outcome, ThumbnailOutcome::regenerated) << report.message;
  EXPECT_EQ(read_bytes(thumbnail_path(id)), parsing::generic_thumbnail());
}

TEST_F(ThumbnailRegeneratorTest, TargetsOneDocumentOrFailsForUnknownId) {
  add_document({"A", "application/pdf", "a.pdf", sample("simple.pdf")});
  const DocumentId b = add_document({"B", "application/pdf", "b.pdf", sample("simple.pdf")});

  auto one = regenerator().targets(b);
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(*one, std::vector<DocumentId>{b});

  auto unknown = regenerator().targets(4242);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_NE(unknown.error().message.find("4242"), std::string::npos);
}

TEST_F(ThumbnailRegeneratorTest, RejectsFewerThanOneWorker) {
  const std::vector<DocumentId> none;
  auto summary = regenerator().regenerate_all(none, 0, {});
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(summary.error().message.find("at least one process"), std::string::npos);
}

}  // namespace
}  // namespace quire::cli::test
