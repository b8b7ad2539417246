#pragma once

#include "core/error.hpp"
#include "parsing/image/bitmap.hpp"

#include <filesystem>
#include <string_view>

namespace quire::parsing {

/// The paperless-ngx default thumbnail font (PAPERLESS_THUMBNAIL_FONT_NAME), when installed.
inline constexpr std::string_view k_default_thumbnail_font =
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf";

/// The font to draw text thumbnails with: `configured` when given; else the first installed of
/// Liberation Serif (paperless's default), DejaVu Serif and URW Nimbus Roman (both shipped with
/// our Debian dependencies). Fails with `unavailable` when none exists.
[[nodiscard]] Result<std::filesystem::path> find_thumbnail_font(
    const std::filesystem::path& configured);

/// Draws the lines of `text` (valid UTF-8) in black on a white `width` × `height` canvas, as
/// the text parser's thumbnail does (§6.3): starting at (5, 5), 20 px font, 4 px between lines,
/// no wrapping; lines that do not fit are cut. Draws with FreeType and the font at
/// `font_path`; fails with `unavailable` when FreeType cannot load it.
[[nodiscard]] Result<Bitmap> render_text_preview(std::string_view text,
                                                 const std::filesystem::path& font_path,
                                                 int width = 500, int height = 700);

}  // namespace quire::parsing
