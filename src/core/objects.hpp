#pragma once

#include "core/ids.hpp"
#include "core/matching_rule.hpp"

#include <optional>
#include <string>

namespace quire {

/// Fields common to correspondents, document types, tags and storage paths.
struct MatchingObject {
  Id id = 0;
  std::string name;
  MatchingRule rule;
  std::optional<UserId> owner_id;
};

struct Correspondent : MatchingObject {};

struct DocumentType : MatchingObject {};

struct Tag : MatchingObject {
  std::string color = "#a6cee3";
  bool is_inbox_tag = false;
  std::optional<TagId> parent_id;  ///< hierarchy; deleting a tag deletes its subtree
};

struct StoragePath : MatchingObject {
  std::string path;  ///< file-name template, without extension
};

}  // namespace quire
