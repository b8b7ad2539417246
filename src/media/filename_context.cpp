#include "media/filename_context.hpp"

namespace quire::media {

FilenameContext sample_filename_context() {
  using namespace std::chrono;
  FilenameContext context;
  context.id = 1;
  context.title = "Sample Title";
  context.content = "This is some sample document content.";
  context.correspondent = NamedRef{1, "Sample Correspondent"};
  context.document_type = NamedRef{1, "Sample Type"};
  context.storage_path = NamedRef{1, "Sample Storage Path"};
  context.storage_path_template = "/dummy/path";
  context.archive_serial_number = 12345;
  context.owner = OwnerRef{1, "owner"};
  context.original_filename = "original_file.pdf";
  context.mime_type = "application/pdf";
  context.checksum = "0123456789abcdef0123456789abcdef";
  context.archive_checksum = "fedcba9876543210fedcba9876543210";
  context.page_count = 5;
  context.filename = "dummy/filename.pdf";
  context.archive_filename = "dummy/archive_filename.pdf";
  context.created = year{2024} / January / 15;
  context.added = sys_days{year{2024} / January / 16} + hours{9};
  context.added_local = year{2024} / January / 16;
  context.modified = context.added;
  context.tags = {TagRef{1, "Another Test Tag"}, TagRef{2, "Test Tag 1"}};
  context.custom_fields = {CustomFieldRef{"Text Custom Field", "string", "Some String Text"}};
  return context;
}

}  // namespace quire::media
