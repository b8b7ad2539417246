#include "parsing/thumbnail.hpp"

#include "parsing/image/image_parser.hpp"
#include "parsing/pdf/pdf_parser.hpp"
#include "parsing/text/text_parser.hpp"
#include "parsing_samples.hpp"

#include <gtest/gtest.h>
#include <webp/decode.h>

#include <fstream>

namespace quire::parsing {
namespace {

using test::documents_sample;
using test::tesseract_sample;

struct Decoded {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;

  // Pixels darker than mid-grey: proof that something was drawn.
  [[nodiscard]] std::size_t dark_pixels(int top = 0, int bottom = -1) const {
    std::size_t count = 0;
    const int last = bottom < 0 ? height : bottom;
    for (int y = top; y < last; ++y) {
      for (int x = 0; x < width; ++x) {
        if (rgb[(static_cast<std::size_t>(y) * width + x) * 3] < 128) ++count;
      }
    }
    return count;
  }
};

Decoded decode(const WebpBytes& bytes) {
  Decoded decoded;
  EXPECT_TRUE(WebPGetInfo(bytes.data(), bytes.size(), &decoded.width, &decoded.height))
      << "not a WebP image";
  uint8_t* rgb = WebPDecodeRGB(bytes.data(), bytes.size(), &decoded.width, &decoded.height);
  if (rgb != nullptr) {
    decoded.rgb.assign(rgb, rgb + static_cast<std::size_t>(decoded.width) * decoded.height * 3);
    WebPFree(rgb);
  }
  return decoded;
}

Decoded decode(const Result<WebpBytes>& bytes) {
  EXPECT_TRUE(bytes) << bytes.error().message;
  return bytes ? decode(*bytes) : Decoded{};
}

TEST(ThumbnailTest, RendersPdfFirstPageAt500PixelsWide) {
  const auto thumbnail =
      decode(make_pdf_thumbnail(tesseract_sample("simple-digital.pdf"), "simple-digital.pdf"));
  EXPECT_EQ(thumbnail.width, 500);
  EXPECT_EQ(thumbnail.height, 647);  // US letter, 612 × 792 pt
  EXPECT_GT(thumbnail.dark_pixels(), 100U);
}

TEST(ThumbnailTest, RendersLandscapeAndScannedPdfs) {
  const auto rotated = decode(make_pdf_thumbnail(tesseract_sample("rotated.pdf"), "rotated.pdf"));
  EXPECT_EQ(rotated.width, 500);
  EXPECT_LT(rotated.height, rotated.width);
  const auto scanned = decode(
      make_pdf_thumbnail(tesseract_sample("multi-page-images.pdf"), "multi-page-images.pdf"));
  EXPECT_EQ(scanned.width, 500);
  EXPECT_GT(scanned.dark_pixels(), 100U);
}

TEST(ThumbnailTest, NeverEnlargesBeyond300Dpi) {
  ThumbnailOptions options;
  options.max_dpi = 10;  // a letter page is 85 px wide at 10 dpi
  const auto thumbnail = decode(
      make_pdf_thumbnail(tesseract_sample("simple-digital.pdf"), "simple-digital.pdf", options));
  EXPECT_EQ(thumbnail.width, 85);
}

TEST(ThumbnailTest, PdfParserFallsBackToGenericThumbnail) {
  const auto request = test::request_for(tesseract_sample("encrypted.pdf"), "application/pdf");
  const auto thumbnail = PdfParser().thumbnail(request);
  ASSERT_TRUE(thumbnail);
  EXPECT_EQ(*thumbnail, generic_thumbnail());
}

TEST(ThumbnailTest, GenericThumbnailIsAPageIcon) {
  const auto generic = decode(generic_thumbnail());
  EXPECT_EQ(generic.width, 500);
  EXPECT_EQ(generic.height, 700);
}

TEST(ThumbnailTest, ShrinksImagesTo500PixelsWide) {
  for (const char* name : {"simple.png", "simple-alpha.png", "simple.bmp", "simple.gif",
                           "simple.jpg", "simple.tif", "document.webp", "multi-page-images.tiff"}) {
    const auto thumbnail = decode(make_image_thumbnail(tesseract_sample(name), name));
    EXPECT_EQ(thumbnail.width, 500) << name;
    EXPECT_GT(thumbnail.dark_pixels(), 10U) << name;
  }
  // 517 × 147 scaled to 500 wide keeps its aspect ratio.
  EXPECT_EQ(decode(make_image_thumbnail(documents_sample("simple.png"), "simple.png")).height, 142);
}

TEST(ThumbnailTest, KeepsSmallImagesAtTheirSize) {
  const auto thumbnail =
      decode(make_image_thumbnail(tesseract_sample("no-text-alpha.png"), "no-text-alpha.png"));
  EXPECT_EQ(thumbnail.width, 297);
  EXPECT_EQ(thumbnail.height, 225);
}

TEST(ThumbnailTest, ImageParserFallsBackToGenericThumbnail) {
  quire::test::TempDir temp;
  const auto broken = temp.path() / "broken.png";
  std::ofstream(broken) << "not a png";
  const auto thumbnail = ImageParser().thumbnail(test::request_for(broken, "image/png"));
  ASSERT_TRUE(thumbnail);
  EXPECT_EQ(*thumbnail, generic_thumbnail());
}

TEST(ThumbnailTest, DrawsTextOnWhitePage) {
  const auto thumbnail =
      decode(make_text_thumbnail(documents_sample("content.txt"), "content.txt"));
  EXPECT_EQ(thumbnail.width, 500);
  EXPECT_EQ(thumbnail.height, 700);
  EXPECT_GT(thumbnail.dark_pixels(0, 30), 50U);  // the first line
}

TEST(ThumbnailTest, TextParserThumbnailUsesTheText) {
  const auto request = test::request_for(test::text_sample("test.txt"), "text/plain");
  const auto thumbnail = decode(TextParser().thumbnail(request));
  EXPECT_EQ(thumbnail.width, 500);
  EXPECT_GT(thumbnail.dark_pixels(0, 30), 50U);
  EXPECT_EQ(thumbnail.dark_pixels(60, 700), 0U);  // one line only
}

TEST(ThumbnailTest, MissingFontIsUnavailable) {
  ThumbnailOptions options;
  options.font_path = "/nonexistent/font.ttf";
  const auto thumbnail = make_text_thumbnail(test::text_sample("test.txt"), "test.txt", options);
  ASSERT_FALSE(thumbnail);
  EXPECT_EQ(thumbnail.error().code, ErrorCode::unavailable);
}

}  // namespace
}  // namespace quire::parsing
