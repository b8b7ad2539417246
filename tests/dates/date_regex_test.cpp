#include "dates/date_regex.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quire::dates {
namespace {

using Candidates = std::vector<std::string_view>;

TEST(DateRegexTest, FindsNumericDatesWithMixedSeparators) {
  EXPECT_EQ(date_candidates("am 31.12.2023 und 1/2/23 oder 01-02.2023"),
            (Candidates{"31.12.2023", "1/2/23", "01-02.2023"}));
  EXPECT_EQ(date_candidates("on 2023-12-31, short 23.12.31"),
            (Candidates{"2023-12-31", "23.12.31"}));
  // Leftmost wins: the word-plus-year form starts earlier than the ISO date.
  EXPECT_EQ(date_candidates("ISO 2023-12-31"), (Candidates{"ISO 2023"}));
}

TEST(DateRegexTest, HasNoLeftAnchor) {
  EXPECT_EQ(date_candidates("123.12.2023"), (Candidates{"23.12.2023"}));
}

TEST(DateRegexTest, PrefersFourDigitYears) {
  EXPECT_EQ(date_candidates("1.2.2023"), (Candidates{"1.2.2023"}));
}

TEST(DateRegexTest, FindsMonthNameForms) {
  EXPECT_EQ(date_candidates("Berlin, 31. Dezember 2023"), (Candidates{"31. Dezember 2023"}));
  EXPECT_EQ(date_candidates("on march 5, 2023."), (Candidates{"march 5, 2023"}));
  EXPECT_EQ(date_candidates("März 5, 2023"), (Candidates{"März 5, 2023"}));
  EXPECT_EQ(date_candidates("December 2023 and Invoice 2023"),
            (Candidates{"December 2023", "Invoice 2023"}));
  EXPECT_EQ(date_candidates("the 21st March 2023"), (Candidates{"21st March 2023"}));
  EXPECT_EQ(date_candidates("due 12-Mar-2023"), (Candidates{"12-Mar-2023"}));
}

TEST(DateRegexTest, UnderscoreAndDashEndAMatch) {
  EXPECT_EQ(date_candidates("scan_2023-01-05_final.pdf"), (Candidates{"2023-01-05"}));
}

TEST(DateRegexTest, MatchesUnicodeDigits) {
  // Arabic-Indic digits are decimal digits for `\d`.
  EXPECT_EQ(date_candidates("\u0663\u0661.\u0661\u0662.\u0662\u0660\u0662\u0663").size(), 1u);
}

}  // namespace
}  // namespace quire::dates
