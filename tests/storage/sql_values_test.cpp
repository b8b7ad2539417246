#include "storage/sql_values.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace quire::storage {
namespace {

using namespace std::chrono_literals;

Timestamp at(int year, unsigned month, unsigned day, std::chrono::microseconds time) {
  return Timestamp{std::chrono::sys_days{std::chrono::year{year} / month / day} + time};
}

TEST(SqlValuesTest, FormatsTimestampLikeDjangoOnSqlite) {
  EXPECT_EQ(format_timestamp(at(2024, 3, 5, 7h + 8min + 9s + 12us)), "2024-03-05 07:08:09.000012");
}

TEST(SqlValuesTest, ParsesWhatItFormats) {
  const Timestamp value = at(1999, 12, 31, 23h + 59min + 59s + 999999us);
  EXPECT_EQ(parse_timestamp(format_timestamp(value)), value);
}

TEST(SqlValuesTest, ParsesPostgresTimestamptzText) {
  EXPECT_EQ(parse_timestamp("2024-03-05 07:08:09.5+00"), at(2024, 3, 5, 7h + 8min + 9s + 500000us));
  EXPECT_EQ(parse_timestamp("2024-03-05 07:08:09+00"), at(2024, 3, 5, 7h + 8min + 9s));
  EXPECT_EQ(parse_timestamp("2024-03-05T09:08:09+02:00"), at(2024, 3, 5, 7h + 8min + 9s));
  EXPECT_EQ(parse_timestamp("2024-03-05T02:08:09-0500"), at(2024, 3, 5, 7h + 8min + 9s));
  EXPECT_EQ(parse_timestamp("2024-03-05T07:08:09Z"), at(2024, 3, 5, 7h + 8min + 9s));
}

TEST(SqlValuesTest, RejectsMalformedTimestamps) {
  EXPECT_FALSE(parse_timestamp(""));
  EXPECT_FALSE(parse_timestamp("2024-03-05"));
  EXPECT_FALSE(parse_timestamp("2024-02-30 00:00:00"));
  EXPECT_FALSE(parse_timestamp("2024-03-05 25:00:00"));
  EXPECT_FALSE(parse_timestamp("2024-03-05 10:00:00."));
  EXPECT_FALSE(parse_timestamp("2024-03-05 10:00:00 junk"));
}

TEST(SqlValuesTest, FormatsAndParsesDates) {
  const Date date{std::chrono::year{2021}, std::chrono::month{2}, std::chrono::day{15}};
  EXPECT_EQ(format_date(date), "2021-02-15");
  EXPECT_EQ(parse_date("2021-02-15"), date);
  EXPECT_FALSE(parse_date("2021-13-01"));
  EXPECT_FALSE(parse_date("15.02.2021"));
}

TEST(SqlValuesTest, RowReaderDecodesCellsInOrder) {
  const SqlRow row = {"42", std::nullopt, "t", "0", "2024-01-02 03:04:05", "hello"};
  RowReader reader(row, "example");
  EXPECT_EQ(reader.integer(), 42);
  EXPECT_EQ(reader.optional_integer(), std::nullopt);
  EXPECT_TRUE(reader.boolean());
  EXPECT_FALSE(reader.boolean());
  EXPECT_EQ(reader.timestamp(), at(2024, 1, 2, 3h + 4min + 5s));
  EXPECT_EQ(reader.text(), "hello");
  EXPECT_TRUE(reader.status());
}

TEST(SqlValuesTest, RowReaderReportsFirstBadCell) {
  const SqlRow row = {"forty-two", std::nullopt};
  RowReader reader(row, "example");
  EXPECT_EQ(reader.integer(), 0);
  EXPECT_EQ(reader.text(), "");
  const Status status = reader.status();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::corruption);
  EXPECT_NE(status.error().message.find("example column 1"), std::string::npos);
  EXPECT_NE(status.error().message.find("forty-two"), std::string::npos);
}

TEST(SqlValuesTest, RowReaderRejectsNullWhereValueIsRequired) {
  const SqlRow row = {std::nullopt};
  RowReader reader(row, "example");
  reader.timestamp();
  EXPECT_FALSE(reader.status());
}

}  // namespace
}  // namespace quire::storage
