#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace quire::util {
namespace {

TEST(StringsTest, TrimsAsciiWhitespaceOnBothEnds) {
  EXPECT_EQ(trim("  \tabc \n"), "abc");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("   "), "");
}

TEST(StringsTest, SplitKeepsEmptyPieces) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
}

TEST(StringsTest, ComparesIgnoringAsciiCase) {
  EXPECT_TRUE(equals_ignoring_case("Inbox", "INBOX"));
  EXPECT_FALSE(equals_ignoring_case("Inbox", "Inboxes"));
  EXPECT_TRUE(starts_with_ignoring_case("ASN00042", "asn"));
}

TEST(StringsTest, EditDistanceCountsSingleCharacterEdits) {
  EXPECT_EQ(edit_distance("document_consumer", "document_consumer"), 0u);
  EXPECT_EQ(edit_distance("documnet_consumer", "document_consumer"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

}  // namespace
}  // namespace quire::util
