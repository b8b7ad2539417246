#include "parsing/image/webp_encoder.hpp"

#include <webp/encode.h>

namespace quire::parsing {

Result<WebpBytes> encode_webp(const Bitmap& bitmap, float quality) {
  if (bitmap.empty()) return fail(ErrorCode::invalid_argument, "cannot encode an empty image");
  const Bitmap bgra = to_bgra(bitmap);

  // WebPEncodeBGRA keeps an alpha plane only when some pixel is not opaque; ours all are.
  std::uint8_t* output = nullptr;
  const std::size_t size =
      WebPEncodeBGRA(bgra.pixels.data(), bgra.width, bgra.height, bgra.stride, quality, &output);
  if (size == 0 || output == nullptr) {
    WebPFree(output);
    return fail(ErrorCode::internal, "libwebp could not encode the thumbnail");
  }
  WebpBytes bytes(output, output + size);
  WebPFree(output);
  return bytes;
}

}  // namespace quire::parsing
