#include "parsing/image/image_parser.hpp"

#include "parsing_samples.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

namespace quire::parsing {
namespace {

using test::contains_in_order;
using test::documents_sample;
using test::lower;
using test::tesseract_sample;

Result<ParseResult> parse(const std::filesystem::path& path, const std::string& mime_type,
                          const OcrOptions& ocr = {}) {
  auto request = test::request_for(path, mime_type);
  request.ocr = ocr;
  return ImageParser().parse(request);
}

std::string parse_text(const std::filesystem::path& path, const std::string& mime_type) {
  auto result = parse(path, mime_type);
  EXPECT_TRUE(result) << path << ": " << result.error().message;
  if (!result) return {};
  EXPECT_FALSE(result->page_count);
  EXPECT_FALSE(result->archive_path);
  return result->text;
}

TEST(ImageParserTest, ChoosesDpiAsPaperlessDoes) {
  EXPECT_EQ(choose_image_dpi(72, 300, 517), 72);
  EXPECT_EQ(choose_image_dpi(0, 300, 517), 300);
  // simple-no-dpi.png is 517 px wide: paperless-ngx's A4 estimate gives 62.
  EXPECT_EQ(choose_image_dpi(0, std::nullopt, 517), 62);
  EXPECT_EQ(choose_image_dpi(0, std::nullopt, 5), 0);
}

TEST(ImageParserTest, OcrsSimpleImagesOfEveryFormat) {
  QUIRE_REQUIRE_OCR();
  const std::pair<std::filesystem::path, const char*> samples[] = {
      {tesseract_sample("simple.png"), "image/png"},
      {tesseract_sample("simple-alpha.png"), "image/png"},
      {tesseract_sample("simple-no-dpi.png"), "image/png"},
      {tesseract_sample("simple.jpg"), "image/jpeg"},
      {tesseract_sample("simple.tif"), "image/tiff"},
      {tesseract_sample("simple.bmp"), "image/bmp"},
      {tesseract_sample("simple.gif"), "image/gif"},
      {documents_sample("simple.png"), "image/png"},
      {documents_sample("simple-noalpha.png"), "image/png"},
      {documents_sample("simple.jpg"), "image/jpeg"},
      {documents_sample("simple.tiff"), "image/tiff"},
  };
  for (const auto& [path, mime_type] : samples) {
    EXPECT_NE(lower(parse_text(path, mime_type)).find("this is a test document"), std::string::npos)
        << path;
  }
}

TEST(ImageParserTest, OcrsWebp) {
  QUIRE_REQUIRE_OCR();
  EXPECT_NE(parse_text(tesseract_sample("document.webp"), "image/webp")
                .find("This is a WebP document, created 11/14/2022."),
            std::string::npos);
}

TEST(ImageParserTest, OcrsEveryPageOfMultiPageTiff) {
  QUIRE_REQUIRE_OCR();
  for (const char* name : {"multi-page-images.tiff", "multi-page-images-alpha.tiff",
                           "multi-page-images-alpha-rgb.tiff"}) {
    EXPECT_TRUE(contains_in_order(lower(parse_text(tesseract_sample(name), "image/tiff")),
                                  {"page 1", "page 2", "page 3"}))
        << name;
  }
}

TEST(ImageParserTest, LimitsOcrToConfiguredPages) {
  QUIRE_REQUIRE_OCR();
  OcrOptions ocr;
  ocr.pages = 2;
  const auto result = parse(tesseract_sample("multi-page-images.tiff"), "image/tiff", ocr);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(contains_in_order(lower(result->text), {"page 1", "page 2"}));
  EXPECT_EQ(lower(result->text).find("page 3"), std::string::npos);
}

TEST(ImageParserTest, OcrsFromSeveralThreadsAtOnce) {
  QUIRE_REQUIRE_OCR();
  // Each thread gets its own Tesseract engine; a shared one would corrupt both results.
  std::string texts[2];
  std::thread first([&] { texts[0] = parse_text(tesseract_sample("simple.png"), "image/png"); });
  std::thread second([&] { texts[1] = parse_text(tesseract_sample("simple.gif"), "image/gif"); });
  first.join();
  second.join();
  for (const auto& text : texts) {
    EXPECT_NE(lower(text).find("this is a test document"), std::string::npos) << text;
  }
}

TEST(ImageParserTest, ImageWithoutTextGivesEmptyText) {
  QUIRE_REQUIRE_OCR();
  const auto result = parse(tesseract_sample("no-text-alpha.png"), "image/png");
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_LT(result->text.size(), 20U) << result->text;
}

TEST(ImageParserTest, RefusesImageOverPixelLimit) {
  OcrOptions ocr;
  ocr.max_image_pixels = 1000;
  const auto result = parse(tesseract_sample("simple.png"), "image/png", ocr);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(result.error().message.find("simple.png"), std::string::npos);
  EXPECT_NE(result.error().message.find("1000"), std::string::npos);
}

TEST(ImageParserTest, RefusesCorruptAndEmptyImages) {
  quire::test::TempDir temp;
  const auto corrupt = temp.path() / "corrupt.png";
  std::ofstream(corrupt, std::ios::binary) << "\x89PNG\r\n\x1a\n but then nothing useful";
  auto result = parse(corrupt, "image/png");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(result.error().message.find("corrupt.png"), std::string::npos);

  const auto empty = temp.path() / "empty.jpg";
  std::ofstream{empty};
  result = parse(empty, "image/jpeg");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "document 'empty.jpg' is empty");
}

TEST(ImageParserTest, HeicIsNotImplemented) {
  const auto result = parse(tesseract_sample("simple.heic"), "image/heic");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::not_implemented);
  EXPECT_NE(result.error().message.find("simple.heic"), std::string::npos);
}

}  // namespace
}  // namespace quire::parsing
