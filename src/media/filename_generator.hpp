#pragma once

#include "core/error.hpp"
#include "media/filename_context.hpp"
#include "media/template/template.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace quire::media {

/// Which of a document's files a name is for. Archive names always end in `.pdf`.
enum class FileKind { original, archive };

/// File naming settings (PAPERLESS_FILENAME_FORMAT and PAPERLESS_FILENAME_FORMAT_REMOVE_NONE).
struct FilenameOptions {
  std::optional<std::string> format;  ///< legacy `{title}` style is accepted
  bool remove_none = false;
  tmpl::TemplateLimits limits;
};

/// The message the API returns for a storage path whose template cannot be rendered.
inline constexpr std::string_view k_invalid_template_message = "Invalid variable detected.";

/// The longest relative name a document may get (the `filename` columns hold 1024 characters).
inline constexpr std::size_t k_max_relative_name_chars = 1024;

/// The legacy single-brace form converted to a template: every `{word}` (zero or more word
/// characters, not preceded by `{` and not followed by `}`) becomes `{{ word }}`. `{}` thus
/// becomes `{{  }}`, an empty expression that fails to parse.
[[nodiscard]] std::string convert_legacy_format(std::string_view format);

/// Renders `template_source` for `context` and post-processes the text (admin.md §9.4):
/// newlines dropped, whitespace around `/` removed, trimmed, leading and trailing `/`
/// stripped, `-none-` removed (with `remove_none`) or turned into `none`, empty and `.`
/// components dropped. Returns "" when nothing is left (the caller falls back to the id).
///
/// Deliberately stricter than paperless-ngx 2.19 (matching later releases): a result with a
/// `..` component fails instead of escaping the media folder; control characters in the result
/// become `-`; every component is cut to 255 bytes. Errors are `invalid_argument`, naming the
/// template problem (syntax, undefined variable, sandbox refusal, size limit).
[[nodiscard]] Result<std::string> render_filename_template(std::string_view template_source,
                                                           const FilenameContext& context,
                                                           const FilenameOptions& options);

/// Checks a storage-path template against a sample document, as the API does before saving
/// one. Fails with `invalid_argument` and `k_invalid_template_message`; the reason is logged
/// at debug level on the "media" logger.
[[nodiscard]] Status validate_filename_template(std::string_view template_source);

/// The relative name for `context` with collision counter `counter` (admin.md §9.5): the
/// storage path's template if the document has one, else `options.format`, else none. With a
/// rendered base `dir/name` the result is `dir/name` + `_NN` + extension, otherwise
/// `{pk:07d}` + `_NN` + extension; `_NN` is `_{counter:02d}` for counter > 0. `extension` is
/// the MIME type's default (".pdf", ".jpg"); archive names use ".pdf". A template that fails
/// to render is logged as a warning and the default name is used. The last component is
/// shortened so that it fits in 255 bytes with its suffix. Fails with `invalid_argument` only
/// for an extension that is not a single dotted component or a negative counter.
[[nodiscard]] Result<std::string> generate_filename(const FilenameContext& context,
                                                    const FilenameOptions& options, FileKind kind,
                                                    std::string_view extension, int counter = 0);

/// Says whether a candidate name is already used by another document (a database check the
/// caller supplies); may be empty.
using NameTakenFunction = std::function<bool(const std::string& relative_name)>;

/// A name for `kind` that does not collide (admin.md §9.6). The current name
/// (`context.filename` or `context.archive_filename`) is kept when the template still yields
/// it. Otherwise the counter rises from 0 until the candidate neither exists under `root` (the
/// originals or archive folder) nor is reported by `taken`. Archive names first try the
/// original's stem with ".pdf" in the template's folder. Fails with `conflict` after 10000
/// candidates.
[[nodiscard]] Result<std::string> unique_filename(const FilenameContext& context,
                                                  const FilenameOptions& options, FileKind kind,
                                                  std::string_view extension,
                                                  const std::filesystem::path& root,
                                                  const NameTakenFunction& taken = {});

}  // namespace quire::media
