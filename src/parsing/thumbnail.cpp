#include "parsing/thumbnail.hpp"

#include "parsing/image/image_reader.hpp"
#include "parsing/image/webp_encoder.hpp"
#include "parsing/log.hpp"
#include "parsing/pdf/pdf_document.hpp"
#include "parsing/text/post_process.hpp"
#include "parsing/text/text_preview.hpp"

#include <algorithm>
#include <cmath>

namespace quire::parsing {
namespace {

constexpr int k_text_width = 500;
constexpr int k_text_height = 700;
constexpr std::uintmax_t k_text_preview_file_limit = 50ULL * 1024 * 1024;
constexpr std::size_t k_text_preview_characters = 100'000;

// The "500x5000>" geometry: the largest size not above the box and not above the page at the
// maximum resolution, with the resolution that gives it.
struct RenderPlan {
  double dpi = 0;
  int width = 0;
  int height = 0;
};

RenderPlan plan_render(const PdfDocument::PageSize& size, const ThumbnailOptions& options) {
  const double full_width = size.width * options.max_dpi / 72.0;
  const double full_height = size.height * options.max_dpi / 72.0;
  const double factor =
      std::min({1.0, options.max_width / full_width, options.max_height / full_height});
  RenderPlan plan;
  plan.dpi = options.max_dpi * factor;
  plan.width = std::max(1, static_cast<int>(std::lround(full_width * factor)));
  plan.height = std::max(1, static_cast<int>(std::lround(full_height * factor)));
  return plan;
}

void fill_rect(Bitmap& canvas, int left, int top, int right, int bottom, std::uint8_t value) {
  for (int y = std::max(0, top); y < std::min(bottom, canvas.height); ++y) {
    std::fill_n(canvas.pixels.begin() + static_cast<std::ptrdiff_t>(y) * canvas.stride + left,
                std::max(0, std::min(right, canvas.width) - left), value);
  }
}

WebpBytes draw_generic_thumbnail() {
  Bitmap canvas{k_text_width, k_text_height, k_text_width, PixelFormat::gray8, 0, {}};
  canvas.pixels.assign(static_cast<std::size_t>(canvas.stride) * canvas.height, 0xFF);
  fill_rect(canvas, 60, 40, 440, 660, 0x9E);  // page outline
  fill_rect(canvas, 64, 44, 436, 656, 0xF2);  // page
  for (int line = 0; line < 14; ++line) {     // text lines
    const int top = 110 + line * 36;
    fill_rect(canvas, 100, top, line % 4 == 3 ? 300 : 400, top + 12, 0xC8);
  }
  auto bytes = encode_webp(canvas);
  // Encoding a fixed, valid canvas cannot fail unless libwebp is broken.
  return bytes ? std::move(*bytes) : WebpBytes{};
}

}  // namespace

Result<WebpBytes> make_pdf_thumbnail(const std::filesystem::path& path,
                                     std::string_view document_name,
                                     const ThumbnailOptions& options) {
  auto document = PdfDocument::open(path, document_name);
  if (!document) return fail(document.error());
  const auto size = document->page_size(0);
  if (!size) return fail(size.error());

  const RenderPlan plan = plan_render(*size, options);
  auto bitmap = document->render_page(0, plan.dpi, PixelFormat::bgra8, plan.width, plan.height);
  if (!bitmap) return fail(bitmap.error());
  return encode_webp(*bitmap);
}

WebpBytes thumbnail_or_generic(Result<WebpBytes> thumbnail, std::string_view document_name) {
  if (thumbnail) return std::move(*thumbnail);
  parse_logger()->warn("thumbnail failed, using the generic one document=\"{}\" error=\"{}\"",
                       document_name, thumbnail.error().message);
  return generic_thumbnail();
}

Result<WebpBytes> make_image_thumbnail(const std::filesystem::path& path,
                                       std::string_view document_name,
                                       const ThumbnailOptions& options) {
  const ImageReadOptions read_options{options.max_image_pixels, 1};
  auto bitmap = read_image_thumbnail(path, document_name, read_options, options.max_width,
                                     options.max_height);
  if (!bitmap) return fail(bitmap.error());
  return encode_webp(*bitmap);
}

Result<WebpBytes> make_text_thumbnail(const std::filesystem::path& path,
                                      std::string_view document_name,
                                      const ThumbnailOptions& options) {
  const auto font = find_thumbnail_font(options.font_path);
  if (!font) return fail(font.error());

  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  std::string text = "[File too large to preview]";
  if (error || size <= k_text_preview_file_limit) {
    // UTF-8 needs at most four bytes per character.
    auto read = read_text_file(path, document_name, k_text_preview_characters * 4);
    if (!read) return fail(read.error());
    text = std::move(*read);
  }

  auto bitmap = render_text_preview(text, *font, k_text_width, k_text_height);
  if (!bitmap) return fail(bitmap.error());
  return encode_webp(*bitmap);
}

const WebpBytes& generic_thumbnail() {
  static const WebpBytes thumbnail = draw_generic_thumbnail();
  return thumbnail;
}

}  // namespace quire::parsing
