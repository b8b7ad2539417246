#include "media/public_filename.hpp"

#include <gtest/gtest.h>

namespace quire::media {
namespace {

using namespace std::chrono;

TEST(PublicFilenameTest, JoinsDateCorrespondentAndTitle) {
  const Date created = year{2021} / February / 15;
  EXPECT_EQ(public_filename(created, std::nullopt, "file-sample_150kBs", ".pdf"),
            "2021-02-15 file-sample_150kBs.pdf");
  EXPECT_EQ(public_filename(created, std::string("ACME"), "Invoice", ".jpg"),
            "2021-02-15 ACME Invoice.jpg");
  EXPECT_EQ(public_filename(created, std::string("ACME"), "", ".pdf"), "2021-02-15 ACME.pdf");
  EXPECT_EQ(public_filename(created, std::nullopt, "", ".txt", 3), "2021-02-15_03.txt");
}

TEST(PublicFilenameTest, SanitisesTheWholeName) {
  const Date created = year{2020} / January / 2;
  EXPECT_EQ(public_filename(created, std::string("A/B"), "x:y", ".pdf"), "2020-01-02 A-B x-y.pdf");
}

}  // namespace
}  // namespace quire::media
