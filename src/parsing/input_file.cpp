#include "parsing/input_file.hpp"

#include <fmt/format.h>

namespace quire::parsing {

Status check_input_file(const std::filesystem::path& path, std::string_view document_name) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    return fail(ErrorCode::not_found, fmt::format("document '{}' does not exist", document_name));
  }
  if (size == 0) {
    return fail(ErrorCode::invalid_argument, fmt::format("document '{}' is empty", document_name));
  }
  return {};
}

}  // namespace quire::parsing
