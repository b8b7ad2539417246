#include "matching/matcher.hpp"

#include "matching/fuzzy.hpp"
#include "util/regex.hpp"
#include "util/unicode.hpp"

#include <spdlog/spdlog.h>

#include <mutex>
#include <optional>
#include <unordered_map>

namespace quire::matching {
namespace {

constexpr double k_fuzzy_cutoff = 90;

// Rules are few and evaluated for every document; the bound only guards against a pathological
// stream of distinct patterns (for example workflow triggers edited in a loop).
constexpr std::size_t k_max_cached_patterns = 4096;

std::shared_ptr<spdlog::logger> logger() {
  auto named = spdlog::get("matching");
  return named ? named : spdlog::default_logger();
}

/// Compiled patterns by case mode and text. An invalid pattern is remembered as absent, so
/// its error is logged once and not on every document.
class PatternCache {
 public:
  std::optional<util::Regex> get(const std::string& pattern, util::RegexCase case_mode) {
    std::string key = (case_mode == util::RegexCase::insensitive ? "i:" : "s:") + pattern;
    std::lock_guard lock(m_mutex);
    if (const auto found = m_patterns.find(key); found != m_patterns.end()) return found->second;

    auto compiled = util::Regex::compile(pattern, case_mode);
    if (!compiled) {
      logger()->error("invalid regular expression in matching rule error=\"{}\"",
                      compiled.error().message);
    }
    if (m_patterns.size() >= k_max_cached_patterns) m_patterns.clear();
    std::optional<util::Regex> entry;
    if (compiled) entry = std::move(*compiled);
    m_patterns.emplace(std::move(key), entry);
    return entry;
  }

 private:
  std::mutex m_mutex;
  std::unordered_map<std::string, std::optional<util::Regex>> m_patterns;  // guarded by m_mutex
};

PatternCache& pattern_cache() {
  static PatternCache cache;
  return cache;
}

/// A helper pattern written in this file; it always compiles.
util::Regex compile_fixed(const char* pattern) { return *util::Regex::compile(pattern); }

bool is_blank(std::string_view text) {
  static const util::Regex blank = compile_fixed(R"(\A\s*\z)");
  return blank.contains(text);
}

bool contains_pattern(const std::string& pattern, util::RegexCase case_mode,
                      std::string_view content) {
  const auto regex = pattern_cache().get(pattern, case_mode);
  return regex && regex->contains(content);
}

std::string bounded(std::string_view fragment) {
  return std::string(R"(\b)").append(fragment).append(R"(\b)");
}

bool fuzzy_matches(const MatchingRule& rule, std::string_view content) {
  static const util::Regex punctuation = compile_fixed(R"([^\w\s]+)");
  std::string needle = punctuation.replace_all(rule.match, "");
  std::string haystack = punctuation.replace_all(content, "");
  if (rule.is_insensitive) {
    needle = util::to_lower(needle);
    haystack = util::to_lower(haystack);
  }
  return partial_ratio(util::to_utf32(needle), util::to_utf32(haystack), k_fuzzy_cutoff) > 0;
}

}  // namespace

std::vector<std::string> split_terms(std::string_view match) {
  static const util::Regex term_pattern = compile_fixed(R"("[^"]+"|\S+)");
  static const util::Regex edge_space = compile_fixed(R"(\A\s+|\s+\z)");
  static const util::Regex inner_space = compile_fixed(R"(\s+)");
  static const util::Regex escaped_space = compile_fixed(R"(\\ )");

  std::vector<std::string> terms;
  for (const auto& found : term_pattern.find_all(match)) {
    std::string_view term = match.substr(found.begin, found.end - found.begin);
    // Only the quoted alternative can produce `"x…"` of three or more bytes: a bare run that
    // starts and ends with a quote would have been taken by the quoted alternative first.
    if (term.size() >= 3 && term.front() == '"' && term.back() == '"') {
      term = term.substr(1, term.size() - 2);
    }
    const std::string normalised = inner_space.replace_all(edge_space.replace_all(term, ""), " ");
    std::string escaped = util::regex_escape(normalised);
    terms.push_back(escaped_space.replace_all(escaped, R"(\s+)"));
  }
  return terms;
}

bool matches(const MatchingRule& rule, std::string_view content) {
  if (is_blank(rule.match)) return false;
  const auto case_mode =
      rule.is_insensitive ? util::RegexCase::insensitive : util::RegexCase::sensitive;

  switch (rule.algorithm) {
    case MatchingAlgorithm::none:
    case MatchingAlgorithm::automatic:
      return false;
    case MatchingAlgorithm::any:
      for (const auto& term : split_terms(rule.match)) {
        if (contains_pattern(bounded(term), case_mode, content)) return true;
      }
      return false;
    case MatchingAlgorithm::all:
      for (const auto& term : split_terms(rule.match)) {
        if (!contains_pattern(bounded(term), case_mode, content)) return false;
      }
      return true;
    case MatchingAlgorithm::literal:
      return contains_pattern(bounded(util::regex_escape(rule.match)), case_mode, content);
    case MatchingAlgorithm::regex:
      return contains_pattern(util::translate_python_regex(rule.match), case_mode, content);
    case MatchingAlgorithm::fuzzy:
      return fuzzy_matches(rule, content);
  }
  return false;
}

}  // namespace quire::matching
