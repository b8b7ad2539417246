#include "util/atomic_file.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace quire::util {
namespace {

namespace fs = std::filesystem;

std::size_t count_entries(const fs::path& folder) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), {}));
}

TEST(AtomicFileTest, WritesNewFile) {
  test::TempDir dir;
  const fs::path target = dir.path() / "out.bin";
  ASSERT_TRUE(write_file_atomically(target, [](AtomicWriter& w) { return w.write("hello"); }));
  EXPECT_EQ(test::read_file(target), "hello");
  EXPECT_EQ(count_entries(dir.path()), 1u);
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::owner_read, fs::perms::owner_read);
}

TEST(AtomicFileTest, RefusesToOverwriteUnlessAsked) {
  test::TempDir dir;
  const fs::path target = dir.path() / "out.txt";
  test::write_file(target, "old");
  const std::string text = "new";
  const auto bytes = std::as_bytes(std::span(text.data(), text.size()));

  auto refused = write_file_atomically(target, bytes);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(test::read_file(target), "old");

  ASSERT_TRUE(write_file_atomically(target, bytes, Overwrite::yes));
  EXPECT_EQ(test::read_file(target), "new");
  EXPECT_EQ(count_entries(dir.path()), 1u);
}

TEST(AtomicFileTest, FailureMidWriteLeavesOldFileAndNoTemporary) {
  test::TempDir dir;
  const fs::path target = dir.path() / "doc.pdf";
  test::write_file(target, "original content");
  auto result = write_file_atomically(
      target,
      [](AtomicWriter& w) -> Status {
        if (auto first = w.write("partial data"); !first) return first;
        return fail(ErrorCode::io, "disk full (simulated)");
      },
      Overwrite::yes);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "disk full (simulated)");
  EXPECT_EQ(test::read_file(target), "original content");
  EXPECT_EQ(count_entries(dir.path()), 1u);
}

TEST(AtomicFileTest, FailureMidWriteLeavesNoNewFile) {
  test::TempDir dir;
  const fs::path target = dir.path() / "new.pdf";
  auto result = write_file_atomically(target, [](AtomicWriter& w) -> Status {
    if (auto first = w.write("partial"); !first) return first;
    return fail(ErrorCode::io, "interrupted");
  });
  ASSERT_FALSE(result);
  EXPECT_FALSE(fs::exists(target));
  EXPECT_EQ(count_entries(dir.path()), 0u);
}

TEST(AtomicFileTest, FailsWhenFolderIsMissing) {
  test::TempDir dir;
  auto result = write_file_atomically(dir.path() / "missing" / "x",
                                      [](AtomicWriter& w) { return w.write("x"); });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_NE(result.error().message.find("missing"), std::string::npos);
}

TEST(AtomicFileTest, CopiesFiles) {
  test::TempDir dir;
  const fs::path source = dir.path() / "source";
  std::string big(300 * 1024, 'x');
  big[1234] = 'y';
  test::write_file(source, big);
  ASSERT_TRUE(copy_file_atomically(source, dir.path() / "copy"));
  EXPECT_EQ(test::read_file(dir.path() / "copy"), big);

  auto missing = copy_file_atomically(dir.path() / "nope", dir.path() / "copy2");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_FALSE(fs::exists(dir.path() / "copy2"));

  auto from_folder = copy_file_atomically(dir.path(), dir.path() / "copy3");
  ASSERT_FALSE(from_folder);
  EXPECT_FALSE(fs::exists(dir.path() / "copy3"));
}

TEST(AtomicFileTest, MovesFilesWithoutReplacing) {
  test::TempDir dir;
  test::write_file(dir.path() / "a", "A");
  test::write_file(dir.path() / "b", "B");
  auto refused = move_file(dir.path() / "a", dir.path() / "b");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(test::read_file(dir.path() / "b"), "B");

  ASSERT_TRUE(move_file(dir.path() / "a", dir.path() / "c"));
  EXPECT_FALSE(fs::exists(dir.path() / "a"));
  EXPECT_EQ(test::read_file(dir.path() / "c"), "A");

  auto missing = move_file(dir.path() / "a", dir.path() / "d");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace quire::util
