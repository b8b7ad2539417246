#pragma once

#include "core/ids.hpp"
#include "core/matching_rule.hpp"
#include "core/objects.hpp"

#include <concepts>
#include <string>
#include <string_view>
#include <vector>

namespace quire::matching {

/// Whether `rule` applies to a document whose text is `content`, as paperless-ngx's
/// `documents.matching.matches` decides it:
/// - an empty or whitespace-only `match` never matches;
/// - `none` and `automatic` never match here (the classifier decides `automatic`);
/// - `any` / `all`: some / every term of `split_terms(match)` occurs between word boundaries;
/// - `literal`: the untrimmed `match`, escaped, occurs between word boundaries;
/// - `regex`: `match` as a Python `re` pattern occurs anywhere; an invalid pattern is logged once
///   (error level) and never matches;
/// - `fuzzy`: punctuation stripped from both sides, `partial_ratio >= 90`.
/// `is_insensitive` selects Unicode case-insensitive comparison. Word boundaries and word
/// characters are Unicode-aware, as in Python. A term that begins or ends with a non-word
/// character (`C++`, `(GmbH)`) therefore only matches where a word character is adjacent on
/// that side; this keeps paperless-ngx's behaviour. Compiled patterns are cached across calls
/// (keyed by pattern and case mode); safe to call from several threads.
[[nodiscard]] bool matches(const MatchingRule& rule, std::string_view content);

/// The terms of an `any`/`all` rule as regex fragments: double-quoted non-empty phrases (quotes
/// dropped) and runs of non-whitespace, each trimmed, with inner whitespace runs collapsed,
/// escaped, and every space turned into `\s+` so that phrase words may be separated by any
/// whitespace, newlines included. An unbalanced quote stays part of its run.
[[nodiscard]] std::vector<std::string> split_terms(std::string_view match);

/// The ids of the candidates whose rule matches `content`, in the candidates' order (the
/// consumer passes them sorted by name). Single-valued fields take the first id, tags take all.
template <typename T>
requires std::derived_from<T, MatchingObject>
[[nodiscard]] std::vector<Id> matching_ids(const std::vector<T>& candidates,
                                           std::string_view content) {
  std::vector<Id> ids;
  for (const T& candidate : candidates) {
    if (matches(candidate.rule, content)) ids.push_back(candidate.id);
  }
  return ids;
}

}  // namespace quire::matching
