#include "config/settings.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace quire::config {
namespace {

TEST(SettingsTest, DefaultsMatchPaperless) {
  const auto settings = parse_settings({});
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->paths.data_dir.filename(), "data");
  EXPECT_EQ(settings->paths.media_root.filename(), "media");
  EXPECT_EQ(settings->paths.consumption_dir.filename(), "consume");
  EXPECT_EQ(settings->paths.originals_dir(), settings->paths.media_root / "documents/originals");
  EXPECT_EQ(settings->database.engine, DatabaseEngine::sqlite);
  EXPECT_EQ(settings->database.sqlite_path, settings->paths.data_dir / "db.sqlite3");
  EXPECT_EQ(settings->ocr.language, "eng");
  EXPECT_EQ(settings->ocr.mode, "skip");
  EXPECT_EQ(settings->dates.date_order, "DMY");
  EXPECT_EQ(settings->consumer.ignore_patterns.size(), 9u);
  EXPECT_FALSE(settings->filenames.format.has_value());
  EXPECT_FALSE(settings->admin.user_set);
}

TEST(SettingsTest, DatabaseHostSelectsPostgres) {
  const auto settings =
      parse_settings({{"PAPERLESS_DBHOST", "db.local"}, {"PAPERLESS_DBPORT", "5433"}});
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->database.engine, DatabaseEngine::postgresql);
  EXPECT_EQ(settings->database.host, "db.local");
  EXPECT_EQ(settings->database.port, 5433);
}

TEST(SettingsTest, BooleansAcceptPaperlessSpellings) {
  for (const char* truthy : {"yes", "Y", "1", "t", "TRUE"}) {
    const auto settings = parse_settings({{"PAPERLESS_CONSUMER_RECURSIVE", truthy}});
    ASSERT_TRUE(settings);
    EXPECT_TRUE(settings->consumer.recursive) << truthy;
  }
  const auto settings = parse_settings({{"PAPERLESS_CONSUMER_RECURSIVE", "nope"}});
  ASSERT_TRUE(settings);
  EXPECT_FALSE(settings->consumer.recursive);
}

TEST(SettingsTest, BadNumberNamesTheSettingAndValue) {
  const auto settings = parse_settings({{"PAPERLESS_CONSUMER_POLLING", "soon"}});
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(settings.error().message.find("PAPERLESS_CONSUMER_POLLING"), std::string::npos);
  EXPECT_NE(settings.error().message.find("soon"), std::string::npos);
}

TEST(SettingsTest, UnknownEngineAndModeAreRejected) {
  EXPECT_FALSE(parse_settings({{"PAPERLESS_DBENGINE", "oracle"}}));
  EXPECT_FALSE(parse_settings({{"PAPERLESS_DBENGINE", "mariadb"}}));
  EXPECT_FALSE(parse_settings({{"PAPERLESS_OCR_MODE", "sometimes"}}));
  EXPECT_FALSE(parse_settings({{"PAPERLESS_DATE_ORDER", "DXY"}}));
}

TEST(SettingsTest, IgnorePatternsMustBeAJsonList) {
  const auto good = parse_settings({{"PAPERLESS_CONSUMER_IGNORE_PATTERNS", R"(["*.tmp"])"}});
  ASSERT_TRUE(good);
  EXPECT_EQ(good->consumer.ignore_patterns, std::vector<std::string>{"*.tmp"});
  EXPECT_FALSE(parse_settings({{"PAPERLESS_CONSUMER_IGNORE_PATTERNS", "*.tmp"}}));
}

TEST(SettingsTest, DateParserLanguagesSplitOnPlus) {
  const auto settings = parse_settings(
      {{"PAPERLESS_DATE_PARSER_LANGUAGES", "de+en"}, {"PAPERLESS_DATE_ORDER", "ymd"}});
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->dates.parser_languages, (std::vector<std::string>{"de", "en"}));
  EXPECT_EQ(settings->dates.date_order, "YMD");
}

TEST(SettingsTest, EnvironmentWinsOverConfigurationFile) {
  test::TempDir dir;
  const auto conf = dir.path() / "paperless.conf";
  std::ofstream(conf)
      << "# comment\nPAPERLESS_OCR_LANGUAGE=deu\nPAPERLESS_TIME_ZONE=\"Europe/Berlin\"\n";
  ::setenv("PAPERLESS_CONFIGURATION_PATH", conf.c_str(), 1);
  ::setenv("PAPERLESS_OCR_LANGUAGE", "eng+deu", 1);
  const auto values = gather_setting_values();
  ::unsetenv("PAPERLESS_CONFIGURATION_PATH");
  ::unsetenv("PAPERLESS_OCR_LANGUAGE");
  ASSERT_TRUE(values) << values.error().message;
  EXPECT_EQ(values->at("PAPERLESS_OCR_LANGUAGE"), "eng+deu");
  EXPECT_EQ(values->at("PAPERLESS_TIME_ZONE"), "Europe/Berlin");
}

TEST(SettingsTest, MissingConfigurationFileIsAnError) {
  ::setenv("PAPERLESS_CONFIGURATION_PATH", "/nonexistent/paperless.conf", 1);
  const auto values = gather_setting_values();
  ::unsetenv("PAPERLESS_CONFIGURATION_PATH");
  ASSERT_FALSE(values);
  EXPECT_NE(values.error().message.find("/nonexistent/paperless.conf"), std::string::npos);
}

}  // namespace
}  // namespace quire::config
