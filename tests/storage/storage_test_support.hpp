#pragma once

#include "storage/database.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

namespace quire::storage::test {

/// Connection settings from `QUIRE_TEST_POSTGRES` (libpq `key=value` pairs), if set.
[[nodiscard]] std::optional<DatabaseOptions> postgres_options_from_environment();

/// A fresh database for one test: an SQLite file in a temp folder, or a new schema in the
/// PostgreSQL database named by `QUIRE_TEST_POSTGRES`, dropped again on destruction.
class ScratchDatabase {
 public:
  /// Fails the current test (ADD_FAILURE) and returns null when it cannot be created.
  static std::unique_ptr<ScratchDatabase> create(DatabaseEngine engine);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  /// Options that open the same database again (a second process, in effect).
  [[nodiscard]] const DatabaseOptions& options() const { return m_options; }

 private:
  ScratchDatabase() = default;

  DatabaseOptions m_options;
  std::string m_temp_dir;  ///< SQLite only
  std::string m_schema;    ///< PostgreSQL only
};

/// Base fixture for tests run on both engines: `database()` is open and migrated. PostgreSQL
/// cases skip locally (fail in CI) when `QUIRE_TEST_POSTGRES` is unset.
class StorageTest : public ::testing::TestWithParam<DatabaseEngine> {
 protected:
  void SetUp() override;
  void TearDown() override;

  [[nodiscard]] Database& database() { return *m_database; }
  [[nodiscard]] const DatabaseOptions& options() const { return m_scratch->options(); }

 private:
  std::unique_ptr<ScratchDatabase> m_scratch;
  std::unique_ptr<Database> m_database;
};

/// "sqlite" / "postgresql", for test names.
std::string engine_name(const ::testing::TestParamInfo<DatabaseEngine>& info);

}  // namespace quire::storage::test

/// Instantiates a `StorageTest`-derived suite for both engines.
#define QUIRE_STORAGE_ENGINES(suite)                                                        \
  INSTANTIATE_TEST_SUITE_P(Engines, suite,                                                  \
                           ::testing::Values(::quire::storage::DatabaseEngine::sqlite,      \
                                             ::quire::storage::DatabaseEngine::postgresql), \
                           ::quire::storage::test::engine_name)
