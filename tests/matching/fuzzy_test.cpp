#include "matching/fuzzy.hpp"

#include <gtest/gtest.h>

namespace quire::matching {
namespace {

// Expected values follow from the indel definition: ratio = 100 * (1 - (|a| + |b| - 2·LCS) /
// (|a| + |b|)); each case notes the best alignment. They agree with rapidfuzz 3.14.

TEST(FuzzyTest, IndelDistanceCountsInsertionsAndDeletions) {
  EXPECT_EQ(indel_distance(U"kitten", U"sitting"), 5u);  // LCS "ittn" = 4 → 6 + 7 - 8
  EXPECT_EQ(indel_distance(U"", U"abc"), 3u);
  EXPECT_EQ(indel_distance(U"abc", U"abc"), 0u);
}

TEST(FuzzyTest, IndelDistanceHandlesPatternsLongerThanOneWord) {
  const std::u32string a(150, U'a');
  std::u32string b = a;
  b[70] = U'b';
  b[140] = U'c';
  EXPECT_EQ(indel_distance(a, b), 4u);
  EXPECT_EQ(indel_distance(b, a), 4u);
}

TEST(FuzzyTest, RatioIsNormalisedIndelSimilarity) {
  EXPECT_DOUBLE_EQ(ratio(U"abcdefghij", U"abcdefghiz"), 90.0);  // LCS 9 of 20
  EXPECT_DOUBLE_EQ(ratio(U"", U""), 100.0);
  EXPECT_DOUBLE_EQ(ratio(U"abcdefghij", U"abcdefghiz", 91), 0.0);
}

TEST(FuzzyTest, PartialRatioFindsExactSubstring) {
  EXPECT_DOUBLE_EQ(partial_ratio(U"this is a test", U"this is a test!"), 100.0);
  EXPECT_DOUBLE_EQ(partial_ratio(U"kaufhaus24 versand gmbh",
                                 U"ihr team\nkaufhaus24 versand gmbh  logistikpark 7"),
                   100.0);
}

TEST(FuzzyTest, PartialRatioUsesBestFullWindow) {
  // Window "xbcdefghij": LCS 9 → 1 - 2/20.
  EXPECT_DOUBLE_EQ(partial_ratio(U"abcdefghij", U"xbcdefghijyyyy"), 90.0);
  // Window "mueler gmbh " is beaten by "mueler gmbh" plus one char: LCS 11 of 12 → 1 - 2/24.
  EXPECT_NEAR(partial_ratio(U"mueller gmbh", U"rechnung von mueler gmbh berlin"), 91.6666667, 1e-6);
  // "abcd" in "xxabxdxx": best windows hold "ab?d" with LCS 3 → 1 - 2/8.
  EXPECT_DOUBLE_EQ(partial_ratio(U"abcd", U"xxabxdxx"), 75.0);
}

TEST(FuzzyTest, PartialRatioTriesPartialWindowsAtTheEnds) {
  // "hello" against "ello world": the prefix "ello" scores 1 - 1/9.
  EXPECT_NEAR(partial_ratio(U"hello", U"ello world"), 88.8888889, 1e-6);
  // Equal lengths: the prefix "abcdefghi" scores 1 - 1/19, above the full ratio of 90.
  EXPECT_NEAR(partial_ratio(U"abcdefghij", U"abcdefghiz"), 94.7368421, 1e-6);
}

TEST(FuzzyTest, PartialRatioAppliesCutoffAndEmptyRules) {
  EXPECT_DOUBLE_EQ(partial_ratio(U"hello", U"ello world", 90), 0.0);
  EXPECT_DOUBLE_EQ(partial_ratio(U"abcdefghij", U"xbcdefghijyyyy", 90), 90.0);
  EXPECT_DOUBLE_EQ(partial_ratio(U"", U"abc"), 0.0);
  EXPECT_DOUBLE_EQ(partial_ratio(U"", U""), 100.0);
}

TEST(FuzzyTest, PartialRatioIsSymmetricInArgumentOrder) {
  EXPECT_DOUBLE_EQ(partial_ratio(U"xbcdefghijyyyy", U"abcdefghij"), 90.0);
}

TEST(FuzzyTest, PartialRatioHandlesLongNeedles) {
  std::u32string needle;
  for (int i = 0; i < 100; ++i) needle.push_back(static_cast<char32_t>(U'a' + i % 26));
  std::u32string haystack = std::u32string(500, U'-') + needle + std::u32string(500, U'+');
  EXPECT_DOUBLE_EQ(partial_ratio(needle, haystack), 100.0);
  haystack[520] = U'#';  // one substitution: LCS 99 of 100 → 1 - 2/200
  EXPECT_DOUBLE_EQ(partial_ratio(needle, haystack, 90), 99.0);
}

}  // namespace
}  // namespace quire::matching
