#pragma once

#include "core/error.hpp"
#include "parsing/image/bitmap.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace quire::parsing {

/// Recognises the text of `image` with libtesseract (LSTM engine, automatic page
/// segmentation) in `languages` ("eng+deu"), taking `image.dpi` as its resolution. The text is
/// returned as Tesseract gives it (valid UTF-8, not post-processed).
///
/// Each thread keeps one initialised Tesseract engine and reuses it while the language string
/// and data folder stay the same, because initialising one costs far more than recognising a
/// page. Before the first engine starts, `OMP_THREAD_LIMIT=1` is put in the environment unless
/// it is already set (DEPENDENCIES.md §4); libgomp reads it when it is loaded, so the process
/// should also be started with it.
///
/// Fails with `unavailable` when a language's data cannot be loaded, `invalid_argument` for
/// an empty image, and `internal` when recognition fails. Blocks for about a second per page.
[[nodiscard]] Result<std::string> recognise_text(const Bitmap& image, std::string_view languages,
                                                 const std::filesystem::path& tessdata_dir = {});

}  // namespace quire::parsing
