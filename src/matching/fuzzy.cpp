#include "matching/fuzzy.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace quire::matching {
namespace {

constexpr std::size_t k_unknown = std::numeric_limits<std::size_t>::max();

// rapidfuzz widens every cutoff by this much before turning it into a distance, so that a score
// of exactly the cutoff is not lost to rounding.
constexpr double k_imprecision = 0.00001;

/// Longest common subsequence against a fixed pattern, bit-parallel (Hyyrö 2004): one bit per
/// pattern position, 64 positions per word, one pass over the other text.
class LcsPattern {
 public:
  explicit LcsPattern(std::u32string_view pattern)
      : m_length(pattern.size()), m_words((pattern.size() + 63) / 64) {
    for (std::size_t pos = 0; pos < pattern.size(); ++pos) {
      auto& mask = m_masks[pattern[pos]];
      if (mask.empty()) mask.assign(m_words, 0);
      mask[pos / 64] |= std::uint64_t{1} << (pos % 64);
    }
  }

  [[nodiscard]] std::size_t length() const { return m_length; }

  [[nodiscard]] bool contains(char32_t ch) const { return m_masks.count(ch) != 0; }

  [[nodiscard]] std::size_t lcs(std::u32string_view text) const {
    std::vector<std::uint64_t> v(m_words, ~std::uint64_t{0});
    for (const char32_t ch : text) {
      const auto found = m_masks.find(ch);
      if (found == m_masks.end()) continue;
      std::uint64_t carry = 0;
      for (std::size_t word = 0; word < m_words; ++word) {
        const std::uint64_t u = v[word] & found->second[word];
        const std::uint64_t with_carry = v[word] + carry;
        const std::uint64_t sum = with_carry + u;
        carry = (with_carry < carry || sum < u) ? 1 : 0;
        v[word] = sum | (v[word] & ~u);
      }
    }
    std::size_t common = 0;
    for (std::size_t word = 0; word < m_words; ++word) {
      const std::size_t bits = std::min<std::size_t>(64, m_length - word * 64);
      const std::uint64_t valid = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
      common += static_cast<std::size_t>(std::popcount(~v[word] & valid));
    }
    return common;
  }

  [[nodiscard]] std::size_t distance(std::u32string_view text) const {
    return m_length + text.size() - 2 * lcs(text);
  }

 private:
  std::size_t m_length;
  std::size_t m_words;
  std::unordered_map<char32_t, std::vector<std::uint64_t>> m_masks;
};

/// `ratio` of the pattern against `text`, following rapidfuzz's normalised-similarity cutoff
/// rules so that borderline scores land on the same side of the cutoff.
double cutoff_ratio(const LcsPattern& pattern, std::u32string_view text, double score_cutoff) {
  const double cutoff_sim = score_cutoff / 100;
  const double cutoff_dist = std::min(1.0, 1.0 - cutoff_sim + k_imprecision);
  const std::size_t maximum = pattern.length() + text.size();
  const std::size_t dist = pattern.distance(text);
  double norm_dist = maximum != 0 ? static_cast<double>(dist) / static_cast<double>(maximum) : 0.0;
  if (norm_dist > cutoff_dist) norm_dist = 1.0;
  const double norm_sim = 1.0 - norm_dist;
  return (norm_sim >= cutoff_sim ? norm_sim : 0.0) * 100;
}

/// The best distance over every full-length window of `longer`, or `k_unknown` when none beats
/// `cutoff_dist`. Windows are bisected and a range is skipped when its two ends prove that no
/// window inside can beat the best so far: neighbouring windows differ by at most 2.
std::size_t best_window_distance(const LcsPattern& pattern, std::u32string_view longer,
                                 std::size_t cutoff_dist) {
  const std::size_t len1 = pattern.length();
  std::vector<std::size_t> scores(longer.size() - len1, k_unknown);
  std::size_t best = k_unknown;
  auto score_at = [&](std::size_t start) {
    if (scores[start] == k_unknown) {
      scores[start] = pattern.distance(longer.substr(start, len1));
      if (scores[start] < cutoff_dist) cutoff_dist = best = scores[start];
    }
    return scores[start];
  };

  std::vector<std::pair<std::size_t, std::size_t>> windows = {{0, scores.size() - 1}};
  std::vector<std::pair<std::size_t, std::size_t>> next_windows;
  while (!windows.empty()) {
    for (const auto& [first, last] : windows) {
      const std::size_t first_score = score_at(first);
      const std::size_t last_score = score_at(last);
      if (best == 0) return 0;
      const std::size_t cell_diff = last - first;
      if (cell_diff == 1) continue;
      const std::size_t known_edits =
          first_score > last_score ? first_score - last_score : last_score - first_score;
      const std::size_t max_improvement = (cell_diff - known_edits / 2) / 2 * 2;
      const auto min_score = static_cast<std::ptrdiff_t>(std::min(first_score, last_score)) -
                             static_cast<std::ptrdiff_t>(max_improvement);
      if (min_score < static_cast<std::ptrdiff_t>(cutoff_dist)) {
        const std::size_t center = cell_diff / 2;
        next_windows.emplace_back(first, first + center);
        next_windows.emplace_back(first + center, last);
      }
    }
    std::swap(windows, next_windows);
    next_windows.clear();
  }
  return best;
}

/// One direction of partial_ratio; `shorter.size() <= longer.size()`, both non-empty.
double partial_ratio_directed(std::u32string_view shorter, std::u32string_view longer,
                              double score_cutoff) {
  const LcsPattern pattern(shorter);
  const std::size_t len1 = shorter.size();
  const std::size_t len2 = longer.size();
  double best = 0;

  if (len2 > len1) {
    const std::size_t maximum = len1 * 2;
    const double cutoff_norm = std::min(1.0, 1.0 - score_cutoff / 100 + k_imprecision);
    const auto cutoff_dist =
        static_cast<std::size_t>(std::ceil(static_cast<double>(maximum) * cutoff_norm));
    const std::size_t dist = best_window_distance(pattern, longer, cutoff_dist);
    if (dist == 0) return 100;
    if (dist != k_unknown) {
      const double score = (1.0 - static_cast<double>(dist) / static_cast<double>(maximum)) * 100;
      if (score >= score_cutoff) score_cutoff = best = score;
    }
  }

  for (std::size_t end = 1; end < len1; ++end) {
    if (!pattern.contains(longer[end - 1])) continue;
    const double score = cutoff_ratio(pattern, longer.substr(0, end), score_cutoff);
    if (score > best) {
      score_cutoff = best = score;
      if (best == 100.0) return best;
    }
  }

  for (std::size_t start = len2 - len1; start < len2; ++start) {
    if (!pattern.contains(longer[start])) continue;
    const double score = cutoff_ratio(pattern, longer.substr(start), score_cutoff);
    if (score > best) {
      score_cutoff = best = score;
      if (best == 100.0) return best;
    }
  }
  return best;
}

}  // namespace

std::size_t indel_distance(std::u32string_view a, std::u32string_view b) {
  return LcsPattern(a).distance(b);
}

double ratio(std::u32string_view a, std::u32string_view b, double score_cutoff) {
  return cutoff_ratio(LcsPattern(a), b, score_cutoff);
}

double partial_ratio(std::u32string_view a, std::u32string_view b, double score_cutoff) {
  if (a.size() > b.size()) std::swap(a, b);
  if (score_cutoff > 100) return 0;
  if (a.empty() || b.empty()) return a.size() == b.size() ? 100 : 0;

  double score = partial_ratio_directed(a, b, score_cutoff);
  if (score != 100 && a.size() == b.size()) {
    const double reverse = partial_ratio_directed(b, a, std::max(score_cutoff, score));
    if (reverse > score) return reverse;
  }
  return score;
}

}  // namespace quire::matching
