#pragma once

#include <cstdint>
#include <vector>

namespace quire::parsing {

/// How the bytes of one pixel of a `Bitmap` are laid out.
enum class PixelFormat {
  gray8,  ///< one byte, 0 = black
  bgra8,  ///< four bytes in memory order B, G, R, A (what Poppler's ARGB32 is on x86)
};

/// An uncompressed raster image that owns its pixels. Rows are `stride` bytes apart, top row
/// first. This is the exchange format between the PDF renderer, the image reader, the OCR
/// engine and the WebP encoder, so none of them sees another library's types.
struct Bitmap {
  int width = 0;
  int height = 0;
  int stride = 0;  ///< bytes per row, at least width × bytes_per_pixel()
  PixelFormat format = PixelFormat::gray8;
  int dpi = 0;  ///< horizontal resolution, 0 when unknown
  std::vector<std::uint8_t> pixels;

  [[nodiscard]] int bytes_per_pixel() const { return format == PixelFormat::gray8 ? 1 : 4; }
  [[nodiscard]] bool empty() const { return width <= 0 || height <= 0; }
};

/// A copy of `bitmap` as BGRA: gray values repeated, alpha 255. BGRA input is copied as is.
[[nodiscard]] Bitmap to_bgra(const Bitmap& bitmap);

/// A copy of `bitmap` as gray (ITU-R BT.601 luminance, alpha ignored). Gray input is copied.
[[nodiscard]] Bitmap to_gray(const Bitmap& bitmap);

}  // namespace quire::parsing
