#pragma once

#include "core/error.hpp"
#include "parsing/parser.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace quire::parsing {

/// Thumbnails come back as WebP bytes; storing them (THUMBNAIL_DIR/{pk:07d}.webp, written
/// atomically) is media/'s job.
///
/// How thumbnails are made (pipeline.md §6.6): shrunk, never enlarged, to fit
/// `max_width` × `max_height`, from a rendering at most `max_dpi`.
struct ThumbnailOptions {
  int max_width = 500;
  int max_height = 5000;
  double max_dpi = 300;
  std::filesystem::path font_path;               ///< text thumbnails; empty = a default font
  std::optional<std::int64_t> max_image_pixels;  ///< as `OcrOptions::max_image_pixels`
};

/// The first page of the PDF at `path`, rendered with Poppler straight at the resolution that
/// gives `max_width` pixels (or less when 300 dpi gives less), as WebP. Fails as
/// `PdfDocument::open` does (empty, damaged, encrypted), naming `document_name`.
[[nodiscard]] Result<WebpBytes> make_pdf_thumbnail(const std::filesystem::path& path,
                                                   std::string_view document_name,
                                                   const ThumbnailOptions& options = {});

/// `thumbnail` itself, or, when it failed, the generic thumbnail with a warning naming
/// `document_name` in the log, as paperless-ngx falls back to its built-in document.webp.
[[nodiscard]] WebpBytes thumbnail_or_generic(Result<WebpBytes> thumbnail,
                                             std::string_view document_name);

/// The first page of an image file, flattened onto white and shrunk to fit, as WebP. Fails
/// with `invalid_argument` for unreadable or oversized images.
[[nodiscard]] Result<WebpBytes> make_image_thumbnail(const std::filesystem::path& path,
                                                     std::string_view document_name,
                                                     const ThumbnailOptions& options = {});

/// A 500×700 white page with the start of the text file at `path` drawn in black (§6.3). A
/// file over 50 MiB shows a placeholder line instead of its text. Fails with `unavailable` when
/// no font can be loaded and with `not_found`/`io` when the file cannot be read.
[[nodiscard]] Result<WebpBytes> make_text_thumbnail(const std::filesystem::path& path,
                                                    std::string_view document_name,
                                                    const ThumbnailOptions& options = {});

/// A built-in generic page icon (grey page on white, 500×700), drawn and encoded once.
[[nodiscard]] const WebpBytes& generic_thumbnail();

}  // namespace quire::parsing
