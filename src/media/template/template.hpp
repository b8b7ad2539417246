#pragma once

#include "core/error.hpp"
#include "media/template/value.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace quire::media::tmpl {

struct Node;

/// Bounds that make rendering a hostile template cheap and safe.
struct TemplateLimits {
  std::size_t max_source_bytes = 64 * 1024;
  std::size_t max_output_bytes = 64 * 1024;
  std::size_t max_iterations = 10'000;  ///< loop bodies run, over the whole render
  int max_depth = 64;                   ///< nesting of blocks and of expressions
};

/// A parsed template of the Jinja subset paperless-ngx file names use (see parser.hpp for the
/// statements and filters.hpp for the filters), rendered in a sandbox:
///
/// * templates read only the `Value` data given to `render`; there are no host objects, so
///   nothing can be modified and no method beyond a short read-only whitelist can be called;
/// * attributes starting with `_` are refused;
/// * undefined names are strict: printing, testing or iterating them is an error;
/// * output size, loop iterations and nesting are bounded by `TemplateLimits`.
///
/// Every failure is an `invalid_argument` error with a message fit for the log.
class Template {
 public:
  /// Parses `source`, trimming blocks as paperless-ngx's environment does (`trim_blocks`,
  /// `lstrip_blocks`, no trailing newline).
  [[nodiscard]] static Result<Template> parse(std::string_view source,
                                              const TemplateLimits& limits = {});

  /// Renders with the fields of `context` as variables.
  [[nodiscard]] Result<std::string> render(const Object& context) const;

  Template(Template&&) noexcept;
  Template& operator=(Template&&) noexcept;
  ~Template();

 private:
  struct Body;
  Template(std::unique_ptr<Body> body, const TemplateLimits& limits);

  std::unique_ptr<Body> m_body;
  TemplateLimits m_limits;
};

}  // namespace quire::media::tmpl
