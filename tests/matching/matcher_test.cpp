#include "matching/matcher.hpp"

#include <gtest/gtest.h>

namespace quire::matching {
namespace {

MatchingRule rule(std::string match, MatchingAlgorithm algorithm, bool is_insensitive = true) {
  return MatchingRule{std::move(match), algorithm, is_insensitive};
}

TEST(MatcherTest, BlankMatchNeverMatches) {
  for (const auto algorithm :
       {MatchingAlgorithm::any, MatchingAlgorithm::all, MatchingAlgorithm::literal,
        MatchingAlgorithm::regex, MatchingAlgorithm::fuzzy}) {
    EXPECT_FALSE(matches(rule("", algorithm), "anything"));
    EXPECT_FALSE(matches(rule(" \t\n", algorithm), "anything  \t\n"));
  }
}

TEST(MatcherTest, NoneAndAutoNeverMatch) {
  EXPECT_FALSE(matches(rule("invoice", MatchingAlgorithm::none), "invoice"));
  EXPECT_FALSE(matches(rule("invoice", MatchingAlgorithm::automatic), "invoice"));
}

TEST(MatcherTest, AnyMatchesOneBoundedTerm) {
  const auto any = rule("bank insurance", MatchingAlgorithm::any);
  EXPECT_TRUE(matches(any, "Your Insurance policy"));
  EXPECT_FALSE(matches(any, "reinsurance and banking"));  // no word boundaries around terms
}

TEST(MatcherTest, AllNeedsEveryTermInAnyOrder) {
  const auto all = rule("invoice 2023", MatchingAlgorithm::all);
  EXPECT_TRUE(matches(all, "2023: the INVOICE"));
  EXPECT_FALSE(matches(all, "the invoice of 2024"));
}

TEST(MatcherTest, CaseFoldingIsUnicodeAware) {
  EXPECT_TRUE(matches(rule("Müller", MatchingAlgorithm::any), "Firma MÜLLER GmbH"));
  EXPECT_FALSE(matches(rule("Müller", MatchingAlgorithm::any, false), "Firma MÜLLER GmbH"));
  EXPECT_TRUE(matches(rule("Müller", MatchingAlgorithm::any, false), "Firma Müller GmbH"));
  // ü is a word character: "Müller" inside "Müllerei" has no boundary after it.
  EXPECT_FALSE(matches(rule("Müller", MatchingAlgorithm::any), "Müllerei"));
}

TEST(MatcherTest, TermsEndingInPunctuationNeedAdjacentWordCharacter) {
  // Kept from paperless-ngx: `\bC\+\+\b` wants a word character after "++".
  const auto cpp = rule("C++", MatchingAlgorithm::any);
  EXPECT_FALSE(matches(cpp, "I like C++ a lot"));
  EXPECT_TRUE(matches(cpp, "C++11 is old"));
  const auto gmbh = rule("(GmbH)", MatchingAlgorithm::literal);
  EXPECT_FALSE(matches(gmbh, "Beispiel (GmbH) Straße"));
  EXPECT_TRUE(matches(gmbh, "x(GmbH)y"));
}

TEST(MatcherTest, QuotedPhrasesMatchAcrossAnyWhitespace) {
  const auto phrase = rule(R"("total   amount" vat)", MatchingAlgorithm::all);
  EXPECT_TRUE(matches(phrase, "VAT\nTotal\n\t amount: 12"));
  EXPECT_FALSE(matches(phrase, "VAT total-amount"));
}

TEST(MatcherTest, SplitsTermsLikePaperless) {
  EXPECT_EQ(split_terms(R"(  some random  words "with   quotes  " and)"),
            (std::vector<std::string>{"some", "random", "words", R"(with\s+quotes)", "and"}));
  EXPECT_EQ(split_terms(R"("abc x)"), (std::vector<std::string>{R"(\"abc)", "x"}));
  EXPECT_EQ(split_terms("a.b"), (std::vector<std::string>{R"(a\.b)"}));
}

TEST(MatcherTest, UnbalancedQuoteMustOccurLiterally) {
  const auto quote = rule(R"("abc)", MatchingAlgorithm::any);
  EXPECT_TRUE(matches(quote, R"(x"abc)"));
  EXPECT_FALSE(matches(quote, "abc"));
  EXPECT_FALSE(matches(quote, R"(say "abc)"));  // no word character before the quote
}

TEST(MatcherTest, LiteralIsNotTrimmedOrSplit) {
  EXPECT_TRUE(matches(rule("Stadtwerke Altenweiler", MatchingAlgorithm::literal),
                      "die stadtwerke altenweiler gmbh"));
  EXPECT_FALSE(matches(rule("Stadtwerke Altenweiler", MatchingAlgorithm::literal),
                       "Stadtwerke  Altenweiler"));
  // The leading space stays part of the pattern, so a word character must precede it.
  EXPECT_TRUE(matches(rule(" Bank", MatchingAlgorithm::literal), "The Bank"));
  EXPECT_FALSE(matches(rule(" Bank", MatchingAlgorithm::literal), " Bank statement"));
  EXPECT_TRUE(matches(rule("a.b", MatchingAlgorithm::literal), "a.b"));
  EXPECT_FALSE(matches(rule("a.b", MatchingAlgorithm::literal), "axb"));
}

TEST(MatcherTest, RegexUsesPythonDialect) {
  EXPECT_TRUE(
      matches(rule(R"((?P<year>\d{4})-(?P=year))", MatchingAlgorithm::regex), "period 2023-2023"));
  EXPECT_FALSE(matches(rule(R"(invoice\Z)", MatchingAlgorithm::regex), "invoice\n"));
  EXPECT_TRUE(matches(rule(R"(invoice\Z)", MatchingAlgorithm::regex), "an invoice"));
  EXPECT_TRUE(matches(rule(R"(ab{,2}c)", MatchingAlgorithm::regex), "xabbcx"));
  EXPECT_TRUE(matches(rule(R"(\u00fcber)", MatchingAlgorithm::regex), "Über"));
  EXPECT_TRUE(matches(rule(R"((?i)rechnung)", MatchingAlgorithm::regex, false), "RECHNUNG"));
  EXPECT_FALSE(matches(rule("rechnung", MatchingAlgorithm::regex, false), "RECHNUNG"));
}

TEST(MatcherTest, InvalidRegexIsFalseAndStaysFalse) {
  const auto broken = rule("([a-", MatchingAlgorithm::regex);
  EXPECT_FALSE(matches(broken, "([a-"));
  EXPECT_FALSE(matches(broken, "anything"));
}

TEST(MatcherTest, WordBoundariesFollowPythonUnicodeRules) {
  // A combining mark is not a word character, so a boundary lies between "e" and U+0301.
  EXPECT_TRUE(matches(rule("Cafe", MatchingAlgorithm::any, false), "Cafe\u0301 Paris"));
  // Digits of other scripts are word characters.
  EXPECT_FALSE(matches(rule("No", MatchingAlgorithm::any), "No\u0663"));
  EXPECT_TRUE(matches(rule("No", MatchingAlgorithm::any), "No.\u0663"));
}

TEST(MatcherTest, FuzzyMatchesAtNinetyAfterStrippingPunctuation) {
  // Needle "kaufhaus24 versand gmbh" against "kaufhaus24versand gmbh": 95.65.
  EXPECT_TRUE(matches(rule("Kaufhaus24 Versand GmbH", MatchingAlgorithm::fuzzy),
                      "Rechnung\nKaufhaus24-Versand GmbH | Logistikpark"));
  // "stadtwerke altenweiler" against "stadtwerk altenweiller": 95.45.
  EXPECT_TRUE(matches(rule("Stadtwerke Altenweiler", MatchingAlgorithm::fuzzy),
                      "Ihre Stadtwerk Altenweiller AG"));
  EXPECT_FALSE(matches(rule("Northgate Savings Bank", MatchingAlgorithm::fuzzy, false),
                       "NORTHGATE SAVINGS BANK"));
  EXPECT_TRUE(
      matches(rule("Northgate Savings Bank", MatchingAlgorithm::fuzzy), "NORTHGATE SAVINGS BANK"));
  EXPECT_FALSE(matches(rule("hello", MatchingAlgorithm::fuzzy), "ello world"));  // 88.9
}

TEST(MatcherTest, MatchingIdsKeepCandidateOrder) {
  std::vector<Correspondent> candidates(3);
  candidates[0].id = 7;
  candidates[0].rule = rule("bank", MatchingAlgorithm::any);
  candidates[1].id = 3;
  candidates[1].rule = rule("energy", MatchingAlgorithm::any);
  candidates[2].id = 5;
  candidates[2].rule = rule("savings", MatchingAlgorithm::any);
  EXPECT_EQ(matching_ids(candidates, "Savings Bank statement"), (std::vector<Id>{7, 5}));
  EXPECT_TRUE(matching_ids(candidates, "nothing").empty());
}

}  // namespace
}  // namespace quire::matching
