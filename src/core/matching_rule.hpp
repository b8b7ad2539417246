#pragma once

#include <string>

namespace quire {

/// How a correspondent, document type, tag, storage path or workflow trigger decides that it
/// applies to a document. The numeric values are stored and exchanged as paperless-ngx does.
enum class MatchingAlgorithm : int {
  none = 0,       ///< never matches automatically
  any = 1,        ///< any of the words (quoted phrases stay together)
  all = 2,        ///< all of the words, in any order
  literal = 3,    ///< the whole text, bounded by word boundaries
  regex = 4,      ///< a Python-dialect regular expression searched anywhere
  fuzzy = 5,      ///< punctuation-stripped partial ratio of at least 90
  automatic = 6,  ///< decided by the trained classifier
};

/// The matching columns shared by the four matching models.
struct MatchingRule {
  std::string match;
  MatchingAlgorithm algorithm = MatchingAlgorithm::any;
  bool is_insensitive = true;
};

}  // namespace quire
