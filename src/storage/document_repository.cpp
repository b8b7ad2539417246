#include "storage/document_repository.hpp"

#include "storage/session.hpp"
#include "storage/sql_values.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <map>
#include <set>

namespace quire::storage {
namespace {

constexpr std::string_view k_table = "documents_document";
constexpr std::size_t k_max_title = 128;
constexpr std::int64_t k_max_asn = 4294967295;

// Everything but id, in the order of `document_values` and `decode` (after id).
constexpr std::array<std::string_view, 21> k_columns = {
    "title",
    "content",
    "correspondent_id",
    "document_type_id",
    "storage_path_id",
    "created",
    "modified",
    "added",
    "mime_type",
    "checksum",
    "archive_checksum",
    "page_count",
    "storage_type",
    "filename",
    "archive_filename",
    "original_filename",
    "archive_serial_number",
    "owner_id",
    "deleted_at",
    "restored_at",
    "transaction_id",
};

std::string select_list() {
  std::string list = "id";
  for (const std::string_view column : k_columns) {
    list += fmt::format(", {}", column);
  }
  return list;
}

Timestamp now() {
  return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

SqlParams document_values(const Document& document, Timestamp added, Timestamp modified) {
  return {
      to_sql(document.title),
      to_sql(document.content),
      to_sql(document.correspondent_id),
      to_sql(document.document_type_id),
      to_sql(document.storage_path_id),
      to_sql(document.created),
      to_sql(modified),
      to_sql(added),
      to_sql(document.mime_type),
      to_sql(document.checksum),
      to_sql(document.archive_checksum),
      to_sql(document.page_count),
      to_sql(document.storage_type),
      to_sql(document.filename),
      to_sql(document.archive_filename),
      to_sql(document.original_filename),
      to_sql(document.archive_serial_number),
      to_sql(document.owner_id),
      to_sql(document.deleted_at),
      to_sql(document.restored_at),
      to_sql(document.transaction_id),
  };
}

Document decode(RowReader& reader) {
  Document document;
  document.id = reader.integer();
  document.title = reader.text();
  document.content = reader.text();
  document.correspondent_id = reader.optional_integer();
  document.document_type_id = reader.optional_integer();
  document.storage_path_id = reader.optional_integer();
  document.created = reader.date();
  document.modified = reader.timestamp();
  document.added = reader.timestamp();
  document.mime_type = reader.text();
  document.checksum = reader.text();
  document.archive_checksum = reader.optional_text();
  const auto page_count = reader.optional_integer();
  document.page_count =
      page_count ? std::optional<int>(static_cast<int>(*page_count)) : std::nullopt;
  document.storage_type = reader.text();
  document.filename = reader.optional_text();
  document.archive_filename = reader.optional_text();
  document.original_filename = reader.optional_text();
  const auto asn = reader.optional_integer();
  if (asn && *asn >= 0 && *asn <= k_max_asn) {
    document.archive_serial_number = static_cast<std::uint32_t>(*asn);
  }
  document.owner_id = reader.optional_integer();
  document.deleted_at = reader.optional_timestamp();
  document.restored_at = reader.optional_timestamp();
  document.transaction_id = reader.optional_text();
  return document;
}

Status validate(const Document& document) {
  if (character_count(document.title) > k_max_title) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("document title '{}' is longer than {} characters", document.title,
                            k_max_title));
  }
  if (document.checksum.empty()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("document '{}' has no checksum", document.title));
  }
  return {};
}

// Rewords a uniqueness failure so that it names the document instead of the SQL.
Error explain_conflict(Error error, const Document& document) {
  if (error.code != ErrorCode::conflict) {
    return error;
  }
  // Only the database's part of the message: the statement text before it names every column.
  const auto reason = error.message.find("constraint: ");
  const std::string_view database_part =
      std::string_view(error.message).substr(reason == std::string::npos ? 0 : reason);
  const auto mentions = [&](std::string_view column) {
    return database_part.find(column) != std::string_view::npos;
  };
  std::string what = "a unique value";
  if (mentions("archive_serial_number")) {
    what = fmt::format("archive serial number {}", document.archive_serial_number.value_or(0));
  } else if (mentions("archive_filename")) {
    what = fmt::format("archive filename '{}'", document.archive_filename.value_or(""));
  } else if (mentions("filename")) {
    what = fmt::format("filename '{}'", document.filename.value_or(""));
  } else if (mentions("checksum")) {
    what = fmt::format("checksum {}", document.checksum);
  }
  return {
      ErrorCode::conflict,
      fmt::format("document '{}' uses {} that another document already has", document.title, what)};
}

Status expect_changed(const Result<std::int64_t>& changed, DocumentId id) {
  if (!changed) {
    return fail(changed.error());
  }
  if (*changed == 0) {
    return fail(ErrorCode::not_found, fmt::format("no document with id {}", id));
  }
  return {};
}

Status replace_tags(Session& session, DocumentId id, const std::vector<TagId>& tag_ids) {
  auto removed =
      session.execute("DELETE FROM documents_document_tags WHERE document_id = :id", {to_sql(id)});
  if (!removed) {
    return fail(removed.error());
  }
  for (const TagId tag_id : std::set<TagId>(tag_ids.begin(), tag_ids.end())) {
    auto linked = session.execute(
        "INSERT INTO documents_document_tags (document_id, tag_id) VALUES (:document, :tag)",
        {to_sql(id), to_sql(tag_id)});
    if (!linked) {
      return fail(linked.error().code, fmt::format("cannot link tag {} to document {}: {}", tag_id,
                                                   id, linked.error().message));
    }
  }
  return {};
}

// Fills `tag_ids` of `documents` (sorted by id) with one query over their id range.
Status load_tags(Session& session, std::vector<Document>& documents) {
  if (documents.empty()) {
    return {};
  }
  auto rows = session.query(
      "SELECT document_id, tag_id FROM documents_document_tags "
      "WHERE document_id BETWEEN :first AND :last ORDER BY document_id, tag_id",
      2, {to_sql(documents.front().id), to_sql(documents.back().id)});
  if (!rows) {
    return fail(rows.error());
  }
  std::map<DocumentId, std::vector<TagId>> tags;
  for (const SqlRow& row : *rows) {
    RowReader reader(row, "documents_document_tags");
    const auto document_id = reader.integer();
    const auto tag_id = reader.integer();
    if (const Status status = reader.status(); !status) {
      return status;
    }
    tags[document_id].push_back(tag_id);
  }
  for (Document& document : documents) {
    if (auto found = tags.find(document.id); found != tags.end()) {
      document.tag_ids = std::move(found->second);
    }
  }
  return {};
}

// `tail` is appended to `SELECT <columns> FROM documents_document`.
Result<std::vector<Document>> select_documents(Session& session, std::string_view tail,
                                               const SqlParams& params) {
  auto rows = session.query(fmt::format("SELECT {} FROM {} {}", select_list(), k_table, tail),
                            k_columns.size() + 1, params);
  auto documents = decode_rows<Document>(std::move(rows), k_table, decode);
  if (documents) {
    if (const Status tagged = load_tags(session, *documents); !tagged) {
      return fail(tagged.error());
    }
  }
  return documents;
}

Result<std::optional<DocumentMatch>> select_match(Session& session, std::string_view where,
                                                  const SqlParams& params) {
  auto document = first_or_none(
      select_documents(session, fmt::format("{} ORDER BY id LIMIT 1", where), params));
  if (!document) {
    return fail(document.error());
  }
  if (!*document) {
    return std::optional<DocumentMatch>{};
  }
  const bool in_trash = (*document)->deleted_at.has_value();
  return std::optional<DocumentMatch>(DocumentMatch{std::move(**document), in_trash});
}

}  // namespace

Result<DocumentId> DocumentRepository::insert(WriteContext& context, const Document& document) {
  if (const Status valid = validate(document); !valid) {
    return fail(valid.error());
  }
  std::string columns;
  std::string placeholders;
  for (const std::string_view column : k_columns) {
    columns += fmt::format("{}{}", columns.empty() ? "" : ", ", column);
    placeholders += fmt::format("{}:{}", placeholders.empty() ? "" : ", ", column);
  }
  const Timestamp stamp = now();
  const Timestamp added = document.added == Timestamp{} ? stamp : document.added;

  Session& session = context.session();
  auto id =
      session.insert(fmt::format("INSERT INTO {} ({}) VALUES ({})", k_table, columns, placeholders),
                     document_values(document, added, stamp));
  if (!id) {
    return fail(explain_conflict(std::move(id.error()), document));
  }
  if (const Status tagged = replace_tags(session, *id, document.tag_ids); !tagged) {
    return fail(tagged.error());
  }
  return *id;
}

Status DocumentRepository::update(WriteContext& context, const Document& document) {
  if (const Status valid = validate(document); !valid) {
    return valid;
  }
  std::string assignments;
  for (const std::string_view column : k_columns) {
    assignments += fmt::format("{}{} = :{}", assignments.empty() ? "" : ", ", column, column);
  }
  SqlParams params = document_values(document, document.added, now());
  params.push_back(to_sql(document.id));

  Session& session = context.session();
  auto changed =
      session.execute(fmt::format("UPDATE {} SET {} WHERE id = :id", k_table, assignments), params);
  if (!changed) {
    return fail(explain_conflict(std::move(changed.error()), document));
  }
  if (const Status found = expect_changed(changed, document.id); !found) {
    return found;
  }
  return replace_tags(session, document.id, document.tag_ids);
}

Result<std::optional<Document>> DocumentRepository::get(ReadContext& context, DocumentId id,
                                                        Trash trash) {
  const std::string_view where =
      trash == Trash::include ? "WHERE id = :id" : "WHERE id = :id AND deleted_at IS NULL";
  return first_or_none(select_documents(context.session(), where, {to_sql(id)}));
}

Result<std::optional<DocumentMatch>> DocumentRepository::find_by_checksum_or_archive_checksum(
    ReadContext& context, std::string_view md5) {
  const std::string value(md5);
  return select_match(context.session(),
                      "WHERE checksum = :checksum OR archive_checksum = :archive",
                      {to_sql(value), to_sql(value)});
}

Result<std::optional<DocumentMatch>> DocumentRepository::find_by_asn(ReadContext& context,
                                                                     std::uint32_t asn) {
  return select_match(context.session(), "WHERE archive_serial_number = :asn",
                      {to_sql(std::int64_t{asn})});
}

Result<std::vector<DocumentId>> DocumentRepository::list_live_ids(ReadContext& context) {
  auto rows = context.session().query(
      "SELECT id FROM documents_document WHERE deleted_at IS NULL ORDER BY id", 1);
  return decode_rows<DocumentId>(std::move(rows), k_table,
                                 [](RowReader& reader) { return reader.integer(); });
}

Result<std::vector<Document>> DocumentRepository::list_live(ReadContext& context, DocumentId after,
                                                            std::size_t limit) {
  constexpr auto k_no_limit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  const auto bounded = static_cast<std::int64_t>(std::min(limit, k_no_limit));
  return select_documents(context.session(),
                          "WHERE deleted_at IS NULL AND id > :after ORDER BY id LIMIT :limit",
                          {to_sql(after), to_sql(bounded)});
}

Status DocumentRepository::set_filenames(WriteContext& context, DocumentId id,
                                         const std::optional<std::string>& filename,
                                         const std::optional<std::string>& archive_filename) {
  auto changed = context.session().execute(
      "UPDATE documents_document SET filename = :filename, archive_filename = :archive "
      "WHERE id = :id",
      {to_sql(filename), to_sql(archive_filename), to_sql(id)});
  if (!changed && changed.error().code == ErrorCode::conflict) {
    return fail(ErrorCode::conflict,
                fmt::format("document {}: filename '{}' or archive filename '{}' is already used",
                            id, filename.value_or(""), archive_filename.value_or("")));
  }
  return expect_changed(changed, id);
}

Status DocumentRepository::set_checksums(WriteContext& context, DocumentId id,
                                         std::string_view checksum,
                                         const std::optional<std::string>& archive_checksum) {
  if (checksum.empty()) {
    return fail(ErrorCode::invalid_argument, fmt::format("document {}: empty checksum", id));
  }
  auto changed = context.session().execute(
      "UPDATE documents_document SET checksum = :checksum, archive_checksum = :archive "
      "WHERE id = :id",
      {to_sql(std::string(checksum)), to_sql(archive_checksum), to_sql(id)});
  if (!changed && changed.error().code == ErrorCode::conflict) {
    return fail(ErrorCode::conflict,
                fmt::format("document {}: checksum {} belongs to another document", id, checksum));
  }
  return expect_changed(changed, id);
}

Status DocumentRepository::hard_delete(WriteContext& context, DocumentId id) {
  return expect_changed(
      context.session().execute("DELETE FROM documents_document WHERE id = :id", {to_sql(id)}), id);
}

Result<std::uint32_t> DocumentRepository::next_asn(ReadContext& context) {
  auto highest =
      context.session().query_integer("SELECT MAX(archive_serial_number) FROM documents_document");
  if (!highest) {
    return fail(highest.error());
  }
  const std::int64_t next = highest->value_or(0) + 1;
  if (next > k_max_asn) {
    return fail(ErrorCode::conflict, "archive serial numbers are exhausted (4294967295 is used)");
  }
  return static_cast<std::uint32_t>(next);
}

}  // namespace quire::storage
