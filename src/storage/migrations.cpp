#include "storage/migrations.hpp"

#include "storage/schema.hpp"
#include "storage/session.hpp"
#include "storage/sql_values.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace quire::storage {
namespace {

struct Migration {
  int version;
  const char* description;
  std::function<std::vector<std::string>(DatabaseEngine)> statements;
};

// Append only: a released migration never changes, later ones alter what it built.
const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "paperless-ngx 2.19 data model", schema_v1},
  };
  return migrations;
}

constexpr std::string_view k_create_table =
    "CREATE TABLE IF NOT EXISTS quire_migrations (version integer NOT NULL PRIMARY KEY, "
    "applied_at varchar(32) NOT NULL)";

Result<std::set<int>> applied_versions(Session& session) {
  auto rows = session.query("SELECT version FROM quire_migrations", 1);
  if (!rows) {
    return fail(rows.error());
  }
  std::set<int> versions;
  for (const SqlRow& row : *rows) {
    RowReader reader(row, "quire_migrations");
    const auto version = reader.integer();
    if (const Status status = reader.status(); !status) {
      return fail(status.error());
    }
    versions.insert(static_cast<int>(version));
  }
  return versions;
}

// Serialises migrating processes on PostgreSQL until the transaction ends (even the
// CREATE TABLE IF NOT EXISTS of two sessions can collide there). SQLite needs nothing: every
// write transaction starts with BEGIN IMMEDIATE, which already excludes other writers.
Status lock_migrations(Session& session) {
  if (session.engine() != DatabaseEngine::postgresql) {
    return {};
  }
  constexpr std::int64_t k_lock_key = 0x5155495245;  // "QUIRE"
  auto locked = session.query("SELECT pg_advisory_xact_lock(:key)", 1, {to_sql(k_lock_key)});
  if (!locked) {
    return fail(locked.error());
  }
  return {};
}

// Runs inside the write transaction: another process may have applied it meanwhile.
Result<bool> apply(Session& session, const Migration& migration) {
  if (const Status locked = lock_migrations(session); !locked) {
    return fail(locked.error());
  }
  auto applied = applied_versions(session);
  if (!applied) {
    return fail(applied.error());
  }
  if (applied->contains(migration.version)) {
    return false;
  }

  const Status created = session.execute_all(migration.statements(session.engine()));
  if (!created) {
    return fail(created.error().code, fmt::format("migration {} ({}): {}", migration.version,
                                                  migration.description, created.error().message));
  }
  const auto now = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto recorded = session.execute(
      "INSERT INTO quire_migrations (version, applied_at) VALUES (:version, :applied_at)",
      {to_sql(std::int64_t{migration.version}), to_sql(Timestamp{now})});
  if (!recorded) {
    return fail(recorded.error());
  }
  return true;
}

Status ensure_migration_table(Database& database) {
  return database.write([](WriteContext& context) -> Status {
    if (const Status locked = lock_migrations(context.session()); !locked) {
      return locked;
    }
    auto created = context.session().execute(k_create_table);
    if (!created) {
      return fail(created.error());
    }
    return {};
  });
}

}  // namespace

int latest_schema_version() { return all_migrations().back().version; }

Result<int> pending_migrations(Database& database) {
  if (const Status ready = ensure_migration_table(database); !ready) {
    return fail(ready.error());
  }
  auto applied =
      database.read([](ReadContext& context) { return applied_versions(context.session()); });
  if (!applied) {
    return fail(applied.error());
  }
  int pending = 0;
  for (const Migration& migration : all_migrations()) {
    pending += applied->contains(migration.version) ? 0 : 1;
  }
  return pending;
}

Result<int> migrate(Database& database) {
  if (const Status ready = ensure_migration_table(database); !ready) {
    return fail(ready.error());
  }
  auto log = spdlog::get("storage");
  if (!log) {
    log = spdlog::default_logger();
  }

  int ran = 0;
  for (const Migration& migration : all_migrations()) {
    auto applied =
        database.write([&](WriteContext& context) { return apply(context.session(), migration); });
    if (!applied) {
      return fail(applied.error());
    }
    if (*applied) {
      log->info("applied migration version={} description=\"{}\"", migration.version,
                migration.description);
      ++ran;
    }
  }
  return ran;
}

}  // namespace quire::storage
