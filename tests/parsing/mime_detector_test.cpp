#include "parsing/mime_detector.hpp"

#include "parsing/mime_types.hpp"
#include "parsing_samples.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace quire::parsing {
namespace {

using test::documents_sample;
using test::tesseract_sample;

class MimeDetectorTest : public ::testing::Test {
 protected:
  std::string detect(const std::filesystem::path& path) {
    auto mime_type = m_detector.detect(path);
    EXPECT_TRUE(mime_type) << path << ": " << mime_type.error().message;
    return mime_type ? *mime_type : std::string();
  }

  MimeDetector m_detector = MimeDetector::create().value();
};

TEST_F(MimeDetectorTest, DetectsSampleTypesByContent) {
  EXPECT_EQ(detect(documents_sample("simple.pdf")), "application/pdf");
  EXPECT_EQ(detect(documents_sample("simple.png")), "image/png");
  EXPECT_EQ(detect(documents_sample("simple.jpg")), "image/jpeg");
  EXPECT_EQ(detect(documents_sample("simple.tiff")), "image/tiff");
  EXPECT_EQ(detect(documents_sample("simple.txt")), "text/plain");
  EXPECT_EQ(detect(documents_sample("simple.zip")), "application/zip");
  EXPECT_EQ(detect(tesseract_sample("simple.gif")), "image/gif");
  EXPECT_EQ(detect(tesseract_sample("simple.bmp")), "image/bmp");
  EXPECT_EQ(detect(tesseract_sample("document.webp")), "image/webp");
  EXPECT_EQ(detect(tesseract_sample("simple.heic")), "image/heic");
}

TEST_F(MimeDetectorTest, ReportsPdfWithLeadingJunkAsOctetStream) {
  // invalid_pdf.pdf has four stray bytes before %PDF; paperless-ngx sees the same type.
  EXPECT_EQ(detect(documents_sample("invalid_pdf.pdf")), "application/octet-stream");
}

TEST_F(MimeDetectorTest, FallsBackToExtensionForMailThatLooksLikeText) {
  quire::test::TempDir temp;
  const auto mail = temp.path() / "note.eml";
  std::ofstream(mail) << "Subject: hello\n\nJust a line of text.\n";
  EXPECT_EQ(detect(mail), "message/rfc822");
  const auto text = temp.path() / "note.txt";
  std::ofstream(text) << "Subject: hello\n\nJust a line of text.\n";
  EXPECT_EQ(detect(text), "text/plain");
}

TEST_F(MimeDetectorTest, ReportsEmptyFile) {
  quire::test::TempDir temp;
  const auto empty = temp.path() / "empty.pdf";
  std::ofstream{empty};
  EXPECT_EQ(detect(empty), "inode/x-empty");
}

TEST_F(MimeDetectorTest, MissingFileIsNotFound) {
  const auto mime_type = m_detector.detect("/nonexistent/quire/file.pdf");
  ASSERT_FALSE(mime_type);
  EXPECT_EQ(mime_type.error().code, ErrorCode::not_found);
  EXPECT_NE(mime_type.error().message.find("/nonexistent/quire/file.pdf"), std::string::npos);
}

TEST(MimeTypesTest, GivesDefaultExtensionPerMimeType) {
  EXPECT_EQ(default_extension("image/jpeg"), ".jpg");
  EXPECT_EQ(default_extension("text/plain"), ".txt");
  EXPECT_EQ(default_extension("image/tiff"), ".tif");
  EXPECT_EQ(default_extension("application/PDF"), ".pdf");
  EXPECT_EQ(default_extension("message/rfc822"), ".eml");
  EXPECT_EQ(default_extension("application/x-unknown"), "");
}

TEST(MimeTypesTest, ListsEveryKnownExtensionOfAType) {
  const auto jpeg = extensions_for("image/jpeg");
  EXPECT_EQ(jpeg, (std::vector<std::string>{".jpg", ".jpeg", ".jpe", ".jfif"}));
  const auto text = extensions_for("text/plain");
  EXPECT_NE(std::find(text.begin(), text.end(), ".bat"), text.end());
  EXPECT_NE(std::find(text.begin(), text.end(), ".srt"), text.end());
}

TEST(MimeTypesTest, MapsExtensionBackToType) {
  EXPECT_EQ(mime_type_for_extension(".EML"), "message/rfc822");
  EXPECT_EQ(mime_type_for_extension(".tiff"), "image/tiff");
  EXPECT_EQ(mime_type_for_extension(".xyz"), "");
}

}  // namespace
}  // namespace quire::parsing
