#pragma once

#include "core/error.hpp"
#include "parsing/image/bitmap.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace quire::parsing {

/// Limits for reading an image with leptonica.
struct ImageReadOptions {
  /// Largest width × height decoded; unset or 0 = unlimited (PAPERLESS_MAX_IMAGE_PIXELS).
  std::optional<std::int64_t> max_pixels;
  int max_pages = 0;  ///< stop after this many pages (frames) of a multi-page TIFF; 0 = all
};

/// Every page of the image at `path` (PNG, JPEG, TIFF incl. multi-page, GIF, BMP, WebP, PNM) as
/// a gray bitmap, alpha dropped as `convert -alpha off` does. Each bitmap's `dpi` is the file's
/// own horizontal resolution, 0 when it has none.
///
/// Fails with `invalid_argument` naming `document_name` when the file is empty, is not an image
/// leptonica can read, or is larger than `options.max_pixels`; `not_found` when it is missing.
[[nodiscard]] Result<std::vector<Bitmap>> read_image_pages(const std::filesystem::path& path,
                                                           std::string_view document_name,
                                                           const ImageReadOptions& options);

/// The first page of the image at `path` as BGRA on white (alpha flattened), shrunk, never
/// enlarged, to fit `max_width` × `max_height` keeping its aspect ratio: the "500x5000>" of
/// §6.6. Errors as for `read_image_pages`.
[[nodiscard]] Result<Bitmap> read_image_thumbnail(const std::filesystem::path& path,
                                                  std::string_view document_name,
                                                  const ImageReadOptions& options, int max_width,
                                                  int max_height);

}  // namespace quire::parsing
