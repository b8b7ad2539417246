#include "parsing/image/image_reader.hpp"

#include "parsing/input_file.hpp"
#include "parsing/log.hpp"

#include <fmt/format.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace quire::parsing {
namespace {

struct PixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// leptonica reports failures on stderr; they name only files, so debug logging is safe.
void log_leptonica_message(const char* message) {
  parse_logger()->debug("leptonica message=\"{}\"", message == nullptr ? "" : message);
}

void install_leptonica_log_handler() {
  static std::once_flag once;
  std::call_once(once, [] { leptSetStderrHandler(log_leptonica_message); });
}

Error unreadable(std::string_view document_name) {
  return Error{ErrorCode::invalid_argument,
               fmt::format("document '{}' is not an image that can be read", document_name)};
}

Status check_pixels(std::int64_t width, std::int64_t height, const ImageReadOptions& options,
                    std::string_view document_name) {
  const std::int64_t limit = options.max_pixels.value_or(0);
  if (limit <= 0 || width * height <= limit) return {};
  return fail(ErrorCode::invalid_argument,
              fmt::format("image '{}' has {} pixels ({}x{}), more than the limit of {}",
                          document_name, width * height, width, height, limit));
}

// Checks the file before decoding it, so an oversized image is refused without the memory.
Result<int> check_header(const std::filesystem::path& path, std::string_view document_name,
                         const ImageReadOptions& options) {
  if (auto status = check_input_file(path, document_name); !status) return fail(status.error());

  install_leptonica_log_handler();
  l_int32 format = IFF_UNKNOWN, width = 0, height = 0;
  if (pixReadHeader(path.c_str(), &format, &width, &height, nullptr, nullptr, nullptr) != 0) {
    return fail(unreadable(document_name));
  }
  if (auto status = check_pixels(width, height, options, document_name); !status) {
    return fail(status.error());
  }
  return format;
}

Bitmap gray_bitmap_of(Pix* source) {
  const PixPtr gray(pixConvertTo8(source, 0));
  Bitmap bitmap{static_cast<int>(pixGetWidth(gray.get())),
                static_cast<int>(pixGetHeight(gray.get())),
                0,
                PixelFormat::gray8,
                std::max(0, static_cast<int>(pixGetXRes(source))),
                {}};
  bitmap.stride = bitmap.width;
  bitmap.pixels.resize(static_cast<std::size_t>(bitmap.stride) * bitmap.height);
  const l_uint32* data = pixGetData(gray.get());
  const l_int32 words_per_line = pixGetWpl(gray.get());
  for (int row = 0; row < bitmap.height; ++row) {
    const l_uint32* line = data + static_cast<std::size_t>(row) * words_per_line;
    std::uint8_t* target = bitmap.pixels.data() + static_cast<std::size_t>(row) * bitmap.stride;
    for (int column = 0; column < bitmap.width; ++column) {
      target[column] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, column));
    }
  }
  return bitmap;
}

Bitmap bgra_bitmap_of(Pix* rgb) {
  Bitmap bitmap{static_cast<int>(pixGetWidth(rgb)),
                static_cast<int>(pixGetHeight(rgb)),
                0,
                PixelFormat::bgra8,
                std::max(0, static_cast<int>(pixGetXRes(rgb))),
                {}};
  bitmap.stride = bitmap.width * 4;
  bitmap.pixels.resize(static_cast<std::size_t>(bitmap.stride) * bitmap.height);
  const l_uint32* data = pixGetData(rgb);
  const l_int32 words_per_line = pixGetWpl(rgb);
  for (int row = 0; row < bitmap.height; ++row) {
    const l_uint32* line = data + static_cast<std::size_t>(row) * words_per_line;
    std::uint8_t* target = bitmap.pixels.data() + static_cast<std::size_t>(row) * bitmap.stride;
    for (int column = 0; column < bitmap.width; ++column) {
      // leptonica keeps an RGB pixel as the word 0xRRGGBBAA.
      const l_uint32 word = line[column];
      target[column * 4 + 0] = static_cast<std::uint8_t>((word >> L_BLUE_SHIFT) & 0xFF);
      target[column * 4 + 1] = static_cast<std::uint8_t>((word >> L_GREEN_SHIFT) & 0xFF);
      target[column * 4 + 2] = static_cast<std::uint8_t>((word >> L_RED_SHIFT) & 0xFF);
      target[column * 4 + 3] = 0xFF;
    }
  }
  return bitmap;
}

Result<std::vector<Bitmap>> read_tiff_pages(const std::filesystem::path& path,
                                            std::string_view document_name,
                                            const ImageReadOptions& options) {
  std::vector<Bitmap> pages;
  std::size_t offset = 0;
  do {
    const PixPtr page(pixReadFromMultipageTiff(path.c_str(), &offset));
    if (page == nullptr) {
      if (pages.empty()) return fail(unreadable(document_name));
      break;  // a damaged later page ends the document, as a viewer would show it
    }
    if (auto status =
            check_pixels(pixGetWidth(page.get()), pixGetHeight(page.get()), options, document_name);
        !status) {
      return fail(status.error());
    }
    pages.push_back(gray_bitmap_of(page.get()));
  } while (offset != 0 &&
           (options.max_pages <= 0 || static_cast<int>(pages.size()) < options.max_pages));
  return pages;
}

}  // namespace

Result<std::vector<Bitmap>> read_image_pages(const std::filesystem::path& path,
                                             std::string_view document_name,
                                             const ImageReadOptions& options) {
  const auto format = check_header(path, document_name, options);
  if (!format) return fail(format.error());
  if (L_FORMAT_IS_TIFF(*format)) return read_tiff_pages(path, document_name, options);

  const PixPtr pix(pixRead(path.c_str()));
  if (pix == nullptr) return fail(unreadable(document_name));
  std::vector<Bitmap> pages;
  pages.push_back(gray_bitmap_of(pix.get()));
  return pages;
}

Result<Bitmap> read_image_thumbnail(const std::filesystem::path& path,
                                    std::string_view document_name, const ImageReadOptions& options,
                                    int max_width, int max_height) {
  if (const auto format = check_header(path, document_name, options); !format) {
    return fail(format.error());
  }
  const PixPtr pix(pixRead(path.c_str()));
  if (pix == nullptr) return fail(unreadable(document_name));

  const PixPtr rgb(pixConvertTo32(pix.get()));
  const PixPtr opaque(pixAlphaBlendUniform(rgb.get(), 0xFFFFFF00));
  if (opaque == nullptr) return fail(unreadable(document_name));
  const double width = pixGetWidth(opaque.get());
  const double height = pixGetHeight(opaque.get());
  const double factor = std::min({1.0, max_width / width, max_height / height});
  if (factor >= 1.0) return bgra_bitmap_of(opaque.get());

  const PixPtr scaled(
      pixScale(opaque.get(), static_cast<l_float32>(factor), static_cast<l_float32>(factor)));
  if (scaled == nullptr) return fail(unreadable(document_name));
  return bgra_bitmap_of(scaled.get());
}

}  // namespace quire::parsing
