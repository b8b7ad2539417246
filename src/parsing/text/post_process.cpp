#include "parsing/text/post_process.hpp"

#include "parsing/log.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>

namespace quire::parsing {
namespace {

bool is_line_break(char32_t code_point) { return code_point == U'\n' || code_point == U'\r'; }

bool is_horizontal_space(char32_t code_point) {
  return is_python_space(code_point) && !is_line_break(code_point);
}

// Python's str.strip(): removes whitespace in its sense from both ends.
std::string_view strip_python_space(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!is_python_space(util::next_code_point(text, next))) break;
    begin = next;
  }
  std::size_t end = begin;
  std::size_t pos = begin;
  while (pos < text.size()) {
    if (!is_python_space(util::next_code_point(text, pos))) end = pos;
  }
  return text.substr(begin, end - begin);
}

}  // namespace

bool is_python_space(char32_t code_point) {
  // Python's str.isspace(): the ASCII controls, the separators and U+2000..U+200A.
  static constexpr std::array<char32_t, 18> k_spaces{
      0x09, 0x0A, 0x0B, 0x0C,   0x0D,   0x1C,   0x1D,   0x1E,   0x1F,
      0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
  if (code_point >= 0x2000 && code_point <= 0x200A) return true;
  return std::find(k_spaces.begin(), k_spaces.end(), code_point) != k_spaces.end();
}

std::string post_process_text(std::string_view text) {
  // One pass doing what paperless's three regexes do in turn: collapse horizontal runs, drop
  // them after a line break, and (through the final strip) drop them at the end.
  std::string collapsed;
  collapsed.reserve(text.size());
  bool pending_space = false;
  bool after_line_break = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t code_point = util::next_code_point(text, pos);
    if (is_horizontal_space(code_point)) {
      pending_space = !after_line_break;
      continue;
    }
    if (pending_space) collapsed.push_back(' ');
    pending_space = false;
    after_line_break = is_line_break(code_point);
    collapsed.append(text.substr(start, pos - start));
  }

  std::string result(strip_python_space(collapsed));
  for (char& byte : result) {
    if (byte == '\0') byte = ' ';
  }
  return result;
}

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    static_cast<void>(util::next_code_point(text, pos));
    ++count;
  }
  return count;
}

Result<std::string> read_text_file(const std::filesystem::path& path,
                                   std::string_view document_name, std::size_t max_bytes) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    std::error_code error;
    const bool exists = std::filesystem::exists(path, error);
    return fail(exists ? ErrorCode::io : ErrorCode::not_found,
                fmt::format("could not read document '{}'", document_name));
  }
  std::error_code size_error;
  const std::uintmax_t size = std::filesystem::file_size(path, size_error);
  std::string bytes(size_error ? 0 : std::min<std::uintmax_t>(size, max_bytes), '\0');
  stream.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (stream.bad() || size_error) {
    return fail(ErrorCode::io, fmt::format("could not read document '{}'", document_name));
  }
  bytes.resize(static_cast<std::size_t>(stream.gcount()));

  auto decoded = util::decode_utf8_lossy(bytes);
  if (decoded.replaced_count > 0) {
    parse_logger()->warn("replaced invalid UTF-8 document=\"{}\" replaced={}", document_name,
                         decoded.replaced_count);
  }
  return std::move(decoded.text);
}

}  // namespace quire::parsing
