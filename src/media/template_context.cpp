#include "media/template_context.hpp"

#include "media/sanitize.hpp"
#include "media/template/filters.hpp"
#include "media/template/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace quire::media {
namespace {

using tmpl::Value;

std::string clean_name(std::string_view name) { return sanitize_filename(tmpl::unicode_nfc(name)); }

Value optional_text(const std::optional<std::string>& text) {
  return text ? Value(*text) : Value(tmpl::None{});
}

Value named_object(const std::optional<NamedRef>& ref, const std::optional<std::string>& path) {
  if (!ref) return Value(tmpl::None{});
  std::map<std::string, Value, std::less<>> fields = {{"id", Value(ref->id)},
                                                      {"name", Value(ref->name)}};
  if (path) fields["path"] = Value(*path);
  return tmpl::make_object(std::move(fields), ref->name);
}

/// `document`: the raw document, unsanitised, restricted to plain data.
Value document_object(const FilenameContext& context) {
  tmpl::List tags;
  for (const TagRef& tag : context.tags) {
    tags.push_back(tmpl::make_object({{"id", Value(tag.id)}, {"name", Value(tag.name)}}));
  }
  std::map<std::string, Value, std::less<>> fields = {
      {"id", Value(context.id)},
      {"pk", Value(context.id)},
      {"title", Value(context.title)},
      {"content", Value(context.content)},
      {"page_count", context.page_count ? Value(*context.page_count) : Value(tmpl::None{})},
      {"created", Value(context.created)},
      {"added", Value(context.added)},
      {"modified", Value(context.modified)},
      {"archive_serial_number", context.archive_serial_number ? Value(static_cast<std::int64_t>(
                                                                    *context.archive_serial_number))
                                                              : Value(tmpl::None{})},
      {"mime_type", Value(context.mime_type)},
      {"checksum", Value(context.checksum)},
      {"archive_checksum", optional_text(context.archive_checksum)},
      {"filename", optional_text(context.filename)},
      {"archive_filename", optional_text(context.archive_filename)},
      {"original_filename", optional_text(context.original_filename)},
      {"owner", context.owner ? tmpl::make_object({{"id", Value(context.owner->id)},
                                                   {"username", Value(context.owner->username)}})
                              : Value(tmpl::None{})},
      {"tags", Value(std::move(tags))},
      {"correspondent", named_object(context.correspondent, std::nullopt)},
      {"document_type", named_object(context.document_type, std::nullopt)},
      {"storage_path", named_object(context.storage_path, context.storage_path_template)},
  };
  return tmpl::make_object(std::move(fields));
}

/// Python's PurePath(name).with_suffix("").name: the last component without its last
/// extension; a leading dot does not start an extension.
std::string original_stem(std::string_view original) {
  const std::size_t slash = original.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? original : original.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0 && dot + 1 < name.size()) {
    name = name.substr(0, dot);
  }
  return std::string(name);
}

void add_date_parts(tmpl::Object& variables, const std::string& prefix, Date date) {
  static constexpr std::pair<std::string_view, std::string_view> k_parts[] = {
      {"_year", "%Y"},       {"_year_short", "%y"},       {"_month", "%m"},
      {"_month_name", "%B"}, {"_month_name_short", "%b"}, {"_day", "%d"}};
  const Value value(date);
  variables.fields[prefix] = Value(tmpl::repr(value));
  for (const auto& [suffix, format] : k_parts) {
    auto text = tmpl::format_datetime(value, format);
    variables.fields[prefix + std::string(suffix)] = Value(text ? *text : std::string());
  }
}

Value custom_field_value(const CustomFieldRef& field) {
  struct Convert {
    const CustomFieldRef& field;
    Value operator()(std::monostate) const { return Value(tmpl::None{}); }
    Value operator()(bool flag) const { return Value(flag); }
    Value operator()(std::int64_t number) const { return Value(number); }
    Value operator()(double number) const { return Value(number); }
    Value operator()(const std::string& text) const { return Value(clean_name(text)); }
    Value operator()(Date date) const { return Value(date); }
    Value operator()(const std::vector<DocumentId>& ids) const {
      tmpl::List list;
      for (const DocumentId id : ids) list.emplace_back(id);
      return Value(std::move(list));
    }
  };
  return std::visit(Convert{field}, field.value);
}

Value custom_fields_object(const std::vector<CustomFieldRef>& fields) {
  tmpl::Object object;
  for (const CustomFieldRef& field : fields) {
    object.fields[clean_name(field.name)] =
        tmpl::make_object({{"type", Value(sanitize_filename(field.data_type))},
                           {"value", custom_field_value(field)}});
  }
  return Value(std::move(object));
}

Value named_or_placeholder(const std::optional<NamedRef>& ref) {
  return ref ? Value(clean_name(ref->name)) : Value::placeholder();
}

}  // namespace

tmpl::Object build_template_context(const FilenameContext& context) {
  tmpl::Object variables;
  auto& fields = variables.fields;
  fields["document"] = document_object(context);
  fields["title"] = Value(clean_name(context.title));
  fields["correspondent"] = named_or_placeholder(context.correspondent);
  fields["document_type"] = named_or_placeholder(context.document_type);
  // ASN 0 counts as missing, as in paperless-ngx.
  fields["asn"] = context.archive_serial_number && *context.archive_serial_number != 0
                      ? Value(std::to_string(*context.archive_serial_number))
                      : Value::placeholder();
  fields["owner_username"] = context.owner ? Value(context.owner->username) : Value::placeholder();
  fields["original_name"] =
      context.original_filename && !context.original_filename->empty()
          ? Value(tmpl::unicode_nfc(original_stem(*context.original_filename)))
          : Value::placeholder();
  fields["doc_pk"] = Value(fmt::format("{:07d}", context.id));
  add_date_parts(variables, "created", context.created);
  add_date_parts(variables, "added", context.added_local);

  std::vector<std::string> tag_names;
  tmpl::List tag_name_list;
  for (const TagRef& tag : context.tags) {
    tag_names.push_back(tmpl::unicode_nfc(tag.name));
    tag_name_list.emplace_back(tag_names.back());
  }
  // UTF-8 byte order is code point order, which is how Python sorts the names.
  std::sort(tag_names.begin(), tag_names.end());
  fields["tag_list"] = Value(sanitize_filename(fmt::format("{}", fmt::join(tag_names, ","))));
  fields["tag_name_list"] = Value(std::move(tag_name_list));
  fields["custom_fields"] = custom_fields_object(context.custom_fields);
  return variables;
}

}  // namespace quire::media
