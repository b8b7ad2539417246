#include "parsing/image/bitmap.hpp"

#include <cstring>

namespace quire::parsing {
namespace {

Bitmap blank_like(const Bitmap& source, PixelFormat format) {
  Bitmap bitmap{source.width, source.height, 0, format, source.dpi, {}};
  bitmap.stride = source.width * bitmap.bytes_per_pixel();
  bitmap.pixels.resize(static_cast<std::size_t>(bitmap.stride) * source.height);
  return bitmap;
}

const std::uint8_t* row_of(const Bitmap& bitmap, int row) {
  return bitmap.pixels.data() + static_cast<std::size_t>(row) * bitmap.stride;
}

std::uint8_t* row_of(Bitmap& bitmap, int row) {
  return bitmap.pixels.data() + static_cast<std::size_t>(row) * bitmap.stride;
}

}  // namespace

Bitmap to_bgra(const Bitmap& bitmap) {
  if (bitmap.format == PixelFormat::bgra8) return bitmap;
  Bitmap bgra = blank_like(bitmap, PixelFormat::bgra8);
  for (int row = 0; row < bitmap.height; ++row) {
    const std::uint8_t* source = row_of(bitmap, row);
    std::uint8_t* target = row_of(bgra, row);
    for (int column = 0; column < bitmap.width; ++column) {
      std::memset(target + column * 4, source[column], 3);
      target[column * 4 + 3] = 0xFF;
    }
  }
  return bgra;
}

Bitmap to_gray(const Bitmap& bitmap) {
  if (bitmap.format == PixelFormat::gray8) return bitmap;
  Bitmap gray = blank_like(bitmap, PixelFormat::gray8);
  for (int row = 0; row < bitmap.height; ++row) {
    const std::uint8_t* source = row_of(bitmap, row);
    std::uint8_t* target = row_of(gray, row);
    for (int column = 0; column < bitmap.width; ++column) {
      const std::uint8_t* pixel = source + column * 4;
      target[column] = static_cast<std::uint8_t>(
          (114 * pixel[0] + 587 * pixel[1] + 299 * pixel[2] + 500) / 1000);
    }
  }
  return gray;
}

}  // namespace quire::parsing
