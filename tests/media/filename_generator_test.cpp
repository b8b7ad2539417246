#include "media/filename_generator.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace quire::media {
namespace {

using namespace std::chrono;

FilenameContext make_document(DocumentId id, std::string title) {
  FilenameContext context;
  context.id = id;
  context.title = std::move(title);
  context.mime_type = "application/pdf";
  context.checksum = "2";
  context.created = year{2020} / June / 25;
  context.added = sys_days{year{2024} / October / 1} + hours{7} + minutes{36};
  context.added_local = year{2024} / October / 1;
  context.modified = context.added;
  return context;
}

FilenameOptions format(std::string text, bool remove_none = false) {
  FilenameOptions options;
  options.format = std::move(text);
  options.remove_none = remove_none;
  return options;
}

std::string name_for(const FilenameContext& context, const FilenameOptions& options,
                     std::string_view extension = ".pdf", int counter = 0) {
  auto result = generate_filename(context, options, FileKind::original, extension, counter);
  EXPECT_TRUE(result.has_value()) << result.error().message;
  return result.value_or("<error>");
}

TEST(FilenameGeneratorTest, ConvertsLegacyFormat) {
  EXPECT_EQ(convert_legacy_format("{created_year}/{correspondent}/{title}"),
            "{{ created_year }}/{{ correspondent }}/{{ title }}");
  EXPECT_EQ(convert_legacy_format("{{ title }} {title}"), "{{ title }} {{ title }}");
  EXPECT_EQ(convert_legacy_format("{}"), "{{  }}");
  EXPECT_EQ(convert_legacy_format("{title]"), "{title]");
  EXPECT_EQ(convert_legacy_format("{created__year}"), "{{ created__year }}");
}

TEST(FilenameGeneratorTest, UsesDefaultNameWithoutFormat) {
  const auto doc = make_document(42, "x");
  EXPECT_EQ(name_for(doc, {}), "0000042.pdf");
  EXPECT_EQ(name_for(doc, {}, ".jpg", 1), "0000042_01.jpg");
  EXPECT_EQ(name_for(doc, format("")), "0000042.pdf");
  EXPECT_EQ(name_for(doc, {}, ".pdf", 100), "0000042_100.pdf");
}

TEST(FilenameGeneratorTest, RendersPaperlessExamples) {
  auto doc = make_document(1, "the_doc");
  EXPECT_EQ(name_for(doc, format("{correspondent}/{correspondent}")), "none/none.pdf");
  EXPECT_EQ(name_for(doc, format("{document_type} - {title}")), "none - the_doc.pdf");
  doc.document_type = NamedRef{1, "my_doc_type"};
  EXPECT_EQ(name_for(doc, format("{document_type} - {title}")), "my_doc_type - the_doc.pdf");
  doc.archive_serial_number = 652;
  EXPECT_EQ(name_for(doc, format("{asn} - {title}")), "652 - the_doc.pdf");
  doc.archive_serial_number = 0;
  EXPECT_EQ(name_for(doc, format("{asn} - {title}")), "none - the_doc.pdf");
  EXPECT_EQ(name_for(doc, format("{doc_pk}")), "0000001.pdf");
  EXPECT_EQ(name_for(doc, format("{created}")), "2020-06-25.pdf");
  EXPECT_EQ(name_for(doc, format("{created_year}-{created_month}-{created_day}")),
            "2020-06-25.pdf");
  EXPECT_EQ(name_for(doc, format("{added_year}-{added_month}-{added_day}")), "2024-10-01.pdf");
  EXPECT_EQ(name_for(doc, format("//etc/something/{title}")), "etc/something/the_doc.pdf");
  EXPECT_EQ(name_for(doc, format("XX{correspondent}/{title}")), "XXnone/the_doc.pdf");
}

TEST(FilenameGeneratorTest, RendersDatePartsAndNames) {
  auto doc = make_document(1, "The Title");
  doc.created = year{1989} / December / 2;
  doc.added_local = year{1984} / August / 21;
  EXPECT_EQ(name_for(doc, format("{created_year_short}/{created_month_name_short}/"
                                 "{created_month_name}/{title}")),
            "89/Dec/December/The Title.pdf");
  EXPECT_EQ(name_for(doc, format("{added_year_short}/{added_month_name}/"
                                 "{added_month_name_short}/{title}")),
            "84/August/Aug/The Title.pdf");
  EXPECT_EQ(name_for(doc, format("{owner_username}/{title}")), "none/The Title.pdf");
  doc.owner = OwnerRef{1, "user1"};
  EXPECT_EQ(name_for(doc, format("{owner_username}/{title}")), "user1/The Title.pdf");
}

TEST(FilenameGeneratorTest, RendersOriginalNameAndTags) {
  auto doc = make_document(1, "doc1");
  EXPECT_EQ(name_for(doc, format("{original_name}")), "none.pdf");
  doc.original_filename = "someepdf.pdf";
  EXPECT_EQ(name_for(doc, format("{original_name}")), "someepdf.pdf");
  doc.original_filename = "logs.txt";
  EXPECT_EQ(name_for(doc, format("{original_name}"), ".txt"), "logs.txt");
  doc.original_filename = "archive.tar.gz";
  EXPECT_EQ(name_for(doc, format("{original_name}")), "archive.tar.pdf");

  doc.tags = {TagRef{1, "tag2"}, TagRef{2, "tag1"}};
  EXPECT_EQ(name_for(doc, format("{title} {tag_list}")), "doc1 tag1,tag2.pdf");
  EXPECT_EQ(name_for(doc, format("{{ tag_name_list | join('-') }}")), "tag2-tag1.pdf");
  doc.tags.clear();
  EXPECT_EQ(name_for(doc, format("{title} {tag_list}")), "doc1.pdf");
}

TEST(FilenameGeneratorTest, SanitisesPlaceholdersButNotTemplateText) {
  auto doc = make_document(2, "my\\invalid/../title:yay");
  EXPECT_EQ(name_for(doc, format("{title}")), "my-invalid-..-title-yay.pdf");
  doc.title = "This. is the title.";
  EXPECT_EQ(name_for(doc, format("{title}")), "This. is the title.pdf");
  doc.correspondent = NamedRef{1, "A/B"};
  EXPECT_EQ(name_for(doc, format("{correspondent}/x")), "A-B/x.pdf");
}

TEST(FilenameGeneratorTest, PrefersStoragePathAndRendersComplexTemplates) {
  auto doc = make_document(2, "Does Matter");
  doc.archive_serial_number = 25;
  doc.storage_path_template = R"(
                 somepath/
                 {% if document.checksum == '2' %}
                   some where/{{created}}
                 {% else %}
                   {{added}}
                 {% endif %}
                 /{{ title }}
                 )";
  EXPECT_EQ(name_for(doc, format("ignored")), "somepath/some where/2020-06-25/Does Matter.pdf");
  doc.checksum = "5";
  EXPECT_EQ(name_for(doc, {}), "somepath/2024-10-01/Does Matter.pdf");
  doc.storage_path_template = "{{ document.title|lower }}{{ document.archive_serial_number - 2 }}";
  EXPECT_EQ(name_for(doc, {}), "does matter23.pdf");
  doc.storage_path_template = "TestFolder/{{asn}}/{{created}}";
  doc.archive_serial_number.reset();
  EXPECT_EQ(name_for(doc, format("x", true)), "TestFolder/2020-06-25.pdf");
  EXPECT_EQ(name_for(doc, format("x", false)), "TestFolder/none/2020-06-25.pdf");
}

TEST(FilenameGeneratorTest, KeepsLegacyStringCoercionOfRelatedObjects) {
  auto doc = make_document(3, "scan_017562");
  doc.storage_path = NamedRef{4, "PARTNER"};
  doc.correspondent = NamedRef{5, "mi:kochkach"};
  doc.document_type = NamedRef{6, "Mietvertrag"};
  doc.storage_path_template =
      "{{ document.storage_path|lower }} / "
      "{{ document.correspondent|lower|replace('mi:', 'mieter/') }} / "
      "{{ document_type|lower }} / {{ title|lower }}";
  EXPECT_EQ(name_for(doc, {}), "partner/mieter/kochkach/mietvertrag/scan_017562.pdf");
}

TEST(FilenameGeneratorTest, AppliesRemoveNone) {
  auto doc = make_document(2, "does not matter");
  EXPECT_EQ(name_for(doc, format("{asn} - {title}", true)), " - does not matter.pdf");
  EXPECT_EQ(name_for(doc, format("{correspondent}/{title}", true)), "does not matter.pdf");
  EXPECT_EQ(name_for(doc, format("a/{correspondent}/{title}", true)), "a/does not matter.pdf");
  EXPECT_EQ(name_for(doc, format("{title} {asn}", true)), "does not matter.pdf");
  EXPECT_EQ(name_for(doc, format("{asn}", true)), "0000002.pdf");
}

TEST(FilenameGeneratorTest, RendersCustomFields) {
  auto doc = make_document(2, "Some Title");
  doc.custom_fields = {CustomFieldRef{"Invoice", "integer", std::int64_t{1234}},
                       CustomFieldRef{"Select Field", "select", std::string("Choice/One")},
                       CustomFieldRef{"Due", "date", Date{year{2024} / October / 1}},
                       CustomFieldRef{"Empty", "string", std::monostate{}}};
  EXPECT_EQ(name_for(doc, format(R"(
      {% if "Invoice" in custom_fields %}
        invoices/{{ custom_fields | get_cf_value('Invoice') }}
      {% else %}
        not-invoices/{{ title }}
      {% endif %})")),
            "invoices/1234.pdf");
  EXPECT_EQ(name_for(doc, format("{{ title }}_{{ custom_fields | get_cf_value('Select Field') }}")),
            "Some Title_Choice-One.pdf");
  EXPECT_EQ(name_for(doc, format("{{ custom_fields | get_cf_value('Empty', 'Default') }}")),
            "Default.pdf");
  EXPECT_EQ(name_for(doc, format("{{ custom_fields | get_cf_value('Due') | datetime('%Y') }}")),
            "2024.pdf");
  EXPECT_EQ(name_for(doc, format("{{ custom_fields['Invoice'].type }}")), "integer.pdf");
}

TEST(FilenameGeneratorTest, FallsBackOnBrokenTemplates) {
  const auto doc = make_document(1, "t");
  EXPECT_EQ(name_for(doc, format("{% if x is None %}/{title]")), "0000001.pdf");
  EXPECT_EQ(name_for(doc, format("{created__year}")), "0000001.pdf");
  EXPECT_EQ(name_for(doc, format("{}")), "0000001.pdf");
  EXPECT_EQ(name_for(doc, format("{{creation_date}}/{{ title_name_str }}")), "0000001.pdf");
  EXPECT_EQ(name_for(doc, format("{{created}}/{{ document.save() }}")), "0000001.pdf");
  EXPECT_EQ(name_for(doc, format("{{ ''.__class__ }}")), "0000001.pdf");
}

TEST(FilenameGeneratorTest, NeverLeavesTheMediaFolder) {
  auto doc = make_document(7, "t");
  EXPECT_EQ(name_for(doc, format("../../etc/passwd")), "0000007.pdf");
  EXPECT_EQ(name_for(doc, format("a/../../{title}")), "0000007.pdf");
  EXPECT_EQ(name_for(doc, format("/etc/passwd")), "etc/passwd.pdf");
  EXPECT_EQ(name_for(doc, format("a/./b//{title}")), "a/b/t.pdf");
  EXPECT_EQ(name_for(doc, format(std::string("x\0y/{title}", 11))), "x-y/t.pdf");
  EXPECT_EQ(name_for(doc, format("a\tb")), "a-b.pdf");
  doc.storage_path_template = "{{ document.title }}";
  doc.title = "../../../etc/shadow";
  EXPECT_EQ(name_for(doc, {}), "0000007.pdf");
  doc.title = "..";
  EXPECT_EQ(name_for(doc, {}), "0000007.pdf");
}

TEST(FilenameGeneratorTest, LimitsComponentAndPathLength) {
  auto doc = make_document(8, std::string(300, 'a'));
  const std::string name = name_for(doc, format("{title}"), ".pdf", 3);
  EXPECT_EQ(name, std::string(248, 'a') + "_03.pdf");
  EXPECT_EQ(name.size(), 255u);

  doc.storage_path_template = "{{ 'b' * 300 }}/{{ title }}";
  const std::string nested = name_for(doc, {});
  EXPECT_EQ(nested.substr(0, 256), std::string(255, 'b') + "/");

  std::string deep;
  for (int i = 0; i < 10; ++i) deep += std::string(200, 'c') + "/";
  doc.storage_path_template = deep + "{{ title }}";
  EXPECT_EQ(name_for(doc, {}), "0000008.pdf");
}

TEST(FilenameGeneratorTest, RejectsBadExtensionsAndCounters) {
  const auto doc = make_document(1, "t");
  EXPECT_FALSE(generate_filename(doc, {}, FileKind::original, "../x", 0).has_value());
  EXPECT_FALSE(generate_filename(doc, {}, FileKind::original, "pdf", 0).has_value());
  EXPECT_FALSE(generate_filename(doc, {}, FileKind::original, ".pdf", -1).has_value());
  EXPECT_EQ(generate_filename(doc, {}, FileKind::archive, "../x", 0).value(), "0000001.pdf");
}

TEST(FilenameGeneratorTest, ValidatesStoragePathTemplates) {
  EXPECT_TRUE(validate_filename_template("{{ created_year }}/{{ correspondent }}/{{ title }}"));
  EXPECT_TRUE(validate_filename_template(
      "{{ custom_fields | get_cf_value('Text Custom Field') }}/{{ tag_list }}"));
  auto invalid = validate_filename_template("{{ nope }}");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(invalid.error().message, "Invalid variable detected.");
  EXPECT_FALSE(validate_filename_template("{% if %}"));
  EXPECT_FALSE(validate_filename_template("../{{ title }}"));
}

void touch(const std::filesystem::path& path) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << "x";
}

TEST(FilenameGeneratorTest, AddsCollisionCounter) {
  test::TempDir root;
  auto doc = make_document(1, "qwe");
  const auto options = format("{title}");
  auto first = unique_filename(doc, options, FileKind::original, ".pdf", root.path());
  EXPECT_EQ(first.value(), "qwe.pdf");
  touch(root.path() / "qwe.pdf");

  auto second = unique_filename(doc, options, FileKind::original, ".pdf", root.path());
  EXPECT_EQ(second.value(), "qwe_01.pdf");
  touch(root.path() / "qwe_01.pdf");
  EXPECT_EQ(unique_filename(doc, options, FileKind::original, ".pdf", root.path()).value(),
            "qwe_02.pdf");

  doc.filename = "qwe.pdf";
  EXPECT_EQ(unique_filename(doc, options, FileKind::original, ".pdf", root.path()).value(),
            "qwe.pdf");

  doc.filename.reset();
  const auto taken = [](const std::string& name) { return name == "qwe_02.pdf"; };
  EXPECT_EQ(unique_filename(doc, options, FileKind::original, ".pdf", root.path(), taken).value(),
            "qwe_03.pdf");
}

TEST(FilenameGeneratorTest, ArchiveNameMirrorsOriginal) {
  test::TempDir root;
  auto doc = make_document(42, "my_doc");
  doc.filename = "0000042_01.png";
  EXPECT_EQ(unique_filename(doc, {}, FileKind::archive, ".png", root.path()).value(),
            "0000042_01.pdf");

  doc.correspondent.reset();
  doc.filename = "none/my_doc.jpg";
  const auto options = format("{correspondent}/{title}");
  EXPECT_EQ(unique_filename(doc, options, FileKind::archive, ".jpg", root.path()).value(),
            "none/my_doc.pdf");
  touch(root.path() / "none" / "my_doc.pdf");
  EXPECT_EQ(unique_filename(doc, options, FileKind::archive, ".jpg", root.path()).value(),
            "none/my_doc_01.pdf");
  doc.archive_filename = "none/my_doc.pdf";
  EXPECT_EQ(unique_filename(doc, options, FileKind::archive, ".jpg", root.path()).value(),
            "none/my_doc.pdf");
}

}  // namespace
}  // namespace quire::media
