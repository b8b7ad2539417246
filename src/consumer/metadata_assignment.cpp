#include "consumer/metadata_assignment.hpp"

#include "matching/matcher.hpp"
#include "storage/correspondent_repository.hpp"
#include "storage/document_type_repository.hpp"
#include "storage/storage_path_repository.hpp"
#include "storage/tag_repository.hpp"

#include <algorithm>
#include <unordered_map>

namespace quire::consumer {
namespace {

// A consumed document's owner sees its own and unowned objects.
// TODO(compat): objects shared with the owner through object permissions (guardian tables)
// are not candidates yet; paperless-ngx includes them.
template <typename T>
std::vector<T> visible_to(const std::vector<T>& objects, const std::optional<UserId>& owner) {
  if (!owner) return objects;
  std::vector<T> visible;
  std::copy_if(objects.begin(), objects.end(), std::back_inserter(visible),
               [&](const T& object) { return !object.owner_id || object.owner_id == owner; });
  return visible;
}

// Rule A of pipeline.md §9: keep a value that is already set, else take the first match.
template <typename T>
void assign_first_match(std::optional<Id>& field, const std::vector<T>& candidates,
                        const Document& document) {
  if (field) return;
  const auto visible = visible_to(candidates, document.owner_id);
  const auto matched = matching::matching_ids(visible, document.content);
  if (!matched.empty()) field = matched.front();
}

void add_tags(Document& document, const std::vector<TagId>& tag_ids,
              const std::vector<Tag>& all_tags) {
  std::vector<TagId> combined = document.tag_ids;
  combined.insert(combined.end(), tag_ids.begin(), tag_ids.end());
  document.tag_ids = with_ancestors(combined, all_tags);
}

void apply_overrides(Document& document, const MetadataOverrides& overrides,
                     const std::vector<Tag>& all_tags) {
  if (overrides.correspondent_id) document.correspondent_id = overrides.correspondent_id;
  if (overrides.document_type_id) document.document_type_id = overrides.document_type_id;
  if (overrides.storage_path_id) document.storage_path_id = overrides.storage_path_id;
  if (overrides.tag_ids) add_tags(document, *overrides.tag_ids, all_tags);
  if (overrides.asn) document.archive_serial_number = static_cast<std::uint32_t>(*overrides.asn);
  if (overrides.owner_id) document.owner_id = overrides.owner_id;
}

std::vector<TagId> inbox_tag_ids(const std::vector<Tag>& visible_tags) {
  std::vector<TagId> ids;
  for (const Tag& tag : visible_tags) {
    if (tag.is_inbox_tag) ids.push_back(tag.id);
  }
  return ids;
}

}  // namespace

Result<MatchingCandidates> load_matching_candidates(storage::ReadContext& context) {
  MatchingCandidates candidates;
  auto correspondents = storage::CorrespondentRepository::list(context);
  if (!correspondents) return fail(correspondents.error());
  auto document_types = storage::DocumentTypeRepository::list(context);
  if (!document_types) return fail(document_types.error());
  auto tags = storage::TagRepository::list(context);
  if (!tags) return fail(tags.error());
  auto storage_paths = storage::StoragePathRepository::list(context);
  if (!storage_paths) return fail(storage_paths.error());

  candidates.correspondents = std::move(*correspondents);
  candidates.document_types = std::move(*document_types);
  candidates.tags = std::move(*tags);
  candidates.storage_paths = std::move(*storage_paths);
  return candidates;
}

void assign_metadata(Document& document, const MetadataOverrides& overrides,
                     const MatchingCandidates& candidates) {
  apply_overrides(document, overrides, candidates.tags);

  const auto visible_tags = visible_to(candidates.tags, document.owner_id);
  add_tags(document, inbox_tag_ids(visible_tags), candidates.tags);

  assign_first_match(document.correspondent_id, candidates.correspondents, document);
  assign_first_match(document.document_type_id, candidates.document_types, document);
  add_tags(document, matching::matching_ids(visible_tags, document.content), candidates.tags);
  assign_first_match(document.storage_path_id, candidates.storage_paths, document);
}

std::vector<TagId> with_ancestors(const std::vector<TagId>& tag_ids,
                                  const std::vector<Tag>& all_tags) {
  std::unordered_map<TagId, std::optional<TagId>> parent_of;
  for (const Tag& tag : all_tags) parent_of[tag.id] = tag.parent_id;

  std::vector<TagId> result;
  const auto add_once = [&result](TagId id) {
    if (std::find(result.begin(), result.end(), id) == result.end()) result.push_back(id);
  };
  for (const TagId id : tag_ids) {
    add_once(id);
    // The hierarchy is at most five levels deep; the bound also stops a corrupt cycle.
    std::optional<TagId> parent = parent_of.count(id) ? parent_of[id] : std::nullopt;
    for (int level = 0; parent && level < 16; ++level) {
      add_once(*parent);
      parent = parent_of.count(*parent) ? parent_of[*parent] : std::nullopt;
    }
  }
  return result;
}

}  // namespace quire::consumer
