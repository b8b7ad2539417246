#include "consumer/title_template.hpp"

#include "media/template/filters.hpp"
#include "media/template/template.hpp"

#include <filesystem>

namespace quire::consumer {
namespace {

using media::tmpl::Value;

Value name_or_none(const std::optional<std::string>& name) {
  return Value(name.value_or("None"));
}

std::string formatted(const Value& moment, std::string_view format) {
  auto text = media::tmpl::format_datetime(moment, format);
  return text ? *text : std::string();
}

}  // namespace

Result<std::string> render_title(std::string_view title_template,
                                 const TitlePlaceholders& placeholders) {
  auto parsed = media::tmpl::Template::parse(title_template);
  if (!parsed) return fail(parsed.error());

  const Value local_added(placeholders.added + placeholders.utc_offset);
  const std::string stem = std::filesystem::path(placeholders.filename).stem().string();
  media::tmpl::Object context;
  auto& fields = context.fields;
  fields["correspondent"] = name_or_none(placeholders.correspondent);
  fields["document_type"] = name_or_none(placeholders.document_type);
  fields["owner_username"] = name_or_none(placeholders.owner_username);
  fields["added"] = Value(formatted(local_added, "%Y-%m-%dT%H:%M:%S"));
  fields["added_year"] = Value(formatted(local_added, "%Y"));
  fields["added_year_short"] = Value(formatted(local_added, "%y"));
  fields["added_month"] = Value(formatted(local_added, "%m"));
  fields["added_month_name"] = Value(formatted(local_added, "%B"));
  fields["added_month_name_short"] = Value(formatted(local_added, "%b"));
  fields["added_day"] = Value(formatted(local_added, "%d"));
  fields["added_time"] = Value(formatted(local_added, "%H:%M"));
  fields["original_filename"] = Value(stem);
  fields["filename"] = Value(stem);
  return parsed->render(context);
}

std::string truncate_characters(std::string_view title, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t pos = 0; pos < title.size(); ++pos) {
    // Count lead bytes only; continuation bytes (10xxxxxx) belong to the previous character.
    if ((static_cast<unsigned char>(title[pos]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return std::string(title.substr(0, pos));
    ++chars;
  }
  return std::string(title);
}

}  // namespace quire::consumer
