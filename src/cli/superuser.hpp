#pragma once

#include "config/settings.hpp"
#include "core/error.hpp"

#include <string>

namespace quire::storage {
class Database;
}

namespace quire::cli {

/// What `manage_superuser` did (admin.md §16).
enum class AdminOutcome { created, user_exists, superuser_exists, no_password };

/// Creates the superuser of PAPERLESS_ADMIN_USER / _PASSWORD / _MAIL unless a user of that
/// name exists, any superuser exists, or no password is set, in that order of checks.
[[nodiscard]] Result<AdminOutcome> manage_superuser(storage::Database& database,
                                                    const config::AdminSettings& admin);

/// Start-up form of `manage_superuser`: only when PAPERLESS_ADMIN_USER is set, with one log
/// line when the user is created.
[[nodiscard]] Status ensure_admin_user(storage::Database& database,
                                       const config::AdminSettings& admin);

/// Creates a superuser with a Django `pbkdf2_sha256` hash of `password`. Errors: `conflict`
/// when the username is taken, `invalid_argument` for an empty or too long name.
[[nodiscard]] Status create_superuser(storage::Database& database, const std::string& username,
                                      const std::string& email, const std::string& password);

}  // namespace quire::cli
