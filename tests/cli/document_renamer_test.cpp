#include "consumer/document_renamer.hpp"

#include "library_fixture.hpp"
#include "storage/document_repository.hpp"

#include <gtest/gtest.h>

#include <map>

namespace quire::cli::test {
namespace {

namespace fs = std::filesystem;
using consumer::DocumentRenamer;
using consumer::RenameOutcome;
using consumer::RenameReport;

class DocumentRenamerTest : public LibraryTest {
 protected:
  DocumentRenamer renamer(const std::string& format) {
    consumer::RenameOptions options;
    options.filenames.format = format;
    return DocumentRenamer(*m_database, *m_media, m_parsers, options);
  }

  // Runs the renamer over every live document; returns each document's report.
  std::map<DocumentId, RenameReport> rename_all(const std::string& format) {
    const auto subject = renamer(format);
    auto ids = subject.live_documents();
    EXPECT_TRUE(ids) << ids.error().message;
    std::map<DocumentId, RenameReport> reports;
    const auto summary = subject.rename_all(
        *ids, [&](const RenameReport& report) { reports[report.id] = report; });
    EXPECT_EQ(summary.renamed + summary.unchanged + summary.failed, ids->size());
    return reports;
  }
};

TEST_F(DocumentRenamerTest, MovesFilesUpdatesRowsAndRemovesOldFolders) {
  DocumentSpec spec{"Invoice", "application/pdf", "old/deep/0000001.pdf", sample("simple.pdf")};
  spec.archive_filename = "old/0000001.pdf";
  spec.archive = sample("simple.pdf");
  const DocumentId id = add_document(spec);

  const auto reports = rename_all("{created_year}/{title}");

  EXPECT_EQ(reports.at(id).outcome, RenameOutcome::renamed) << reports.at(id).message;
  const Document stored = reload(id);
  EXPECT_EQ(stored.filename, "2020/Invoice.pdf");
  EXPECT_EQ(stored.archive_filename, "2020/Invoice.pdf");
  EXPECT_TRUE(fs::is_regular_file(original_path("2020/Invoice.pdf")));
  EXPECT_TRUE(fs::is_regular_file(archive_path("2020/Invoice.pdf")));
  EXPECT_FALSE(fs::exists(original_path("old"))) << "emptied folders are removed";
  EXPECT_FALSE(fs::exists(archive_path("old")));
  EXPECT_TRUE(fs::is_directory(m_media->root(media::FileKind::original)));
}

TEST_F(DocumentRenamerTest, NumbersCollidingNames) {
  const DocumentId first = add_document({"Same", "application/pdf", "a.pdf",
                                         sample("simple.pdf")});
  const DocumentId second = add_document({"Same", "application/pdf", "b.pdf",
                                          sample("simple.pdf")});
  const DocumentId third = add_document({"Same", "image/png", "c.png", sample("simple.png")});

  rename_all("{title}");

  EXPECT_EQ(reload(first).filename, "Same.pdf");
  EXPECT_EQ(reload(second).filename, "Same_01.pdf");
  EXPECT_EQ(reload(third).filename, "Same.png") << "another extension does not collide";
  EXPECT_TRUE(fs::is_regular_file(original_path("Same_01.pdf")));
  EXPECT_FALSE(fs::exists(original_path("b.pdf")));
}

TEST_F(DocumentRenamerTest, KeepsNamesTheTemplateStillGives) {
  const DocumentId first = add_document({"Kept", "application/pdf", "Kept.pdf",
                                         sample("simple.pdf")});
  const DocumentId second = add_document({"Kept", "application/pdf", "Kept_01.pdf",
                                          sample("simple.pdf")});
  const Timestamp before = reload(second).modified;

  const auto reports = rename_all("{title}");

  EXPECT_EQ(reports.at(first).outcome, RenameOutcome::unchanged);
  EXPECT_EQ(reports.at(second).outcome, RenameOutcome::unchanged);
  EXPECT_EQ(reload(first).filename, "Kept.pdf");
  EXPECT_EQ(reload(second).filename, "Kept_01.pdf");
  EXPECT_GT(reload(second).modified, before) << "modified is touched as paperless-ngx does";
}

TEST_F(DocumentRenamerTest, FreedBaseNameReplacesANumberedOne) {
  const DocumentId id = add_document({"Kept", "application/pdf", "Kept_03.pdf",
                                      sample("simple.pdf")});

  const auto reports = rename_all("{title}");

  EXPECT_EQ(reports.at(id).outcome, RenameOutcome::renamed);
  EXPECT_EQ(reload(id).filename, "Kept.pdf");
  EXPECT_EQ(rename_all("{title}").at(id).outcome, RenameOutcome::unchanged);
}

TEST_F(DocumentRenamerTest, ReportsMissingFileAndRenamesTheOthers) {
  const DocumentId missing = add_document({"Lost", "application/pdf", "lost.pdf", {}});
  const DocumentId present = add_document({"Found", "application/pdf", "found.pdf",
                                           sample("simple.pdf")});

  const auto reports = rename_all("docs/{title}");

  EXPECT_EQ(reports.at(missing).outcome, RenameOutcome::failed);
  EXPECT_NE(reports.at(missing).message.find("doesn't exist"), std::string::npos)
      << reports.at(missing).message;
  EXPECT_EQ(reload(missing).filename, "lost.pdf") << "the row keeps the old name";
  EXPECT_FALSE(fs::exists(original_path("docs/Lost.pdf")));
  EXPECT_EQ(reports.at(present).outcome, RenameOutcome::renamed);
  EXPECT_EQ(reload(present).filename, "docs/Found.pdf");
}

TEST_F(DocumentRenamerTest, DatabaseClashLeavesFilesAndRowAsTheyWere) {
  // Document 1's row claims "Clash.pdf" although its file is gone; document 2's template gives
  // the same name, which is free on disk, so only the database refuses it.
  const DocumentId holder = add_document({"Clash", "application/pdf", "Clash.pdf", {}});
  const DocumentId mover = add_document({"Clash", "application/pdf", "mover/m.pdf",
                                         sample("simple.pdf")});

  const auto reports = rename_all("{title}");

  EXPECT_EQ(reports.at(holder).outcome, RenameOutcome::unchanged);
  EXPECT_EQ(reports.at(mover).outcome, RenameOutcome::failed);
  EXPECT_EQ(reload(mover).filename, "mover/m.pdf");
  EXPECT_TRUE(fs::is_regular_file(original_path("mover/m.pdf")));
  EXPECT_FALSE(fs::exists(original_path("Clash.pdf")));
}

TEST_F(DocumentRenamerTest, StoragePathTemplateWinsOverTheFormat) {
  const StoragePathId path = add_storage_path("Taxes", "taxes/{{ created_year }}/{{ title }}");
  DocumentSpec spec{"Return", "application/pdf", "return.pdf", sample("simple.pdf")};
  spec.storage_path_id = path;
  const DocumentId id = add_document(spec);

  rename_all("{title}");

  EXPECT_EQ(reload(id).filename, "taxes/2020/Return.pdf");
  EXPECT_TRUE(fs::is_regular_file(original_path("taxes/2020/Return.pdf")));
}

TEST_F(DocumentRenamerTest, DocumentWithoutStoredFileIsLeftAlone) {
  Document document;
  document.title = "Pending";
  document.mime_type = "application/pdf";
  document.checksum = "feedfeedfeedfeedfeedfeedfeedfeed";
  document.created = std::chrono::year{2021} / 1 / 2;
  auto id = m_database->write([&](storage::WriteContext& tx) {
    return storage::DocumentRepository::insert(tx, document);
  });
  ASSERT_TRUE(id) << id.error().message;

  auto outcome = renamer("{title}").rename(*id);

  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(*outcome, RenameOutcome::unchanged);
  EXPECT_FALSE(reload(*id).filename);
}

}  // namespace
}  // namespace quire::cli::test
