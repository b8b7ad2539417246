#include "media/sanitize.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quire::media {
namespace {

TEST(SanitizeTest, ReplacesForbiddenCharacters) {
  EXPECT_EQ(sanitize_filename("my\\invalid/../title:yay"), "my-invalid-..-title-yay");
  EXPECT_EQ(sanitize_filename("a*b?c\"d<e>f|g"), "a-b-c-d-e-f-g");
  EXPECT_EQ(sanitize_filename(std::string("nul\0byte", 8)), "nul-byte");
  EXPECT_EQ(sanitize_filename("tab\there\nnewline\x7f"), "tab-here-newline-");
  EXPECT_EQ(sanitize_filename("This. is the title."), "This. is the title");
  EXPECT_EQ(sanitize_filename("Ümlaut & ünïcödé"), "Ümlaut & ünïcödé");
}

TEST(SanitizeTest, HandlesReservedNames) {
  EXPECT_EQ(sanitize_filename("CON"), "CON_");
  EXPECT_EQ(sanitize_filename("con"), "con_");
  EXPECT_EQ(sanitize_filename("LPT1"), "LPT1_");
  EXPECT_EQ(sanitize_filename("COM\u00b9"), "COM\u00b9_");
  EXPECT_EQ(sanitize_filename("nul.txt"), "nul_.txt");
  EXPECT_EQ(sanitize_filename("CONSOLE"), "CONSOLE");
  EXPECT_EQ(sanitize_filename(".."), ".._");
  EXPECT_EQ(sanitize_filename("."), "._");
  EXPECT_EQ(sanitize_filename(":"), "-");
}

TEST(SanitizeTest, StripsLeadingSpacesAndTrailingDotsAndSpaces) {
  EXPECT_EQ(sanitize_filename("  name . . "), "name");
  EXPECT_EQ(sanitize_filename("..."), "");
  EXPECT_EQ(sanitize_filename("   "), "");
  EXPECT_EQ(sanitize_filename(""), "");
}

TEST(SanitizeTest, TruncatesTo255BytesOnCharacterBoundary) {
  EXPECT_EQ(sanitize_filename(std::string(300, 'a')), std::string(255, 'a'));
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "\xc3\xa4";  // "ä", two bytes each
  const std::string sanitized = sanitize_filename(umlauts);
  EXPECT_EQ(sanitized.size(), 254u);
  EXPECT_EQ(sanitized.substr(0, 4), "\xc3\xa4\xc3\xa4");
  EXPECT_EQ(truncate_utf8("a\xe2\x82\xac", 3), "a");
  EXPECT_EQ(truncate_utf8("a\xe2\x82\xac", 4), "a\xe2\x82\xac");
}

}  // namespace
}  // namespace quire::media
