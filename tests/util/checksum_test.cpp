#include "util/checksum.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace quire::util {
namespace {

TEST(ChecksumTest, HashesKnownVectors) {
  const std::string text = "The quick brown fox jumps over the lazy dog";
  const auto bytes = std::as_bytes(std::span(text.data(), text.size()));
  EXPECT_EQ(digest(bytes, HashAlgorithm::md5).value(), "9e107d9d372bb6826bd81d3542a419d6");
  EXPECT_EQ(digest(bytes, HashAlgorithm::sha256).value(),
            "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
  EXPECT_EQ(digest({}, HashAlgorithm::md5).value(), "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(ChecksumTest, HashesFilesInChunks) {
  test::TempDir dir;
  const auto path = dir.path() / "big.bin";
  {
    std::ofstream out(path, std::ios::binary);
    const std::string block(100 * 1024, 'a');
    for (int i = 0; i < 3; ++i) out << block;
  }
  const std::string all(300 * 1024, 'a');
  const auto expected =
      digest(std::as_bytes(std::span(all.data(), all.size())), HashAlgorithm::md5);
  EXPECT_EQ(md5_file(path).value(), expected.value());
  EXPECT_EQ(sha256_file(path).value().size(), 64u);
}

TEST(ChecksumTest, MatchesPaperlessSampleChecksum) {
  const auto sample = test::paperless_sample("src/documents/tests/samples/simple.pdf");
  if (!std::filesystem::exists(sample)) QUIRE_SKIP_UNLESS_CI("paperless sample simple.pdf missing");
  auto md5 = md5_file(sample);
  ASSERT_TRUE(md5) << md5.error().message;
  // The checksum paperless-ngx stores for this sample.
  EXPECT_EQ(*md5, "42995833e01aea9b3edee44bbfdd7ce1");
}

TEST(ChecksumTest, ReportsMissingAndUnreadableFiles) {
  test::TempDir dir;
  auto missing = md5_file(dir.path() / "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_NE(missing.error().message.find("nope"), std::string::npos);

  auto folder = md5_file(dir.path());
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, ErrorCode::io);
}

}  // namespace
}  // namespace quire::util
