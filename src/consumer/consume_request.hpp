#pragma once

#include "core/ids.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::consumer {

/// Where a file came from (paperless-ngx's `DocumentSource`; the values are stored).
enum class DocumentSource : int { consume_folder = 1, api_upload = 2, mail_fetch = 3, web_ui = 4 };

/// Metadata chosen before parsing (by the API caller, a mail rule, barcodes or sub-folder tags).
/// An empty optional means "no override": matching rules may then decide.
struct MetadataOverrides {
  std::optional<std::string> filename;  ///< the name the document arrived with
  std::optional<std::string> title;     ///< a template (pipeline.md §4.5 step 9.1)
  std::optional<CorrespondentId> correspondent_id;
  std::optional<DocumentTypeId> document_type_id;
  std::optional<std::vector<TagId>> tag_ids;
  std::optional<StoragePathId> storage_path_id;
  std::optional<Date> created;
  std::optional<std::int64_t> asn;  ///< checked against [0, 2^32 - 1] by preflight
  std::optional<UserId> owner_id;
};

/// One file to consume, as queued by the folder watcher, the API or the mail fetcher.
struct ConsumeRequest {
  std::filesystem::path original_file;  ///< removed after a successful consumption
  DocumentSource source = DocumentSource::consume_folder;
  MetadataOverrides overrides;
  std::string task_id;  ///< UUID of the task record, for logs and scripts
};

/// What a successful consumption produced.
struct ConsumeOutcome {
  DocumentId document_id = 0;
  std::string message;  ///< "Success. New document id N created"
};

}  // namespace quire::consumer
