#pragma once

#include "core/ids.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace quire {

/// A stored document: one row of `documents_document` plus its tag ids.
struct Document {
  DocumentId id = 0;
  std::string title;    ///< at most 128 characters
  std::string content;  ///< extracted plain text
  std::optional<CorrespondentId> correspondent_id;
  std::optional<DocumentTypeId> document_type_id;
  std::optional<StoragePathId> storage_path_id;
  std::vector<TagId> tag_ids;
  Date created{};
  Timestamp modified{};
  Timestamp added{};
  std::string mime_type;
  std::string checksum;                         ///< MD5 hex of the original
  std::optional<std::string> archive_checksum;  ///< MD5 hex of the archive PDF
  std::optional<int> page_count;
  std::string storage_type = "unencrypted";  ///< or "gpg" for legacy encrypted files
  std::optional<std::string> filename;          ///< relative to the originals folder
  std::optional<std::string> archive_filename;  ///< relative to the archive folder
  std::optional<std::string> original_filename;
  std::optional<std::uint32_t> archive_serial_number;
  std::optional<UserId> owner_id;
  std::optional<Timestamp> deleted_at;  ///< set while the document is in the trash
  std::optional<Timestamp> restored_at;
  std::optional<std::string> transaction_id;
};

}  // namespace quire
