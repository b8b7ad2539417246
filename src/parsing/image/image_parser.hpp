#pragma once

#include "parsing/parser.hpp"
#include "parsing/thumbnail.hpp"

namespace quire::parsing {

/// Raster images (the image half of paperless-ngx's Tesseract parser, pipeline.md §6.2 "Images",
/// weight 0): every page (multi-page TIFF) is read with leptonica, alpha dropped, and
/// recognised with Tesseract. The resolution is the image's own DPI, else
/// `OcrOptions::image_dpi`, else an estimate that assumes an A4-wide page; below 70 dpi a
/// warning is logged. No page count, no metadata.
///
/// TODO(ocr): no archive PDF yet (paperless embeds the image in a PDF/A with a text layer).
/// TODO(heic): HEIC is declared, as paperless-ngx does, but leptonica cannot decode it; such
/// files fail with `not_implemented`.
class ImageParser final : public Parser {
 public:
  explicit ImageParser(ThumbnailOptions thumbnail_options = {});

  [[nodiscard]] std::string_view name() const override { return "image"; }
  [[nodiscard]] int weight() const override { return 0; }
  [[nodiscard]] const std::vector<MimeDeclaration>& mime_types() const override;

  /// Fails with `invalid_argument` for unreadable images, images above
  /// `OcrOptions::max_image_pixels`, and when no DPI can be determined; with `unavailable` when
  /// Tesseract or a language is missing.
  [[nodiscard]] Result<ParseResult> parse(const ParseRequest& request) const override;

  /// The first page shrunk to 500 px wide; the generic thumbnail when it cannot be read.
  [[nodiscard]] Result<WebpBytes> thumbnail(const ParseRequest& request) const override;

 private:
  ThumbnailOptions m_thumbnail_options;
};

/// The resolution OCR assumes for an image `width_px` wide whose file says `own_dpi` (0 when
/// absent), per §6.2: own DPI, else `configured_dpi`, else ⌊width / (21 cm / 2.54)⌋. Zero when
/// none gives a positive value.
[[nodiscard]] int choose_image_dpi(int own_dpi, std::optional<int> configured_dpi, int width_px);

}  // namespace quire::parsing
