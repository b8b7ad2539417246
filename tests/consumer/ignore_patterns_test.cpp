#include "consumer/ignore_patterns.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace quire::consumer {
namespace {

const std::filesystem::path k_root = "/srv/consume";

bool ignored(std::string_view relative, const std::vector<std::string>& patterns) {
  return is_ignored(k_root / relative, k_root, patterns);
}

bool ignored_by_default(std::string_view relative) {
  return ignored(relative, default_ignore_patterns());
}

// Expected values checked against paperless-ngx's _is_ignored logic run in Python 3.11.
TEST(IgnorePatternsTest, DefaultPatternsMatchMetadataFilesAtAnyDepth) {
  EXPECT_TRUE(ignored_by_default("._a.pdf"));
  EXPECT_TRUE(ignored_by_default(".DS_Store"));
  EXPECT_TRUE(ignored_by_default("x/.DS_STORE"));
  EXPECT_TRUE(ignored_by_default("desktop.ini"));
  EXPECT_TRUE(ignored_by_default("sub/Thumbs.db"));
  EXPECT_FALSE(ignored_by_default("a.pdf"));
  EXPECT_FALSE(ignored_by_default("Desktop.ini"));
}

TEST(IgnorePatternsTest, FolderPatternsMatchFoldersAtAnyDepth) {
  EXPECT_TRUE(ignored_by_default("@eaDir/a.pdf"));
  EXPECT_TRUE(ignored_by_default("a/b/@eaDir/c.pdf"));
  EXPECT_TRUE(ignored_by_default(".stfolder/x.pdf"));
  EXPECT_TRUE(ignored_by_default(".stversions/a/b.pdf"));
  EXPECT_TRUE(ignored_by_default(".localized/x"));
  EXPECT_TRUE(ignored_by_default("._dir/a.pdf"));
  EXPECT_FALSE(ignored_by_default("x@eaDir/a.pdf"));
  EXPECT_FALSE(ignored_by_default("dir._x/a.pdf"));
}

TEST(IgnorePatternsTest, FolderPatternDoesNotMatchAFileOfThatName) {
  EXPECT_FALSE(ignored_by_default("@eaDir"));
}

TEST(IgnorePatternsTest, FolderNamedLikeTheFileGetsNoSlash) {
  // paperless-ngx compares names to find the file component (compatibility quirk).
  EXPECT_FALSE(ignored_by_default("@eaDir/@eaDir"));
  EXPECT_FALSE(ignored("a.pdf/a.pdf", {"a.pdf/"}));
  EXPECT_TRUE(ignored("a.pdf/b.pdf", {"a.pdf/"}));
}

TEST(IgnorePatternsTest, PatternsNeedingTextAfterSlashNeverMatch) {
  EXPECT_FALSE(ignored("a/b/c.pdf", {"a/b/*"}));
  EXPECT_FALSE(ignored("a/b/c.pdf", {"*/c.pdf"}));
  EXPECT_TRUE(ignored("a/b/c.pdf", {"a/*"}));
  EXPECT_TRUE(ignored("a/b/c.pdf", {"*b/"}));
  EXPECT_TRUE(ignored("a/b/c.pdf", {"*"}));
}

TEST(IgnorePatternsTest, EmptyPatternListIgnoresNothing) { EXPECT_FALSE(ignored("._a.pdf", {})); }

}  // namespace
}  // namespace quire::consumer
