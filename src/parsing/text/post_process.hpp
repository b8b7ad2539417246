#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace quire::parsing {

/// Cleans extracted text as paperless-ngx does (pipeline.md §6.2.3): every run of horizontal
/// whitespace (any Unicode whitespace except CR and LF, including form feeds between pages)
/// becomes one space, whitespace right after a line break is dropped, the ends are trimmed,
/// and NUL bytes become spaces. `text` must be valid UTF-8.
[[nodiscard]] std::string post_process_text(std::string_view text);

/// The number of code points in valid UTF-8 `text`: paperless's `len()`, used for the
/// "has text" rule (> 50 characters).
[[nodiscard]] std::size_t count_characters(std::string_view text);

/// Whether `code_point` is whitespace in Python's sense (`str.isspace`), which is what the
/// post-processing regexes match with `\s`.
[[nodiscard]] bool is_python_space(char32_t code_point);

/// Reads at most `max_bytes` of the file at `path` as UTF-8, replacing invalid bytes with
/// U+FFFD and logging a warning that names `document_name` when it had to. Fails with
/// `not_found` or `io` naming the document.
[[nodiscard]] Result<std::string> read_text_file(const std::filesystem::path& path,
                                                 std::string_view document_name,
                                                 std::size_t max_bytes = SIZE_MAX);

}  // namespace quire::parsing
