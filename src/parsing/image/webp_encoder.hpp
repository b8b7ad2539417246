#pragma once

#include "core/error.hpp"
#include "parsing/image/bitmap.hpp"
#include "parsing/parser.hpp"

namespace quire::parsing {

/// `bitmap` encoded as lossy WebP at `quality` (0–100), alpha ignored (thumbnails are opaque).
/// Fails with `invalid_argument` for an empty bitmap and `internal` when libwebp refuses.
[[nodiscard]] Result<WebpBytes> encode_webp(const Bitmap& bitmap, float quality = 85.0F);

}  // namespace quire::parsing
