#pragma once

#include "core/error.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace quire::consumer {

/// What a consumption's title template (an API or mail-rule title override) may read:
/// pipeline.md §11.5 in the consumer's form, where unset names render as `None`, both file-name
/// placeholders are the consumed file's stem, and no `created` placeholders exist.
struct TitlePlaceholders {
  std::optional<std::string> correspondent;
  std::optional<std::string> document_type;
  std::optional<std::string> owner_username;
  Timestamp added{};
  std::chrono::seconds utc_offset{0};  ///< of PAPERLESS_TIME_ZONE at `added`
  std::string filename;                ///< the consumed file's name
};

/// Renders `title_template` in the sandboxed template engine. Errors are `invalid_argument`
/// naming the problem; the caller then keeps the file's stem, as paperless-ngx does.
[[nodiscard]] Result<std::string> render_title(std::string_view title_template,
                                               const TitlePlaceholders& placeholders);

/// `title` cut to at most `max_chars` Unicode characters, never inside a UTF-8 sequence.
[[nodiscard]] std::string truncate_characters(std::string_view title, std::size_t max_chars);

}  // namespace quire::consumer
