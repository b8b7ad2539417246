#include "dates/date_regex.hpp"

#include "util/regex.hpp"

#include <string>

namespace quire::dates {
namespace {

// The pattern is paperless-ngx's DATE_REGEX (documents/parsers.py), which PCRE2 reads with the
// same meaning as Python's `re` given UTF, UCP and caseless matching. It is assembled from named
// parts here; the resulting text is identical, alternative for alternative.

// "Word boundary, or not followed by `=` and then `_` or `-`": the second branch is almost
// always true, which is why a match may start inside a longer number.
constexpr std::string_view k_pre = R"((\b|(?!=([_-]))))";
constexpr std::string_view k_post = R"((\b|(?=([_-]))))";
constexpr std::string_view k_letters = "[a-zéûäëčžúřěáíóńźçŞğü]";

std::string wrap(std::string_view core) { return std::string(k_pre).append(core).append(k_post); }

std::string build_pattern() {
  const std::string letters(k_letters);
  const std::string alternatives[] = {
      wrap(R"((\d{1,2})[\.\/-](\d{1,2})[\.\/-](\d{4}|\d{2}))"),
      wrap(R"((\d{4}|\d{2})[\.\/-](\d{1,2})[\.\/-](\d{1,2}))"),
      wrap(R"((\d{1,2}[\. ]+)" + letters + R"({3,9} \d{4}|)" + letters +
           R"({3,9} \d{1,2}, \d{4}))"),
      wrap(R"(([^\W\d_]{3,9} \d{1,2}, (\d{4})))"),
      wrap(R"(([^\W\d_]{3,9} \d{4}))"),
      wrap(R"((\d{1,2}[^ 0-9]{2}[\. ]+[^ ]{3,9}[ \.\/-]\d{4}))"),
      wrap(R"((\b\d{1,2}[ \.\/-])" + letters + R"({3}[ \.\/-]\d{4}))"),
  };
  std::string pattern;
  for (const auto& alternative : alternatives) {
    if (!pattern.empty()) pattern += '|';
    pattern += alternative;
  }
  return pattern;
}

}  // namespace

std::vector<std::string_view> date_candidates(std::string_view text) {
  static const util::Regex regex =
      *util::Regex::compile(build_pattern(), util::RegexCase::insensitive);
  std::vector<std::string_view> candidates;
  for (const auto& match : regex.find_all(text)) {
    candidates.push_back(text.substr(match.begin, match.end - match.begin));
  }
  return candidates;
}

}  // namespace quire::dates
