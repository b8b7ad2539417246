#include "parsing/default_parsers.hpp"
#include "parsing/parser.hpp"

#include <gtest/gtest.h>

namespace quire::parsing {
namespace {

// A parser that only declares types, to test selection by weight.
class DeclaringParser final : public Parser {
 public:
  DeclaringParser(std::string name, int weight, std::vector<MimeDeclaration> types)
      : m_name(std::move(name)), m_weight(weight), m_types(std::move(types)) {}

  std::string_view name() const override { return m_name; }
  int weight() const override { return m_weight; }
  const std::vector<MimeDeclaration>& mime_types() const override { return m_types; }
  Result<ParseResult> parse(const ParseRequest&) const override {
    return fail(ErrorCode::not_implemented, "test parser");
  }
  Result<WebpBytes> thumbnail(const ParseRequest&) const override {
    return fail(ErrorCode::not_implemented, "test parser");
  }

 private:
  std::string m_name;
  int m_weight;
  std::vector<MimeDeclaration> m_types;
};

TEST(ParserRegistryTest, PicksHighestWeight) {
  ParserRegistry registry;
  registry.add(std::make_unique<DeclaringParser>(
      "low", 0, std::vector<MimeDeclaration>{{"text/plain", ".txt"}}));
  registry.add(std::make_unique<DeclaringParser>(
      "high", 20, std::vector<MimeDeclaration>{{"text/plain", ".text"}}));
  registry.add(std::make_unique<DeclaringParser>(
      "middle", 10, std::vector<MimeDeclaration>{{"text/plain", ".txt"}}));
  const auto parser = registry.parser_for("text/plain", "a.txt");
  ASSERT_TRUE(parser);
  EXPECT_EQ((*parser)->name(), "high");
  EXPECT_EQ(registry.default_extension("text/plain"), ".text");
}

TEST(ParserRegistryTest, FirstRegisteredWinsATie) {
  ParserRegistry registry;
  registry.add(std::make_unique<DeclaringParser>(
      "first", 5, std::vector<MimeDeclaration>{{"image/png", ".png"}}));
  registry.add(std::make_unique<DeclaringParser>(
      "second", 5, std::vector<MimeDeclaration>{{"image/png", ".png"}}));
  EXPECT_EQ((*registry.parser_for("image/png", "a.png"))->name(), "first");
}

TEST(ParserRegistryTest, NamesTypeAndDocumentWhenNoParser) {
  const ParserRegistry registry = make_default_registry();
  const auto parser = registry.parser_for("application/x-foo", "scan.xyz");
  ASSERT_FALSE(parser);
  EXPECT_EQ(parser.error().code, ErrorCode::unsupported_media_type);
  EXPECT_EQ(parser.error().message,
            "no parser for MIME type 'application/x-foo' (document "
            "'scan.xyz')");
  EXPECT_FALSE(registry.supports("message/rfc822"));
}

TEST(ParserRegistryTest, DefaultRegistryCoversPdfImagesAndText) {
  const ParserRegistry registry = make_default_registry();
  EXPECT_EQ((*registry.parser_for("application/pdf", "a.pdf"))->name(), "pdf");
  for (const char* image : {"image/jpeg", "image/png", "image/tiff", "image/gif", "image/bmp",
                            "image/webp", "image/heic"}) {
    EXPECT_EQ((*registry.parser_for(image, "a"))->name(), "image") << image;
  }
  for (const char* text : {"text/plain", "text/csv", "application/csv"}) {
    EXPECT_EQ((*registry.parser_for(text, "a"))->name(), "text") << text;
  }
}

TEST(ParserRegistryTest, DefaultExtensionComesFromParserElseTable) {
  const ParserRegistry registry = make_default_registry();
  EXPECT_EQ(registry.default_extension("image/jpeg"), ".jpg");
  EXPECT_EQ(registry.default_extension("text/csv"), ".csv");
  EXPECT_EQ(registry.default_extension("message/rfc822"), ".eml");  // table, no parser
  EXPECT_EQ(registry.default_extension("application/x-foo"), "");
}

TEST(ParserRegistryTest, SupportedExtensionsIncludeAliases) {
  const auto extensions = make_default_registry().supported_extensions();
  for (const char* extension :
       {".pdf", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".png", ".gif", ".bmp", ".webp", ".heic",
        ".txt", ".csv", ".bat", ".c", ".h", ".ksh", ".pl", ".srt"}) {
    EXPECT_TRUE(extensions.count(extension)) << extension;
  }
  EXPECT_FALSE(extensions.count(".eml"));  // mail needs the Tika parsers
  EXPECT_FALSE(extensions.count(".zip"));
}

}  // namespace
}  // namespace quire::parsing
