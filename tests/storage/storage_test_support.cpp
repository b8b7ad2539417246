#include "storage_test_support.hpp"

#include "storage/migrations.hpp"
#include "storage/session.hpp"
#include "test_support.hpp"

#include <cstdlib>
#include <filesystem>
#include <random>
#include <sstream>

namespace quire::storage::test {
namespace {

Status run_admin_statement(const DatabaseOptions& options, const std::string& sql) {
  DatabaseOptions admin = options;
  admin.schema.clear();
  admin.read_connections = 1;
  auto database = Database::open(admin);
  if (!database) {
    return fail(database.error());
  }
  return (*database)->write([&](WriteContext& context) -> Status {
    auto done = context.session().execute(sql);
    if (!done) {
      return fail(done.error());
    }
    return {};
  });
}

std::string random_suffix() {
  std::random_device entropy;
  std::ostringstream text;
  text << std::hex << entropy() << entropy();
  return text.str();
}

}  // namespace

std::optional<DatabaseOptions> postgres_options_from_environment() {
  const char* conninfo = std::getenv("QUIRE_TEST_POSTGRES");
  if (conninfo == nullptr || *conninfo == '\0') {
    return std::nullopt;
  }
  DatabaseOptions options;
  options.engine = DatabaseEngine::postgresql;
  options.sslmode = "disable";
  std::istringstream pairs(conninfo);
  std::string pair;
  while (pairs >> pair) {
    const auto equals = pair.find('=');
    if (equals == std::string::npos) {
      continue;
    }
    const std::string key = pair.substr(0, equals);
    const std::string value = pair.substr(equals + 1);
    if (key == "host") options.host = value;
    if (key == "port") options.port = std::stoi(value);
    if (key == "dbname") options.name = value;
    if (key == "user") options.user = value;
    if (key == "password") options.password = value;
    if (key == "sslmode") options.sslmode = value;
  }
  return options;
}

std::unique_ptr<ScratchDatabase> ScratchDatabase::create(DatabaseEngine engine) {
  std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase());
  if (engine == DatabaseEngine::sqlite) {
    const auto dir = std::filesystem::temp_directory_path() / ("quire-storage-" + random_suffix());
    std::filesystem::create_directories(dir);
    scratch->m_temp_dir = dir.string();
    scratch->m_options.engine = DatabaseEngine::sqlite;
    scratch->m_options.sqlite_path = dir / "db.sqlite3";
    return scratch;
  }

  const auto options = postgres_options_from_environment();
  if (!options) {
    ADD_FAILURE() << "QUIRE_TEST_POSTGRES is not set";
    return nullptr;
  }
  scratch->m_options = *options;
  const std::string schema = "quire_test_" + random_suffix();
  const Status created = run_admin_statement(*options, "CREATE SCHEMA " + schema);
  if (!created) {
    ADD_FAILURE() << "cannot create schema " << schema << ": " << created.error().message;
    return nullptr;
  }
  scratch->m_schema = schema;
  scratch->m_options.schema = schema;
  return scratch;
}

ScratchDatabase::~ScratchDatabase() {
  if (!m_schema.empty()) {
    const Status dropped = run_admin_statement(m_options, "DROP SCHEMA " + m_schema + " CASCADE");
    EXPECT_TRUE(dropped) << dropped.error().message;
  }
  if (!m_temp_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(m_temp_dir, ignored);
  }
}

void StorageTest::SetUp() {
  if (GetParam() == DatabaseEngine::postgresql && !postgres_options_from_environment()) {
    QUIRE_SKIP_UNLESS_CI("QUIRE_TEST_POSTGRES is not set (see scripts/start-test-postgres)");
  }
  m_scratch = ScratchDatabase::create(GetParam());
  ASSERT_NE(m_scratch, nullptr);
  auto database = Database::open(m_scratch->options());
  ASSERT_TRUE(database) << database.error().message;
  m_database = std::move(*database);
  auto migrated = migrate(*m_database);
  ASSERT_TRUE(migrated) << migrated.error().message;
}

void StorageTest::TearDown() {
  m_database.reset();
  m_scratch.reset();
}

std::string engine_name(const ::testing::TestParamInfo<DatabaseEngine>& info) {
  return info.param == DatabaseEngine::sqlite ? "sqlite" : "postgresql";
}

}  // namespace quire::storage::test
