#include "media/filename_generator.hpp"

#include "media/sanitize.hpp"
#include "media/template/text.hpp"
#include "media/template_context.hpp"
#include "util/unicode.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace quire::media {
namespace {

constexpr int k_max_counter = 10'000;

std::shared_ptr<spdlog::logger> media_logger() {
  auto logger = spdlog::get("media");
  return logger ? logger : spdlog::default_logger();
}

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

std::string_view strip_char(std::string_view text, char c) {
  while (!text.empty() && text.front() == c) text.remove_prefix(1);
  while (!text.empty() && text.back() == c) text.remove_suffix(1);
  return text;
}

/// Step 2 of admin.md §9.4: no newlines, no whitespace around '/', trimmed, no outer '/'.
std::string clean_rendered(std::string_view rendered) {
  std::string text;
  for (const char c : rendered) {
    if (c != '\n' && c != '\r') text += c;
  }
  std::string joined;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '/') {
      while (!joined.empty() && is_space(joined.back())) joined.pop_back();
      joined += '/';
      while (i + 1 < text.size() && is_space(text[i + 1])) ++i;
    } else {
      joined += text[i];
    }
  }
  std::string_view trimmed = joined;
  while (!trimmed.empty() && is_space(trimmed.front())) trimmed.remove_prefix(1);
  while (!trimmed.empty() && is_space(trimmed.back())) trimmed.remove_suffix(1);
  return std::string(strip_char(trimmed, '/'));
}

/// Steps 3 and 4 of admin.md §9.4.
std::string apply_none_rules(std::string text, bool remove_none) {
  if (remove_none) {
    text = replace_all(std::move(text), "/-none-/", "/");
    text = replace_all(std::move(text), " -none-", "");
    text = replace_all(std::move(text), "-none-", "");
    text = std::string(strip_char(text, '/'));
  }
  return replace_all(std::move(text), "-none-", "none");
}

/// Our safety net over the rendered path: components are what Python's Path would keep
/// (no empty or "." parts), ".." is refused, control characters are neutralised and each
/// component fits in 255 bytes.
Result<std::string> make_safe_relative(std::string_view text) {
  std::string safe;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('/', start);
    if (end == std::string_view::npos) end = text.size();
    std::string component(text.substr(start, end - start));
    start = end + 1;
    if (component.empty() || component == ".") continue;
    if (component == "..") {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("template rendered a path leaving the media folder: '{}'", text));
    }
    for (char& c : component) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '-';
    }
    if (!safe.empty()) safe += '/';
    safe += truncate_utf8(component, k_max_component_bytes);
  }
  if (util::to_utf32(safe).size() > k_max_relative_name_chars) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("rendered file name is longer than {} characters", k_max_relative_name_chars));
  }
  return safe;
}

std::optional<std::string> choose_template(const FilenameContext& context,
                                           const FilenameOptions& options) {
  if (context.storage_path_template) return *context.storage_path_template;
  if (options.format) return convert_legacy_format(*options.format);
  return std::nullopt;
}

Status check_extension(std::string_view extension) {
  const bool valid =
      extension.empty() ||
      (extension.size() <= 32 && extension.front() == '.' && extension != "." &&
       extension.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos);
  if (valid) return {};
  return fail(ErrorCode::invalid_argument, fmt::format("invalid file extension '{}'", extension));
}

std::string parent_of(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(name.substr(0, slash));
}

/// The last component of `name` without its final extension (Python's PurePath.stem).
std::string stem_of(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  std::string_view last = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const std::size_t dot = last.rfind('.');
  if (dot != std::string_view::npos && dot > 0 && dot + 1 < last.size()) last = last.substr(0, dot);
  return std::string(last);
}

bool is_free(const std::string& candidate, const std::filesystem::path& root,
             const NameTakenFunction& taken) {
  std::error_code error;
  const bool exists = std::filesystem::exists(root / candidate, error);
  // An unreadable path (EACCES, ENAMETOOLONG) is not free: moving there would fail later.
  if (error || exists) return false;
  return !taken || !taken(candidate);
}

}  // namespace

std::string convert_legacy_format(std::string_view format) {
  std::string converted;
  std::size_t i = 0;
  while (i < format.size()) {
    if (format[i] == '{' && (i == 0 || format[i - 1] != '{')) {
      std::size_t end = i + 1;
      while (end < format.size() && is_word_char(format[end])) ++end;
      const bool closes = end < format.size() && format[end] == '}';
      const bool doubled = closes && end + 1 < format.size() && format[end + 1] == '}';
      if (closes && !doubled) {
        converted += "{{ ";
        converted += format.substr(i + 1, end - i - 1);
        converted += " }}";
        i = end + 1;
        continue;
      }
    }
    converted += format[i++];
  }
  return converted;
}

Result<std::string> render_filename_template(std::string_view template_source,
                                             const FilenameContext& context,
                                             const FilenameOptions& options) {
  auto compiled = tmpl::Template::parse(template_source, options.limits);
  if (!compiled) return fail(compiled.error());
  auto rendered = compiled->render(build_template_context(context));
  if (!rendered) return fail(rendered.error());

  const std::string cleaned = clean_rendered(tmpl::unicode_nfc(*rendered));
  return make_safe_relative(apply_none_rules(cleaned, options.remove_none));
}

Status validate_filename_template(std::string_view template_source) {
  auto rendered = render_filename_template(template_source, sample_filename_context(), {});
  if (rendered) return {};
  media_logger()->debug("invalid file name template reason=\"{}\"", rendered.error().message);
  return fail(ErrorCode::invalid_argument, std::string(k_invalid_template_message));
}

namespace {

/// The rendered base path, or `{pk:07d}` when there is no template or it fails (logged once).
std::string base_name(const FilenameContext& context, const FilenameOptions& options) {
  if (const auto source = choose_template(context, options)) {
    auto rendered = render_filename_template(*source, context, options);
    if (rendered && !rendered->empty()) return std::move(*rendered);
    if (!rendered) {
      media_logger()->warn(
          "file name template failed, using the default name document_id={} reason=\"{}\"",
          context.id, rendered.error().message);
    }
  }
  return fmt::format("{:07d}", context.id);
}

/// admin.md §9.5: `dir/` + name + `_NN` + extension, the name shortened to fit 255 bytes.
Result<std::string> assemble(const std::string& base, FileKind kind, std::string_view extension,
                             int counter) {
  if (counter < 0) return fail(ErrorCode::invalid_argument, "negative file name counter");
  const std::string_view suffix_extension = kind == FileKind::archive ? ".pdf" : extension;
  if (auto valid = check_extension(suffix_extension); !valid) return fail(valid.error());

  const std::string suffix = counter > 0 ? fmt::format("_{:02d}", counter) : std::string();
  const std::string directory = parent_of(base);
  const std::string name = base.substr(directory.empty() ? 0 : directory.size() + 1);
  const std::size_t room = k_max_component_bytes - suffix.size() - suffix_extension.size();
  std::string last = truncate_utf8(name, room) + suffix + std::string(suffix_extension);
  return directory.empty() ? last : directory + "/" + last;
}

}  // namespace

Result<std::string> generate_filename(const FilenameContext& context,
                                      const FilenameOptions& options, FileKind kind,
                                      std::string_view extension, int counter) {
  return assemble(base_name(context, options), kind, extension, counter);
}

Result<std::string> unique_filename(const FilenameContext& context, const FilenameOptions& options,
                                    FileKind kind, std::string_view extension,
                                    const std::filesystem::path& root,
                                    const NameTakenFunction& taken) {
  const std::optional<std::string>& current =
      kind == FileKind::archive ? context.archive_filename : context.filename;

  const std::string base = base_name(context, options);

  // The archive copy mirrors the original's name (including its _NN suffix) when it can.
  if (kind == FileKind::archive && context.filename) {
    auto first = assemble(base, kind, extension, 0);
    if (!first) return first;
    const std::string directory = parent_of(*first);
    const std::string stem = stem_of(*context.filename) + ".pdf";
    std::string simple = directory.empty() ? stem : directory + "/" + stem;
    if (simple == current || is_free(simple, root, taken)) return simple;
  }

  for (int counter = 0; counter < k_max_counter; ++counter) {
    auto candidate = assemble(base, kind, extension, counter);
    if (!candidate) return candidate;
    if (*candidate == current || is_free(*candidate, root, taken)) return candidate;
  }
  return fail(ErrorCode::conflict,
              fmt::format("no free file name for document {} after {} attempts in '{}'", context.id,
                          k_max_counter, root.string()));
}

}  // namespace quire::media
