#include "parsing/pdf/pdf_parser.hpp"

#include "parsing_samples.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace quire::parsing {
namespace {

using test::contains_in_order;
using test::documents_sample;
using test::lower;
using test::tesseract_sample;

ParseResult parse_ok(const std::filesystem::path& path, const OcrOptions& ocr = {}) {
  auto request = test::request_for(path, "application/pdf");
  request.ocr = ocr;
  auto result = PdfParser().parse(request);
  EXPECT_TRUE(result) << path << ": " << result.error().message;
  return result ? std::move(*result) : ParseResult{};
}

Error parse_error(const std::filesystem::path& path) {
  auto result = PdfParser().parse(test::request_for(path, "application/pdf"));
  EXPECT_FALSE(result) << path << " parsed unexpectedly";
  return result ? Error{} : result.error();
}

TEST(PdfParserTest, ReadsTextLayerOfDigitalPdf) {
  const auto result = parse_ok(tesseract_sample("simple-digital.pdf"));
  EXPECT_EQ(result.text, "This is a test document.");
  EXPECT_EQ(result.page_count, 1);
  EXPECT_FALSE(result.archive_path);
  EXPECT_EQ(parse_ok(documents_sample("simple.pdf")).text, "This is a test document.");
}

TEST(PdfParserTest, ReadsPagesInOrder) {
  const auto result = parse_ok(tesseract_sample("multi-page-digital.pdf"));
  EXPECT_EQ(result.page_count, 3);
  EXPECT_EQ(result.text,
            "This is a multi page document. Page 1.\nThis is a multi page document. Page 2.\n"
            "This is a multi page document. Page 3.");
}

TEST(PdfParserTest, ReadsShortTextWithoutOcr) {
  // Under 50 characters in all, but every page has text, so nothing needs OCR.
  const auto odd = parse_ok(documents_sample("double-sided-odd.pdf"));
  EXPECT_EQ(odd.page_count, 3);
  EXPECT_TRUE(contains_in_order(odd.text, {"This is page 1", "This is page 3", "This is page 5"}));
  const auto even = parse_ok(documents_sample("double-sided-even.pdf"));
  EXPECT_EQ(even.page_count, 2);
  EXPECT_TRUE(contains_in_order(even.text, {"This is page 4", "This is page 2"}));
}

TEST(PdfParserTest, ReadsFormAndSignedPdfs) {
  EXPECT_TRUE(contains_in_order(
      parse_ok(tesseract_sample("with-form.pdf")).text,
      {"Please enter your name in here:", "This is a PDF document with a form."}));
  // signed.pdf has an owner password only; it opens without one.
  EXPECT_TRUE(contains_in_order(
      parse_ok(tesseract_sample("signed.pdf")).text,
      {"This is a digitally signed PDF, created with Acrobat Pro for the Paperless project to "
       "enable",
       "automated testing of signed/encrypted PDFs"}));
}

TEST(PdfParserTest, ReadsOtherDocumentSamples) {
  const auto bom = parse_ok(documents_sample("test_with_bom.pdf"));
  EXPECT_EQ(bom.page_count, 2);
  EXPECT_TRUE(contains_in_order(bom.text, {"Hello!", "paperless"}));
  EXPECT_TRUE(contains_in_order(parse_ok(tesseract_sample("single-page-mixed.pdf")).text,
                                {"This is some normal text, present on page 1 of the document.",
                                 "This is digital text on page 2."}));
  EXPECT_TRUE(contains_in_order(parse_ok(documents_sample("documents/originals/0000005.pdf")).text,
                                {"Here are numbers: 2011235013", "Here is a date: 20-02-1996"}));
  EXPECT_TRUE(contains_in_order(parse_ok(documents_sample("documents/originals/0000006.pdf")).text,
                                {"This is an ignored date: 13-12-2010", "20-02-1997"}));
  EXPECT_EQ(parse_ok(documents_sample("documents/originals/0000002.pdf")).page_count, 3);
  EXPECT_TRUE(contains_in_order(parse_ok(documents_sample("documents/originals/0000003.pdf")).text,
                                {"Please enter your name in here:"}));
}

TEST(PdfParserTest, ReadsRightToLeftText) {
  const auto result = parse_ok(tesseract_sample("rtl-test.pdf"));
  EXPECT_NE(result.text.find("ةرازو"), std::string::npos) << result.text;
}

TEST(PdfParserTest, ReadsRepairableDamage) {
  // invalid_pdf.pdf starts with stray bytes; libmagic gives up on it, but Poppler, like qpdf in
  // paperless-ngx's repair step, can still read it.
  const auto result = parse_ok(documents_sample("invalid_pdf.pdf"));
  EXPECT_EQ(result.page_count, 2);
  EXPECT_NE(result.text.find("Invoice"), std::string::npos);
}

TEST(PdfParserTest, ReturnsXmpMetadata) {
  const auto result = parse_ok(tesseract_sample("simple-digital.pdf"));
  const MetadataEntry producer{"http://ns.adobe.com/pdf/1.3/", "pdf", "Producer",
                               "LibreOffice 7.0"};
  const MetadataEntry creator{"http://ns.adobe.com/xap/1.0/", "xmp", "CreatorTool", "Writer"};
  const MetadataEntry part{"http://www.aiim.org/pdfa/ns/id/", "pdfaid", "part", "3"};
  for (const auto& expected : {producer, creator, part}) {
    EXPECT_NE(std::find(result.metadata.begin(), result.metadata.end(), expected),
              result.metadata.end())
        << expected.key;
  }
}

TEST(PdfParserTest, RefusesEncryptedPdf) {
  for (const auto& path :
       {documents_sample("password-is-test.pdf"), tesseract_sample("encrypted.pdf")}) {
    const auto size_before = std::filesystem::file_size(path);
    const Error error = parse_error(path);
    EXPECT_EQ(error.code, ErrorCode::invalid_argument);
    EXPECT_NE(error.message.find("is encrypted"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find(path.filename().string()), std::string::npos);
    EXPECT_EQ(std::filesystem::file_size(path), size_before);
  }
}

TEST(PdfParserTest, RefusesTruncatedPdf) {
  quire::test::TempDir temp;
  const auto truncated = temp.path() / "truncated.pdf";
  {
    std::ifstream source(documents_sample("simple.pdf"), std::ios::binary);
    std::string head(400, '\0');
    source.read(head.data(), static_cast<std::streamsize>(head.size()));
    std::ofstream(truncated, std::ios::binary) << head;
  }
  const Error error = parse_error(truncated);
  EXPECT_EQ(error.code, ErrorCode::invalid_argument);
  EXPECT_NE(error.message.find("'truncated.pdf'"), std::string::npos) << error.message;
}

TEST(PdfParserTest, RefusesGarbageAndEmptyFiles) {
  quire::test::TempDir temp;
  const auto garbage = temp.path() / "garbage.pdf";
  std::ofstream(garbage) << "this is not a PDF at all\n";
  EXPECT_NE(parse_error(garbage).message.find("garbage.pdf"), std::string::npos);

  const auto empty = temp.path() / "empty.pdf";
  std::ofstream{empty};
  const Error error = parse_error(empty);
  EXPECT_EQ(error.code, ErrorCode::invalid_argument);
  EXPECT_EQ(error.message, "document 'empty.pdf' is empty");
}

TEST(PdfParserTest, MissingFileIsNotFound) {
  EXPECT_EQ(parse_error("/nonexistent/quire.pdf").code, ErrorCode::not_found);
}

TEST(PdfParserTest, OcrsPdfWithoutTextLayer) {
  QUIRE_REQUIRE_OCR();
  const auto result = parse_ok(tesseract_sample("multi-page-images.pdf"));
  EXPECT_EQ(result.page_count, 3);
  EXPECT_TRUE(contains_in_order(lower(result.text), {"page 1", "page 2", "page 3"}));
}

TEST(PdfParserTest, OcrsOnlyPagesWithoutText) {
  QUIRE_REQUIRE_OCR();
  // Pages 1–3 are scans, 4–6 have a text layer: OCRmyPDF's skip-text behaviour.
  const auto result = parse_ok(tesseract_sample("multi-page-mixed.pdf"));
  EXPECT_EQ(result.page_count, 6);
  EXPECT_TRUE(contains_in_order(lower(result.text),
                                {"page 1", "page 2", "page 3", "page 4", "page 5", "page 6"}));
  EXPECT_NE(result.text.find("This is a multi page document. Page 4."), std::string::npos);
}

TEST(PdfParserTest, OcrsOnlyTheConfiguredNumberOfPages) {
  QUIRE_REQUIRE_OCR();
  OcrOptions ocr;
  ocr.pages = 1;
  const auto result = parse_ok(tesseract_sample("multi-page-images.pdf"), ocr);
  EXPECT_NE(lower(result.text).find("page 1"), std::string::npos);
  EXPECT_EQ(lower(result.text).find("page 2"), std::string::npos);
}

TEST(PdfParserTest, OcrsScannedArchiveSample) {
  QUIRE_REQUIRE_OCR();
  OcrOptions ocr;
  ocr.languages = "eng+deu";
  const auto result = parse_ok(documents_sample("documents/archive/0000001.pdf"), ocr);
  EXPECT_EQ(result.page_count, 3);
  EXPECT_TRUE(contains_in_order(lower(result.text), {"page 1", "page 2", "page 3"}));
}

TEST(PdfParserTest, UnknownOcrLanguageIsUnavailable) {
  auto request = test::request_for(tesseract_sample("multi-page-images.pdf"), "application/pdf");
  request.ocr.languages = "xx_not_a_language";
  const auto result = PdfParser().parse(request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unavailable);
  EXPECT_NE(result.error().message.find("xx_not_a_language"), std::string::npos);
}

}  // namespace
}  // namespace quire::parsing
