#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <string_view>

namespace quire::parsing {

/// Checks that the document at `path` exists and is not empty before a decoder sees it. Fails
/// with `not_found` ("document 'x' does not exist") or `invalid_argument` ("document 'x' is
/// empty"), naming `document_name`.
[[nodiscard]] Status check_input_file(const std::filesystem::path& path,
                                      std::string_view document_name);

}  // namespace quire::parsing
