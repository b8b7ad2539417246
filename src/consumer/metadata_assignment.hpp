#pragma once

#include "consumer/consume_request.hpp"
#include "core/document.hpp"
#include "core/error.hpp"
#include "core/objects.hpp"

#include <vector>

namespace quire::storage {
class ReadContext;
}

namespace quire::consumer {

/// The matching objects a consumption chooses from, each list ordered by name as paperless-ngx
/// orders candidates.
struct MatchingCandidates {
  std::vector<Correspondent> correspondents;
  std::vector<DocumentType> document_types;
  std::vector<Tag> tags;
  std::vector<StoragePath> storage_paths;
};

/// Loads every correspondent, document type, tag and storage path.
[[nodiscard]] Result<MatchingCandidates> load_matching_candidates(storage::ReadContext& context);

/// Applies `overrides` to `document` (pipeline.md §4.5 step 9.2: correspondent, type, storage
/// path, tags with their ancestors, ASN, owner), then the consumption handlers of §9 in order:
/// inbox tags, correspondent, document type, matching tags, storage path. Single-valued fields
/// already set (by an override) are kept; otherwise the first matching candidate by name wins.
/// Only candidates the document's owner may see take part (all when there is no owner).
/// `document.content` must already hold the text. Tag ids come out without duplicates.
void assign_metadata(Document& document, const MetadataOverrides& overrides,
                     const MatchingCandidates& candidates);

/// `tag_ids` plus every ancestor of each, without duplicates, in first-seen order.
[[nodiscard]] std::vector<TagId> with_ancestors(const std::vector<TagId>& tag_ids,
                                                const std::vector<Tag>& all_tags);

}  // namespace quire::consumer
