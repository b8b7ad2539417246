#include "parsing/text/post_process.hpp"

#include "parsing_samples.hpp"

#include <gtest/gtest.h>

namespace quire::parsing {
namespace {

TEST(PostProcessTest, CollapsesHorizontalWhitespace) {
  EXPECT_EQ(post_process_text("a  \t b\u00A0\u2003c"), "a b c");
}

TEST(PostProcessTest, DropsWhitespaceAfterLineBreaks) {
  EXPECT_EQ(post_process_text("line one   \n    line two\r\n\t three"),
            "line one \nline two\r\nthree");
}

TEST(PostProcessTest, TurnsFormFeedBetweenPagesIntoNothingAfterNewline) {
  EXPECT_EQ(post_process_text("page one\n\fpage two\n\f"), "page one\npage two");
}

TEST(PostProcessTest, TrimsBothEnds) {
  EXPECT_EQ(post_process_text("\n\n   text \n\n  "), "text");
  EXPECT_EQ(post_process_text(" \t\n "), "");
}

TEST(PostProcessTest, ReplacesNulWithSpace) {
  EXPECT_EQ(post_process_text(std::string("a\0b", 3)), "a b");
}

TEST(PostProcessTest, KeepsLineBreaksOfRealText) {
  auto raw = read_text_file(test::documents_sample("content.txt"), "content.txt");
  ASSERT_TRUE(raw) << raw.error().message;
  const std::string text = post_process_text(*raw);
  EXPECT_NE(text.find("English text: The quick brown fox jumps over the lazy dog.\n"),
            std::string::npos);
}

TEST(PostProcessTest, CountsCodePoints) {
  EXPECT_EQ(count_characters("Grüße"), 5U);
  EXPECT_EQ(count_characters(""), 0U);
}

TEST(PostProcessTest, ReadsFileReplacingInvalidBytes) {
  auto text = read_text_file(test::text_sample("decode_error.txt"), "decode_error.txt");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "Pantothens\xEF\xBF\xBDure\n");
}

TEST(PostProcessTest, MissingFileIsNotFoundAndNamed) {
  auto text = read_text_file("/nonexistent/quire.txt", "quire.txt");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::not_found);
  EXPECT_NE(text.error().message.find("quire.txt"), std::string::npos);
}

}  // namespace
}  // namespace quire::parsing
