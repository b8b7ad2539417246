#pragma once

// Private to src/storage/: the DDL of each migration, as statements for one engine.

#include "storage/database.hpp"

#include <string>
#include <vector>

namespace quire::storage {

/// Migration 1: the whole paperless-ngx 2.19 data model (api.md Part B) with Django's table
/// and column names, constraints, ON DELETE behaviours and indexes, plus the singleton
/// `paperless_applicationconfiguration` row.
[[nodiscard]] std::vector<std::string> schema_v1(DatabaseEngine engine);

}  // namespace quire::storage
