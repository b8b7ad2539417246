#include "parsing/text/text_parser.hpp"

#include "parsing_samples.hpp"

#include <gtest/gtest.h>

namespace quire::parsing {
namespace {

TEST(TextParserTest, ReadsFileAsIs) {
  const auto result =
      TextParser().parse(test::request_for(test::text_sample("test.txt"), "text/plain"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->text, "This is a test file.\n");
  EXPECT_FALSE(result->page_count);
  EXPECT_FALSE(result->archive_path);
  EXPECT_TRUE(result->metadata.empty());
}

TEST(TextParserTest, ReadsDocumentsSample) {
  const auto result =
      TextParser().parse(test::request_for(test::documents_sample("simple.txt"), "text/plain"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->text, "This is a test file.\n");
}

TEST(TextParserTest, ReplacesInvalidUtf8) {
  const auto result =
      TextParser().parse(test::request_for(test::text_sample("decode_error.txt"), "text/plain"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->text, "Pantothens\xEF\xBF\xBDure\n");
}

TEST(TextParserTest, MissingFileNamesDocument) {
  auto request = test::request_for("/nonexistent/notes.txt", "text/plain");
  const auto result = TextParser().parse(request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::not_found);
  EXPECT_NE(result.error().message.find("notes.txt"), std::string::npos);
}

}  // namespace
}  // namespace quire::parsing
