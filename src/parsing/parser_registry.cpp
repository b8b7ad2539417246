#include "parsing/mime_types.hpp"
#include "parsing/parser.hpp"
#include "util/strings.hpp"

#include <fmt/format.h>

namespace quire::parsing {
namespace {

const MimeDeclaration* find_declaration(const Parser& parser, std::string_view mime_type) {
  for (const auto& declaration : parser.mime_types()) {
    if (util::equals_ignoring_case(declaration.mime_type, mime_type)) return &declaration;
  }
  return nullptr;
}

}  // namespace

void ParserRegistry::add(std::unique_ptr<Parser> parser) { m_parsers.push_back(std::move(parser)); }

const Parser* ParserRegistry::best_parser(std::string_view mime_type) const {
  const Parser* best = nullptr;
  for (const auto& parser : m_parsers) {
    if (find_declaration(*parser, mime_type) == nullptr) continue;
    if (best == nullptr || parser->weight() > best->weight()) best = parser.get();
  }
  return best;
}

Result<const Parser*> ParserRegistry::parser_for(std::string_view mime_type,
                                                 std::string_view document_name) const {
  const Parser* parser = best_parser(mime_type);
  if (parser == nullptr) {
    return fail(
        ErrorCode::unsupported_media_type,
        fmt::format("no parser for MIME type '{}' (document '{}')", mime_type, document_name));
  }
  return parser;
}

bool ParserRegistry::supports(std::string_view mime_type) const {
  return best_parser(mime_type) != nullptr;
}

std::string ParserRegistry::default_extension(std::string_view mime_type) const {
  if (const Parser* parser = best_parser(mime_type)) {
    return find_declaration(*parser, mime_type)->extension;
  }
  return parsing::default_extension(mime_type);
}

std::set<std::string> ParserRegistry::supported_extensions() const {
  std::set<std::string> extensions;
  for (const auto& parser : m_parsers) {
    for (const auto& declaration : parser->mime_types()) {
      extensions.insert(util::to_lower_ascii(declaration.extension));
      for (auto& extension : extensions_for(declaration.mime_type)) {
        extensions.insert(std::move(extension));
      }
    }
  }
  return extensions;
}

}  // namespace quire::parsing
