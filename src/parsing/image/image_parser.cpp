#include "parsing/image/image_parser.hpp"

#include "parsing/image/image_reader.hpp"
#include "parsing/log.hpp"
#include "parsing/ocr/ocr_engine.hpp"
#include "parsing/text/post_process.hpp"

#include <fmt/format.h>

namespace quire::parsing {
namespace {

constexpr int k_low_dpi_warning = 70;
constexpr double k_a4_width_inches = 21.0 / 2.54;

}  // namespace

int choose_image_dpi(int own_dpi, std::optional<int> configured_dpi, int width_px) {
  if (own_dpi > 0) return own_dpi;
  if (configured_dpi && *configured_dpi > 0) return *configured_dpi;
  return static_cast<int>(width_px / k_a4_width_inches);
}

ImageParser::ImageParser(ThumbnailOptions thumbnail_options)
    : m_thumbnail_options(std::move(thumbnail_options)) {}

const std::vector<MimeDeclaration>& ImageParser::mime_types() const {
  static const std::vector<MimeDeclaration> types{{"image/jpeg", ".jpg"}, {"image/png", ".png"},
                                                  {"image/tiff", ".tif"}, {"image/gif", ".gif"},
                                                  {"image/bmp", ".bmp"},  {"image/webp", ".webp"},
                                                  {"image/heic", ".heic"}};
  return types;
}

Result<ParseResult> ImageParser::parse(const ParseRequest& request) const {
  const std::string_view name = request.original_filename;
  if (request.mime_type == "image/heic") {
    return fail(ErrorCode::not_implemented,
                fmt::format("HEIC images are not supported yet (document '{}')", name));
  }
  auto pages = read_image_pages(request.path, name,
                                ImageReadOptions{request.ocr.max_image_pixels, request.ocr.pages});
  if (!pages) return fail(pages.error());

  // The first page decides, as paperless-ngx reads the DPI of the file once.
  const Bitmap& first = pages->front();
  const int dpi = choose_image_dpi(first.dpi, request.ocr.image_dpi, first.width);
  if (dpi <= 0) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("cannot tell the resolution of image '{}'; set "
                            "PAPERLESS_OCR_IMAGE_DPI",
                            name));
  }
  if (dpi < k_low_dpi_warning) {
    parse_logger()->warn("image resolution is low, OCR may suffer document=\"{}\" dpi={}", name,
                         dpi);
  }

  std::string text;
  for (auto& page : *pages) {
    page.dpi = dpi;
    auto recognised = recognise_text(page, request.ocr.languages, request.ocr.tessdata_dir);
    if (!recognised) return fail(recognised.error());
    text += *recognised;
    text += '\f';
  }

  ParseResult result;
  result.text = post_process_text(text);
  parse_logger()->debug("parsed image document=\"{}\" pages={} dpi={}", name, pages->size(), dpi);
  if (result.text.empty()) parse_logger()->warn("no text found document=\"{}\"", name);
  return result;
}

Result<WebpBytes> ImageParser::thumbnail(const ParseRequest& request) const {
  return thumbnail_or_generic(
      make_image_thumbnail(request.path, request.original_filename, m_thumbnail_options),
      request.original_filename);
}

}  // namespace quire::parsing
