#include "parsing/text/text_preview.hpp"

#include "util/utf8.hpp"

#include <fmt/format.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <array>
#include <memory>

namespace quire::parsing {
namespace {

constexpr int k_margin = 5;
constexpr int k_font_pixels = 20;
constexpr int k_line_spacing = 4;
constexpr int k_tab_spaces = 4;

struct LibraryDeleter {
  void operator()(FT_Library library) const { FT_Done_FreeType(library); }
};
struct FaceDeleter {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};

// Blends one rendered glyph (coverage 0–255) in black onto the gray canvas.
void draw_glyph(Bitmap& canvas, const FT_Bitmap& glyph, int left, int top) {
  for (int row = 0; row < static_cast<int>(glyph.rows); ++row) {
    const int y = top + row;
    if (y < 0 || y >= canvas.height) continue;
    const unsigned char* source = glyph.buffer + static_cast<std::ptrdiff_t>(row) * glyph.pitch;
    std::uint8_t* target = canvas.pixels.data() + static_cast<std::size_t>(y) * canvas.stride;
    for (int column = 0; column < static_cast<int>(glyph.width); ++column) {
      const int x = left + column;
      if (x < 0 || x >= canvas.width) continue;
      target[x] = static_cast<std::uint8_t>(target[x] * (255 - source[column]) / 255);
    }
  }
}

// Draws one line with its baseline at `baseline`.
void draw_line(Bitmap& canvas, FT_Face face, std::string_view line, int baseline) {
  int pen_x = k_margin;
  std::size_t pos = 0;
  while (pos < line.size() && pen_x < canvas.width) {
    char32_t code_point = util::next_code_point(line, pos);
    const int repeat = code_point == U'\t' ? k_tab_spaces : 1;
    if (code_point == U'\t') code_point = U' ';
    if (FT_Load_Char(face, code_point, FT_LOAD_RENDER) != 0) continue;
    for (int copy = 0; copy < repeat; ++copy) {
      draw_glyph(canvas, face->glyph->bitmap, pen_x + face->glyph->bitmap_left,
                 baseline - face->glyph->bitmap_top);
      pen_x += static_cast<int>(face->glyph->advance.x >> 6);
    }
  }
}

}  // namespace

Result<std::filesystem::path> find_thumbnail_font(const std::filesystem::path& configured) {
  if (!configured.empty()) return configured;
  const std::array<std::filesystem::path, 3> candidates{
      std::filesystem::path(k_default_thumbnail_font),
      "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
      "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf"};
  for (const auto& candidate : candidates) {
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
  }
  return fail(ErrorCode::unavailable, "no font for text thumbnails is installed");
}

Result<Bitmap> render_text_preview(std::string_view text, const std::filesystem::path& font_path,
                                   int width, int height) {
  FT_Library raw_library = nullptr;
  if (FT_Init_FreeType(&raw_library) != 0) {
    return fail(ErrorCode::unavailable, "FreeType could not be initialised");
  }
  const std::unique_ptr<FT_LibraryRec_, LibraryDeleter> library(raw_library);
  FT_Face raw_face = nullptr;
  if (FT_New_Face(library.get(), font_path.c_str(), 0, &raw_face) != 0) {
    return fail(ErrorCode::unavailable,
                fmt::format("could not load the thumbnail font '{}'", font_path.string()));
  }
  const std::unique_ptr<FT_FaceRec_, FaceDeleter> face(raw_face);
  FT_Set_Pixel_Sizes(face.get(), 0, k_font_pixels);

  Bitmap canvas{width, height, width, PixelFormat::gray8, 0, {}};
  canvas.pixels.assign(static_cast<std::size_t>(width) * height, 0xFF);

  // Pillow places the first line's ascender at the margin and steps by the ascender height
  // plus the spacing; following it keeps our thumbnails close to paperless-ngx's.
  const int ascender = static_cast<int>(face->size->metrics.ascender >> 6);
  int baseline = k_margin + ascender;
  std::size_t line_start = 0;
  while (line_start <= text.size() && baseline - ascender < height) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    draw_line(canvas, face.get(), line, baseline);
    baseline += ascender + k_line_spacing;
    line_start = line_end + 1;
  }
  return canvas;
}

}  // namespace quire::parsing
