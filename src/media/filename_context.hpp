#pragma once

#include "core/ids.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace quire::media {

/// A correspondent, document type or storage path as file-name templates see it.
struct NamedRef {
  Id id = 0;
  std::string name;
};

struct OwnerRef {
  UserId id = 0;
  std::string username;
};

struct TagRef {
  TagId id = 0;
  std::string name;
};

/// The value of one custom-field instance. `std::monostate` is an attached field without a
/// value. Select fields carry the *label* of the chosen option (the caller resolves the id).
using CustomFieldData = std::variant<std::monostate, bool, std::int64_t, double, std::string, Date,
                                     std::vector<DocumentId>>;

struct CustomFieldRef {
  std::string name;       ///< the field's name, unsanitised
  std::string data_type;  ///< "string", "url", "date", "boolean", "integer", "float",
                          ///< "monetary", "documentlink", "select", "longtext"
  CustomFieldData value;
};

/// Everything a file-name template may read about one document (admin.md §9.3). Plain data:
/// the caller (the consumer or the renamer) fills it from the database; nothing here touches
/// a repository. Text is given raw; sanitising happens when the template context is built.
struct FilenameContext {
  DocumentId id = 0;
  std::string title;
  std::string content;
  std::optional<NamedRef> correspondent;
  std::optional<NamedRef> document_type;
  std::optional<NamedRef> storage_path;
  std::optional<std::string> storage_path_template;  ///< the storage path's `path`, if any
  std::optional<std::uint32_t> archive_serial_number;
  std::optional<OwnerRef> owner;
  std::optional<std::string> original_filename;
  std::string mime_type;
  std::string checksum;
  std::optional<std::string> archive_checksum;
  std::optional<int> page_count;
  std::optional<std::string> filename;          ///< current original name, if stored
  std::optional<std::string> archive_filename;  ///< current archive name, if any
  Date created{};
  Timestamp added{};
  Date added_local{};  ///< `added` as a date in PAPERLESS_TIME_ZONE
  Timestamp modified{};
  std::vector<TagRef> tags;  ///< ordered by name in the database collation
  std::vector<CustomFieldRef> custom_fields;
};

/// A representative document with every field set, used to validate storage-path templates
/// before they are saved (paperless-ngx validates against such a dummy document too).
[[nodiscard]] FilenameContext sample_filename_context();

}  // namespace quire::media
