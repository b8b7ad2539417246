#include "media/sanitize.hpp"

#include <array>

namespace quire::media {
namespace {

bool is_forbidden(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte == 0x7f) return true;
  return std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos;
}

bool is_reserved(std::string_view name) {
  static constexpr std::array<std::string_view, 8> k_fixed = {"CON", "PRN", "AUX", "CLOCK$",
                                                              "NUL", ".",   "..",  ":"};
  const std::string upper = [&] {
    std::string out(name);
    for (char& c : out) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
  }();
  for (const std::string_view reserved : k_fixed) {
    if (upper == reserved) return true;
  }
  if (upper.size() < 4 || (!upper.starts_with("COM") && !upper.starts_with("LPT"))) return false;
  const std::string_view suffix = std::string_view(upper).substr(3);
  if (suffix.size() == 1 && suffix[0] >= '0' && suffix[0] <= '9') return true;
  return suffix == "\u00b9" || suffix == "\u00b2" || suffix == "\u00b3";
}

/// The reserved word in `name`, if any: the part before the last dot, or the whole name.
std::string_view reserved_word(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  // A leading dot starts a hidden name, not an extension (os.path.splitext semantics).
  const bool has_extension =
      dot != std::string_view::npos && dot > 0 && name.find_first_not_of('.') < dot;
  const std::string_view root = has_extension ? name.substr(0, dot) : name;
  if (is_reserved(root)) return root;
  if (is_reserved(name)) return name;
  return {};
}

}  // namespace

std::string truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Step back over continuation bytes to the start of the character that does not fit.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

std::string sanitize_filename(std::string_view name) {
  std::string replaced(name);
  for (char& c : replaced) {
    if (is_forbidden(c)) c = '-';
  }
  std::string result = truncate_utf8(replaced, k_max_component_bytes);
  if (result.empty()) return result;

  // One validation pass, as pathvalidate does: a reserved name is fixed first; only a name
  // that is not reserved gets its leading spaces and trailing spaces and dots removed.
  if (const std::string_view word = reserved_word(result); !word.empty()) {
    const auto word_end = static_cast<std::size_t>(word.data() - result.data()) + word.size();
    std::string fixed = result.substr(0, word_end);
    fixed += '_';
    fixed.append(result, word_end);
    return fixed;
  }
  const std::size_t begin = result.find_first_not_of(' ');
  if (begin == std::string::npos) return {};
  const std::size_t end = result.find_last_not_of(" .");
  if (end == std::string::npos || end < begin) return {};
  return result.substr(begin, end - begin + 1);
}

}  // namespace quire::media
