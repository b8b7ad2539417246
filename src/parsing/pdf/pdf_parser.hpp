#pragma once

#include "parsing/parser.hpp"
#include "parsing/thumbnail.hpp"

namespace quire::parsing {

/// PDFs (the PDF half of paperless-ngx's Tesseract parser, pipeline.md §6.2, weight 0).
///
/// The text layer is read page by page with Poppler. Pages without text (within
/// `OcrOptions::pages`) are rendered at `OcrOptions::render_dpi` and recognised with
/// Tesseract, which is what OCRmyPDF's skip-text mode does; the document "has text" when the
/// post-processed text layer is longer than 50 characters. Page count and XMP metadata come
/// with every result.
///
/// TODO(ocr): no archive PDF yet (searchable PDF/A, OCR modes redo/force/skip_noarchive and
/// skip_archive_file); `ParseResult::archive_path` stays empty, so documents keep only their
/// original.
class PdfParser final : public Parser {
 public:
  explicit PdfParser(ThumbnailOptions thumbnail_options = {});

  [[nodiscard]] std::string_view name() const override { return "pdf"; }
  [[nodiscard]] int weight() const override { return 0; }
  [[nodiscard]] const std::vector<MimeDeclaration>& mime_types() const override;

  /// Fails with `invalid_argument` for empty, damaged or password-protected PDFs ("document
  /// 'x' is encrypted…"); with `unavailable` when OCR is needed, the PDF has no text layer to
  /// fall back on, and Tesseract or its language data is missing.
  [[nodiscard]] Result<ParseResult> parse(const ParseRequest& request) const override;

  /// The first page; the generic thumbnail when it cannot be rendered (never fails).
  [[nodiscard]] Result<WebpBytes> thumbnail(const ParseRequest& request) const override;

 private:
  ThumbnailOptions m_thumbnail_options;
};

}  // namespace quire::parsing
