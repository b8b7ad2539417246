#pragma once

#include <cstddef>
#include <string_view>

namespace quire::matching {

/// The indel distance (insertions and deletions only) between `a` and `b`:
/// `|a| + |b| - 2 * LCS(a, b)`.
[[nodiscard]] std::size_t indel_distance(std::u32string_view a, std::u32string_view b);

/// rapidfuzz's `fuzz.ratio`: `100 * (1 - indel / (|a| + |b|))`, or 100 for two empty strings.
/// Scores below `score_cutoff` are reported as 0.
[[nodiscard]] double ratio(std::u32string_view a, std::u32string_view b, double score_cutoff = 0);

/// rapidfuzz 3.14's `fuzz.partial_ratio`: the best `ratio` of the shorter string against every
/// window of the longer one of the same length, and against the partial windows at both ends
/// (prefixes ending, and suffixes starting, with a character of the shorter string). With equal
/// lengths both directions are tried. Empty against non-empty is 0, two empty strings 100, and
/// scores below `score_cutoff` are 0. Strings are sequences of code points, as Python's `str`.
[[nodiscard]] double partial_ratio(std::u32string_view a, std::u32string_view b,
                                   double score_cutoff = 0);

}  // namespace quire::matching
