#pragma once

#include "core/error.hpp"
#include "storage/database.hpp"

namespace quire::storage {

/// Brings the schema up to date. Applied versions are recorded in the table
/// `quire_migrations (version, applied_at)`; each pending migration runs in its own write
/// transaction together with its record, so a failure leaves the database at the previous
/// version. Safe to call again (returns 0) and safe against a second process migrating at the
/// same time (the migration table is locked for the duration). Returns how many ran.
[[nodiscard]] Result<int> migrate(Database& database);

/// How many migrations `migrate` would apply now.
[[nodiscard]] Result<int> pending_migrations(Database& database);

/// The newest schema version this build knows.
[[nodiscard]] int latest_schema_version();

}  // namespace quire::storage
