#include "util/utf8.hpp"

#include <gtest/gtest.h>

namespace quire::util {
namespace {

TEST(Utf8Test, KeepsValidTextUnchanged) {
  const auto decoded = decode_utf8_lossy("Grüße, Счёт № 42 \xF0\x9F\x93\x84");
  EXPECT_EQ(decoded.text, "Grüße, Счёт № 42 \xF0\x9F\x93\x84");
  EXPECT_EQ(decoded.replaced_count, 0U);
}

TEST(Utf8Test, ReplacesLoneLatin1Byte) {
  // paperless_text's decode_error.txt: "Pantothensäure" written in Latin-1.
  const auto decoded = decode_utf8_lossy("Pantothens\xE4ure\n");
  EXPECT_EQ(decoded.text, "Pantothens\xEF\xBF\xBDure\n");
  EXPECT_EQ(decoded.replaced_count, 1U);
}

TEST(Utf8Test, ReplacesMaximalSubpartOnce) {
  // A three-byte lead with one good continuation, then ASCII: one replacement, as Python does.
  EXPECT_EQ(decode_utf8_lossy("a\xE2\x82z").text, "a\xEF\xBF\xBDz");
  // A truncated sequence at the very end.
  EXPECT_EQ(decode_utf8_lossy("ab\xF0\x9F").text, "ab\xEF\xBF\xBD");
}

TEST(Utf8Test, RejectsOverlongSurrogateAndOutOfRangeForms) {
  EXPECT_EQ(decode_utf8_lossy("\xC0\xAF").replaced_count, 2U);          // overlong '/'
  EXPECT_EQ(decode_utf8_lossy("\xED\xA0\x80").replaced_count, 3U);      // U+D800
  EXPECT_EQ(decode_utf8_lossy("\xF4\x90\x80\x80").replaced_count, 4U);  // above U+10FFFF
}

TEST(Utf8Test, IteratesCodePoints) {
  const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\x84";
  std::size_t pos = 0;
  EXPECT_EQ(next_code_point(text, pos), U'a');
  EXPECT_EQ(next_code_point(text, pos), U'\u00E9');
  EXPECT_EQ(next_code_point(text, pos), U'\u20AC');
  EXPECT_EQ(next_code_point(text, pos), U'\U0001F4C4');
  EXPECT_EQ(pos, text.size());
}

TEST(Utf8Test, AppendsEveryLength) {
  std::string out;
  for (const char32_t code_point : {U'a', U'\u00E9', U'\u20AC', U'\U0001F4C4'}) {
    append_utf8(out, code_point);
  }
  EXPECT_EQ(out, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\x84");
}

}  // namespace
}  // namespace quire::util
