#include "util/glob.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace quire::util {
namespace {

struct GlobCase {
  std::string_view pattern;
  std::string_view text;
  bool expected;
};

// Every expectation was checked against Python 3.11's fnmatch.fnmatchcase.
void expect_cases(std::initializer_list<GlobCase> cases) {
  for (const auto& c : cases) {
    EXPECT_EQ(glob_match(c.pattern, c.text), c.expected)
        << "pattern '" << c.pattern << "' text '" << c.text << "'";
  }
}

TEST(GlobTest, StarMatchesAnythingIncludingSlash) {
  expect_cases({{"*.pdf", "a.pdf", true},
                {"*.pdf", "dir/a.pdf", true},
                {"*", "a/b/", true},
                {"*", "", true},
                {"**a", "bba", true},
                {"*a*b*c*", "xaybzc", true},
                {"*a*b*c*", "xaybz", false},
                {"", "", true},
                {"", "a", false}});
}

TEST(GlobTest, QuestionMarkMatchesOneCodePoint) {
  expect_cases({{"?", "é", true}, {"?", "ab", false}, {"a?c", "abc", true}, {"a?c", "a/c", true}});
}

TEST(GlobTest, BracketSetsAndRanges) {
  expect_cases({{"[abc]x", "bx", true},
                {"[!abc]x", "bx", false},
                {"[!abc]x", "dx", true},
                {"[a-c]", "b", true},
                {"[a-c]", "d", false},
                {"[a-]", "-", true},
                {"a[-]b", "a-b", true},
                {"[a-c-e]", "-", true},
                {"[a-c-e]", "d", false},
                {"[--a]", "-", true},
                {"[--a]", "0", true},
                {"[--a]", "b", false}});
}

TEST(GlobTest, ReversedRangeMatchesNothing) {
  expect_cases(
      {{"[z-a]", "z", false}, {"[z-a]", "a", false}, {"[!z-a]", "q", true}, {"[a--]", "a", false}});
}

TEST(GlobTest, BracketEdgeCasesFollowPython) {
  expect_cases({{"[]]", "]", true},
                {"[!]]", "]", false},
                {"[!]]", "a", true},
                {"[", "[", true},
                {"[abc", "[abc", true},
                {"[abc", "a", false},
                {"[^a]", "^", true},
                {"[^a]", "b", false},
                {"\\*", "\\x", true}});
}

TEST(GlobTest, IsCaseSensitive) {
  expect_cases({{".DS_Store", ".DS_STORE", false}, {".DS_Store", ".DS_Store", true}});
}

TEST(GlobTest, InvalidUtf8IsMatchedBytewise) {
  EXPECT_TRUE(glob_match("?", "\xff"));
  EXPECT_TRUE(glob_match("a*", "a\xc3"));
  EXPECT_FALSE(glob_match("\xff", "\xfe"));
  EXPECT_FALSE(glob_match("??", "\xc3\xa9"));
}

}  // namespace
}  // namespace quire::util
