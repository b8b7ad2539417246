#pragma once

#include "media/template/template.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace quire::media::tmpl::test {

/// Parses and renders `source` with `context`.
inline Result<std::string> render(std::string_view source, const Object& context,
                                  const TemplateLimits& limits = {}) {
  auto compiled = Template::parse(source, limits);
  if (!compiled) return fail(compiled.error());
  return compiled->render(context);
}

/// The rendered text; a failure is reported as a test failure and gives "<error>".
inline std::string render_ok(std::string_view source, const Object& context) {
  auto result = render(source, context);
  EXPECT_TRUE(result.has_value()) << source << ": " << result.error().message;
  return result.value_or("<error>");
}

}  // namespace quire::media::tmpl::test
